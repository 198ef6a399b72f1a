"""`readinglist verify`: every arXiv id and DOI resolves, and says what the entry says.

arXiv is asked in batches through `id_list`, one request at a time, at most one every
`arxiv_interval_seconds` (3 by arXiv's terms). Crossref gets a `mailto` and its rate-limit
headers are obeyed; a DOI Crossref does not know is asked of doi.org. Replies are cached, and
`--offline` reads the cache only. The remote title, first author and year must agree with the
entry; an arXiv preprint that arXiv lists as published is reported with the venue to add.
"""

from __future__ import annotations

import difflib
import re
import urllib.parse

from ..diagnostic import Diagnostic, error, warning
from ..edit.record import Record
from ..model import KnowledgeBase, Paper
from ..text.identifiers import family_name, split_authors
from ..text.latex import decode, fold_ascii
from .client import CACHE_FILE, Client, VerifySettings, arxiv_batches
from .metadata import CSL, FetchError, crossref_url, record_from_csl

__all__ = ["CACHE_FILE", "Client", "VerifySettings", "VERIFY_CODES", "verify", "compare",
           "same_title"]

VERIFY_CODES = ("unresolved-identifier", "metadata-mismatch", "published-preprint")
ARXIV_ONLY = (None, "arXiv", "arXiv preprint")


def verify(kb: KnowledgeBase, client: Client) -> tuple[list[Diagnostic], int]:
    """Diagnostics, and how many identifiers could not be looked up (offline, uncached)."""
    found, skipped = [], 0
    with_arxiv: dict[str, list[Paper]] = {}
    for paper in kb.papers.values():
        if paper.arxiv:
            with_arxiv.setdefault(paper.arxiv, []).append(paper)
    for batch in arxiv_batches(client, list(with_arxiv)):
        if batch.failure is not None:
            raise batch.failure
        if batch.entries is None:
            skipped += len(batch.ids)
            continue
        for paper in (paper for arxiv in batch.ids for paper in with_arxiv[arxiv]):
            entry = batch.entries.get(paper.arxiv)
            if entry is None:
                found.append(_at(paper, "eprint", "unresolved-identifier",
                                 f"arXiv does not know {paper.arxiv}; check the id"))
                continue
            found += compare(paper, entry.record, "arXiv", arxiv=True)
            if (entry.journal_ref or entry.doi) and paper.venue in ARXIV_ONLY:
                found.append(_at(paper, "eprint", "published-preprint",
                                 f"arXiv lists {paper.arxiv} as published"
                                 + (f" in '{entry.journal_ref}'" if entry.journal_ref else "")
                                 + (f" (doi {entry.doi})" if entry.doi else "")
                                 + "; add the venue", severity="warning"))
    for paper in kb.papers.values():
        if paper.doi and not paper.doi.lower().startswith("10.48550/"):
            record = _doi_record(client, paper.doi)
            if record == "skipped":
                skipped += 1
            elif record is None:
                found.append(_at(paper, "doi", "unresolved-identifier",
                                 f"DOI {paper.doi} is known neither to Crossref nor to doi.org"))
            else:
                found += compare(paper, record, "the DOI's record", arxiv=False)
    client.save()
    return found, skipped


def _doi_record(client: Client, doi: str) -> Record | None | str:
    try:
        data = client.get("crossref", crossref_url(doi, client.endpoints))
        if data is None:
            return "skipped"
        return record_from_csl(data, doi, crossref=True)
    except FetchError:
        pass
    try:
        data = client.get("doi", f"{client.endpoints.doi}/{urllib.parse.quote(doi)}", CSL)
        return "skipped" if data is None else record_from_csl(data, doi, crossref=False)
    except FetchError:
        return None


def compare(paper: Paper, remote: Record, source: str, arxiv: bool) -> list[Diagnostic]:
    found = []
    if paper.get("title") and not same_title(paper.title, remote.title):
        found.append(_at(paper, "title", "metadata-mismatch",
                         f"title differs from {source}'s: '{remote.title}'"))
    authors = split_authors(paper.get("author") or "")
    if authors and remote.authors and not _same_family(family_name(authors[0]),
                                                       remote.authors[0][0]):
        found.append(_at(paper, "author", "metadata-mismatch",
                         f"first author '{family_name(authors[0])}' differs from {source}'s "
                         f"'{remote.authors[0][0]}'"))
    year, theirs = paper.year or "", remote.year
    if year.isdigit() and theirs.isdigit() and not _year_agrees(int(year), int(theirs), arxiv,
                                                                paper.venue in ARXIV_ONLY):
        found.append(_at(paper, "year", "metadata-mismatch",
                         f"year {year} differs from {source}'s {theirs}"))
    return found


def same_title(ours: str, theirs: str) -> bool:
    a, b = _words(ours), _words(theirs)
    return a == b or difflib.SequenceMatcher(None, a, b).ratio() >= 0.9


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", fold_ascii(decode(text)).lower()))


def _same_family(ours: str, theirs: str) -> bool:
    ours_words, their_last = _words(ours).split(), _words(theirs).split()[-1:]
    return bool(their_last) and (their_last[0] in ours_words or
                                 "".join(ours_words) == "".join(_words(theirs).split()))


def _year_agrees(ours: int, theirs: int, arxiv: bool, arxiv_only: bool) -> bool:
    if arxiv:   # a venue usually comes after the first arXiv version, seldom long after
        return ours == theirs if arxiv_only else theirs <= ours <= theirs + 3
    return abs(ours - theirs) <= 1   # online and print dates can straddle a new year


def _at(paper: Paper, field: str, code: str, message: str,
        severity: str = "error") -> Diagnostic:
    where = paper.field(field)
    line, col = (where.line, paper.column(where)) if where else (paper.line, paper.col)
    make = warning if severity == "warning" else error
    return make(paper.path, line, col, code, message)
