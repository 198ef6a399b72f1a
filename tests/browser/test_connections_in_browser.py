"""The connection figures in Chromium: hover and focus light up arcs, keyboard, phone, dark mode."""

from __future__ import annotations

import pytest

from readinglist.render.index import build_index

LIT = """key => ({
    out: [...document.querySelectorAll('.rl-arc--out')].map(a => a.dataset.to).sort(),
    into: [...document.querySelectorAll('.rl-arc--in')].map(a => a.dataset.from).sort(),
})"""
STROKE = "sel => getComputedStyle(document.querySelector(sel)).stroke"


@pytest.fixture(scope="module")
def graph(kb):
    return build_index(kb).graph


def lit(page) -> dict:
    return page.evaluate(LIT, None)


def test_hovering_a_paper_lights_up_its_arcs_and_only_them(visit, graph):
    page = visit.goto("/connections/")
    key = "jacot2018neural"
    page.locator(f"svg#rl-arcs-all a.rl-node[data-key='{key}']").hover()
    assert lit(page) == {"out": sorted(graph.cites[key]), "into": sorted(graph.cited_by[key])}
    page.mouse.move(1, 1)
    assert lit(page) == {"out": [], "into": []}


def test_the_keyboard_reaches_every_node_and_focus_lights_up_its_arcs(visit, graph):
    page = visit.goto("/connections/")
    first = graph.connected()[0]
    page.locator(f"a.rl-node[data-key='{first}']").focus()
    assert lit(page) == {"out": sorted(graph.cites.get(first, ())),
                         "into": sorted(graph.cited_by.get(first, ()))}
    page.keyboard.press("Tab")
    second = graph.connected()[1]
    assert page.evaluate("document.activeElement.dataset.key") == second
    assert lit(page)["out"] == sorted(graph.cites.get(second, ()))
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/papers/{second}/")


def test_each_node_is_a_named_link_for_assistive_technology(visit, kb):
    page = visit.goto("/connections/")
    title = kb.papers["soudry2018implicit"].title
    link = page.get_by_role("link", name=title, exact=False).first
    assert link.get_attribute("data-key") == "soudry2018implicit"


def test_hovering_a_neighbour_in_the_local_view_lights_up_its_arc_to_the_paper(visit, graph):
    key = "cohen2021gradient"
    page = visit.goto(f"/papers/{key}/")
    figure = page.locator("svg#rl-arcs-local")
    figure.scroll_into_view_if_needed()
    neighbour = graph.cites[key][0]
    figure.locator(f"a.rl-node[data-key='{neighbour}']").hover()
    expected = {"out": [key] if key in graph.cites.get(neighbour, ()) else [], "into": [key]}
    assert lit(page) == expected


@pytest.mark.parametrize("path", ["/connections/", "/papers/jacot2018neural/", "/progress/"])
def test_phone_width_has_no_horizontal_scroll_and_the_figure_fits(visit, path):
    visit.page.set_viewport_size({"width": 375, "height": 800})
    page = visit.goto(path)
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    # An arc figure fits the screen; the timeline keeps readable labels and its figure scrolls.
    width = page.evaluate("document.querySelector('svg.rl-arcs, figure.rl-timeline-figure')"
                          ".getBoundingClientRect().right")
    assert width <= 375


def test_dark_mode_gives_the_lit_arcs_their_own_colours(visit):
    page = visit.goto("/connections/")
    node = page.locator("svg#rl-arcs-all a.rl-node[data-key='jacot2018neural']")
    node.hover()
    light = (page.evaluate(STROKE, ".rl-arc--out"), page.evaluate(STROKE, ".rl-arc--in"))
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    dark = (page.evaluate(STROKE, ".rl-arc--out"), page.evaluate(STROKE, ".rl-arc--in"))
    assert light[0] != light[1] and dark[0] != dark[1]
    assert light != dark
    assert all(contrast(colour, "rgb(255, 255, 255)") >= 3 for colour in light)
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert all(contrast(colour, background) >= 3 for colour in dark)


def contrast(one: str, two: str) -> float:
    """WCAG contrast ratio of two 'rgb(r, g, b)' colours."""
    def luminance(colour: str) -> float:
        channels = [int(c) / 255 for c in colour[colour.index("(") + 1:-1].split(",")[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(one), luminance(two)), reverse=True)
    return (high + 0.05) / (low + 0.05)
