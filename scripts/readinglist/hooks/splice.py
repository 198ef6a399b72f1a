"""Blocks of a generated page made apart from it, so that a large page costs what changed.

A paper row is converted by Markdown once and kept while its text is the same; a connections
figure, a paper's "Listed under" and the connections as a list are raw HTML that Markdown never
sees. The page MkDocs converts (its skeleton) holds a
placeholder for each block, an HTML comment carrying this process's secret so that no file can
forge one, and the written page gets the blocks back. Every build does this, full builds too,
so a served page is a fresh build's page by construction. Serving saves twice: a page whose rows
are all known converts only its skeleton and new rows, and a page whose skeleton and rows are
the same but whose figures changed is not built at all: its written file gets the new figures
in place of the old (`patch`).

What a block is, is a contract with render/: a row is a line `<div class="rl-paper" ...
markdown>` up to the next line `</div>`, a figure a line `<figure class="rl-arcs-figure" ...>`
up to the next line `</figure>`, a raw list a line `<ul class="rl-listed">` (`rl-pairs`,
`rl-edges`) up to the next line `</ul>`, each alone between blank lines or an HTML line. None
has a heading or reaches search (rows and figures carry `data-search-exclude`, the lists sit
under a heading that does), and rows link only by Markdown links, which Markdown rewrites
alike wherever the row stands.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field

from ..text.snippets import snippet_lines

# Material's search plugin drops these attributes from every page it indexes; rows never reach
# it, so they lose them as they are kept.
SEARCH_ATTRIBUTE = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")
BLOCK = re.compile(r'^(?:<div class="rl-paper" [^\n]*markdown>\n.*?^</div>'
                   r'|<figure class="rl-arcs-figure" data-search-exclude>\n.*?^</figure>'
                   r'|<ul class="rl-(?:listed|pairs|edges)">\n.*?^</ul>)$', re.M | re.S)


@dataclass(frozen=True)
class Block:
    text: str
    verbatim: bool          # raw HTML, written as it is; else a row, converted on its page


@dataclass(frozen=True)
class Split:
    skeleton: str                   # the page, a placeholder in place of each block
    blocks: tuple[Block, ...]

    def key(self) -> str:
        """What the page's build depends on: its skeleton and its rows (figures are patched)."""
        return "\0".join([self.skeleton, *(b.text for b in self.blocks if not b.verbatim)])


@dataclass
class Splicer:
    secret: str = field(default_factory=lambda: secrets.token_hex(8))
    rows: dict[tuple[str, str], str] = field(default_factory=dict)   # (page, row) -> HTML
    splits: dict[str, Split] = field(default_factory=dict)           # page source -> split
    sources: dict[str, str] = field(default_factory=dict)            # page source -> Markdown

    def split(self, uri: str, markdown: str) -> str:
        """The page's skeleton, its blocks kept for the page's later events."""
        if uri in self.splits and self.sources.get(uri) == markdown:
            return self.splits[uri].skeleton
        blocks: list[Block] = []

        def place(match: re.Match) -> str:
            text = match.group(0)
            if any(snippet_lines(text)):   # left to the page, which judges and defuses it
                return text
            blocks.append(Block(text, not text.startswith("<div")))
            return self._mark(len(blocks) - 1)

        skeleton = BLOCK.sub(place, markdown)
        self.splits[uri], self.sources[uri] = Split(skeleton, tuple(blocks)), markdown
        return skeleton

    def expand(self, uri: str, markdown: str) -> str:
        """The Markdown to convert: each row not known yet in place, between its marks."""
        split = self.splits.get(uri)
        if split is None:
            return markdown

        def place(match: re.Match) -> str:
            n = int(match.group(1))
            block = split.blocks[n]
            if block.verbatim or (uri, block.text) in self.rows:
                return match.group(0)
            return "\n\n".join([self._mark(n, "row"), block.text, self._mark(n, "row-end")])

        return re.sub(self._mark(r"(\d+)"), place, markdown)

    def take(self, uri: str, html: str, searched: bool) -> str:
        """The converted page with each new row's HTML kept and its place marked again
        (searched: as the search plugin would leave it)."""
        split = self.splits.get(uri)
        if split is None:
            return html

        def keep(match: re.Match) -> str:
            n = int(match.group(1))
            row = match.group(2)
            self.rows[(uri, split.blocks[n].text)] = SEARCH_ATTRIBUTE.sub("", row) if searched \
                else row
            return self._mark(n)

        return re.sub(self._mark(r"(\d+)", "row") + r"\n?(.*?)\n?" + self._mark(r"\1", "row-end"),
                      keep, html, flags=re.S)

    def fill(self, uri: str, output: str) -> str:
        """The written page: each placeholder replaced by its block's HTML."""
        split = self.splits.get(uri)
        if split is None:
            return output
        parts = re.split(self._mark(r"(\d+)"), output)
        if len(parts) != 2 * len(split.blocks) + 1 or \
                parts[1::2] != [str(n) for n in range(len(split.blocks))]:
            raise AssertionError(f"{uri}: its blocks' placeholders did not all come through")
        for n, block in enumerate(split.blocks):
            parts[2 * n + 1] = block.text if block.verbatim else self.rows[(uri, block.text)]
        return "".join(parts)

    def forget_rows(self) -> None:
        self.rows = {}

    def keep_only(self, uris: set[str]) -> None:
        """After a build: the splits and rows of the pages it has, nothing else."""
        self.splits = {u: s for u, s in self.splits.items() if u in uris}
        self.sources = {u: s for u, s in self.sources.items() if u in uris}
        wanted = {(u, b.text) for u, s in self.splits.items() for b in s.blocks if not b.verbatim}
        self.rows = {k: html for k, html in self.rows.items() if k in wanted}

    def _mark(self, n: int | str, kind: str = "block") -> str:
        """A block's placeholder (n a number, or a pattern's group to find one: the secret is
        hexadecimal, so it reads the same in a pattern); a row converted in place stands between
        a row and a row-end."""
        return f"<!--rl-{kind} {self.secret} {n}-->"


def patch(old: Split | None, new: Split | None, written: str) -> tuple[str, str] | None:
    """A page written with old's blocks, with new's instead, and the new figures that went in:
    when old and new differ only in their figures, each of old's found once in what was
    written; None when that is not so (or either is not known)."""
    if old is None or new is None or old.key() != new.key() or \
            len(old.blocks) != len(new.blocks):
        return None
    figures = []
    for before, after in zip(old.blocks, new.blocks):
        if before.text != after.text:
            if written.count(before.text) != 1:
                return None
            written = written.replace(before.text, after.text)
            figures.append(after.text)
    return written, "\n".join(figures)
