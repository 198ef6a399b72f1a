"""Bibliography loader: bib/*.bib into Paper dataclasses, parse failures as diagnostics."""

from __future__ import annotations

from pathlib import Path

from bibtexparser import model

from ..diagnostic import Diagnostic, error
from ..model import BibField, Paper
from ..text.columns import column_of
from .blocks import read_blocks
from .expressions import READABLE, parse_value
from .macros import WhereWritten, define, expand
from .memo import Memo, fresh
from .textfile import read_text
from .tree import Tree


def load_papers(root: Path, listing: Tree, memo: Memo | None = None
                ) -> tuple[dict[str, Paper], frozenset[str], list[Diagnostic]]:
    """Every entry of every bib/*.bib; a key seen twice (in any case) keeps its first entry.

    Also the keys of entries that failed to parse, so that what cites them is not reported a
    second time for the same broken brace."""
    papers: dict[str, Paper] = {}
    seen: dict[str, Paper] = {}
    broken: set[str] = set()
    diagnostics: list[Diagnostic] = []
    for path in listing.listed("bib", ".bib"):
        text, unreadable = read_text(root, path)
        in_file, not_kept, problems = fresh(memo, ("bib", path, text),
                                            lambda: read_papers(text, path))
        diagnostics += unreadable + problems
        broken |= not_kept
        for paper in in_file:
            first = seen.get(paper.key.lower())
            if first is not None:
                diagnostics.append(error(path, paper.line, paper.col, "duplicate-key",
                                         f"key '{paper.key}' is already used by the entry at "
                                         f"{first.path}:{first.line}; rename or remove one"))
                continue
            seen[paper.key.lower()] = paper
            papers[paper.key] = paper
    return papers, frozenset(broken - set(papers)), diagnostics


def read_papers(text: str, path: str) -> tuple[list[Paper], set[str], list[Diagnostic]]:
    """The entries of one file in file order, the keys of those not kept, and the problems."""
    blocks = read_blocks(text, path)
    values, diagnostics = define(blocks.strings, path)
    diagnostics += blocks.diagnostics
    papers = [_paper(entry, path, values, diagnostics) for entry in blocks.entries]
    return papers, blocks.broken, diagnostics


def _paper(entry: model.Entry, path: str, values: dict[str, str | None],
           diagnostics: list[Diagnostic]) -> Paper:
    """The entry with each value expanded; a value that cannot be is kept as written."""
    fields, unresolved = [], set()
    for written in entry.fields:
        name, line = written.key.lower(), (written.start_line or entry.start_line) + 1
        parts = parse_value(written.value)
        if parts is not None and len(parts) == 1 and not parts[0].macro:   # most values
            value = parts[0].text
        else:
            value = _expanded(written, parts, values, diagnostics, WhereWritten(
                path, line, _column(entry, written), f"field '{name}' of '{entry.key}'"))
        if value is None:
            unresolved.add(name)
        fields.append(BibField(name, (written.value if value is None else value).strip(), line))
    return Paper(entry.key, entry.entry_type.lower(), tuple(fields), entry.raw, path,
                 entry.start_line + 1, frozenset(unresolved))


def _expanded(written: model.Field, parts, values: dict[str, str | None],
              diagnostics: list[Diagnostic], site: WhereWritten) -> str | None:
    """A value with @string names in it, or one that cannot be read (reported here)."""
    if parts is not None:
        return expand(parts, values, site, diagnostics)
    shown = " ".join(written.value.split())
    shown = shown if len(shown) <= 40 else shown[:39] + "…"
    problem = f"= {shown} is not a value BibTeX can read" if shown else "has no value"
    diagnostics.append(error(site.path, site.line, site.col, "bibtex-syntax",
                             f"{site.subject} {problem}; {READABLE}"))
    return None


def _column(entry: model.Entry, written: model.Field) -> int:
    lines = entry.raw.split("\n")
    offset = (written.start_line or entry.start_line) - entry.start_line
    return column_of(lines[offset], written.key) if 0 <= offset < len(lines) else 1
