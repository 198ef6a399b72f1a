"""`readinglist add`, `new` and `fmt`: exactly the expected changes, or none at all."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fakes import FakeScholarlyServer
from support import write_tree
from readinglist.edit import transaction
from readinglist.cli import main

NEW_ID = "2401.01234"
NEW_ENTRY = """@misc{lovelace2024fresh,
  title         = {A Fresh Look at Deep Linear Networks},
  author        = {Lovelace, Ada and Turing, Alan},
  year          = {2024},
  howpublished  = {arXiv preprint},
  eprint        = {2401.01234},
  archiveprefix = {arXiv},
  primaryclass  = {cs.LG},
  abstract      = {We look again at deep linear networks and find, invented for this test, that $\\|W\\|_F$ grows \\& shrinks by 5\\% at once.},
}
"""
# arXiv's summaries are wrapped and indented; the entry keeps them on one line, LaTeX-escaped.
NEW_ABSTRACT = """  We look again at deep linear networks and find,
  invented for this test, that $\\|W\\|_F$ grows & shrinks by 5% at once.
"""


@pytest.fixture
def scholarly(monkeypatch):
    server = FakeScholarlyServer()
    server.arxiv[NEW_ID] = {"title": "A Fresh Look at Deep Linear Networks", "year": "2024",
                            "authors": ["Ada Lovelace", "Alan Turing"],
                            "abstract": NEW_ABSTRACT}
    for name, value in server.env().items():
        monkeypatch.setenv(name, value)
    yield server
    server.close()


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file() and p.name != ".readinglist.lock"}


def run(root: Path, *args: str) -> int:
    return main([*args, "--root", str(root)])


def changed(before: dict[str, bytes], after: dict[str, bytes]) -> set[str]:
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


def test_add_makes_exactly_three_changes_and_checks_clean(real_tree, scholarly, capsys):
    before = snapshot(real_tree)
    assert run(real_tree, "add", NEW_ID, "--to", "models/linear-networks") == 0
    after = snapshot(real_tree)
    assert changed(before, after) == {"bib/references.bib", "taxonomy/models.yml",
                                      "notes/lovelace2024fresh.md"}
    bib_before = before["bib/references.bib"].decode()
    bib_after = after["bib/references.bib"].decode()
    assert bib_after.replace(NEW_ENTRY + "\n", "", 1) == bib_before
    models = after["taxonomy/models.yml"].decode()
    assert models.replace("      - paper: lovelace2024fresh\n", "", 1) == \
        before["taxonomy/models.yml"].decode()
    assert models.index("paper: baldi1989neural") < models.index("paper: lovelace2024fresh") \
        < models.index("id: rfms")
    assert after["notes/lovelace2024fresh.md"] == before["notes/_template.md"]
    assert capsys.readouterr().out.startswith(
        "added lovelace2024fresh: A Fresh Look at Deep Linear Networks\n")
    assert run(real_tree, "check") == 0


def test_adding_the_same_paper_again_changes_nothing(real_tree, scholarly, capsys):
    assert run(real_tree, "add", NEW_ID, "--to", "models/linear-networks") == 0
    before = snapshot(real_tree)
    assert run(real_tree, "add", f"https://arxiv.org/abs/{NEW_ID}v3", "--to", "models/mlps") == 1
    assert snapshot(real_tree) == before
    line = before["bib/references.bib"].decode().split("\n").index(
        "@misc{lovelace2024fresh,") + 1
    assert capsys.readouterr().err.strip().splitlines()[-1] == (
        f"readinglist: arXiv id {NEW_ID} is already in the bibliography as 'lovelace2024fresh' "
        f"(bib/references.bib:{line}); list it with '- paper: lovelace2024fresh' instead")


def test_a_known_paper_is_refused_before_any_request(real_tree, scholarly):
    assert run(real_tree, "add", "arXiv:2011.14522v1", "--to", "models/mlps") == 1
    assert scholarly.requests == []


def test_dry_run_prints_the_diff_and_writes_nothing(real_tree, scholarly, capsys):
    before = snapshot(real_tree)
    assert run(real_tree, "add", NEW_ID, "--to", "models/mlps", "--dry-run") == 0
    assert snapshot(real_tree) == before
    out = capsys.readouterr().out
    assert "+++ b/bib/references.bib" in out and "+      - paper: lovelace2024fresh" in out
    assert "+++ b/notes/lovelace2024fresh.md" in out


def test_unknown_arxiv_id_is_a_clear_error(real_tree, scholarly, capsys):
    before = snapshot(real_tree)
    assert run(real_tree, "add", "2401.09999", "--to", "models/mlps") == 1
    assert snapshot(real_tree) == before
    assert "arXiv does not know 2401.09999" in capsys.readouterr().err


def test_doi_unknown_to_crossref_is_asked_of_doi_org(base_tree, scholarly):
    scholarly.doi["10.5281/zenodo.42"] = {
        "type": "article-journal", "title": "Data for Deep Nets",
        "author": [{"family": "Hopper", "given": "Grace"}],
        "issued": {"date-parts": [[2021, 5]]}, "container-title": "Open Data Journal",
        "DOI": "10.5281/zenodo.42"}
    assert run(base_tree, "add", "https://doi.org/10.5281/ZENODO.42", "--to",
               "hyperparams/scaling") == 0
    bib = (base_tree / "bib/references.bib").read_text()
    assert "@article{hopper2021data,\n  title         = {Data for Deep Nets},\n" in bib
    assert "  journal       = {Open Data Journal},\n" in bib
    assert any(r.startswith("/crossref/works/") for r in scholarly.requests)


def test_crossref_metadata_makes_a_proceedings_entry(base_tree, scholarly):
    scholarly.crossref["10.1000/conf.7"] = {
        "type": "proceedings-article", "title": ["Learning & Memory"],
        "author": [{"family": "Noether", "given": "Emmy"}, {"family": "Curie", "given": "Marie"}],
        "issued": {"date-parts": [[2020]]}, "container-title": ["Proceedings of Things"],
        "page": "1-10", "DOI": "10.1000/conf.7"}
    assert run(base_tree, "add", "10.1000/conf.7", "--to", "models/networks") == 0
    bib = (base_tree / "bib/references.bib").read_text()
    assert ("@inproceedings{noether2020learning,\n  title         = {Learning \\& Memory},\n"
            "  author        = {Noether, Emmy and Curie, Marie},\n  year          = {2020},\n"
            "  booktitle     = {Proceedings of Things},\n  pages         = {1--10},\n"
            "  doi           = {10.1000/conf.7},\n}") in bib


def test_fetched_markup_reaches_the_entry_as_text(base_tree, scholarly, capsys):
    scholarly.crossref["10.1000/jats.1"] = {
        "type": "journal-article",
        "title": ["<i>In vivo</i> H<sub>2</sub>O and the &lt;img src=x onerror=alert(1)&gt; tag"],
        "author": [{"family": "Noether", "given": "Emmy"}],
        "issued": {"date-parts": [[2020]]}, "container-title": ["<b>Journal</b> of Things"],
        "DOI": "10.1000/jats.1"}
    assert run(base_tree, "add", "10.1000/jats.1", "--to", "models/networks") == 0
    bib = (base_tree / "bib/references.bib").read_text()
    assert ("title         = {In vivo H2O and the \\textless{}img src=x onerror=alert(1)> tag}"
            in bib)
    assert "journal       = {Journal of Things}" in bib
    capsys.readouterr()
    assert run(base_tree, "check") == 0


def test_bibtex_file_adds_every_entry_under_its_conventional_key(base_tree, tmp_path):
    export = tmp_path / "zotero.bib"
    export.write_text("@article{Zotero_1, title={Deep {Kernels}}, author={Ng, Andrew},"
                      " year={2011}, url={https://example.org/a}}\n"
                      "@inproceedings{Zotero_2, title={On Depth}, author={Ng, Andrew},"
                      " year={2011}, doi={10.1000/abc}}\n")
    assert run(base_tree, "add", "--bibtex", str(export), "--to", "models/kernels") == 0
    models = (base_tree / "taxonomy/models.yml").read_text()
    assert "      - paper: ng2011deep\n      - paper: ng2011depth\n" in models
    assert run(base_tree, "check") == 0


@pytest.mark.parametrize("kind", ["fifo", "device", "folder"])
def test_bibtex_that_is_not_a_regular_file_is_refused_unread(base_tree, tmp_path, capsys, kind):
    export = tmp_path / "export.bib"
    if kind == "fifo":
        os.mkfifo(export)   # opening it for reading would wait for a writer forever
    elif kind == "device":
        export = Path("/dev/zero")   # reading it would never end
    else:
        export.mkdir()
    before = snapshot(base_tree)
    assert run(base_tree, "add", "--bibtex", str(export), "--to", "models/kernels") == 1
    assert snapshot(base_tree) == before
    assert capsys.readouterr().err == (f"readinglist: {export} is not a regular file; --bibtex "
                                       "reads a BibTeX file\n")


def test_bibtex_problems_are_reported_with_their_lines_and_nothing_is_added(base_tree, tmp_path,
                                                                          capsys):
    export = tmp_path / "export.bib"
    export.write_bytes(b"@misc{a, title = {Fine,\n}\n\n@misc{b, title = noSuch, author = {Ng, A},"
                       b" year = 2011, url = {https://e.org}}\n@misc{c, title = {Caf\xe9}}\n")
    before = snapshot(base_tree)
    assert run(base_tree, "add", "--bibtex", str(export), "--to", "models/kernels") == 1
    assert snapshot(base_tree) == before
    assert capsys.readouterr().err == (
        f"{export}:5:22: invalid-utf8: byte 0xe9 is not valid UTF-8; save the file as UTF-8\n"
        "readinglist: nothing was added\n")
    export.write_text(export.read_bytes().decode("latin-1"), encoding="utf-8")
    assert run(base_tree, "add", "--bibtex", str(export), "--to", "models/kernels") == 1
    err = capsys.readouterr().err.splitlines()
    assert [line.split(": ")[0:2] for line in err] == [
        [f"{export}:1:1", "bibtex-syntax"], [f"{export}:4:10", "undefined-string"],
        ["readinglist", "nothing was added"]]
    assert snapshot(base_tree) == before


def test_unknown_topic_is_a_usage_error_naming_the_topics(base_tree, scholarly, capsys):
    before = snapshot(base_tree)
    assert run(base_tree, "add", NEW_ID, "--to", "models/nowhere") == 2
    assert snapshot(base_tree) == before
    assert "no topic 'nowhere' (topics here: kernels, networks)" in capsys.readouterr().err


def test_line_endings_bom_and_mode_are_kept(base_tree, scholarly):
    real_bib = base_tree / "bib/references.bib"
    text = real_bib.read_bytes().replace(b"\n", b"\r\n")
    real_bib.write_bytes(b"\xef\xbb\xbf" + text)
    real_bib.chmod(0o640)
    assert run(base_tree, "add", NEW_ID, "--to", "models/kernels") == 0
    data = real_bib.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and data.startswith(b"\xef\xbb\xbf" + text[:60])
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert oct(real_bib.stat().st_mode & 0o777) == "0o640"


def test_new_writes_a_stub_once(base_tree, capsys):
    assert run(base_tree, "new", "jones2019kernel") == 0
    assert (base_tree / "notes/jones2019kernel.md").read_text().startswith("---\nstatus: to-read")
    assert run(base_tree, "new", "jones2019kernel") == 1
    assert run(base_tree, "new", "nobody2020none") == 1
    assert "'nobody2020none' is not a key in bib/" in capsys.readouterr().err


# Fault injection: whatever fails, every file is byte-identical and no temporary is left.

def assert_untouched(root: Path, before: dict[str, bytes]):
    assert snapshot(root) == before
    assert not list(root.rglob(f"*{transaction.TEMP_SUFFIX}"))


def test_failure_after_the_temporary_writes_changes_nothing(real_tree, scholarly, monkeypatch,
                                                            capsys):
    before = snapshot(real_tree)
    calls = []

    def failing_replace(source, target):
        calls.append(target)
        if len(calls) == 2:   # the first file is already in place: it must be put back
            raise OSError(errno.EIO, "I/O error")
        return os.rename(source, target)

    monkeypatch.setattr(transaction.os, "replace", failing_replace)
    assert run(real_tree, "add", NEW_ID, "--to", "models/mlps") == 1
    monkeypatch.undo()
    assert_untouched(real_tree, before)
    assert capsys.readouterr().err == "readinglist: [Errno 5] I/O error\n"


def test_a_full_disk_changes_nothing(real_tree, scholarly, monkeypatch, capsys):
    before = snapshot(real_tree)
    real_fdopen = os.fdopen

    def full_disk(fd, *args, **kwargs):
        stream = real_fdopen(fd, *args, **kwargs)

        def write(data):
            raise OSError(errno.ENOSPC, "No space left on device")
        stream.write = write
        return stream

    monkeypatch.setattr(transaction.os, "fdopen", full_disk)
    assert run(real_tree, "add", NEW_ID, "--to", "models/mlps") == 1
    monkeypatch.undo()
    assert_untouched(real_tree, before)
    assert capsys.readouterr().err == "readinglist: [Errno 28] No space left on device\n"


def test_a_process_killed_between_write_and_rename_changes_nothing(real_tree, scholarly):
    before = snapshot(real_tree)
    killer = ("import os, sys\nfrom readinglist.edit import transaction\n"
              "transaction.os.replace = lambda *a: os._exit(9)\n"
              "from readinglist.cli import main\nsys.exit(main(sys.argv[1:]))\n")
    env = {**os.environ, **scholarly.env()}
    killed = subprocess.run([sys.executable, "-c", killer, "add", NEW_ID, "--to", "models/mlps",
                             "--root", str(real_tree)], env=env, capture_output=True, timeout=60)
    assert killed.returncode == 9
    assert {k: v for k, v in snapshot(real_tree).items()
            if not k.endswith(transaction.TEMP_SUFFIX)} == before
    # The next command that takes the lock clears what the killed one left.
    assert run(real_tree, "add", NEW_ID, "--to", "models/mlps") == 0
    assert not list(real_tree.rglob(f"*{transaction.TEMP_SUFFIX}"))


def test_a_change_that_fails_validation_changes_nothing(real_tree, scholarly, monkeypatch,
                                                        capsys):
    from readinglist.net import metadata as adding
    before = snapshot(real_tree)
    monkeypatch.setattr(adding, "to_entry", lambda key, record: f"@misc{{{key},\n  title = {{x")
    assert run(real_tree, "add", NEW_ID, "--to", "models/mlps") == 1
    assert_untouched(real_tree, before)
    err = capsys.readouterr().err
    assert "bib/references.bib:" in err and ": bibtex-syntax: " in err
    assert err.endswith("readinglist: the change would break the checks above; nothing was "
                        "written\n")


def test_a_held_lock_refuses_a_second_writer(real_tree, scholarly, capsys):
    before = snapshot(real_tree)
    with transaction.locked(real_tree):
        assert run(real_tree, "add", NEW_ID, "--to", "models/mlps") == 1
    assert_untouched(real_tree, before)
    assert "another readinglist command is changing" in capsys.readouterr().err


# fmt

MESSY = """@Article{Zed2020x,
title="Zed",author = {Zed, A},
  year=2020, url={https://example.org/z}}
@misc{abe2019y, year = {2019}, title = {Abe}, author={Abe, B}, url = {https://example.org/a}}
"""


def test_fmt_writes_the_canonical_form_and_is_idempotent(base_tree, capsys):
    write_tree(base_tree, {"bib/supplement.bib": MESSY})
    assert run(base_tree, "fmt", "--check") == 1
    assert capsys.readouterr().out == ("bib/supplement.bib: not in canonical form "
                                       "(run readinglist fmt)\n")
    assert run(base_tree, "fmt") == 0
    assert (base_tree / "bib/supplement.bib").read_text() == (
        "@misc{abe2019y,\n  title         = {Abe},\n  author        = {Abe, B},\n"
        "  year          = {2019},\n  url           = {https://example.org/a},\n}\n\n"
        "@article{Zed2020x,\n  title         = {Zed},\n  author        = {Zed, A},\n"
        "  year          = {2020},\n  url           = {https://example.org/z},\n}\n")
    before = snapshot(base_tree)
    assert run(base_tree, "fmt") == 0
    assert snapshot(base_tree) == before


def test_fmt_refuses_a_broken_file_and_changes_nothing(base_tree, capsys):
    write_tree(base_tree, {"bib/supplement.bib": "@misc{a, title = {open\n\n@misc{b, title={x}}\n"})
    before = snapshot(base_tree)
    assert run(base_tree, "fmt") == 1
    assert snapshot(base_tree) == before
    err = capsys.readouterr().err
    assert err.startswith("bib/supplement.bib:1:1: bibtex-syntax: entry cannot be parsed")
    assert err.endswith("readinglist: bib/supplement.bib has blocks that cannot be read; nothing "
                        "was formatted (fix them first)\n")


def test_the_real_knowledge_base_is_in_canonical_form(real_tree):
    assert run(real_tree, "fmt", "--check") == 0


def test_unknown_section_is_a_usage_error_said_before_anything_is_fetched(base_tree, scholarly,
                                                                         capsys):
    assert run(base_tree, "add", NEW_ID, "--to", "nowhere/kernels") == 2
    assert scholarly.requests == []
    assert "--to nowhere/kernels: write SECTION/TOPIC[/SUBTOPIC]" in capsys.readouterr().err
