"""Fetching metadata: the arXiv API, Crossref, and doi.org content negotiation.

Base URLs come from the environment (READINGLIST_ARXIV_API, READINGLIST_CROSSREF_API,
READINGLIST_DOI_RESOLVER) so tests and mirrors can point them elsewhere.
"""

from __future__ import annotations

import html
import json
import os
import re
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass

from ..edit.add import NewPaper, parse_identifier, refuse_known
from ..edit.record import Record, abstract_value, key_for, to_entry
from ..model import KnowledgeBase
from ..text.identifiers import arxiv_id, identities

CSL = "application/vnd.citationstyles.csl+json"
ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
TIMEOUT = 30
_MARKUP = re.compile(r"</?[A-Za-z][^<>]*>")
CSL_TYPES = {"journal-article": "article", "article-journal": "article",
             "proceedings-article": "inproceedings", "paper-conference": "inproceedings",
             "book-chapter": "incollection", "chapter": "incollection"}


class FetchError(RuntimeError):
    """The service could not be reached, or does not know the identifier."""

    def __init__(self, message: str, transient: bool = False):
        super().__init__(message)
        self.transient = transient   # a 429, a 5xx, a timeout: worth asking again later


@dataclass(frozen=True)
class Endpoints:
    arxiv: str = "https://export.arxiv.org/api/query"
    crossref: str = "https://api.crossref.org"
    doi: str = "https://doi.org"
    mailto: str | None = None

    @classmethod
    def from_env(cls) -> "Endpoints":
        env = os.environ
        return cls(arxiv=env.get("READINGLIST_ARXIV_API", cls.arxiv),
                   crossref=env.get("READINGLIST_CROSSREF_API", cls.crossref),
                   doi=env.get("READINGLIST_DOI_RESOLVER", cls.doi),
                   mailto=env.get("READINGLIST_MAILTO"))


@dataclass(frozen=True)
class ArxivEntry:
    record: Record
    journal_ref: str     # where arXiv says the paper was published, if anywhere
    doi: str
    abstract: str = ""           # as a BibTeX value, when it can be stored
    abstract_problem: str = ""   # why it cannot, when it cannot


def arxiv_query(ids: list[str], endpoints: Endpoints) -> str:
    query = urllib.parse.urlencode({"id_list": ",".join(ids), "max_results": len(ids)})
    return f"{endpoints.arxiv}?{query}"


def parse_arxiv_feed(data: bytes) -> dict[str, ArxivEntry]:
    """The entries of an arXiv API reply by version-free id. arXiv reports errors with HTTP
    200: an entry titled "Error" (raised here), or no entry for an id it does not know."""
    try:
        feed = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise FetchError(f"arXiv sent an unreadable reply ({exc})") from None
    found = {}
    for entry in feed.findall(f"{ATOM}entry"):
        if _text(entry, "title") == "Error":
            raise FetchError(f"arXiv answered with an error: {_text(entry, 'summary')}")
        arxiv = arxiv_id(_text(entry, "id").rsplit("/abs/", 1)[-1])
        if arxiv and _text(entry, "title"):
            found[arxiv] = _arxiv_entry(entry, arxiv)
    return found


def _arxiv_entry(entry, arxiv: str) -> ArxivEntry:
    names = [_text(a, "name") for a in entry.findall(f"{ATOM}author")]
    category = entry.find(f"{ARXIV}primary_category")
    # arXiv's metadata, abstracts included, is CC0: the abstract may be stored. Crossref's
    # abstracts are never taken: their licences vary.
    abstract, problem = abstract_value(_text(entry, "summary"))
    extra = [("howpublished", "arXiv preprint"), ("eprint", arxiv), ("archiveprefix", "arXiv"),
             ("primaryclass", category.get("term") if category is not None else ""),
             ("doi", _text(entry, "doi", ARXIV)), ("abstract", abstract)]
    record = Record("misc", _text(entry, "title"), tuple(_split_name(n) for n in names),
                    _text(entry, "published")[:4], tuple(extra))
    return ArxivEntry(record, _text(entry, "journal_ref", ARXIV), _text(entry, "doi", ARXIV),
                      abstract, problem)


def fetch_arxiv(arxiv: str, endpoints: Endpoints) -> ArxivEntry:
    found = parse_arxiv_feed(_get(arxiv_query([arxiv], endpoints), endpoints))
    if arxiv not in found:
        raise FetchError(f"arXiv does not know {arxiv}: no such paper")
    return found[arxiv]


