"""Files the commands write for other programs: whole or not at all."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


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
