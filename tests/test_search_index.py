"""The site's search index: lean (no BibTeX, trails or rows twice) and still finding each paper.

`find` reads search_index.json roughly the way Material's search matches it: markup dropped,
words split at the index's own separator and at punctuation, and each word of the query must
begin a word of one entry's title, text or tags. A browser test searches through Material's UI.
"""

from __future__ import annotations

import html
import json
import re
import statistics

import pytest

from readinglist.hooks.search_index import BUDGET_BYTES, lean_index, paper_shares


@pytest.fixture(scope="module")
def index_text(built_site) -> str:
    return (built_site / "search" / "search_index.json").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def index(index_text) -> dict:
    return json.loads(index_text)


def words(text: str, separator: str) -> list[str]:
    plain = html.unescape(re.sub(r"<[^>]+>", " ", text)).lower()
    return [w for part in re.split(separator, plain) for w in re.findall(r"\w+", part)]


def find(index: dict, query: str) -> set[str]:
    """The pages (locations without anchor) with one entry holding every word of the query."""
    wanted = words(query, index["config"]["separator"])
    return {page for page, have in _entry_words(index)
            if all(any(w.startswith(q) for w in have) for q in wanted)}


def _entry_words(index: dict) -> list[tuple[str, set[str]]]:
    """Each entry's page and words, split once per index (every query reads them all)."""
    if "_words" not in index:
        separator = index["config"]["separator"]
        index["_words"] = [(entry["location"].split("#")[0], set(words(" ".join(
            [entry["title"], entry["text"], *entry.get("tags", [])]), separator)))
            for entry in index["docs"]]
    return index["_words"]


def note_phrase(body: str) -> str:
    """Six words in a row from the first line of plain prose of a note."""
    for line in body.splitlines():
        if line.strip() and not line.startswith(("#", "-", "$", "!", ">", "|", "`")):
            plain = re.sub(r"\$[^$]*\$|\[@[^\]]*\]|\*\*[^*]*\*\*", " ", line)
            found = re.findall(r"[A-Za-z]{3,}", plain)
            if len(found) >= 6:
                return " ".join(found[:6])
    return ""


def test_each_paper_is_found_by_its_title(index, kb):
    missed = [key for key, paper in kb.papers.items()
              if f"papers/{key}/" not in find(index, paper.title)]
    assert missed == []


def test_each_paper_is_found_by_each_authors_family_name(index, kb):
    missed = [(key, name) for key, paper in kb.papers.items() for name in paper.authors
              if f"papers/{key}/" not in find(index, name.split()[-1])]
    assert missed == []


def test_each_paper_is_found_by_each_of_its_tags(index, kb):
    missed = [(key, tag) for key, note in kb.notes.items() for tag in note.tags
              if f"papers/{key}/" not in find(index, tag)]
    assert missed == []


def test_each_paper_is_found_by_a_phrase_from_its_note(index, kb):
    phrases = {key: note_phrase(note.body) for key, note in kb.notes.items()}
    assert all(phrases.values()), "every note has a line of plain prose"
    missed = [key for key, phrase in phrases.items()
              if f"papers/{key}/" not in find(index, phrase)]
    assert missed == []


def test_bibtex_fields_trails_and_rows_are_not_indexed(index, kb):
    assert find(index, "archiveprefix") == set()       # only BibTeX blocks say it
    titles = {e["title"] for e in index["docs"] if e["location"].startswith("papers/")}
    assert titles.isdisjoint({"BibTeX", "Listed under", "Cited in", "Abstract"})
    lists = [e for e in index["docs"] if not e["location"].startswith("papers/")]
    # A row's byline (its authors as a list); prose on a page may still name an author.
    bylines = {", ".join(paper.authors[:2]) for paper in kb.papers.values()
               if len(paper.authors) > 1}
    assert [(e["location"], byline) for e in lists for byline in bylines
            if byline in e["text"]] == []
    assert not any(e["location"].startswith("tags/") for e in index["docs"])


def test_the_connections_figure_and_list_are_not_indexed(index):
    entries = [e for e in index["docs"] if e["location"].startswith("connections/")]
    assert entries
    assert [e["location"] for e in entries if "nodes in reading order" in e["text"]
            or e["location"].endswith("#the-connections-as-a-list")] == []


def test_a_page_carries_its_tags_once_on_its_own_entry(index):
    tagged = [e["location"] for e in index["docs"] if "tags" in e]
    assert tagged and all("#" not in location for location in tagged)


def test_per_paper_the_index_carries_the_note_and_at_most_the_budget_more(index_text, kb):
    shares = paper_shares(index_text, kb)
    assert {s.key for s in shares} == set(kb.papers)
    assert statistics.mean(s.extra for s in shares) <= BUDGET_BYTES


def test_lean_index_drops_only_the_tags_repeated_on_sections():
    entries = [{"location": "p/", "title": "P", "text": "a", "tags": ["t"]},
               {"location": "p/#s", "title": "S", "text": "b", "tags": ["t"]},
               {"location": "q/", "title": "Q", "text": "é"}]
    text = json.dumps({"config": {"lang": ["en"]}, "docs": entries}, separators=(",", ":"))
    lean = lean_index(text)
    assert json.loads(lean)["docs"] == [entries[0], {"location": "p/#s", "title": "S",
                                                     "text": "b"}, entries[2]]
    assert lean_index(lean) == lean
    assert '"text":"\\u00e9"' in lean and ", " not in lean     # Material's own serialisation
