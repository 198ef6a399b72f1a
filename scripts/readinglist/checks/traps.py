"""Python-Markdown's traps: Markdown that the site renders other than it reads.

Each trap was confirmed by rendering it with the site's extensions: a list right after a
paragraph line joins the paragraph, a nested item indented less than four spaces flattens into
its parent list, and `#Heading` becomes a heading (where CommonMark previews show text). A
heading line (`#` in the first column, or a setext underline under a block's first line) and a
rule end a block as a blank line does, so the line after one starts a new paragraph or list.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..text.prose import prose_lines

_ITEM_START = r"(?:[-*+]|\d{1,9}[.)])[ \t]"    # a list marker and the space after it
_ITEM = re.compile(rf"^( *){_ITEM_START}+\S")
# Python-Markdown's own patterns: a heading's '#' stands in the first column (' #x' is text),
# a rule may be indented up to three spaces.
_HEADING = re.compile(r"^#{1,6}(?=[^#\s])")
_RULE = re.compile(r"^ {0,3}(?:(?:-+ {0,2}){3,}|(?:_+ {0,2}){3,}|(?:\*+ {0,2}){3,})$")
_UNDERLINE = re.compile(r"^[=-]+ *$")
_NOT_PROSE = ("|", "<", "!!!", "???", ">", "{", "$$", ":")
_PARAGRAPH = ("first", "para")    # a paragraph's first line may yet be a setext heading's text
# Where a trap can be: a heading with no space, an item indented (it may nest too shallowly),
# or an item under a line that may end a paragraph (not blank, not a heading, not an item:
# a marker with nothing after it, "- ", is a paragraph's text).
# A text without one is passed over unread: most notes, whose lists follow a blank line or a
# heading, and `check` reads every note on each save of a served list.
_CANDIDATE = re.compile(rf"^#{{1,6}}[^#\s]|^ +{_ITEM_START}"
                        rf"|^(?!#)(?! *{_ITEM_START}+\S)(?=[^\n]*\S)[^\n]*+\n {{0,3}}"
                        rf"{_ITEM_START}", re.MULTILINE)


class Trap(NamedTuple):
    line: int
    col: int
    code: str
    message: str


def traps(text: str, first_line: int = 1) -> list[Trap]:
    """The traps in one Markdown text, with file lines counted from first_line."""
    return scan(text, first_line) if _CANDIDATE.search(text) else []


def scan(text: str, first_line: int = 1) -> list[Trap]:
    """traps(), read line by line whatever the text holds."""
    lines, found = text.split("\n"), []
    block, items, in_math, previous = None, [], False, -2
    for index in prose_lines(lines):
        line = lines[index]
        if index != previous + 1:            # a fenced block ends whatever came before it
            block, items = None, []
        previous = index
        if line.strip().startswith("$$") and line.count("$$") == 1:
            in_math = not in_math
        elif not in_math:
            found += _line_traps(line, block, items, first_line + index)
            block, items = _after(line, block, items)
    return found


def _line_traps(line: str, block: str | None, items: list[int], where: int) -> list[Trap]:
    if line.startswith("#"):
        return [_heading(line, where)] if _HEADING.match(line) else []
    item = _ITEM.match(line)
    if item and not _RULE.match(line):
        return _item_traps(len(item.group(1)), block, items, where)
    return []


def _after(line: str, block: str | None, items: list[int]) -> tuple[str | None, list[int]]:
    """The block a line leaves open (None: the next line starts one) and the items above it."""
    if not line.strip():
        return None, items
    if line.startswith("#") or _RULE.match(line) or \
            (block == "first" and _UNDERLINE.match(line)):
        return None, []
    item = _ITEM.match(line)
    if item:
        return "list", items + [len(item.group(1))]
    if block is not None:
        return ("para" if block == "first" else block), items
    if line.startswith("    ") and items:
        return "list", items
    return ("other" if line.lstrip().startswith(_NOT_PROSE) else "first"), []


def _item_traps(indent: int, block: str | None, items: list[int], where: int) -> list[Trap]:
    if block in _PARAGRAPH and indent < 4:
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
    text = line.rstrip()
    hashes = len(text) - len(text.lstrip("#"))
    fixed = f"{text[:hashes]} {text[hashes:]}"
    return Trap(where, 1, "heading-without-space",
                f"'{text[:40]}' becomes a heading on the site (Python-Markdown needs no space "
                "after '#') but plain text in most Markdown previews; write "
                f"'{fixed[:41]}', or '\\{text[:20]}' if it is not a heading")
