"""The last line of defence: what a built file of the site carries that a browser could run.

`check` refuses unsafe values at their source and the renderer escapes what it writes; this
reads what the build wrote, whole (the theme's `<head>` and header included), in case a value
reached a page some other way. The theme's own scripts are known by their text, read from its
templates, so a script that a value smuggled in is told apart from them.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import Iterable
from xml.etree import ElementTree

from ..checks.allowlist import URL_ATTRIBUTES, unsafe_scheme

# Elements that load or run something whatever their attributes, or change where links go.
RUNNING_ELEMENTS = frozenset({"script", "iframe", "frame", "object", "embed", "applet", "base"})
SCRIPT_SCHEMES = frozenset({"javascript", "vbscript", "data", "livescript"})
# The theme's search button: a link that does nothing, written by Material itself.
_NO_OP_LINK = 'href="javascript:void(0)"'
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_SCRIPT_START = re.compile(r"<script", re.IGNORECASE)
# A script of the site's own: a path on the site (never `//host/...`) to a .js file.
_SOURCE = re.compile(r'^\s*src="(?!.*//)([A-Za-z0-9_./-]+\.js)"\s*$')
_CONFIG = re.compile(r'^\s*id="__config"\s+type="application/json"\s*$')
_TEMPLATE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
_EXPRESSION = re.compile(r"\{\{.*?\}\}", re.DOTALL)
# What could run, looked for in the lowered markup before it is parsed to be sure: an element
# above, a script scheme, a reference or control character in an attribute value, a refresh;
# and a handler (`on...=` after a space, a slash, a quote or a control character).
_SUSPECTS = tuple(re.compile(pattern) for pattern in (
    r"<(?:" + "|".join(sorted(RUNNING_ELEMENTS)) + r")\b", r"script[\s\x00-\x20\x7f]*[:&]",
    r"data[\s\x00-\x20\x7f]*[:&]", r"=\s*[\"'][^\"'>]*[&\x00-\x1f\x7f]", r"=[^\s\"'>]*&",
    r"refresh"))
_HANDLER = re.compile(r"on[a-z0-9_-]*\s*=")
_BEFORE_HANDLER = frozenset(" \t\n\r\f/\"'") | frozenset(map(chr, range(32)))


def theme_scripts(templates: Iterable[str]) -> tuple[re.Pattern, ...]:
    """The inline scripts the theme's templates write, each a pattern of its text (a Jinja
    expression in it stands for a value without quotes, brackets or backslashes)."""
    patterns = []
    for template in templates:
        for body in _TEMPLATE_SCRIPT.findall(template):
            if "{%" not in body:
                parts = [re.escape(part) for part in _EXPRESSION.split(body)]
                patterns.append(re.compile(r"[^\"'<>\\\n]*".join(parts)))
    return tuple(patterns)


def file_problems(name: str, text: str, scripts: tuple[re.Pattern, ...]) -> list[str]:
    """What could run in one built file, judged by its kind; files of other kinds are data."""
    if name.endswith(".html"):
        return page_problems(text, scripts)
    if name.endswith(".svg"):
        return fragment_problems(text)
    if name.endswith(".xml"):
        return _feed_problems(text)
    if name.endswith("search_index.json"):   # the theme shows titles and text as HTML
        docs = json.loads(text).get("docs", [])
        return [p for doc in docs for key in ("title", "text")
                for p in fragment_problems(str(doc.get(key, "")))]
    return []


def page_problems(page: str, scripts: tuple[re.Pattern, ...]) -> list[str]:
    """A whole page: its article holds no script at all; around it, only the theme's own."""
    start, end = page.find("<article"), page.rfind("</article>")
    article = page[start:end] if 0 <= start <= end else ""
    outside = page[:start] + page[end:] if article else page
    problems, rest = _judge_scripts(outside, scripts)
    rest = rest.replace(_NO_OP_LINK, " " * len(_NO_OP_LINK))
    if _suspect(rest):   # each script left in it is reported above already
        problems += [p for p in fragment_problems(rest) if p != "a <script> element"]
    if _suspect(article):
        problems += [f"{problem} in the article" for problem in fragment_problems(article)]
    return problems


def fragment_problems(markup: str) -> list[str]:
    """Scripts, running elements, handlers and script URLs anywhere in a piece of HTML."""
    if "<" not in markup:
        return []
    scanner = _Scanner()
    scanner.feed(markup)
    scanner.close()
    return scanner.problems


def _suspect(markup: str) -> bool:
    # One search each on the lowered text: Python's re tries every branch of an alternation,
    # and every case of a letter, at every position.
    lowered = markup.lower()
    return any(suspect.search(lowered) for suspect in _SUSPECTS) or any(
        lowered[m.start() - 1] in _BEFORE_HANDLER for m in _HANDLER.finditer(lowered, 1))


def _judge_scripts(markup: str, scripts: tuple[re.Pattern, ...]) -> tuple[list[str], str]:
    """Problems with the script elements, and the markup with the accepted ones blanked."""
    problems, accepted = [], []
    for start in (m.start() for m in _SCRIPT_START.finditer(markup)):
        element = _SCRIPT.match(markup, start)
        if element and _is_theirs(element, scripts):
            accepted.append(element.span())
        else:
            shown = " ".join(markup[start:start + 60].split())
            problems.append(f"a script the theme does not write: '{shown}'")
    for start, end in reversed(accepted):
        markup = markup[:start] + " " * (end - start) + markup[end:]
    return problems, markup


def _is_theirs(element: re.Match, scripts: tuple[re.Pattern, ...]) -> bool:
    attributes, body = element.group(1), element.group(2)
    if _SOURCE.match(attributes):
        return not body.strip()
    if _CONFIG.match(attributes):
        return _is_json(body)
    return not attributes.strip() and any(p.fullmatch(body) for p in scripts)


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def _feed_problems(text: str) -> list[str]:
    """HTML carried by a feed (content or summary of type html) is HTML to the reader's app."""
    try:
        root = ElementTree.fromstring(text.encode("utf-8"))
    except ElementTree.ParseError as problem:
        return [f"XML that does not parse ({problem})"]
    return [p for element in root.iter() if element.get("type") in ("html", "xhtml")
            for p in fragment_problems(ElementTree.tostring(element, encoding="unicode")
                                       if element.get("type") == "xhtml" else element.text or "")]


class _Scanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in RUNNING_ELEMENTS:
            self.problems.append(f"a <{tag}> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"an event handler '{name}' on <{tag}>")
            elif name in URL_ATTRIBUTES and value and \
                    (scheme := unsafe_scheme(value)) in SCRIPT_SCHEMES:
                self.problems.append(f"a {scheme}: URL in {name} on <{tag}>")
            elif tag == "meta" and name == "http-equiv" and (value or "").lower() == "refresh":
                self.problems.append("a <meta> refresh, which can send the reader anywhere")

    handle_startendtag = handle_starttag
