"""The knowledge base: everything the loaders read, and the one entry point that reads it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .bibliography import Paper, load_papers
from .diagnostic import Diagnostic
from .notes import Note, load_notes
from .taxonomy import Item, Section, Tag, Topic, load_sections, load_tags, walk_topics


@dataclass(frozen=True)
class Placement:
    """Where an item sits: its section and the trail of topics down to it."""

    section: Section
    trail: tuple[Topic, ...]
    item: Item


@dataclass(frozen=True)
class KnowledgeBase:
    sections: tuple[Section, ...]
    tags: tuple[Tag, ...]
    papers: dict[str, Paper]
    notes: dict[str, Note]

    def placements(self) -> Iterator[Placement]:
        """Every item of the taxonomy in reading order."""
        for section in self.sections:
            for topic, trail in walk_topics(section.topics):
                for item in topic.items:
                    yield Placement(section, trail + (topic,), item)

    def listed_keys(self) -> set[str]:
        return {p.item.text for p in self.placements() if p.item.kind == "paper"}


def load(root: Path) -> tuple[KnowledgeBase, list[Diagnostic]]:
    """Read taxonomy/, bib/ and notes/ under root. Problems come back as diagnostics."""
    sections, diagnostics = load_sections(root)
    tags, found = load_tags(root)
    diagnostics += found
    papers, found = load_papers(root)
    diagnostics += found
    notes, found = load_notes(root)
    diagnostics += found
    return KnowledgeBase(sections, tags, papers, notes), diagnostics
