"""What every fact check shares: word tokens with document offsets, the per-link
context that is built once and read by all checks, and the registry.

A check is a small class with a `name`, a `version` and `run(ctx) -> list[Finding]`,
registered with `@register` the way sacrebleu's metrics are; the report signature
names every registered check and its version, so a change of a check changes the
signature.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, ClassVar, Literal

import numpy as np

from scoring import lexicon
from scoring.types import Finding, Span

# Which links a check reads: pairs in one language, or in two.
Scope = Literal["same", "cross"]

if TYPE_CHECKING:
    from scoring.checks.names import DocumentNames
    from scoring.checks.numbers import Quantities

# The combining marks of the Basic Multilingual Plane (Devanagari, Bengali, Thai vowel
# signs, Hebrew points, accents of decomposed text): part of a word, though `\w` leaves
# them out ("बुधवार" is one word, not "ब", "धव", "र").
_MARKS = "".join(ch for ch in map(chr, range(0x300, 0x10000)) if unicodedata.category(ch) in ("Mn", "Mc", "Me"))
_LETTERS = rf"[^\W\d_]+(?:[{re.escape(_MARKS)}]+[^\W\d_]*)*"
# Words, and abbreviations written with dots as one word (U.S., U.K.).
WORDS = re.compile(rf"(?:[^\W\d_]\.){{2,}}|{_LETTERS}(?:[-'’]{_LETTERS})*", re.U)


def lower(word: str) -> str:
    return word.lower().replace("’", "'")


class Token:
    """A word of a text: offsets in the document text, the word, its lower-case form."""

    __slots__ = ("end", "lower", "start", "text")

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.lower = lower(text)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Token):
            return NotImplemented
        return (self.start, self.end, self.text) == (other.start, other.end, other.text)

    def __hash__(self) -> int:
        return hash((self.start, self.end, self.text))

    def __repr__(self) -> str:
        return f"Token(start={self.start!r}, end={self.end!r}, text={self.text!r})"


# Two windows this close (chrF) say the same thing but for the words that differ: a fact one
# of them lacks or turns is surely dropped, added or changed. (Looser pairs are often free
# renderings, where a check's finding is evidence only.)
CLOSE_CHRF = 50.0


def words_between(toks: Sequence[Token]) -> dict[tuple[str, str], Token]:
    """A window's words by the two words either side of them (the first such word)."""
    return {(toks[j - 1].lower, toks[j + 1].lower): toks[j] for j in range(len(toks) - 2, 0, -1)}


def in_its_place(toks: Sequence[Token], k: int, between: dict[tuple[str, str], Token]) -> Token | None:
    """The other window's word between the same two words as the k-th of `toks` ("the
    president denied that" / "the president said that"), or None; `between`: the other
    window's `words_between`."""
    if k == 0 or k + 1 >= len(toks):
        return None
    return between.get((toks[k - 1].lower, toks[k + 1].lower))


def verb_forms(word: str) -> frozenset[str]:
    """A lower-case word's base forms (`base_forms`) and, for an irregular past, its base
    ("knew": know, "left": leave)."""
    base = lexicon.IRREGULAR_PAST_BASE.get(word)
    return base_forms(word) | {base} if base else base_forms(word)


_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def with_numbers(toks: Sequence[Token], text: str, offset: int) -> list[Token]:
    """`toks` (words of `text`, which starts at `offset`) with the text's numbers ("1862",
    "4,000") among them, in order."""
    numbers = [Token(offset + m.start(), offset + m.end(), m.group()) for m in _DIGITS.finditer(text)]
    if not numbers:
        return list(toks)
    inside = {t.start for t in toks}
    return sorted([*toks, *(n for n in numbers if n.start not in inside)], key=lambda t: t.start)


def tokens(text: str, offset: int = 0) -> list[Token]:
    """Word tokens of `text` with document offsets (`offset` is where `text` starts)."""
    return [Token(offset + m.start(), offset + m.end(), m.group()) for m in WORDS.finditer(text)]


