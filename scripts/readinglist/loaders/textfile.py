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

