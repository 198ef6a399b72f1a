"""The domain every room shares: the knowledge base and what it holds, as plain values.

Positions travel as Position(path, line, col); no parser's node type reaches here."""

from .history import History, PaperEvent
from .knowledge import KnowledgeBase, Placement
from .notes import NOTE_TEMPLATE, Citation, Note, Oneline, Page, Snippet
from .papers import BibField, Paper
from .proposals import KINDS, PROPOSALS_FILE, Proposal, Proposals, Rejection
from .taxonomy import FieldText, Item, Position, Section, Tag, Topic, walk_topics

__all__ = ["KINDS", "NOTE_TEMPLATE", "PROPOSALS_FILE", "BibField", "Citation", "FieldText",
           "History", "Item", "KnowledgeBase", "Note", "Oneline", "Page", "Paper", "PaperEvent",
           "Placement", "Position", "Proposal", "Proposals", "Rejection", "Section", "Snippet",
           "Tag", "Topic", "walk_topics"]
