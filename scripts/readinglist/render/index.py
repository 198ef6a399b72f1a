"""What the emitters need to see across the whole knowledge base, computed once."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..model import KnowledgeBase, Placement, Section, Topic, walk_topics
from .figures.graph import Graph, build_graph
from .figures.nodes import Names, names

Trail = tuple[Section, tuple[Topic, ...]]   # a section and the topics down to one topic


@dataclass(frozen=True)
class Index:
    placements: tuple[Placement, ...]
    listings: dict[str, tuple[Placement, ...]]          # paper key -> where it is listed
    previous_next: dict[int, tuple[str | None, str | None]]  # id(placement) -> the keys beside
    cited_in: dict[str, tuple[str, ...]]                # paper key -> keys of citing notes
    graph: Graph                                        # who cites whom, in reading order
    names: Names                                        # titles and labels, decoded once
    suggested: dict[str, tuple[Trail, ...]] = field(default_factory=dict)  # ours, by key

    def around(self, placement: Placement) -> tuple[str | None, str | None]:
        return self.previous_next[id(placement)]


def build_index(kb: KnowledgeBase) -> Index:
    placements = tuple(kb.placements())
    listings: dict[str, list[Placement]] = defaultdict(list)
    by_section: dict[str, list[Placement]] = defaultdict(list)
    for placement in placements:
        if placement.item.key in kb.papers:
            listings[placement.item.key].append(placement)
            by_section[placement.section.id].append(placement)
    previous_next = {}
    for order in by_section.values():
        keys = [p.item.key for p in order]
        for i, placement in enumerate(order):
            previous_next[id(placement)] = (keys[i - 1] if i > 0 else None,
                                            keys[i + 1] if i + 1 < len(keys) else None)
    graph = build_graph(kb, placements)
    return Index(placements, {k: tuple(v) for k, v in listings.items()}, previous_next,
                 {k: tuple(sorted(v)) for k, v in graph.cited_by.items()}, graph,
                 names(kb, graph.order), _suggested(kb))


def _suggested(kb: KnowledgeBase) -> dict[str, tuple[Trail, ...]]:
    """Where each paper is suggested: a todo's candidate or a topic's suggestion."""
    found: dict[str, list[Trail]] = defaultdict(list)
    for section in kb.sections:
        for topic, trail in walk_topics(section.topics):
            for key in topic.suggested_keys():
                found[key].append((section, trail + (topic,)))
    return {k: tuple(v) for k, v in found.items()}
