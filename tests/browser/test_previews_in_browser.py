"""Preview cards in Chromium: every kind of link to a paper page shows its card beside it, by
mouse or keyboard, in both schemes, at phone width and across instant navigation."""

from __future__ import annotations

from pathlib import Path

import pytest

CARD = "#rl-preview"

# Every kind of paper link the site has: (page, selector of one such link, its paper).
LINKS = {
    "section row": ("/models/", "a.rl-title[href$='/papers/soudry2018implicit/']",
                    "soudry2018implicit"),
    "citation in a note": ("/papers/cohen2021gradient/",
                           "article li a[title][href$='/papers/damian2023selfstabilization/']",
                           "damian2023selfstabilization"),
    "cited in": ("/papers/damian2023selfstabilization/",
                 "h2#cited-in + ul a[href$='/papers/cohen2021gradient/']", "cohen2021gradient"),
    "previous and next": ("/papers/soudry2018implicit/", "article a.rl-next", None),
    "bibliography row": ("/bibliography/", "a.rl-title[href$='/papers/jacot2018neural/']",
                         "jacot2018neural"),
    "candidate under a to-do": ("/open-questions/", ".rl-todo a[href$='/papers/mei2018mean/']",
                                "mei2018mean"),
    "tags page": ("/tags/", "ul.rl-tag-listing a[href$='/papers/cohen2021gradient/']",
                  "cohen2021gradient"),
    "latest notes": ("/", "article li a[href*='papers/']", None),
}

CONTRAST = """(element) => {
    const channels = (css) => css.match(/[\\d.]+/g).map(Number);
    const over = (top, bottom) => {
        const alpha = top.length > 3 ? top[3] : 1;
        return [0, 1, 2].map((i) => top[i] * alpha + bottom[i] * (1 - alpha));
    };
    const luminance = (rgb) => {
        const [r, g, b] = rgb.map((c) => {
            c /= 255;
            return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const card = document.getElementById("rl-preview");
    const background = channels(getComputedStyle(card).backgroundColor).slice(0, 3);
    const text = over(channels(getComputedStyle(element).color), background);
    const [light, dark] = [luminance(text), luminance(background)].sort((a, b) => b - a);
    return (light + 0.05) / (dark + 0.05);
}"""


def opened(visit, path: str):
    """The page once loaded: cards need nothing more (no wait for the network to go idle)."""
    visit.page.goto(visit.base + path, wait_until="load")
    return visit.page


def box(locator) -> dict:
    return locator.evaluate("e => { const r = e.getBoundingClientRect(); "
                            "return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; }")


