"""Where generated pages live, and relative Markdown links between them."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import quote

PAPERS = "papers"
CONNECTIONS = "connections"   # a topic's connections map, one page per topic
NEW_IN_THE_FIELD = "new-in-the-field.md"   # the proposals from the citation graph
_NOT_IN_TARGET = re.compile(r"""[<>"'\\\s]""")


def section_uri(section_id: str) -> str:
    return f"{section_id}.md"


def paper_uri(key: str) -> str:
    return f"{PAPERS}/{key}.md"


def rel(here: str, target: str, anchor: str | None = None) -> str:
    """A link from page `here` to page `target`, both source paths; MkDocs checks and maps it."""
    path = relative_path(target, posixpath.dirname(here))
    return path + (f"#{anchor}" if anchor else "")


def relative_path(path: str, start: str) -> str:
    """posixpath.relpath for paths under the docs folder, which are relative and normalised:
    the common folders are dropped without asking the operating system for the working
    directory, as relpath does twice a call, thousands of times a build."""
    here = [part for part in start.split("/") if part not in ("", ".")]
    there = [part for part in path.split("/") if part not in ("", ".")]
    common = 0
    while common < min(len(here), len(there)) and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:]) or "."


def arxiv_abs(arxiv: str) -> str:
    return f"https://arxiv.org/abs/{arxiv}"


def arxiv_pdf(arxiv: str) -> str:
    return f"https://arxiv.org/pdf/{arxiv}"


def doi_url(doi: str) -> str:
    return f"https://doi.org/{doi}"


def link_target(url: str) -> str:
    """A URL as the target of a Markdown link `[..](<target>)`: the characters that would end
    it or start markup there (`<`, `>`, quotes, spaces, a backslash) percent-encoded."""
    return _NOT_IN_TARGET.sub(lambda m: quote(m.group(0), safe=""), url.strip())


def page_url(here: str, target: str) -> str:
    """The built URL of page target from page here, for raw HTML that MkDocs does not rewrite.

    Assumes MkDocs' default directory URLs: `papers/x.md` is served as `papers/x/`."""
    def directory(source: str) -> str:
        stem = source.removesuffix(".md")
        return "" if stem == "index" else stem.removesuffix("/index") + "/"

    relative = relative_path(directory(target), directory(here))
    return "./" if relative == "." else relative + "/"
