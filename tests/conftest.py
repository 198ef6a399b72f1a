"""Shared fixtures: inline knowledge-base trees, golden cases and a guard against the network."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CASES = Path(__file__).parent / "cases"
BASE = CASES / "base"


def pytest_addoption(parser):
    parser.addoption("--update-cases", action="store_true",
                     help="rewrite the expected diagnostics of golden cases from actual output")


@pytest.fixture
def update_cases(request) -> bool:
    return request.config.getoption("--update-cases")


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


@pytest.fixture
def base_tree(tmp_path: Path) -> Path:
    """A copy of the small clean knowledge base under tests/cases/base."""
    root = tmp_path / "kb"
    shutil.copytree(BASE, root)
    return root


@pytest.fixture
def real_tree(tmp_path: Path) -> Path:
    """A copy of the repository's own knowledge base, to corrupt."""
    root = tmp_path / "real"
    for part in ("taxonomy", "bib", "notes"):
        shutil.copytree(REPO / part, root / part)
    return root


FAKE_REPO_URL = "https://github.com/example/readinglist"


def build_site(source: Path, site: Path) -> subprocess.CompletedProcess:
    """mkdocs build --strict of the tree at source into site."""
    env = {**os.environ, "READINGLIST_REPO_URL": FAKE_REPO_URL, "NO_MKDOCS_2_WARNING": "1"}
    mkdocs = Path(sys.executable).with_name("mkdocs")
    return subprocess.run([str(mkdocs), "build", "--strict", "--site-dir", str(site)],
                          cwd=source, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real repository's site, built once for the session."""
    site = tmp_path_factory.mktemp("site")
    result = build_site(REPO, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture
def site_tree(tmp_path: Path) -> Path:
    """A copy of what the site is built from, to break on purpose."""
    root = tmp_path / "repo"
    for part in ("taxonomy", "bib", "notes", "docs", "scripts"):
        shutil.copytree(REPO / part, root / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    (root / "node_modules").symlink_to(REPO / "node_modules")
    return root


@pytest.fixture(autouse=True)
def no_internet(monkeypatch):
    """Any connection beyond 127.0.0.1 fails the test."""
    real_connect = socket.socket.connect

    def guarded(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and host not in ("127.0.0.1", "::1", "localhost") \
                and self.family in (socket.AF_INET, socket.AF_INET6):
            raise RuntimeError(f"test tried to reach {address}; tests stay on 127.0.0.1")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)
