"""Proposals loader: taxonomy/proposals.yml (optional) into the proposals and rejected works."""

from __future__ import annotations

import re
from pathlib import Path

from ..diagnostic import Diagnostic
from ..model import KINDS, PROPOSALS_FILE, Proposal, Proposals, Rejection
from ..model import schema
from .shape import Reader
from .textfile import read_text
from .tree import Tree
from .yamltree import Node, parse

OPENALEX_ID = re.compile(r"W[0-9]+")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def load_proposals(root: Path, listing: Tree) -> tuple[Proposals, list[Diagnostic]]:
    """The file's proposals and rejections; no file means none of either."""
    if PROPOSALS_FILE not in listing.files:
        return Proposals(), []
    text, diagnostics = read_text(root, PROPOSALS_FILE)
    tree, found = parse(text, PROPOSALS_FILE)
    reader = Reader(PROPOSALS_FILE, diagnostics + found)
    if tree is None:
        return Proposals(), reader.diagnostics
    fields = reader.fields(tree, "the proposals file", *schema.PROPOSALS_FILE)
    if fields is None:
        return Proposals(), reader.diagnostics
    checked = _date(reader, fields.get("checked"), "'checked'")
    proposals = tuple(p for node in reader.items(fields.get("proposals"), "'proposals'")
                      if (p := _proposal(reader, node)) is not None)
    rejected = tuple(r for node in reader.items(fields.get("rejected"), "'rejected'")
                     if (r := _rejection(reader, node)) is not None)
    return Proposals(proposals, rejected, checked, tuple(reader.texts)), reader.diagnostics


def _proposal(reader: Reader, node: Node) -> Proposal | None:
    fields = reader.fields(node, "a proposal", *schema.PROPOSAL)
    if fields is None or len(fields) < len(schema.PROPOSAL.required):
        return None
    key = reader.string(fields["paper"], "proposal paper")
    openalex = _matching(reader, fields["openalex"], "'openalex'", OPENALEX_ID, "W2741809807")
    kind = reader.string(fields["kind"], "proposal kind")
    if kind is not None and kind not in KINDS:
        reader.report(fields["kind"], "invalid-proposal",
                      f"kind '{kind}' is not one of {', '.join(KINDS)}")
        kind = None
    connects = tuple(s.value for s in reader.strings(fields["connects"], "'connects'"))
    topic = reader.string(fields["topic"], "proposal topic")
    found = _date(reader, fields["found"], "'found'")
    published = _date(reader, fields.get("published"), "'published'")
    if None in (key, openalex, kind, topic, found) or not connects:
        return None
    return Proposal(key, openalex, kind, connects, topic, found, published, reader.path,
                    node.line, node.col)


def _rejection(reader: Reader, node: Node) -> Rejection | None:
    fields = reader.fields(node, "a rejected work", *schema.REJECTION)
    if fields is None:
        return None
    values = {name: reader.string(value, f"'{name}'") for name, value in fields.items()
              if name != "openalex"}
    openalex = _matching(reader, fields.get("openalex"), "'openalex'", OPENALEX_ID, "W2741809807")
    if not (openalex or values.get("doi") or values.get("arxiv") or values.get("title")):
        reader.report(node, "invalid-proposal", "a rejected work needs openalex, doi, arxiv or "
                      "title, so that it can be recognised")
        return None
    return Rejection(openalex, values.get("doi"), values.get("arxiv"), values.get("title"),
                     values.get("author"), values.get("year"), values.get("why"), reader.path,
                     node.line, node.col)


def _date(reader: Reader, node: Node | None, what: str) -> str | None:
    return _matching(reader, node, what, ISO_DATE, '"2026-12-07"')


def _matching(reader: Reader, node: Node | None, what: str, pattern: re.Pattern,
              example: str) -> str | None:
    value = reader.string(node, what) if node is not None else None
    if value is not None and not pattern.fullmatch(value):
        reader.report(node, "invalid-proposal", f"{what} '{value}' is not of the form {example}")
        return None
    return value
