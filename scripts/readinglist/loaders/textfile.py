"""Reading user files as text: invalid UTF-8 is a diagnostic at the first bad byte, and only
regular files are opened (never through a link)."""

from __future__ import annotations

from pathlib import Path

from ..diagnostic import Diagnostic, error
from .tree import NotRegularError, read_regular, refusal

BOM = "\ufeff"


def read_text(root: Path, relpath: str) -> tuple[str, list[Diagnostic]]:
    """The file's text. Undecodable bytes are reported and read as U+FFFD, so the rest of the
    file is still checked and one bad byte does not hide everything that depends on the file.
    A file that turned into a link or a special file since it was listed reads as empty."""
    try:
        data = read_regular(root, relpath)
    except NotRegularError:
        return "", [refusal(root, relpath)]
    return decode(data, relpath)


def decode(data: bytes, path: str) -> tuple[str, list[Diagnostic]]:
    """UTF-8 text without its BOM; undecodable bytes reported at the first and read as U+FFFD."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode("utf-8", "replace")
        line, col = before.count("\n") + 1, len(before) - before.rfind("\n")
        return data.decode("utf-8", "replace").removeprefix(BOM), [
            error(path, line, col, "invalid-utf8", f"byte 0x{data[exc.start]:02x} is not "
                  "valid UTF-8; save the file as UTF-8")]
    return text.removeprefix(BOM), []


def column_of(text_line: str, needle: str) -> int:
    """1-based column of needle in a line (case-insensitive), or 1 if it is not there."""
    index = text_line.lower().find(needle.lower())
    return index + 1 if index >= 0 else 1


def column_after_delimiter(raw: str, name: str) -> int:
    """Column of a block's name or key: the first match after its opening brace or parenthesis."""
    first = raw.split("\n", 1)[0]
    opening = min((i for i in (first.find("{"), first.find("(")) if i >= 0), default=0)
    index = first.lower().find(name.lower(), opening) if name else -1
    return index + 1 if index >= 0 else 1
