"""Reading files into the model: text, strict YAML, BibTeX, notes, pages and history; parse only."""

from .knowledge import load

__all__ = ["load"]
