"""Property tests over every kind of BibTeX block: random files made of entries, @string,
@preamble, @comment, implicit comments, broken blocks and repeats of any of them never make
`check` raise, and `fmt` either refuses with diagnostics or keeps every entry, field and value."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support import BASE
from readinglist import check, load
from readinglist.diagnostic import Diagnostic
from readinglist.edit.canonical_bib import UnformattableError, format_file
from readinglist.loaders.bibliography import read_papers
from readinglist.loaders.blocks import read_blocks
from readinglist.loaders.expressions import parse_value

PATH = "bib/supplement.bib"
# How many examples it takes: with the crash this suite was written for put back on a scratch
# copy (loaders/blocks.py taking the @string a duplicate-key block wraps for an entry), the first
# property ran with 120 random seeds and failed first at example 3 to 145 (median 42, 95th
# percentile 95); derandomized, as here, at example 43, and the second property fails too.
# 500 examples are over three times the worst seed. derandomize keeps CI on the same examples
# every run (Hypothesis also draws constants from the modules loaded, so the same suite gives
# the same examples); both properties take about 10 s.
SETTINGS = settings(max_examples=500, derandomize=True, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Small pools, so that names and keys repeat (in any case) as they do in real exports.
MACROS = ["mar", "Mar", "conf", "ed", "jan", "nowhere"]
KEYS = ["doe2021fine", "Doe2021Fine", "smith2020deep", "k", "x:1"]
FIELDS = ["title", "Title", "author", "year", "month", "note", "journal", "url", "crossref",
          "xdata"]
ENTRY_TYPES = ["misc", "Article", "INPROCEEDINGS", "book", "online"]
ACCENTS = ['{\\"o}', "\\'e", "\\c{c}", "{\\ss}", "\\v{s}", "\\`{a}", "$\\alpha^2$", "\\&",
           "\\%", "\\{", "--", "~"]
WORD = st.text(st.characters(codec="utf-8", categories=["L", "N", "Zs"],
                             include_characters=".,;:!?()=#%&'/-@<>*"), min_size=1, max_size=8)


def _group(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return inner.map(lambda text: "{" + text + "}")


# Text that may sit between braces: words, accents, line breaks and nested brace groups.
BRACED_TEXT = st.recursive(
    st.lists(st.one_of(WORD, st.sampled_from(ACCENTS), st.just("\n  "), st.just('"')),
             max_size=4).map("".join),
    lambda inner: st.lists(st.one_of(inner, _group(inner)), max_size=3).map("".join),
    max_leaves=8)
# Between quotes a double quote may appear only inside braces.
QUOTED_TEXT = st.lists(st.one_of(WORD, st.sampled_from(ACCENTS), _group(BRACED_TEXT)),
                       max_size=4).map("".join)
OPERAND = st.one_of(
    _group(BRACED_TEXT),
    QUOTED_TEXT.map(lambda text: f'"{text}"'),
    st.integers(0, 3000).map(str),
    st.sampled_from(MACROS),
)
VALUE = st.lists(OPERAND, min_size=1, max_size=3).flatmap(
    lambda parts: st.sampled_from([" # ", "#", " #\n    "]).map(lambda sep: sep.join(parts)))
CASED = st.sampled_from([str.lower, str.upper, str.capitalize])
DELIMITERS = st.sampled_from([("{", "}"), ("(", ")")])


@st.composite
def entry(draw) -> str:
    opening, closing = draw(DELIMITERS)
    fields = draw(st.lists(st.tuples(st.sampled_from(FIELDS), VALUE), max_size=5))
    separator = draw(st.sampled_from([",\n  ", ", "]))
    body = separator.join(f"{name} = {value}" for name, value in fields)
    trailing = draw(st.sampled_from(["", ",", ",\n"]))
    kind = draw(CASED)(draw(st.sampled_from(ENTRY_TYPES)))
    return f"@{kind}{opening}{draw(st.sampled_from(KEYS))},\n  {body}{trailing}{closing}"


@st.composite
def string(draw) -> str:
    opening, closing = draw(DELIMITERS)
    name, value = draw(st.sampled_from(MACROS)), draw(VALUE)
    return f"@{draw(CASED)('string')}{opening}{name} = {value}{closing}"


@st.composite
def preamble(draw) -> str:
    opening, closing = draw(DELIMITERS)
    return f"@{draw(CASED)('preamble')}{opening}{draw(VALUE)}{closing}"


@st.composite
def comment(draw) -> str:
    return f"@{draw(CASED)('comment')}{{{draw(BRACED_TEXT)}}}"


IMPLICIT = st.text(st.characters(codec="utf-8", exclude_characters="@"), max_size=30)
BROKEN = st.sampled_from([
    "@misc{open2021, title = {never closed\n",
    "@misc{nokey2021, title}",
    '@article(paren2021, title = "unbalanced {brace")',
    "@book{stray2021, title = {x}} }",
    "@misc{eq2021, title == {x}}",
])
BLOCK = st.one_of(entry(), string(), preamble(), comment(), IMPLICIT, BROKEN)


@st.composite
def bib_file(draw) -> str:
    """A sequence of blocks, some of them repeated word for word later in the file."""
    blocks = draw(st.lists(BLOCK, min_size=1, max_size=7))
    for _ in range(draw(st.integers(0, 2))):
        blocks.insert(draw(st.integers(0, len(blocks))), draw(st.sampled_from(blocks)))
    separators = draw(st.lists(st.sampled_from(["\n", "\n\n", " ", "\r\n"]),
                               min_size=len(blocks), max_size=len(blocks)))
    return "".join(block + sep for block, sep in zip(blocks, separators))


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    """One copy of the base tree for all examples: each writes only its own file."""
    root = tmp_path_factory.mktemp("blocks") / "kb"
    shutil.copytree(BASE, root)
    return root


def diagnose(root: Path, text: str) -> tuple[list[Diagnostic], int]:
    """Load and check the tree with the file in place; the file's line count."""
    (root / PATH).write_bytes(text.encode("utf-8"))
    kb, problems = load(root, history=False)
    return problems + check(kb), len(text.split("\n"))


