"""The canonical layout of a taxonomy file, comments and quoting kept (ruamel.yaml round trip)."""

from __future__ import annotations

import io

from ruamel.yaml import YAML


def format_yaml(text: str) -> str:
    """Two-space mappings, lists indented under their key, one final newline."""
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096            # never rewrap a long line: that is the author's choice
    out = io.StringIO()
    yaml.dump(yaml.load(text), out)
    return out.getvalue().rstrip("\n") + "\n"
