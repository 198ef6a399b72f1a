"""When each note last changed: its last commit, or its modification time outside git."""

from __future__ import annotations

import os
import subprocess
from datetime import datetime, timezone
from pathlib import Path


def changed_dates(root: Path, folder: str) -> dict[str, str]:
    """ISO dates (YYYY-MM-DD) by posix path for the files under folder.

    One `git log` over the folder gives committed files their last commit date; files git does
    not know (or a folder outside git) fall back to their modification time."""
    dates = _git_dates(root, folder)
    if not (root / folder).is_dir():
        return dates
    with os.scandir(root / folder) as entries:
        for entry in entries:
            path = f"{folder}/{entry.name}"
            if path not in dates and entry.is_file(follow_symlinks=False):
                stamp = datetime.fromtimestamp(entry.stat(follow_symlinks=False).st_mtime,
                                               tz=timezone.utc)
                dates[path] = stamp.date().isoformat()
    return dates


def _git_dates(root: Path, folder: str) -> dict[str, str]:
    try:
        log = subprocess.run(["git", "log", "--format=%x00%cs", "--name-only", "--", folder],
                             cwd=root, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return {}
    if log.returncode != 0:
        return {}
    dates: dict[str, str] = {}
    for commit in log.stdout.split("\x00")[1:]:
        date, *paths = commit.strip().split("\n")
        for path in paths:
            dates.setdefault(path.strip(), date.strip())
    return dates
