"""The home page's generated blocks: the pillars with their progress, the latest notes."""

from __future__ import annotations

from ...model import KnowledgeBase
from ..fragments.reader import mine_progress
from .lists import progress_bar
from ..markup import md
from ..uris import paper_uri, rel, section_uri

PILLARS = "<!-- readinglist:pillars -->"
RECENT = "<!-- readinglist:recent -->"
RECENT_COUNT = 5


def fill_home(template: str, kb: KnowledgeBase) -> str:
    """The hand-written home page with its markers replaced by generated Markdown."""
    return template.replace(PILLARS, pillars(kb)).replace(RECENT, recent_notes(kb))


def pillars(kb: KnowledgeBase) -> str:
    rows = []
    for section in kb.sections:
        keys = section.listed_keys()
        papers = "1 paper" if len(keys) == 1 else f"{len(keys)} papers"
        ours = section.unlisted_suggestions()
        if ours:   # an empty pillar still leads somewhere: to what we suggest reading there
            papers += f" · {len(ours)} suggested"
        rows += ['<div class="rl-pillar" markdown>', f"[{md(section.title)}]"
                 f"({rel('index.md', section_uri(section.id))}){{ .rl-pillar__title }} "
                 f"<span class=\"rl-pillar__count\">{papers}</span>", "",
                 progress_bar(kb, keys), mine_progress(keys), "</div>", ""]
    return "\n".join(rows)


def recent_notes(kb: KnowledgeBase) -> str:
    notes = sorted((n for n in kb.notes.values() if n.key in kb.papers),
                   key=lambda n: (kb.note_dates.get(n.path, ""), n.key),
                   reverse=True)[:RECENT_COUNT]
    if not notes:
        return "No notes yet."
    return "\n".join(f"- {kb.note_dates.get(n.path, 'undated')}: [{md(kb.papers[n.key].title)}]"
                     f"({rel('index.md', paper_uri(n.key))})" for n in notes)
