"""The reader's own map in Chromium: filters against the export's counts, the address and
history, the reader's marks across reloads, pages and files, keyboard, axe, phone width and
instant navigation. Every visit fails on a request to another host or a console error."""

from __future__ import annotations

import json
import re

import pytest

from readinglist.render.files.export import export
from test_accessibility import SCHEMES, WIDTHS, assert_rings, described, tab_to, violations
from test_previews_in_browser import sitemap

COUNT = ".rl-filters__count"
SHOWN = ".md-content .rl-paper[data-key]:not(.rl-hidden)"
TOGGLE = ".rl-mine input"
STORE = "readinglist-marks:/"


@pytest.fixture(scope="module")
def exported(kb) -> dict:
    """The export of the list the site is built from: what the filters are held to."""
    return export(kb)


def places(data: dict) -> dict[str, set[str]]:
    """Every section and section/topic a paper is placed in, in any way, from the export."""
    found: dict[str, set[str]] = {}

    def walk(section: str, topics: list, trail: list[str]) -> None:
        for topic in topics:
            where = {section, *(f"{section}/{t}" for t in (*trail, topic["id"]))}
            keys = [i["paper"] for i in topic["items"] if "paper" in i]
            keys += [k for i in topic["items"] for k in i.get("candidates", [])]
            for key in keys + topic["suggestions"]:
                found.setdefault(key, set()).update(where)
            walk(section, topic["topics"], [*trail, topic["id"]])

    for section in data["sections"]:
        walk(section["id"], section["topics"], [])
    return found


def within(year: str, span: str) -> bool:
    low, _, high = span.partition("-") if "-" in span else (span, "", span)
    return year.isdigit() and (not low or int(year) >= int(low)) and \
        (not high or int(year) <= int(high))


def expected(data: dict, query: dict[str, list[str]], marked: set[str] = frozenset()) -> int:
    """How many papers the filter keeps, worked out from the export alone."""
    where = places(data)

    def text(paper: dict) -> str:
        oneline = re.sub(r"\[@[^\]]*\]", "", paper["oneline"] or "")
        return " ".join([paper["title"], ", ".join(paper["authors"]), oneline]).lower()

    tests = {"status": lambda k, p, v: (p["status"] or "to-read") == v,
             "section": lambda k, p, v: v in where.get(k, ()),
             "topic": lambda k, p, v: v in where.get(k, ()),
             "tag": lambda k, p, v: v in p["tags"],
             "venue": lambda k, p, v: p["venue_kind"] == v,
             "year": lambda k, p, v: within(p["year"] or "", v),
             "q": lambda k, p, v: v.lower() in text(p),
             "mine": lambda k, p, v: (k in marked) == (v == "read")}
    return sum(all(any(tests[name](key, paper, v) for v in values)
                   for name, values in query.items())
               for key, paper in data["papers"].items())


def shown_keys(page) -> set[str]:
    return set(page.eval_on_selector_all(SHOWN, "rows => rows.map(r => r.dataset.key)"))


def opened(visit, path: str):
    visit.page.goto(visit.base + path, wait_until="load")
    visit.page.locator(COUNT).wait_for()
    return visit.page


FILTERS = ["status=to-read", "status=read", "section=models", "topic=models/kernel-regression",
           "topic=optimization/understanding-optimizers", "tag=edge-of-stability",
           "tag=scaling-laws&tag=edge-of-stability", "year=2023-", "year=-2019",
           "year=2019-2021", "venue=journal", "venue=preprint&venue=other", "q=kernel",
           "q=TRANSFORMER", "mine=unread", "mine=read",
           "section=optimization&year=2023-&status=to-read",
           "venue=conference&q=networks&year=2020-2024",
           "topic=models/transformers&topic=models/ssm&venue=preprint&venue=conference"]


@pytest.mark.parametrize("search", FILTERS)
def test_each_filter_alone_and_combined_keeps_what_the_export_says(tabs, exported, search):
    query: dict[str, list[str]] = {}
    for name, value in (part.split("=") for part in search.split("&")):
        query.setdefault(name, []).append(value)
    page = opened(tabs(), f"/bibliography/?{search}")
    count = expected(exported, query)
    assert 0 < count or search in ("status=read", "mine=read")
    assert len(shown_keys(page)) == count
    assert page.locator(COUNT).inner_text() == f"{count} of {len(exported['papers'])} papers shown"


def test_a_section_page_filters_its_own_rows(tabs, exported):
    page = opened(tabs(), "/optimization/?year=2023-")
    rows = set(page.eval_on_selector_all(".md-content .rl-paper[data-key]",
                                         "rows => rows.map(r => r.dataset.key)"))
    kept = {k for k in rows if within(exported["papers"][k]["year"], "2023-")}
    assert shown_keys(page) == kept and 0 < len(kept) < len(rows)
    assert page.locator(COUNT).inner_text() == f"{len(kept)} of {len(rows)} papers shown"
    # A topic with nothing shown under it is hidden with its heading.
    assert page.locator("article :is(h2, h3).rl-hidden").count() > 0


