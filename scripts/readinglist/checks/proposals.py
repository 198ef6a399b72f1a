"""Checks of taxonomy/proposals.yml: each proposal names a topic, is not on the map already,
and is proposed once."""

from __future__ import annotations

from typing import Iterable

from ..diagnostic import Diagnostic, error
from ..model import KnowledgeBase


def check_unknown_topic(kb: KnowledgeBase) -> Iterable[Diagnostic]:
    if not kb.complete("taxonomy/"):
        return
    known = kb.topic_paths()
    for proposal in kb.proposals.proposals:
        if proposal.topic not in known:
            near = [path for path in known if path.startswith(f"{proposal.section}/")]
            yield error(proposal.path, proposal.line, proposal.col, "unknown-topic",
                        f"proposal '{proposal.key}' names topic '{proposal.topic}', which the "
                        f"taxonomy does not have (topics: {', '.join(near or known)})")


def check_proposal_listed(kb: KnowledgeBase) -> Iterable[Diagnostic]:
    mapped = kb.mapped_keys()
    for proposal in kb.proposals.proposals:
        if proposal.key in mapped:
            yield error(proposal.path, proposal.line, proposal.col, "proposal-listed",
                        f"proposal '{proposal.key}' is already on the map; delete the proposal "
                        f"(readinglist accept moves a proposal onto the map)")


def check_duplicate_proposal(kb: KnowledgeBase) -> Iterable[Diagnostic]:
    seen: dict[str, int] = {}
    for proposal in kb.proposals.proposals:
        for name in (proposal.key, proposal.openalex):
            if name in seen:
                yield error(proposal.path, proposal.line, proposal.col, "duplicate-proposal",
                            f"'{name}' is already proposed on line {seen[name]}; propose a work "
                            "once")
                break
        else:
            seen.update({proposal.key: proposal.line, proposal.openalex: proposal.line})
