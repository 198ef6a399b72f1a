"""The command line: output formats, exit codes, and where it finds the reading list."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from support import complete, write_tree

UNLISTED = {"bib/supplement.bib": "@misc{doe2021fine,\n  title = {Fine},\n  author = {Doe, Jo},\n"
            "  year = {2021},\n  url = {https://example.org/fine},\n}\n"}
BAD_STATUS = {"notes/jones2019kernel.md": complete("---\nstatus: done\n---\n")}


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "readinglist", *args], capture_output=True,
                          text=True, timeout=60, cwd=cwd)


def test_clean_tree_exits_zero_silently(base_tree):
    assert run("check", "--root", str(base_tree)).returncode == 0


def test_problem_exits_one_with_the_diagnostic_line(base_tree):
    write_tree(base_tree, BAD_STATUS)
    result = run("check", "--root", str(base_tree))
    assert (result.returncode, result.stdout) == (1, "notes/jones2019kernel.md:2:9: "
                                                  "unknown-status: status 'done' is not one of "
                                                  "to-read, reading, read\n")


def test_warning_alone_passes_unless_strict(base_tree):
    write_tree(base_tree, UNLISTED)
    assert run("check", "--root", str(base_tree)).returncode == 0
    assert run("check", "--strict", "--root", str(base_tree)).returncode == 1


def test_json_format_lists_objects(base_tree):
    write_tree(base_tree, BAD_STATUS)
    result = run("check", "--format", "json", "--root", str(base_tree))
    assert json.loads(result.stdout) == [{
        "path": "notes/jones2019kernel.md", "line": 2, "col": 9, "code": "unknown-status",
        "message": "status 'done' is not one of to-read, reading, read", "severity": "error"}]


def test_github_format_prints_annotations(base_tree):
    write_tree(base_tree, {**BAD_STATUS, **UNLISTED})
    lines = run("check", "--format", "github", "--root", str(base_tree)).stdout.splitlines()
    assert lines == [
        "::warning file=bib/supplement.bib,line=1,col=7,title=unlisted-paper::unlisted-paper: "
        "paper 'doe2021fine' is in no topic; list it in taxonomy/ or remove the entry",
        "::error file=notes/jones2019kernel.md,line=2,col=9,title=unknown-status::"
        "unknown-status: status 'done' is not one of to-read, reading, read"]


def test_runs_on_the_reading_list_it_is_started_in(base_tree):
    write_tree(base_tree, BAD_STATUS)
    result = run("check", cwd=base_tree / "notes")
    assert result.returncode == 1
    assert result.stdout.startswith("notes/jones2019kernel.md:2:9: unknown-status:")


def test_outside_a_reading_list_is_a_usage_error(tmp_path):
    result = run("check", cwd=tmp_path)
    assert result.returncode == 2
    assert "is not a reading list" in result.stderr
    assert "Traceback" not in result.stderr


def test_unknown_option_is_a_usage_error(base_tree):
    result = run("check", "--format", "xml", "--root", str(base_tree))
    assert result.returncode == 2
    assert "invalid choice: 'xml'" in result.stderr


def test_python_dash_m_and_console_script_agree(base_tree):
    script = Path(sys.executable).with_name("readinglist")
    via_script = subprocess.run([str(script), "export", "--root", str(base_tree)],
                                capture_output=True, text=True, timeout=60)
    assert via_script.stdout == run("export", "--root", str(base_tree)).stdout


def test_render_into_a_file_is_a_usage_error_and_leaves_it_alone(base_tree, tmp_path):
    target = tmp_path / "pages.md"
    target.write_text("mine\n", encoding="utf-8")
    result = run("render", str(target), "--root", str(base_tree))
    assert result.returncode == 2
    assert result.stderr == (f"readinglist: {target} is not a folder; render writes its pages "
                             "into a folder (an existing one, or one it makes)\n")
    assert target.read_text(encoding="utf-8") == "mine\n"
