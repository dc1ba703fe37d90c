"""Stage 6, check: the text of one link in, fact-check findings out.

Sentence similarity cannot see a changed number, a swapped name, a flipped negation or
a daily that became weekly: two sentences with the same words and the opposite
meaning still score 0.8. These checks compare the facts of the two windows directly,
one module per family, each a registered `Check` reading a `LinkContext` that is
built once per link:

* `numbers`: numbers and number words by value, ordinals, multipliers, fractions,
  durations; time words of one class (daily/weekly, Monday/Tuesday);
* `names`: names cut short or swapped, with spelling variants, abbreviations, aliases; codes
  of a series swapped ("BRCA1" -> "BRCA2");
* `polarity`: negations and opposites (and words of opposite tone, opposite prefixes),
  counted so that double rewordings cancel;
* `pronouns`: a person whose gender changed (he -> she), a subject of another person (I -> he);
* `qualifiers`: a hedge or standing dropped or added ("the alleged attacker" -> "the attacker");
* `roles`: who did what to whom swapped ("A beat B" -> "B beat A"), the sides of a comparison,
  two amounts or the two ends of "from A to B" trading places, a relation changed ("son" -> "father");
* `verbs`: a main verb cut out of its sentence ("the novelist acknowledged Achebe" -> "the novelist Achebe");
* `clauses`: a clause one window has and the other simply does not (", the third such attack this month");
* `kinds`: a word of one kind where the original has another of its class ("children" / "adults");
* `tone`: an insult or swear word on one side only ("the idiot minister");
* `untranslated`: a clause left in another language;
* `crosslingual`: the same facts when the two sides are in different languages.

`synonyms` is no check: it tells word matching, with the numbers said in words, which words
say what the other side says in other words ("put back" / "postponed": `words_said`).

A finding is `certain` when the fact surely differs (its severity stands) and
uncertain otherwise (evidence for the drift model, reported at most as minor).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from scoring.checks import clauses as _clauses
from scoring.checks import crosslingual as _crosslingual
from scoring.checks import kinds as _kinds
from scoring.checks import names as _names
from scoring.checks import numbers as _numbers
from scoring.checks import polarity as _polarity
from scoring.checks import pronouns as _pronouns
from scoring.checks import qualifiers as _qualifiers
from scoring.checks import roles as _roles
from scoring.checks import tone as _tone
from scoring.checks import untranslated as _untranslated
from scoring.checks import verbs as _verbs
from scoring.checks.base import REGISTRY, Check, LinkContext, Token, base_forms, register, run_checks, signature, tokens
from scoring.checks.names import DocumentNames, entities, same_name, same_word, skeleton
from scoring.checks.numbers import number_words_said, numbers
from scoring.checks.synonyms import synonyms_said
from scoring.types import Finding

__all__ = [
    "REGISTRY",
    "Check",
    "DocumentNames",
    "LinkContext",
    "Token",
    "base_forms",
    "check_link",
    "entities",
    "number_words_said",
    "numbers",
    "register",
    "run_checks",
    "same_name",
    "same_word",
    "signature",
    "skeleton",
    "tokens",
    "words_said",
]
_FAMILIES = (_names, _numbers, _polarity, _pronouns, _qualifiers, _roles, _verbs, _clauses, _kinds, _tone,
             _untranslated, _crosslingual)  # imported for their registrations


def check_link(original: str, candidate: str, chrf: float, original_document: str | DocumentNames = "",
               o_offset: int = 0, c_offset: int = 0, o_lang: str = "", c_lang: str = "",
               encode: Callable[[Sequence[str]], np.ndarray] | None = None,
               candidate_document: DocumentNames | None = None) -> list[Finding]:
    """All registered checks on one link.

    `original` / `candidate` are the windows' texts as they stand in their documents
    at `o_offset` / `c_offset`; findings' spans are document offsets of their side.
    `original_document` is the whole original text, or its `DocumentNames` built once
    for all links of an audit: names the candidate makes explicit are looked up
    there, not only in the linked window. When `o_lang` and `c_lang` differ, the
    cross-lingual checks run instead, consulting `encode` (the multilingual encoder);
    `candidate_document`: the candidate's `DocumentNames`, where a check reads the
    candidate's names document-wide."""
    if isinstance(original_document, DocumentNames):
        doc_names = original_document
    else:
        doc_names = DocumentNames(original_document or tokens(original, o_offset))
    return run_checks(LinkContext(original, candidate, chrf, doc_names, o_offset, c_offset, o_lang, c_lang, encode,
                                  candidate_document))


def words_said(original: str, o_offset: int, candidate: str, c_offset: int) -> tuple[frozenset[int], frozenset[int]]:
    """The start offsets of words, on each side (original, candidate), that say what the
    other side says in other words: numbers in words and digits ("three hundred" / "300",
    `number_words_said`) and verbs of one synonym group ("put back" / "postponed",
    `synonyms.synonyms_said`). Word matching takes them as matched exactly."""
    o_toks, c_toks = tokens(original, o_offset), tokens(candidate, c_offset)
    o_numbers, c_numbers = number_words_said(original, o_offset, candidate, c_offset, o_toks, c_toks)
    o_verbs, c_verbs = synonyms_said(o_toks, c_toks)
    return o_numbers | o_verbs, c_numbers | c_verbs
