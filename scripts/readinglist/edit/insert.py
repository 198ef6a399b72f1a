"""Minimal text edits: one new item in a taxonomy file, one entry in or out of a bib file.

Everything else in the file stays byte for byte as it was: comments, quoting, layout.
"""

from __future__ import annotations

import re
from itertools import accumulate

import bibtexparser

from ..loaders.yamltree import Mapping, Node, Scalar, Sequence, parse


class EditError(ValueError):
    """The place to edit does not exist or cannot be found."""


def insert_item(text: str, topic_path: list[str], item: str) -> str:
    """Append an item line ('paper: key') to the topic at topic_path (ids, outermost first)."""
    tree, problems = parse(text, "")
    if tree is None or problems:
        raise EditError("the taxonomy file does not parse; run readinglist check")
    topic = _find_topic(tree, topic_path)
    lines = text.split("\n")
    items = topic.get("items")
    key_indent = topic.col - 1
    if isinstance(items, Sequence) and items.items:
        last = items.items[-1]
        dash = lines[last.line - 1].index("-")
        at = _end_of_block(lines, last.line - 1, dash)
        lines.insert(at, f"{' ' * dash}- {item}")
    elif isinstance(items, Sequence) or (isinstance(items, Scalar) and not items.value):
        row = items.line - 1
        lines[row] = re.sub(r"items:\s*(\[\s*\])?\s*$", "items:", lines[row])
        lines.insert(row + 1, f"{' ' * (key_indent + 2)}- {item}")
    else:
        anchor = max((topic.get(name) for name in ("id", "title", "why") if topic.get(name)),
                     key=lambda node: node.line)
        at = _end_of_block(lines, anchor.line - 1, key_indent)
        lines[at:at] = [f"{' ' * key_indent}items:", f"{' ' * (key_indent + 2)}- {item}"]
    return "\n".join(lines)


def _find_topic(tree: Node, path: list[str]) -> Mapping:
    node, trail = tree, []
    for topic_id in path:
        topics = node.get("topics") if isinstance(node, Mapping) else None
        children = topics.items if isinstance(topics, Sequence) else ()
        found = [c for c in children if isinstance(c, Mapping) and isinstance(c.get("id"), Scalar)
                 and c.get("id").value == topic_id]
        trail.append(topic_id)
        if not found:
            known = [c.get("id").value for c in children
                     if isinstance(c, Mapping) and isinstance(c.get("id"), Scalar)]
            raise EditError(f"no topic '{'/'.join(trail)}' (topics here: "
                            f"{', '.join(known) or 'none'})")
        node = found[0]
    return node


def _end_of_block(lines: list[str], start: int, indent: int) -> int:
    """Index of the first line after start that is indented no deeper than indent."""
    at = start + 1
    while at < len(lines):
        line = lines[at]
        stripped = line.lstrip(" ")
        if stripped and len(line) - len(stripped) <= indent:
            break
        at += 1
    while at - 1 > start and not lines[at - 1].strip():   # keep blank lines after the item
        at -= 1
    return at


def insert_entry(text: str, key: str, entry: str) -> str:
    """The entry placed before the first entry whose key sorts after it (or at the end)."""
    library = bibtexparser.parse_string(text, parse_stack=[])
    following = sorted((e.start_line for e in library.entries if e.key.lower() > key.lower()))
    lines = text.split("\n")
    if following:
        at = following[0]
        lines[at:at] = entry.split("\n") + [""]
        return "\n".join(lines)
    return text.rstrip("\n") + ("\n\n" if text.strip() else "") + entry + "\n"


def remove_entry(text: str, key: str) -> str:
    """The file without the entry (and the blank line after it); every other line as it was."""
    library = bibtexparser.parse_string(text, parse_stack=[])
    entry = next((e for e in library.entries if e.key == key), None)
    if entry is None:
        raise EditError(f"no entry '{key}' in the file")
    starts = _line_offsets(text)
    begin, end = starts[entry.start_line], _closing(text, entry, starts) + 1
    end = text.find("\n", end) + 1 or len(text)
    if text[end:end + 1] == "\n":
        end += 1
    elif begin > 0 and text[begin - 2:begin] == "\n\n" and end == len(text):
        begin -= 1   # the last entry: drop the blank line before it instead
    return text[:begin] + text[end:]


def insert_fields(text: str, new: dict[str, str]) -> str:
    """For each entry key in `new`, its field line added as the entry's last field. The file is
    parsed once; every other line stays as it was (a last field written without its comma gets
    one, and a closing brace on the last field's line moves to its own)."""
    library = bibtexparser.parse_string(text, parse_stack=[])
    entries = {e.key: e for e in reversed(library.entries)}   # the first of a repeated key
    missing = sorted(set(new) - set(entries))
    if missing:
        raise EditError(f"no entry '{missing[0]}' in the file")
    starts = _line_offsets(text)
    pieces, done = [], 0
    for close, key in sorted((_closing(text, entries[key], starts), key) for key in new):
        last = close
        while last > done and text[last - 1].isspace():   # the end of the last field
            last -= 1
        gap = text[last:close]                              # usually "\n"
        comma = "" if text[last - 1] == "," else ","
        pieces += [text[done:last], comma, "\n", new[key], gap if "\n" in gap else "\n"]
        done = close
    return "".join(pieces + [text[done:]])


def _line_offsets(text: str) -> list[int]:
    return [0, *accumulate(len(line) + 1 for line in text.split("\n"))]


def _closing(text: str, entry, starts: list[int]) -> int:
    """Offset of the entry's closing brace (or parenthesis) in text."""
    start = starts[entry.start_line]
    close = text.find(entry.raw, start) + len(entry.raw) - 1
    if close < start or text[close] not in "})":
        raise EditError(f"the entry '{entry.key}' cannot be found as written; run readinglist "
                        "check")
    return close
