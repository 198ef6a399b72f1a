"""The JSON Schemas editors use agree with the files and with `check`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from support import REPO
from readinglist.model import schema
from readinglist.model.schema import SECTION_IDS

SCHEMAS = REPO / "scripts/readinglist/schemas"
TAXONOMY_FILES = sorted((REPO / "taxonomy").glob("*.yml"))


def validator(name: str) -> jsonschema.Draft202012Validator:
    schema_text = (SCHEMAS / f"{name}.schema.json").read_text()
    return jsonschema.Draft202012Validator(json.loads(schema_text))


@pytest.mark.parametrize("path", TAXONOMY_FILES, ids=lambda p: p.name)
def test_each_taxonomy_file_names_its_schema_and_validates(path: Path):
    text = path.read_text(encoding="utf-8")
    named = re.match(r"# yaml-language-server: \$schema=(\S+)", text)
    assert named, f"{path.name} does not name its schema on its first line"
    schema_path = (path.parent / named.group(1)).resolve()
    assert schema_path.exists()
    errors = list(jsonschema.Draft202012Validator(json.loads(schema_path.read_text()))
                  .iter_errors(yaml.safe_load(text)))
    assert errors == []


def test_every_note_front_matter_validates():
    check = validator("note")
    for note in sorted((REPO / "notes").glob("*.md")):
        front = yaml.safe_load(note.read_text(encoding="utf-8").split("---\n")[1])
        assert list(check.iter_errors(front)) == [], note.name


@pytest.mark.parametrize("document", [
    {"id": "models", "title": "M", "topics": [{"id": "x", "title": "X", "titel": "typo"}]},
    {"id": "models", "title": "M", "topics": [{"id": "x", "title": "X",
                                               "items": [{"paper": "a", "todo": "b"}]}]},
    {"id": "models", "title": "M", "topics": [{"id": "x", "title": "X",
                                               "items": [{"paper": "a", "reason": "r"}]}]},
    {"id": "models", "title": "M", "topics": [{"id": "x", "title": "X",
                                               "items": [{"todo": "b", "as_written": "w"}]}]},
    {"id": "models", "title": "M", "order": "alphabetical", "topics": []},
    {"id": "Models", "title": "M", "topics": []},
])
def test_the_section_schema_refuses_what_check_refuses(document):
    assert list(validator("section").iter_errors(document))


def test_check_reads_its_fields_from_the_schemas():
    assert schema.SECTION_IDS == SECTION_IDS == ("hyperparams", "models", "optimization", "data",
                                                 "other")
    assert schema.TOPIC.allowed == ("id", "title", "why", "items", "suggestions", "topics")
    assert schema.ITEM_KINDS == ("paper", "todo", "question")
    assert schema.STATUSES == ("to-read", "reading", "read")
