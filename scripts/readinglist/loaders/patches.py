"""Reading the output of `git log -p --unified=0`: commits, the files they touch, their hunks.

Pure text in, values out; history.py runs git and replays what this reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

# Each commit starts with a NUL at the start of a line (our --format); a patch line never
# does, since every line of a patch begins with its own marker (+, -, @, diff, ...).
COMMIT_MARK = "\x00"
_HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@")
_DIFF = "diff --git "


@dataclass(frozen=True)
class Hunk:
    start: int                  # first removed line (1-based); the line before, if none removed
    removed: tuple[str, ...]
    added: tuple[str, ...]


@dataclass(frozen=True)
class FileChange:
    path: str                   # posix, relative to the folder git ran in
    kind: str                   # added, deleted or modified
    hunks: tuple[Hunk, ...]


@dataclass(frozen=True)
class Commit:
    sha: str
    date: str                   # committer date, ISO 8601 with its offset
    files: tuple[FileChange, ...]


def read_log(text: str) -> Iterator[Commit]:
    """The commits of a `git log -p --format=%x00%H %cI` output, in the order git printed them."""
    for block in ("\n" + text).split("\n" + COMMIT_MARK)[1:]:
        header, _, patch = block.partition("\n")
        sha, _, date = header.partition(" ")
        yield Commit(sha.strip(), date.strip(), tuple(_files(patch.split("\n"))))


def apply(lines: list[str], hunks: tuple[Hunk, ...]) -> list[str]:
    """The file after a zero-context patch: each hunk says where it cuts and what it inserts."""
    new: list[str] = []
    position = 0
    for hunk in hunks:
        cut = hunk.start - 1 if hunk.removed else hunk.start
        new += lines[position:cut]
        new += hunk.added
        position = cut + len(hunk.removed)
    return new + lines[position:]


def _files(lines: list[str]) -> Iterator[FileChange]:
    starts = [i for i, line in enumerate(lines) if line.startswith(_DIFF)]
    for begin, end in zip(starts, starts[1:] + [len(lines)]):
        path = _path(lines[begin][len(_DIFF):])
        if path is not None:
            yield _file(path, lines[begin + 1:end])


def _path(names: str) -> str | None:
    """X from 'a/X b/X' (renames are off, so both sides agree); None for a quoted name."""
    half = (len(names) - 5) // 2
    path = names[2:2 + half]
    return path if names == f"a/{path} b/{path}" else None


def _file(path: str, lines: list[str]) -> FileChange:
    kind = "modified"
    hunks: list[Hunk] = []
    current: tuple[int, list[str], list[str]] | None = None
    for line in lines:
        header = _HUNK.match(line)
        if header:
            current = (int(header.group(1)), [], [])
            hunks.append(current)
        elif current is None:
            kind = ("added" if line.startswith("new file mode") else
                    "deleted" if line.startswith("deleted file mode") else kind)
        elif line[:1] == "-":
            current[1].append(line[1:])
        elif line[:1] == "+":
            current[2].append(line[1:])
    return FileChange(path, kind, tuple(Hunk(s, tuple(r), tuple(a)) for s, r, a in hunks))
