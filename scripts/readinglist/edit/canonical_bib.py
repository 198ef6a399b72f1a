"""The canonical form of a BibTeX file: what `readinglist fmt` writes and `add` appends.

Entries are sorted by key; each field sits on its own line, two spaces in, its name lowercase and
padded so the values line up, its value in braces (a macro or a concatenation stays as written);
fields follow FIELD_ORDER, then the rest alphabetically. @string, @preamble and comments keep their
text and order and come first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import bibtexparser
from bibtexparser import model

FIELD_ORDER = ("title", "author", "editor", "year", "month", "journal", "booktitle",
               "howpublished", "school", "institution", "volume", "number", "pages", "publisher",
               "eprint", "archiveprefix", "primaryclass", "doi", "url", "pdf", "code", "slides",
               "video", "abstract")
NAME_WIDTH = 13


class UnformattableError(ValueError):
    """The file has entries that cannot be parsed, so it is not reformatted."""


@dataclass(frozen=True)
class Field:
    name: str
    value: str           # what goes between the braces, or a macro expression as written
    braced: bool = True  # False for a macro or a concatenation (month = jan # " 1")


def format_entry(entry_type: str, key: str, fields: list[Field]) -> str:
    rank = {name: i for i, name in enumerate(FIELD_ORDER)}
    ordered = sorted(fields, key=lambda f: (rank.get(f.name, len(rank)), f.name))
    lines = [f"@{entry_type.lower()}{{{key},"] + [field_line(field) for field in ordered]
    return "\n".join(lines + ["}"])


def field_line(field: Field) -> str:
    """One field as its canonical line: `  name          = {value},`."""
    value = f"{{{field.value}}}" if field.braced else field.value
    return f"  {field.name.ljust(NAME_WIDTH)} = {value},"


def format_file(text: str) -> str:
    """The whole file in canonical form. Raises UnformattableError if an entry is broken."""
    library = bibtexparser.parse_string(text, parse_stack=[])
    if library.failed_blocks:
        first = library.failed_blocks[0]
        raise UnformattableError(f"line {first.start_line + 1}: an entry cannot be parsed; "
                                 "fix it (readinglist check says how) before formatting")
    preamble = [block.raw.strip() for block in library.blocks
                if not isinstance(block, model.Entry) and block.raw.strip()]
    entries = sorted(library.entries, key=lambda e: e.key.lower())
    formatted = [format_entry(e.entry_type, e.key, [field_of(f) for f in e.fields])
                 for e in entries]
    return "\n\n".join(preamble + formatted) + "\n"


def field_of(field: model.Field) -> Field:
    """A parsed field without its delimiters; macros and concatenations are kept whole."""
    name, raw = field.key.lower(), field.value.strip()
    if raw.startswith("{") and raw.endswith("}") and _balanced(raw[1:-1]):
        return Field(name, raw[1:-1])
    if raw.startswith('"') and raw.endswith('"') and '"' not in raw[1:-1]:
        return Field(name, raw[1:-1])
    if re.fullmatch(r"\d+", raw):
        return Field(name, raw)
    return Field(name, raw, braced=False)


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0
