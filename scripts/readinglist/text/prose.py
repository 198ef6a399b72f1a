"""Markdown prose as the checks and renderers read it: the lines outside fenced code, with
inline code blanked out so that columns still point where they did."""

from __future__ import annotations

import re
from typing import Iterator

from .latex import MATH

FENCE = re.compile(r"^\s*(```|~~~)")
# A '<' that starts a tag, a comment or a processing instruction: what an HTML parser acts on.
TAG_START = re.compile(r"<[A-Za-z!/?]")
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
# [text](url "title") and [label]: url, the URL in group 1 (one level of parentheses inside).
INLINE_LINK = re.compile(r"\]\(\s*<?((?:[^()<>\s]|\([^()<>\s]*\))+)>?(?:\s+\"[^\"]*\")?\)")
LINK_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")


def prose_lines(lines: list[str]) -> Iterator[int]:
    """Indices of the lines outside fenced code blocks (fence lines themselves excluded)."""
    in_fence = False
    for index, line in enumerate(lines):
        if ("`" in line or "~" in line) and FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence:
            yield index


def blank_code_spans(line: str) -> str:
    if "`" not in line:
        return line
    return CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)


def tags_outside_math(text: str) -> list[int]:
    """Offsets of each '<' that starts a tag outside $...$ math ($n<d$ is math, not a tag)."""
    if "<" not in text:
        return []
    prose = MATH.sub(lambda m: " " * len(m.group(0)), text) if "$" in text else text
    return [match.start() for match in TAG_START.finditer(prose)]
