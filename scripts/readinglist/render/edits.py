"""What a saved note changes among the rendered pages: its own paper page, when only its text did.

A note reaches other pages through its front matter, the keys it cites, its one-line sentence
and the labels of its link definitions (the plain one-line sentence resolves them); the rest of
its text reaches its own paper page only. So when two knowledge bases differ in nothing but
such text, every page except those papers' renders the same, and serving renders those alone.
"""

from __future__ import annotations

from dataclasses import replace

from ..model import KnowledgeBase, Note
from ..text.plain import link_labels
from .index import build_index
from .pages.papers import paper_page
from .uris import paper_uri


def text_edits(old: KnowledgeBase, new: KnowledgeBase) -> frozenset[str] | None:
    """The keys of the notes whose text alone changed from old to new; None when anything
    else changed (a file added or removed, a front matter, a citation, the taxonomy, ...)."""
    if old.notes.keys() != new.notes.keys():
        return None
    changed = frozenset(k for k, note in new.notes.items() if note != old.notes[k])
    if any(_reach(old.notes[k]) != _reach(new.notes[k]) for k in changed):
        return None
    unchanged = replace(new, notes={**new.notes, **{k: old.notes[k] for k in changed}},
                        _derived={})
    return changed if unchanged == old else None


def paper_pages(kb: KnowledgeBase, keys: frozenset[str]) -> dict[str, str]:
    """The pages of the papers named, as render(kb) has them."""
    index = build_index(kb)
    return {paper_uri(k): paper_page(kb, k, index) for k in sorted(keys) if k in kb.papers}


def _reach(note: Note) -> tuple:
    """Everything of a note that pages other than its paper's read (positions included: they
    move only when the front matter does)."""
    return (replace(note, body="", body_line=0, citations=(), oneline=None),
            tuple(c.key for c in note.citations),
            note.oneline.text if note.oneline else None, link_labels(note.body))
