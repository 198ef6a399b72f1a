"""What a screen reader is told by the built site: figures titled and described, points named,
progress given as values, statuses as words, the page's language."""

from __future__ import annotations

import pytest

from test_site import soup

FIGURES = ["models/index.html", "connections/index.html", "papers/cohen2021gradient/index.html",
           "progress/index.html"]


@pytest.mark.parametrize("page", FIGURES)
def test_every_figure_has_a_title_and_a_description(built_site, page):
    html = soup(built_site, page)
    figures = html.select("svg.rl-frontier, svg.rl-arcs, svg.rl-timeline")
    assert figures, f"{page} has no figure"
    for svg in figures:
        title = html.find(id=svg["aria-labelledby"])
        desc = html.find(id=svg["aria-describedby"])
        assert (title.name, desc.name) == ("title", "desc")
        assert title.parent is svg and desc.parent is svg
        assert title.get_text(strip=True) and desc.get_text(strip=True)


@pytest.mark.parametrize("page", FIGURES[:3])
def test_every_point_of_a_figure_is_named_starting_with_its_visible_label(built_site, page):
    links = soup(built_site, page).select("svg a")
    assert links
    for link in links:
        assert link["aria-label"].startswith(link.find("text").get_text())


def test_progress_bars_give_their_values(built_site):
    bars = soup(built_site, "progress/index.html").select(".rl-bar")
    assert bars
    for bar in bars:
        assert bar["role"] == "progressbar"
        assert 0 <= int(bar["aria-valuenow"]) <= int(bar["aria-valuemax"])
        assert bar["aria-valuetext"].endswith(f"(of {bar['aria-valuemax']})")


def test_statuses_are_words(built_site):
    chips = soup(built_site, "models/index.html").select(".rl-status")
    assert {chip.get_text() for chip in chips} <= {"to read", "reading", "read", "no note yet"}
    assert all(chip.get_text() for chip in chips)


def test_every_page_says_its_language(built_site):
    assert soup(built_site, "index.html").html["lang"] == "en"
