"""`readinglist abstracts`: the arXiv abstracts entries lack, fetched in batches with verify's
client, and planned as one new field line per entry.

arXiv's metadata, abstracts included, is CC0, so its abstracts may be stored; no other source's
are. An abstract is written only for a clean match: arXiv answered for that very id, with the
entry's title, and the abstract checks clean. Anything else is reported at the entry's
`eprint` and nothing is written for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..diagnostic import Diagnostic, error
from ..edit.canonical_bib import Field, field_line
from ..edit.insert import insert_fields
from ..edit.transaction import Change, decode_for_edit, read_existing
from ..model import KnowledgeBase, Paper
from .client import Batch, Client, arxiv_batches
from .verify import same_title

ABSTRACT_CODES = ("fetch-failed", "abstract-refused")


class AbstractsError(ValueError):
    """The command was asked for something that is not there; the message says what."""


@dataclass
class Outcome:
    found: dict[str, str] = field(default_factory=dict)    # key -> the abstract's BibTeX value
    problems: list[Diagnostic] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)       # offline, and not in the cache
    without: list[str] = field(default_factory=list)       # arXiv has no abstract for these


def wanted(kb: KnowledgeBase, keys: list[str]) -> tuple[list[Paper], list[str]]:
    """The entries to fill (those named, or all) that have an arXiv id and no abstract, and a
    remark for each named entry that needs nothing or cannot be filled."""
    unknown = [key for key in keys if key not in kb.papers]
    if unknown:
        raise AbstractsError(f"'{unknown[0]}' is not a key in bib/ (give keys as written in "
                             "bib/, or none for every entry)")
    papers = [kb.papers[key] for key in dict.fromkeys(keys)] if keys else \
        sorted(kb.papers.values(), key=lambda p: p.key)
    remarks = []
    if keys:
        remarks = [f"{p.key} already has an abstract" for p in papers if p.get("abstract")]
        remarks += [f"{p.key} has no arXiv id; abstracts are taken from arXiv only"
                    for p in papers if not p.arxiv]
    return [p for p in papers if p.arxiv and not p.get("abstract")], remarks


def fetch_abstracts(papers: list[Paper], client: Client,
                    progress: Callable[[int, int], None] = lambda done, total: None) -> Outcome:
    outcome = Outcome()
    by_id: dict[str, list[Paper]] = {}
    for paper in papers:
        by_id.setdefault(paper.arxiv, []).append(paper)
    done = 0
    for batch in arxiv_batches(client, list(by_id)):
        for arxiv in batch.ids:
            for paper in by_id[arxiv]:
                _sort(paper, batch, outcome)
        done += len(batch.ids)
        progress(done, len(by_id))
    client.save()
    return outcome


def _sort(paper: Paper, batch: Batch, outcome: Outcome) -> None:
    """Put one entry where its answer says it belongs."""
    if batch.failure is not None:
        outcome.problems.append(_at(paper, "fetch-failed", f"arXiv could not be asked for "
                                    f"{paper.arxiv} ({batch.failure}); nothing was written for "
                                    "it: run again later"))
        return
    if batch.entries is None:
        outcome.skipped.append(paper.key)
        return
    entry = batch.entries.get(paper.arxiv)
    if entry is None:
        outcome.problems.append(_at(paper, "unresolved-identifier", f"arXiv does not know "
                                    f"{paper.arxiv}; check the id (nothing was written)"))
    elif not same_title(paper.title, entry.record.title):
        outcome.problems.append(_at(paper, "metadata-mismatch", f"arXiv's {paper.arxiv} is "
                                    f"'{entry.record.title}', not this entry's title; check "
                                    "the id (nothing was written)"))
    elif entry.abstract_problem:
        outcome.problems.append(_at(paper, "abstract-refused", f"arXiv's abstract for "
                                    f"{paper.arxiv} was not written: {entry.abstract_problem}"))
    elif entry.abstract:
        outcome.found[paper.key] = entry.abstract
    else:
        outcome.without.append(paper.key)


def plan_abstracts(root: Path, kb: KnowledgeBase, found: dict[str, str]) -> list[Change]:
    """One change per bib file: each abstract as its entry's new last field line."""
    by_file: dict[str, dict[str, str]] = {}
    for key, value in sorted(found.items()):
        by_file.setdefault(kb.papers[key].path, {})[key] = field_line(Field("abstract", value))
    return [Change(path, insert_fields(decode_for_edit(read_existing(root, path) or b""), lines))
            for path, lines in sorted(by_file.items())]


def _at(paper: Paper, code: str, message: str) -> Diagnostic:
    where = paper.field("eprint")
    line, col = (where.line, paper.column(where)) if where else (paper.line, paper.col)
    return error(paper.path, line, col, code, message)
