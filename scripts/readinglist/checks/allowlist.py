"""What a note or a docs page may carry into the site: a small allowlist of HTML, safe links.

MkDocs and Material sanitise nothing, so a script, an event handler or a `javascript:` link in a
pull request would reach every reader. This finds them in Markdown source, outside code, with
their line and column; obfuscations (mixed case, character entities, spaces and control
characters inside a scheme) are seen through the way a browser sees through them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from ..text.identifiers import url_as_read
from ..text.prose import INLINE_LINK, LINK_DEFINITION, TAG_START, blank_code_spans, prose_lines

SAFE_TAGS = frozenset("a abbr b br code dd del details div dl dt em figcaption figure hr i ins "
                      "kbd li mark ol p pre q s small span strong sub summary sup table tbody td "
                      "th thead tr u ul".split())
SAFE_ATTRIBUTES = frozenset("class id title href open markdown colspan rowspan align".split())
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
URL_ATTRIBUTES = frozenset({"href", "src", "xlink:href", "action", "formaction", "data"})

_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^<>\s]*>|<[^<>@\s]+@[^<>@\s]+>")
_MATH = re.compile(r"\$\$.*?\$\$|\$[^$\n]+\$")
_ATTR_LIST = re.compile(r"\{:?[ \t]*([^{}\n]*=[^{}\n]*)\}")
_ATTR_NAME = re.compile(r"(?:^|[\s])([A-Za-z_:][-\w:.]*)\s*=")
# A tag, an inline link, a link definition, an attribute list: without one, nothing to check.
_MAYBE_UNSAFE = re.compile(r"<[A-Za-z!/?]|\]\(|^\s{0,3}\[[^\]\n]+\]:|\{[^}\n]*=", re.MULTILINE)
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


@dataclass(frozen=True)
class UnsafeMarkup:
    line: int
    col: int
    code: str
    message: str


def scan(text: str, first_line: int = 1) -> list[UnsafeMarkup]:
    """Unsafe HTML, links and attribute lists in Markdown, outside fenced code and code spans."""
    if not _MAYBE_UNSAFE.search(text):   # most notes: no HTML, no links, no attribute lists
        return []
    visible = _blank_code(text)
    findings = _html_findings(_AUTOLINK.sub(lambda m: " " * len(m.group(0)), visible),
                              first_line) if TAG_START.search(visible) else []
    for number, line in enumerate(visible.split("\n"), first_line):
        findings += _link_findings(line, number) + _attribute_findings(line, number)
    return findings


def unsafe_scheme(url: str) -> str | None:
    """The scheme of a URL a browser would run or load unsafely, or None if it is safe."""
    match = _SCHEME.match(url_as_read(url))
    if match and match.group(1).lower() not in SAFE_SCHEMES:
        return match.group(1).lower()
    return None


def _blank_code(text: str) -> str:
    """The text with code replaced by spaces, so columns still point where they did."""
    lines = text.split("\n")
    visible = [""] * len(lines)
    for index in prose_lines(lines):
        visible[index] = blank_code_spans(lines[index])
    return "\n".join(visible)


def _link_findings(line: str, number: int) -> list[UnsafeMarkup]:
    found = []
    for pattern in (INLINE_LINK, LINK_DEFINITION):
        for match in pattern.finditer(line):
            url = match.group(1)
            scheme = unsafe_scheme(url)
            if scheme:
                found.append(UnsafeMarkup(number, match.start(1) + 1, "unsafe-link",
                                     f"link '{url[:60]}' uses the scheme '{scheme}:'; links may "
                                     "be http, https, mailto or relative"))
    return found


def _attribute_findings(line: str, number: int) -> list[UnsafeMarkup]:
    found = []
    for match in _ATTR_LIST.finditer(_MATH.sub(lambda m: " " * len(m.group(0)), line)):
        for name in _ATTR_NAME.finditer(match.group(1)):
            lowered = name.group(1).lower()
            if lowered.startswith("on") or lowered in ("style", "src"):
                col = match.start(1) + name.start(1) + 1
                found.append(UnsafeMarkup(number, col, "unsafe-attribute", f"attribute list sets "
                                     f"'{name.group(1)}'; event handlers, style and src are not "
                                     "allowed (use a class)"))
    return found


def _html_findings(text: str, first_line: int) -> list[UnsafeMarkup]:
    parser = _TagScanner(first_line)
    parser.feed(text)
    parser.close()
    return parser.findings


class _TagScanner(HTMLParser):
    def __init__(self, first_line: int):
        super().__init__(convert_charrefs=True)
        self.line_shift = first_line - 1   # not "offset": HTMLParser uses that name
        self.findings: list[UnsafeMarkup] = []

    def handle_starttag(self, tag, attrs):
        line, col = self.getpos()
        where = (line + self.line_shift, col + 1)
        if tag not in SAFE_TAGS:
            self._report(where, "unsafe-html", f"<{tag}> is not allowed in a note or page; "
                         "use Markdown, or one of the tags docs/checks.md lists")
        for name, value in attrs:
            if name.startswith("on") or name not in SAFE_ATTRIBUTES | URL_ATTRIBUTES:
                self._report(where, "unsafe-html", f"attribute '{name}' on <{tag}> is not "
                             "allowed (event handlers, style and the like can run code)")
            elif name in URL_ATTRIBUTES and value and (scheme := unsafe_scheme(value)):
                self._report(where, "unsafe-link", f"{name}='{value[:60]}' on <{tag}> uses the "
                             f"scheme '{scheme}:'; links may be http, https, "
                             "mailto or relative")

    handle_startendtag = handle_starttag

    def _report(self, where: tuple[int, int], code: str, message: str) -> None:
        self.findings.append(UnsafeMarkup(where[0], where[1], code, message))
