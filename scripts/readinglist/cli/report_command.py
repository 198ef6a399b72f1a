"""`readinglist report`: the nightly results as one report, and the report issue opened, updated
or closed to match, through the GitHub CLI (`gh`).

Everything that can fail locally (reading the results, writing the report and the body) happens
before the first call to `gh`; a failing `gh` call stops the command with what was and was not
done on GitHub.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ..net.report import (ARTIFACT, LIST_CALL, ResultsError, build_report, gh_calls, issue_body,
                          open_issue_in, parse_results)
from .output import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, write_output


class GhError(RuntimeError):
    """A `gh` call failed; the message says which and what GitHub was left with."""


def run_report(root: Path, args: argparse.Namespace) -> int:
    try:
        results = {"links": _results(args.links), "verify": _results(args.verify)}
    except ResultsError as exc:
        print(f"readinglist: {exc}", file=sys.stderr)
        return EXIT_USAGE
    report = build_report(results)
    write_output(args.output, report.text)
    body = issue_body(report.text, _where_full(args.output))
    try:
        done = _sync_issue(report.failed, body, args.dry_run)
    except GhError as exc:
        print(f"readinglist: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(done, file=sys.stderr)
    return EXIT_OK


def _results(path: Path):
    """The findings in a results file, or None when the command wrote none."""
    if not path.is_file():
        return None
    return parse_results(str(path), path.read_text(encoding="utf-8"))


def _where_full(output: Path) -> str:
    run = [os.environ.get(n, "") for n in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY",
                                           "GITHUB_RUN_ID")]
    if all(run):
        return (f"`{output.name}` in the `{ARTIFACT}` artifact of "
                f"[this run]({run[0]}/{run[1]}/actions/runs/{run[2]})")
    return f"in `{output}`"


def _sync_issue(failed: bool, body: str, dry_run: bool) -> str:
    gh = shutil.which("gh")
    if gh is None:
        raise GhError("gh (the GitHub CLI) is not on PATH; install it, or run the report "
                      "step on a GitHub runner, which has it. Nothing was changed on GitHub")
    open_issue = open_issue_in(_gh(gh, LIST_CALL, []))
    with tempfile.TemporaryDirectory(prefix="readinglist-report-") as folder:
        body_file = Path(folder) / "body.md"
        body_file.write_text(body, encoding="utf-8")
        calls = gh_calls(failed, open_issue, str(body_file))
        if dry_run:
            return "\n".join(["would run:", *(f"  gh {' '.join(c)}" for c in calls)]
                             if calls else ["nothing to do"])
        done: list[str] = []
        for call in calls:
            done.append(_describe(call, _gh(gh, call, done)))
    return "; ".join(done) or "no report issue is open and nothing is broken: nothing to do"


def _gh(gh: str, call: list[str], done: list[str]) -> str:
    try:
        result = subprocess.run([gh, *call], capture_output=True, text=True, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:
        result = subprocess.CompletedProcess(call, -1, "", str(exc))
    if result.returncode != 0:
        so_far = ("; ".join(done) + ", and nothing else was changed") if done else \
            "nothing was changed on GitHub"
        reason = (result.stderr.strip() or result.stdout.strip() or "no message").splitlines()
        raise GhError(f"`gh {' '.join(call[:2])}` failed (exit {result.returncode}): "
                      f"{reason[-1]}; {so_far}")
    return result.stdout


def _describe(call: list[str], out: str) -> str:
    what = {"label": "label checked", "create": "issue opened", "edit": "issue updated",
            "close": "issue closed"}[call[1] if call[0] == "issue" else "label"]
    target = out.strip().splitlines()[-1] if call[:2] == ["issue", "create"] and out.strip() \
        else (f"#{call[2]}" if call[0] == "issue" else call[2])
    return f"{what}: {target}"
