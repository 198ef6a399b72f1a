"""A note's one-line sentence (the paragraph opening "**In one line.**"), as plain text.

Stand-in until the notes loader gives every note its `oneline` (the annotated-map issue): then
`one_line(note)` becomes `note.oneline` and only `plain` stays here.
"""

from __future__ import annotations

import re

from ..loaders.citation import replace_citations
from ..loaders.knowledge import KnowledgeBase
from ..loaders.notes import Note
from .text import cite_label

_OPENING = re.compile(r"^\*\*In one line\.?\*\*:?\s*", re.IGNORECASE)
_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")


def one_line(note: Note) -> str | None:
    """The Markdown of the sentence after "**In one line.**", or None."""
    for paragraph in note.body.split("\n\n"):
        text = paragraph.strip()
        opening = _OPENING.match(text)
        if opening:
            return " ".join(text[opening.end():].split()) or None
    return None


def plain(kb: KnowledgeBase, markdown: str) -> str:
    """Markdown as a reader of plain text wants it: citations as (Author, year), links as
    their text, no emphasis marks; math is left as written."""
    def label(keys: list[str], text: str) -> str:
        known = [kb.papers[k] for k in keys if k in kb.papers]
        return "(" + "; ".join(cite_label(p.authors, p.year) for p in known) + ")" if known \
            else f"({text})"

    text = replace_citations(markdown, label)
    return _EMPHASIS.sub("", _LINK.sub(r"\1", text)).strip()
