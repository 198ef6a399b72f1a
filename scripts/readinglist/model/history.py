"""The list's history: what each commit did to each paper, read from git by loaders/history.py."""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("listed", "unlisted", "note-added", "note-changed", "note-removed", "read", "unread")


@dataclass(frozen=True)
class PaperEvent:
    """One thing one commit did to one paper (a kind from KINDS)."""

    kind: str
    key: str
    sha: str
    date: str      # the commit's committer date, ISO 8601 with its offset
    order: int     # the commit's place in history, 0 for the oldest read


@dataclass(frozen=True)
class History:
    changes: tuple[PaperEvent, ...]                             # oldest first
    commits: int                                                # commits that touched the list
    note_dates: dict[str, str] = field(default_factory=dict)   # note path -> last commit's day

