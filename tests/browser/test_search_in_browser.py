"""Material's search box, in Chromium, over the lean index: a tag and a family name find papers."""

from __future__ import annotations

from collections import Counter


def search(visit, query: str):
    page = visit.goto("/")
    page.locator("label.md-search__icon, input.md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially(query, delay=30)
    return page


def first_result_to(page, keys: list[str]):
    selector = ", ".join(f"li.md-search-result__item a[href*='papers/{key}/']" for key in keys)
    result = page.locator(selector).first
    result.wait_for(timeout=15_000)
    return result


def test_searching_a_tag_finds_a_paper_that_carries_it(visit, kb):
    # The tags sit only on each paper's own entry now; the rarest one-word tag narrows the list.
    counts = Counter(tag for note in kb.notes.values() for tag in note.tags if "-" not in tag)
    tag = min(counts, key=lambda t: (counts[t], t))
    tagged = [key for key, note in kb.notes.items() if tag in note.tags]
    page = search(visit, tag)
    first_result_to(page, tagged).click()
    page.wait_for_url("**/papers/**")
    assert any(f"/papers/{key}/" in page.url for key in tagged)


def test_searching_a_family_name_finds_the_paper(visit, kb):
    families = Counter(name.split()[-1] for paper in kb.papers.values() for name in paper.authors)
    key, family = next((key, name.split()[-1]) for key, paper in sorted(kb.papers.items())
                       for name in paper.authors if families[name.split()[-1]] == 1
                       and len(name.split()[-1]) > 5)
    page = search(visit, family)
    assert first_result_to(page, [key]).is_visible()
