"""Taxonomy loader: taxonomy/<section>.yml and taxonomy/tags.yml into sections and tags."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..diagnostic import Diagnostic, error
from ..model import Item, Position, Section, Tag, Topic
from .memo import Memo, fresh
from .shape import Reader
from .textfile import read_text
from .tree import Tree
from .yamltree import Node, Scalar, parse

from ..model import schema
from ..model.schema import ITEM_DETAILS, ITEM_KINDS, ORDERS, SECTION_IDS

TAGS_FILE = "taxonomy/tags.yml"
MAX_TOPIC_DEPTH = 6   # section > topic > ... : deeper than this no reader follows


def load_sections(root: Path, listing: Tree,
                  memo: Memo | None = None) -> tuple[tuple[Section, ...], list[Diagnostic]]:
    """The five sections in their canonical order; a missing or unknown file is a diagnostic.
    memo: parses of an earlier load (a serving process keeps them)."""
    sections, diagnostics = [], []
    present = {Path(p).stem for p in listing.listed("taxonomy", ".yml")} - {"tags", "proposals"}
    for section_id in SECTION_IDS:
        path = f"taxonomy/{section_id}.yml"
        if section_id not in present:
            if listing.refuses(path):   # already reported as a link or special file
                continue
            diagnostics.append(error(path, 1, 1, "missing-section", f"section file {path} is "
                                     f"missing; every reading list has {', '.join(SECTION_IDS)}"))
            continue
        section, found = _load_section(root, path, memo)
        sections += [section] if section else []
        diagnostics += found
    for extra in sorted(present - set(SECTION_IDS)):
        diagnostics.append(error(f"taxonomy/{extra}.yml", 1, 1, "unknown-section",
                                 f"'{extra}' is not a section (sections: "
                                 f"{', '.join(SECTION_IDS)}); move its topics into one of them"))
    return tuple(sections), diagnostics


def load_tags(root: Path, listing: Tree) -> tuple[tuple[Tag, ...], list[Diagnostic]]:
    if TAGS_FILE not in listing.files:
        missing = error(TAGS_FILE, 1, 1, "missing-section",
                        f"{TAGS_FILE} is missing; it lists the tags notes may use")
        return (), [] if listing.refuses(TAGS_FILE) else [missing]
    tree, diagnostics = _parse_file(root, TAGS_FILE)
    reader = Reader(TAGS_FILE, diagnostics)
    fields = reader.fields(tree, "the tags file", *schema.TAGS_FILE) if tree else None
    tags = []
    for node in reader.items((fields or {}).get("tags"), "'tags'"):
        tag = reader.fields(node, "a tag", *schema.TAG)
        read = len(reader.texts)
        if tag is None or reader.string(tag.get("id"), "tag id") is None:
            continue
        description = reader.string(tag.get("description"), "tag description") if \
            "description" in tag else None
        tags.append(Tag(tag["id"].value, description, TAGS_FILE, node.line, node.col,
                        tuple(reader.texts[read:])))
    return tuple(tags), reader.diagnostics


def _parse_file(root: Path, path: str) -> tuple[Node | None, list[Diagnostic]]:
    text, diagnostics = read_text(root, path)
    tree, found = parse(text, path)
    return tree, diagnostics + found


def _load_section(root: Path, path: str,
                  memo: Memo | None) -> tuple[Section | None, list[Diagnostic]]:
    text, read = read_text(root, path)
    return fresh(memo, ("section", path, text, tuple(map(str, read))),
                 lambda: _read_section(path, text, read))


def _read_section(path: str, text: str,
                  read: list[Diagnostic]) -> tuple[Section | None, list[Diagnostic]]:
    tree, found = parse(text, path)
    reader = Reader(path, read + found)
    if tree is None:
        if not reader.diagnostics:
            reader.report(Scalar("", 1, 1, True), "missing-field", f"{path} is empty; "
                          "write the section's id, title and topics")
        return None, reader.diagnostics
    fields = reader.fields(tree, "a section", *schema.SECTION)
    if fields is None:
        return None, reader.diagnostics
    section_id = reader.string(fields.get("id"), "section id")
    expected = Path(path).stem
    if section_id is not None and section_id != expected:
        reader.report(fields["id"], "section-id", f"section id '{section_id}' differs from its "
                      f"file name; write id: {expected}")
    order = _read_order(reader, fields.get("order"))
    source = _optional_key(reader, fields, "source", "section source")
    section = Section(
        id=expected, title=reader.string(fields.get("title"), "section title") or expected,
        order=order, intro=_optional(reader, fields, "intro", "section intro"),
        topics=_read_topics(reader, fields.get("topics")), path=path, line=tree.line, col=tree.col,
        source=source.value if source else None, source_at=_at(path, source),
        source_note=_optional(reader, fields, "source_note", "section source_note"))
    return replace(section, texts=tuple(reader.texts)), reader.diagnostics


def _read_order(reader: Reader, node: Node | None) -> str:
    if node is None:
        return "listed"
    order = reader.string(node, "section order")
    if order is not None and order not in ORDERS:
        reader.report(node, "invalid-order", f"order '{order}' is not one of "
                      f"{', '.join(ORDERS)}; frontier keeps topics least to most realistic")
    return order if order in ORDERS else "listed"


def _read_topics(reader: Reader, node: Node | None, depth: int = 1) -> tuple[Topic, ...]:
    if node is not None and depth > MAX_TOPIC_DEPTH:
        reader.report(node, "too-deep", f"topics nest more than {MAX_TOPIC_DEPTH} levels deep "
                      "here; a reader cannot follow that, so fold these into their parent")
        return ()
    topics = []
    for child in reader.items(node, "'topics'"):
        fields = reader.fields(child, "a topic", *schema.TOPIC)
        if fields is None:
            continue
        topic_id = reader.string(fields.get("id"), "topic id")
        title = reader.string(fields.get("title"), "topic title")
        if topic_id is None or title is None:
            continue
        id_node = fields["id"]
        suggestions = reader.strings(fields.get("suggestions"), "'suggestions'")
        topics.append(Topic(
            id=topic_id, title=title, why=_optional(reader, fields, "why", "topic 'why'"),
            items=_read_items(reader, fields.get("items")),
            topics=_read_topics(reader, fields.get("topics"), depth + 1),
            path=reader.path, line=id_node.line, col=id_node.col,
            suggestions=_values(suggestions), suggestions_at=_positions(reader.path, suggestions)))
    return tuple(topics)


def _read_items(reader: Reader, node: Node | None) -> tuple[Item, ...]:
    items = []
    for child in reader.items(node, "'items'"):
        fields = reader.fields(child, "an item", *schema.ITEM)
        if fields is None:
            continue
        kinds = [kind for kind in ITEM_KINDS if kind in fields]
        if len(kinds) != 1:
            found = f"has {' and '.join(kinds)}" if kinds else "has none of them"
            reader.report(child, "invalid-item", f"an item must have exactly one of "
                          f"{', '.join(ITEM_KINDS)}; this one {found}")
            continue
        kind = kinds[0]
        for detail in sorted(set(fields) & set(ITEM_DETAILS)):
            if ITEM_DETAILS[detail] != kind:
                reader.report(fields[detail], "invalid-item", f"only a {ITEM_DETAILS[detail]} "
                              f"item has '{detail}', not a {kind} item")
        text = reader.string(fields[kind], f"{kind}")
        if text is not None:
            items.append(_item(reader, fields, kind, text))
    return tuple(items)


def _item(reader: Reader, fields: dict[str, Node], kind: str, text: str) -> Item:
    def detail(name: str) -> str | None:
        return _optional(reader, fields, name, f"'{name}'") if ITEM_DETAILS[name] == kind \
            else None
    candidates = reader.strings(fields.get("candidates"), "'candidates'") \
        if kind == "todo" else ()
    value = fields[kind]
    return Item(kind, text, _values(candidates), reader.path, value.line, value.col,
                as_written=detail("as_written"), reason=detail("reason"),
                candidates_at=_positions(reader.path, candidates))


def _optional(reader: Reader, fields: dict[str, Node], name: str, what: str) -> str | None:
    return reader.string(fields[name], what) if name in fields else None


def _optional_key(reader: Reader, fields: dict[str, Node], name: str, what: str) -> Scalar | None:
    return fields[name] if name in fields and reader.string(fields[name], what) else None


def _values(scalars: tuple[Scalar, ...]) -> tuple[str, ...]:
    return tuple(scalar.value for scalar in scalars)


def _positions(path: str, scalars: tuple[Scalar, ...]) -> tuple[Position, ...]:
    return tuple(Position(path, scalar.line, scalar.col) for scalar in scalars)


def _at(path: str, scalar: Scalar | None) -> Position | None:
    return Position(path, scalar.line, scalar.col) if scalar is not None else None
