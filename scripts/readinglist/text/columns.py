"""Columns of names in source lines, for diagnostics that point at a field or a key."""

from __future__ import annotations


def column_of(text_line: str, needle: str) -> int:
    """1-based column of needle in a line (case-insensitive), or 1 if it is not there."""
    index = text_line.lower().find(needle.lower())
    return index + 1 if index >= 0 else 1


def column_after_delimiter(raw: str, name: str) -> int:
    """Column of a block's name or key: the first match after its opening brace or parenthesis."""
    first = raw.split("\n", 1)[0]
    opening = min((i for i in (first.find("{"), first.find("(")) if i >= 0), default=0)
    index = first.lower().find(name.lower(), opening) if name else -1
    return index + 1 if index >= 0 else 1
