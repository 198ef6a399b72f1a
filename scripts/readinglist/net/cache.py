"""The network commands' caches under .cache/readinglist/: JSON objects, written atomically."""

from __future__ import annotations

import json
from pathlib import Path

from ..edit.transaction import Change, apply


def read_cache(path: Path | None) -> dict:
    """The cached object, or an empty one when there is none or it cannot be read."""
    if path is None or not path.exists():
        return {}
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, OSError):
        return {}
    return stored if isinstance(stored, dict) else {}


def write_cache(path: Path | None, data: dict) -> None:
    if path is not None:
        apply(path.parent, [Change(path.name, json.dumps(data, sort_keys=True))])
