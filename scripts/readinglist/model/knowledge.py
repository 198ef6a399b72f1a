"""The knowledge base: everything the loaders read, and the questions every room asks of it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, TypeVar

from .history import History
from .notes import Note, Page, Snippet
from .papers import Paper
from .proposals import Proposal, Proposals
from .taxonomy import FieldText, Item, Position, Section, Tag, Topic, walk_topics

T = TypeVar("T")


@dataclass(frozen=True)
class Placement:
    """Where an item sits: its section and the trail of topics down to it."""

    section: Section
    trail: tuple[Topic, ...]
    item: Item

    @property
    def topic_path(self) -> str:
        """The path of the item's topic (Section.path_to)."""
        return self.section.path_to(self.trail)


@dataclass(frozen=True)
class KnowledgeBase:
    sections: tuple[Section, ...]
    tags: tuple[Tag, ...]
    papers: dict[str, Paper]
    notes: dict[str, Note]
    broken_keys: frozenset[str] = frozenset()  # keys of entries that failed to parse
    unread: frozenset[str] = frozenset()       # files that could not be parsed at all
    note_dates: dict[str, str] = field(default_factory=dict)  # note path -> last change
    pages: tuple[Page, ...] = ()                                # hand-written docs pages
    snippets: tuple[Snippet, ...] = ()                          # in notes and pages, judged
    history: History | None = None                              # git history, if read and any
    proposals: Proposals = Proposals()                          # from the citation graph
    _derived: dict = field(default_factory=dict, compare=False, repr=False)

    def derived(self, compute: Callable[["KnowledgeBase"], T]) -> T:
        """compute(self), worked out once: several checks report what one walk finds."""
        if compute not in self._derived:
            self._derived[compute] = compute(self)
        return self._derived[compute]

    def share(self, other: "KnowledgeBase", compute: Callable[["KnowledgeBase"], T]) -> None:
        """Take other's derived(compute) as this one's: for a memo whose keys hold all that
        differs between the two (render/edits.py says when)."""
        self._derived[compute] = other.derived(compute)

    def placements(self) -> Iterator[Placement]:
        """Every item of the taxonomy in reading order."""
        for section in self.sections:
            for topic, trail in walk_topics(section.topics):
                for item in topic.items:
                    yield Placement(section, trail + (topic,), item)

    def texts(self) -> Iterator[tuple[str, str, int]]:
        """(path, Markdown, line of its first line) of every note's body and every page."""
        yield from ((note.path, note.body, note.body_line) for note in self.notes.values())
        yield from ((page.path, page.text, page.line) for page in self.pages)

    def taxonomy_texts(self) -> Iterator[FieldText]:
        """Every text the taxonomy files hold, with its position, in file order."""
        for section in self.sections:
            yield from section.texts
        for tag in self.tags:
            yield from tag.texts
        yield from self.proposals.texts

    def known(self, key: str) -> bool:
        """A key in bib/, or one whose entry is broken (and already reported)."""
        return key in self.papers or key in self.broken_keys

    def complete(self, prefix: str) -> bool:
        """Whether every file under prefix (e.g. 'taxonomy/') could be read."""
        return not any(path.startswith(prefix) or prefix.startswith(f"{path}/")
                       for path in self.unread)

    def listed_keys(self) -> set[str]:
        return {p.item.key for p in self.placements() if p.item.key is not None}

    def mapped_keys(self) -> set[str]:
        """Every paper the map places: the curator's items, to-do candidates, our suggestions.
        (Proposals are not on the map until the curator accepts them.)"""
        keys = {key for p in self.placements() for key in (p.item.key, *p.item.candidates)}
        for section in self.sections:
            for topic, _ in walk_topics(section.topics):
                keys.update(topic.suggestions)
        return keys - {None}

    def topic_paths(self) -> list[str]:
        """Every topic as section/topic[/subtopic], in taxonomy order."""
        return [section.path_to(trail + (topic,))
                for section in self.sections for topic, trail in section.walk()]

    def todos_for(self, proposal: Proposal) -> list[Placement]:
        """The to-do lines a proposal answers (see todos_at)."""
        return self.todos_at(proposal.topic, proposal.connects)

    def todos_at(self, topic: str, connects: Iterable[str]) -> list[Placement]:
        """The to-do lines a work placed in topic answers: those in that topic, and those whose
        candidates it connects to, in map order (indexed once, for discover's many works)."""
        todos, by_topic, by_key = self.derived(_todo_index)
        found = set(by_topic.get(topic, ())).union(*(by_key.get(key, ()) for key in connects))
        return [todos[at] for at in sorted(found)]

    def places(self, key: str) -> tuple[str, ...]:
        """Where a paper is placed in any way (the curator's item, a todo's candidate, our
        suggestion): each section's id, and 'section/topic' for its topics and those above."""
        return self.derived(_places).get(key, ())

    def status(self, key: str) -> str | None:
        """The reading status the paper's note gives, None without a note or a status."""
        note = self.notes.get(key)
        return note.status if note else None

    def references(self) -> Iterator[tuple[str, Position]]:
        """Every paper key the taxonomy names, with where: the curator's items, a todo's
        candidates, a topic's suggestions and a section's source."""
        for placement in self.placements():
            item = placement.item
            if item.key is not None:
                yield item.key, Position(item.path, item.line, item.col)
            yield from zip(item.candidates, item.candidates_at)
        for section in self.sections:
            if section.source is not None and section.source_at is not None:
                yield section.source, section.source_at
            for topic, _ in walk_topics(section.topics):
                yield from zip(topic.suggestions, topic.suggestions_at)
        for proposal in self.proposals.proposals:
            at = Position(proposal.path, proposal.line, proposal.col)
            yield proposal.key, at
            yield from ((key, at) for key in proposal.connects)


def _places(kb: KnowledgeBase) -> dict[str, tuple[str, ...]]:
    found: dict[str, dict[str, None]] = {}
    for section in kb.sections:
        for topic, trail in walk_topics(section.topics):
            where = [section.id] + [section.topic_ref(t) for t in (*trail, topic)]
            for key in topic.listed_keys() + topic.suggested_keys():
                found.setdefault(key, {}).update(dict.fromkeys(where))
    return {key: tuple(where) for key, where in found.items()}


def _todo_index(kb: KnowledgeBase):
    """Every to-do placement in map order, and their positions by topic and by candidate."""
    todos = [p for p in kb.placements() if p.item.kind == "todo"]
    by_topic: dict[str, set[int]] = {}
    by_key: dict[str, set[int]] = {}
    for at, placement in enumerate(todos):
        by_topic.setdefault(placement.topic_path, set()).add(at)
        for key in placement.item.candidates:
            by_key.setdefault(key, set()).add(at)
    return todos, by_topic, by_key
