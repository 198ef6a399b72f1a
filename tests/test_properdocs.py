"""The site builds unchanged with ProperDocs, the maintained fork of MkDocs 1.x, without MkDocs.

`make test` makes .venv-properdocs (ProperDocs, Material, this package; MkDocs uninstalled) once.
"""

from __future__ import annotations

import os
import re
import subprocess

import pytest

from support import FAKE_REPO_URL, REPO

ENV = REPO / ".venv-properdocs"
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def built_files(site) -> dict[str, bytes]:
    """Every page and the search index, without the line that names the generator."""
    return {p.relative_to(site).as_posix(): GENERATOR.sub(b"", p.read_bytes())
            for p in sorted(site.rglob("*")) if p.suffix in (".html", ".json", ".xml")}


@pytest.fixture(scope="module")
def properdocs():
    if (ENV / ".unavailable").exists():
        pytest.skip((ENV / ".unavailable").read_text().strip())
    assert (ENV / ".installed").exists(), f"{ENV.name} is missing: `make test` makes it"
    return ENV / "bin" / "properdocs"


def test_the_properdocs_environment_has_no_mkdocs(properdocs):
    found = subprocess.run([str(ENV / "bin" / "python"), "-m", "pip", "show", "mkdocs"],
                           capture_output=True, text=True)
    assert found.returncode != 0 and "not found" in found.stderr.lower()


def test_the_site_builds_unchanged_with_properdocs(properdocs, built_site, tmp_path):
    env = {**os.environ, "READINGLIST_REPO_URL": FAKE_REPO_URL}
    result = subprocess.run([str(properdocs), "build", "--strict", "-f", "mkdocs.yml",
                             "--site-dir", str(tmp_path / "site")], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert built_files(tmp_path / "site") == built_files(built_site)
