"""What snippet lines (pymdownx.snippets: `--8<-- "file"`) would include, read as the site reads it.

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
from pathlib import Path
from typing import Iterable

from ..model import Snippet
from ..text.snippets import file_part, snippet_lines, unreadable_range
from .tree import obstacle, read_regular

MAX_DEPTH = 16      # includes of includes; pymdownx stops only near Python's recursion limit
MAX_TARGET = 4096   # no file name is longer (PATH_MAX)
_URL = re.compile(r"[a-z][a-z0-9+.-]*://", re.IGNORECASE)


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

