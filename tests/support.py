"""Helpers the tests share: paths, inline trees and site builds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CASES = Path(__file__).parent / "cases"
BASE = CASES / "base"
FAKE_REPO_URL = "https://github.com/example/readinglist"


def write_tree(root: Path, files: dict[str, str | bytes | None]) -> Path:
    """Write files under root; None deletes a file, bytes are written as they are."""
    for relpath, content in files.items():
        target = root / relpath
        if content is None:
            target.unlink(missing_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8", newline="")
    return root


def build_site(source: Path, site: Path, strict: bool = True) -> subprocess.CompletedProcess:
    """mkdocs build (--strict unless told) of the tree at source into site."""
    env = {**os.environ, "READINGLIST_REPO_URL": FAKE_REPO_URL, "NO_MKDOCS_2_WARNING": "1"}
    mkdocs = Path(sys.executable).with_name("mkdocs")
    return subprocess.run([str(mkdocs), "build", *(["--strict"] if strict else []),
                           "--site-dir", str(site)],
                          cwd=source, env=env, capture_output=True, text=True, timeout=600)


def copy_site_source(root: Path) -> Path:
    """A copy of what the site is built from (KaTeX linked, not copied), to change on purpose."""
    for part in ("taxonomy", "bib", "notes", "docs", "scripts"):
        shutil.copytree(REPO / part, root / part, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "CONTRIBUTING.md"):   # the contributing page includes the latter
        shutil.copy(REPO / name, root / name)
    (root / "node_modules").symlink_to(REPO / "node_modules")
    return root
