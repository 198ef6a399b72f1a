"""Notes loader: notes/<key>.md, front matter read strictly, citations found with positions."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import schema
from .citation import Citation, find_citations
from .diagnostic import Diagnostic, error
from .history import changed_dates
from .shape import Reader
from .textfile import read_text
from .yamltree import Scalar, parse

TEMPLATE = "_template.md"


@dataclass(frozen=True)
class Note:
    key: str
    status: Scalar | None
    tags: tuple[Scalar, ...]
    unverified: tuple[Scalar, ...]
    body: str
    body_line: int          # line of the file where the body starts
    citations: tuple[Citation, ...]
    changed: str | None     # YYYY-MM-DD of the last commit touching the note
    path: str
    line: int


def load_notes(root: Path) -> tuple[dict[str, Note], list[Diagnostic]]:
    notes, diagnostics = {}, []
    dates = changed_dates(root, "notes")
    for file in sorted((root / "notes").glob("*.md")):
        if file.name == TEMPLATE:
            continue
        path = file.relative_to(root).as_posix()
        note, found = _load_note(root, path, dates.get(path))
        diagnostics += found
        if note is not None:
            notes[note.key] = note
    return notes, diagnostics


def _load_note(root: Path, path: str, changed: str | None) -> tuple[Note | None,
                                                                  list[Diagnostic]]:
    text, diagnostics = read_text(root, path)
    lines = text.split("\n")
    if lines[0].rstrip("\r") != "---":
        return None, diagnostics + [error(path, 1, 1, "missing-front-matter", "note does not start with "
                            "front matter; begin it with '---', 'status: to-read', '---'")]
    end = next((i for i, line in enumerate(lines[1:], 1) if line.rstrip("\r") in ("---", "...")),
               None)
    if end is None:
        return None, diagnostics + [error(path, 1, 1, "unterminated-front-matter", "front matter opened on "
                            "line 1 is never closed; add a line '---' after its last field")]
    tree, found = parse("\n".join(lines[1:end]), path, line_offset=1)
    reader = Reader(path, diagnostics + found)
    fields = reader.fields(tree, "note front matter", *schema.NOTE) \
        if tree is not None else None
    if tree is None and not found:
        reader.report(Scalar("", 2, 1, True), "missing-field",
                      "note front matter is empty; add 'status: to-read'")
    fields = fields or {}
    status = fields.get("status")
    body = "\n".join(lines[end + 1:])
    note = Note(
        key=Path(path).stem,
        status=status if reader.string(status, "status") is not None else None,
        tags=reader.strings(fields.get("tags"), "'tags'"),
        unverified=reader.strings(fields.get("unverified"), "'unverified'"),
        body=body, body_line=end + 2, citations=tuple(find_citations(body, end + 2)),
        changed=changed, path=path, line=1)
    return note, reader.diagnostics
