"""Proposals from the citation graph on the site: the New in the field page, the collapsed
blocks under topics and to-dos, a proposal's paper page, the bibliography, the feeds and the
preview cards; each says it is a proposal, and a hostile title reaches readers only as text."""

from __future__ import annotations

import json

from bs4 import BeautifulSoup

from support import HOSTILE, write_tree
from readinglist import load
from readinglist.render import Site, render
from readinglist.render.files.feeds import entries
from readinglist.render.files.previews import previews

LABEL = "Proposed from the citation graph"


def pages(root) -> dict[str, str]:
    return render(load(root)[0])


def article(site, path: str) -> BeautifulSoup:
    page = BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")
    return page.find("article")


def test_new_in_the_field_lists_every_proposal_newest_first(proposals_tree):
    page = pages(proposals_tree)["new-in-the-field.md"]
    order = [page.index(f"papers/{key}.md){{ .rl-title }}")
             for key in ("doe2026fresh", "old2026networks", "evil2026hostile")]
    assert order == sorted(order)
    assert page.count(f"{LABEL}, not the curator's pick") == 3


def test_a_proposal_on_the_page_says_why_where_what_it_answers_and_when(proposals_tree):
    page = pages(proposals_tree)["new-in-the-field.md"]
    entry = page[page.index("doe2026fresh"):page.index("old2026networks")]
    assert "- **Why:** Cites 2 papers on the list: [Kernel Methods for Deep Learning]" \
        "(papers/jones2019kernel.md), [On Deep Networks](papers/smith2020deep.md)" in entry
    assert "- **Would sit under:** [Models](models.md) › [Kernels](models.md#kernels)" in entry
    assert "- **Answers the to-do:** “Find more kernel papers” under [Models](models.md) › " \
        "[Kernels](models.md#kernels)" in entry
    assert "- **Found:** 2026-12-07 · **published:** 2026-11-30" in entry
    assert "We look at kernels again" in entry
    assert "Cited by 2 papers on the list" in page


def test_without_proposals_the_page_says_there_are_none_yet(base_tree):
    page = pages(base_tree)["new-in-the-field.md"]
    assert "There are no proposals yet." in page and "rl-paper" not in page


def test_a_to_do_shows_the_proposals_that_answer_it_collapsed(proposals_tree):
    # The one placed in its topic, and the two that connect to its candidate; best first
    # (all connect to two listed papers, so the newest first).
    page = pages(proposals_tree)["models.md"]
    kernels = page[page.index("{ #kernels }"):page.index("{ #networks }")]
    todo = kernels[kernels.index('<div class="rl-todo"'):]
    assert todo.index('<details class="rl-proposals" data-search-exclude markdown>') < \
        todo.index("doe2026fresh") < todo.index("old2026networks") < \
        todo.index("evil2026hostile") < todo.index("</div>")
    assert f"<summary>{LABEL}: 3 papers, not the curator's picks</summary>" in todo
    assert kernels.count("rl-proposals") == 1     # not again under the topic


def test_a_topic_without_a_to_do_shows_its_proposals_collapsed(proposals_tree):
    page = pages(proposals_tree)["models.md"]
    networks = page[page.index("{ #networks }"):]
    assert f"<summary>{LABEL}: 2 papers, not the curator's picks</summary>" in networks
    assert networks.index("old2026networks") < networks.index("evil2026hostile")
    assert '<span class="rl-proposal__why">Cited by 2 papers on the list: ' in networks


def test_the_open_questions_show_a_to_dos_proposals_too(proposals_tree):
    page = pages(proposals_tree)["open-questions.md"]
    todo = page[page.index('<div class="rl-todo"'):]
    assert f"<summary>{LABEL}: 3 papers, not the curator's picks</summary>" in todo
    assert "(papers/doe2026fresh.md){ .rl-title }" in todo


def test_a_proposals_paper_page_says_it_is_a_proposal(proposals_tree):
    page = pages(proposals_tree)["papers/doe2026fresh.md"]
    assert f"{LABEL}, not the curator's pick" in page
    assert "Found on 2026-12-07, waiting for the curator's review. Cites 2 papers" in page
    assert "It would sit under [Models](../models.md) › [Kernels](../models.md#kernels)." in page
    assert '<span class="rl-status rl-status--proposed">proposed</span>' in page
    assert "## Listed under" not in page


