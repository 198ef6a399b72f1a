"""Shared fixtures: inline knowledge-base trees, golden cases and a guard against the network."""

from __future__ import annotations

import shutil
import socket
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
