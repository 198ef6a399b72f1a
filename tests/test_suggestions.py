"""What is ours and what is the curator's: suggestions, candidates with a reason, the curator's
own words for a paper, a section's source; in the export and on the pages."""

from __future__ import annotations

import pytest

from support import write_tree
from readinglist import check, load
from readinglist.render import render
from readinglist.render.files.export import export
from readinglist.render.pages.home import pillars

MODELS = """\
id: models
title: Models
order: frontier
intro: Down the frontier.
source: jones2019kernel
source_note: The source's figure has no kernel point.
topics:
  - id: kernels
    title: Kernels
    items:
      - paper: jones2019kernel
        as_written: Jones's kernel thing
      - todo: Find more kernel papers
        candidates: [smith2020deep]
        reason: Smith is the only kernel paper we know of.
  - id: networks
    title: Networks
    items: []
    suggestions: [smith2020deep]
"""


@pytest.fixture
def tree(base_tree):
    return write_tree(base_tree, {"taxonomy/models.yml": MODELS})


def test_the_new_fields_check_clean(tree):
    kb, problems = load(tree)
    assert problems + check(kb) == []


def test_export_carries_ours_apart_from_the_curators(tree):
    models = export(load(tree)[0])["sections"][1]
    assert (models["source"], models["source_note"]) == (
        "jones2019kernel", "The source's figure has no kernel point.")
    kernels, networks = models["topics"]
    assert kernels["items"] == [
        {"paper": "jones2019kernel", "as_written": "Jones's kernel thing"},
        {"todo": "Find more kernel papers", "candidates": ["smith2020deep"],
         "reason": "Smith is the only kernel paper we know of."}]
    assert (networks["items"], networks["suggestions"]) == ([], ["smith2020deep"])


def test_an_unknown_suggestion_or_source_is_an_unknown_paper(tree):
    write_tree(tree, {"taxonomy/models.yml": MODELS.replace(
        "suggestions: [smith2020deep]", "suggestions: [smith2020dep]").replace(
        "source: jones2019kernel", "source: jones2019kernels")})
    kb, problems = load(tree)
    assert [str(d) for d in check(kb)] == [
        "taxonomy/models.yml:5:9: unknown-paper: paper 'jones2019kernels' is not in bib/; "
        "add its entry or fix the key",
        "taxonomy/models.yml:19:19: unknown-paper: paper 'smith2020dep' is not in bib/; "
        "add its entry or fix the key"]


def test_a_suggested_paper_is_not_unlisted(tree):
    text = MODELS.replace("        candidates: [smith2020deep]\n", "")
    write_tree(tree, {"taxonomy/models.yml": text})
    kb, problems = load(tree)
    assert [d.code for d in check(kb)] == []


def test_the_section_page_shows_the_curators_words_the_reason_and_our_suggestions(tree):
    page = render(load(tree)[0])["models.md"]
    assert "The curator wrote: “Jones's kernel thing”" in page
    assert "Why these</span> Smith is the only kernel paper we know of." in page
    assert "Our suggestions, not the curator's picks" in page
    assert 'class="rl-paper rl-paper--suggested"' in page


def test_the_source_is_cited_under_the_intro_and_in_the_frontier_caption(tree):
    page = render(load(tree)[0])["models.md"]
    intro = page.index("Down the frontier.")
    assert page.index("Source: [Jones and Müller, 2019, *Kernel Methods for Deep Learning*]"
                      "(papers/jones2019kernel.md)") > intro
    assert "The source's figure has no kernel point." in page
    caption = page[page.index("<figcaption markdown>"):page.index("</figcaption>")]
    assert "The frontier follows [Jones and Müller, 2019](papers/jones2019kernel.md)" in caption


def test_a_suggested_papers_page_says_where_it_is_suggested(tree):
    page = render(load(tree)[0])["papers/smith2020deep.md"]
    assert "## Suggested under" in page
    assert "- [Models](../models.md) › [Networks](../models.md#networks)" in page


def test_progress_counts_suggestions_apart(tree):
    page = render(load(tree)[0])["progress.md"]
    assert "Not counted above: 1 paper we suggest" in page


def test_the_home_page_counts_a_pillars_suggestions_apart(tree):
    home = pillars(load(tree)[0])
    assert '<span class="rl-pillar__count">1 paper · 1 suggested</span>' in home   # models
    assert '<span class="rl-pillar__count">1 paper</span>' in home                 # hyperparams


def test_the_bibliography_sets_suggestions_apart(tree):
    hyperparams = (tree / "taxonomy/hyperparams.yml").read_text(encoding="utf-8")
    write_tree(tree, {"taxonomy/hyperparams.yml": hyperparams.replace(
        "      - paper: smith2020deep\n", "")})
    page = render(load(tree)[0])["bibliography.md"]
    assert "Our suggestions in this section" in page
    assert "## Not yet in a topic" not in page


def test_a_published_title_is_shown_beside_the_preprints(tree):
    bib = (tree / "bib/references.bib").read_text(encoding="utf-8")
    write_tree(tree, {"bib/references.bib": bib.replace(
        "{On Deep Networks},", "{On Deep Networks},\n  pubtitle = {On Deep Networks, "
        "Published},")})
    assert "Published as “On Deep Networks, Published”" in \
        render(load(tree)[0])["papers/smith2020deep.md"]
    assert export(load(tree)[0])["papers"]["smith2020deep"]["title"] == "On Deep Networks"
