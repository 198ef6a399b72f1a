"""Site behaviour in headless Chromium: search, math, copy, the frontier, phone width."""

from __future__ import annotations

import pytest


def test_searching_a_title_finds_the_paper_and_opens_it(visit):
    page = visit.goto("/")
    page.locator("label.md-search__icon, input.md-search__input").first.click()
    search = page.locator("input.md-search__input")
    search.press_sequentially("Edge of Stability", delay=30)
    result = page.locator("li.md-search-result__item a[href*='papers/cohen2021gradient']").first
    result.wait_for(timeout=15_000)
    result.click()
    page.wait_for_url("**/papers/cohen2021gradient/**")
    assert page.locator("h1").inner_text().startswith("Gradient Descent on Neural Networks")


def test_math_in_a_note_renders_as_katex(visit):
    page = visit.goto("/papers/cohen2021gradient/")
    page.locator(".arithmatex .katex").first.wait_for()
    assert page.locator(".arithmatex .katex").count() >= 5
    assert page.locator(".arithmatex .katex-display").count() >= 1
    assert page.locator(".katex-error").count() == 0


def test_copy_button_puts_the_bibtex_on_the_clipboard(visit, kb):
    page = visit.goto("/papers/soudry2018implicit/")
    block = page.locator("h2#bibtex + div.highlight")
    block.hover()
    block.locator("button[data-md-type='copy']").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.strip() == kb.papers["soudry2018implicit"].raw.strip()


def test_a_frontier_point_navigates_to_its_topic(visit):
    page = visit.goto("/models/")
    page.locator("svg.rl-frontier a.rl-frontier__point", has_text="MLPs").click()
    page.wait_for_url("**/models/#mlps")
    # The heading has scrolled into view (instant navigation may re-render the page first).
    page.wait_for_function("""() => {
        const top = document.getElementById("mlps")?.getBoundingClientRect().top;
        return top !== undefined && top >= 0 && top < window.innerHeight;
    }""", timeout=10_000)


def test_bibtex_toggle_opens_on_a_section_page(visit):
    page = visit.goto("/models/")
    toggle = page.locator("details.rl-bibtex").first
    assert not toggle.locator("pre").is_visible()
    toggle.locator("summary").click()
    assert toggle.locator("pre").is_visible()


def test_instant_navigation_keeps_math_rendering(visit):
    page = visit.goto("/models/")
    page.locator("a.rl-title[href$='/papers/jacot2018neural/']").first.click()
    page.wait_for_url("**/papers/jacot2018neural/")
    page.locator(".arithmatex .katex").first.wait_for()


@pytest.mark.parametrize("path", ["/", "/models/", "/papers/cohen2021gradient/", "/progress/",
                                  "/bibliography/", "/open-questions/"])
def test_phone_width_has_no_horizontal_scroll(visit, path):
    visit.page.set_viewport_size({"width": 375, "height": 800})
    page = visit.goto(path)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


@pytest.mark.parametrize("path, label", [("/models/", ".rl-frontier__point text"),
                                         ("/progress/", ".rl-timeline__tick")])
def test_phone_width_keeps_figure_labels_readable_and_scrolls_the_figure(visit, path, label):
    visit.page.set_viewport_size({"width": 375, "height": 800})
    page = visit.goto(path)
    height = page.locator(label).first.evaluate("e => e.getBoundingClientRect().height")
    assert height >= 11   # at the width of the screen, these labels were 6 to 7 pixels high
    figure = page.locator("figure:has(svg)").first
    assert figure.evaluate("f => f.scrollWidth > f.clientWidth")   # the figure scrolls ...
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def test_dark_theme_toggle_switches_the_scheme(visit):
    page = visit.goto("/models/")
    before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("form.md-header__option label:visible").first.click()
    after = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert {before, after} == {"default", "slate"}
