"""Section pages: topics in taxonomy order as nested headings, one row per item."""

from __future__ import annotations

from ..loaders.knowledge import KnowledgeBase
from ..loaders.taxonomy import Section, Topic
from .frontier import frontier_svg
from .rows import item_row
from .text import attr, front_matter, md
from .uris import section_uri

FRONTIER_CAPTION = ("Schematic: each model's place on the curve is its rank along the frontier, "
                    "not a measured value. Click a point to jump to its topic; hover for what it "
                    "adds over the previous one.")


def section_page(kb: KnowledgeBase, section: Section) -> str:
    here = section_uri(section.id)
    parts = [front_matter(title=section.title), f"# {md(section.title)}", ""]
    if section.intro:
        parts += [md(section.intro), ""]
    if section.order == "frontier" and section.topics:
        parts += ['<figure class="rl-frontier-figure" markdown>', frontier_svg(section),
                  f"<figcaption>{FRONTIER_CAPTION}</figcaption>", "</figure>", ""]
    for topic in section.topics:
        parts += _topic(kb, topic, here, level=2)
    return "\n".join(parts)


def _topic(kb: KnowledgeBase, topic: Topic, here: str, level: int) -> list[str]:
    heading = "#" * min(level, 6)
    parts = [f"{heading} {md(topic.title)} {{ #{topic.id} }}", ""]
    if topic.why:
        parts += [f'<p class="rl-why">{attr(topic.why)}</p>', ""]
    if not topic.items and not topic.topics:
        parts += ['<p class="rl-empty">Nothing listed here yet.</p>', ""]
    for item in topic.items:
        parts += [item_row(kb, item, here), ""]
    for child in topic.topics:
        parts += _topic(kb, child, here, level + 1)
    return parts
