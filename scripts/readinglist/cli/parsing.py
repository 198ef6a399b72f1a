"""What the command parsers share: files a command will write, and commands imported late."""

from __future__ import annotations

import argparse
from pathlib import Path


def output_file(given: str) -> Path:
    """A file a command will write: its folder must exist (checked before any work is done)."""
    path = Path(given)
    if not path.parent.is_dir():
        raise argparse.ArgumentTypeError(f"cannot write {given}: there is no folder "
                                         f"{path.parent}; create it or write elsewhere")
    return path


def later(name: str, module: str = "edit_commands"):
    """The command, imported when it runs: `check` need not load the fetching code."""
    def run(root: Path, args: argparse.Namespace) -> int:
        from importlib import import_module
        return getattr(import_module(f".{module}", __package__), name)(root, args)
    return run
