"""What every command shares: its exit codes, how it says it failed, and files written whole."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

# 0: all is well; 1: problems found (or the work failed); 2: the command was misused.
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def fail(reason, code: int) -> int:
    """Say why the command stops, on stderr, and give its exit code."""
    print(f"readinglist: {reason}", file=sys.stderr)
    return code


def write_output(path: Path, text: str) -> None:
    """Write text to path through a temporary file beside it, so a reader never sees half."""
    path = Path(path)
    handle, temporary = tempfile.mkstemp(dir=path.parent or Path("."), prefix=f".{path.name}.",
                                         suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
