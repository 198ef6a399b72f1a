"""The served site's folder: what a build wrote, and removing what it no longer writes."""

from __future__ import annotations

import os
from pathlib import Path


def stamps(folder: str) -> dict[str, tuple[int, int]]:
    """Each regular file under folder, with its modification time and size: a build wrote a
    file when its stamp differs from the one before the build (os.scandir: the site holds a
    file per page, and paths as objects cost more than the walk)."""
    found: dict[str, tuple[int, int]] = {}
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                found.update(stamps(entry.path))
            elif entry.is_file(follow_symlinks=False):
                stat = entry.stat(follow_symlinks=False)
                found[entry.path] = (stat.st_mtime_ns, stat.st_size)
    return found


def remove(site: Path, relative: str) -> None:
    path = site / relative
    if path.is_file():
        path.unlink()
        folder = path.parent
        while folder != site and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
