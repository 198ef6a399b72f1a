"""Every kind of block bibtexparser returns, taken by its type: entries, @string, @preamble,
comments, and the blocks that failed (syntax, a key or a field given twice)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import bibtexparser
from bibtexparser import model

from ..diagnostic import Diagnostic, error

_KEY_OF_BLOCK = re.compile(r"^\s*@\s*\w+\s*[{(]\s*([^,\s{}()]+)\s*,")


@dataclass
class Blocks:
    """What one file holds, sorted by kind (built block by block, then only read)."""

    path: str
    entries: list[model.Entry] = field(default_factory=list)
    strings: list[model.String] = field(default_factory=list)
    verbatim: list[str] = field(default_factory=list)   # @string, @preamble, comments: for fmt
    broken: set[str] = field(default_factory=set)   # keys of entries that are not kept
    diagnostics: list[Diagnostic] = field(default_factory=list)


def read_blocks(text: str, path: str) -> Blocks:
    """The blocks of a file as written: values keep their braces, quotes and @string names."""
    blocks = Blocks(path)
    for block in bibtexparser.parse_string(text, parse_stack=[]).blocks:
        take(block, blocks)
    return blocks


def take(block: model.Block, blocks: Blocks) -> None:
    """File one block by its exact type; a type this code does not know is a bug, not input."""
    handler = HANDLERS.get(type(block))
    if handler is None:
        raise TypeError(f"bibtexparser returned a {type(block).__name__}, which readinglist "
                        "does not know; handle it in loaders/blocks.py")
    handler(block, blocks)


def _entry(block: model.Entry, blocks: Blocks) -> None:
    # bibtexparser compares field names as written; BibTeX (and `fmt`, which lowercases them)
    # does not, so `Title` and `title` are the same field given twice.
    names = [f.key.lower() for f in block.fields]
    if len(set(names)) < len(names):
        _duplicate_fields(block, {n for n in names if names.count(n) > 1}, blocks)
    else:
        blocks.entries.append(block)


def _string(block: model.String, blocks: Blocks) -> None:
    blocks.strings.append(block)
    blocks.verbatim.append(block.raw)


def _verbatim(block: model.Block, blocks: Blocks) -> None:
    """@preamble and comments: `fmt` keeps them as written; the site has no use for them."""
    blocks.verbatim.append(block.raw)


def _duplicate_key(block: model.DuplicateBlockKeyBlock, blocks: Blocks) -> None:
    """bibtexparser wraps the second entry or @string with a key it has seen; the knowledge base
    compares keys across files and without case, so the wrapped block is filed as it is."""
    if block.ignore_error_block is None:
        _failed(block, blocks)
    else:
        take(block.ignore_error_block, blocks)


def _duplicate_field(block: model.DuplicateFieldKeyBlock, blocks: Blocks) -> None:
    _entry(block.ignore_error_block, blocks)   # reported there, with names in any case


def _duplicate_fields(entry: model.Entry, names: set[str], blocks: Blocks) -> None:
    """Which of two values is right is for a person to say: the entry is not kept."""
    blocks.diagnostics.append(error(blocks.path, entry.start_line + 1, 1, "duplicate-field",
                                    f"entry repeats the field {', '.join(sorted(names))}; keep "
                                    "one of each"))
    blocks.broken.add(entry.key)


def _failed(block: model.ParsingFailedBlock, blocks: Blocks) -> None:
    blocks.diagnostics.append(error(blocks.path, block.start_line + 1, 1, "bibtex-syntax",
                                    _syntax_message(block)))
    blocks.broken.update(_KEY_OF_BLOCK.findall(block.raw or "")[:1])


def _syntax_message(block: model.ParsingFailedBlock) -> str:
    reason = getattr(block.error, "abort_reason", None) or str(block.error) or "unreadable entry"
    detail = " ".join(reason.split()).rstrip(".")
    return f"entry cannot be parsed ({detail}); check its braces, quotes and commas"


HANDLERS = {
    model.Entry: _entry,
    model.String: _string,
    model.Preamble: _verbatim,
    model.ExplicitComment: _verbatim,
    model.ImplicitComment: _verbatim,
    model.DuplicateBlockKeyBlock: _duplicate_key,
    model.DuplicateFieldKeyBlock: _duplicate_field,
    model.MiddlewareErrorBlock: _failed,
    model.ParsingFailedBlock: _failed,
}