def meaning(text: str):
    """What the loader makes of a file, positions aside: entries with their expanded fields,
    the blocks kept as written (white space aside: two comments may run into one), and the
    codes of the problems found."""
    papers, broken, diagnostics = read_papers(text, PATH)
    entries = sorted((p.key, p.entry_type, tuple(sorted(_values(p).items())),
                      tuple(sorted(p.unresolved))) for p in papers)
    verbatim = " ".join(" ".join(raw.split()) for raw in read_blocks(text, PATH).verbatim)
    return entries, sorted(broken), verbatim, Counter(d.code for d in diagnostics)


def _values(paper) -> dict:
    """Expanded values; one that uses an undefined name is kept as written, and `fmt` may write
    it another way (`"" # conf` as `{} # conf`), so it is compared part by part."""
    return {name: repr(parse_value(value)) if name in paper.unresolved else value
            for name, value in paper.values().items()}


@SETTINGS
@given(text=bib_file())
def test_check_returns_diagnostics_and_never_raises(tree, text):
    diagnostics, lines = diagnose(tree, text)
    for d in diagnostics:
        assert isinstance(d, Diagnostic) and "\n" not in str(d)
        assert d.path != PATH or 1 <= d.line <= lines, str(d)


@SETTINGS
@given(text=bib_file())
def test_fmt_refuses_with_diagnostics_or_keeps_every_value(text):
    try:
        formatted = format_file(text, PATH)
    except UnformattableError as refusal:
        assert refusal.diagnostics
        assert {d.code for d in refusal.diagnostics} <= {"bibtex-syntax", "duplicate-field"}
        return
    assert meaning(formatted) == meaning(text)
    assert format_file(formatted, PATH) == formatted
