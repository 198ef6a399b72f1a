"""BibTeX values as written: text in braces or quotes, numbers and @string names joined by `#`."""

from __future__ import annotations

import re
from typing import NamedTuple

# A backslash before a brace or quote hides it from bibtexparser's splitter, which decided where
# each value ends; reading values by the same rule keeps the two in agreement.
_BRACE = re.compile(r"(?<!\\)[{}]")
_QUOTE_OR_BRACE = re.compile(r'(?<!\\)[{}"]')
_NUMBER = re.compile(r"[0-9]+")
# BibTeX's identifiers: no white space, none of "#%'(),={}, and not starting with a digit.
_NAME = re.compile(r"""[^\s"#%'(),={}0-9][^\s"#%'(),={}]*""")
_SPACE = re.compile(r"\s*")
# The fix a message gives for a value that cannot be read.
READABLE = ("write text in braces or quotes (with balanced braces inside), a number or a @string "
            "name, joined by #")


class Part(NamedTuple):
    """One operand of a value: literal text, or the name of an @string to look up."""

    text: str
    macro: bool = False


def parse_value(raw: str) -> tuple[Part, ...] | None:
    """The parts of a field's or an @string's value, or None if BibTeX could not read it."""
    if raw[:1] == "{" and raw[-1:] == "}":   # most values: text in braces, no braces inside
        inner = raw[1:-1]
        if "{" not in inner and "}" not in inner:
            return (Part(inner),)
    parts, at = [], _SPACE.match(raw).end()
    while True:
        part, at = _operand(raw, at)
        if part is None:
            return None
        parts.append(part)
        at = _SPACE.match(raw, at).end()
        if at == len(raw):
            return tuple(parts)
        if raw[at] != "#":
            return None
        at = _SPACE.match(raw, at + 1).end()


def _operand(raw: str, at: int) -> tuple[Part | None, int]:
    if at >= len(raw):
        return None, at
    if raw[at] in '{"':
        end = _closing(raw, at)
        return (None, at) if end is None else (Part(raw[at + 1:end]), end + 1)
    for pattern, macro in ((_NUMBER, False), (_NAME, True)):
        match = pattern.match(raw, at)
        if match:
            return Part(match.group(), macro), match.end()
    return None, at


def _closing(raw: str, at: int) -> int | None:
    """Index of the brace or quote that closes the group opened at `at`; braces must balance."""
    quoted = raw[at] == '"'
    depth = 0 if quoted else 1
    for mark in (_QUOTE_OR_BRACE if quoted else _BRACE).finditer(raw, at + 1):
        char = mark.group()
        if char == '"':
            if depth == 0:
                return mark.start()
            continue
        depth += 1 if char == "{" else -1
        if depth < 0:
            return None
        if depth == 0 and not quoted:
            return mark.start()
    return None
