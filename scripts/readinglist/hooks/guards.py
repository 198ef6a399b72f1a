"""Guards of the MkDocs build, beside its adapter: what MkDocs would act on before any check
(links in docs/), snippet lines the site may not expand, and scripts in a built article."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from ..checks.allowlist import SCRIPT_SCHEMES, URL_ATTRIBUTES, unsafe_scheme
from ..checks.snippets import describe
from ..diagnostic import Diagnostic
from ..loaders.pages import THEME_FOLDER
from ..loaders.snippets import Includes
from ..loaders.tree import walk
from ..text.snippets import snippet_lines

# In a built article (lowered), anything that could run: a script; a handler, whatever comes
# before it (browsers read `<svg/onload=...>` and `title="x"onclick=...`); a script scheme; a
# character reference or control character in an attribute value (`javascript&colon;`,
# `javascr&#105;pt:`, a tab inside the scheme). One search each: Python's re tries every branch
# of an alternation at every position, which is several times slower.
_SUSPECTS = tuple(re.compile(pattern) for pattern in (
    r"<script", r"on[^\s/=>]*\s*=", r"script[\s\x00-\x20\x7f]*[:&]", r"data[\s\x00-\x20\x7f]*[:&]",
    r"=\s*[\"'][^\"'>]*[&\x00-\x1f\x7f]", r"=[^\s\"'>]*&"))


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


def article_problems(page_html: str) -> list[str]:
    """Scripts, event handlers and script URLs inside a built page's article, which holds only
    what notes and pages put there: the theme's own scripts live outside it."""
    start, end = page_html.find("<article"), page_html.rfind("</article>")
    article = page_html[start:end] if 0 <= start <= end else ""
    if not _suspect(article.lower()):
        return []   # nothing that could run: no need to parse the page
    scanner = _BuiltScanner()
    scanner.feed(article)
    scanner.close()
    return scanner.problems


def _suspect(article: str) -> bool:
    return any(pattern.search(article) for pattern in _SUSPECTS)


class _BuiltScanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.problems.append("a <script> element in the article")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"an event handler '{name}' on <{tag}>")
            elif name in URL_ATTRIBUTES and value and unsafe_scheme(value) in SCRIPT_SCHEMES:
                self.problems.append(f"a {unsafe_scheme(value)}: URL in {name} on <{tag}>")

    handle_startendtag = handle_starttag
