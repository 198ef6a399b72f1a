"""The JSON Schemas of the taxonomy files and note front matter: the model's vocabulary.

Editors validate and complete the files with these schemas (each file names its schema in a
`# yaml-language-server: $schema=...` comment); `check` takes its allowed and required fields and
its enumerations from the same files, so the two never disagree.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import NamedTuple


class Shape(NamedTuple):
    """A mapping's allowed and required fields (unpacks into Reader.fields)."""

    allowed: tuple[str, ...]
    required: tuple[str, ...]


def _load(name: str) -> dict:
    text = resources.files("readinglist.schemas").joinpath(f"{name}.schema.json").read_text()
    return json.loads(text)


def _shape(schema: dict) -> Shape:
    return Shape(tuple(schema["properties"]), tuple(schema.get("required", ())))


_SECTION, _TAGS, _NOTE = _load("section"), _load("tags"), _load("note")

SECTION = _shape(_SECTION)
TOPIC = _shape(_SECTION["$defs"]["topic"])
ITEM = _shape(_SECTION["$defs"]["item"])
TAGS_FILE = _shape(_TAGS)
TAG = _shape(_TAGS["properties"]["tags"]["items"])
NOTE = _shape(_NOTE)

SECTION_IDS = tuple(_SECTION["properties"]["id"]["enum"])
ORDERS = tuple(_SECTION["properties"]["order"]["enum"])
STATUSES = tuple(_NOTE["properties"]["status"]["enum"])
# The fields that qualify an item, and the one kind of item each belongs to.
ITEM_DETAILS = {"as_written": "paper", "candidates": "todo", "reason": "todo"}
ITEM_KINDS = tuple(name for name in ITEM.allowed if name not in ITEM_DETAILS)

_PROPOSALS = _load("proposals")
PROPOSALS_FILE = _shape(_PROPOSALS)
PROPOSAL = _shape(_PROPOSALS["properties"]["proposals"]["items"])
REJECTION = _shape(_PROPOSALS["properties"]["rejected"]["items"])
