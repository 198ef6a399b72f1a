"""The console script: one module per group of commands, over the library; only these print."""

from .app import main

__all__ = ["main"]
