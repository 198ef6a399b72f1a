"""Figures, SVG with text alternatives: the frontier, the connections maps, the timeline."""
