"""The nightly report: the results of `links` and `verify` as one Markdown text, the issue body
cut to GitHub's limit, and the `gh` calls that open, update or close the report issue.

Pure: the command reads the result files, runs the calls and writes the files.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

BODY_LIMIT = 65_536          # GitHub's limit on an issue body, in characters
LABEL = "reading-list-report"
ARTIFACT = "reading-list-report"      # the nightly workflow uploads the whole report under it
TITLE = "Broken links or metadata"
CLOSING = "Every link and identifier checks out again."
COMMANDS = {"links": "Link check", "verify": "Metadata check"}


class ResultsError(ValueError):
    """A results file is not what `links` or `verify` write with --format json."""


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    code: str
    message: str
    severity: str


@dataclass(frozen=True)
class Report:
    text: str
    failed: bool             # an error, or a command that wrote no results


def parse_results(name: str, text: str) -> tuple[Finding, ...]:
    """The findings in a file written by `readinglist links|verify --format json`."""
    try:
        rows = json.loads(text)
        return tuple(Finding(str(r["path"]), int(r["line"]), str(r["code"]),
                             str(r.get("message", r["code"])), str(r.get("severity", "error")))
                     for r in rows)
    except (ValueError, TypeError, KeyError) as exc:
        raise ResultsError(f"{name} is not a list of findings as `readinglist links` and "
                           f"`readinglist verify` write them with --format json ({exc}); "
                           "write it with --format json --output FILE") from None


def build_report(results: dict[str, tuple[Finding, ...] | None]) -> Report:
    """One section per command; None stands for a command that wrote no results."""
    parts, failed = [], False
    for command, findings in results.items():
        heading = COMMANDS.get(command, command)
        if findings is None:
            failed = True
            parts.append(f"## {heading}: no results\n\n`readinglist {command}` wrote no "
                         "results: it stopped before it finished. Its step in the job's log "
                         "says why.\n")
            continue
        errors = sum(f.severity == "error" for f in findings)
        failed = failed or errors > 0
        parts.append(_section(heading, findings, errors))
    return Report("\n".join(parts), failed)


def _section(heading: str, findings: tuple[Finding, ...], errors: int) -> str:
    warnings = len(findings) - errors
    counts = f"{errors} {'problem' if errors == 1 else 'problems'}" + (
        f", {warnings} {'warning' if warnings == 1 else 'warnings'}" if warnings else "")
    lines = [f"## {heading}: {counts}", ""]
    if findings:
        lines += ["| where | problem |", "|---|---|"]
        lines += [f"| `{f.path}:{f.line}` | {f.code}: {_cell(f.message)} |" for f in findings]
    else:
        lines.append("Nothing to report.")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def issue_body(text: str, full_report: str, limit: int = BODY_LIMIT) -> str:
    """The report, or as much of it as fits with a note saying where the whole of it is."""
    if len(text) <= limit:
        return text
    note = (f"\n\n---\n\n**The report is cut here.** It is {len(text):,} characters long, more "
            f"than the {limit:,} GitHub takes in an issue; the whole report is {full_report}.\n")
    head = text[: limit - len(note)]
    head = head[: head.rfind("\n") + 1] or head      # end on a whole line
    return head + note


def gh_calls(failed: bool, open_issue: int | None, body_file: str) -> list[list[str]]:
    """The `gh` calls that bring the report issue in line with tonight's report, in order.

    Each call that changes an issue is a single call, so a failure never leaves one half-made;
    the label is created (or left as it is) first, because `gh issue create --label` refuses
    a label that does not exist."""
    if failed and open_issue is None:
        return [["label", "create", LABEL, "--force", "--color", "D93F0B", "--description",
                 "Opened, updated and closed by the nightly link and metadata check"],
                ["issue", "create", "--title", TITLE, "--label", LABEL, "--body-file",
                 body_file]]
    if failed:
        return [["issue", "edit", str(open_issue), "--body-file", body_file]]
    if open_issue is not None:
        return [["issue", "close", str(open_issue), "--comment", CLOSING]]
    return []


LIST_CALL = ["issue", "list", "--label", LABEL, "--state", "open", "--json", "number",
             "--limit", "100"]


def open_issue_in(listing: str) -> int | None:
    """The oldest open report issue in the output of LIST_CALL (a JSON list of numbers)."""
    numbers = [int(row["number"]) for row in json.loads(listing or "[]")]
    return min(numbers, default=None)
