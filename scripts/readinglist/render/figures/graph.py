"""The connection graph: every paper in reading order, one edge per (citing, cited) pair.

An edge runs from the paper whose note cites to the paper cited. Citations of keys that are not
in bib/ (already an error of check) and a note citing its own paper draw nothing; a paper
listed twice sits where it is first listed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from ...model import KnowledgeBase, Placement

UNPLACED_TITLE = "Not in a topic"


@dataclass(frozen=True)
class Group:
    """A top-level topic of a section: the unit of the reading order that a node belongs to."""

    id: str                 # "section/topic", or "" for papers listed in no topic
    section_id: str
    section: str            # the section's title
    topic_id: str
    topic: str              # the topic's title, numbered along the frontier in a frontier section


UNPLACED = Group("", "", UNPLACED_TITLE, "", "")


@dataclass(frozen=True)
class Graph:
    order: tuple[str, ...]                 # listed papers in reading order, then the rest
    groups: dict[str, Group]               # paper key -> where it is first listed
    edges: tuple[tuple[str, str], ...]     # (citing, cited), in reading order of both ends

    @cached_property
    def rank(self) -> dict[str, int]:
        return {key: index for index, key in enumerate(self.order)}

    @cached_property
    def cites(self) -> dict[str, tuple[str, ...]]:
        return _adjacent(self.edges, 0)

    @cached_property
    def cited_by(self) -> dict[str, tuple[str, ...]]:
        return _adjacent(self.edges, 1)

    def connected(self) -> tuple[str, ...]:
        """The papers at either end of an edge, in reading order."""
        return tuple(k for k in self.order if k in self.cites or k in self.cited_by)

    def unconnected(self) -> tuple[str, ...]:
        return tuple(k for k in self.order if k not in self.cites and k not in self.cited_by)


def build_graph(kb: KnowledgeBase, placements: tuple[Placement, ...]) -> Graph:
    numbers = {id(topic): index + 1 for section in kb.sections if section.order == "frontier"
               for index, topic in enumerate(section.topics)}
    groups: dict[str, Group] = {}
    for placement in placements:
        key = placement.item.key
        if placement.item.kind == "paper" and key in kb.papers and key not in groups:
            groups[key] = _group(placement, numbers.get(id(placement.trail[0])))
    # Proposals from the citation graph are not on the map until accepted: not drawn.
    order = list(groups) + sorted(set(kb.papers) - set(groups) - kb.proposals.keys())
    groups.update({key: UNPLACED for key in order if key not in groups})
    rank = {key: index for index, key in enumerate(order)}
    pairs = {(note.key, citation.key) for note in kb.notes.values() if note.key in rank
             for citation in note.citations
             if citation.key in rank and citation.key != note.key}
    edges = tuple(sorted(pairs, key=lambda pair: (rank[pair[0]], rank[pair[1]])))
    return Graph(tuple(order), groups, edges)


def _group(placement: Placement, number: int | None) -> Group:
    section, top = placement.section, placement.trail[0]
    title = f"{number}. {top.title}" if number else top.title
    return Group(section.topic_ref(top), section.id, section.title, top.id, title)


def _adjacent(edges: tuple[tuple[str, str], ...], end: int) -> dict[str, tuple[str, ...]]:
    """Each paper's neighbours along the edges it starts (end 0) or finishes (end 1)."""
    found: dict[str, list[str]] = defaultdict(list)
    for edge in edges:
        found[edge[end]].append(edge[1 - end])
    return {key: tuple(keys) for key, keys in found.items()}
