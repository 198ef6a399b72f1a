"""Talking to the world: paper metadata, identifier checks, link checks, cache and settings."""
