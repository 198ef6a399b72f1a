"""The site builds from the real repository with no warnings (MkDocs strict mode)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import REPO


def test_mkdocs_build_strict_passes(tmp_path):
    mkdocs = Path(sys.executable).with_name("mkdocs")
    result = subprocess.run([str(mkdocs), "build", "--strict", "--site-dir", str(tmp_path)],
                            cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "index.html").exists()
    assert "fonts.googleapis.com" not in (tmp_path / "index.html").read_text(encoding="utf-8")
