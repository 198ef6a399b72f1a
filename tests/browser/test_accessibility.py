"""WCAG 2.2 A and AA, measured by axe-core, on every kind of page, in both colour schemes, on a
desk and on a phone; and the models page walked by keyboard alone."""

from __future__ import annotations

from pathlib import Path

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


TOPIC = "a connections topic page"


def resolved(path: str, site: Path) -> str:
    """The path itself, or the first connections topic page the site has, if any."""
    if path != TOPIC:
        return path
    found = sorted(site.glob("connections/*/index.html"))
    if not found:
        pytest.skip("the site has no connections topic page")
    return f"/{found[0].parent.relative_to(site).as_posix()}/"


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
@pytest.mark.parametrize("path", [*PAGES, TOPIC])
def test_no_serious_wcag_violation(visits, built_site, path, scheme, width):
    visit = visits(color_scheme=scheme, viewport=WIDTHS[width])
    page = visit.page
    # "load", not the idle network Visit waits for: the pages are static, the math renders on
    # load, and half a second less per page adds up over the 52 visits.
    page.goto(visit.base + resolved(path, built_site), wait_until="load")
    assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme]
    found = [v for v in violations(page) if v["impact"] in BLOCKING]
    assert found == [], described(found)
