"""Synonyms: verbs a rewording trades for one another ("postponed" / "put back", "was
reduced" / "cut", "were delayed" / "were held up"), looked up in `lexicon.VERB_SYNONYMS`.

Word vectors place a phrasal verb far from the one word it stands for ("put back" is
"put" and "back"), so word matching would read the original's verb as dropped and the
candidate's as invented. Words that say one of a group the other side says too are taken
as said, the way numbers said in words are (`numbers.number_words_said`). English only.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from scoring import lexicon
from scoring.checks.base import Token, verb_forms

_GROUPS_OF: dict[str, frozenset[int]] = {}
for _k, _group in enumerate(lexicon.VERB_SYNONYMS):
    for _phrase in _group:
        _GROUPS_OF[_phrase] = _GROUPS_OF.get(_phrase, frozenset()) | {_k}
_PARTICLES = frozenset(p.split()[1] for p in _GROUPS_OF if " " in p)


def _said_groups(toks: Sequence[Token]) -> list[tuple[frozenset[int], tuple[Token, ...]]]:
    """Each word or two-word phrasal verb of `toks` that stands in a synonym group: its groups
    and its tokens ("held up": the groups of "hold up")."""
    out: list[tuple[frozenset[int], tuple[Token, ...]]] = []
    for k in range(len(toks)):
        groups, width = _read_at(toks, k)
        if groups:
            out.append((groups, tuple(toks[k : k + width])))
    return out


def _read_at(toks: Sequence[Token], k: int) -> tuple[frozenset[int], int]:
    """The synonym groups of the k-th word, read with the particle after it where they make a
    phrasal verb of a group, and how many words that reading takes (2 or 1)."""
    if k + 1 < len(toks) and toks[k + 1].lower in _PARTICLES:
        groups = _groups(toks[k].lower, toks[k + 1].lower)
        if groups:
            return groups, 2
    return _groups(toks[k].lower, ""), 1


@functools.lru_cache(maxsize=16384)
def _groups(word: str, particle: str) -> frozenset[int]:
    """The synonym groups of a word in any of its forms ("held"), or of the phrasal verb it
    makes with `particle` ("held up")."""
    keys = (f"{form} {particle}" if particle else form for form in verb_forms(word))
    return frozenset().union(*(_GROUPS_OF.get(key, frozenset()) for key in keys))


def groups_at(toks: Sequence[Token], k: int) -> frozenset[int]:
    """The synonym groups of the k-th word, read with the particle after it where they make a
    phrasal verb of a group ("set free")."""
    return _read_at(toks, k)[0]


def synonyms_said(o_toks: Sequence[Token], c_toks: Sequence[Token]) -> tuple[frozenset[int], frozenset[int]]:
    """The start offsets of words, on each side (original, candidate), that say a verb of a
    synonym group the other side says too, or a phrase of a group of `lexicon.PHRASE_SYNONYMS`
    ("in a row" / "consecutive")."""
    o_items, c_items = _said_groups(o_toks), _said_groups(c_toks)
    o_groups = frozenset().union(*(g for g, _ in o_items))
    c_groups = frozenset().union(*(g for g, _ in c_items))
    o_phrases, c_phrases = phrases_said(o_toks, c_toks)
    return (frozenset(t.start for g, ts in o_items if g & c_groups for t in ts) | o_phrases,
            frozenset(t.start for g, ts in c_items if g & o_groups for t in ts) | c_phrases)


def phrases_said(o_toks: Sequence[Token], c_toks: Sequence[Token]) -> tuple[frozenset[int], frozenset[int]]:
    """The start offsets of words, on each side, of a phrase of `lexicon.PHRASE_SYNONYMS` whose
    group the other side says too ("in a row" / "consecutive")."""
    o_phrases, c_phrases = _phrases(o_toks), _phrases(c_toks)
    return (frozenset(start for g, starts in o_phrases.items() if g in c_phrases for start in starts),
            frozenset(start for g, starts in c_phrases.items() if g in o_phrases for start in starts))


_PHRASE_FIRSTS = frozenset(phrase[0] for group in lexicon.PHRASE_SYNONYMS for phrase in group)


def _phrases(toks: Sequence[Token]) -> dict[int, list[int]]:
    """The phrase groups (`lexicon.PHRASE_SYNONYMS`, by index) a window says, each with the
    start offsets of its words."""
    out: dict[int, list[int]] = {}
    for k, t in enumerate(toks):
        if t.lower not in _PHRASE_FIRSTS:
            continue
        for g, group in enumerate(lexicon.PHRASE_SYNONYMS):
            for phrase in group:
                if tuple(x.lower for x in toks[k : k + len(phrase)]) == phrase:
                    out.setdefault(g, []).extend(x.start for x in toks[k : k + len(phrase)])
    return out
