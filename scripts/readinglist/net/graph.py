"""What `discover` decides from the works it fetched, without the network: which works are
already known, which are two versions of one paper, and where a proposal belongs."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..model import KnowledgeBase, walk_topics
from ..text.identifiers import identities
from ..text.latex import decode, fold_ascii
from .works import Work, title_key


@dataclass(frozen=True)
class Candidate:
    """A work connected to the list, before it is given a key and a topic."""

    work: Work
    kind: str                     # cites-list or cited-by-list
    connects: tuple[str, ...]     # listed keys, in map order


class Identities:
    """Every way a paper can be recognised: OpenAlex id, DOI, arXiv id, and its normalised title
    with the first author's family name (the year may differ by one: preprint and print). Each
    identity points to what it identifies (its owner)."""

    def __init__(self):
        self.ids: dict[tuple[str, str], object] = {}
        self.titles: dict[tuple[str, str], list[tuple[int | None, object]]] = {}

    def add(self, owner: object = True, *, openalex=None, doi=None, arxiv=None, title=None,
            family=None, year=None, ids=frozenset()) -> None:
        """ids: more (kind, id) pairs, as text.identifiers.identities reads them."""
        for kind, value in (("openalex", openalex), ("doi", doi), ("arxiv", arxiv), *ids):
            if value:
                self.ids.setdefault((kind, value.lower()), owner)
        if title and title_key(title):
            self.titles.setdefault((title_key(title), _family_key(family)), []).append(
                (int(year) if str(year or "").isdigit() else None, owner))

    def add_work(self, work: Work, owner: object = True) -> None:
        self.add(owner, openalex=work.openalex, doi=work.doi, arxiv=work.arxiv,
                 title=work.title, family=work.family(), year=work.year)

    def find(self, work: Work) -> object | None:
        """The owner of any identity the work shares, or None."""
        for kind, value in (("openalex", work.openalex), ("doi", work.doi),
                            ("arxiv", work.arxiv)):
            if value and (kind, value.lower()) in self.ids:
                return self.ids[kind, value.lower()]
        year = int(work.year) if work.year else None
        for other, owner in self.titles.get((title_key(work.title),
                                              _family_key(work.family())), []):
            if other is None or year is None or abs(other - year) <= 1:
                return owner
        return None


def known_identities(kb: KnowledgeBase) -> Identities:
    """Every paper in bib/ (listed, suggested, proposed or not), every pending proposal's work,
    and every rejected work."""
    known = Identities()
    for paper in kb.papers.values():
        # As `check` and `add` tell two entries apart: an arXiv DOI or an arXiv or doi.org
        # address is the arXiv id or DOI it names.
        known.add(doi=paper.doi, arxiv=paper.arxiv, ids=identities(paper.values()),
                  title=paper.title, family=paper.first_family, year=paper.year)
    for proposal in kb.proposals.proposals:
        known.add(openalex=proposal.openalex)
    for rejection in kb.proposals.rejected:
        known.add(openalex=rejection.openalex, doi=rejection.doi, arxiv=rejection.arxiv,
                  title=rejection.title, family=rejection.author, year=rejection.year)
    return known


def merge_versions(candidates: list[Candidate]) -> list[Candidate]:
    """A preprint and its published version proposed once: the published one, carrying the
    preprint's arXiv id, with the connections of both."""
    merged: list[Candidate] = []
    index = Identities()
    for candidate in candidates:
        at = index.find(candidate.work)
        if at is None:
            at = len(merged)
            merged.append(candidate)
        else:
            merged[at] = _combine(merged[at], candidate)
        index.add_work(candidate.work, at)
    return merged


def _combine(one: Candidate, other: Candidate) -> Candidate:
    first, second = sorted((one, other), key=lambda c: c.work.venue_type == "repository")
    work = first.work if first.work.arxiv else replace(first.work,
                                                       arxiv=second.work.arxiv)
    connects = tuple(dict.fromkeys(first.connects + second.connects))
    kind = max((one, other), key=lambda c: len(c.connects)).kind
    return Candidate(work, kind, connects)


def map_order(kb: KnowledgeBase) -> dict[str, int]:
    """Each paper the map places, by where it first appears (items, candidates, suggestions)."""
    order: dict[str, int] = {}
    for keys in topic_keys(kb).values():
        for key in keys:
            order.setdefault(key, len(order))
    return order


def topic_keys(kb: KnowledgeBase) -> dict[str, list[str]]:
    """Each topic's own papers (items, to-do candidates, suggestions), topics in map order."""
    found = {}
    for section in kb.sections:
        for topic, trail in walk_topics(section.topics):
            path = section.path_to(trail + (topic,))
            keys = [key for item in topic.items for key in (item.key, *item.candidates) if key]
            found[path] = list(dict.fromkeys(keys + list(topic.suggestions)))
    return found


class TopicIndex:
    """Where a work belongs: the topic whose papers it connects to most (the first in taxonomy
    order on a tie), found through each paper's topics rather than a pass over all topics."""

    def __init__(self, topics: dict[str, list[str]]):
        self.order = {path: rank for rank, path in enumerate(topics)}
        self.of_key: dict[str, list[str]] = {}
        for path, keys in topics.items():
            for key in keys:
                self.of_key.setdefault(key, []).append(path)

    def best(self, connects: tuple[str, ...]) -> str:
        counts: dict[str, int] = {}
        for key in set(connects):
            for path in self.of_key.get(key, ()):
                counts[path] = counts.get(path, 0) + 1
        return max(counts, key=lambda path: (counts[path], -self.order[path])) if counts \
            else next(iter(self.order))


def _family_key(family: str | None) -> str:
    return re.sub(r"[^a-z]", "", fold_ascii(decode(family or "")).lower())
