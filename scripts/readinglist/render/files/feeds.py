"""The feeds: feed.xml (Atom 1.0, written by feedgen) and feed.json (JSON Feed 1.1).

One entry per commit and paper: a note added, a note whose text changed, a paper marked read
(when one commit does several to one paper, the entry says all of them); and one per proposal
from the citation graph, dated the day it was found and labelled a proposal. Newest first, at
most FEED_SIZE. Ids are derived from the commit and the key, so they stay the same from build to
build and whether or not the site's address is known. Without that address, links are relative
to the feed, which sits at the root of the site: valid in both formats, and resolved by readers
against the feed's own URL.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone

from ...model import KnowledgeBase, PaperEvent, Proposal
from ..fragments.annotations import oneline_plain
from ..fragments.proposals import LABEL, why_plain
from ..markup import cite_label

FEED_SIZE = 50
ATOM, JSON_FEED = "feed.xml", "feed.json"
KIND_LABELS = {"note-added": "New note", "note-changed": "Note revised", "read": "Read"}
PROPOSED = "proposed"
LABELS = {**KIND_LABELS, PROPOSED: LABEL}
DESCRIPTION = "New notes, papers read and proposals from the citation graph"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "readinglist:feed")
# Characters XML 1.0 cannot carry, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Site:
    """What the feeds say about the site: its name and address (None when unknown)."""

    title: str
    url: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class Entry:
    id: str
    key: str
    kinds: tuple[str, ...]
    title: str
    date: str           # ISO 8601 with offset: the commit's date
    link: str
    summary: str


def feeds(kb: KnowledgeBase, site: Site) -> dict[str, str]:
    chosen = entries(kb, site)
    return {ATOM: atom(site, chosen, _updated(kb, chosen)), JSON_FEED: json_feed(site, chosen)}


def entries(kb: KnowledgeBase, site: Site) -> list[Entry]:
    """The latest FEED_SIZE entries, newest first (by commit date, then by place in history)."""
    grouped: dict[tuple[str, str], list[PaperEvent]] = {}
    for change in kb.history.changes if kb.history else ():
        if change.kind in KIND_LABELS and change.key in kb.papers:
            grouped.setdefault((change.sha, change.key), []).append(change)
    newest = sorted(grouped.values(), key=lambda g: (_instant(g[0].date), g[0].order),
                    reverse=True)[:FEED_SIZE]
    chosen = [_entry(kb, site, group) for group in newest] + [
        _proposed(kb, site, p) for p in kb.proposals.proposals
        if p.key in kb.papers and _is_day(p.found)]
    # Stable: entries of one instant keep the order of history, proposals after them.
    return sorted(chosen, key=lambda e: _instant(e.date), reverse=True)[:FEED_SIZE]


def atom(site: Site, chosen: list[Entry], updated: str) -> str:
    # Imported here: feedgen brings lxml, which `readinglist check` should not pay for.
    from feedgen.feed import FeedGenerator
    feed = FeedGenerator()
    feed.id(site.url or f"urn:uuid:{uuid.uuid5(NAMESPACE, site.title)}")
    feed.title(_xml(site.title))
    feed.subtitle(_xml(site.description or DESCRIPTION))
    feed.author({"name": _xml(site.title)})
    feed.link(href=_url(site, ATOM), rel="self", type="application/atom+xml")
    feed.link(href=site.url or "./", rel="alternate", type="text/html")
    feed.generator("readinglist")
    feed.updated(updated)
    for entry in chosen:
        item = feed.add_entry(order="append")
        item.id(entry.id)
        item.title(_xml(entry.title))
        item.updated(entry.date)
        item.published(entry.date)
        item.link(href=entry.link, rel="alternate", type="text/html")
        item.summary(_xml(entry.summary))
        for kind in entry.kinds:
            item.category(term=kind, label=LABELS[kind])
    return feed.atom_str(pretty=True).decode("utf-8")


def json_feed(site: Site, chosen: list[Entry]) -> str:
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": site.title,
            "description": site.description or DESCRIPTION,
            "authors": [{"name": site.title}]}
    if site.url:
        feed.update(home_page_url=site.url, feed_url=_url(site, JSON_FEED))
    feed["items"] = [{"id": e.id, "url": e.link, "title": e.title, "summary": e.summary,
                      "content_text": e.summary, "date_published": e.date,
                      "tags": list(e.kinds)} for e in chosen]
    return json.dumps(feed, indent=2, ensure_ascii=False) + "\n"


def _entry(kb: KnowledgeBase, site: Site, group: list[PaperEvent]) -> Entry:
    first = group[0]
    kinds = tuple(kind for kind in KIND_LABELS if any(c.kind == kind for c in group))
    paper = kb.papers[first.key]
    summary = oneline_plain(kb, first.key) or \
        f"{cite_label(paper.authors, paper.year)}: {paper.title}"
    label = ", ".join(KIND_LABELS[k] for k in kinds)
    return Entry(f"urn:uuid:{uuid.uuid5(NAMESPACE, f'{first.sha}/{first.key}')}", first.key,
                 kinds, f"{label.capitalize()}: {paper.title}", first.date,
                 _url(site, f"papers/{first.key}/"), summary)


def _proposed(kb: KnowledgeBase, site: Site, proposal: Proposal) -> Entry:
    """A proposal, dated the day discover found it; its id stays while it waits for review."""
    paper = kb.papers[proposal.key]
    summary = f"{LABEL}, not the curator's pick. {why_plain(kb, proposal)}."
    return Entry(f"urn:uuid:{uuid.uuid5(NAMESPACE, f'proposal/{proposal.openalex}')}",
                 proposal.key, (PROPOSED,), f"Proposed: {paper.title}",
                 f"{proposal.found}T00:00:00+00:00", _url(site, f"papers/{proposal.key}/"),
                 summary)


def _is_day(text: str) -> bool:
    """A date the loader let through by its shape may still be no day (2026-02-30)."""
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def _updated(kb: KnowledgeBase, chosen: list[Entry]) -> str:
    """The newest entry's date, else the last commit's, else the newest note's day."""
    if chosen:
        return max(chosen, key=lambda e: _instant(e.date)).date
    if kb.history and kb.history.changes:
        return max((c.date for c in kb.history.changes), key=_instant)
    return f"{max(kb.note_dates.values(), default='1970-01-01')}T00:00:00+00:00"


def _instant(date: str) -> str:
    """An ISO 8601 date with offset as a UTC instant that sorts as text."""
    return datetime.fromisoformat(date).astimezone(timezone.utc).isoformat()


def _url(site: Site, path: str) -> str:
    return f"{site.url.rstrip('/')}/{path}" if site.url else path


def _xml(text: str) -> str:
    return _NOT_XML.sub("", text)
