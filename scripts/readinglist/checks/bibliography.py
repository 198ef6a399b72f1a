"""Checks of the bibliography: required fields, identifiers, keys and listing."""

from __future__ import annotations

import re
from typing import Iterable

from ..diagnostic import Diagnostic, error, warning
from ..model import KnowledgeBase, Paper
from ..text.identifiers import (DOI, KEY, arxiv_id, bare_doi, expected_key, identities,
                                is_arxiv)

REQUIRED = ("title", "author", "year")
IDENTIFYING = ("doi", "eprint", "url")
# Fields through which BibTeX and biblatex copy fields from another entry.
UNSUPPORTED = {"crossref": "the entry", "xdata": "the @xdata entry"}


def check_missing_field(kb: KnowledgeBase) -> Iterable[Diagnostic]:
    for paper in kb.papers.values():
        for name in REQUIRED:
            if not paper.get(name):
                yield _at(paper, None, "missing-field", f"entry '{paper.key}' has no {name}; "
                          f"add {name} = {{...}}")


def check_missing_identifier(kb: KnowledgeBase) -> Iterable[Diagnostic]:
    for paper in kb.papers.values():
        if not any(paper.get(name) for name in IDENTIFYING):
            yield _at(paper, None, "missing-identifier", f"entry '{paper.key}' has none of "
                      f"{', '.join(IDENTIFYING)}; add the DOI, arXiv id or a landing-page url")


def check_invalid_arxiv_id(kb: KnowledgeBase) -> Iterable[Diagnostic]:
    for paper in kb.papers.values():
        field = _expanded(paper, "eprint")
        if field and is_arxiv(paper.values()) and arxiv_id(field.value) is None:
            yield _at(paper, field, "invalid-arxiv-id", f"eprint '{field.value}' is not an arXiv "
                      "id; write it as 2011.14522 or hep-th/9901001, without a URL")


def check_invalid_doi(kb: KnowledgeBase) -> Iterable[Diagnostic]:
    for paper in kb.papers.values():
        field = _expanded(paper, "doi")
        if field is None:
            continue
        doi = bare_doi(field.value)
        if not DOI.match(doi):
            yield _at(paper, field, "invalid-doi", f"doi '{field.value}' is not a DOI; a DOI "
                      "looks like 10.1016/0893-6080(89)90014-2")
        elif doi != field.value:
            yield _at(paper, field, "invalid-doi", f"doi '{field.value}' carries a resolver "
                      f"prefix; write the bare DOI {doi}")


def check_invalid_year(kb: KnowledgeBase) -> Iterable[Diagnostic]:
    for paper in kb.papers.values():
        field = _expanded(paper, "year")
        if field and not _is_year(field.value):
            yield _at(paper, field, "invalid-year", f"year '{field.value}' is not a four-digit "
                      "year; write e.g. year = {2021}")


def check_key_convention(kb: KnowledgeBase) -> Iterable[Diagnostic]:
    for paper in kb.papers.values():
        author, year, title = paper.get("author"), paper.get("year"), paper.get("title")
        # Invalid UTF-8 or a missing @string: reported already, and no ground for a key.
        undecodable = "\ufffd" in f"{author}{title}" or paper.unresolved & set(REQUIRED)
        derivable = author and title and year and _is_year(year) and not undecodable
        expected = expected_key(author, year, title) if derivable else None
        if expected and _follows(paper.key, expected):
            continue
        # A preprint published a year later keeps the key it was listed under: its arXiv year.
        first = _arxiv_year(paper.arxiv) if derivable and paper.arxiv else None
        if first and _follows(paper.key, expected_key(author, first, title)):
            continue
        if expected:
            yield _at(paper, None, "key-convention", f"key '{paper.key}' does not follow "
                      f"<family name><year><first title word>; rename it '{expected}'")
        elif expected is None and not KEY.match(paper.key):
            yield _at(paper, None, "key-convention", f"key '{paper.key}' is not lowercase "
                      "<family name><year><first title word>")


def check_duplicate_identifier(kb: KnowledgeBase) -> Iterable[Diagnostic]:
    owner: dict[tuple[str, str], Paper] = {}
    for paper in sorted(kb.papers.values(), key=lambda p: (p.path, p.line)):
        for identity in sorted(identities(paper.values())):
            first = owner.setdefault(identity, paper)
            if first is not paper:
                kind = "arXiv id" if identity[0] == "arxiv" else "DOI"
                yield _at(paper, None, "duplicate-identifier", f"entry '{paper.key}' has the "
                          f"{kind} {identity[1]} of '{first.key}' ({first.path}:{first.line}); "
                          "keep one entry and list it wherever it belongs")


def check_unlisted_paper(kb: KnowledgeBase) -> Iterable[Diagnostic]:
    if not kb.complete("taxonomy/"):
        return
    listed = {key for key, _ in kb.references()}
    for paper in kb.papers.values():
        if paper.key not in listed:
            yield warning(paper.path, paper.line, paper.col, "unlisted-paper",
                          f"paper '{paper.key}' is in no topic; list it in taxonomy/ or "
                          "remove the entry")


def check_unsupported_field(kb: KnowledgeBase) -> Iterable[Diagnostic]:
    for paper in kb.papers.values():
        for name, inherits in UNSUPPORTED.items():
            field = paper.field(name)
            if field:
                yield _at(paper, field, "unsupported-field", f"field '{name}' of "
                          f"'{paper.key}' is not supported: readinglist reads each entry on its "
                          f"own and does not inherit from {inherits} '{field.value}'; copy "
                          f"the fields this entry needs into it and remove {name}")


def _expanded(paper: Paper, name: str):
    """The field, unless its value is kept as written because a @string is missing."""
    return None if name in paper.unresolved else paper.field(name)


def _arxiv_year(arxiv: str) -> str | None:
    """2203.15556 -> 2022; hep-th/9901001 -> 1999."""
    match = re.match(r"^(?:[a-z\-]+(?:\.[A-Z]{2})?/)?(\d{2})\d{2}", arxiv)
    if not match:
        return None
    yy = int(match.group(1))
    return str(1900 + yy if yy >= 91 else 2000 + yy)


def _is_year(text: str) -> bool:
    return len(text) == 4 and text.isascii() and text.isdigit()


def _follows(key: str, expected: str) -> bool:
    """The expected key, or it with one collision suffix a-z."""
    return key == expected or (key[:-1] == expected and "a" <= key[-1] <= "z")


def _at(paper: Paper, field, code: str, message: str) -> Diagnostic:
    if field is None:
        return error(paper.path, paper.line, paper.col, code, message)
    return error(paper.path, field.line, paper.column(field), code, message)
