"""Serving at scale: each rebuild of `mkdocs serve --dirty` renders and builds only what changed.

MkDocs' dirty build skips a page whose file says it is unmodified, but a generated page always
says it is, and a skipped page leaves holes: the navigation loses its title, the search index
its entries, anchor checks their targets, and a deleted page stays served. LiveSite remembers
the last good build and fills them: a page is built again when its Markdown (rows included, the
raw HTML made apart not: a page changed only there is patched, hooks/splice.py), its edit link or
anything every page shows (configuration, theme overrides, the pages there are, the navigation's
titles, the files snippets include) changed; a skipped page gets back its title, front matter,
anchors and links; the search index keeps its entries, in the order a full build writes them;
files no longer produced are removed; and the guard reads what this build wrote, since every
other file is byte for byte one it already passed. Any failed build forgets it all, so the next
build is a full one. Plain `mkdocs build` never turns it on.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

from ..loaders.memo import Memo
from ..model import KnowledgeBase
from ..render.edits import hand_on_rows, paper_pages, same_papers, text_edits
from ..render.index import Index, build_index
from ..render.markup import Lists
from ..render.uris import paper_uri
from .folder import remove, stamps
from .search_index import dump
from .templates import Bytecode
from .splice import Split, Splicer, patch

# MkDocs warns on each dirty build, and a strict build stops on a warning.
DIRTY_WARNING = "A 'dirty' build is being performed"
# Material's tags listing: the page holding it shows every page's tags and title, and a tag's
# chip on any page links to it only when the tags plugin knows it in the same build.
LISTING = "<!-- material/tags -->"
SEARCH_INDEX = "search/search_index.json"


@dataclass
class Record:
    """What a skipped page would have learnt by being read: MkDocs asks it of every page."""

    title: Any
    meta: dict
    anchors: set[str] | None
    links: dict[str, dict[str, str]]    # linked page's source path -> anchor -> link
    tags: frozenset = frozenset()       # the tags plugin's tags of the page


@dataclass
class LiveSite:
    enabled: bool = False
    kb: KnowledgeBase | None = None
    index: Index | None = None                        # the last render's, of kb
    made: tuple = ()                                  # what the rendered files were made from
    generated: dict[str, str] = field(default_factory=dict)
    site_key: str = ""
    keys: dict[str, str] = field(default_factory=dict)          # page source -> its digest
    records: dict[str, Record] = field(default_factory=dict)
    outputs: set[str] = field(default_factory=set)              # built files, site-relative
    search: dict[str, list] = field(default_factory=dict)       # page URL -> index entries
    stamps: dict[str, tuple[int, int]] = field(default_factory=dict)  # site file -> as written
    pending: dict = field(default_factory=dict)                 # this build's, until it ends
    memo: Memo = field(default_factory=Memo)                    # parses of unchanged files
    splicer: Splicer = field(default_factory=Splicer)           # blocks made apart, every build
    splits: dict[str, Split] = field(default_factory=dict)      # page source -> as last written
    bytecode: "Bytecode" = field(default_factory=lambda: Bytecode())

    def forget(self) -> None:
        """After a failed build: the site folder is emptied, so the next build is whole."""
        self.kb, self.index, self.made, self.generated, self.site_key = None, None, (), {}, ""
        self.keys, self.records, self.outputs, self.search = {}, {}, set(), {}
        self.splits, self.stamps = {}, {}
        self.splicer.forget_rows()

    def begin(self) -> None:
        self.pending = {}
        if not self.enabled:
            self.splicer.forget_rows()

    def rendered(self, kb: KnowledgeBase, made: tuple,
                 render_all: Callable[[Index, Mapping[str, str]], dict[str, str]],
                 lists: Lists) -> dict[str, str]:
        """render_all(index, same) (same: the paper pages known to render as they did), or the
        last build's files with the pages of notes whose text alone changed rendered again
        (lists: as render_all writes them)."""
        known = self.enabled and self.kb is not None and made == self.made
        edits = text_edits(self.kb, kb) if known else None
        if known:
            hand_on_rows(self.kb, kb, edits)
        index = build_index(kb)
        if edits is not None:
            generated = {**self.generated, **paper_pages(kb, edits, index, lists)}
        else:
            same = same_papers(self.kb, kb, self.index, index) if known and self.index \
                else frozenset()
            generated = render_all(index, {k: self.generated[paper_uri(k)] for k in same})
        if self.enabled:
            self.kb, self.made, self.generated, self.index = kb, made, generated, index
        return generated

    def decide(self, files: list, site_key: str) -> None:
        """Mark each page's file modified or not, for MkDocs' dirty build to build or skip."""
        whole = site_key != self.site_key
        # A listing shows every page's title and tags, which their front matter holds.
        listed = _digest(*(f"{f.src_uri}\0{_front_matter(f.content_string)}" for f in files))
        keys, skipped, patches = {}, set(), {}
        if whole:
            self.splicer.forget_rows()
        for file in files:
            text, split = file.content_string, self.splicer.splits.get(file.src_uri)
            keys[file.src_uri] = key = _digest(split.key() if split else text, str(file.edit_uri),
                                               listed if LISTING in text else "")
            built = not whole and self.keys.get(file.src_uri) == key \
                and file.src_uri in self.records and os.path.isfile(file.abs_dest_path)
            old = self.splits.get(file.src_uri)
            if built and split != old:
                written = Path(file.abs_dest_path).read_text(encoding="utf-8")
                patches[file.abs_dest_path] = patched = patch(old, split, written)
                built = patched is not None
            file.is_modified = (lambda: False) if built else (lambda: True)
            if built:
                skipped.add(file.src_uri)
        patches = {path: text for path, text in patches.items() if text is not None}
        self.pending.update(site_key=site_key, keys=keys, skipped=skipped, patches=patches)

    def restore(self, pages: list, files, mappings, mapping: Callable,
                listing: Callable) -> None:
        """Give each skipped page what reading it would have given, and the tags plugin its
        tags, in the order reading every page would have (mapping(page, tags) makes one), and
        its listings (listing(page) adds a skipped page's: tag chips link only to a listing
        the plugin knows)."""
        read = dict(mappings.data) if mappings is not None else {}
        skipped = self.pending["skipped"]
        for page in pages:
            if page.file.src_uri in skipped:
                record = self.records[page.file.src_uri]
                page.title, page.meta = record.title, record.meta
                page.present_anchor_ids = record.anchors
                linked = {files.get_file_from_path(src): links
                          for src, links in record.links.items()}
                page.links_to_anchors = {f: links for f, links in linked.items() if f}
                if LISTING in page.file.content_string:
                    page.content = ""       # the plugin fills it; MkDocs writes none of it
                    listing(page)
        if mappings is not None:
            mappings.data.clear()
            for page in pages:
                record = self.records.get(page.file.src_uri)
                if page.url in read:
                    mappings.data[page.url] = read[page.url]
                elif page.file.src_uri in skipped and record.tags:
                    mappings.data[page.url] = mapping(page, record.tags)
        self.pending["mappings"] = mappings
        self.pending["pages"] = pages
        self.pending["outputs"] = {f.dest_uri for f in files}

    def finish(self, site: Path, index: dict | None) -> dict[Path, str | None]:
        """Remove what is no longer built, complete the search index, keep this build in mind.
        Returns the files this build wrote, for the guard, each with the text to judge (None:
        the whole file); of the search index, the entries of the pages read this time."""
        pages, outputs = self.pending["pages"], self.pending["outputs"]
        for gone in sorted(self.outputs - outputs):
            remove(site, gone)
        judge: dict[Path, str | None] = {}
        for path, (text, figures) in self.pending["patches"].items():
            Path(path).write_text(text, encoding="utf-8")
            judge[Path(path)] = figures     # the rest of the file was judged when written
        skipped = self.pending["skipped"]
        read = {p.url for p in pages if p.file.src_uri not in skipped}
        if index is not None:
            entries = _by_page(index.get("docs", []))
            judge[site / SEARCH_INDEX] = dump({"docs": index.get("docs", [])})
            self.search = {p.url: entries.get(p.url, []) if p.url in read
                           else self.search.get(p.url, []) for p in pages}
            index["docs"] = [e for p in pages for e in self.search[p.url]]
            (site / SEARCH_INDEX).write_text(dump(index), encoding="utf-8")
        mappings = self.pending["mappings"]
        self.records = {p.file.src_uri: self.records[p.file.src_uri]
                        if p.file.src_uri in skipped else _record(p, mappings) for p in pages}
        self.site_key, self.keys = self.pending["site_key"], self.pending["keys"]
        self.outputs = outputs
        self.splicer.keep_only({p.file.src_uri for p in pages})
        self.splits = dict(self.splicer.splits)
        now = stamps(str(site))
        written = sorted(p for p, stamp in now.items() if self.stamps.get(p) != stamp)
        self.stamps = now
        return {Path(p): judge.get(Path(p)) for p in written}


def site_key(config_file: Path, theme_dirs: list[Path], files: list, nav_pages: list,
             included: list[Path]) -> str:
    """What every page shows or depends on: the configuration, the theme overrides, the pages
    there are, the navigation's titles, and the files that snippets include."""
    parts = [config_file.read_text(encoding="utf-8")]
    parts += [f"{p}\0{p.read_bytes()!r}" for d in theme_dirs for p in sorted(d.rglob("*"))
              if p.is_file()]
    parts += sorted(f.src_uri for f in files)
    parts += [f"{p.file.src_uri}\0{_title_lines(p.file.content_string)}" for p in nav_pages]
    parts += [f"{p}\0{p.read_bytes()!r}" for p in included if p.is_file()]
    return _digest(*parts)


