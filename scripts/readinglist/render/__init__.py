"""Rendering: the knowledge base as Markdown pages Material for MkDocs understands.

Pure: `render(kb)` returns {source path: Markdown}; the MkDocs hooks and `readinglist render DIR`
are the adapters that put those pages somewhere.
"""

from __future__ import annotations

from typing import Mapping

from ..model import KnowledgeBase
from ..model.schema import SECTION_IDS
from .figures.connections import connection_pages
from .files.export import dumps
from .files.feeds import ATOM, JSON_FEED, Site, feeds
from .pages.home import fill_home
from .index import Index, build_index
from .markup import Lists
from .pages.lists import bibliography_page, open_questions_page, progress_page, tags_page
from .pages.papers import paper_page
from .pages.proposals import new_in_the_field_page
from .files.previews import PREVIEWS, previews
from .pages.sections import section_page
from .uris import CONNECTIONS, NEW_IN_THE_FIELD, PAPERS, paper_uri, section_uri

DOWNLOADS = ("references.bib", "readinglist.json", PREVIEWS)
FEEDS = (ATOM, JSON_FEED)
FIXED_PAGES = ("open-questions.md", "progress.md", "bibliography.md", "tags.md",
               "connections.md", NEW_IN_THE_FIELD)
# Source paths under these belong to the generator; docs/ must not use them.
RESERVED = (tuple(section_uri(s) for s in SECTION_IDS) + FIXED_PAGES + DOWNLOADS + FEEDS
            + (f"{PAPERS}/", f"{CONNECTIONS}/"))

__all__ = ["render", "downloads", "feeds", "fill_home", "is_reserved", "page_sources", "Site",
           "RESERVED"]


def render(kb: KnowledgeBase, index: Index | None = None,
           same: Mapping[str, str] | None = None, lists: Lists = Lists()) -> dict[str, str]:
    """index: build_index(kb), when the caller has it; same: paper pages known to render as
    given (render/edits.py finds them for a server); lists: how lists of links are written."""
    index = index or build_index(kb)
    same = same or {}
    pages = {section_uri(s.id): section_page(kb, s) for s in kb.sections}
    pages.update({paper_uri(key): same[key] if key in same else paper_page(kb, key, index, lists)
                  for key in sorted(kb.papers)})
    pages["open-questions.md"] = open_questions_page(kb)
    pages["progress.md"] = progress_page(kb)
    pages["bibliography.md"] = bibliography_page(kb, index)
    pages["tags.md"] = tags_page(kb)
    pages[NEW_IN_THE_FIELD] = new_in_the_field_page(kb)
    pages.update(connection_pages(kb, index, lists))
    return pages


def downloads(kb: KnowledgeBase) -> dict[str, str]:
    """The files the site publishes beside its pages: every entry as written and the export
    (both offered on the bibliography page), and the preview cards' data."""
    bib = "\n\n".join(kb.papers[key].raw.strip() for key in sorted(kb.papers)) + "\n"
    return {"references.bib": bib, "readinglist.json": dumps(kb), PREVIEWS: previews(kb)}


def page_sources(kb: KnowledgeBase) -> dict[str, str]:
    """The file each generated page is made from, for "Edit this page"."""
    sources = {paper_uri(key): kb.notes[key].path if key in kb.notes else paper.path
               for key, paper in kb.papers.items()}
    sources.update({section_uri(s.id): s.path for s in kb.sections})
    return sources


def is_reserved(src_uri: str) -> bool:
    return any(src_uri == r or (r.endswith("/") and src_uri.startswith(r)) for r in RESERVED)