def crossref_url(doi: str, endpoints: Endpoints) -> str:
    params = f"?mailto={urllib.parse.quote(endpoints.mailto)}" if endpoints.mailto else ""
    return f"{endpoints.crossref}/works/{urllib.parse.quote(doi)}{params}"


def record_from_csl(data: bytes, doi: str, crossref: bool) -> Record:
    """A Crossref reply ({"message": ...}) or doi.org's CSL JSON as a Record."""
    message = _json(data)
    if crossref:
        message = message.get("message") if isinstance(message, dict) else None
    if not isinstance(message, dict) or not message.get("title"):
        raise FetchError(f"no metadata found for DOI {doi}")
    return _from_csl(message, doi)


def fetch_doi(doi: str, endpoints: Endpoints) -> Record:
    """Crossref first; a DOI Crossref does not know is asked of doi.org (DataCite and others)."""
    try:
        return record_from_csl(_get(crossref_url(doi, endpoints), endpoints), doi, True)
    except FetchError:
        return record_from_csl(_get(f"{endpoints.doi}/{urllib.parse.quote(doi)}", endpoints,
                                    accept=CSL), doi, False)


def fetch_new(kb: KnowledgeBase, identifier: str, endpoints: Endpoints) -> list[NewPaper]:
    """The paper an arXiv id or DOI names, keyed and formatted for `add`."""
    kind, value = parse_identifier(identifier)
    refuse_known(kb, {(kind, value.lower() if kind == "doi" else value)})
    entry = fetch_arxiv(value, endpoints) if kind == "arxiv" else None
    record = entry.record if entry else fetch_doi(value, endpoints)
    refuse_known(kb, identities(dict(record.extra)))
    key = key_for(record, {key.lower() for key in kb.papers})
    left_out = (f"arXiv's abstract was left out: {entry.abstract_problem}",) \
        if entry and entry.abstract_problem else ()
    return [NewPaper(key, to_entry(key, record), record.title, left_out)]


def _json(data: bytes):
    try:
        return json.loads(data)
    except ValueError as exc:
        raise FetchError(f"unreadable JSON reply ({exc})") from None


def _from_csl(item: dict, doi: str) -> Record:
    entry_type = CSL_TYPES.get(item.get("type", ""), "misc")
    venue_field = {"article": "journal", "inproceedings": "booktitle",
                   "incollection": "booktitle"}.get(entry_type, "howpublished")
    authors = tuple((a.get("family") or a.get("name", ""), a.get("given", ""))
                    for a in item.get("author", []))
    issued = (item.get("issued") or item.get("published") or {}).get("date-parts") or [[""]]
    extra = [(venue_field, _csl_text(item.get("container-title"))),
             ("volume", str(item.get("volume", ""))), ("number", str(item.get("issue", ""))),
             ("pages", str(item.get("page", "")).replace("-", "--")),
             ("publisher", item.get("publisher", "")), ("doi", item.get("DOI", doi))]
    return Record(entry_type, _csl_text(item.get("title")), authors, str(issued[0][0] or ""),
                  tuple(extra))


def _get(url: str, endpoints: Endpoints, accept: str = "*/*") -> bytes:
    return get_with_headers(url, endpoints, accept)[0]


def get_with_headers(url: str, endpoints: Endpoints, accept: str = "*/*") -> tuple[bytes, dict]:
    agent = "readinglist/0.1" + (f" (mailto:{endpoints.mailto})" if endpoints.mailto else "")
    request = urllib.request.Request(url, headers={"User-Agent": agent, "Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return response.read(), dict(response.headers)
    except urllib.error.HTTPError as exc:
        raise FetchError(f"{url} answered HTTP {exc.code}",
                         transient=exc.code == 429 or exc.code >= 500) from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise FetchError(f"{url} could not be reached ({getattr(exc, 'reason', exc)})",
                         transient=True) from None


def _text(element, name: str, namespace: str = ATOM) -> str:
    found = element.find(f"{namespace}{name}")
    return " ".join((found.text or "").split()) if found is not None else ""


def _first(value) -> str:
    if isinstance(value, list):
        return value[0] if value else ""
    return value or ""


def _csl_text(value) -> str:
    """A Crossref or CSL title as text: the JATS and HTML markup publishers put in titles
    (`<i>`, `<sub>`, `<scp>`, `<mml:math>`) dropped and their character references decoded."""
    return html.unescape(_MARKUP.sub("", _first(value)))


def _split_name(name: str) -> tuple[str, str]:
    parts = name.split()
    return (parts[-1], " ".join(parts[:-1])) if parts else ("", "")
