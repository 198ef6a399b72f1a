"""The @string macros of one BibTeX file: their values, and the names defined twice, undefined
or defined in terms of themselves.

Names are compared without case, as BibTeX does. A definition may use a name defined later in the
file (`fmt` puts every @string first anyway); the month names jan ... dec are predefined, as in
BibTeX's standard styles. Each file has its own macros.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, NamedTuple

from bibtexparser import model

from ..diagnostic import Diagnostic, error
from ..text.columns import column_after_delimiter
from .expressions import READABLE, Part, parse_value

MONTHS = {name[:3].lower(): name for name in (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December")}
# Names that double at each step reach 2**40 characters in 40 lines: expansion stops here.
LIMIT = 2**20


class WhereWritten(NamedTuple):
    """Where a value is written, for the diagnostics about it."""

    path: str
    line: int
    col: int
    subject: str     # "@string 'mar'" or "field 'month' of 'doe2021x'"


@dataclass(frozen=True)
class Definition:
    name: str                        # as written
    parts: tuple[Part, ...] | None   # None: the value cannot be read
    site: WhereWritten


def define(strings: Iterable[model.String],
           path: str) -> tuple[dict[str, str | None], list[Diagnostic]]:
    """Lowercase name -> expanded text (None when it cannot be expanded), and the problems."""
    definitions, diagnostics = _definitions(strings, path)
    values: dict[str, str | None] = {**MONTHS, **dict.fromkeys(definitions)}
    for name in _postorder(definitions, diagnostics):
        definition = definitions[name]
        if definition.parts is not None:
            values[name] = expand(definition.parts, values, definition.site, diagnostics)
    return values, diagnostics


def expand(parts: tuple[Part, ...], values: dict[str, str | None], site: WhereWritten,
           diagnostics: list[Diagnostic]) -> str | None:
    """The text of a value, or None if a name in it is undefined, looping or too long."""
    texts, complete = [], True
    for part in parts:
        if not part.macro:
            texts.append(part.text)
        elif part.text.lower() not in values:
            complete = False
            diagnostics.append(_at(site, "undefined-string", f"{site.subject} uses the @string "
                                   f"'{part.text}', which this file does not define; define "
                                   f"it with @string{{{part.text} = {{...}}}} or write the "
                                   "text in braces"))
        else:
            text = values[part.text.lower()]   # None: its own definition is reported
            complete = complete and text is not None
            texts.append(text or "")
    size = sum(map(len, texts))
    if complete and size > LIMIT:
        diagnostics.append(_at(site, "string-too-long", f"{site.subject} expands to {size:,} "
                               f"characters, more than the {LIMIT:,} allowed; write the text "
                               "out instead of repeating @string names"))
        return None
    return "".join(texts) if complete else None


def _definitions(strings: Iterable[model.String],
                 path: str) -> tuple[dict[str, Definition], list[Diagnostic]]:
    """The first definition of each name; a later one is reported with the line of the first."""
    definitions: dict[str, Definition] = {}
    diagnostics: list[Diagnostic] = []
    for string in strings:
        site = WhereWritten(path, string.start_line + 1,
                            column_after_delimiter(string.raw, string.key),
                            f"@string '{string.key}'")
        first = definitions.get(string.key.lower())
        if first is not None:
            diagnostics.append(_at(site, "duplicate-string", f"{site.subject} is already "
                                   f"defined{_spelt(first.name, string.key)} at {path}:"
                                   f"{first.site.line}; keep one definition"))
            continue
        parts = parse_value(string.value)
        if parts is None:
            diagnostics.append(_at(site, "bibtex-syntax", f"{site.subject} has a value BibTeX "
                                   f"cannot read; {READABLE}"))
        definitions[string.key.lower()] = Definition(string.key, parts, site)
    return definitions, diagnostics


def _spelt(first: str, again: str) -> str:
    return "" if first == again else f" as '{first}'"


def _postorder(definitions: dict[str, Definition], diagnostics: list[Diagnostic]) -> list[str]:
    """Each name after the names its value uses (without recursion: chains can be long); a name
    that leads back to itself is reported once per loop."""
    order: list[str] = []
    done: set[str] = set()
    loops: set[frozenset[str]] = set()
    for root in definitions:
        if root in done:
            continue
        path, on_path, branches = [root], {root}, [iter(_uses(definitions[root]))]
        while path:
            name = next(branches[-1], None)
            if name is None:
                done.add(path[-1])
                on_path.discard(path[-1])
                order.append(path.pop())
                branches.pop()
            elif name in on_path:
                _report_loop(path[path.index(name):], definitions, loops, diagnostics)
            elif name in definitions and name not in done:
                path.append(name)
                on_path.add(name)
                branches.append(iter(_uses(definitions[name])))
    return order


def _uses(definition: Definition) -> list[str]:
    return list(dict.fromkeys(p.text.lower() for p in definition.parts or () if p.macro))


def _report_loop(cycle: list[str], definitions: dict[str, Definition],
                 loops: set[frozenset[str]], diagnostics: list[Diagnostic]) -> None:
    if frozenset(cycle) in loops:
        return
    loops.add(frozenset(cycle))
    start = min(range(len(cycle)), key=lambda i: definitions[cycle[i]].site.line)
    names = [definitions[n].name for n in cycle[start:] + cycle[:start]]
    site = definitions[cycle[start]].site
    diagnostics.append(_at(site, "string-loop", f"{site.subject} is defined in terms of itself "
                           f"({' -> '.join(names + names[:1])}); write one of them out in "
                           "braces"))


def _at(site: WhereWritten, code: str, message: str) -> Diagnostic:
    return error(site.path, site.line, site.col, code, message)
