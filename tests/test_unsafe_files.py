"""Nothing from outside the repository: links, special files and snippets, through the whole path.

The hostile cases tests/cases/hostile/fs-*.yml and snippet-*.yml give each problem's exact
diagnostics; here the strict site build runs on them (all at once, to keep the suite fast) and no
byte of what they point at may reach site/. Then the commands that write: add, new, fmt, render.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
import yaml

from support import (BASE, CASES, MARKER, REPO, Fifo, Link, build_site, case_files, outside_of,
                     write_tree)
from readinglist.cli import main
from readinglist.loaders.textfile import read_text

HOSTILE = CASES / "hostile"
# Links to folders are refused before MkDocs lists docs/, so they need a build of their own.
EARLY = sorted(HOSTILE.glob("fs-link-folder*.yml"))
LATE = sorted(set(HOSTILE.glob("fs-*.yml")) - set(EARLY)) + sorted(HOSTILE.glob("snippet-*.yml"))


@pytest.fixture
def small_site(tmp_path: Path) -> Path:
    """The small base knowledge base with everything the site is built from."""
    root = tmp_path / "kb"
    shutil.copytree(BASE, root)
    for part in ("docs", "scripts"):
        shutil.copytree(REPO / part, root / part, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "CONTRIBUTING.md"):
        shutil.copy(REPO / name, root / name)
    (root / "node_modules").symlink_to(REPO / "node_modules")
    return root


def overlay(root: Path, cases: list[Path]) -> list[str]:
    """Write every case into root; return their expected diagnostics, placeholders filled."""
    outside, expected = outside_of(root), []
    for case in cases:
        spec = yaml.safe_load(case.read_text(encoding="utf-8"))
        write_tree(root, case_files(spec["files"], outside))
        expected += [line.replace("{outside}", str(outside)) for line in spec["diagnostics"]]
    return expected


def assert_nothing_leaked(site: Path) -> None:
    for path in site.rglob("*") if site.exists() else ():
        if path.is_file() and not path.is_symlink():
            assert MARKER.encode() not in path.read_bytes(), path


def test_the_strict_build_refuses_each_hostile_file_and_snippet(small_site, tmp_path):
    expected = overlay(small_site, LATE)
    site = tmp_path / "site"
    result = build_site(small_site, site, timeout=120)   # /dev/zero and pipes must not hang it
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    for line in expected:
        assert f"ERROR   -  readinglist: {line}\n" in result.stderr, line
    # The last line of defence, on the generated page the note's snippet would have reached.
    assert re.search(r"papers/smith2020deep\.md: line \d+: snippet '\.git/config' names a "
                     r"hidden .*\(left out of the page\)\n", result.stderr)
    assert_nothing_leaked(site)
    assert not (site / "x" / "leak").exists() and not (site / "zero").exists()


def test_a_link_to_a_folder_in_docs_stops_the_build_before_mkdocs_lists_it(small_site, tmp_path):
    expected = overlay(small_site, EARLY)
    site = tmp_path / "site"
    result = build_site(small_site, site, timeout=120)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    docs = [line for line in expected if line.startswith("docs/")]
    for line in docs:
        assert f"ERROR   -  readinglist: {line}\n" in result.stderr, line
    assert "docs/ holds the links above, which MkDocs would follow" in result.stderr
    assert_nothing_leaked(site)


def test_the_real_site_builds_its_one_snippet(built_site):
    page = (built_site / "contributing/index.html").read_text(encoding="utf-8")
    assert "The reading map grows by pull request." in page


# Reading: never through a link, never hanging on a pipe, even when a file changes after listing.

def test_a_file_that_became_a_pipe_after_listing_is_refused_without_waiting(tmp_path):
    write_tree(tmp_path, {"notes/a.md": Fifo()})
    text, found = read_text(tmp_path, "notes/a.md")
    assert (text, [str(d) for d in found]) == ("", [
        "notes/a.md:1:1: special-file: 'notes/a.md' is a named pipe (FIFO); only regular files "
        "are read, so delete it"])


def test_a_folder_that_became_a_link_after_listing_is_not_followed(tmp_path):
    write_tree(tmp_path, {"elsewhere/a.md": "secret", "notes": Link("elsewhere")})
    text, found = read_text(tmp_path, "notes/a.md")
    assert text == "" and [d.code for d in found] == ["symlink"]


def test_a_linked_notes_folder_is_one_diagnostic(base_tree, capsys):
    shutil.move(base_tree / "notes", base_tree / "real-notes")
    write_tree(base_tree, {"notes": Link("real-notes")})
    assert main(["check", "--root", str(base_tree)]) == 1
    assert capsys.readouterr().out == (
        "notes:1:1: symlink: 'notes' is a symbolic link to 'real-notes'; only regular files are "
        "read (content has one place), so put the content itself here or delete the link\n")


# Writing: add, new, fmt and render never write through a link or replace its target.

def snapshot(root: Path) -> dict[str, bytes | str]:
    """Every entry under root: a regular file's bytes, a link's target, a pipe's kind."""
    found = {}
    for path in sorted(root.rglob("*")):
        name = path.relative_to(root).as_posix()
        if path.is_symlink():
            found[name] = f"link to {os.readlink(path)}"
        elif path.is_fifo():
            found[name] = "fifo"
        elif path.is_file() and path.name != ".readinglist.lock":
            found[name] = path.read_bytes()
    return found


