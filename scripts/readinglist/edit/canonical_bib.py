"""The canonical form of a BibTeX file: what `readinglist fmt` writes and `add` appends.

Entries are sorted by key; each field sits on its own line, two spaces in, its name lowercase and
padded so the values line up, its value in braces (a @string name stays bare, and each text of a
concatenation gets its own braces); fields follow FIELD_ORDER, then the rest alphabetically.
@string, @preamble and comments keep their text and order and come first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from bibtexparser import model

from ..diagnostic import Diagnostic, format_text
from ..loaders.bibliography import read_papers
from ..loaders.blocks import read_blocks
from ..loaders.expressions import parse_value

FIELD_ORDER = ("title", "author", "editor", "year", "month", "journal", "booktitle",
               "howpublished", "school", "institution", "volume", "number", "pages", "publisher",
               "eprint", "archiveprefix", "primaryclass", "doi", "url", "pdf", "code", "slides",
               "video", "abstract")
NAME_WIDTH = 13
# What check says of a block or a value that cannot be read: fmt leaves such a file alone.
UNFORMATTABLE = frozenset({"bibtex-syntax", "duplicate-field"})


class UnformattableError(ValueError):
    """The file has blocks that cannot be read, so it is not reformatted."""

    def __init__(self, reason: str, diagnostics: Iterable[Diagnostic] = ()):
        super().__init__(reason)
        self.diagnostics = list(diagnostics)

    def report(self) -> str:
        """The diagnostics, one a line, then the reason."""
        return format_text(self.diagnostics) + f"readinglist: {self}\n"


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


def format_file(text: str, path: str = "bib/references.bib") -> str:
    """The whole file in canonical form. Raises UnformattableError if a block cannot be read."""
    unreadable = [d for d in read_papers(text, path)[2] if d.code in UNFORMATTABLE]
    if unreadable:
        raise UnformattableError(f"{path} has blocks that cannot be read; nothing was "
                                 "formatted (fix them first)", sorted(unreadable))
    blocks = read_blocks(text, path)
    verbatim = [raw.strip() for raw in blocks.verbatim if raw.strip()]
    entries = sorted(blocks.entries, key=lambda e: e.key.lower())
    formatted = [format_entry(e.entry_type, e.key, [field_of(f) for f in e.fields])
                 for e in entries]
    return "\n\n".join(verbatim + formatted) + "\n"


def field_of(field: model.Field) -> Field:
    """A parsed field without its delimiters. A concatenation is written again with each text
    in braces: bibtexparser does not count braces between quotes, so `"{"0}"` written as it was
    could end the entry early once the entry is delimited by braces rather than parentheses."""
    name, raw = field.key.lower(), field.value.strip()
    parts = parse_value(raw)
    if parts is None:                       # reported by check; format_file refuses first
        return Field(name, raw, braced=False)
    if len(parts) == 1 and not parts[0].macro:
        return Field(name, parts[0].text)
    return Field(name, " # ".join(p.text if p.macro else f"{{{p.text}}}" for p in parts),
                 braced=False)
