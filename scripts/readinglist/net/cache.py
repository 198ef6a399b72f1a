"""The network commands' caches under .cache/readinglist/: JSON objects, written atomically."""

from __future__ import annotations

import json
from pathlib import Path

from ..edit.transaction import Change, apply, read_existing


def read_cache(path: Path | None) -> dict:
    """The cached object, or an empty one when there is none or it cannot be read."""
    if path is None:
        return {}
    try:
        stored = json.loads(read_existing(path.parent, path.name) or b"{}")
    except (ValueError, OSError):   # a link or a pipe in its place too: start afresh
        return {}
    return stored if isinstance(stored, dict) else {}


def write_cache(path: Path | None, data: dict) -> None:
    if path is not None:
        apply(path.parent, [Change(path.name, json.dumps(data, sort_keys=True))])
