"""Pandoc citations in a note's Markdown, as links to the cited papers' pages or as text."""

from __future__ import annotations

import re
from typing import Callable

from ...model import KnowledgeBase, Paper
from ...text.citation import replace_citations
from ..markup import attr, cite_label, md
from ..uris import paper_uri, rel


def link_citations(kb: KnowledgeBase, markdown: str, here: str) -> str:
    """[@key] as ([Soudry et al., 2018](../soudry2018implicit/ "title")), linked from page
    `here`; a key the bibliography does not know stays as written."""
    return _cite(kb, markdown, lambda key, paper: (
        f"[{md(cite_label(paper.authors, paper.year))}]"
        f'({rel(here, paper_uri(key))} "{attr(paper.title)}")'))


def cite_text(kb: KnowledgeBase, markdown: str) -> str:
    """[@key] as (Soudry et al., 2018), for text that carries no links."""
    return _cite(kb, markdown, lambda key, paper: cite_label(paper.authors, paper.year))


def _cite(kb: KnowledgeBase, markdown: str, show: Callable[[str, Paper], str]) -> str:
    def replace(keys: list[str], text: str) -> str:
        shown = {key: show(key, kb.papers[key]) for key in keys if key in kb.papers}
        return "(" + _AT_KEY.sub(lambda m: shown.get(m.group(1), m.group(0)), text) + ")"

    return replace_citations(markdown, replace)


# `@key` or `-@key`, the key taken whole: a known key that only begins a longer one is not it.
# One pass over the bracket, so a title shown for one key is never searched for the next.
_AT_KEY = re.compile(r"-?@([\w:.\-]*\w)")