def test_the_address_restores_the_filter_into_the_form(tabs):
    page = opened(tabs(), "/bibliography/?venue=journal&venue=preprint&topic=models/"
                          "kernel-regression&tag=scaling-laws&year=2019-2021&q=Kernel&mine=unread")
    form = page.locator("form.rl-filters")
    assert form.locator("details").evaluate("d => d.open")
    checked = form.locator("input:checked").evaluate_all("i => i.map(x => `${x.name}=${x.value}`)")
    assert sorted(checked) == ["mine=unread", "venue=journal", "venue=preprint"]
    assert form.locator("select[name=topic]").evaluate(
        "s => [...s.selectedOptions].map(o => o.value)") == ["models/kernel-regression"]
    assert form.locator("select[name=tag]").evaluate(
        "s => [...s.selectedOptions].map(o => o.value)") == ["scaling-laws"]
    values = [form.locator(f"input[name={n}]").input_value() for n in ("q", "from", "to")]
    assert values == ["Kernel", "2019", "2021"]
    assert page.locator(COUNT).get_attribute("role") == "status"   # announced as it changes


def test_each_choice_is_a_history_entry_that_back_and_forward_restore(visit, exported):
    page = opened(visit, "/bibliography/")
    page.locator(".rl-filters summary").click()
    page.get_by_label("Journal", exact=True).check()
    page.wait_for_url("**/bibliography/?venue=journal")
    page.get_by_label("Preprint", exact=True).check()
    page.wait_for_url("**/bibliography/?venue=journal&venue=preprint")
    page.get_by_label(re.compile("^Words in the title")).press_sequentially("deep", delay=20)
    page.wait_for_url("**/bibliography/?venue=journal&venue=preprint&q=deep")
    both = expected(exported, {"venue": ["journal", "preprint"]})
    page.go_back()     # the typed word was one entry
    page.wait_for_url("**/bibliography/?venue=journal&venue=preprint")
    assert len(shown_keys(page)) == both
    page.go_back()
    page.wait_for_url("**/bibliography/?venue=journal")
    assert len(shown_keys(page)) == expected(exported, {"venue": ["journal"]})
    assert not page.get_by_label("Preprint", exact=True).is_checked()
    page.go_back()
    page.wait_for_url("**/bibliography/")
    assert len(shown_keys(page)) == len(exported["papers"])
    page.go_forward()
    page.wait_for_url("**/bibliography/?venue=journal")
    assert page.get_by_label("Journal", exact=True).is_checked()
    page.get_by_role("button", name="Clear the filter").click()
    page.wait_for_url("**/bibliography/")
    assert not page.get_by_label("Journal", exact=True).is_checked()


def marks(page) -> list[str]:
    return json.loads(page.evaluate(f"localStorage.getItem('{STORE}') || '[]'"))


def test_marks_survive_a_reload_and_show_on_other_pages(visit, exported):
    page = opened(visit, "/models/")
    row = page.locator(".rl-paper:not(.rl-paper--suggested)[data-key]").first
    key = row.get_attribute("data-key")
    toggle = row.get_by_role("checkbox", name="I've read this")
    toggle.check()
    assert marks(page) == [key]
    page.reload()
    assert page.locator(f".rl-paper[data-key='{key}'] {TOGGLE}").first.is_checked()
    listed = len({k for k in page.eval_on_selector_all(
        ".rl-paper:not(.rl-paper--suggested)", "r => r.map(x => x.dataset.key)")})
    assert page.locator(".rl-mine-progress .rl-bar__legend").inner_text() == \
        f"Read by me, kept in this browser: 1 of {listed}"
    page = opened(visit, "/bibliography/?mine=read")
    assert shown_keys(page) == {key}
    assert page.locator(f".rl-paper[data-key='{key}'] {TOGGLE}").is_checked()
    page = opened(visit, "/bibliography/?mine=unread")
    assert len(shown_keys(page)) == len(exported["papers"]) - 1
    visit.page.goto(f"{visit.base}/papers/{key}/", wait_until="load")
    assert page.get_by_role("checkbox", name="I've read this").is_checked()
    visit.page.goto(visit.base + "/", wait_until="load")
    meters = page.locator(".rl-mine-progress .rl-bar__legend").all_inner_texts()
    assert sum(text.startswith("Read by me, kept in this browser: 1 ") for text in meters) >= 1