def base_forms(word: str) -> frozenset[str]:
    """A word and the forms it may be inflected from: rising -> rise, cheapest ->
    cheap, dropped -> drop, calmly -> calm, year's -> year."""
    return _base_forms(word)


@functools.lru_cache(maxsize=16384)
def _base_forms(word: str) -> frozenset[str]:
    out = {word}
    if word.endswith("'s"):
        word = word[:-2]
        out.add(word)

    def add(stem: str) -> None:
        if len(stem) >= 3:
            out.add(stem)

    if word.endswith("ies"):
        add(word[:-3] + "y")
    if word.endswith("es"):
        add(word[:-2])
    if word.endswith("s") and not word.endswith("ss"):
        add(word[:-1])
    for suf in ("ed", "er", "est", "ing", "ly"):
        if word.endswith(suf):
            stem = word[: -len(suf)]
            add(stem)
            if suf != "ly":
                add(stem + "e")
            if len(stem) >= 2 and stem[-1] == stem[-2]:
                add(stem[:-1])
            if stem.endswith("i"):
                add(stem[:-1] + "y")
    return frozenset(out)


@dataclass
class LinkContext:
    """One link as the checks read it, built once per link.

    `original` and `candidate` are the two windows' texts as they stand in their
    documents, at `o_offset` and `c_offset` (spans are document offsets); `chrf` the
    link's chrF; `names` what the whole original document names. Tokens, numbers
    and quantities of both sides are computed on first use and shared by all checks.
    """

    original: str
    candidate: str
    chrf: float
    names: DocumentNames
    o_offset: int = 0
    c_offset: int = 0
    # Languages of the two sides ("" where unknown) and, across languages, the
    # multilingual encoder (texts -> unit vectors) the checks may consult.
    o_lang: str = ""
    c_lang: str = ""
    encode: Callable[[Sequence[str]], np.ndarray] | None = None
    # What the whole candidate document names, where the caller built it (across languages).
    c_names: DocumentNames | None = None

    @property
    def scope(self) -> Scope:
        """"same" for English (or unknown) on both sides: the one-language checks read
        English; any other pair, in one language or two, is read with its languages'
        tables by the cross-lingual checks."""
        if not self.o_lang or not self.c_lang:
            return "same"
        return "same" if self.o_lang == self.c_lang == "en" else "cross"

    @cached_property
    def o_toks(self) -> list[Token]:
        return tokens(self.original, self.o_offset)

    @cached_property
    def c_toks(self) -> list[Token]:
        return tokens(self.candidate, self.c_offset)

    @cached_property
    def o_toks_and_numbers(self) -> list[Token]:
        """The original's words with its numbers among them (`with_numbers`)."""
        return with_numbers(self.o_toks, self.original, self.o_offset)

    @cached_property
    def c_toks_and_numbers(self) -> list[Token]:
        """The candidate's words with its numbers among them (`with_numbers`)."""
        return with_numbers(self.c_toks, self.candidate, self.c_offset)

    @cached_property
    def o_starts(self) -> list[int]:
        """The original's token start offsets, in order (for bisecting)."""
        return [t.start for t in self.o_toks]

    @cached_property
    def c_starts(self) -> list[int]:
        """The candidate's token start offsets, in order (for bisecting)."""
        return [t.start for t in self.c_toks]

    @cached_property
    def o_between(self) -> dict[tuple[str, str], Token]:
        """The original's words by the two words either side of them (`words_between`)."""
        return words_between(self.o_toks)

    @cached_property
    def c_between(self) -> dict[tuple[str, str], Token]:
        """The candidate's words by the two words either side of them (`words_between`)."""
        return words_between(self.c_toks)

    @cached_property
    def said_by_synonym(self) -> tuple[frozenset[int], frozenset[int]]:
        """Start offsets of the words, on each side, that say a verb the other side says by a
        synonym ("was reduced" / "cut": `synonyms.synonyms_said`)."""
        from scoring.checks.synonyms import synonyms_said  # it reads this module's tokens

        return synonyms_said(self.o_toks, self.c_toks)

    @cached_property
    def abbreviated(self) -> tuple[frozenset[int], frozenset[int]]:
        """Start offsets of the words, on each side, that an abbreviation of the other side
        stands for or that spell out one of its abbreviations ("Chief Executive Officer" /
        "CEO", "Vice President" / "VP": `score.abbreviated`)."""
        from scoring.score import abbreviated

        o_spans = [Span(t.start, t.end, t.text) for t in self.o_toks]
        c_spans = [Span(t.start, t.end, t.text) for t in self.c_toks]
        return (frozenset(self.o_toks[k].start for k in abbreviated(o_spans, c_spans)),
                frozenset(self.c_toks[k].start for k in abbreviated(c_spans, o_spans)))

    @cached_property
    def o_quantities(self) -> Quantities:
        from scoring.checks.numbers import Quantities

        return Quantities(self.original, self.o_offset, self.o_toks)

    @cached_property
    def c_quantities(self) -> Quantities:
        from scoring.checks.numbers import Quantities

        return Quantities(self.candidate, self.c_offset, self.c_toks)

    def c_span_text(self, start: int, end: int) -> str:
        """The candidate's text between two document offsets."""
        return self.candidate[start - self.c_offset : end - self.c_offset]

    def o_span_text(self, start: int, end: int) -> str:
        """The original's text between two document offsets."""
        return self.original[start - self.o_offset : end - self.o_offset]


