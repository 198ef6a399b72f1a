"""The annotated map, read as HTML: one-line sentences in rows, abstracts on pages and in rows,
shown as text whatever they hold."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from support import REPO, build_site, copy_site_source, write_tree
from test_site import soup
from readinglist import load

# Invented for the test: math, an accent, escaped specials and a comparison.
ABSTRACT = r"We invent, for this test, that $\lambda_{\max} < 2/\eta$ holds for M{\"u}ller's 50\% R\&D nets."
SHOWN = r"We invent, for this test, that $\lambda_{\max} < 2/\eta$ holds for Müller's 50% R&D nets."
HOSTILE = ('<script>alert(1)</script> <img src=x onerror="alert(2)"> '
           '<a href="javascript:alert(3)">click</a> [x](javascript:alert(4))')


def with_abstract(bib: str, key: str, abstract: str) -> str:
    """The bib text with an abstract as the entry's second line."""
    return bib.replace(f"{{{key},\n", f"{{{key},\n  abstract      = {{{abstract}}},\n", 1)


def row_of(page, key: str):
    link = page.find("a", class_="rl-title", href=re.compile(rf"papers/{key}/$"))
    assert link is not None, f"no row for {key}"
    return link.find_parent("div", class_="rl-paper")


@pytest.fixture(scope="module")
def annotated(tmp_path_factory) -> Path:
    """The real site with an abstract on soudry2018implicit, a one-line sentence citing it on
    jacot2018neural, none on li2021resolving, and no note at all for baldi1989neural."""
    root = copy_site_source(tmp_path_factory.mktemp("annotated") / "repo")
    bib = (root / "bib/references.bib").read_text(encoding="utf-8")
    jacot = (root / "notes/jacot2018neural.md").read_text(encoding="utf-8")
    li = (root / "notes/li2021resolving.md").read_text(encoding="utf-8")
    write_tree(root, {
        "bib/references.bib": with_abstract(bib, "soudry2018implicit", ABSTRACT),
        "notes/jacot2018neural.md": re.sub(r"\*\*In one line\.\*\*.*", lambda _: (
            r"**In one line.** Wide nets are kernels, unlike [@soudry2018implicit]; width "
            r"$n \to \infty$."), jacot, count=1),
        "notes/li2021resolving.md": re.sub(r"\*\*In one line\.\*\*.*\n", "", li, count=1),
        "notes/baldi1989neural.md": None})
    result = build_site(root, root / "site")
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_every_row_shows_its_note_one_line_between_metadata_and_buttons(built_site, kb):
    for page_name in ("models", "optimization", "hyperparams", "data", "other", "bibliography"):
        page = soup(built_site, f"{page_name}/index.html")
        for row in page.select("div.rl-paper"):
            key = row.find("a", class_="rl-title")["href"].rstrip("/").rsplit("/", 1)[-1]
            oneline = row.select("p.rl-oneline")
            assert len(oneline) == 1, (page_name, key)
            before, after = oneline[0].find_previous_sibling(), oneline[0].find_next_sibling()
            assert before.select_one(".rl-venue") and after.select_one(".rl-button, .rl-status")


def test_a_row_shows_the_sentence_as_the_note_writes_it(built_site, kb):
    row = row_of(soup(built_site, "models/index.html"), "soudry2018implicit")
    assert row.select_one("p.rl-oneline").get_text(strip=True) == \
        kb.notes["soudry2018implicit"].oneline.text
    math = row_of(soup(built_site, "optimization/index.html"), "cohen2021gradient")
    assert math.select_one("p.rl-oneline span.arithmatex").get_text() == r"\(2/\eta\)"


def test_a_one_line_sentence_links_its_citations(annotated):
    oneline = row_of(soup(annotated, "models/index.html"), "jacot2018neural") \
        .select_one("p.rl-oneline")
    link = oneline.find("a")
    assert (link.get_text(), link["href"]) == ("Soudry et al., 2018",
                                               "../papers/soudry2018implicit/")
    assert oneline.select_one("span.arithmatex").get_text() == r"\(n \to \infty\)"


