"""Pandoc citations in Markdown: [@key], [@a; @b], [see @a, p. 3], found outside code."""

from __future__ import annotations

import re
from typing import Callable, Iterator

from .prose import blank_code_spans, prose_lines

_BRACKET = re.compile(r"\[([^\[\]\n]*@[^\[\]\n]*)\](?!\()")
_KEY = re.compile(r"(?:^|(?<=[\s;\-]))@([A-Za-z0-9_](?:[A-Za-z0-9_:.\-]*[A-Za-z0-9_])?)")


def find_citations(body: str, first_line: int = 1) -> list[tuple[str, int, int]]:
    """Every cited key as (key, line counted from first_line, 1-based column)."""
    return [(key.group(1), number, bracket.start(1) + key.start() + 1)
            for number, line, brackets in _scan(body, first_line)
            for bracket in brackets for key in _KEY.finditer(bracket.group(1))]


def replace_citations(body: str, link: Callable[[list[str], str], str]) -> str:
    """Each citation bracket replaced by link(keys, bracket text); code is left alone."""
    lines = body.split("\n")
    for number, line, brackets in _scan(body, 0):
        for bracket in reversed(brackets):
            keys = [m.group(1) for m in _KEY.finditer(bracket.group(1))]
            if keys:
                line = line[:bracket.start()] + link(keys, bracket.group(1)) + line[bracket.end():]
        lines[number] = line
    return "\n".join(lines)


def _scan(body: str, first_line: int) -> Iterator[tuple[int, str, list[re.Match]]]:
    lines = body.split("\n")
    for index in prose_lines(lines):
        line = lines[index]
        if "@" in line:
            yield index + first_line, line, list(_BRACKET.finditer(blank_code_spans(line)))
