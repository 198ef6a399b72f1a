"""What is written in Markdown: a note, a hand-written page, what they cite and include."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from .taxonomy import Position

NOTE_TEMPLATE = "notes/_template.md"   # the stub new notes start from: not a paper's note


class Citation(NamedTuple):
    """A cited key, where it is written."""

    key: str
    line: int
    col: int


class Oneline(NamedTuple):
    """A note's "In one line" sentence."""

    text: str     # Markdown source, the paragraph's lines joined by single spaces
    line: int     # line of the file where the sentence starts


@dataclass(frozen=True)
class Note:
    key: str
    status: str | None
    tags: tuple[str, ...]
    unverified: tuple[str, ...]   # fields the note says could not be checked
    body: str
    body_line: int          # line of the file where the body starts
    citations: tuple[Citation, ...]
    path: str
    line: int
    oneline: Oneline | None = None          # the "In one line" sentence and its line
    status_at: Position | None = None       # where the status is written
    tags_at: tuple[Position, ...] = ()      # where each tag is written

    @property
    def oneline_markdown(self) -> str | None:
        """The "In one line" sentence as written (Markdown), None when the note has none."""
        return self.oneline.text if self.oneline else None


@dataclass(frozen=True)
class Page:
    """A hand-written page of docs/."""

    path: str
    text: str
    line: int = 1


@dataclass(frozen=True)
class Snippet:
    """A snippet line of a note or page, and what is wrong with what it includes, if anything."""

    target: str
    code: str | None    # unsafe-, missing- or invalid-snippet; None when the include is fine
    reason: str         # completes "snippet 'x' ...", e.g. "names a file outside the repository"
    path: str
    line: int
    col: int