def quiet_dirty_warning(record) -> bool:
    """A logging filter: MkDocs' warning that a build is dirty (LiveSite makes it whole)."""
    return DIRTY_WARNING not in record.getMessage()


def _title_lines(markdown: str) -> str:
    """Where a page's title comes from: its front matter and its headings of level one."""
    return "\n".join([_front_matter(markdown)] + [line for line in markdown.split("\n")
                                                  if line.startswith("# ")])


def _front_matter(markdown: str) -> str:
    if not markdown.startswith("---"):
        return ""
    end = markdown.find("\n---", 3)
    return markdown[: end if end >= 0 else len(markdown)]


def _record(page, mappings) -> Record:
    mapped = mappings.get(page) if mappings is not None else None
    return Record(page.title, page.meta, page.present_anchor_ids,
                  {f.src_uri: dict(links) for f, links in (page.links_to_anchors or {}).items()},
                  frozenset(mapped.tags) if mapped else frozenset())


def _by_page(entries: list[dict]) -> dict[str, list[dict]]:
    pages: dict[str, list[dict]] = {}
    for entry in entries:
        pages.setdefault(entry.get("location", "").partition("#")[0], []).append(entry)
    return pages


def _digest(*parts: str) -> str:
    hashed = hashlib.sha256()
    for part in parts:
        hashed.update(part.encode("utf-8", "surrogatepass") + b"\0\1")
    return hashed.hexdigest()

