"""The repository's own knowledge base: clean as committed; one corruption, one diagnostic."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from support import REPO, complete

SECTION_FILES = [f"taxonomy/{name}.yml" for name in
                 ("hyperparams", "models", "optimization", "data", "other")]


def run(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "readinglist", *args, "--root", str(root)],
                          capture_output=True, text=True, timeout=60)


def test_real_knowledge_base_checks_clean_even_when_strict():
    result = run(REPO, "check", "--strict")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def line_of(path: Path, pattern: str) -> int:
    """1-based line of the first line matching pattern."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if re.search(pattern, line))


def insert_after(path: Path, pattern: str, text: str) -> int:
    """Insert text after the first line matching pattern; return the inserted line's number."""
    number = line_of(path, pattern)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(number, text)
    path.write_text("".join(lines), encoding="utf-8")
    return number + 1


def replace(path: Path, old: str, new: str) -> int:
    """Replace the first occurrence of old; return its line."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line


def corrupt_duplicate_yaml_key(root):
    return "taxonomy/models.yml", insert_after(root / "taxonomy/models.yml", r"^title: Models",
                                               "title: Models again\n"), "yaml-duplicate-key"


def corrupt_tab(root):
    path = root / "taxonomy/models.yml"
    return "taxonomy/models.yml", replace(path, "\n  - id: rfms", "\n\t- id: rfms") + 1, \
        "yaml-syntax"


def corrupt_alias(root):
    return "taxonomy/optimization.yml", replace(root / "taxonomy/optimization.yml",
                                                "title: Optimization", "title: *name"), \
        "yaml-alias"


def corrupt_unknown_paper_key(root):
    # yang2021tensor is listed twice; misspelling one place leaves the paper still listed.
    return "taxonomy/models.yml", replace(root / "taxonomy/models.yml", "paper: yang2021tensor",
                                          "paper: yang2021tensr"), "unknown-paper"


def corrupt_unclosed_brace(root):
    return "bib/references.bib", replace(root / "bib/references.bib",
                                         "{Adam}: A Method for Stochastic Optimization},",
                                         "{Adam: A Method for Stochastic Optimization},") - 1, \
        "bibtex-syntax"


def corrupt_duplicate_entry(root):
    path = root / "bib/references.bib"
    entry = re.search(r"@article\{baldi1989neural,.*?\n\}\n", path.read_text(), re.S).group(0)
    lines = path.read_text().count("\n")
    with path.open("a", encoding="utf-8") as handle:
        handle.write("\n" + entry)
    return "bib/references.bib", lines + 2, "duplicate-key"


def corrupt_arxiv_id(root):
    return "bib/references.bib", replace(root / "bib/references.bib", "{2011.14522}",
                                         "{2011.1452}"), "invalid-arxiv-id"


def corrupt_missing_title(root):
    path = root / "bib/references.bib"
    line = replace(path, "  title         = {Neural networks and principal component analysis:"
                   " Learning from examples without local minima},\n", "")
    return "bib/references.bib", line - 1, "missing-field"


def corrupt_note_without_entry(root):
    (root / "notes/nobody2020nothing.md").write_text(complete("---\nstatus: to-read\n---\n"))
    return "notes/nobody2020nothing.md", 1, "orphan-note"


def corrupt_bad_status(root):
    return "notes/jacot2018neural.md", replace(root / "notes/jacot2018neural.md",
                                               "status: to-read", "status: done"), \
        "unknown-status"


def corrupt_unknown_citation(root):
    path = root / "notes/cohen2021gradient.md"
    with path.open("a", encoding="utf-8") as handle:
        handle.write("- [@nobody2020nothing]: not a paper.\n")
    return "notes/cohen2021gradient.md", path.read_text().count("\n"), "unknown-citation"


def corrupt_unterminated_front_matter(root):
    path = root / "notes/soudry2018implicit.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines.pop(lines.index("---", 1))
    path.write_text("\n".join(lines), encoding="utf-8")
    return "notes/soudry2018implicit.md", 1, "unterminated-front-matter"


def corrupt_invalid_bytes_in_bib(root):
    path = root / "bib/references.bib"
    line = line_of(path, "Baldi, Pierre")
    path.write_bytes(path.read_bytes().replace(b"Baldi, Pierre", b"Baldi, Pi\xe8rre", 1))
    return "bib/references.bib", line, "invalid-utf8"


CORRUPTIONS = [corrupt_duplicate_yaml_key, corrupt_tab, corrupt_alias, corrupt_unknown_paper_key,
               corrupt_unclosed_brace, corrupt_duplicate_entry, corrupt_arxiv_id,
               corrupt_missing_title, corrupt_note_without_entry, corrupt_bad_status,
               corrupt_unknown_citation, corrupt_unterminated_front_matter,
               corrupt_invalid_bytes_in_bib]


@pytest.mark.parametrize("corrupt", CORRUPTIONS, ids=lambda f: f.__name__.removeprefix("corrupt_"))
def test_one_corruption_gives_one_diagnostic(corrupt, real_tree):
    path, line, code = corrupt(real_tree)
    result = run(real_tree, "check")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stdout.count("\n") == 1, result.stdout
    assert result.stdout.startswith(f"{path}:{line}:")
    assert f": {code}: " in result.stdout


YAML_FILES = SECTION_FILES + ["taxonomy/tags.yml"]
NOTE_FILES = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "notes").glob("[!_]*.md"))


@pytest.mark.parametrize("relpath", YAML_FILES)
def test_a_tab_in_any_taxonomy_file_gives_one_diagnostic(relpath, real_tree):
    path = real_tree / relpath
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if line.startswith("  "))
    lines[number] = "\t" + lines[number][2:]
    path.write_text("\n".join(lines), encoding="utf-8")
    result = run(real_tree, "check")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [result.stdout.splitlines()[0]]
    assert result.stdout.startswith(f"{relpath}:{number + 1}:1: yaml-syntax: ")


@pytest.mark.parametrize("relpath", SECTION_FILES + NOTE_FILES)
def test_a_repeated_key_in_any_file_gives_one_diagnostic(relpath, real_tree):
    path = real_tree / relpath
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if re.match(r"(id|status): ", line))
    lines.insert(number + 1, lines[number])
    path.write_text("\n".join(lines), encoding="utf-8")
    result = run(real_tree, "check")
    assert result.returncode == 1
    assert result.stdout.startswith(f"{relpath}:{number + 2}:1: yaml-duplicate-key: ")
    assert result.stdout.count("\n") == 1


NOTE_PARTS = ["**In one line.**", "## Setting", "## Main result", "## Why it is here",
              "## Connections"]


def test_every_paper_has_a_note_with_the_five_parts_in_order(kb):
    for key in kb.papers:
        assert key in kb.notes, f"{key} has no note"
        body = kb.notes[key].body
        positions = [body.find(part) for part in NOTE_PARTS]
        assert -1 not in positions and positions == sorted(positions), f"notes/{key}.md"


def test_notes_form_a_web_of_citations(kb):
    uncited = [k for k in kb.notes if not any(c.key == k for n in kb.notes.values()
                                              for c in n.citations if n.key != k)]
    citing = [k for k, n in kb.notes.items() if n.citations]
    assert len(citing) >= len(kb.notes) - 2   # a note may stand alone only if nothing fits
    assert len(uncited) <= len(kb.notes) // 4
