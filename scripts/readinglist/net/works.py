"""An OpenAlex work as `discover` reads it, and the BibTeX record written from it.

Only what the API gives is kept: no field is filled in by guess. Titles, names, venues and
abstracts arrive with publishers' markup (`<i>`, `<sub>`, worse); they become text here.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ..edit.record import Record, abstract_value
from ..text.identifiers import arxiv_id, doi_key
from ..text.latex import decode, fold_ascii

ARXIV_DOI = "10.48550/arxiv."
_MARKUP = re.compile(r"</?[A-Za-z!?][^<>]*>")
_ARXIV_PAGE = re.compile(r"^https?://(?:www\.)?arxiv\.org/(?:abs|pdf)/([^?#]+?)(?:\.pdf)?/?$",
                         re.I)
_WORK_ID = re.compile(r"W[0-9]+$")
VENUE_TYPES = {"journal": ("article", "journal"), "conference": ("inproceedings", "booktitle")}


@dataclass(frozen=True)
class Work:
    openalex: str                            # W123...
    title: str                               # text, "" when OpenAlex has none
    authors: tuple[tuple[str, str], ...]     # (family, given) in order
    year: str | None
    published: str | None                    # ISO date
    doi: str | None                          # lowercase, not arXiv's own DOI
    arxiv: str | None                        # version-free
    venue: str | None
    venue_type: str | None                   # journal, conference, repository, ...
    cites: tuple[str, ...]                   # the W ids of its references
    abstract: str | None
    retracted: bool

    def family(self) -> str:
        return self.authors[0][0] if self.authors else ""


def work_id(value) -> str | None:
    """'https://openalex.org/W123' or 'W123' -> 'W123'."""
    match = _WORK_ID.search(str(value or ""))
    return match.group(0) if match else None


def read_work(raw: dict) -> Work | None:
    """A work from one result of a list reply; None without a readable id."""
    openalex = work_id(raw.get("id"))
    if openalex is None:
        return None
    doi = doi_key(str(raw.get("doi") or "")) if raw.get("doi") else None
    arxiv = _arxiv(raw, doi)
    source = ((raw.get("primary_location") or {}).get("source") or {})
    year = raw.get("publication_year")
    return Work(
        openalex=openalex, title=text_of(raw.get("display_name")),
        authors=tuple(a for a in map(_author, raw.get("authorships") or []) if a[0]),
        year=str(year) if isinstance(year, int) else None,
        published=_date(raw.get("publication_date")),
        doi=None if doi and doi.startswith(ARXIV_DOI) else doi, arxiv=arxiv,
        venue=text_of(source.get("display_name")) or None,
        venue_type=source.get("type") if isinstance(source.get("type"), str) else None,
        cites=tuple(filter(None, map(work_id, raw.get("referenced_works") or []))),
        abstract=rebuild_abstract(raw.get("abstract_inverted_index")),
        retracted=raw.get("is_retracted") is True)


def text_of(value) -> str:
    """Markup dropped, character references decoded, spaces folded."""
    if not isinstance(value, str):
        return ""
    return " ".join(html.unescape(_MARKUP.sub(" ", value)).split())


def rebuild_abstract(index) -> str | None:
    """The text of OpenAlex's inverted index ({word: [positions]}), as text."""
    if not isinstance(index, dict):
        return None
    placed = {}
    for word, positions in index.items():
        for at in positions if isinstance(positions, list) else []:
            if isinstance(at, int) and 0 <= at < 100_000:
                placed[at] = str(word)
    return text_of(" ".join(placed[at] for at in sorted(placed))) or None


def to_record(work: Work) -> tuple[Record, str]:
    """The BibTeX record of a work, and why its abstract was left out ("" when it was not)."""
    entry_type, venue_field = VENUE_TYPES.get(work.venue_type or "", ("misc", "howpublished"))
    extra = []
    if work.venue and not (work.arxiv and work.venue_type == "repository"):
        extra.append((venue_field, work.venue))
    if work.doi:
        extra.append(("doi", work.doi))
    if work.arxiv:
        extra += [("eprint", work.arxiv), ("archiveprefix", "arXiv")]
    if not work.doi and not work.arxiv:
        extra.append(("url", f"https://openalex.org/{work.openalex}"))
    problem = ""
    if work.abstract:
        value, problem = abstract_value(work.abstract)
        extra += [("abstract", value)] if value else []
    return Record(entry_type, work.title, work.authors, work.year or "", tuple(extra)), problem


def title_key(title: str) -> str:
    """A title as compared across versions: folded to lowercase ASCII words."""
    return " ".join(re.findall(r"[a-z0-9]+", fold_ascii(decode(title)).lower()))


def _arxiv(raw: dict, doi: str | None) -> str | None:
    if doi and doi.startswith(ARXIV_DOI):
        return arxiv_id(doi.removeprefix(ARXIV_DOI))
    for location in raw.get("locations") or []:
        page = (location or {}).get("landing_page_url") if isinstance(location, dict) else None
        match = _ARXIV_PAGE.match(str(page or ""))
        if match and arxiv_id(match.group(1)):
            return arxiv_id(match.group(1))
    return None


def _author(authorship) -> tuple[str, str]:
    author = (authorship or {}).get("author") if isinstance(authorship, dict) else None
    parts = text_of((author or {}).get("display_name")).split()
    return (parts[-1], " ".join(parts[:-1])) if parts else ("", "")


def _date(value) -> str | None:
    return value if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) \
        else None
