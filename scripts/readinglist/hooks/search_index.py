"""The site's search index kept lean, and what it carries per paper against the budget.

Material puts a page's tags on every section of the page. A paper's tags are searched once, on
the page's own entry; on each section of its note they only repeat, so `lean_index` drops them
there. The BibTeX, "Listed under" and "Cited in" sections never reach the index (the paper pages
mark them `data-search-exclude`), nor do the paper rows of the lists, nor the connections
figures and the connections as a list.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..model import KnowledgeBase
from ..render.uris import PAPERS

# Per paper, the index carries the note's text plus at most this: title, authors, venue, year,
# tags and the index's own structure (locations, field names).
BUDGET_BYTES = 800


def lean_index(text: str) -> str:
    """search_index.json without the tags repeated on each section of a page."""
    index = json.loads(text)
    for entry in index.get("docs", []):
        if "#" in entry.get("location", ""):
            entry.pop("tags", None)
    return dump(index)


def dump(index: dict) -> str:
    """The same serialisation as Material's, so only what we removed changes."""
    return json.dumps(index, separators=(",", ":"), default=str)


@dataclass(frozen=True)
class PaperShare:
    key: str
    index_bytes: int     # every entry of the paper's page, as written in search_index.json
    note_bytes: int      # the note's text as its author wrote it (UTF-8, after front matter)

    @property
    def extra(self) -> int:
        return self.index_bytes - self.note_bytes


def paper_shares(text: str, kb: KnowledgeBase) -> list[PaperShare]:
    """What each paper's page costs in the index, next to the length of its note."""
    sizes: dict[str, int] = {}
    for entry in json.loads(text).get("docs", []):
        parts = entry.get("location", "").split("/")
        if len(parts) > 2 and parts[0] == PAPERS:
            # +1 for the comma between entries in the file.
            size = len(json.dumps(entry, separators=(",", ":"), default=str).encode()) + 1
            sizes[parts[1]] = sizes.get(parts[1], 0) + size
    return [PaperShare(key, size, len(kb.notes[key].body.encode()) if key in kb.notes else 0)
            for key, size in sorted(sizes.items())]
