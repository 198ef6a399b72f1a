"""The canonical form of a BibTeX file: what `readinglist fmt` writes and `add` appends.

Entries are sorted by key; each field sits on its own line, two spaces in, its name lowercase and
padded so the values line up, its value in braces (a macro or a concatenation stays as written);
fields follow FIELD_ORDER, then the rest alphabetically. @string, @preamble and comments keep their
text and order and come first.
"""

from __future__ import annotations

from dataclasses import dataclass

from bibtexparser import model

from ..diagnostic import Diagnostic, format_text
from ..loaders.blocks import read_blocks
from ..loaders.expressions import literal

FIELD_ORDER = ("title", "author", "editor", "year", "month", "journal", "booktitle",
               "howpublished", "school", "institution", "volume", "number", "pages", "publisher",
               "eprint", "archiveprefix", "primaryclass", "doi", "url", "pdf", "code", "slides",
               "video", "abstract")
NAME_WIDTH = 13


class UnformattableError(ValueError):
    """The file has blocks that cannot be read, so it is not reformatted."""

    def __init__(self, reason: str, diagnostics: list[Diagnostic] = ()):
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
    lines = [f"@{entry_type.lower()}{{{key},"]
    for field in ordered:
        value = f"{{{field.value}}}" if field.braced else field.value
        lines.append(f"  {field.name.ljust(NAME_WIDTH)} = {value},")
    return "\n".join(lines + ["}"])


def format_file(text: str, path: str = "bib/references.bib") -> str:
    """The whole file in canonical form. Raises UnformattableError if a block cannot be read."""
    blocks = read_blocks(text, path)
    if blocks.diagnostics:
        raise UnformattableError(f"{path} has blocks that cannot be read; nothing was "
                                 "formatted (fix them first)", blocks.diagnostics)
    verbatim = [raw.strip() for raw in blocks.verbatim if raw.strip()]
    entries = sorted(blocks.entries, key=lambda e: e.key.lower())
    formatted = [format_entry(e.entry_type, e.key, [field_of(f) for f in e.fields])
                 for e in entries]
    return "\n\n".join(verbatim + formatted) + "\n"


def field_of(field: model.Field) -> Field:
    """A parsed field without its delimiters; macros and concatenations are kept whole."""
    name, raw = field.key.lower(), field.value.strip()
    text = literal(raw)
    return Field(name, raw, braced=False) if text is None else Field(name, text)
