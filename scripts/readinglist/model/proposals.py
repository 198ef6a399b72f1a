"""What the citation graph proposes: works `discover` found, apart from the curator's picks and
from our hand-written suggestions, and the works the curator turned down."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .taxonomy import FieldText

KINDS = ("cites-list", "cited-by-list")   # cites two listed papers; two listed papers cite it
PROPOSALS_FILE = "taxonomy/proposals.yml"


@dataclass(frozen=True)
class Proposal:
    key: str                       # its entry in bib/, written from the API's metadata
    openalex: str                  # the work's OpenAlex id, W followed by digits
    kind: Literal["cites-list", "cited-by-list"]
    connects: tuple[str, ...]      # the listed papers it cites or that cite it, in map order
    topic: str                     # section/topic[/subtopic]: where it would sit
    found: str                     # the day discover first proposed it (ISO date)
    published: str | None          # its publication date as OpenAlex gives it (ISO date)
    path: str
    line: int
    col: int

    @property
    def score(self) -> int:
        """How many listed papers it connects to: what proposals are ranked by."""
        return len(self.connects)

    @property
    def section(self) -> str:
        return self.topic.split("/", 1)[0]


@dataclass(frozen=True)
class Rejection:
    """A work the curator turned down: matched on every identity it has, never proposed again."""

    openalex: str | None
    doi: str | None
    arxiv: str | None
    title: str | None
    author: str | None             # the first author's family name
    year: str | None
    why: str | None
    path: str
    line: int
    col: int


@dataclass(frozen=True)
class Proposals:
    """taxonomy/proposals.yml: the pending proposals, best first, and the rejected works."""

    proposals: tuple[Proposal, ...] = ()
    rejected: tuple[Rejection, ...] = ()
    checked: str | None = None     # the day of the last run that changed the file
    texts: tuple[FieldText, ...] = ()   # every text in the file, for the checks of values

    def ranked(self) -> list[Proposal]:
        """Best first: more connections, then the newest publication."""
        by_date = sorted(self.proposals, key=lambda p: p.published or "", reverse=True)
        return sorted(by_date, key=lambda p: p.score, reverse=True)

    def newest(self) -> list[Proposal]:
        """Newest publication first (the "New in the field" page)."""
        return sorted(self.proposals, key=lambda p: (p.published or "", p.score), reverse=True)

    def keys(self) -> set[str]:
        return {proposal.key for proposal in self.proposals}

    def get(self, key: str) -> Proposal | None:
        return next((p for p in self.proposals if p.key == key), None)

    def in_topic(self, topic: str) -> list[Proposal]:
        """The proposals placed in a topic (section/topic path), best first."""
        return [p for p in self.ranked() if p.topic == topic]
