"""The export: the knowledge base as the stable JSON documented in DESIGN.md section 3."""

from __future__ import annotations

import json

from ...model import Item, KnowledgeBase, Section, Topic

VERSION = 1


def export(kb: KnowledgeBase) -> dict:
    return {
        "version": VERSION,
        "sections": [_section(s) for s in kb.sections],
        "papers": {key: _paper(kb, key) for key in sorted(kb.papers)},
    }


def dumps(kb: KnowledgeBase) -> str:
    return json.dumps(export(kb), indent=2, ensure_ascii=False) + "\n"


def _section(section: Section) -> dict:
    return {"id": section.id, "title": section.title, "intro": section.intro,
            "order": section.order, "source": section.source,
            "source_note": section.source_note, "topics": [_topic(t) for t in section.topics]}


def _topic(topic: Topic) -> dict:
    return {"id": topic.id, "title": topic.title, "why": topic.why,
            "items": [_item(i) for i in topic.items],
            "suggestions": list(topic.suggestions),
            "topics": [_topic(t) for t in topic.topics]}


def _item(item: Item) -> dict:
    if item.kind == "todo":
        return {"todo": item.text, "candidates": list(item.candidates),
                "reason": item.reason}
    if item.kind == "paper" and item.as_written:
        return {"paper": item.key, "as_written": item.as_written}
    return {item.kind: item.text}


def _paper(kb: KnowledgeBase, key: str) -> dict:
    paper, note = kb.papers[key], kb.notes.get(key)
    return {
        "title": paper.title,
        "authors": paper.authors,
        "year": paper.year,
        "venue": paper.venue,
        "venue_kind": paper.venue_kind,
        "arxiv": paper.arxiv,
        "doi": paper.doi,
        "url": paper.get("url"),
        "status": kb.status(key),
        "tags": list(note.tags) if note else [],
        "note": note.path if note else None,
        "cites": list(dict.fromkeys(c.key for c in note.citations)) if note else [],
        "oneline": note.oneline_markdown if note else None,
        "abstract": paper.abstract,
    }
