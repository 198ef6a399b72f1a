"""The curator's map: sections of topics of items, the allowed tags, and where each was written."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Literal, NamedTuple


class Position(NamedTuple):
    """Where a value was written: a posix path from the repository root, 1-based line and column."""

    path: str
    line: int
    col: int


@dataclass(frozen=True)
class FieldText:
    """A text value of a taxonomy file, with the position of its first character."""

    what: str        # how a message names it: "topic title", "section intro", "'reason'"
    value: str
    path: str
    line: int
    col: int
    plain: bool      # written without quotes or block indicators: columns run as in the value


@dataclass(frozen=True)
class Item:
    kind: Literal["paper", "todo", "question"]
    text: str                      # as written: the paper key, the todo line or the question
    candidates: tuple[str, ...]    # suggested paper keys for a todo
    path: str
    line: int
    col: int
    as_written: str | None = None  # the curator's words for a paper, when they are not its title
    reason: str | None = None      # for a todo: how its candidates relate to the curator's words
    candidates_at: tuple[Position, ...] = ()   # where each candidate is written

    @property
    def key(self) -> str | None:
        """The paper's key for a paper item; None for a todo or a question."""
        return self.text if self.kind == "paper" else None


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    why: str | None
    items: tuple[Item, ...]
    topics: tuple["Topic", ...]
    path: str
    line: int
    col: int
    suggestions: tuple[str, ...] = ()           # ours, for a topic the curator left empty
    suggestions_at: tuple[Position, ...] = ()   # where each suggestion is written

    def listed_keys(self) -> list[str]:
        """The curator's papers in the topic, in map order, once each."""
        return list(dict.fromkeys(item.key for item in self.items if item.key is not None))

    def suggested_keys(self) -> list[str]:
        """Our suggestions here in map order, once each: todo candidates, then suggestions."""
        keys = [key for item in self.items for key in item.candidates]
        return list(dict.fromkeys(keys + list(self.suggestions)))


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    order: str
    intro: str | None
    topics: tuple[Topic, ...]
    path: str
    line: int
    col: int
    source: str | None = None              # the key of the work the section follows
    source_note: str | None = None         # how the section relates to that work
    source_at: Position | None = None      # where that key is written
    texts: tuple[FieldText, ...] = ()      # every text in the file, topics' and items' included

    def walk(self) -> Iterator[tuple[Topic, tuple[Topic, ...]]]:
        """Every topic depth-first in taxonomy order, with the trail of topics above it."""
        return walk_topics(self.topics)

    def path_to(self, trail: tuple[Topic, ...]) -> str:
        """section/topic[/subtopic], down the trail to its last topic: how `add --to`,
        proposals and discover name a topic."""
        return "/".join((self.id, *(topic.id for topic in trail)))

    def topic_ref(self, topic: Topic) -> str:
        """section/topic at any depth (ids are unique in a section): how the site's filters
        name a topic, and where KnowledgeBase.places says a paper is."""
        return f"{self.id}/{topic.id}"

    def listed_keys(self) -> list[str]:
        """The curator's papers in the section, in map order, once each."""
        return list(dict.fromkeys(key for topic, _ in self.walk() for key in topic.listed_keys()))

    def suggested_keys(self) -> list[str]:
        """Our suggestions in the section, in map order: todo candidates and topic suggestions."""
        keys = [key for topic, _ in self.walk() for key in topic.suggested_keys()]
        return list(dict.fromkeys(keys))

    def unlisted_suggestions(self) -> list[str]:
        """Our suggestions in the section that the curator's own list there leaves out."""
        listed = set(self.listed_keys())
        return [key for key in self.suggested_keys() if key not in listed]


@dataclass(frozen=True)
class Tag:
    id: str
    description: str | None
    path: str
    line: int
    col: int
    texts: tuple[FieldText, ...] = ()  # its id and description as written


def walk_topics(topics: tuple[Topic, ...], trail: tuple[Topic, ...] = ()):
    """Every topic depth-first in taxonomy order, with the trail of topics above it."""
    for topic in topics:
        yield topic, trail
        yield from walk_topics(topic.topics, trail + (topic,))
