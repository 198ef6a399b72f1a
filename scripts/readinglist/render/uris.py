"""Where generated pages live, and relative Markdown links between them."""

from __future__ import annotations

import posixpath

PAPERS = "papers"


def section_uri(section_id: str) -> str:
    return f"{section_id}.md"


def paper_uri(key: str) -> str:
    return f"{PAPERS}/{key}.md"


def rel(here: str, target: str, anchor: str | None = None) -> str:
    """A link from page `here` to page `target`, both source paths; MkDocs checks and maps it."""
    path = posixpath.relpath(target, posixpath.dirname(here) or ".")
    return path + (f"#{anchor}" if anchor else "")


def arxiv_abs(arxiv: str) -> str:
    return f"https://arxiv.org/abs/{arxiv}"


def arxiv_pdf(arxiv: str) -> str:
    return f"https://arxiv.org/pdf/{arxiv}"


def doi_url(doi: str) -> str:
    return f"https://doi.org/{doi}"


def page_url(here: str, target: str) -> str:
    """The built URL of page target from page here, for raw HTML that MkDocs does not rewrite.

    Assumes MkDocs' default directory URLs: `papers/x.md` is served as `papers/x/`."""
    def directory(source: str) -> str:
        stem = source.removesuffix(".md")
        return "" if stem == "index" else stem.removesuffix("/index") + "/"

    relative = posixpath.relpath(directory(target) or ".", directory(here) or ".")
    return "./" if relative == "." else relative + "/"
