"""The floor `readinglist check` is measured against: parse the same files, and nothing else.

bibtexparser v2 for bib/, PyYAML's C loader for taxonomy/ and each note's front matter, and a
plain read of every note.

    python scripts/bench/baseline.py ROOT
"""

from __future__ import annotations

import sys
from pathlib import Path

import bibtexparser
import yaml


def parse_only(root: Path) -> int:
    count = 0
    for bib in sorted((root / "bib").glob("*.bib")):
        count += len(bibtexparser.parse_string(bib.read_text(encoding="utf-8")).entries)
    for section in sorted((root / "taxonomy").glob("*.yml")):
        yaml.load(section.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    for note in sorted((root / "notes").glob("*.md")):
        text = note.read_text(encoding="utf-8")
        yaml.load(text.split("---", 2)[1], Loader=yaml.CSafeLoader)
        count += 1
    return count


if __name__ == "__main__":
    parse_only(Path(sys.argv[1]))
