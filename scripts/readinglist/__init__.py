"""readinglist: a reading map kept as taxonomy/, bib/ and notes/, checked and rendered."""

from .checks import CHECKS, check
from .diagnostic import Diagnostic
from .loaders import load
from .model import KnowledgeBase

__all__ = ["CHECKS", "Diagnostic", "KnowledgeBase", "check", "load"]
