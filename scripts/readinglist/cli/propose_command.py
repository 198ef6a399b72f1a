"""`readinglist propose`: what a run of `discover` found, committed to the proposals branch and
put up for review as one pull request, through git and the GitHub CLI (`gh`).

Everything that can fail locally (reading the results, counting the pending proposals, finding
git and gh) happens before the first call that changes anything; a failing call stops the
command with what was and was not done.
"""

from __future__ import annotations

import argparse
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ..diagnostic import format_text
from ..loaders.proposals import load_proposals
from ..loaders.tree import walk
from ..model import PROPOSALS_FILE
from ..net.pull_request import (BRANCH, LIST_CALL, DiscoveryError, OpenPull, Step, body,
                                open_pull_in, parse_discovery, steps)
from .output import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, fail


class CallError(RuntimeError):
    """A git or gh call failed; the message says which and what was left done and undone."""


def run_propose(root: Path, args: argparse.Namespace) -> int:
    try:
        found = parse_discovery(str(args.source), args.source.read_text(encoding="utf-8"))
    except OSError as exc:
        return fail(f"cannot read {args.source}: {exc.strerror or exc}; pass the file "
                    "`readinglist discover --format json --output FILE` wrote", EXIT_USAGE)
    except DiscoveryError as exc:
        return fail(exc, EXIT_USAGE)
    if not found:
        print("discover found nothing new: no pull request opened or changed", file=sys.stderr)
        return EXIT_OK
    try:
        said = _propose(root, found, args)
    except CallError as exc:
        return fail(exc, EXIT_PROBLEMS)
    print(said, file=sys.stderr)
    return EXIT_OK


def _propose(root: Path, found, args: argparse.Namespace) -> str:
    programs = {name: shutil.which(name) for name in ("git", "gh")}
    missing = [name for name, path in programs.items() if path is None]
    if missing:
        raise CallError(f"{' and '.join(missing)} not on PATH; install it, or run this step on "
                        "a GitHub runner, which has both. Nothing was changed")
    proposals, problems = load_proposals(root, walk(root, ("taxonomy",)))
    if any(d.severity == "error" for d in problems):
        sys.stderr.write(format_text(problems))
        raise CallError(f"{PROPOSALS_FILE} has the problems above; it goes to no pull request "
                        "as it is. Nothing was changed")
    base = args.base or _call(programs, root, Step("git", ("rev-parse", "--abbrev-ref", "HEAD"),
                                                  ""), [], []).strip()
    open_pull = open_pull_in(_call(programs, root, Step("gh", tuple(LIST_CALL), ""), [], []))
    if open_pull is not None and not open_pull.ours_alone:
        return _left_alone(open_pull)
    with tempfile.TemporaryDirectory(prefix="readinglist-propose-") as folder:
        body_file = Path(folder) / "body.md"
        body_file.write_text(body(found, len(proposals.proposals)), encoding="utf-8")
        plan = steps(found, len(proposals.proposals), open_pull, base, str(body_file))
        if args.dry_run:
            sys.stdout.write(body_file.read_text(encoding="utf-8"))
            return "\n".join(["would run:", *(f"  {shlex.join([s.program, *s.argv])}"
                                              for s in plan)])
        done: list[str] = []
        for index, step in enumerate(plan):
            out = _call(programs, root, step, done, [s.done for s in plan[index + 1:]])
            done.append(_said(step, out))
    return "; ".join(done)


def _left_alone(open_pull: OpenPull) -> str:
    return (f"pull request #{open_pull.number} has commits a reviewer pushed to {BRANCH}: its "
            "branch, title and body are left as they are, and this run's proposals wait. Merge "
            "or close it, and the next run opens a fresh one")


def _call(programs: dict, root: Path, step: Step, done: list[str], undone: list[str]) -> str:
    try:
        result = subprocess.run([programs[step.program], *step.argv], cwd=root,
                                capture_output=True, text=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as exc:
        result = subprocess.CompletedProcess(step.argv, -1, "", str(exc))
    if result.returncode == 0:
        return result.stdout
    reason = (result.stderr.strip() or result.stdout.strip() or "no message").splitlines()[-1]
    undone = [step.done, *undone] if step.done else ["everything"]
    raise CallError(f"`{step.program} {' '.join(step.argv[:2])}` failed (exit "
                    f"{result.returncode}): {reason}; done: {'; '.join(done) or 'nothing'}; "
                    f"not done: {'; '.join(undone)}")


def _said(step: Step, out: str) -> str:
    """What a step did; an opened pull request by the address gh printed."""
    if step.argv[:2] == ("pr", "create") and out.strip():
        return f"{step.done}: {out.strip().splitlines()[-1]}"
    return step.done
