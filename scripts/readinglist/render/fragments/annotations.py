"""What a row and a paper page say about a paper beyond its metadata: the note's one-line
sentence, and the abstract, collapsed. Rows call these; each returns lines or nothing."""

from __future__ import annotations

import html
import re

from ...model import KnowledgeBase
from ...text.plain import link_labels, plain_text
from .citations import cite_text, link_citations

# What would open a heading, a quote or a list at the start of a block, escaped to stay text.
_MARKER = re.compile(r"^([#>+*-])(?=\s)")
_NUMBERED = re.compile(r"^(\d+)([.)])(?=\s)")


def oneline_block(kb: KnowledgeBase, key: str, here: str) -> list[str]:
    """The note's one-line sentence, citations linked, math left for KaTeX; nothing if none."""
    text = _oneline_markdown(kb, key, here)
    if text is None:
        return []
    text = _NUMBERED.sub(r"\1\\\2", _MARKER.sub(r"\\\1", text))
    # A <p>, not a <div>: Material's search index ends a data-search-exclude block at the first
    # closing tag of the same name, so a div inside the excluded row would let the rest through.
    return [f'<p class="rl-oneline" markdown>{text}</p>', ""]


def oneline_after(kb: KnowledgeBase, key: str, here: str) -> str:
    """': ' and the one-line sentence, to follow a link to the paper; nothing if none."""
    text = _oneline_markdown(kb, key, here)
    return f": {text}" if text else ""


def _oneline_markdown(kb: KnowledgeBase, key: str, here: str) -> str | None:
    note = kb.notes.get(key)
    if note is None or note.oneline is None:
        return None
    return link_citations(kb, note.oneline.text, here)


def oneline_plain(kb: KnowledgeBase, key: str) -> str | None:
    """The one-line sentence as plain text, citations as (Author et al., year), math kept: for
    preview cards, the tags page, page metadata and feeds, which set it as text."""
    note = kb.notes.get(key)
    if note is None or note.oneline is None:
        return None
    return plain_text(cite_text(kb, note.oneline.text), link_labels(note.body))


def abstract_toggle(kb: KnowledgeBase, key: str) -> list[str]:
    """An "Abstract" toggle for a row, beside "BibTeX"; nothing without an abstract."""
    abstract = kb.papers[key].abstract
    if not abstract:
        return []
    return ['<details class="rl-abstract"><summary>Abstract</summary>'
            f'{abstract_text(abstract)}</details>']


def abstract_section(kb: KnowledgeBase, key: str) -> list[str]:
    """A paper page's "Abstract" heading over the abstract, collapsed."""
    abstract = kb.papers[key].abstract
    if not abstract:
        return []
    return ["## Abstract { data-search-exclude }", "",
            '<details class="rl-abstract rl-abstract--page"><summary>'
            f'Show the abstract</summary>{abstract_text(abstract)}</details>', ""]


def abstract_text(abstract: str) -> str:
    """The abstract as one escaped paragraph of raw HTML: Markdown never reads it, so nothing
    in it becomes markup; KaTeX, which reads the page's text, still renders its $...$."""
    return f'<p class="rl-abstract__text">{html.escape(abstract, quote=False)}</p>'
