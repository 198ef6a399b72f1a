"""`make serve` rebuilds only what an edit changed, and serves what a fresh full build would.

A small generated list goes through the edits a curator makes (a note's text, a bib entry, a
paper added, moved and removed, a topic renamed, a tag renamed, a note deleted, a refused
build and its fix), each followed by a rebuild in one serving process; the site it serves is then
compared, file for file, with a fresh build of the same files.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support import REPO, copy_site_source

sys.path.insert(0, str(REPO / "scripts"))
from bench.generate import generate  # noqa: E402

DRIVER = Path(__file__).with_name("serve_builds.py")


class Server:
    """tests/serve_builds.py: a build on start, another each time it is asked."""

    def __init__(self, root: Path, site: Path):
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        self.process = subprocess.Popen([sys.executable, str(DRIVER), str(root), str(site)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, text=True, env=env)
        self.first = self.process.stdout.readline().strip()

    def rebuild(self) -> str:
        self.process.stdin.write("again\n")
        self.process.stdin.flush()
        return self.process.stdout.readline().strip()

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=120)


def site_files(site: Path) -> dict[str, bytes]:
    """Every file, the gzipped sitemap unzipped (its header holds the time it was written)."""
    return {p.relative_to(site).as_posix(): gzip.decompress(p.read_bytes())
            if p.suffix == ".gz" else p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file()}


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


ADDED = "zed2020added"
ENTRY = f"""
@article{{{ADDED},
  title         = {{Added Results}},
  author        = {{Zed, Ada}},
  year          = {{2020}},
  journal       = {{Journal of Synthetic Results}},
  url           = {{https://example.org/added}},
}}
"""
NOTE = "---\nstatus: to-read\n---\n\nAdded.\n\n## Why it is here\n\nTo go again.\n"


@pytest.fixture
def small_site(tmp_path: Path) -> Path:
    root = copy_site_source(tmp_path / "repo")
    for part in ("taxonomy", "bib", "notes"):
        shutil.rmtree(root / part)
    return generate(root, 12)


def fresh_build(root: Path, site: Path) -> dict[str, bytes]:
    fresh = Server(root, site)
    fresh.close()
    assert fresh.first == "built"
    return site_files(site)


def test_a_served_site_after_edits_equals_a_fresh_build(small_site, tmp_path):
    root, served = small_site, tmp_path / "served"
    models, bib = root / "taxonomy/models.yml", root / "bib/references.bib"
    note = sorted((root / "notes").glob("*.md"))[0]
    moved = re.search(r"\n      - paper: (\w+)\n", models.read_text()).group(1)
    server = Server(root, served)
    assert server.first == "built"
    other = served / "papers" / sorted(p.stem for p in (root / "notes").glob("*.md"))[1] \
        / "index.html"
    written = other.stat().st_mtime_ns
    try:
        edit(note, "## Setting", "## Setting\n\nA sentence written under serve.")
        assert server.rebuild() == "built"
        assert other.stat().st_mtime_ns == written      # the edit touched one page only
        edit(bib, "Journal of Synthetic Results", "Journal of Renamed Results")
        assert server.rebuild() == "built"
        edit(models, f"      - paper: {moved}\n", "")
        edit(models, "          - todo: Later\n", f"          - todo: Later\n"
                                                   f"          - paper: {moved}\n")
        assert server.rebuild() == "built"
        edit(models, "title: Topic 0\n", "title: Topic zero\n")
        assert server.rebuild() == "built"
        for path in [root / "taxonomy/tags.yml", *(root / "notes").glob("*.md")]:
            path.write_text(path.read_text().replace("tag-01", "tag-renamed"))
        assert server.rebuild() == "built"
        # None of these changed which pages there are: each rebuild read only some of them.
        assert site_files(served) == fresh_build(root, tmp_path / "fresh")
        edit(note, "## Setting", "## Setting\n\n<img src=x onerror=alert(1)>")
        assert server.rebuild() == "refused"
        edit(note, "<img src=x onerror=alert(1)>", "And fixed.")
        assert server.rebuild() == "built"
        bib.write_text(bib.read_text() + ENTRY)
        (root / f"notes/{ADDED}.md").write_text(NOTE)
        edit(models, "    items:\n", f"    items:\n      - paper: {ADDED}\n")
        assert server.rebuild() == "built"
        (root / f"notes/{ADDED}.md").unlink()
        assert server.rebuild() == "built"
        edit(models, f"      - paper: {ADDED}\n", "")
        edit(bib, ENTRY, "")
        assert server.rebuild() == "built"
        edit(note, "And fixed.", "And said again.")
        assert server.rebuild() == "built"
    finally:
        server.close()
    assert not (served / "papers" / ADDED).exists()
    assert site_files(served) == fresh_build(root, tmp_path / "fresh-again")
