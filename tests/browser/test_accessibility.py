"""WCAG 2.2 A and AA, measured by axe-core, on every kind of page, in both colour schemes, on a
desk and on a phone; and the models page walked by keyboard alone."""

from __future__ import annotations

import pytest

from support import REPO

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Not WCAG success criteria, but named by the issue: a dialog and each navigation landmark
# need a name of their own for a screen reader to tell them apart.
ALSO = ["aria-dialog-name", "landmark-unique"]
BLOCKING = {"serious", "critical"}
SCHEMES = {"light": "default", "dark": "slate"}
WIDTHS = {"desk": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 800}}
PAGES = ["/", "/hyperparams/", "/models/", "/optimization/", "/data/", "/other/",
         "/papers/cohen2021gradient/", "/open-questions/", "/progress/", "/bibliography/",
         "/tags/", "/connections/"]


# At scale the connections page draws topics, and each topic gets a page (see large_site).
AT_SCALE = ["/connections/", "/connections/models/topic-0/"]
# Proposals from the citation graph: their page, and a section page with its blocks opened.
WITH_PROPOSALS = ["/new-in-the-field/", "/models/"]


def violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async ([tags, also]) => {
        const rules = Object.fromEntries(also.map((id) => [id, {enabled: true}]));
        const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, rules,
                                                resultTypes: ["violations"]});
        return result.violations.map((v) => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary}`)}));
    }""", [WCAG, ALSO])


def described(found: list[dict]) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']}\n  " + "\n  ".join(v["nodes"][:5])
                     + (f"\n  ... and {len(v['nodes']) - 5} more" if len(v["nodes"]) > 5 else "")
                     for v in found)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", PAGES)
def test_no_serious_wcag_violation(tabs, path, scheme, width):
    assert_accessible(tabs(color_scheme=scheme, viewport=WIDTHS[width]), path, scheme)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", AT_SCALE)
def test_no_serious_wcag_violation_at_scale(large_visits, path, scheme, width):
    assert_accessible(large_visits(color_scheme=scheme, viewport=WIDTHS[width]), path, scheme)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", WITH_PROPOSALS)
def test_no_serious_wcag_violation_with_proposals(proposals_tabs, path, scheme, width):
    visit = proposals_tabs(color_scheme=scheme, viewport=WIDTHS[width])
    assert_accessible(visit, path, scheme, opened="details.rl-proposals, details.rl-abstract")


def test_a_proposals_block_opens_by_keyboard_alone(proposals_visits):
    page = proposals_visits().goto("/models/")
    assert_rings(tab_to(page, "details.rl-proposals > summary"))
    page.keyboard.press("Enter")
    assert page.locator("details.rl-proposals[open] .rl-proposal").first.is_visible()


def assert_accessible(visit, path: str, scheme: str, opened: str | None = None) -> None:
    """opened: the collapsed blocks to open first, so that axe sees what is in them too."""
    page = visit.page
    # "load", not the idle network Visit waits for: the pages are static, the math renders on
    # load, and half a second less per page adds up over the many visits.
    response = page.goto(visit.base + path, wait_until="load")
    assert response.ok, path
    if opened:
        assert page.evaluate("""(s) => [...document.querySelectorAll(s)].map(
            (d) => d.open = true).length""", opened), f"nothing to open on {path}"
    assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme]
    found = [v for v in violations(page) if v["impact"] in BLOCKING]
    assert found == [], described(found)


RING = """(selector) => {
    const element = document.activeElement;
    // The theme toggle's radio input is invisible; its label carries the ring.
    const shown = element.matches("input.md-option") ? element.nextElementSibling : element;
    const style = getComputedStyle(shown);
    return {what: `${element.tagName.toLowerCase()}.${element.getAttribute("class")}`,
            style: style.outlineStyle, width: parseFloat(style.outlineWidth),
            wanted: element.matches(selector)};
}"""


def tab_to(page, selector: str, limit: int = 200) -> list[dict]:
    """Press Tab until the focus is on selector; every stop on the way, with its ring."""
    stops = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(RING, selector))
        if stops[-1].pop("wanted"):
            return stops
    raise AssertionError(f"{limit} presses of Tab never reached {selector}: {stops[-5:]}")


def assert_rings(stops: list[dict]) -> None:
    unringed = [s for s in stops if s["style"] == "none" or s["width"] < 2]
    assert unringed == [], "these show no focus ring"


def test_keyboard_alone_reaches_a_paper_from_the_models_page_and_back(visit):
    page = visit.goto("/models/")
    stops = tab_to(page, "a.rl-title")
    kinds = {s["what"].split(" ")[0] for s in stops}
    # On the way: the theme toggle, search, the frontier's points, each with a ring.
    assert {"input.md-option", "input.md-search__input", "a.rl-frontier__point"} <= kinds
    assert_rings(stops)
    title = page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    page.wait_for_url("**/papers/*/")
    assert page.locator("h1").inner_text().removesuffix("¶") == title
    page.go_back()
    page.wait_for_url("**/models/")


def test_a_rows_bibtex_opens_and_copies_by_keyboard_alone(visit, kb):
    page = visit.goto("/models/")
    assert_rings(tab_to(page, "details.rl-bibtex > summary"))
    page.keyboard.press("Enter")
    row = page.locator("details.rl-bibtex[open]")
    assert row.count() == 1
    assert_rings(tab_to(page, "details.rl-bibtex[open] button.md-code__button", limit=5))
    page.keyboard.press("Enter")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.strip() == row.locator("pre").inner_text().strip()


@pytest.mark.parametrize("motion, moves", [("no-preference", True), ("reduce", False)])
def test_figures_move_only_for_readers_who_did_not_ask_for_less_motion(visits, motion, moves):
    page = visits(reduced_motion=motion).goto("/connections/")
    seconds = page.evaluate("""() => Math.max(...[...document.querySelectorAll("*")].flatMap(
        (e) => getComputedStyle(e).transitionDuration.split(", ").map(parseFloat)))""")
    assert (seconds >= 0.1) is moves


@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_preview_card_opened_by_keyboard_has_no_serious_wcag_violation(visits, scheme):
    page = visits(color_scheme=scheme).goto("/models/")
    tab_to(page, "a.rl-title")
    card = page.locator("#rl-preview")
    card.wait_for(state="visible")
    found = [v for v in violations(page) if v["impact"] in BLOCKING]
    assert found == [], described(found)


def test_the_theme_toggle_switches_the_scheme_by_keyboard(visit):
    page = visit.goto("/models/")
    tab_to(page, "input.md-option")
    before = page.evaluate("document.body.dataset.mdColorScheme")
    page.keyboard.press("Enter")
    after = page.evaluate("document.body.dataset.mdColorScheme")
    assert {before, after} == {"default", "slate"}
