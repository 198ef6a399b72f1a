"""Diagnostics: what every loader and check returns instead of raising."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Iterable, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    col: int
    code: str
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        # One problem, one line, whatever the input quoted in the message contains.
        message = self.message.replace("\r", "\\r").replace("\n", "\\n")
        return f"{self.path}:{self.line}:{self.col}: {self.code}: {message}"


def error(path: str, line: int, col: int, code: str, message: str) -> Diagnostic:
    return Diagnostic(path, max(line, 1), max(col, 1), code, message, "error")


def warning(path: str, line: int, col: int, code: str, message: str) -> Diagnostic:
    return Diagnostic(path, max(line, 1), max(col, 1), code, message, "warning")


def sort_unique(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Each diagnostic once, sorted by path, line, code (then column and message, so output is
    stable): a problem two checks see is reported once."""
    unique = set(diagnostics)
    return sorted(unique, key=lambda d: (d.path, d.line, d.code, d.col, d.message))


def is_failure(diagnostic: Diagnostic, strict: bool) -> bool:
    return strict or diagnostic.severity == "error"


def format_text(diagnostics: list[Diagnostic]) -> str:
    return "".join(f"{d}\n" for d in diagnostics)


def format_json(diagnostics: list[Diagnostic]) -> str:
    return json.dumps([asdict(d) for d in diagnostics], indent=2, ensure_ascii=False) + "\n"


def format_github(diagnostics: list[Diagnostic]) -> str:
    """GitHub workflow commands, so a pull request shows each problem on its line."""
    lines = []
    for d in diagnostics:
        message = _escape_github(f"{d.code}: {d.message}")
        lines.append(
            f"::{d.severity} file={_escape_github(d.path, True)},line={d.line},col={d.col},"
            f"title={d.code}::{message}\n"
        )
    return "".join(lines)


def _escape_github(text: str, is_property: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if is_property:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


FORMATS = {"text": format_text, "json": format_json, "github": format_github}
