"""Git histories the tests script: every commit with the author, committer and date they choose.

Identity, dates and content are fixed, so the same script gives the same commit hashes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from support import CASES, complete, write_tree

IDENTITY = {"GIT_AUTHOR_NAME": "Test Curator", "GIT_AUTHOR_EMAIL": "curator@example.org",
            "GIT_COMMITTER_NAME": "Test Curator", "GIT_COMMITTER_EMAIL": "curator@example.org",
            "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
KB = CASES / "connections" / "kb"


def git(root: Path, *args: str, date: str | None = None) -> str:
    env = {**os.environ, **IDENTITY}
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    return subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True,
                          text=True).stdout.strip()


def init(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q", "-b", "main")
    return root


def commit(root: Path, files: dict[str, str | None], date: str, message: str = "change") -> str:
    """Write files (None deletes), commit everything with this date, return the hash."""
    write_tree(root, files)
    git(root, "add", "-A")
    git(root, "commit", "-q", "--allow-empty", "-m", message, date=date)
    return git(root, "rev-parse", "HEAD")


def final(path: str) -> str:
    return (KB / path).read_text(encoding="utf-8")


# The connection tests' knowledge base, committed in five steps; the fourth is dated before
# its parent, as a rebase or a wrong clock leaves it.
OPTIMIZATION_BEFORE = "id: optimization\ntitle: Optimization\ntopics:\n  - id: edge\n    " \
    "title: Edge\n    items:\n      - paper: hopper2022optimizers\n"
LOVELACE_BEFORE = complete(
    "---\nstatus: to-read\ntags: [kernels]\n---\n\n**In one line.** A first draft.\n\n"
    "## Connections\n\n- [@germain2019linear]: the linear case.\n"
    "- [@lovelace2020kernels]: this very paper, cited by itself.\n")
NOETHER_BEFORE = complete("---\nstatus: to-read\ntags: []\n---\n\n**In one line.** A bound in "
                          "$O(n^2)$ steps.\n\nAnswers [@lovelace2020kernels].\n")
STEPS = [
    ("2024-01-10T09:00:00+01:00", "List the papers, two notes",
     {**{p.relative_to(KB).as_posix(): p.read_text(encoding="utf-8")
         for p in sorted(KB.glob("[bt]*/*"))},
      "taxonomy/optimization.yml": OPTIMIZATION_BEFORE,
      "notes/lovelace2020kernels.md": LOVELACE_BEFORE,
      "notes/noether2021learning.md": NOETHER_BEFORE}),
    ("2024-01-12T18:30:00-05:00", "Two more notes, one more paper listed",
     {"taxonomy/optimization.yml": final("taxonomy/optimization.yml"),
      "notes/germain2019linear.md": final("notes/germain2019linear.md"),
      "notes/hopper2022optimizers.md": final("notes/hopper2022optimizers.md")}),
    ("2024-02-01T10:00:00+00:00", "Lovelace read",
     {"notes/lovelace2020kernels.md": final("notes/lovelace2020kernels.md")}),
    ("2024-01-20T12:00:00+00:00", "Noether revised (an older date)",
     {"notes/noether2021learning.md": final("notes/noether2021learning.md")}),
    ("2024-03-05T08:00:00+00:00", "Franklin read",
     {"notes/franklin2018unconnected.md": final("notes/franklin2018unconnected.md")}),
]


def committed_kb(root: Path) -> Path:
    """The connection tests' knowledge base in a fresh repository, committed step by step."""
    init(root)
    for date, message, files in STEPS:
        commit(root, files, date, message)
    return root


def site_project(root: Path) -> Path:
    """What mkdocs needs beside a knowledge base to build its site."""
    repo = CASES.parents[1]
    shutil.copytree(repo / "docs", root / "docs")
    shutil.copy(repo / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copy(repo / "CONTRIBUTING.md", root / "CONTRIBUTING.md")
    write_tree(root, {"scripts/mkdocs_hooks.py": (repo / "scripts/mkdocs_hooks.py").read_text()})
    (root / "node_modules").symlink_to(repo / "node_modules")
    return root


def clean_kb(root: Path) -> Path:
    """The committed knowledge base with its two check problems fixed in a sixth commit, so
    that a strict build passes: the unknown citation goes, the paper in no topic is listed."""
    committed_kb(root)
    note = final("notes/germain2019linear.md").replace(
        " and on [@nobody2020missing], which is not in bib/", "")
    other = "id: other\ntitle: Other\ntopics:\n  - id: footnotes\n    title: Footnotes\n" \
        "    items:\n      - paper: curie2023footnotes\n"
    commit(root, {"notes/germain2019linear.md": note, "taxonomy/other.yml": other},
           "2024-03-06T09:00:00+00:00", "Fix the two problems check reports")
    return root
