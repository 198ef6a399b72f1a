"""A paper's metadata as fetched from arXiv or Crossref, and its BibTeX entry."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..checks.abstracts import abstract_problems
from ..text.identifiers import expected_key, free_key
from ..text.prose import tags_outside_math
from .canonical_bib import Field, format_entry



@dataclass(frozen=True)
class Record:
    entry_type: str                          # article, inproceedings, incollection, misc
    title: str
    authors: tuple[tuple[str, str], ...]     # (family, given), in order
    year: str
    extra: tuple[tuple[str, str], ...] = ()  # journal, booktitle, volume, pages, eprint, doi, ...

    @property
    def author_field(self) -> str:
        return " and ".join(f"{family}, {given}" if given else family
                            for family, given in self.authors)

    def get(self, name: str) -> str | None:
        return next((value for key, value in self.extra if key == name), None)


def key_for(record: Record, taken: set[str]) -> str:
    """The conventional key, suffixed a, b, ... when another paper has it (taken: lowercase)."""
    return free_key(expected_key(record.author_field, record.year, record.title) or "anonymous",
                    taken)


def to_entry(key: str, record: Record) -> str:
    fields = [Field("title", field_text(record.title)),
              Field("author", field_text(record.author_field)), Field("year", record.year)]
    fields += [Field(name, field_text(value)) for name, value in record.extra if value]
    return format_entry(record.entry_type, key, fields)


def field_text(text: str) -> str:
    """A fetched value as a BibTeX field: a '<' that would start a tag outside math written
    \\textless{}, as `check` (markup-in-field) asks, so that the value stays text."""
    text = bibtex_text(text)
    for offset in reversed(tags_outside_math(text)):
        text = f"{text[:offset]}\\textless{{}}{text[offset + 1:]}"
    return text


def bibtex_text(text: str) -> str:
    """Plain text made safe inside BibTeX braces: specials escaped, braces balanced."""
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"(?<!\\)([&%#])", r"\\\1", text)
    depth, kept = 0, []
    for char in text:
        if char == "{":
            depth += 1
        elif char == "}":
            if depth == 0:
                continue
            depth -= 1
        kept.append(char)
    return "".join(kept) + "}" * depth


def abstract_value(text: str) -> tuple[str, str]:
    """An abstract as fetched (arXiv's, CC0) as a BibTeX value, normalised like the other fields,
    and why it cannot be stored ("" when it can): markup, unclosed math or a runaway length
    would fail `check`, so such an abstract is reported and left out."""
    value = bibtex_text(text)
    problems = abstract_problems(value)
    return (value, "") if not problems else ("", problems[0].message)
