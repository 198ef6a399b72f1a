"""Section pages: topics in taxonomy order as nested headings, one row per item."""

from __future__ import annotations

from ...model import KnowledgeBase, Section, Topic
from ..figures.frontier import frontier_svg
from ..fragments.proposals import for_todo, for_topic, proposal_block
from ..fragments.reader import filter_form, mine_progress
from ..fragments.rows import item_row, paper_row, todo_row
from .lists import progress_bar
from ..markup import attr, cite_label, front_matter, md
from ..uris import paper_uri, rel, section_uri

FRONTIER_CAPTION = ("Schematic: each model's place on the curve is its rank along the frontier, "
                    "not a measured value. Click a point to jump to its topic; hover for what it "
                    "adds over the previous one.")


def section_page(kb: KnowledgeBase, section: Section) -> str:
    here = section_uri(section.id)
    parts = [front_matter(title=section.title), f"# {md(section.title)}", ""]
    if section.intro:
        parts += [md(section.intro), ""]
    source = _source(kb, section, here)
    if source:
        parts += [f'<p class="rl-source" markdown>{source[0]}</p>', ""]
        if section.source_note:
            parts += [f'<p class="rl-source-note" markdown>{md(section.source_note)}</p>', ""]
    keys = [key for key in section.listed_keys() if key in kb.papers]
    parts += ['<div class="rl-progress" markdown>', "The curator's reading:", "",
              progress_bar(kb, keys), mine_progress(keys), "</div>", ""]
    if section.order == "frontier" and section.topics:
        after = f" The frontier follows {source[1]}." if source else ""
        parts += ['<figure class="rl-frontier-figure" markdown>', frontier_svg(section),
                  f"<figcaption markdown>{FRONTIER_CAPTION}{after}</figcaption>", "</figure>", ""]
    parts += [filter_form(kb, section), ""]
    for topic in section.topics:
        parts += _topic(kb, section, (), topic, here)
    return "\n".join(parts)


def _topic(kb: KnowledgeBase, section: Section, trail: tuple[Topic, ...], topic: Topic,
           here: str) -> list[str]:
    """trail: the topics above this one; a section's topics are headings of level two."""
    path = section.path_to(trail + (topic,))
    heading = "#" * min(len(trail) + 2, 6)
    parts = [f"{heading} {md(topic.title)} {{ #{topic.id} }}", ""]
    if topic.why:
        parts += [f'<p class="rl-why">{attr(topic.why)}</p>', ""]
    if not topic.items and not topic.topics:
        parts += ['<p class="rl-empty">Nothing listed here yet.</p>', ""]
    for item in topic.items:
        row = todo_row(kb, item, here, proposal_block(kb, for_todo(kb, item), here)) \
            if item.kind == "todo" else item_row(kb, item, here)
        parts += [row, ""]
    parts += _suggestions(kb, topic, here)
    parts += proposal_block(kb, for_topic(kb, path, topic), here)
    for child in topic.topics:
        parts += _topic(kb, section, trail + (topic,), child, here)
    return parts


def _source(kb: KnowledgeBase, section: Section, here: str) -> tuple[str, str] | None:
    """The work the section follows, cited under the intro and in the figure's caption."""
    key = section.source
    if key not in kb.papers:
        return None
    paper = kb.papers[key]
    href = rel(here, paper_uri(key))
    cite = md(cite_label(paper.authors, paper.year))
    return f"Source: [{cite}, *{md(paper.title)}*]({href}).", f"[{cite}]({href})"


def _suggestions(kb: KnowledgeBase, topic: Topic, here: str) -> list[str]:
    keys = [key for key in topic.suggestions if key in kb.papers]
    if not keys:
        return []
    parts = ['<p class="rl-suggestions__label">Our suggestions, not the curator\'s picks</p>', ""]
    for key in keys:
        parts += [paper_row(kb, key, here, css="rl-paper rl-paper--suggested"), ""]
    return parts
