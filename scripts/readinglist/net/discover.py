"""`readinglist discover`: what the citation graph proposes for the map, from OpenAlex.

Requests, for L listed papers with D identifiers (a DOI, and an arXiv id asked as the DOI
10.48550/arXiv.<id>), F new works citing them and C works two of them cite:
ceil(D/100) to resolve the list, one per page of new citing works over ceil(W/100) OR-filters
of the W resolved works (ceil(F_b/100) pages each, at least one), and ceil(C/100) to read the
works they cite (their references come with the resolved works: no request per paper).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Callable, Iterable, Iterator

from ..edit.record import key_for, to_entry
from ..model import KnowledgeBase
from .client import Client, arxiv_batches
from .graph import Candidate, TopicIndex, known_identities, map_order, merge_versions, \
    topic_keys
from .openalex import MAX_VALUES, OpenAlex
from .works import ARXIV_DOI, Work, read_work, to_record


@dataclass(frozen=True)
class Found:
    """A new proposal: the work, its key and entry, where it belongs and why."""

    key: str
    work: Work
    kind: str
    connects: tuple[str, ...]
    topic: str
    todos: tuple[str, ...]
    entry: str
    remarks: tuple[str, ...] = ()

    @property
    def score(self) -> int:
        return len(self.connects)


@dataclass(frozen=True)
class Discovery:
    found: list[Found]                 # new proposals, best first
    since: str                         # new works were looked for from this day on
    unresolved: tuple[str, ...]        # listed papers OpenAlex did not find
    left_out: dict[str, int]           # why works were not proposed, and how many


def since_day(kb: KnowledgeBase, today: date, since: str | None, first_run_days: int) -> str:
    """--since, else the day of the last run that changed the proposals, else a year ago."""
    return since or kb.proposals.checked or (today - timedelta(days=first_run_days)).isoformat()


def discover(kb: KnowledgeBase, openalex: OpenAlex, arxiv: Client | None, since: str,
             progress: Callable[[str], None] = lambda _: None) -> Discovery:
    order = map_order(kb)
    progress(f"resolving {len(order)} listed papers")
    listed, unresolved = _resolve(kb, openalex, list(order))
    minimum = openalex.settings.min_connections
    progress(f"new works citing {len(listed)} listed works since {since}")
    forward = [Candidate(w, "cites-list", _ordered(connects, order))
               for w, connects in _citing(openalex, listed, since) if len(connects) >= minimum]
    cited_by: dict[str, set[str]] = {}
    for key, cites in _references(listed).items():
        for w in cites:
            cited_by.setdefault(w, set()).add(key)
    wanted = sorted(w for w, keys in cited_by.items() if len(keys) >= minimum
                    and w not in listed)
    progress(f"reading {len(wanted)} works that listed papers cite")
    backward = [Candidate(work, "cited-by-list", _ordered(cited_by.get(work.openalex, ()), order))
                for work in _by_id(openalex, wanted)]
    kept, left_out = _keep(kb, forward + backward)
    found = _place(kb, merge_versions(kept), arxiv, left_out)
    return Discovery(found, since, tuple(unresolved), left_out)


def _resolve(kb: KnowledgeBase, openalex: OpenAlex,
             keys: list[str]) -> tuple[dict[str, tuple[str, Work]], list[str]]:
    """{W id: (listed key, work)} for every listed paper OpenAlex knows, and those it does not."""
    by_doi: dict[str, str] = {}
    for key in keys:
        paper = kb.papers.get(key)
        for doi in _dois(paper) if paper else ():
            by_doi.setdefault(doi, key)
    listed: dict[str, tuple[str, Work]] = {}
    for batch in _batches(list(by_doi), openalex):
        for work in _read(openalex.works("doi:" + "|".join(batch))):
            doi = work.doi or (f"{ARXIV_DOI}{work.arxiv}" if work.arxiv else None)
            if doi in by_doi:
                listed[work.openalex] = (by_doi[doi], work)
    found = {key for key, _ in listed.values()}
    return listed, [key for key in keys if key in kb.papers and key not in found]


def _dois(paper) -> list[str]:
    dois = [paper.doi.lower()] if paper.doi and "|" not in paper.doi and "," not in paper.doi \
        else []
    return dois + ([f"{ARXIV_DOI}{paper.arxiv.lower()}"] if paper.arxiv else [])


def _citing(openalex: OpenAlex, listed: dict[str, tuple[str, Work]],
            since: str) -> Iterator[tuple[Work, set[str]]]:
    seen: set[str] = set()
    for batch in _batches(sorted(listed), openalex):
        filters = f"cites:{'|'.join(batch)},from_publication_date:{since}"
        for work in _read(openalex.works(filters)):
            if work.openalex not in seen and work.openalex not in listed:
                seen.add(work.openalex)
                yield work, {listed[w][0] for w in work.cites if w in listed}


def _references(listed: dict[str, tuple[str, Work]]) -> dict[str, set[str]]:
    """Each listed key's references, over all its versions."""
    refs: dict[str, set[str]] = {}
    for key, work in listed.values():
        refs.setdefault(key, set()).update(work.cites)
    return refs


