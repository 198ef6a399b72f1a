"""Hand-written site pages (docs/**/*.md): read so that check can vet the markup they carry."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..diagnostic import Diagnostic
from .textfile import read_text

THEME_FOLDER = "overrides"   # theme templates, not pages


@dataclass(frozen=True)
class Page:
    path: str
    text: str
    line: int = 1


def load_pages(root: Path) -> tuple[tuple[Page, ...], list[Diagnostic]]:
    pages, diagnostics = [], []
    docs = root / "docs"
    for file in sorted(docs.rglob("*.md")) if docs.is_dir() else ():
        relative = file.relative_to(docs).as_posix()
        if relative.startswith(f"{THEME_FOLDER}/"):
            continue
        path = f"docs/{relative}"
        text, found = read_text(root, path)
        pages.append(Page(path, text))
        diagnostics += found
    return tuple(pages), diagnostics
