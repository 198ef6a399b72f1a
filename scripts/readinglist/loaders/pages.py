"""Hand-written site pages (docs/**/*.md): read so that check can vet the markup they carry."""

from __future__ import annotations

from pathlib import Path

from ..diagnostic import Diagnostic
from ..model import Page
from .textfile import read_text
from .tree import Tree

THEME_FOLDER = "overrides"   # theme templates, not pages


def load_pages(root: Path, listing: Tree) -> tuple[tuple[Page, ...], list[Diagnostic]]:
    pages, diagnostics = [], []
    for path in listing.listed("docs", ".md", deep=True):
        if path.startswith(f"docs/{THEME_FOLDER}/"):
            continue
        text, found = read_text(root, path)
        pages.append(Page(path, text))
        diagnostics += found
    return tuple(pages), diagnostics

