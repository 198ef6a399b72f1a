"""`readinglist add` and `new`: turn an identifier into the three changes a new paper needs."""

from __future__ import annotations

import os
import re
import stat
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import bibtexparser

from ..checks import check
from ..diagnostic import Diagnostic
from ..loaders.bibliography import read_papers
from ..loaders.knowledge import load
from ..model import NOTE_TEMPLATE, KnowledgeBase, Section
from ..text.identifiers import (ARXIV_URL, DOI_PREFIX, arxiv_id, doi_key, expected_key,
                                free_key, identities)
from ..loaders.textfile import decode
from ..loaders.tree import walk
from .canonical_bib import field_of, format_entry
from .insert import EditError, insert_entry, insert_item
from .transaction import Change, decode_for_edit, read_existing

BIB_FILE = "bib/references.bib"


class AddError(ValueError):
    """The paper cannot be added; the message says why and what to do."""


class ExportError(AddError):
    """The BibTeX file given to add has problems, each with its path, line and column."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__(f"{len(diagnostics)} problems in the BibTeX file")
        self.diagnostics = diagnostics


@dataclass(frozen=True)
class NewPaper:
    key: str
    entry: str
    title: str
    remarks: tuple[str, ...] = ()   # what the reader of the command's output should know


def parse_identifier(text: str) -> tuple[str, str]:
    """('arxiv', '2011.14522') or ('doi', '10.1016/...') from any usual spelling."""
    text = text.strip()
    bare = re.sub(r"^arxiv:\s*", "", text, flags=re.I)
    match = ARXIV_URL.match(bare)
    found = arxiv_id(match.group(1) if match else bare)
    if found:
        return "arxiv", found
    doi = doi_key(text)
    if doi and DOI_PREFIX.sub("", text).startswith("10."):
        return "doi", DOI_PREFIX.sub("", text)
    raise AddError(f"'{text}' is neither an arXiv id (2011.14522, arXiv:2011.14522v2, an "
                   "arxiv.org URL) nor a DOI (10.xxxx/..., a doi.org URL)")


def refuse_known(kb: KnowledgeBase, found: set[tuple[str, str]]) -> None:
    for paper in kb.papers.values():
        same = found & identities(paper.values())
        if same:
            kind, value = sorted(same)[0]
            raise AddError(f"{'arXiv id' if kind == 'arxiv' else 'DOI'} {value} is already in "
                           f"the bibliography as '{paper.key}' ({paper.path}:{paper.line}); "
                           f"list it with '- paper: {paper.key}' instead")


def read_export(path: Path) -> str:
    """The text of the BibTeX file named on the command line (a reference manager's export, kept
    anywhere). A folder, a pipe or a device is refused without reading from it."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise AddError(f"{path} does not exist") from None
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise AddError(f"{path} is not a regular file; --bibtex reads a BibTeX file")
    with os.fdopen(descriptor, "rb") as stream:
        text, problems = decode(stream.read(), str(path))
    if problems:
        raise ExportError(problems)
    return text


def read_bibtex(kb: KnowledgeBase, text: str, path: str) -> list[NewPaper]:
    """Entries from a Zotero / Better BibTeX export, re-keyed and in canonical form."""
    read, _, problems = read_papers(text, path)   # values with their @string names expanded
    errors = [d for d in problems if d.severity == "error"]
    if errors:
        raise ExportError(errors)
    raw = bibtexparser.parse_string(text, parse_stack=[])   # values as written, for the entry
    if not read:
        raise AddError(f"{path} holds no BibTeX entry")
    taken, seen, papers = {key.lower() for key in kb.papers}, set(), []
    for paper, written in zip(read, raw.entries):
        values = paper.values()
        found = identities(values)
        refuse_known(kb, found)
        if found & seen:
            raise AddError(f"the file lists {sorted(found & seen)[0][1]} twice")
        seen |= found
        base = expected_key(values.get("author", ""), values.get("year", ""),
                            values.get("title", ""))
        key = free_key(base or "anonymous", taken)
        taken.add(key)
        papers.append(NewPaper(key, format_entry(written.entry_type, key,
                                                 [field_of(f) for f in written.fields]),
                               values.get("title", key)))
    return papers


def resolve_target(kb: KnowledgeBase, target: str) -> tuple[Section, list[str]]:
    """The section and topic path --to names; said before anything is read or fetched."""
    section_id, *topic_path = target.strip("/").split("/")
    section = next((s for s in kb.sections if s.id == section_id), None)
    if section is None or not topic_path:
        raise EditError(f"--to {target}: write SECTION/TOPIC[/SUBTOPIC], where SECTION is one "
                       f"of {', '.join(s.id for s in kb.sections)}")
    topics = section.topics
    for depth, topic_id in enumerate(topic_path, 1):
        found = next((topic for topic in topics if topic.id == topic_id), None)
        if found is None:
            raise EditError(f"no topic '{'/'.join(topic_path[:depth])}' (topics here: "
                            f"{', '.join(topic.id for topic in topics) or 'none'})")
        topics = found.topics
    return section, topic_path


def plan(root: Path, kb: KnowledgeBase, papers: list[NewPaper], target: str) -> list[Change]:
    section, topic_path = resolve_target(kb, target)
    bib = decode_for_edit(read_existing(root, BIB_FILE) or b"")
    taxonomy = decode_for_edit(read_existing(root, section.path) or b"")
    notes = []
    for paper in papers:
        bib = insert_entry(bib, paper.key, paper.entry)
        taxonomy = insert_item(taxonomy, topic_path, f"paper: {paper.key}")
        if paper.key not in kb.notes:
            notes.append(Change(f"notes/{paper.key}.md", note_stub(root)))
    return [Change(BIB_FILE, bib), Change(section.path, taxonomy), *notes]


def note_stub(root: Path) -> str:
    template = read_existing(root, NOTE_TEMPLATE)
    if template is not None:
        return decode_for_edit(template)
    return "---\nstatus: to-read\ntags: []\n---\n\n**In one line.**\n"


def new_errors(root: Path, changes: list[Change]) -> list[Diagnostic]:
    """Errors the changes would introduce into the files they change, found by loading a copy of
    the regular files with the changes applied (links and special files are not copied)."""
    remaining = Counter((d.path, d.code) for d in _errors(root))
    changed = {change.path for change in changes}
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch)
        for path in walk(root, ("taxonomy", "bib", "notes")).files:
            (copy / path).parent.mkdir(parents=True, exist_ok=True)
            (copy / path).write_bytes(read_existing(root, path) or b"")
        for change in changes:
            (copy / change.path).parent.mkdir(parents=True, exist_ok=True)
            (copy / change.path).write_text(change.text, encoding="utf-8")
        after = _errors(copy)
    introduced = []
    for diagnostic in (d for d in after if d.path in changed):
        if remaining[diagnostic.path, diagnostic.code] > 0:
            remaining[diagnostic.path, diagnostic.code] -= 1
        else:
            introduced.append(diagnostic)
    return introduced


def _errors(root: Path) -> list[Diagnostic]:
    kb, problems = load(root)
    return [d for d in problems + check(kb) if d.severity == "error"]
