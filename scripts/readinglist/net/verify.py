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
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from ..diagnostic import Diagnostic, error, warning
from ..edit.record import Record
from ..loaders.bibliography import Paper
from ..loaders.identifiers import family_name, split_authors
from ..loaders.knowledge import KnowledgeBase
from ..loaders.latex import decode, fold_ascii
from .cache import read_cache, write_cache
from .metadata import (CSL, Endpoints, FetchError, arxiv_query, crossref_url, get_with_headers,
                       parse_arxiv_feed, record_from_csl)

CACHE_FILE = ".cache/readinglist/verify.json"
VERIFY_CODES = ("unresolved-identifier", "metadata-mismatch", "published-preprint")
ARXIV_ONLY = (None, "arXiv", "arXiv preprint")


@dataclass(frozen=True)
class VerifySettings:
    arxiv_interval_seconds: float = 3.0
    arxiv_batch_size: int = 100
    mailto: str | None = None    # given to Crossref, so it can reach whoever runs this
    offline: bool = False


class Client:
    """Fetches with a response cache, keeping each service's pace."""

    def __init__(self, endpoints: Endpoints, settings: VerifySettings, cache_path: Path | None):
        self.endpoints, self.settings, self.cache_path = endpoints, settings, cache_path
        self.cache: dict[str, str] = read_cache(cache_path)
        self.next_allowed = {"arxiv": 0.0, "crossref": 0.0, "doi": 0.0}
        self.crossref_interval = 0.0

    def get(self, service: str, url: str, accept: str = "*/*") -> bytes | None:
        """The reply, from the cache or the service; None offline when nothing is cached."""
        if url in self.cache:
            return self.cache[url].encode("utf-8")
        if self.settings.offline:
            return None
        wait = self.next_allowed[service] - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        try:
            data, headers = get_with_headers(url, self.endpoints, accept)
            if service == "crossref":
                self.crossref_interval = _crossref_interval(headers)
        finally:
            self.next_allowed[service] = time.monotonic() + self._interval(service)
        self.cache[url] = data.decode("utf-8", "replace")
        return data

    def _interval(self, service: str) -> float:
        if service == "arxiv":
            return self.settings.arxiv_interval_seconds
        return self.crossref_interval if service == "crossref" else 0.0

    def save(self) -> None:
        write_cache(self.cache_path, self.cache)


def _crossref_interval(headers: dict) -> float:
    """Crossref says how many requests per interval it allows: X-Rate-Limit-Limit: 50 and
    X-Rate-Limit-Interval: 1s make one request every 20 ms."""
    lowered = {name.lower(): value for name, value in headers.items()}
    limit = lowered.get("x-rate-limit-limit", "")
    interval = re.fullmatch(r"(\d+(?:\.\d+)?)s", lowered.get("x-rate-limit-interval", ""))
    if limit.isdigit() and int(limit) > 0 and interval:
        return float(interval.group(1)) / int(limit)
    return 0.0


def verify(kb: KnowledgeBase, client: Client) -> tuple[list[Diagnostic], int]:
    """Diagnostics, and how many identifiers could not be looked up (offline, uncached)."""
    found, skipped = [], 0
    with_arxiv = [p for p in kb.papers.values() if p.arxiv]
    size = max(1, client.settings.arxiv_batch_size)
    for start in range(0, len(with_arxiv), size):
        batch = with_arxiv[start:start + size]
        data = client.get("arxiv", arxiv_query([p.arxiv for p in batch], client.endpoints))
        if data is None:
            skipped += len(batch)
            continue
        entries = parse_arxiv_feed(data)
        for paper in batch:
            entry = entries.get(paper.arxiv)
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
    if paper.get("title") and not _same_title(paper.title, remote.title):
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


def _same_title(ours: str, theirs: str) -> bool:
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
