"""Every check, each a pure function kb -> diagnostics named after its code."""

from __future__ import annotations

from ..diagnostic import Diagnostic
from ..model import KnowledgeBase
from .abstracts import check_long_abstract, check_markup_in_abstract, check_unbalanced_math
from .bibliography import (check_duplicate_identifier, check_invalid_arxiv_id, check_invalid_doi,
                           check_invalid_year, check_key_convention, check_missing_field,
                           check_missing_identifier, check_unlisted_paper,
                           check_unsupported_field)
from .markdown import check_heading_without_space, check_list_after_paragraph, \
    check_shallow_nested_list
from .notes import check_missing_why, check_orphan_note, check_unknown_citation, \
    check_unknown_status, check_unknown_tag
from .taxonomy import check_duplicate_id, check_duplicate_item, check_invalid_id, \
    check_unknown_paper
from .proposals import check_duplicate_proposal, check_proposal_listed, check_unknown_topic
from .snippets import check_invalid_snippet, check_missing_snippet, check_unsafe_snippet
from .unsafe import check_unsafe_attribute, check_unsafe_html, check_unsafe_link
from .values import check_markup_in_field, check_unsafe_url

CHECKS = (
    check_invalid_id, check_duplicate_id, check_unknown_paper, check_duplicate_item,
    check_unknown_topic, check_proposal_listed, check_duplicate_proposal,
    check_missing_field, check_missing_identifier, check_invalid_arxiv_id, check_invalid_doi,
    check_invalid_year, check_key_convention, check_duplicate_identifier, check_unlisted_paper,
    check_unsupported_field, check_unsafe_url, check_markup_in_field,
    check_orphan_note, check_unknown_status, check_unknown_tag, check_unknown_citation,
    check_missing_why,
    check_unsafe_html, check_unsafe_link, check_unsafe_attribute, check_unsafe_snippet,
    check_missing_snippet, check_invalid_snippet,
    check_markup_in_abstract, check_unbalanced_math, check_long_abstract,
    check_list_after_paragraph, check_shallow_nested_list, check_heading_without_space,
)

# Codes the loaders report while reading files; together with CHECKS, every code there is.
LOADER_CODES = (
    "invalid-utf8", "yaml-syntax", "yaml-duplicate-key", "yaml-alias", "yaml-tag",
    "yaml-type-trap", "wrong-type", "unknown-field", "missing-field", "missing-section",
    "unknown-section", "section-id", "invalid-order", "invalid-item", "bibtex-syntax",
    "duplicate-field", "duplicate-key", "missing-front-matter", "unterminated-front-matter",
    "too-deep", "duplicate-string", "undefined-string", "string-loop", "string-too-long",
    "symlink", "special-file", "invalid-proposal",
)


def code_of(check) -> str:
    return check.__name__.removeprefix("check_").replace("_", "-")


def all_codes() -> tuple[str, ...]:
    return tuple(dict.fromkeys(LOADER_CODES + tuple(code_of(c) for c in CHECKS)))


def check(kb: KnowledgeBase) -> list[Diagnostic]:
    return [diagnostic for run in CHECKS for diagnostic in run(kb)]
