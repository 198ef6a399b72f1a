"""Reading files into the knowledge base: text, strict YAML, BibTeX, notes, pages and history."""

from .knowledge import KnowledgeBase, Placement, load

__all__ = ["KnowledgeBase", "Placement", "load"]
