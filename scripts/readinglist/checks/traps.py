"""Python-Markdown's traps: Markdown that the site renders other than it reads.

Each trap was confirmed by rendering it with the site's extensions: a list right after a
paragraph line joins the paragraph, a nested item indented less than four spaces flattens into
its parent list, and `#Heading` becomes a heading (where CommonMark previews show text).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..text.prose import prose_lines

_ITEM = re.compile(r"^( *)(?:[-*+]|\d{1,9}[.)])[ \t]+\S")
_HEADING = re.compile(r"^ {0,3}#{1,6}(?=[^#\s])")
_NOT_PROSE = ("|", "<", "!!!", "???", ">", "{", "$$", ":")
_MAYBE = re.compile(r"^ *(?:[-*+] |\d{1,9}[.)] |#)", re.MULTILINE)


class Trap(NamedTuple):
    line: int
    col: int
    code: str
    message: str


def traps(text: str, first_line: int = 1) -> list[Trap]:
    """The traps in one Markdown text, with file lines counted from first_line."""
    if not _MAYBE.search(text):
        return []
    lines, found = text.split("\n"), []
    state, after_blank, items, in_math, previous = None, True, [], False, -2
    for index in prose_lines(lines):
        line = lines[index]
        if index != previous + 1:            # a fenced block ends whatever came before it
            state, after_blank, items = None, True, []
        previous = index
        if line.strip().startswith("$$") and line.count("$$") == 1:
            in_math = not in_math
            continue
        if in_math:
            continue
        if not line.strip():
            after_blank = True
            continue
        where = first_line + index
        item = _ITEM.match(line)
        if item:
            found += _item_traps(len(item.group(1)), state, after_blank, items, where)
            items.append(len(item.group(1)))
            state = "list"
        elif _HEADING.match(line):
            found.append(_heading(line, where))
            state = "other"
        elif after_blank or state is None:
            indented = line.startswith("    ")
            if not indented:
                items = []
            state = "list" if indented and items else \
                ("other" if line.lstrip().startswith(_NOT_PROSE) or line.lstrip().startswith("#")
                 else "para")
        after_blank = False
    return found


def _item_traps(indent: int, state: str | None, after_blank: bool, items: list[int],
                where: int) -> list[Trap]:
    if state == "para" and not after_blank and indent < 4:
        return [Trap(where, indent + 1, "list-after-paragraph",
                     "a list starts on the line after a paragraph, so the site runs it into "
                     "the paragraph (Python-Markdown needs a blank line before a list); add a "
                     "blank line above it")]
    # The parent is the nearest item above that starts further left.
    parent = next((p for p in reversed(items) if p < indent), None)
    if parent is not None and indent < parent + 4:
        spaces = indent - parent
        return [Trap(where, indent + 1, "shallow-nested-list",
                     f"this item is indented {spaces} space{'s' * (spaces > 1)} under the "
                     "item above, so the site flattens it into the outer list (Python-Markdown "
                     f"nests a list only 4 spaces in); indent it {parent + 4} spaces")]
    return []


def _heading(line: str, where: int) -> Trap:
    text = line.strip()
    hashes = len(text) - len(text.lstrip("#"))
    fixed = f"{text[:hashes]} {text[hashes:]}"
    return Trap(where, len(line) - len(line.lstrip(" ")) + 1, "heading-without-space",
                f"'{text[:40]}' becomes a heading on the site (Python-Markdown needs no space "
                "after '#') but plain text in most Markdown previews; write "
                f"'{fixed[:41]}', or '\\{text[:20]}' if it is not a heading")
