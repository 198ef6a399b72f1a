"""A fake GitHub CLI for the tests of `report` and `propose`: an executable `gh` that records
its calls.

It keeps a little state in a JSON file: the open report issues, the open pull requests (as
`gh pr list --json` prints them), and a call to fail. Each call
is recorded with its arguments and, for --body-file, the body it was given.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

SCRIPT = """#!{python}
import json, sys
from pathlib import Path
state_file = Path({state!r})
state = json.loads(state_file.read_text())
argv = sys.argv[1:]
call = {{"argv": argv}}
if "--body-file" in argv:
    call["body"] = Path(argv[argv.index("--body-file") + 1]).read_text(encoding="utf-8")
state["calls"].append(call)
state_file.write_text(json.dumps(state))
if state["fail"] and " ".join(argv).startswith(state["fail"]):
    print("HTTP 502: Bad Gateway (https://api.github.com/graphql)", file=sys.stderr)
    sys.exit(1)
if argv[:2] == ["issue", "list"]:
    print(json.dumps([{{"number": n}} for n in state["open"]]))
elif argv[:2] == ["issue", "create"]:
    print("https://github.com/example/readinglist/issues/42")
elif argv[:2] == ["pr", "list"]:
    print(json.dumps(state["pulls"]))
elif argv[:2] == ["pr", "create"]:
    print("https://github.com/example/readinglist/pull/43")
"""


class FakeGh:
    def __init__(self, folder: Path, open_issues: list[int], fail: str | None = None,
                 pulls: list[dict] | None = None):
        self.state = folder / "gh-state.json"
        self.state.write_text(json.dumps({"open": open_issues, "fail": fail, "calls": [],
                                          "pulls": pulls or []}))
        script = folder / "gh"
        script.write_text(SCRIPT.format(python=sys.executable, state=str(self.state)))
        script.chmod(0o755)
        self.folder = folder

    @property
    def calls(self) -> list[list[str]]:
        return [call["argv"] for call in json.loads(self.state.read_text())["calls"]]

    def body(self) -> str:
        return next(c["body"] for c in json.loads(self.state.read_text())["calls"] if "body" in c)


def on_path(monkeypatch, folder: Path) -> None:
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")
