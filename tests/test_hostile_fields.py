"""The notes' hostile corpus, tried in every text field of bib/ and taxonomy/: `check` names each
value that carries markup or a link a browser would run, at its line and column; a build that is
not strict shows every one as text, in every file it writes (the theme's <head>, header and
navigation included); a strict build refuses and leaves no page behind."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from support import CASES, build_site, write_tree
from readinglist import check, load
from readinglist.hooks.built import file_problems, theme_scripts

TAG_START = re.compile(r"<[A-Za-z/!?]")
BIB_TEXT = ("title", "author", "journal", "note", "publisher")
BIB_LINKS = ("url", "video")                      # the payload is the whole address
BIB_IN_LINKS = ("pdf", "code", "slides", "doi")   # the payload inside a well-formed value
TAXONOMY_TEXT = ("title", "why", "as_written", "todo", "reason", "question", "description")


def payloads() -> list[str]:
    """The body of each HTML and Markdown note payload, on one line."""
    found = []
    for case in sorted((CASES / "hostile").glob("*.yml")):
        if case.stem.startswith(("html-", "md-")):
            note = next(iter(yaml.safe_load(case.read_text(encoding="utf-8"))["files"].values()))
            body = note.split("---\n", 2)[2].replace("Kernels, briefly.", "")
            found.append(" ".join(body.split()))
    return found


PAYLOADS = payloads()


def bib_entry(index: int, payload: str) -> str:
    values = {**{name: f"Hostile {payload}" for name in BIB_TEXT}, "year": "2021",
              "author": f"Doe, Jo {payload}", "url": payload, "video": f" {payload}",
              "pdf": f"https://example.org/{payload}", "code": f"https://example.org/{payload}",
              "slides": f"https://example.org/{payload}", "doi": f"10.1000/{payload}"}
    fields = "".join(f"  {name:<13} = {{{value}}},\n" for name, value in values.items())
    return f"@article{{hostile{index:02d},\n{fields}}}\n"


def topic(index: int, payload: str) -> str:
    quoted = json.dumps(payload)
    return (f"  - id: hostile-{index}\n    title: {json.dumps(f'Hostile {payload}')}\n"
            f"    why: {quoted}\n    items:\n"
            f"      - paper: hostile{index:02d}\n        as_written: {quoted}\n"
            f"      - todo: {quoted}\n        candidates: [hostile{index:02d}]\n"
            f"        reason: {quoted}\n      - question: {quoted}\n")


@pytest.fixture
def hostile_tree(site_tree: Path) -> Path:
    """The real list with one entry, one topic and one tag per payload, and every payload in
    the Other section's title, intro and source note."""
    every = " ".join(PAYLOADS)
    bib = site_tree / "bib/references.bib"
    other = (site_tree / "taxonomy/other.yml").read_text(encoding="utf-8")
    head, topics = other.split("\ntopics:\n", 1)
    head = re.sub(r"(?m)^title: .*$", f"title: {json.dumps('Other ' + every)}", head)
    head = re.sub(r"(?ms)^intro: .*?(?=^\S)", f"intro: {json.dumps(every)}\n", head)
    head += f"\nsource: hostile00\nsource_note: {json.dumps(every)}"
    tags = (site_tree / "taxonomy/tags.yml").read_text(encoding="utf-8") + "".join(
        f"  - id: hostile-{i}\n    description: {json.dumps(p)}\n" for i, p in enumerate(PAYLOADS))
    return write_tree(site_tree, {
        "bib/references.bib": bib.read_text(encoding="utf-8") + "\n" + "\n".join(
            bib_entry(i, p) for i, p in enumerate(PAYLOADS)),
        "taxonomy/other.yml": f"{head}\ntopics:\n" + "".join(
            topic(i, p) for i, p in enumerate(PAYLOADS)) + topics,
        "taxonomy/tags.yml": tags})


def expected(root: Path) -> set[tuple[str, int, int, str]]:
    """(path, line, col, code) for each written value that must be reported."""
    found = set()
    for path in ("bib/references.bib", "taxonomy/other.yml", "taxonomy/tags.yml"):
        for number, line in enumerate((root / path).read_text().split("\n"), 1):
            if "hostile" in path or not any(p in line for p in PAYLOADS if p):
                continue
            name = line.strip().split()[0].rstrip(":")
            start = line.index("{") + 1 if path.endswith(".bib") else line.index(": ") + 2
            start += len(line[start:]) - len(line[start:].lstrip())
            if path.endswith(".bib") and name in BIB_LINKS:
                found.add((path, number, start + 1, "unsafe-url"))
            tag = TAG_START.search(line, start)
            if tag and (path.endswith(".bib") or name in TAXONOMY_TEXT + ("intro", "source_note")):
                col = tag.start() + 1 if path.endswith(".bib") else start + 1
                found.add((path, number, col, "markup-in-field"))
    return found


def test_check_names_every_hostile_value(hostile_tree):
    kb, problems = load(hostile_tree, history=False)
    reported = {(d.path, d.line, d.col, d.code) for d in problems + check(kb)}
    wanted = expected(hostile_tree)
    assert len(wanted) > 10 * len(PAYLOADS)
    assert wanted - reported == set()


def test_a_lenient_build_shows_every_value_as_text(hostile_tree, tmp_path):
    site = tmp_path / "site"
    result = build_site(hostile_tree, site, strict=False)
    assert result.returncode == 0, result.stderr[-3000:]
    scripts = theme_scripts(p.read_text(encoding="utf-8")
                            for p in theme_template_files(hostile_tree))
    runnable = [p for p in PAYLOADS if TAG_START.search(p)]
    for path in (p for p in site.rglob("*") if p.suffix in (".html", ".svg", ".xml")):
        text = path.read_text(encoding="utf-8")
        assert file_problems(path.name, text, scripts) == [], path
        assert [p for p in runnable if p in text] == [], path
    page = (site / "papers/hostile13/index.html").read_text(encoding="utf-8")
    assert "<title>Hostile &lt;img src=x onerror=alert(1)&gt;" in page


def test_a_strict_build_refuses_and_leaves_no_page(hostile_tree, tmp_path):
    site = tmp_path / "site"
    result = build_site(hostile_tree, site)
    assert result.returncode == 1
    assert "markup-in-field" in result.stderr and "unsafe-url" in result.stderr
    assert list(site.rglob("*")) == []


def theme_template_files(root: Path) -> list[Path]:
    import material
    folders = [root / "docs/overrides", Path(material.__file__).parent / "templates"]
    return [p for folder in folders for p in folder.rglob("*.html")]
