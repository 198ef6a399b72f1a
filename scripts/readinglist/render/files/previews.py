"""The preview cards' data: one compact JSON file the site fetches once per visit.

{"version": 1, "papers": {"<key>": [title, authors, venue and year, status, one line]}}, every
value text (never HTML: the script sets it as text); the one line keeps its $...$ for KaTeX.
A proposal from the citation graph says so: "proposed" as its status, and why as its line.
Arrays rather than objects, and no spaces, keep it within its budget of 400 bytes a paper
gzipped.
"""

from __future__ import annotations

import json

from ...model import KnowledgeBase
from ..fragments.annotations import oneline_plain
from ..fragments.proposals import LABEL, why_plain
from ..fragments.rows import status_label

PREVIEWS = "previews.json"
SHOWN_AUTHORS = 3
VERSION = 1


def previews(kb: KnowledgeBase) -> str:
    papers = {key: card(kb, key) for key in sorted(kb.papers)}
    return json.dumps({"version": VERSION, "papers": papers}, ensure_ascii=False,
                      separators=(",", ":"))


def card(kb: KnowledgeBase, key: str) -> list[str]:
    paper = kb.papers[key]
    authors = ", ".join(paper.authors[:SHOWN_AUTHORS]) + \
        (" et al." if len(paper.authors) > SHOWN_AUTHORS else "")
    venue = ", ".join(part for part in (paper.venue, paper.year) if part)
    proposal = kb.proposals.get(key)
    line = oneline_plain(kb, key) or (
        f"{LABEL}, not the curator's pick. {why_plain(kb, proposal)}." if proposal else "")
    return [paper.title, authors, venue, status_label(kb, key), line]

