"""The knowledge base: everything the loaders read, and the one entry point that reads it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .bibliography import Paper, load_papers
from .diagnostic import Diagnostic
from .notes import Note, load_notes
from .taxonomy import Item, Section, Tag, Topic, load_sections, load_tags, walk_topics


# A file with one of these problems is skipped whole; checks that need all of it stay quiet.
UNREADABLE = frozenset({"yaml-syntax", "missing-front-matter", "unterminated-front-matter"})


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
    broken_keys: frozenset[str] = frozenset()  # keys of entries that failed to parse
    unread: frozenset[str] = frozenset()       # files that could not be parsed at all

    def placements(self) -> Iterator[Placement]:
        """Every item of the taxonomy in reading order."""
        for section in self.sections:
            for topic, trail in walk_topics(section.topics):
                for item in topic.items:
                    yield Placement(section, trail + (topic,), item)

    def known(self, key: str) -> bool:
        """A key in bib/, or one whose entry is broken (and already reported)."""
        return key in self.papers or key in self.broken_keys

    def complete(self, prefix: str) -> bool:
        """Whether every file under prefix (e.g. 'taxonomy/') could be read."""
        return not any(path.startswith(prefix) for path in self.unread)

    def listed_keys(self) -> set[str]:
        return {p.item.text for p in self.placements() if p.item.kind == "paper"}


def load(root: Path) -> tuple[KnowledgeBase, list[Diagnostic]]:
    """Read taxonomy/, bib/ and notes/ under root. Problems come back as diagnostics."""
    sections, diagnostics = load_sections(root)
    tags, found = load_tags(root)
    diagnostics += found
    papers, broken, found = load_papers(root)
    diagnostics += found
    notes, found = load_notes(root)
    diagnostics += found
    unread = frozenset(d.path for d in diagnostics if d.code in UNREADABLE)
    return KnowledgeBase(sections, tags, papers, notes, broken, unread), diagnostics
