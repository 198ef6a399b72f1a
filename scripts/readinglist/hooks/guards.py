"""Guards of the MkDocs build, beside its adapter: what MkDocs would act on before any check
(links in docs/) and snippet lines the site may not expand; built.py reads what the build wrote."""

from __future__ import annotations

from pathlib import Path

from ..checks.snippets import describe
from ..diagnostic import Diagnostic
from ..loaders.pages import THEME_FOLDER
from ..loaders.snippets import Includes
from ..loaders.tree import walk
from ..text.snippets import snippet_lines


def refused_early(root: Path) -> list[Diagnostic]:
    """The links and special files in docs/ that MkDocs would act on before any hook could drop
    them: a link to a folder (MkDocs lists folders through links) and anything in the theme's
    folder (the theme reads its templates itself)."""
    return [d for d in walk(root, ("docs",)).refused
            if f"{d.path}/".startswith(f"docs/{THEME_FOLDER}/") or (root / d.path).is_dir()]


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