def test_the_bibliography_sets_proposals_apart_under_their_label(proposals_tree):
    page = pages(proposals_tree)["bibliography.md"]
    assert "All 2 papers in the order of the map, then the 3 the citation graph proposes." \
        in page
    proposed = page[page.index(f"## {LABEL}"):]
    assert proposed.count('class="rl-paper rl-paper--proposed"') == 3
    assert "## Not yet in a topic" not in page
    assert "doe2026fresh" not in page[:page.index(f"## {LABEL}")]


def test_the_connections_map_leaves_proposals_out(proposals_tree):
    page = pages(proposals_tree)["connections.md"]
    assert "doe2026fresh" not in page


def test_a_preview_card_is_labelled_as_proposed(proposals_tree):
    cards = json.loads(previews(load(proposals_tree)[0]))["papers"]
    assert cards["doe2026fresh"] == [
        "A Fresh Look at Kernels", "Jo Doe, Max Roe", "Journal of Fresh Results, 2026",
        "proposed", f"{LABEL}, not the curator's pick. Cites 2 papers on the list: Jones and "
        "Müller, 2019; Smith, 2020."]
    assert cards["smith2020deep"][3] == "read"


def test_the_feeds_have_an_entry_per_proposal_labelled_as_one(proposals_tree):
    found = [e for e in entries(load(proposals_tree)[0], Site("t")) if "proposed" in e.kinds]
    assert [(e.key, e.date) for e in found] == [
        ("doe2026fresh", "2026-12-07T00:00:00+00:00"),
        ("old2026networks", "2026-12-07T00:00:00+00:00"),
        ("evil2026hostile", "2026-11-30T00:00:00+00:00")]
    assert found[0].title == "Proposed: A Fresh Look at Kernels"
    assert found[0].link == "papers/doe2026fresh/"


def test_a_day_that_does_not_exist_leaves_the_proposal_out_of_the_feeds(proposals_tree):
    text = (proposals_tree / "taxonomy/proposals.yml").read_text(encoding="utf-8")
    write_tree(proposals_tree, {"taxonomy/proposals.yml": text.replace(
        'found: "2026-11-30"', 'found: "2026-02-30"')})
    keys = [e.key for e in entries(load(proposals_tree)[0], Site("t"))]
    assert "evil2026hostile" not in keys and "doe2026fresh" in keys


def test_the_built_site_shows_every_proposal_text_as_text(proposals_site):
    for path in ("new-in-the-field", "models", "papers/evil2026hostile", "bibliography"):
        html = (proposals_site / path / "index.html").read_text(encoding="utf-8")
        assert HOSTILE not in html and "<script>alert(2)" not in html, path
        text = article(proposals_site, path).get_text()
        assert f"Hostile {HOSTILE} title" in text and f"Venue {HOSTILE}" in text, path
    page = article(proposals_site, "papers/evil2026hostile")
    assert not page.select("img, script") and f"{HOSTILE} Evil" in page.get_text()
    assert "An abstract <img src=x onerror=alert(1)> with <script>alert(2)</script>" \
        in page.get_text()


def test_the_built_feeds_and_data_carry_the_hostile_proposal_as_text(proposals_site):
    atom = (proposals_site / "feed.xml").read_text(encoding="utf-8")
    assert HOSTILE not in atom and "Proposed: Hostile &lt;img" in atom
    feed = json.loads((proposals_site / "feed.json").read_text(encoding="utf-8"))
    assert f"Proposed: Hostile {HOSTILE} title" in [item["title"] for item in feed["items"]]
    card = json.loads((proposals_site / "previews.json").read_text())["papers"]
    assert card["evil2026hostile"][0] == f"Hostile {HOSTILE} title"


def test_the_block_on_a_built_section_page_is_collapsed_and_left_out_of_search(proposals_site):
    blocks = article(proposals_site, "models").select("details.rl-proposals")
    assert len(blocks) == 2 and not any(block.has_attr("open") for block in blocks)
    index = (proposals_site / "search/search_index.json").read_text(encoding="utf-8")
    sections = [doc for doc in json.loads(index)["docs"] if doc["location"].startswith("models/")]
    assert sections and not any("Fresh Look" in doc["text"] for doc in sections)
