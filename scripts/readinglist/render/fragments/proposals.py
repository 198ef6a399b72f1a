"""What the site says of a proposal from the citation graph: why it is proposed, where it would
sit, which to-do lines it answers, and the collapsed block under a topic or a to-do. Every one
of them says it is a proposal: never the curator's pick, never our hand-written suggestion."""

from __future__ import annotations

from collections import defaultdict

from ...model import Item, KnowledgeBase, Proposal, Section, Topic, walk_topics
from ..markup import cite_label, md
from ..uris import NEW_IN_THE_FIELD, paper_uri, rel, section_uri
from .annotations import abstract_text
from .rows import byline

LABEL = "Proposed from the citation graph"
KIND_PHRASES = {"cites-list": "Cites {n} papers on the list",
                "cited-by-list": "Cited by {n} papers on the list"}
Answers = dict[tuple[str, int, int], list[Proposal]]   # a to-do's position -> its proposals


def why(kb: KnowledgeBase, proposal: Proposal, here: str) -> str:
    """'Cites 2 papers on the list: [A](..), [B](..)', as Markdown."""
    links = [f"[{md(kb.papers[k].title)}]({rel(here, paper_uri(k))})" if k in kb.papers
             else md(k) for k in proposal.connects]
    return f"{_phrase(proposal)}: {', '.join(links)}"


def why_plain(kb: KnowledgeBase, proposal: Proposal) -> str:
    """'Cites 2 papers on the list: Jones and Müller, 2019; Smith, 2020', as text."""
    cited = [cite_label(kb.papers[k].authors, kb.papers[k].year) if k in kb.papers else k
             for k in proposal.connects]
    return f"{_phrase(proposal)}: {'; '.join(cited)}"


def _phrase(proposal: Proposal) -> str:
    return KIND_PHRASES[proposal.kind].format(n=proposal.score)


def trail(kb: KnowledgeBase, topic_path: str) -> tuple[Section, tuple[Topic, ...]] | None:
    """The section and the topics down to the topic a path names; None if there is none."""
    for section in kb.sections:
        for topic, above in walk_topics(section.topics):
            if section.path_to(above + (topic,)) == topic_path:
                return section, above + (topic,)
    return None


def crumbs(section: Section, topics: tuple[Topic, ...], here: str) -> str:
    """Section › topic › subtopic, each a link to its place on the section's page."""
    page = section_uri(section.id)
    links = [f"[{md(section.title)}]({rel(here, page)})"]
    links += [f"[{md(t.title)}]({rel(here, page, t.id)})" for t in topics]
    return " › ".join(links)


def place(kb: KnowledgeBase, proposal: Proposal, here: str) -> str:
    """Where the proposal would sit, as links; the path as text if the taxonomy lacks it."""
    found = trail(kb, proposal.topic)
    return crumbs(*found, here) if found else md(proposal.topic)


def todo_lines(kb: KnowledgeBase, proposal: Proposal, here: str) -> list[str]:
    """Each to-do line the proposal answers: its words, then where it is."""
    return [f"“{md(p.item.text)}” under {crumbs(p.section, p.trail, here)}"
            for p in kb.todos_for(proposal)]


def answers(kb: KnowledgeBase) -> Answers:
    """The proposals each to-do line answers, best first (worked out once per knowledge base)."""
    found: Answers = defaultdict(list)
    for proposal in kb.proposals.ranked():
        for placement in kb.todos_for(proposal):
            found[_at(placement.item)].append(proposal)
    return dict(found)


def _at(item: Item) -> tuple[str, int, int]:
    return item.path, item.line, item.col


def for_todo(kb: KnowledgeBase, item: Item) -> list[Proposal]:
    """The proposals a to-do line answers, best first."""
    return kb.derived(answers).get(_at(item), [])


def for_topic(kb: KnowledgeBase, topic_path: str, topic: Topic) -> list[Proposal]:
    """The topic's proposals that none of its own to-do lines shows already."""
    if not kb.proposals.proposals:
        return []
    shown = {p.key for item in topic.items if item.kind == "todo"
             for p in for_todo(kb, item)}
    return [p for p in kb.proposals.in_topic(topic_path) if p.key not in shown]


def proposal_block(kb: KnowledgeBase, proposals: list[Proposal], here: str) -> list[str]:
    """The collapsed "Proposed from the citation graph" block: for each proposal its title,
    authors, venue and year, the listed papers it connects to, and its abstract as text."""
    proposals = [p for p in proposals if p.key in kb.papers]
    if not proposals:
        return []
    count = f"{len(proposals)} {'paper' if len(proposals) == 1 else 'papers'}"
    # data-search-exclude on the details, and no details inside: Material's search index ends
    # an excluded element at the first closing tag of its name.
    lines = ['<details class="rl-proposals" data-search-exclude markdown>',
             f"<summary>{LABEL}: {count}, not the curator's picks</summary>", ""]
    for proposal in proposals:
        paper = kb.papers[proposal.key]
        lines += [f'<p class="rl-proposal" markdown>[{md(paper.title)}]'
                  f'({rel(here, paper_uri(proposal.key))}){{ .rl-title }}  ',
                  byline(kb, proposal.key) + "  ",
                  f'<span class="rl-proposal__why">{why(kb, proposal, here)}</span></p>', ""]
        if paper.abstract:
            lines += [abstract_text(paper.abstract), ""]
    lines += [f"See [New in the field]({rel(here, NEW_IN_THE_FIELD)}) for every proposal.", "",
              "</details>", ""]
    return lines


def proposal_notice(kb: KnowledgeBase, key: str, here: str) -> list[str]:
    """A proposal's paper page says so first: found when, why, where it would sit."""
    proposal = kb.proposals.get(key)
    if proposal is None:
        return []
    todos = todo_lines(kb, proposal, here)
    lines = ['<div class="admonition note rl-proposed" data-search-exclude markdown>',
             f'<p class="admonition-title">{LABEL}, not the curator\'s pick</p>', "",
             f"Found on {proposal.found}, waiting for the curator's review. "
             f"{why(kb, proposal, here)}.", "",
             f"It would sit under {place(kb, proposal, here)}."]
    if todos:
        lines += ["", "It may answer:", "", *(f"- {line}" for line in todos)]
    lines += ["", f"Every proposal is on [New in the field]({rel(here, NEW_IN_THE_FIELD)}).",
              "</div>", ""]
    return lines
