"""The list's history from git, read in one `git log`: what each commit did to each paper.

The log's zero-context patches of notes/ and taxonomy/ are replayed from the first commit on:
notes are rebuilt line by line (so a status is read from the front matter it sits in, and a
change of text is told apart from a change of status), and taxonomy lines naming a paper are
counted. Merges count as one change on the first-parent line, which is where a reader sees them.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

from ..model import NOTE_TEMPLATE, History, PaperEvent
from .patches import Commit, FileChange, apply, read_log

GIT_LOG = ("git", "-c", "core.quotePath=false", "log", "--first-parent", "-m", "--reverse",
           "--no-renames", "--no-ext-diff", "--no-textconv", "--no-color", "--text",
           "--relative", "--unified=0", "--src-prefix=a/", "--dst-prefix=b/",
           "--format=%x00%H %cI", "-p", "--", "notes", "taxonomy")
_PAPER_LINE = re.compile(r"""^\s*-?\s*paper:\s*["']?([A-Za-z0-9_:.\-]+)["']?\s*(?:#.*)?$""")
_NOTE = re.compile(r"^notes/([^/]+)\.md$")
_STATUS = re.compile(r"""^status:\s*["']?([^"'#]*?)["']?\s*(?:#.*)?$""")


def read_history(root: Path) -> History | None:
    """The history of notes/ and taxonomy/ under root; None without git or without commits."""
    try:
        log = subprocess.run(GIT_LOG, cwd=root, capture_output=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if log.returncode != 0:
        return None
    return replay(log.stdout.decode("utf-8", errors="replace"))


def replay(text: str) -> History:
    """Every change the commits of a log (oldest first) made, and each note's last day."""
    notes: dict[str, list[str]] = {}
    listed: Counter[str] = Counter()
    changes: list[PaperEvent] = []
    dates: dict[str, str] = {}
    count = 0
    for order, commit in enumerate(read_log(text)):
        count += 1
        found = _listing_changes(commit, listed)
        for file in commit.files:
            if _NOTE.match(file.path) and file.path != NOTE_TEMPLATE:
                found += _note_changes(file, notes)
                dates[file.path] = commit.date[:10]
        changes += [PaperEvent(kind, key, commit.sha, commit.date, order)
                    for kind, key in found]
    dates = {path: day for path, day in dates.items() if path in notes}
    return History(tuple(changes), count, dates)


def note_dates(root: Path, history: History | None) -> dict[str, str]:
    """The day each note last changed: its last commit, or its modification time outside git."""
    dates = dict(history.note_dates) if history else {}
    if not (root / "notes").is_dir():
        return dates
    with os.scandir(root / "notes") as entries:
        for entry in entries:
            path = f"notes/{entry.name}"
            if path not in dates and entry.is_file(follow_symlinks=False):
                stamp = datetime.fromtimestamp(entry.stat(follow_symlinks=False).st_mtime,
                                               tz=timezone.utc)
                dates[path] = stamp.date().isoformat()
    return dates


def _listing_changes(commit: Commit, listed: Counter[str]) -> list[tuple[str, str]]:
    """Papers that gained their first or lost their last line in the taxonomy in this commit."""
    delta: Counter[str] = Counter()
    for file in commit.files:
        if file.path.startswith("taxonomy/"):
            for hunk in file.hunks:
                delta.subtract(_papers(hunk.removed))
                delta.update(_papers(hunk.added))
    found = []
    for key in sorted(k for k, v in delta.items() if v):
        before = listed[key]
        listed[key] = max(before + delta[key], 0)
        if (before > 0) != (listed[key] > 0):
            found.append(("listed" if listed[key] else "unlisted", key))
    return found


def _papers(lines: tuple[str, ...]) -> list[str]:
    return [m.group(1) for m in map(_PAPER_LINE.match, lines) if m]


def _note_changes(file: FileChange, notes: dict[str, list[str]]) -> list[tuple[str, str]]:
    key = _NOTE.match(file.path).group(1)
    before = notes.get(file.path)
    after = None if file.kind == "deleted" else apply(before or [], file.hunks)
    if after is None:
        notes.pop(file.path, None)
    else:
        notes[file.path] = after
    found = []
    if before is None and after is not None:
        found.append(("note-added", key))
    elif after is None and before is not None:
        found.append(("note-removed", key))
    elif before is not None and _split(before)[1] != _split(after)[1]:
        found.append(("note-changed", key))
    was_read = before is not None and _status(before) == "read"
    is_read = after is not None and _status(after) == "read"
    if was_read != is_read:
        found.append(("read" if is_read else "unread", key))
    return found


def _split(lines: list[str]) -> tuple[list[str], list[str]]:
    """Front matter and body, the way the notes loader draws the line between them."""
    if not lines or lines[0].rstrip("\r") != "---":
        return [], lines
    for index in range(1, len(lines)):
        if lines[index].rstrip("\r") in ("---", "..."):
            return lines[1:index], lines[index + 1:]
    return lines[1:], []


def _status(lines: list[str]) -> str | None:
    for line in _split(lines)[0]:
        match = _STATUS.match(line.rstrip("\r"))
        if match:
            return match.group(1).strip()
    return None
