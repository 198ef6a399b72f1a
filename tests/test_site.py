"""The built site, read as HTML: pages, navigation, BibTeX, citations, links and hosts."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import material
import pytest
from bs4 import BeautifulSoup

from support import FAKE_REPO_URL, REPO, build_site, write_tree
from readinglist import load
from readinglist.hooks.built import page_problems, theme_scripts
from readinglist.render import page_sources, render

FRONTIER = ["Linear regression", "Kernel regression", "NNGP / NTK", "Linear networks", "RFMs",
            "Mean field / muP", "MLPs", "Transformers", "SSM"]


def soup(site: Path, page: str) -> BeautifulSoup:
    """The page, without the permalink anchors headings carry."""
    page = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
    for permalink in page.select("a.headerlink"):
        permalink.decompose()
    return page


def section_after(page: BeautifulSoup, heading_id: str) -> list:
    """The elements between the h2 with this id and the next h2."""
    heading = page.find("h2", id=heading_id)
    assert heading is not None, f"no h2#{heading_id}"
    found = []
    for sibling in heading.find_next_siblings():
        if sibling.name == "h2":
            break
        found.append(sibling)
    return found


def test_every_paper_has_its_page_titled_by_its_title(built_site, kb):
    for key, paper in kb.papers.items():
        page = soup(built_site, f"papers/{key}/index.html")
        assert page.find("h1").get_text(strip=True) == paper.title


def test_models_navigation_lists_the_frontier_in_order(built_site):
    toc = soup(built_site, "models/index.html").select("nav.md-nav--secondary > ul > li > a")
    assert [a.get_text(strip=True) for a in toc] == FRONTIER


def test_frontier_figure_links_each_model_to_its_topic_in_order(built_site, kb):
    page = soup(built_site, "models/index.html")
    points = page.select("svg.rl-frontier a.rl-frontier__point")
    models = kb.sections[1]
    assert [a["xlink:href"] for a in points] == [f"#{t.id}" for t in models.topics]
    assert all(page.find(id=t.id) for t in models.topics)
    assert "Schematic" in page.select_one(".rl-frontier-figure figcaption").get_text()


def test_bibtex_block_is_exactly_the_entry(built_site, kb):
    for key, paper in kb.papers.items():
        blocks = section_after(soup(built_site, f"papers/{key}/index.html"), "bibtex")
        code = next(b for b in blocks if b.find("code")).find("code").get_text()
        assert code.strip() == paper.raw.strip()


def test_cited_in_lists_exactly_the_notes_that_cite_the_paper(built_site, kb):
    citing = {key: set() for key in kb.papers}
    for path in (REPO / "notes").glob("[!_]*.md"):
        for cited in re.findall(r"@([a-z0-9]+)", path.read_text(encoding="utf-8")):
            if cited in citing and cited != path.stem:
                citing[cited].add(path.stem)
    for key in kb.papers:
        page = soup(built_site, f"papers/{key}/index.html")
        if not citing[key]:
            assert page.find("h2", id="cited-in") is None
            continue
        links = [a["href"] for el in section_after(page, "cited-in") for a in el.find_all("a")]
        assert {href.strip("./").split("/")[0] for href in links} == citing[key]


def test_citations_in_notes_link_to_the_cited_page_with_its_title(built_site, kb):
    page = soup(built_site, "papers/cohen2021gradient/index.html")
    link = page.find("a", string="Damian et al., 2023")
    assert link["href"] == "../damian2023selfstabilization/"
    assert link["title"] == kb.papers["damian2023selfstabilization"].title


def test_note_math_is_marked_for_katex(built_site):
    page = soup(built_site, "papers/cohen2021gradient/index.html")
    assert page.select("span.arithmatex") and page.select("div.arithmatex")


def test_edit_link_opens_the_note_or_the_bib_file(built_site):
    def edit(page):
        return soup(built_site, page).select_one("a.md-content__button[href*='/edit/']")["href"]

    assert edit("papers/cohen2021gradient/index.html") == \
        f"{FAKE_REPO_URL}/edit/main/notes/cohen2021gradient.md"
    assert edit("models/index.html") == f"{FAKE_REPO_URL}/edit/main/taxonomy/models.yml"
    assert edit("checks/index.html") == f"{FAKE_REPO_URL}/edit/main/docs/checks.md"


def test_a_paper_without_a_note_is_edited_in_the_bib_file(base_tree):
    sources = page_sources(load(base_tree)[0])
    assert sources["papers/jones2019kernel.md"] == "bib/references.bib"
    assert sources["papers/smith2020deep.md"] == "notes/smith2020deep.md"
    assert sources["models.md"] == "taxonomy/models.yml"


def test_todos_and_questions_are_set_apart(built_site):
    page = soup(built_site, "models/index.html")
    todos = [t.get_text(" ", strip=True) for t in page.select(".rl-todo")]
    assert any(t.startswith("To do Will Merrill smth") and "Suggestions" in t for t in todos)
    other = soup(built_site, "other/index.html")
    assert len(other.select(".admonition.question")) == 2


def test_downloads_are_published(built_site, kb):
    bib = (built_site / "references.bib").read_text(encoding="utf-8")
    assert all(paper.raw.strip() in bib for paper in kb.papers.values())
    assert (built_site / "readinglist.json").read_text().startswith('{\n  "version": 1,')


def internal_targets(site: Path):
    """(page, href) of every link, script, stylesheet and image that stays on the site."""
    for html in sorted(site.rglob("*.html")):
        page = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in (("a", "href"), ("link", "href"), ("script", "src"),
                               ("img", "src")):
            for element in page.find_all(tag, attrs={attribute: True}):
                url = element[attribute]
                if not urlsplit(url).scheme and not url.startswith("//"):
                    yield html, url


def test_no_internal_link_points_to_a_missing_page_or_anchor(built_site):
    ids: dict[Path, set[str]] = {}
    broken = []
    for html, url in internal_targets(built_site):
        parts = urlsplit(url)
        base = built_site if parts.path.startswith("/") else html.parent  # 404.html is absolute
        target = (base / unquote(parts.path).lstrip("/")).resolve() if parts.path else html
        if target.is_dir():
            target = target / "index.html"
        if not target.exists():
            broken.append(f"{html.relative_to(built_site)}: {url}")
            continue
        if parts.fragment and target.suffix == ".html":
            if target not in ids:
                ids[target] = {e["id"] for e in BeautifulSoup(target.read_text(encoding="utf-8"),
                                                              "html.parser").find_all(id=True)}
            if unquote(parts.fragment) not in ids[target]:
                broken.append(f"{html.relative_to(built_site)}: {url}")
    assert broken == []


def test_no_page_loads_anything_from_another_host(built_site):
    loaded = []
    for html in built_site.rglob("*.html"):
        page = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in (("link", "href"), ("script", "src"), ("img", "src"),
                               ("iframe", "src"), ("source", "src"), ("image", "href")):
            for element in page.find_all(tag, attrs={attribute: True}):
                if re.match(r"^(https?:)?//", element[attribute]):
                    loaded.append(f"{html.relative_to(built_site)}: {element[attribute]}")
    for css in built_site.rglob("*.css"):
        loaded += [f"{css.name}: {u}" for u in
                   re.findall(r"url\(\s*['\"]?((?:https?:)?//[^)'\"]+)", css.read_text())]
    assert loaded == []


def test_paper_pages_stay_out_of_the_navigation(built_site):
    nav = soup(built_site, "index.html").select_one("nav.md-nav--primary")
    assert not [a for a in nav.find_all("a", href=True) if "papers/" in a["href"]]


def test_render_command_writes_the_pages_the_site_is_built_from(tmp_path, kb):
    import subprocess
    import sys
    out = tmp_path / "out"
    subprocess.run([sys.executable, "-m", "readinglist", "render", str(out), "--root",
                    str(REPO)], check=True, capture_output=True, timeout=60)
    written = {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8")
               for p in out.rglob("*") if p.is_file()}
    pages = render(kb)
    assert {k: written[k] for k in pages} == pages
    assert set(written) == set(pages) | {"references.bib", "readinglist.json", "previews.json",
                                         "feed.xml", "feed.json", "index.md"}
    assert "<!-- readinglist:" not in written["index.md"]   # the home page, filled


def test_a_problem_in_the_knowledge_base_fails_the_strict_build(site_tree, tmp_path):
    write_tree(site_tree, {"notes/jacot2018neural.md": "---\nstatus: done\n---\n"})
    result = build_site(site_tree, tmp_path / "site")
    assert result.returncode != 0
    assert "notes/jacot2018neural.md:2:9: unknown-status: status 'done'" in result.stderr


def test_a_docs_page_on_a_generated_path_fails_the_build(site_tree, tmp_path):
    write_tree(site_tree, {"docs/papers/mine.md": "# Mine\n"})
    result = build_site(site_tree, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/papers/mine.md: this path belongs to the generated site" in result.stderr


def test_what_a_note_could_not_check_is_said_on_its_page(built_site):
    page = soup(built_site, "papers/polyak1964some/index.html")
    warning = page.select_one(".admonition.warning")
    assert "abstract not found in a stored source" in warning.get_text()


@pytest.mark.parametrize("strict", [True, False], ids=["strict", "lenient"])
def test_a_note_carrying_payloads_fails_the_build_and_leaves_no_page(site_tree, tmp_path,
                                                                       strict):
    note = site_tree / "notes/jacot2018neural.md"
    note.write_text(note.read_text() + "\n<img src=x onerror=alert(1)>\n\n"
                    "[demo](javascript:alert(1))\n\nText {: onclick=\"alert(1)\" }\n")
    site = tmp_path / "site"
    result = build_site(site_tree, site, strict=strict)
    assert result.returncode == 1
    for code in ("unsafe-html", "unsafe-link", "unsafe-attribute"):
        assert f": {code}: " in result.stderr
    if not strict:   # the checks' errors do not stop a lenient build; the guard does
        assert "papers/jacot2018neural/index.html: the built file carries an event handler " \
            "'onerror' on <img> in the article" in result.stderr
    assert list(site.rglob("*")) == []


@pytest.mark.parametrize("markup, problem", [
    ("<SCRIPT>x()</SCRIPT>", "a <script> element"),
    ('<p title="x"onclick="x()">y</p>', "an event handler 'onclick' on <p>"),
    ("<svg/onload=x()></svg>", "an event handler 'onload' on <svg>"),
    ('<a href="JaVaScRiPt:x()">y</a>', "a javascript: URL in href on <a>"),
    ('<a href="javascript&colon;x()">y</a>', "a javascript: URL in href on <a>"),
    ("<a href=javascript&#58;x()>y</a>", "a javascript: URL in href on <a>"),
    ('<a href="javascr&#105;pt:x()">y</a>', "a javascript: URL in href on <a>"),
    ('<a href="javas\tcript:x()">y</a>', "a javascript: URL in href on <a>"),
    ('<a href="data:text/html,x">y</a>', "a data: URL in href on <a>"),
], ids=["uppercase-script", "handler-after-quote", "handler-after-slash", "mixed-case-scheme",
        "named-entity-colon", "unquoted-numeric-colon", "entity-in-scheme", "tab-in-scheme",
        "data-url"])
def test_the_post_build_scan_sees_each_obfuscation_alone(markup, problem):
    page = f'<html><body><article class="md-content__inner">{markup}</article></body></html>'
    assert page_problems(page, ()) == [f"{problem} in the article"]


def test_the_post_build_scan_leaves_escaped_text_and_query_strings_alone():
    page = ('<article><p>Q &amp; A: see <a href="https://e.org/?a=1&amp;b=2" title="on &amp; '
            'off">data: one = two, script: none</a></p></article>')
    assert page_problems(page, ()) == []


def test_every_built_page_passes_the_guard_whole(built_site):
    folders = [REPO / "docs/overrides", Path(material.__file__).parent / "templates"]
    scripts = theme_scripts(p.read_text(encoding="utf-8") for f in folders for p in f.rglob("*.html"))
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 80
    assert [p for p in pages if page_problems(p.read_text(encoding="utf-8"), scripts)] == []


def test_models_cites_the_thesis_its_frontier_follows(built_site):
    page = soup(built_site, "models/index.html")
    source = page.select_one("p.rl-source a")
    assert source["href"] == "../papers/simon2024discretized/"
    assert "Discretized Theories of Deep Learning at Large Width" in source.get_text()
    assert page.select_one("p.rl-source-note").get_text().strip()
    caption = page.select_one("figure.rl-frontier-figure figcaption")
    assert caption.select_one('a[href="../papers/simon2024discretized/"]') is not None


def test_rows_show_the_curators_words_where_they_are_not_the_title(built_site):
    rows = soup(built_site, "models/index.html").select("div.rl-paper")
    words = {row.select_one("a.rl-title").get_text(): row.select_one(".rl-as-written")
             for row in rows}
    tp4 = next(title for title in words if title.startswith("Tensor Programs IV"))
    assert words[tp4].get_text() == "The curator wrote: “TP4”"


def test_empty_topics_show_our_suggestions_apart_from_the_curators_picks(built_site, kb):
    models = next(s for s in kb.sections if s.id == "models")
    linear = next(t for t in models.topics if t.id == "linear-regression")
    page = soup(built_site, "models/index.html")
    rows = section_after(page, "linear-regression")
    suggested = [a["href"] for el in rows for a in el.select("div.rl-paper--suggested a.rl-title")]
    assert suggested == [f"../papers/{key}/" for key in linear.suggestions]
    label = [el for el in rows if "rl-suggestions__label" in (el.get("class") or [])]
    assert label and "not the curator's picks" in label[0].get_text()


def test_serve_shows_a_refused_rebuild_and_serves_no_page(site_tree, tmp_path):
    import socket
    import subprocess
    import sys
    import time
    import urllib.error
    import urllib.request
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    page = f"http://127.0.0.1:{port}/papers/jacot2018neural/"

    def status() -> int | None:
        try:
            with urllib.request.urlopen(page, timeout=5) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
        except OSError:
            return None

    def wait_for(done) -> bool:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and not done():
            time.sleep(0.5)
        return done()

    said = tmp_path / "serve.log"
    log = said.open("w")
    mkdocs = Path(sys.executable).with_name("mkdocs")
    temporary = tmp_path / "tmp"   # where serve builds: tempfile.mkdtemp(prefix="mkdocs_")
    temporary.mkdir()
    # --dirty, as `make serve` runs it: the rebuild reads only the page the edit changed.
    server = subprocess.Popen([str(mkdocs), "serve", "--dirty", "--no-strict", "-a",
                               f"127.0.0.1:{port}"],
                              cwd=site_tree, stdout=log, stderr=subprocess.STDOUT,
                              env={**os.environ, "TMPDIR": str(temporary)})
    try:
        assert wait_for(lambda: status() == 200)
        note = site_tree / "notes/jacot2018neural.md"
        note.write_text(note.read_text() + "\n<img src=x onerror=alert(1)>\n")
        assert wait_for(lambda: "nothing of this build is kept" in said.read_text())
        # MkDocs holds requests until a build succeeds; the folder it serves holds nothing.
        assert status() != 200
        served = [p for p in temporary.glob("mkdocs_*") if p.is_dir()]
        assert len(served) == 1 and list(served[0].iterdir()) == []
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    assert "papers/jacot2018neural/index.html: the built file carries an event handler " \
        "'onerror' on <img> in the article" in said.read_text()