def overlaps(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and \
        a["top"] < b["bottom"] and b["top"] < a["bottom"]


def key_of(link) -> str:
    return link.evaluate("a => new URL(a.getAttribute('href'), location.href).pathname") \
        .rstrip("/").rsplit("/", 1)[-1]


@pytest.mark.parametrize("kind", LINKS)
def test_hovering_a_paper_link_shows_its_card_beside_it(visit, kb, kind):
    path, selector, key = LINKS[kind]
    page = opened(visit, path)
    link = page.locator(selector).first.element_handle()   # the card takes its title away
    link.scroll_into_view_if_needed()
    link.hover()
    card = page.locator(CARD)
    card.wait_for(state="visible")
    paper = kb.papers[key or key_of(link)]
    assert card.locator(".rl-preview__title").inner_text() == paper.title
    assert card.locator(".rl-preview__meta").first.inner_text() == ", ".join(paper.authors[:3]) \
        + (" et al." if len(paper.authors) > 3 else "")
    assert card.get_attribute("role") == "tooltip"
    assert CARD[1:] in link.get_attribute("aria-describedby").split()
    assert not overlaps(box(card), box(link))


def test_the_card_reads_title_authors_venue_status_and_the_one_line_with_math(visit, kb):
    page = opened(visit, "/optimization/")
    page.locator("a.rl-title[href$='/papers/cohen2021gradient/']").hover()
    card = page.locator(CARD)
    card.locator(".rl-preview__oneline .katex").first.wait_for()
    assert card.locator(".rl-preview__meta").nth(1).inner_text() == \
        "International Conference on Learning Representations, 2021 · to read"
    assert card.locator(".rl-preview__oneline").inner_text().startswith(
        "An empirical paper: full-batch gradient descent")


def test_leaving_the_link_closes_the_card_and_its_description(visit):
    page = opened(visit, "/models/")
    link = page.locator("a.rl-title").first
    link.hover()
    page.locator(CARD).wait_for(state="visible")
    page.mouse.move(5, 600)
    page.locator(CARD).wait_for(state="hidden")
    assert link.get_attribute("aria-describedby") is None


def test_the_pointer_can_move_onto_the_card_without_closing_it(visit):
    page = opened(visit, "/models/")
    link = page.locator("a.rl-title[href$='/papers/soudry2018implicit/']")
    link.hover()
    card = page.locator(CARD)
    card.wait_for(state="visible")
    gap, target = box(link), box(card.locator(".rl-preview__oneline"))
    page.mouse.move(target["left"] + 20, (gap["bottom"] + box(card)["top"]) / 2)  # in the gap
    page.wait_for_timeout(100)
    page.mouse.move(target["left"] + 20, target["top"] + 5)
    page.wait_for_timeout(500)                       # longer than the grace before closing
    assert card.is_visible()
    page.mouse.move(5, 600)
    card.wait_for(state="hidden")


def test_the_card_never_stands_between_the_pointer_and_the_link(visit):
    page = opened(visit, "/models/")
    link = page.locator("a.rl-title[href$='/papers/soudry2018implicit/']")
    link.hover()
    page.locator(CARD).wait_for(state="visible")
    assert link.evaluate("a => { const r = a.getBoundingClientRect(); return a.contains("
                         "document.elementFromPoint(r.left + 5, r.top + r.height / 2)); }")
    link.click()
    page.wait_for_url("**/papers/soudry2018implicit/")
    page.locator(CARD).wait_for(state="hidden")


def test_keyboard_focus_shows_the_card_and_escape_closes_it(visit, kb):
    page = opened(visit, "/models/")
    page.locator("#linear-networks + p.rl-why").click()   # the next Tab stop: its first paper
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    assert focused.evaluate("a => a.matches('a.rl-title:focus-visible') && "
                            "getComputedStyle(a).outlineStyle !== 'none'")   # focus is visible
    card = page.locator(CARD)
    card.wait_for(state="visible")
    assert card.locator(".rl-preview__title").inner_text() == kb.papers[key_of(focused)].title
    page.keyboard.press("Escape")
    card.wait_for(state="hidden")
    assert focused.get_attribute("aria-describedby") is None
    page.keyboard.press("Tab")                 # the next link is no paper: nothing shows
    page.keyboard.press("Shift+Tab")           # back on the paper link: its card again
    card.wait_for(state="visible")


def test_a_link_added_later_even_in_an_svg_figure_gets_a_card(visit, kb):
    page = opened(visit, "/models/")
    page.evaluate("""() => {
        const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
        svg.setAttribute("width", "300"); svg.setAttribute("height", "40");
        const a = document.createElementNS("http://www.w3.org/2000/svg", "a");
        a.setAttributeNS("http://www.w3.org/1999/xlink", "xlink:href",
                         "../papers/jacot2018neural/");
        a.id = "late";
        const text = document.createElementNS("http://www.w3.org/2000/svg", "text");
        text.setAttribute("x", "10"); text.setAttribute("y", "25"); text.textContent = "NTK";
        a.append(text); svg.append(a);
        document.querySelector("article").prepend(svg);
    }""")
    page.locator("#late text").hover()
    page.locator(CARD).wait_for(state="visible")
    assert page.locator(".rl-preview__title").inner_text() == kb.papers["jacot2018neural"].title


def sitemap(site: Path, base: str) -> str:
    """The sitemap the site would have with a site_url. It has none, so its sitemap is empty,
    and Material's instant navigation, which follows only the sitemap's pages, stays idle."""
    pages = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    urls = "".join(f"<url><loc>{base}/{'' if p == '.' else p + '/'}</loc></url>" for p in pages)
    return ('<?xml version="1.0" encoding="UTF-8"?><urlset '
            f'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>')


def test_instant_navigation_keeps_cards_and_fetches_the_data_once(visit, kb, built_site):
    visit.page.route("**/sitemap.xml", lambda route: route.fulfill(
        body=sitemap(built_site, visit.base), content_type="application/xml"))
    fetched = []
    visit.page.on("request", lambda r: fetched.append(r.url) if r.url.endswith(
        "/previews.json") else None)
    page = opened(visit, "/models/")
    page.evaluate("window.sameDocument = true")
    link = page.locator("a.rl-title[href$='/papers/soudry2018implicit/']")
    link.hover()
    page.locator(CARD).wait_for(state="visible")
    link.click()
    page.wait_for_url("**/papers/soudry2018implicit/")
    page.locator("article a.rl-next").wait_for()
    assert page.evaluate("window.sameDocument") is True          # no page load: instant
    page.locator(CARD).wait_for(state="hidden")
    page.locator("article a.rl-next").hover()
    page.locator(CARD).wait_for(state="visible")
    assert page.locator(CARD).count() == 1
    assert len(fetched) == 1


def test_a_tap_on_a_touch_screen_follows_the_link_and_shows_no_card(browser, site_url):
    context = browser.new_context(viewport={"width": 375, "height": 800}, has_touch=True,
                                  is_mobile=True)
    shown = []
    context.expose_function("cardShown", lambda: shown.append(True))
    context.add_init_script("""addEventListener("DOMContentLoaded", () => {
        new MutationObserver(() => {
            const card = document.getElementById("rl-preview");
            if (card && !card.hidden) window.cardShown();
        }).observe(document.body, {subtree: true, childList: true, attributes: true});
    });""")
    page = context.new_page()
    page.goto(site_url + "/models/")
    page.wait_for_load_state("networkidle")
    held = []   # the paper's page is held back, so the tapped page stays long enough to see
    page.route("**/papers/soudry2018implicit/", lambda route: held.append(route))
    page.locator("a.rl-title[href$='/papers/soudry2018implicit/']").tap()
    page.wait_for_timeout(500)                 # longer than a card takes to show
    assert shown == [] and len(held) == 1      # no card, and the tap is following the link
    held[0].continue_()
    page.wait_for_url("**/papers/soudry2018implicit/")
    context.close()


def test_at_phone_width_the_card_fits_the_screen(visit):
    visit.page.set_viewport_size({"width": 375, "height": 800})
    page = opened(visit, "/models/")
    link = page.locator("a.rl-title[href$='/papers/jacot2021saddletosaddle/']")
    link.scroll_into_view_if_needed()
    link.hover()
    card = page.locator(CARD)
    card.wait_for(state="visible")
    where = box(card)
    assert where["left"] >= 0 and where["right"] <= 375 and where["top"] >= 0 \
        and where["bottom"] <= 800
    assert not overlaps(where, box(link))
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


@pytest.mark.parametrize("scheme, material", [("light", "default"), ("dark", "slate")])
def test_card_text_has_contrast_in_both_schemes(visit, scheme, material):
    visit.page.emulate_media(color_scheme=scheme)
    page = opened(visit, "/optimization/")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == material
    page.locator("a.rl-title[href$='/papers/cohen2021gradient/']").hover()
    page.locator(CARD).wait_for(state="visible")
    for part in (".rl-preview__title", ".rl-preview__meta", ".rl-preview__status",
                 ".rl-preview__oneline"):
        assert page.locator(f"{CARD} {part}").first.evaluate(CONTRAST) >= 4.5, part
