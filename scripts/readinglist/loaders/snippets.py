"""Snippet lines (pymdownx.snippets: `--8<-- "file"`) found as the site finds them, and judged.

The site expands snippets before Markdown is parsed, so every line counts, code blocks included:
the inline form `--8<-- "path"`, a block of paths between two `--8<--` lines, never an escaped
line (`;--8<--`) or a commented path (`;path`); a `:lines` or `:section` suffix is split off as
pymdownx does. A snippet may include only a regular file of the repository, named from its root,
outside hidden folders (.git/config holds a CI job's credentials), and so may whatever it
includes in turn.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from .tree import obstacle, read_regular

MAX_DEPTH = 16      # includes of includes; pymdownx stops only near Python's recursion limit
MAX_TARGET = 4096   # no file name is longer (PATH_MAX)
FIXES = {"unsafe-snippet": "the site includes only regular files of the repository, named from "
                           "its root (like 'CONTRIBUTING.md')",
         "missing-snippet": "check the path, which starts at the repository root (like "
                            "'CONTRIBUTING.md')",
         "invalid-snippet": "the site could not read it: write a line range as ':N', ':N:M' "
                            "or ':-N' (counted from the end), and save included files as UTF-8"}

_MARKER = re.compile(r"""^[ \t]*(?P<escape>;*)-+8<-+
    (?:[ \t]+(?P<quoted>"(?:\\"|[^"\r\n])+?"|'(?:\\'|[^'\r\n])+?'))?\r?$""", re.VERBOSE)
_LINES = re.compile(r":-?\d*(?::-?\d*)?(?:,(?=[-\d:])-?\d*(?::-?\d*)?)*")
_SECTION = re.compile(r":[a-z][-_0-9a-z]*", re.IGNORECASE)
_URL = re.compile(r"[a-z][a-z0-9+.-]*://", re.IGNORECASE)


@dataclass(frozen=True)
class SnippetLine:
    target: str     # as written: the path and any :lines or :section suffix
    index: int      # 0-based line of the text
    col: int        # 1-based column where the target starts


@dataclass(frozen=True)
class Snippet:
    """A snippet line of a note or page, and what is wrong with what it includes, if anything."""

    target: str
    code: str | None    # unsafe-, missing- or invalid-snippet; None when the include is fine
    reason: str         # completes "snippet 'x' ...", e.g. "names a file outside the repository"
    path: str
    line: int
    col: int

    @property
    def message(self) -> str:
        return describe(self.target, self.code, self.reason)


def describe(target: str, code: str, reason: str) -> str:
    return f"snippet '{target}' {reason}; {FIXES[code]}"


def snippet_lines(text: str) -> Iterator[SnippetLine]:
    """Every line of text that makes the site include a file."""
    if "8<" not in text:
        return
    block = False
    for index, line in enumerate(text.split("\n")):
        marker = _MARKER.match(line)
        if marker:
            quoted = marker.group("quoted")
            if marker.group("escape"):
                continue
            if quoted is None:
                block = not block
            elif not block:   # pymdownx ignores an inline snippet directly inside a block
                target = quoted[1:-1].strip()
                if not target.startswith(";"):
                    yield SnippetLine(target, index, marker.start("quoted") + 2)
        elif block and (target := line.strip()) and not target.startswith(";"):
            yield SnippetLine(target, index, len(line) - len(line.lstrip()) + 1)


def file_part(target: str) -> str:
    """The file a target names: before the first ':' that starts a valid suffix to its end."""
    return _split(target)[0]


def _split(target: str) -> tuple[str, str]:
    """(file, suffix): the suffix is the ':lines' or ':section' part, or empty."""
    for at, char in enumerate(target):
        if char == ":" and (_LINES.fullmatch(target, at) or _SECTION.fullmatch(target, at)):
            return target[:at].strip(), target[at:]
    return target.strip(), ""


def unreadable_range(target: str) -> bool:
    """Whether the line range has a '-' with no number after it, where pymdownx fails on int('-')."""
    suffix = _split(target)[1]
    return bool(_LINES.fullmatch(suffix)) and "-" in re.split(r"[:,]", suffix[1:])


def judge(root: Path, target: str) -> tuple[str, str] | None:
    """(code, reason) when including target is wrong, else None; nothing is opened."""
    if len(target) > MAX_TARGET:
        return "missing-snippet", "is too long to name a file"
    name = file_part(target)
    if _URL.match(name):
        return "unsafe-snippet", "is a URL"
    relpath = posixpath.normpath(name) if name else "."
    if name.startswith("/") or relpath == ".." or relpath.startswith("../"):
        return "unsafe-snippet", "names a file outside the repository"
    if relpath == ".":
        return "missing-snippet", "names no file"
    if unreadable_range(target):
        return "invalid-snippet", "has a line range with a '-' that no number follows"
    hidden = next((part for part in relpath.split("/") if part.startswith(".")), None)
    if hidden:
        return "unsafe-snippet", (f"names a hidden file or folder ('{hidden}'), where tools keep "
                                  "their state (git's credentials among it), not content")
    found = obstacle(root, relpath)
    if found is None:
        return None
    if found.kind == "missing":
        return "missing-snippet", f"names no file of the repository ({found.text})"
    return "unsafe-snippet", f"would read through a link or a special file ({found.text})"


class Includes:
    """What snippet targets include, each file read and judged once."""

    def __init__(self, root: Path):
        self.root = root
        self.judged: dict[str, tuple[str, str] | None] = {}

    def problem(self, target: str, stack: tuple[str, ...] = ()) -> tuple[str, str] | None:
        """What is wrong with target or with anything it includes, as (code, reason)."""
        found = judge(self.root, target)
        relpath = posixpath.normpath(file_part(target))
        if found is not None or relpath in stack or len(stack) >= MAX_DEPTH:
            return found   # pymdownx skips a file that is already being included
        if relpath not in self.judged:
            self.judged[relpath] = self._inside(relpath, stack + (relpath,))
        return self.judged[relpath]

    def _inside(self, relpath: str, stack: tuple[str, ...]) -> tuple[str, str] | None:
        try:
            text = read_regular(self.root, relpath).decode("utf-8")
        except OSError:   # it changed since it was judged
            return "unsafe-snippet", f"could not be read as a regular file ('{relpath}')"
        except UnicodeDecodeError as problem:   # pymdownx reads it as UTF-8 and would stop there
            return "invalid-snippet", (f"names a file that is not UTF-8 text ('{relpath}', "
                                       f"byte {problem.start + 1})")
        for inner in snippet_lines(text):
            found = self.problem(inner.target, stack)
            if found is not None:
                code, reason = found
                return code, (f"includes '{inner.target}' ({relpath}:{inner.index + 1}), "
                              f"which {reason}")
        return None


def find_snippets(root: Path, texts: Iterable[tuple[str, str, int]]) -> tuple[Snippet, ...]:
    """Every snippet line of the (path, text, first line) given, judged with what it includes."""
    includes, found = Includes(root), []
    for path, text, first_line in texts:
        for item in snippet_lines(text):
            code, reason = includes.problem(item.target) or (None, "")
            found.append(Snippet(item.target, code, reason, path, first_line + item.index,
                                 item.col))
    return tuple(found)


def defuse(root: Path, markdown: str) -> tuple[str, list[str]]:
    """The Markdown with each snippet line that may not be included turned off (escaped or
    commented out, so pymdownx never reads its target), and a message for each."""
    if "8<" not in markdown:
        return markdown, []
    includes, lines, messages = Includes(root), markdown.split("\n"), []
    for item in snippet_lines(markdown):
        found = includes.problem(item.target)
        if found is not None:
            line = lines[item.index]
            indent = len(line) - len(line.lstrip(" \t"))
            lines[item.index] = f"{line[:indent]};{line[indent:]}"
            messages.append(f"line {item.index + 1}: {describe(item.target, *found)}")
    return "\n".join(lines), messages
