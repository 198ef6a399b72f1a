"""One row per item, in the spirit of al-folio: a paper, a todo, a question."""

from __future__ import annotations

from ...model import Item, KnowledgeBase
from ...text.identifiers import is_web_url
from ..markup import attr, md
from ..uris import arxiv_abs, arxiv_pdf, doi_url, link_target, paper_uri, rel
from .annotations import abstract_toggle, oneline_after, oneline_block
from .reader import row_data

STATUS_LABELS = {"to-read": "to read", "reading": "reading", "read": "read", None: "no note yet"}
PROPOSED = "proposed"   # a proposal's status: found by the citation graph, not yet reviewed


def status_label(kb: KnowledgeBase, key: str) -> str:
    status = kb.status(key)
    if status is None and kb.proposals.get(key) is not None:
        return PROPOSED
    return STATUS_LABELS.get(status, status)


def status_chip(kb: KnowledgeBase, key: str) -> str:
    label = status_label(kb, key)
    css = PROPOSED if label == PROPOSED else (kb.status(key) or "none")
    return f'<span class="rl-status rl-status--{css}">{label}</span>'


def byline(kb: KnowledgeBase, key: str) -> str:
    """Authors, then venue and year, as two Markdown lines."""
    paper = kb.papers[key]
    authors = ", ".join(paper.authors) or "Unknown authors"
    venue = ", ".join(part for part in (paper.venue, paper.year) if part)
    return (f'<span class="rl-authors">{md(authors)}</span>  \n'
            f'<span class="rl-venue">{md(venue)}</span>')


def buttons(kb: KnowledgeBase, key: str) -> str:
    """Links to the paper's arXiv page, PDF, DOI, code and other material, then its status."""
    paper = kb.papers[key]
    links = []
    if paper.arxiv:
        links.append(("arXiv", arxiv_abs(paper.arxiv)))
    pdf = paper.get("pdf") or (arxiv_pdf(paper.arxiv) if paper.arxiv else None)
    if pdf:
        links.append(("PDF", pdf))
    if paper.doi:
        links.append(("DOI", doi_url(paper.doi)))
    for name, label in (("url", "Web"), ("code", "Code"), ("slides", "Slides"),
                        ("video", "Video")):
        if paper.get(name):
            links.append((label, paper.get(name)))
    # `check` reports any other scheme (unsafe-url); the site never links one, whatever it is.
    rendered = [f'[{label}](<{link_target(url)}>){{ .rl-button }}' for label, url in links
                if is_web_url(url)]
    return " ".join(rendered + [status_chip(kb, key)])


def bibtex_block(raw: str) -> str:
    fence = "````" if "```" in raw else "```"
    return f"{fence}bibtex\n{raw.strip()}\n{fence}"


def paper_row(kb: KnowledgeBase, key: str, here: str, as_written: str | None = None,
              css: str = "rl-paper", bibtex: bool = True) -> str:
    """bibtex: the entry inline, collapsed; else a link to the paper page's copy of it."""
    # Of the taxonomy a row reads where its paper is placed, and nothing else.
    rows, at = kb.derived(row_memo), (key, here, as_written, css, bibtex, kb.places(key))
    if at not in rows:
        rows[at] = _paper_row(kb, key, here, as_written, css, bibtex)
    return rows[at]


def row_memo(kb: KnowledgeBase) -> dict[tuple, str]:
    """The rows made for kb, by paper and place (a server hands them on: render/edits.py)."""
    return {}


def _paper_row(kb: KnowledgeBase, key: str, here: str, as_written: str | None, css: str,
               bibtex: bool) -> str:
    paper = kb.papers[key]
    return "\n".join([
        f'<div class="{css}" {row_data(kb, key)} data-search-exclude markdown>',
        f'[{md(paper.title)}]({rel(here, paper_uri(key))}){{ .rl-title }}  ',
        byline(kb, key),
        *curators_words(as_written),
        "",
        *oneline_block(kb, key, here),
        buttons(kb, key),
        "",
        *abstract_toggle(kb, key),
        *(_bibtex_toggle(paper.raw) if bibtex else
          ["", f'[BibTeX]({rel(here, paper_uri(key), "bibtex")}){{ .rl-bibtex-link }}', ""]),
        "</div>",
    ])


def _bibtex_toggle(raw: str) -> list[str]:
    return ['<details class="rl-bibtex" markdown>', "<summary>BibTeX</summary>", "",
            bibtex_block(raw), "", "</details>"]


def curators_words(as_written: str | None) -> list[str]:
    """The curator's own line for a paper, when the map shows it under another title."""
    if not as_written:
        return []
    return [f'<span class="rl-as-written">The curator wrote: “{md(as_written)}”</span>']


def suggestion_links(kb: KnowledgeBase, item: Item, here: str) -> str:
    """The candidates as a list, each linked and followed by its note's one-line sentence."""
    links = [f'- [{md(kb.papers[key].title)}]({rel(here, paper_uri(key))} '
             f'"{attr(", ".join(kb.papers[key].authors))}"){oneline_after(kb, key, here)}'
             for key in item.candidates if key in kb.papers]
    return "\n".join(links)


def todo_row(kb: KnowledgeBase, item: Item, here: str, below: list[str] | None = None) -> str:
    """below: lines shown last in the to-do's box (the proposals that answer it)."""
    lines = ['<div class="rl-todo" markdown>',
             f'<span class="rl-todo__label">To do</span> {md(item.text)}']
    if item.candidates:
        lines.append(f'\n<span class="rl-todo__label">Suggestions, not yet the curator\'s '
                     f'picks</span>\n\n{suggestion_links(kb, item, here)}')
    if item.reason:
        lines.append(f'\n<span class="rl-todo__label">Why these</span> {md(item.reason)}')
    if below:
        lines += ["", *below]
    lines.append("</div>")
    return "\n".join(lines)


def question_row(item: Item) -> str:
    return "\n".join(['!!! question "Open question"', "", f"    {md(item.text)}"])


def item_row(kb: KnowledgeBase, item: Item, here: str) -> str:
    if item.kind == "paper":
        return paper_row(kb, item.key, here, item.as_written) if item.key in kb.papers else \
            f'<div class="rl-paper" markdown>{md(item.key)} (missing from the bibliography)</div>'
    if item.kind == "todo":
        return todo_row(kb, item, here)
    return question_row(item)
