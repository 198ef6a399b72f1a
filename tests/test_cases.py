"""Golden cases: each tests/cases/checks/<code>.yml overlays the base tree twice.

`fail` must give exactly its diagnostics; `pass` (a near miss) must give none. Regenerate the
expected diagnostics with `pytest --update-cases` and review the diff.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from support import CASES, case_files, write_tree
from readinglist import check, load
from readinglist.checks import all_codes
from readinglist.diagnostic import sort_unique

CASE_FILES = sorted((CASES / "checks").glob("*.yml"))


def diagnose(root: Path) -> list[str]:
    kb, problems = load(root)
    return [str(d) for d in sort_unique(problems + check(kb))]


def read_case(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASE_FILES, ids=lambda p: p.stem)
def test_failing_case_gives_exactly_its_diagnostics(case, base_tree, update_cases):
    spec = read_case(case)
    actual = diagnose(write_tree(base_tree, case_files(spec["fail"]["files"])))
    if update_cases:
        _rewrite_expected(case, actual)
        return
    assert actual == spec["fail"]["diagnostics"]


@pytest.mark.parametrize("case", CASE_FILES, ids=lambda p: p.stem)
def test_passing_case_is_clean(case, base_tree):
    spec = read_case(case)
    assert diagnose(write_tree(base_tree, case_files(spec["pass"]["files"]))) == []


@pytest.mark.parametrize("case", CASE_FILES, ids=lambda p: p.stem)
def test_failing_case_reports_its_own_code(case):
    expected = read_case(case)["fail"]["diagnostics"]
    assert any(f": {case.stem}: " in line for line in expected)


def test_every_code_has_a_golden_case():
    assert sorted(all_codes()) == sorted(p.stem for p in CASE_FILES)


def _rewrite_expected(case: Path, actual: list[str]) -> None:
    """Replace the first `  diagnostics:` block (the fail part's) and keep the rest as written."""
    text = case.read_text(encoding="utf-8")
    body = "".join(f"    - {json.dumps(line, ensure_ascii=False)}\n" for line in actual)
    block = "  diagnostics:\n" + body if actual else "  diagnostics: []\n"
    new, count = re.subn(r"(?m)^  diagnostics:.*\n(?:    - .*\n)*", lambda _: block, text, count=1)
    assert count == 1, f"{case} has no '  diagnostics:' block under fail"
    case.write_text(new, encoding="utf-8")
