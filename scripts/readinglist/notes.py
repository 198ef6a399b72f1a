"""Notes loader: notes/<key>.md, front matter read strictly, citations found with positions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .diagnostic import Diagnostic, error
from .shape import Reader
from .textfile import read_text
from .yamltree import Scalar, parse

NOTE_FIELDS = ("status", "tags", "unverified")
TEMPLATE = "_template.md"

# [@key], [@a; @b], [see @a, p. 3], [-@a]: pandoc citations, keys after '[', ';', space or '-'.
_BRACKET = re.compile(r"\[([^\[\]\n]*@[^\[\]\n]*)\]")
_CITE_KEY = re.compile(r"(?:^|(?<=[\s;\-]))@([A-Za-z0-9_](?:[A-Za-z0-9_:.\-]*[A-Za-z0-9_])?)")
_FENCE = re.compile(r"^\s*(```|~~~)")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")


@dataclass(frozen=True)
class Citation:
    key: str
    line: int
    col: int


@dataclass(frozen=True)
class Note:
    key: str
    status: Scalar | None
    tags: tuple[Scalar, ...]
    unverified: tuple[Scalar, ...]
    body: str
    body_line: int          # line of the file where the body starts
    citations: tuple[Citation, ...]
    path: str
    line: int


def load_notes(root: Path) -> tuple[dict[str, Note], list[Diagnostic]]:
    notes, diagnostics = {}, []
    for file in sorted((root / "notes").glob("*.md")):
        if file.name == TEMPLATE:
            continue
        path = file.relative_to(root).as_posix()
        note, found = _load_note(root, path)
        diagnostics += found
        if note is not None:
            notes[note.key] = note
    return notes, diagnostics


def _load_note(root: Path, path: str) -> tuple[Note | None, list[Diagnostic]]:
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
    fields = reader.fields(tree, "note front matter", NOTE_FIELDS, ("status",)) \
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
        path=path, line=1)
    return note, reader.diagnostics


def find_citations(body: str, first_line: int = 1) -> list[Citation]:
    """Pandoc-style citation keys in Markdown, outside code, with file line and column."""
    citations, in_fence = [], False
    for number, line in enumerate(body.split("\n"), first_line):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        visible = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
        for bracket in _BRACKET.finditer(visible):
            for key in _CITE_KEY.finditer(bracket.group(1)):
                col = bracket.start(1) + key.start() + 1
                citations.append(Citation(key.group(1), number, col))
    return citations
