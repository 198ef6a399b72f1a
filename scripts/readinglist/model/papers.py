"""A paper: one BibTeX entry with its fields expanded, and what rows and pages show of it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from ..text.columns import column_after_delimiter, column_of
from ..text.identifiers import arxiv_id, bare_doi, display_name, family_name, is_arxiv, \
    split_authors
from ..text.latex import decode, decode_keeping_math

VENUE_FIELDS = ("journal", "booktitle", "howpublished")
VENUE_KINDS = ("journal", "conference", "preprint", "other")
_CONFERENCE_TYPES = frozenset({"inproceedings", "conference", "proceedings"})
_PREPRINT_SERVER = re.compile(r"\b(?:arxiv|biorxiv|medrxiv|chemrxiv|ssrn|preprint)\b", re.I)


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
    unresolved: frozenset[str] = frozenset()   # fields kept as written: a @string is missing

    @property
    def col(self) -> int:
        """Column of the key on the entry's first line (computed only for a diagnostic)."""
        return column_after_delimiter(self.raw, self.key)

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

    # Decoded once: every row, card and citation of the paper shows them.
    @cached_property
    def title(self) -> str:
        return decode(self.get("title") or self.key)

    @cached_property
    def authors(self) -> list[str]:
        return list(self._authors)

    @cached_property
    def _authors(self) -> tuple[str, ...]:
        return tuple(display_name(name) for name in split_authors(self.get("author") or ""))

    @cached_property
    def first_family(self) -> str | None:
        """The first author's family name as text ('Müller'), None without authors."""
        authors = split_authors(self.get("author") or "")
        return decode(family_name(authors[0])) if authors else None

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
    def venue_kind(self) -> str:
        """One of VENUE_KINDS: a conference's proceedings, a journal, a preprint (arXiv or
        another server only), or other (theses, chapters, notes, blogs and threads)."""
        venue = next((self.get(name) for name in VENUE_FIELDS if self.get(name)), None)
        if venue and _PREPRINT_SERVER.search(venue) or not venue and self.arxiv:
            return "preprint"
        if self.entry_type in _CONFERENCE_TYPES:
            return "conference"
        return "journal" if self.entry_type == "article" and venue else "other"

    @cached_property
    def arxiv(self) -> str | None:
        eprint = self.get("eprint")
        return arxiv_id(eprint) if eprint and is_arxiv(self.values()) else None

    @cached_property
    def doi(self) -> str | None:
        doi = self.get("doi")
        return bare_doi(doi) if doi else None

    @property
    def abstract(self) -> str | None:
        """The abstract as text, its math left as written for KaTeX; None when there is none."""
        text = decode_keeping_math(self.get("abstract") or "")
        return text or None