def test_marks_export_and_import_round_trip(visits, tmp_path):
    first = visits()
    page = opened(first, "/models/")
    keys = page.eval_on_selector_all(".rl-paper[data-key]", "r => r.map(x => x.dataset.key)")
    keys = sorted(set(keys))[:2]
    for key in keys:
        page.locator(f".rl-paper[data-key='{key}'] {TOGGLE}").first.check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Export my marks").click()
    saved = tmp_path / "marks.json"
    download.value.save_as(saved)
    assert json.loads(saved.read_text())["read"] == keys
    second = visits()
    page = opened(second, "/bibliography/")
    page.locator(f".rl-paper[data-key='{keys[0]}'] {TOGGLE}").check()   # held already
    page.get_by_label("Import marks from a file").set_input_files(saved)
    message = page.locator(".rl-marks__message")
    message.filter(has_text="Imported").wait_for()
    assert message.inner_text() == "Imported marks.json: 1 new mark added, 1 already held."
    assert marks(page) == keys
    assert all(page.locator(f".rl-paper[data-key='{k}'] {TOGGLE}").is_checked() for k in keys)


@pytest.mark.parametrize("content", ['{"read": "soudry2018implicit"}', "not json at all",
                                     '{"read": ["<img src=x>"]}', "[1, 2]"])
def test_a_malformed_import_is_refused_and_changes_nothing(tabs, tmp_path, content):
    page = opened(tabs(), "/bibliography/")
    page.evaluate(f"localStorage.setItem('{STORE}', JSON.stringify(['jacot2018neural']))")
    page.reload()
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    page.get_by_label("Import marks from a file").set_input_files(bad)
    message = page.locator(".rl-marks__message")
    message.filter(has_text="unchanged").wait_for()
    assert message.inner_text().startswith("bad.json is not a file of reading marks")
    assert marks(page) == ["jacot2018neural"]
    assert page.locator(f"{TOGGLE}:checked").count() == 1


def test_the_filters_and_marks_work_by_keyboard_alone(visit):
    page = opened(visit, "/bibliography/")
    assert_rings(tab_to(page, ".rl-filters summary"))
    page.keyboard.press("Enter")
    assert_rings(tab_to(page, "input[name=status][value=to-read]", limit=10))
    page.keyboard.press("Space")
    page.wait_for_url("**/bibliography/?status=to-read")
    assert_rings(tab_to(page, "select[name=topic]", limit=30))
    page.keyboard.press("ArrowDown")
    page.wait_for_url("**/bibliography/?status=to-read&topic=hyperparams/**")
    assert_rings(tab_to(page, ".rl-filters__clear", limit=5))
    page.keyboard.press("Enter")
    page.wait_for_url("**/bibliography/")
    assert_rings(tab_to(page, ".rl-marks__export", limit=5))
    assert_rings(tab_to(page, f".rl-paper {TOGGLE}", limit=20))
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked") is True
    assert len(marks(page)) == 1


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_filters_and_marks_pass_axe_and_fit_the_width(tabs, scheme, width):
    """The panel open, a mark set (test_accessibility runs the pages with the panel closed;
    a section page's panel is the same markup with fewer choices)."""
    page = opened(tabs(color_scheme=scheme, viewport=WIDTHS[width]), "/bibliography/?year=2020-")
    page.locator(f"{SHOWN} {TOGGLE}").first.check()
    assert page.locator(".rl-filters details").evaluate("d => d.open")
    found = [v for v in violations(page) if v["impact"] in {"serious", "critical"}]
    assert found == [], described(found)
    assert page.evaluate("document.documentElement.scrollWidth - innerWidth") <= 0


def test_instant_navigation_keeps_filters_and_marks_working(visit, built_site):
    visit.page.route("**/sitemap.xml", lambda route: route.fulfill(
        body=sitemap(built_site, visit.base), content_type="application/xml"))
    page = visit.goto("/")
    page.evaluate("window.sameDocument = true")
    page.locator(".md-nav a[href$='bibliography/']").first.click()
    page.wait_for_url("**/bibliography/")
    page.locator(COUNT).wait_for()
    page.locator(".rl-filters summary").click()
    page.get_by_label("Conference", exact=True).check()
    page.wait_for_url("**/bibliography/?venue=conference")
    key = page.locator(SHOWN).first.get_attribute("data-key")
    page.locator(f"{SHOWN} {TOGGLE}").first.check()
    page.locator(f"{SHOWN} a.rl-title").first.click()
    page.wait_for_url(f"**/papers/{key}/")
    page.locator(f".rl-meta {TOGGLE}").wait_for()
    assert page.get_by_role("checkbox", name="I've read this").is_checked()
    page.go_back()
    page.wait_for_url("**/bibliography/?venue=conference")
    page.locator(f"{COUNT}:has-text('papers shown')").wait_for()
    assert page.get_by_label("Conference", exact=True).is_checked()
    assert page.locator(".rl-paper.rl-hidden").count() > 0
    assert page.evaluate("window.sameDocument") is True          # no page load: instant
