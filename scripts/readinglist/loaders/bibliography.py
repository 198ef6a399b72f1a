"""Bibliography loader: bib/*.bib into Paper dataclasses, parse failures as diagnostics."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

import bibtexparser
from bibtexparser import model

from ..diagnostic import Diagnostic, error
from .identifiers import display_name, is_arxiv, arxiv_id, bare_doi, split_authors
from .latex import decode
from .textfile import column_of, read_text

VENUE_FIELDS = ("journal", "booktitle", "howpublished")
_KEY_OF_BLOCK = re.compile(r"^\s*@\s*\w+\s*[{(]\s*([^,\s{}()]+)\s*,")


class BibField(NamedTuple):
    """One field of an entry (a named tuple: entries have many, and they are built in bulk)."""

    name: str
    value: str
    line: int


@dataclass(frozen=True)
class Paper:
    # title, authors, venue, arxiv and doi are read for every row, page and check that shows
    # the paper; they are worked out from the fields once (cached_property sits beside the
    # frozen fields and takes no part in equality).
    key: str
    entry_type: str
    fields: tuple[BibField, ...]
    raw: str              # the entry exactly as written in the file
    path: str
    line: int

    @property
    def col(self) -> int:
        """Column of the key on the entry's first line (computed only for a diagnostic)."""
        return column_of(self.raw.split("\n", 1)[0], self.key)

    def column(self, field: BibField) -> int:
        """Column of a field's name on its line."""
        lines = self.raw.split("\n")
        offset = field.line - self.line
        return column_of(lines[offset], field.name) if 0 <= offset < len(lines) else 1

    def get(self, name: str) -> str | None:
        return next((f.value for f in self.fields if f.name == name), None)

    def field(self, name: str) -> BibField | None:
        return next((f for f in self.fields if f.name == name), None)

    def values(self) -> dict[str, str]:
        return {f.name: f.value for f in self.fields}

    @cached_property
    def title(self) -> str:
        return decode(self.get("title") or self.key)

    @cached_property
    def authors(self) -> list[str]:
        return [display_name(name) for name in split_authors(self.get("author") or "")]

    @property
    def year(self) -> str | None:
        return self.get("year")

    @cached_property
    def venue(self) -> str | None:
        venue = next((self.get(name) for name in VENUE_FIELDS if self.get(name)), None)
        if venue is None and self.arxiv:
            return "arXiv"
        return decode(venue) if venue else None

    @cached_property
    def arxiv(self) -> str | None:
        eprint = self.get("eprint")
        return arxiv_id(eprint) if eprint and is_arxiv(self.values()) else None

    @cached_property
    def doi(self) -> str | None:
        doi = self.get("doi")
        return bare_doi(doi) if doi else None


def load_papers(root: Path) -> tuple[dict[str, Paper], frozenset[str], list[Diagnostic]]:
    """Every entry of every bib/*.bib; a key seen twice (in any case) keeps its first entry.

    Also the keys of entries that failed to parse, so that what cites them is not reported a
    second time for the same broken brace."""
    papers: dict[str, Paper] = {}
    seen: dict[str, Paper] = {}
    broken: set[str] = set()
    diagnostics: list[Diagnostic] = []
    for file in sorted((root / "bib").glob("*.bib"), key=lambda p: p.name):
        path = file.relative_to(root).as_posix()
        text, found = read_text(root, path)
        diagnostics += found
        for paper in _parse(text, path, diagnostics, broken):
            first = seen.get(paper.key.lower())
            if first is not None:
                diagnostics.append(error(path, paper.line, paper.col, "duplicate-key",
                                         f"key '{paper.key}' is already used by the entry at "
                                         f"{first.path}:{first.line}; rename or remove one"))
                continue
            seen[paper.key.lower()] = paper
            papers[paper.key] = paper
    return papers, frozenset(broken - set(papers)), diagnostics


def _parse(text: str, path: str, diagnostics: list[Diagnostic], broken: set[str]) -> list[Paper]:
    library = bibtexparser.parse_string(text)
    papers = []
    for block in library.blocks:
        line = block.start_line + 1
        if isinstance(block, model.DuplicateBlockKeyBlock):
            papers.append(_paper(block.ignore_error_block, path))
        elif isinstance(block, model.DuplicateFieldKeyBlock):
            names = ", ".join(sorted(block.duplicate_keys))
            diagnostics.append(error(path, line, 1, "duplicate-field",
                                     f"entry repeats the field {names}; keep one of each"))
        elif isinstance(block, model.ParsingFailedBlock):
            diagnostics.append(error(path, line, 1, "bibtex-syntax", _syntax_message(block)))
            broken.update(_KEY_OF_BLOCK.findall(block.raw)[:1])
        elif isinstance(block, model.Entry):
            papers.append(_paper(block, path))
    return papers


def _paper(entry: model.Entry, path: str) -> Paper:
    start = entry.start_line
    fields = tuple(BibField(f.key.lower(), f.value.strip() if isinstance(f.value, str)
                            else str(f.value), (f.start_line or start) + 1)
                   for f in entry.fields)
    return Paper(entry.key, entry.entry_type.lower(), fields, entry.raw, path,
                 entry.start_line + 1)


def _syntax_message(block: model.ParsingFailedBlock) -> str:
    reason = getattr(block.error, "abort_reason", None) or str(block.error) or "unreadable entry"
    detail = " ".join(reason.split()).rstrip(".")
    return f"entry cannot be parsed ({detail}); check its braces, quotes and commas"