def _by_id(openalex: OpenAlex, ids: list[str]) -> Iterator[Work]:
    for batch in _batches(ids, openalex):
        yield from _read(openalex.works("openalex:" + "|".join(batch)))


def _keep(kb: KnowledgeBase, candidates: list[Candidate]) -> tuple[list[Candidate], dict]:
    """The candidates that may be proposed, and how many were left out for what."""
    known, kept, left_out = known_identities(kb), [], Counter()
    for candidate in candidates:
        work = candidate.work
        why = ("already listed, proposed or rejected" if known.find(work) is not None else
               "retracted" if work.retracted else "without a title" if not work.title else
               "without authors or a year (a BibTeX entry needs both)"
               if not work.authors or not work.year else None)
        if why:
            left_out[why] += 1
        else:
            kept.append(candidate)
    return kept, dict(left_out)


def _place(kb: KnowledgeBase, candidates: list[Candidate], arxiv: Client | None,
           left_out: dict[str, int]) -> list[Found]:
    confirmed = _confirmed_arxiv(arxiv, [c.work.arxiv for c in candidates if c.work.arxiv])
    taken = {key.lower() for key in (*kb.papers, *kb.broken_keys)}
    places, found = TopicIndex(topic_keys(kb)), []
    ranked = sorted(candidates, key=lambda c: (-len(c.connects), _newest(c.work),
                                               c.work.openalex))
    for candidate in ranked:
        work, remarks = candidate.work, []
        if work.arxiv and work.arxiv not in confirmed:
            remarks.append(f"arXiv id {work.arxiv} left out: arXiv did not confirm it")
            work = replace(work, arxiv=None)
        record, problem = to_record(work)
        remarks += [f"abstract left out: {problem}"] if problem else []
        try:
            key = key_for(record, taken)
        except ValueError:   # 27 papers have its key already: a curator's call
            left_out["without a free key"] = left_out.get("without a free key", 0) + 1
            continue
        taken.add(key)
        topic = places.best(candidate.connects)
        found.append(Found(key, work, candidate.kind, candidate.connects, topic,
                           tuple(p.item.text for p in kb.todos_at(topic, candidate.connects)),
                           to_entry(key, record),
                           tuple(remarks)))
    return found


def _confirmed_arxiv(arxiv: Client | None, ids: list[str]) -> set[str]:
    if arxiv is None or not ids:
        return set()
    confirmed = set()
    for batch in arxiv_batches(arxiv, sorted(set(ids))):
        confirmed |= set(batch.entries or {})
    arxiv.save()
    return confirmed


def _newest(work: Work) -> str:
    """A sort key putting the newest publication first."""
    published = work.published or f"{work.year or '0000'}-00-00"
    return "".join(chr(0x10FFFF - ord(c)) for c in published)


def _ordered(keys: Iterable[str], order: dict[str, int]) -> tuple[str, ...]:
    return tuple(sorted(set(keys), key=lambda key: order.get(key, len(order))))


def _read(raws: Iterable[dict]) -> Iterator[Work]:
    return (work for work in map(read_work, raws) if work is not None)


def _batches(values: list[str], openalex: OpenAlex) -> Iterator[list[str]]:
    size = max(1, min(openalex.settings.batch_size, MAX_VALUES))
    for start in range(0, len(values), size):
        yield values[start:start + size]
