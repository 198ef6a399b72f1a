"""Snippet lines (pymdownx.snippets: `--8<-- "file"`) found as the site finds them.

The site expands snippets before Markdown is parsed, so every line counts, code blocks included:
the inline form `--8<-- "path"`, a block of paths between two `--8<--` lines, never an escaped
line (`;--8<--`) or a commented path (`;path`); a `:lines` or `:section` suffix is split off as
pymdownx does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

_MARKER = re.compile(r"""^[ \t]*(?P<escape>;*)-+8<-+
    (?:[ \t]+(?P<quoted>"(?:\\"|[^"\r\n])+?"|'(?:\\'|[^'\r\n])+?'))?\r?$""", re.VERBOSE)
_LINES = re.compile(r":-?\d*(?::-?\d*)?(?:,(?=[-\d:])-?\d*(?::-?\d*)?)*")
_SECTION = re.compile(r":[a-z][-_0-9a-z]*", re.IGNORECASE)


@dataclass(frozen=True)
class SnippetLine:
    target: str     # as written: the path and any :lines or :section suffix
    index: int      # 0-based line of the text
    col: int        # 1-based column where the target starts


def snippet_lines(text: str) -> Iterator[SnippetLine]:
    """Every line of text that makes the site include a file."""
    if "8<" not in text:
        return
    block = False
    for index, line in enumerate(text.split("\n")):
        marker = _MARKER.match(line)
        if marker:
            quoted = marker.group("quoted")
            if marker.group("escape"):
                continue
            if quoted is None:
                block = not block
            elif not block:   # pymdownx ignores an inline snippet directly inside a block
                target = quoted[1:-1].strip()
                if not target.startswith(";"):
                    yield SnippetLine(target, index, marker.start("quoted") + 2)
        elif block and (target := line.strip()) and not target.startswith(";"):
            yield SnippetLine(target, index, len(line) - len(line.lstrip()) + 1)


def file_part(target: str) -> str:
    """The file a target names: before the first ':' that starts a valid suffix to its end."""
    return split_target(target)[0]


def split_target(target: str) -> tuple[str, str]:
    """(file, suffix): the suffix is the ':lines' or ':section' part, or empty."""
    for at, char in enumerate(target):
        if char == ":" and (_LINES.fullmatch(target, at) or _SECTION.fullmatch(target, at)):
            return target[:at].strip(), target[at:]
    return target.strip(), ""


def unreadable_range(target: str) -> bool:
    """Whether the line range has a '-' with no number after it, where pymdownx fails on int('-')."""
    suffix = split_target(target)[1]
    return bool(_LINES.fullmatch(suffix)) and "-" in re.split(r"[:,]", suffix[1:])
