"""taxonomy/proposals.yml written in one canonical form, and the changes of discover, accept
and reject: each a list of whole-file changes applied in one transaction.

The tools own the file's layout (hand edits of values are checked like any taxonomy file, but
comments inside the lists are not kept), so a run that adds one proposal adds its lines and
touches nothing else but the `checked` day.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..model import PROPOSALS_FILE, KnowledgeBase, Proposal, Rejection
from .add import BIB_FILE, note_stub, resolve_target
from .insert import EditError, insert_entry, insert_item, remove_entry
from .transaction import Change, decode_for_edit, read_existing

HEADER = ("# yaml-language-server: $schema=../scripts/readinglist/schemas/proposals.schema.json\n"
          "# What the citation graph proposes (`readinglist discover`), reviewed by pull "
          "request.\n# `readinglist accept KEY --to SECTION/TOPIC` puts a proposal on the map; "
          "`readinglist reject KEY --why TEXT`\n# turns it down for good. Written by those "
          "commands in this one form.\n")
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 ._/()-]*")
QUOTED = ("year", "doi", "arxiv")   # read as numbers or dates when plain
_YAML_WORDS = {"y", "n", "yes", "no", "true", "false", "on", "off", "null"}


def add_proposals(root: Path, kb: KnowledgeBase, new: list[tuple[Proposal, str]],
                  today: str) -> list[Change]:
    """The bib entries and proposals of a discover run, and the day it ran."""
    bib = _read(root, BIB_FILE)
    for proposal, entry in new:
        bib = insert_entry(bib, proposal.key, entry)
    proposals = list(kb.proposals.proposals) + [proposal for proposal, _ in new]
    text = proposals_text(_header(root), today, proposals, list(kb.proposals.rejected))
    return [Change(BIB_FILE, bib), Change(PROPOSALS_FILE, text)]


def accept(root: Path, kb: KnowledgeBase, key: str, target: str | None) -> list[Change]:
    """The proposal out of the file, its paper an item of the topic, and a note stub."""
    proposal = _pending(kb, key)
    section, topic_path = resolve_target(kb, target or proposal.topic)
    taxonomy = insert_item(_read(root, section.path), topic_path, f"paper: {key}")
    rest = [p for p in kb.proposals.proposals if p.key != key]
    changes = [Change(section.path, taxonomy),
               Change(PROPOSALS_FILE, proposals_text(_header(root), kb.proposals.checked, rest,
                                                     list(kb.proposals.rejected)))]
    if key not in kb.notes:
        changes.append(Change(f"notes/{key}.md", note_stub(root)))
    return changes


def reject(root: Path, kb: KnowledgeBase, key: str, why: str | None) -> list[Change]:
    """The proposal and its entry gone, and the work remembered as rejected."""
    proposal = _pending(kb, key)
    paper = kb.papers.get(key)
    rejection = Rejection(proposal.openalex, paper.doi if paper else None,
                          paper.arxiv if paper else None, paper.title if paper else None,
                          paper.first_family if paper else None, paper.year if paper else None,
                          why, PROPOSALS_FILE, 0, 0)
    rest = [p for p in kb.proposals.proposals if p.key != key]
    text = proposals_text(_header(root), kb.proposals.checked, rest,
                          list(kb.proposals.rejected) + [rejection])
    changes = [Change(PROPOSALS_FILE, text)]
    if paper is not None:
        changes.insert(0, Change(BIB_FILE, remove_entry(_read(root, BIB_FILE), key)))
    return changes


def proposals_text(header: str, checked: str | None, proposals: list[Proposal],
                   rejected: list[Rejection]) -> str:
    lines = [header.rstrip("\n")] if header else []
    lines += [f"checked: {_quoted(checked)}"] if checked else []
    lines.append("proposals:" if proposals else "proposals: []")
    for p in proposals:
        lines += [f"  - paper: {_scalar(p.key)}", f"    openalex: {p.openalex}",
                  f"    kind: {p.kind}", f"    connects: [{', '.join(map(_scalar, p.connects))}]",
                  f"    topic: {_scalar(p.topic)}", f"    found: {_quoted(p.found)}"]
        lines += [f"    published: {_quoted(p.published)}"] if p.published else []
    lines.append("rejected:" if rejected else "rejected: []")
    for r in rejected:
        fields = [(name, getattr(r, name)) for name in
                  ("openalex", "doi", "arxiv", "title", "author", "year", "why")]
        written = [f"{name}: {_quoted(value) if name in QUOTED else _scalar(value)}"
                   for name, value in fields if value]
        lines += [f"  - {written[0]}", *(f"    {line}" for line in written[1:])]
    return "\n".join(lines) + "\n"


def _pending(kb: KnowledgeBase, key: str) -> Proposal:
    proposal = kb.proposals.get(key)
    if proposal is None:
        pending = ", ".join(p.key for p in kb.proposals.ranked()[:10]) or "none"
        raise EditError(f"'{key}' is not a pending proposal in {PROPOSALS_FILE} "
                        f"(pending: {pending})")
    return proposal


def _header(root: Path) -> str:
    """The comment lines the file opens with, kept as they are; ours for a new file."""
    text = _read(root, PROPOSALS_FILE)
    kept = []
    for line in text.split("\n"):
        if not line.startswith("#"):
            break
        kept.append(line)
    return "\n".join(kept) + "\n" if kept else HEADER


def _read(root: Path, path: str) -> str:
    return decode_for_edit(read_existing(root, path) or b"")


def _scalar(value: str) -> str:
    """A YAML scalar that reads back as the same text: plain when that is safe, else quoted."""
    plain = _PLAIN.fullmatch(value) and value.lower() not in _YAML_WORDS \
        and not value.endswith(" ") and ": " not in value and " #" not in value
    return value if plain else _quoted(value)


def _quoted(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)   # a JSON string is a YAML quoted scalar
