"""The served site's folder: what a build wrote, and removing what it no longer writes."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator


def changed_since(folder: str, since: float) -> Iterator[str]:
    """The regular files under folder changed since then (os.scandir: the site holds a file
    per page, and paths as objects cost more than the walk)."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                yield from changed_since(entry.path, since)
            elif entry.is_file(follow_symlinks=False) and entry.stat().st_mtime >= since:
                yield entry.path


def remove(site: Path, relative: str) -> None:
    path = site / relative
    if path.is_file():
        path.unlink()
        folder = path.parent
        while folder != site and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