class Check:
    """A fact check: reads a `LinkContext`, returns findings on the candidate side.

    `certain` findings say a fact surely differs and set their flag's severity; the
    others are evidence for the drift model and are reported at most as minor."""

    name: ClassVar[str] = ""
    version: ClassVar[int] = 1
    scope: ClassVar[Scope] = "same"

    def run(self, ctx: LinkContext) -> list[Finding]:  # pragma: no cover - abstract
        raise NotImplementedError


REGISTRY: dict[str, Check] = {}


def register(cls: type[Check]) -> type[Check]:
    """Class decorator: one instance of the check runs on every link, in registration order."""
    if not cls.name or cls.name in REGISTRY:
        raise ValueError(f"check {cls.__name__} needs a unique name")
    REGISTRY[cls.name] = cls()
    return cls


# What word matching takes as said in other words (`checks.words_said`), by version:
# 1: numbers said in words ("three hundred" / "300"); 2: verbs of one synonym group
# ("put back" / "postponed", `lexicon.VERB_SYNONYMS`); 3: an abbreviation of a name that skips
# one of its words ("EASA": European Union Aviation Safety Agency); 4: abbreviations in the
# plural ("LLCs": limited liability companies), and past "in" ("OSCE": Organization for Security
# and Co-operation in Europe); 5: phrases of one meaning ("in a row" / "consecutive",
# `lexicon.PHRASE_SYNONYMS`)
SAID_VERSION = 5


def signature(scope: Scope = "same") -> str:
    """The checks that read links of `scope` and their versions, as the report
    signature shows them."""
    named = "+".join(f"{name}.{check.version}" for name, check in REGISTRY.items() if check.scope == scope)
    return f"{named}+said.{SAID_VERSION}" if scope == "same" else named


def run_checks(ctx: LinkContext, names: Sequence[str] | None = None,
               on_check: Callable[[str, list[Finding]], None] | None = None) -> list[Finding]:
    """The registered checks of the link's scope (or those in `names`) on one link,
    in registration order."""
    out: list[Finding] = []
    scope = ctx.scope
    for name, check in REGISTRY.items():
        if check.scope != scope or (names is not None and name not in names):
            continue
        found = check.run(ctx)
        if on_check:
            on_check(name, found)
        out.extend(found)
    return out
