"""Hand-written site pages (docs/**/*.md): read so that check can vet the markup they carry."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..diagnostic import Diagnostic
from .textfile import read_text
from .tree import Tree, walk

THEME_FOLDER = "overrides"   # theme templates, not pages


@dataclass(frozen=True)
class Page:
    path: str
    text: str
    line: int = 1


def load_pages(root: Path, listing: Tree) -> tuple[tuple[Page, ...], list[Diagnostic]]:
    pages, diagnostics = [], []
    for path in listing.listed("docs", ".md", deep=True):
        if path.startswith(f"docs/{THEME_FOLDER}/"):
            continue
        text, found = read_text(root, path)
        pages.append(Page(path, text))
        diagnostics += found
    return tuple(pages), diagnostics


def refused_early(root: Path) -> list[Diagnostic]:
    """The links and special files in docs/ that MkDocs would act on before any hook could drop
    them: a link to a folder (MkDocs lists folders through links) and anything in the theme's
    folder (the theme reads its templates itself)."""
    return [d for d in walk(root, ("docs",)).refused
            if f"{d.path}/".startswith(f"docs/{THEME_FOLDER}/") or (root / d.path).is_dir()]
