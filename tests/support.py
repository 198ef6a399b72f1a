"""Helpers the tests share: paths, inline trees and site builds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CASES = Path(__file__).parent / "cases"
BASE = CASES / "base"
FAKE_REPO_URL = "https://github.com/example/readinglist"
# The base note's sections after its one-line sentence: a case ends its own note with
# "{rest of the base note}" to stay complete, so a new check of notes changes no other case.
BASE_NOTE = BASE / "notes/smith2020deep.md"
REST_OF_THE_BASE_NOTE = BASE_NOTE.read_text(encoding="utf-8").partition("\n## ")[2]


def complete(note: str) -> str:
    """A test's own note with the base note's sections after it, so that it stays complete."""
    return f"{note}\n## {REST_OF_THE_BASE_NOTE}"


# In files outside the tree under test, which no check, command or build may read or publish.
MARKER = "bytes-from-outside-the-repository-7f3a9c"


@dataclass(frozen=True)
class Link:
    """A symbolic link to write, pointing at target (never followed by the tests)."""

    target: str


@dataclass(frozen=True)
class Fifo:
    """A named pipe to write."""


def write_tree(root: Path, files: dict[str, str | bytes | Link | Fifo | None]) -> Path:
    """Write files under root; None deletes a file, bytes are written as they are, a Link or
    Fifo replaces whatever is at its path."""
    for relpath, content in files.items():
        target = root / relpath
        if content is None or isinstance(content, (Link, Fifo)):
            target.unlink(missing_ok=True)
        if content is None:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Link):
            target.symlink_to(content.target)
        elif isinstance(content, Fifo):
            os.mkfifo(target)
        elif isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8", newline="")
    return root


def outside_of(root: Path) -> Path:
    """A folder beside the tree, with a file whose bytes must never be read."""
    outside = root.parent / "outside"
    write_tree(outside, {"secret.md": f"# {MARKER}\n"})
    return outside


def case_files(files: dict, outside: Path | None = None) -> dict:
    """The files of a YAML case: text; {bytes: [...]} exact bytes (invalid UTF-8); {link: target}
    a symbolic link; {fifo: true} a named pipe. '{outside}' stands for a folder beside the tree,
    '{rest of the base note}' for the base note's sections (Setting, Main result, Why it is here)."""
    def place(text: str) -> str:
        text = text.replace("{rest of the base note}", f"\n## {REST_OF_THE_BASE_NOTE}")
        return text.replace("{outside}", str(outside)) if outside else text

    def value(body):
        if not isinstance(body, dict):
            return place(body) if isinstance(body, str) else body
        if "link" in body:
            return Link(place(body["link"]))
        return Fifo() if body.get("fifo") else bytes(body["bytes"])
    return {name: value(body) for name, body in files.items()}


def build_site(source: Path, site: Path, strict: bool = True,
               timeout: int = 600) -> subprocess.CompletedProcess:
    """mkdocs build (--strict unless told) of the tree at source into site."""
    env = {**os.environ, "READINGLIST_REPO_URL": FAKE_REPO_URL, "NO_MKDOCS_2_WARNING": "1"}
    mkdocs = Path(sys.executable).with_name("mkdocs")
    return subprocess.run([str(mkdocs), "build", "--strict" if strict else "--no-strict",
                           "--site-dir", str(site)],
                          cwd=source, env=env, capture_output=True, text=True, timeout=timeout)


def copy_site_source(root: Path) -> Path:
    """A copy of what the site is built from (KaTeX linked, not copied), to change on purpose."""
    for part in ("taxonomy", "bib", "notes", "docs", "scripts"):
        shutil.copytree(REPO / part, root / part, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "CONTRIBUTING.md"):   # the contributing page includes the latter
        shutil.copy(REPO / name, root / name)
    (root / "node_modules").symlink_to(REPO / "node_modules")
    return root


# Proposals over the base tree: one under the kernels to-do (with an abstract), one in a topic
# without a to-do, and one whose every text is a payload from the API (see HOSTILE).
HOSTILE = "<img src=x onerror=alert(1)>"
PROPOSED_BIB = f"""\
@article{{doe2026fresh,
  title    = {{A Fresh Look at Kernels}},
  author   = {{Doe, Jo and Roe, Max}},
  year     = {{2026}},
  journal  = {{Journal of Fresh Results}},
  doi      = {{10.1000/fresh1}},
  abstract = {{We look at kernels again, with $a^2$ in it.}},
}}

@article{{evil2026hostile,
  title    = {{Hostile {HOSTILE} title}},
  author   = {{Evil, {HOSTILE} and Roe, Max}},
  year     = {{2025}},
  journal  = {{Venue {HOSTILE}}},
  doi      = {{10.1000/evil1}},
  abstract = {{An abstract {HOSTILE} with <script>alert(2)</script> in it.}},
}}

@misc{{old2026networks,
  title    = {{Networks, Cited Twice}},
  author   = {{Old, Ann}},
  year     = {{2026}},
  doi      = {{10.1000/old1}},
}}
"""
PROPOSALS_YML = """\
checked: "2026-12-07"
proposals:
  - paper: doe2026fresh
    openalex: W4390000001
    kind: cites-list
    connects: [jones2019kernel, smith2020deep]
    topic: models/kernels
    found: "2026-12-07"
    published: "2026-11-30"
  - paper: old2026networks
    openalex: W4390000003
    kind: cited-by-list
    connects: [jones2019kernel, smith2020deep]
    topic: models/networks
    found: "2026-12-07"
    published: "2026-01-15"
  - paper: evil2026hostile
    openalex: W4390000004
    kind: cites-list
    connects: [jones2019kernel, smith2020deep]
    topic: models/networks
    found: "2026-11-30"
    published: "2025-06-01"
"""
# The section cites its source, as the real one does: its link in the frontier's caption gives
# the figure, which scrolls on a phone, focusable HTML content (axe-core does not count the SVG
# points' xlink:href links, which Chromium focuses).
SOURCED_MODELS = (BASE / "taxonomy/models.yml").read_text(encoding="utf-8").replace(
    "order: frontier\n", "order: frontier\nsource: jones2019kernel\n")
PROPOSED_FILES = {"bib/proposed.bib": PROPOSED_BIB, "taxonomy/proposals.yml": PROPOSALS_YML,
                  "taxonomy/models.yml": SOURCED_MODELS}