def test_without_a_note_or_a_one_line_sentence_a_row_shows_nothing_there(annotated):
    page = soup(annotated, "models/index.html")
    for key in ("li2021resolving", "baldi1989neural"):
        row = row_of(page, key)
        assert row.select("p.rl-oneline") == []
        assert "In one line" not in row.get_text()


def test_candidates_under_a_to_do_show_their_one_line(built_site, kb):
    page = soup(built_site, "open-questions/index.html")
    link = page.find("a", href="../papers/mei2018mean/")
    item = link.find_parent("li")
    assert item.get_text(" ", strip=True).startswith(
        f"{kb.papers['mei2018mean'].title} : In a suitable scaling limit")


def test_the_tags_page_shows_the_one_line_under_each_title(built_site, kb):
    page = soup(built_site, "tags/index.html")
    link = page.find("a", href="../papers/soudry2018implicit/")
    assert link.get_text(strip=True) == kb.papers["soudry2018implicit"].title
    assert link.find_next_sibling("span", class_="rl-tag-listing__oneline").get_text() == \
        kb.notes["soudry2018implicit"].oneline.text


def test_a_paper_page_shows_its_abstract_collapsed_under_its_heading(annotated):
    page = soup(annotated, "papers/soudry2018implicit/index.html")
    heading = page.find("h2", id="abstract")
    block = heading.find_next_sibling()
    assert block.name == "details" and not block.has_attr("open")
    assert block.select_one("p.rl-abstract__text").get_text() == SHOWN
    assert soup(annotated, "papers/jacot2018neural/index.html").find("h2", id="abstract") is None


def test_rows_offer_the_abstract_beside_the_bibtex(annotated):
    for page_name in ("models", "bibliography"):
        page = soup(annotated, f"{page_name}/index.html")
        toggle = row_of(page, "soudry2018implicit").select_one("details.rl-abstract")
        assert toggle.summary.get_text() == "Abstract" and not toggle.has_attr("open")
        beside = toggle.find_next_sibling(["details", "p"])
        if page_name == "models":
            assert beside["class"] == ["rl-bibtex"]
        else:   # the bibliography links to the paper page's BibTeX rather than carry it
            assert beside.a["href"] == "../papers/soudry2018implicit/#bibtex"
        assert toggle.select_one("p.rl-abstract__text").get_text() == SHOWN
        assert row_of(page, "jacot2018neural").select("details.rl-abstract") == []


def test_an_abstract_reaches_the_page_as_text_whatever_it_holds(site_tree, tmp_path):
    bib = (site_tree / "bib/references.bib").read_text(encoding="utf-8")
    write_tree(site_tree, {"bib/references.bib": with_abstract(bib, "soudry2018implicit",
                                                               HOSTILE)})
    result = build_site(site_tree, tmp_path / "site", strict=False)
    assert ": markup-in-abstract: " in result.stderr          # check names it ...
    assert "the built page carries" not in result.stderr     # ... and nothing got through
    for name in ("papers/soudry2018implicit", "models", "bibliography"):
        article = soup(tmp_path / "site", f"{name}/index.html").find("article")
        shown = article.select("p.rl-abstract__text")
        assert [p.get_text() for p in shown] == [HOSTILE]
        assert all(p.find() is None for p in shown)            # text, not one element
        assert "alert(" not in "".join(str(a) for a in article.find_all(["script", "img"]))
        assert article.find_all(href=re.compile(r"^\s*javascript", re.I)) == []


def test_the_one_line_sentence_is_read_once_with_its_line(base_tree):
    write_tree(base_tree, {"notes/smith2020deep.md": "---\nstatus: read\n---\n\nIntro.\n\n"
                           "**In one line.** Deep nets,\n  over two lines.\n\n## Setting\n"})
    note = load(base_tree)[0].notes["smith2020deep"]
    assert (note.oneline.text, note.oneline.line) == ("Deep nets, over two lines.", 7)


def test_the_template_sentence_is_no_one_line(base_tree):
    template = (REPO / "notes/_template.md").read_text(encoding="utf-8")
    write_tree(base_tree, {"notes/_template.md": template, "notes/jones2019kernel.md": template})
    assert load(base_tree)[0].notes["jones2019kernel"].oneline is None
