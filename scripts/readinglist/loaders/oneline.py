"""A note's one-line sentence: the paragraph that opens with "**In one line.**", read once.

Rows, preview cards and the export show it, so it is found here, with its line, and never
re-parsed per page.
"""

from __future__ import annotations

import re

from ..model import Oneline
from ..text.prose import prose_lines

_LABEL = re.compile(r"^ {0,3}(\*\*|__)In one line\.?\1\s*", re.IGNORECASE)
_ENDS_PARAGRAPH = re.compile(r"^\s*$|^ {0,3}(#|```|~~~|>|[-*+] |\d+[.)] )")


def find_oneline(body: str, first_line: int, placeholder: str | None = None) -> Oneline | None:
    """The sentence after the label, up to the end of its paragraph; None when the note has
    none, or when it still says what the template says."""
    lines = body.split("\n")
    for index in prose_lines(lines):
        label = _LABEL.match(lines[index])
        if label is None:
            continue
        parts = [lines[index][label.end():].strip()]
        for following in lines[index + 1:]:
            if _ENDS_PARAGRAPH.match(following):
                break
            parts.append(following.strip())
        text = " ".join(part for part in parts if part)
        return Oneline(text, first_line + index) if text and text != placeholder else None
    return None