BIBTEX = "@article{Zotero1, title={Fresh Results}, author={Ng, Andrew}, year={2011}, doi={10.1/x}}\n"


def test_add_refuses_to_write_through_a_linked_bibliography(base_tree, tmp_path, capsys):
    shutil.move(base_tree / "bib/references.bib", tmp_path / "real.bib")
    write_tree(base_tree, {"bib/references.bib": Link(str(tmp_path / "real.bib"))})
    write_tree(tmp_path, {"new.bib": BIBTEX})
    before, real = snapshot(base_tree), (tmp_path / "real.bib").read_bytes()
    assert main(["add", "--bibtex", str(tmp_path / "new.bib"), "--to", "models/kernels",
                 "--root", str(base_tree)]) == 1
    assert snapshot(base_tree) == before and (tmp_path / "real.bib").read_bytes() == real
    assert capsys.readouterr().err == (
        f"readinglist: 'bib/references.bib' is a symbolic link to '{tmp_path / 'real.bib'}'; "
        "readinglist reads and writes only regular files, never through a link\n")


def test_add_refuses_a_linked_notes_folder(base_tree, tmp_path, capsys):
    write_tree(tmp_path, {"new.bib": BIBTEX})
    shutil.move(base_tree / "notes", tmp_path / "elsewhere")
    write_tree(base_tree, {"notes": Link(str(tmp_path / "elsewhere"))})
    before, elsewhere = snapshot(base_tree), snapshot(tmp_path / "elsewhere")
    assert main(["add", "--bibtex", str(tmp_path / "new.bib"), "--to", "models/kernels",
                 "--root", str(base_tree)]) == 1
    assert snapshot(base_tree) == before and snapshot(tmp_path / "elsewhere") == elsewhere
    assert "'notes' is a symbolic link to " in capsys.readouterr().err


def test_new_refuses_a_dangling_link_where_the_note_goes(base_tree, tmp_path, capsys):
    write_tree(base_tree, {"notes/jones2019kernel.md": Link(str(tmp_path / "created.md"))})
    assert main(["new", "jones2019kernel", "--root", str(base_tree)]) == 1
    assert not (tmp_path / "created.md").exists()
    assert "'notes/jones2019kernel.md' is a symbolic link" in capsys.readouterr().err


def test_fmt_skips_links_and_pipes_and_leaves_them_alone(base_tree, tmp_path, capsys):
    write_tree(tmp_path, {"messy.bib": "@misc{a2020b,title={T},author={A, B},year={2020},"
                                       "url={https://e.org}}\n"})
    write_tree(base_tree, {"bib/linked.bib": Link(str(tmp_path / "messy.bib")),
                           "taxonomy/pipe.yml": Fifo()})
    before = snapshot(base_tree)
    assert main(["fmt", "--root", str(base_tree)]) == 0
    assert snapshot(base_tree) == before
    assert (tmp_path / "messy.bib").read_text().startswith("@misc{a2020b,title")
    assert capsys.readouterr().out == ""


def test_render_refuses_to_write_through_a_link_in_its_folder(tmp_path, capsys):
    out = tmp_path / "out"
    write_tree(out, {"papers": Link(str(tmp_path / "elsewhere"))})
    (tmp_path / "elsewhere").mkdir()
    assert main(["render", str(out), "--root", str(REPO)]) == 1
    assert list((tmp_path / "elsewhere").iterdir()) == []
    assert "'papers' is a symbolic link to " in capsys.readouterr().err
