"""A note's one-line sentence (read by the loader as `Note.oneline`) as plain text, for feeds."""

from __future__ import annotations

import re

from ..model import KnowledgeBase
from ..text.citation import replace_citations
from .text import cite_label

_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")


def plain(kb: KnowledgeBase, markdown: str) -> str:
    """Markdown as a reader of plain text wants it: citations as (Author, year), links as
    their text, no emphasis marks; math is left as written."""
    def label(keys: list[str], text: str) -> str:
        known = [kb.papers[k] for k in keys if k in kb.papers]
        return "(" + "; ".join(cite_label(p.authors, p.year) for p in known) + ")" if known \
            else f"({text})"

    text = replace_citations(markdown, label)
    return _EMPHASIS.sub("", _LINK.sub(r"\1", text)).strip()
