"""Strict YAML: a position-carrying tree built from parser events.

PyYAML's loaders keep the last of two duplicate keys, expand aliases (the billion laughs) and turn
`2101.00010` into a float. We read events instead, so every value stays a string with its line and
column, and each of those traps becomes a diagnostic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Union

import yaml

from ..diagnostic import Diagnostic, error

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_RESOLVER = yaml.resolver.Resolver()
_RESOLVABLE_FIRST = frozenset("-+.0123456789yYnNtTfFoO~=<")
_TYPE_NAMES = {"bool": "a boolean", "int": "an integer", "float": "a float", "null": "null",
               "timestamp": "a date"}


@dataclass(frozen=True)
class Scalar:
    value: str
    line: int
    col: int
    plain: bool
    alias: bool = False   # stands in for a refused alias: already reported, read as nothing


@dataclass(frozen=True)
class Sequence:
    items: tuple["Node", ...]
    line: int
    col: int


@dataclass(frozen=True)
class Mapping:
    items: tuple[tuple[Scalar, "Node"], ...]
    line: int
    col: int

    def get(self, key: str) -> "Node | None":
        return next((value for name, value in self.items if name.value == key), None)


Node = Union[Scalar, Sequence, Mapping]


def parse(text: str, path: str, line_offset: int = 0) -> tuple[Node | None, list[Diagnostic]]:
    """One YAML document as a tree, or None and the reason it could not be read."""
    flat = _parse_flat(text, line_offset)
    if flat is not None:
        return flat, []
    builder = _Builder(path, line_offset)
    try:
        loader = Loader(text)
        try:
            feed, next_event = builder.feed, loader.get_event
            while (event := next_event()) is not None:
                feed(event)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        line, col = _inside(text, *((mark.line + 1, mark.column + 1) if mark else (1, 1)))
        return None, [error(path, line + line_offset, col, "yaml-syntax",
                            f"{problem}; fix the YAML syntax here")]
    except yaml.YAMLError as exc:  # a reader error (a control character) has a position, no mark
        position = getattr(exc, "position", 0) or 0
        before = text[:position]
        line, col = before.count("\n") + 1, position - before.rfind("\n")
        reason = getattr(exc, "reason", None) or str(exc).splitlines()[0]
        return None, [error(path, line + line_offset, col, "yaml-syntax",
                            f"{reason}; remove the character or quote the text")]
    return builder.result()


# A note's front matter is nearly always `key: word` and `key: [word, word]` lines. Those read
# directly give the very tree the parser would build; anything else goes to the parser.
_FLAT_SCALAR = re.compile(r"([a-z_]+): ([A-Za-z0-9][\w.\-]*)")
_FLAT_LIST = re.compile(r"([a-z_]+): \[((?:[A-Za-z0-9][\w.\-]*(?:, [A-Za-z0-9][\w.\-]*)*)?)\]")
_FLAT_WORD = re.compile(r"[A-Za-z0-9][\w.\-]*")


def _parse_flat(text: str, line_offset: int) -> Mapping | None:
    pairs, seen = [], set()
    for number, line in enumerate(text.split("\n"), 1 + line_offset):
        if not line:
            continue
        scalar = _FLAT_SCALAR.fullmatch(line)
        listed = None if scalar else _FLAT_LIST.fullmatch(line)
        match = scalar or listed
        if match is None or match.group(1) in seen:
            return None
        seen.add(match.group(1))
        key = Scalar(match.group(1), number, 1, True)
        value_col = len(match.group(1)) + 3
        if scalar:
            value = Scalar(match.group(2), number, value_col, True)
        else:
            words = [Scalar(w.group(0), number, value_col + 1 + w.start(), True)
                     for w in _FLAT_WORD.finditer(match.group(2))]
            value = Sequence(tuple(words), number, value_col)
        pairs.append((key, value))
    if not pairs:
        return None
    return Mapping(tuple(pairs), pairs[0][0].line, 1)


def _inside(text: str, line: int, col: int) -> tuple[int, int]:
    """A position kept inside the text: libyaml reports the end of an unterminated last line
    as the start of the line after it."""
    lines = text.split("\n")
    if line > len(lines):
        return len(lines), len(lines[-1]) + 1
    return line, col


def scalar_type(node: Scalar) -> str:
    """What a YAML 1.1 loader would make of this scalar: 'str', 'float', 'bool', ..."""
    if not node.plain or (node.value and node.value[0] not in _RESOLVABLE_FIRST):
        return "str"   # no YAML 1.1 implicit type starts with this character
    tag = _RESOLVER.resolve(yaml.ScalarNode, node.value, (True, False))
    return tag.rsplit(":", 1)[-1]


def describe_type(name: str) -> str:
    return _TYPE_NAMES.get(name, name)


class _Builder:
    """Turns the flat event stream into nested nodes, without recursion (deep input stays safe)."""

    def __init__(self, path: str, line_offset: int):
        self.path = path
        self.offset = line_offset
        self.stack: list[tuple[object, list]] = []
        self.documents: list[Node] = []
        self.diagnostics: list[Diagnostic] = []

    def feed(self, event: yaml.Event) -> None:
        line = event.start_mark.line + 1 + self.offset
        col = event.start_mark.column + 1
        kind = type(event)
        if kind is yaml.ScalarEvent and event.anchor is None and event.tag is None:
            # the common case first: a plain or quoted value with nothing to refuse
            self._add(Scalar(event.value, line, col, bool(event.implicit[0]) and not event.style))
            return
        if isinstance(event, yaml.AliasEvent):
            self._refuse(line, col, "yaml-alias", f"alias '*{event.anchor}' is not allowed; "
                         "write the value out in full")
            self._add(Scalar(f"*{event.anchor}", line, col, False, alias=True))
            return
        if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
            self._check_node_event(event, line, col)
        if isinstance(event, yaml.ScalarEvent):
            plain = bool(event.implicit[0]) and not event.style
            self._add(Scalar(event.value, line, col, plain))
        elif isinstance(event, yaml.SequenceStartEvent):
            self.stack.append((Sequence, [line, col]))
        elif isinstance(event, yaml.MappingStartEvent):
            self.stack.append((Mapping, [line, col]))
        elif isinstance(event, yaml.CollectionEndEvent):
            kind, parts = self.stack.pop()
            line0, col0, *items = parts
            node = (Sequence(tuple(items), line0, col0) if kind is Sequence
                    else Mapping(self._pairs(items), line0, col0))
            self._add(node)

    def _check_node_event(self, event, line: int, col: int) -> None:
        if event.anchor is not None:
            self._refuse(line, col, "yaml-alias", f"anchor '&{event.anchor}' is not allowed; "
                         "write each value out in full")
        if event.tag is not None:
            tag = event.tag.replace("tag:yaml.org,2002:", "!!")
            self._refuse(line, col, "yaml-tag", f"tag '{tag}' is not allowed; remove it "
                         "(quote the value if it is text)")

    def _refuse(self, line: int, col: int, code: str, message: str) -> None:
        self.diagnostics.append(error(self.path, line, col, code, message))

    def _add(self, node: Node) -> None:
        if self.stack:
            self.stack[-1][1].append(node)
        else:
            self.documents.append(node)

    def _pairs(self, flat: list[Node]) -> tuple[tuple[Scalar, Node], ...]:
        pairs, seen = [], {}
        for key, value in zip(flat[0::2], flat[1::2]):
            if not isinstance(key, Scalar):
                self._refuse(key.line, key.col, "yaml-syntax",
                             "a mapping key must be a plain string; write it as text")
                continue
            if key.value in seen:
                self._refuse(key.line, key.col, "yaml-duplicate-key",
                             f"key '{key.value}' is repeated (first on line {seen[key.value]}); "
                             "keep one")
                continue
            seen[key.value] = key.line
            pairs.append((key, value))
        return tuple(pairs)

    def result(self) -> tuple[Node | None, list[Diagnostic]]:
        if len(self.documents) > 1:
            second = self.documents[1]
            self._refuse(second.line, second.col, "yaml-syntax",
                         "a second YAML document is not allowed; keep one document per file")
        document = self.documents[0] if self.documents else None
        return document, self.diagnostics
