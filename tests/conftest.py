"""Shared fixtures: inline knowledge-base trees, golden cases and a guard against the network."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest

from support import BASE, PROPOSED_FILES, REPO, build_site, copy_site_source, write_tree


def pytest_addoption(parser):
    parser.addoption("--update-cases", action="store_true",
                     help="rewrite the expected diagnostics of golden cases from actual output")


@pytest.fixture
def update_cases(request) -> bool:
    return request.config.getoption("--update-cases")


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




@pytest.fixture(scope="session")
def kb():
    """The repository's own knowledge base."""
    from readinglist import load
    return load(REPO)[0]


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
    return copy_site_source(tmp_path / "repo")


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


@pytest.fixture
def proposals_tree(base_tree: Path) -> Path:
    """The base tree with three proposals, one of them hostile (support.PROPOSED_FILES)."""
    return write_tree(base_tree, PROPOSED_FILES)


@pytest.fixture(scope="session")
def proposals_site(tmp_path_factory) -> Path:
    """The base tree with its proposals, built once for the session; not strictly, since check
    reports the hostile proposal's markup (the build must still show it only as text)."""
    from scripted_git import site_project
    root = tmp_path_factory.mktemp("proposals") / "kb"
    shutil.copytree(BASE, root)
    site_project(write_tree(root, PROPOSED_FILES))
    site = root.parent / "site"
    result = build_site(root, site, strict=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return site
