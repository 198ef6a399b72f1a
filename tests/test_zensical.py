"""The site builds with Zensical, Material's successor, which ignores hooks: from what
`readinglist render` writes, with docs/ and KaTeX, and mkdocs.yml less its hooks.

`make test` makes .venv-zensical (Zensical 0.0.73 alone) once. Compared with the MkDocs site:
every page there, each paper page with its note's text, its math and its figures, and the
files to download. What this path loses is in README ("A second engine").
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
import yaml
from bs4 import BeautifulSoup

from support import REPO

ENV = REPO / ".venv-zensical"
KATEX = REPO / "node_modules/katex/dist"
DOWNLOADS = ("references.bib", "readinglist.json", "previews.json", "feed.xml", "feed.json")


def zensical_config(mkdocs_yml: str) -> str:
    """mkdocs.yml without the hooks nor the folders serve watches, paper and topic pages off the
    navigation (the hooks set that for MkDocs)."""
    config = re.sub(r"watch:\n(  - .*\n)+", "", mkdocs_yml)
    config = config.replace("hooks:\n  - scripts/mkdocs_hooks.py\n", "")
    return config.replace("docs_dir: docs", "docs_dir: docs\nnot_in_nav: |\n  papers/\n"
                          "  connections/")


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory):
    if (ENV / ".unavailable").exists():
        pytest.skip((ENV / ".unavailable").read_text().strip())
    assert (ENV / ".installed").exists(), f"{ENV.name} is missing: `make test` makes it"
    project = tmp_path_factory.mktemp("zensical")
    shutil.copytree(REPO / "docs", project / "docs")       # first: render fills index.md
    shutil.copy(REPO / "CONTRIBUTING.md", project)          # the contributing page includes it
    for name in ("katex.min.js", "katex.min.css", "contrib/auto-render.min.js",
                 *(f"fonts/{p.name}" for p in (KATEX / "fonts").glob("*.woff2"))):
        (project / "docs/assets/katex" / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(KATEX / name, project / "docs/assets/katex" / name)
    mkdocs_yml = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    meta = yaml.safe_load(re.sub(r"!ENV \[[^\]]*\]", "null", mkdocs_yml))
    subprocess.run([sys.executable, "-m", "readinglist", "render", str(project / "docs"),
                    "--root", str(REPO), "--site-name", meta["site_name"],
                    "--site-description", meta["site_description"]],
                   check=True, capture_output=True, timeout=300)
    (project / "mkdocs.yml").write_text(zensical_config(mkdocs_yml), encoding="utf-8")
    built = subprocess.run([str(ENV / "bin/zensical"), "build", "-f", "mkdocs.yml"],
                           cwd=project, capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stdout + built.stderr
    return project / "site"


def article(site, page: str) -> BeautifulSoup:
    """A page's article, without its tags (Zensical puts them after the text, Material
    before it)."""
    found = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
    for tags in found.select(".md-tags"):
        tags.decompose()
    return found.select_one("article")


def note_text(page: BeautifulSoup) -> str:
    """The words of the note's section, up to the next section of the page."""
    heading, words = page.find(id="note"), []
    for sibling in heading.find_next_siblings() if heading else ():
        if sibling.name == "h2":
            break
        words += sibling.get_text(" ").replace("¶", " ").split()
    return " ".join(words)


def test_every_page_of_the_site_is_built(zensical_site, built_site):
    pages = {p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html")}
    assert {p.relative_to(zensical_site).as_posix()
            for p in zensical_site.rglob("*.html")} == pages
    assert "<!-- readinglist:" not in (zensical_site / "index.html").read_text()


def test_each_paper_page_has_its_note_math_and_figures(zensical_site, built_site, kb):
    for key in sorted(kb.papers):
        page = f"papers/{key}/index.html"
        ours, theirs = article(built_site, page), article(zensical_site, page)
        assert note_text(theirs) == note_text(ours), key
        assert [m.get_text() for m in theirs.select(".arithmatex")] == \
            [m.get_text() for m in ours.select(".arithmatex")], key
        assert [str(svg) for svg in theirs.select("svg.rl-arcs")] == \
            [str(svg) for svg in ours.select("svg.rl-arcs")], key
    assert any(note_text(article(zensical_site, f"papers/{key}/index.html"))
               for key in kb.notes)


def test_the_files_to_download_are_the_same(zensical_site, built_site):
    for name in DOWNLOADS:
        assert (zensical_site / name).read_bytes() == (built_site / name).read_bytes(), name
    assert (zensical_site / "assets/katex/katex.min.js").is_file()
