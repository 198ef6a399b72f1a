"""Property tests: the loaders and checks never raise on any input, random or mutated from the
real files, and every diagnostic points inside the file it names."""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support import BASE, REPO
from readinglist import check, load

REAL_FILES = ["taxonomy/models.yml", "taxonomy/optimization.yml", "taxonomy/tags.yml",
              "bib/references.bib", "notes/cohen2021gradient.md", "notes/jacot2018neural.md"]
SPECIALS = list(b"{}[]:,-&*!|>'\"%@#`\t\n\r\\$<=") + [0x00, 0x07, 0xC3, 0xE9, 0xFF]
SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def diagnose_with(relpath: str, data: bytes, base: Path = BASE):
    """Load and check a copy of base with one file replaced; return what came out."""
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "kb"
        for folder in ("taxonomy", "bib", "notes"):
            shutil.copytree(base / folder, root / folder)
        (root / relpath).parent.mkdir(parents=True, exist_ok=True)
        (root / relpath).write_bytes(data)
        kb, problems = load(root, history=False)
        diagnostics = problems + check(kb)
        # Lines as YAML counts them: "\r\n", "\r", "\n", NEL and the Unicode separators.
        lines = {p: len(re.split("\r\n|[\r\n\x85\u2028\u2029]",
                                 (root / p).read_bytes().decode("utf-8", "replace")))
                 for p in {d.path for d in diagnostics}}
    return diagnostics, lines


def assert_inside(diagnostics, lines):
    for d in diagnostics:
        assert 1 <= d.line <= lines[d.path] and d.col >= 1, str(d)
        assert "\n" not in str(d)


@SETTINGS
@given(path=st.sampled_from(["taxonomy/data.yml", "taxonomy/tags.yml", "bib/references.bib",
                             "notes/jones2019kernel.md"]),
       data=st.binary(max_size=400))
def test_random_bytes_never_raise(path, data):
    assert_inside(*diagnose_with(path, data))


@SETTINGS
@given(path=st.sampled_from(["taxonomy/data.yml", "notes/jones2019kernel.md"]),
       text=st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_random_text_never_raises(path, text):
    assert_inside(*diagnose_with(path, text.encode("utf-8", "surrogatepass")))


@st.composite
def mutated(draw):
    path = draw(st.sampled_from(REAL_FILES))
    data = bytearray((REPO / path).read_bytes())
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["insert", "delete", "duplicate-line", "replace"]))
        if action == "insert":
            data[at:at] = bytes([draw(st.sampled_from(SPECIALS))])
        elif action == "delete" and data:
            del data[at:at + draw(st.integers(1, 20))]
        elif action == "replace" and at < len(data):
            data[at] = draw(st.sampled_from(SPECIALS))
        else:
            start = data.rfind(b"\n", 0, at) + 1
            end = data.find(b"\n", at)
            line = data[start:end + 1 if end >= 0 else len(data)]
            data[start:start] = line
    return path, bytes(data)


@SETTINGS
@given(case=mutated())
def test_mutated_real_files_never_raise(case):
    path, data = case
    assert_inside(*diagnose_with(path, data, base=REPO))
