"""The export: the knowledge base as the stable JSON documented in DESIGN.md section 3."""

from __future__ import annotations

import json

from ...model import Item, KnowledgeBase, Proposal, Section, Topic

# Additions a reader can ignore (proposals, "proposed") keep the version; a change of meaning
# or a removal would bump it.
VERSION = 1


def export(kb: KnowledgeBase) -> dict:
    proposed = kb.proposals.keys()
    return {
        "version": VERSION,
        "sections": [_section(s) for s in kb.sections],
        "papers": {key: _paper(kb, key, key in proposed) for key in sorted(kb.papers)},
        "proposals": [_proposal(kb, p) for p in kb.proposals.ranked()],
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


def _proposal(kb: KnowledgeBase, proposal: Proposal) -> dict:
    """A proposal from the citation graph, best first; its paper is in "papers" too."""
    return {"key": proposal.key, "openalex": proposal.openalex, "kind": proposal.kind,
            "connects": list(proposal.connects), "topic": proposal.topic,
            "todos": [{"topic": p.topic_path, "todo": p.item.text}
                      for p in kb.todos_for(proposal)],
            "score": proposal.score, "found": proposal.found, "published": proposal.published}


def _paper(kb: KnowledgeBase, key: str, proposed: bool) -> dict:
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
        "proposed": proposed,
    }
