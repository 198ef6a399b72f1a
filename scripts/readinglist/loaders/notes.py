"""Notes loader: notes/<key>.md, front matter read strictly, citations found with positions."""

from __future__ import annotations

import re
from pathlib import Path

from ..diagnostic import Diagnostic, error
from ..model import NOTE_TEMPLATE, Citation, Note, Position
from ..model import schema
from ..text.citation import find_citations
from .memo import Memo, fresh
from .oneline import find_oneline
from .shape import Reader
from .textfile import read_text
from .tree import Tree
from .yamltree import Scalar, parse

_OPENING = re.compile(r"---\r?(\n|$)")
_CLOSING = re.compile(r"^(?:---|\.\.\.)\r?$", re.MULTILINE)


def load_notes(root: Path, listing: Tree,
               memo: Memo | None = None) -> tuple[dict[str, Note], list[Diagnostic]]:
    notes, diagnostics = {}, []
    placeholder = _template_oneline(root, listing)
    for path in listing.listed("notes", ".md"):
        if path == NOTE_TEMPLATE:
            continue
        text, unreadable = read_text(root, path)
        note, found = fresh(memo, ("note", path, text, placeholder),
                            lambda: _note(text, path, placeholder))
        diagnostics += unreadable
        diagnostics += found
        if note is not None:
            notes[note.key] = note
    return notes, diagnostics


def _template_oneline(root: Path, listing: Tree) -> str | None:
    """The template's one-line sentence, which a fresh stub still carries: not the paper's."""
    if NOTE_TEMPLATE not in listing.files:   # missing, or a link: never followed
        return None
    found = find_oneline(read_text(root, NOTE_TEMPLATE)[0], 1)
    return found.text if found else None


def _note(text: str, path: str,
          placeholder: str | None = None) -> tuple[Note | None, list[Diagnostic]]:
    diagnostics: list[Diagnostic] = []
    opening = _OPENING.match(text)
    if opening is None:
        return None, diagnostics + [error(
            path, 1, 1, "missing-front-matter", "note does not start with front matter; "
            "begin it with '---', 'status: to-read', '---'")]
    closing = _CLOSING.search(text, opening.end())
    if closing is None:
        return None, diagnostics + [error(
            path, 1, 1, "unterminated-front-matter", "front matter opened on line 1 is never "
            "closed; add a line '---' after its last field")]
    closing_line = text.count("\n", 0, closing.start()) + 1
    front = text[opening.end():closing.start()].removesuffix("\n")
    tree, found = parse(front, path, line_offset=1)
    reader = Reader(path, diagnostics + found)
    fields = reader.fields(tree, "note front matter", *schema.NOTE) \
        if tree is not None else None
    if tree is None and not found:
        reader.report(Scalar("", 2, 1, True), "missing-field",
                      "note front matter is empty; add 'status: to-read'")
    fields = fields or {}
    status = fields.get("status")
    status = status if reader.string(status, "status") is not None else None
    tags = reader.strings(fields.get("tags"), "'tags'")
    body = text[closing.end() + 1:]
    note = Note(
        key=path.removeprefix("notes/").removesuffix(".md"),
        status=status.value if status else None,
        tags=tuple(tag.value for tag in tags),
        unverified=tuple(u.value for u in reader.strings(fields.get("unverified"), "'unverified'")),
        body=body, body_line=closing_line + 1,
        citations=tuple(Citation(*found) for found in find_citations(body, closing_line + 1)),
        path=path, line=1, oneline=find_oneline(body, closing_line + 1, placeholder),
        status_at=Position(path, status.line, status.col) if status else None,
        tags_at=tuple(Position(path, tag.line, tag.col) for tag in tags))
    return note, reader.diagnostics
