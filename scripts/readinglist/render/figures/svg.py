"""What the inline SVG figures share: coordinates written the same way every time."""

from __future__ import annotations


def n(value: float) -> str:
    """A coordinate with at most one decimal and none when whole, so output is byte-stable."""
    text = f"{value:.1f}"
    return "0" if text == "-0.0" else text[:-2] if text.endswith(".0") else text
