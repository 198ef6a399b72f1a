"""[@key] in a note's Markdown, as links to the cited papers' pages (render/fragments/citations.py)."""

from __future__ import annotations

from support import write_tree
from readinglist import load
from readinglist.render.fragments.citations import cite_text, link_citations

JONES = '[Jones and Müller, 2019](jones2019kernel.md "Kernel Methods for Deep Learning")'
SMITH = '[Smith, 2020](smith2020deep.md "On Deep Networks")'


def kb_of(root):
    return load(root, history=False)[0]


def test_every_known_key_of_a_bracket_becomes_a_link(base_tree):
    text = link_citations(kb_of(base_tree), "See [@jones2019kernel; @smith2020deep].",
                          "papers/a.md")
    assert text == f"See ({JONES}; {SMITH})."


def test_a_key_that_only_begins_a_longer_one_is_left_as_written(base_tree):
    text = link_citations(kb_of(base_tree), "[@jones2019kernel.x; @jones2019kernel]", "papers/a.md")
    assert text == f"(@jones2019kernel.x; {JONES})"


def test_an_unknown_key_is_left_as_written(base_tree):
    assert link_citations(kb_of(base_tree), "[see @nobody, p. 3]", "papers/a.md") == \
        "(see @nobody, p. 3)"


def test_a_title_holding_another_cited_key_is_not_rewritten(base_tree):
    bib = (base_tree / "bib/references.bib").read_text(encoding="utf-8")
    write_tree(base_tree, {"bib/references.bib": bib.replace(
        "Kernel Methods for {Deep} Learning", "Kernels, after @smith2020deep")})
    text = link_citations(kb_of(base_tree), "[@jones2019kernel; @smith2020deep]", "papers/a.md")
    assert text == ('([Jones and Müller, 2019](jones2019kernel.md "Kernels, after '
                    f'@smith2020deep"); {SMITH})')


def test_text_without_links_keeps_the_locator(base_tree):
    assert cite_text(kb_of(base_tree), "[@jones2019kernel, p. 3]") == \
        "(Jones and Müller, 2019, p. 3)"
