"""The "New in the field" page: every proposal from the citation graph, newest first, each said
to be a proposal, with why it was proposed, where it would sit and the to-do lines it answers."""

from __future__ import annotations

from ...model import KnowledgeBase, Proposal
from ..fragments.annotations import abstract_toggle
from ..fragments.proposals import LABEL, place, todo_lines, why
from ..fragments.rows import buttons, byline
from ..markup import front_matter, md
from ..uris import NEW_IN_THE_FIELD, paper_uri, rel

TITLE = "New in the field"
ABOUT = ("Works the citation graph proposes for the map: each cites at least two papers on the "
         "list, or at least two papers on the list cite it. They are proposals, not the "
         "curator's picks: `readinglist discover` finds them in "
         "[OpenAlex](https://openalex.org), a weekly pull request brings them here, and the "
         "curator accepts each onto the map (`readinglist accept`) or turns it down "
         "(`readinglist reject`). Newest publication first.")
NONE_YET = ("There are no proposals yet. They arrive with the weekly pull request that runs "
            "`readinglist discover`, once it has found works that cite two papers on the list "
            "or that two of them cite.")


def new_in_the_field_page(kb: KnowledgeBase) -> str:
    here = NEW_IN_THE_FIELD
    parts = [front_matter(title=TITLE), f"# {TITLE}", "", ABOUT, ""]
    proposals = [p for p in kb.proposals.newest() if p.key in kb.papers]
    if not proposals:
        return "\n".join(parts + [NONE_YET, ""])
    if kb.proposals.checked:
        parts += [f"Last changed by `discover` on {md(kb.proposals.checked)}; "
                  f"{len(proposals)} {'proposal' if len(proposals) == 1 else 'proposals'} "
                  "waiting for review.", ""]
    for proposal in proposals:
        parts += [_entry(kb, proposal, here), ""]
    return "\n".join(parts)


def _entry(kb: KnowledgeBase, proposal: Proposal, here: str) -> str:
    paper = kb.papers[proposal.key]
    facts = [f"**Why:** {why(kb, proposal, here)}",
             f"**Would sit under:** {place(kb, proposal, here)}",
             *(f"**Answers the to-do:** {line}" for line in todo_lines(kb, proposal, here)),
             f"**Found:** {md(proposal.found)}" + (
                 f" · **published:** {md(proposal.published)}" if proposal.published else "")]
    return "\n".join([
        '<div class="rl-paper rl-paper--proposed" data-search-exclude markdown>',
        f'<span class="rl-proposed__label">{LABEL}, not the curator\'s pick</span>  ',
        f'[{md(paper.title)}]({rel(here, paper_uri(proposal.key))}){{ .rl-title }}  ',
        byline(kb, proposal.key),
        "",
        *(f"- {fact}" for fact in facts),
        "",
        buttons(kb, proposal.key),
        "",
        *abstract_toggle(kb, proposal.key),
        "</div>",
    ])
