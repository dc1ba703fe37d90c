"""Plain data passed between the pipeline stages. No behaviour beyond serialisation."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["content", "heading", "boilerplate"]
Side = Literal["original", "candidate"]
# MQM-style severities, least to most severe: the one ladder every layer uses.
Severity = Literal["ok", "minor", "major", "critical"]
# What a flag can be about (a flag's `category`).
FLAG_CATEGORIES: tuple[str, ...] = ("mistranslation", "omission", "addition", "untranslated", "number", "entity",
                                    "negation", "terminology")
SEVERITIES: tuple[Severity, ...] = ("ok", "minor", "major", "critical")
SEVERITY_RANK: dict[str, int] = {s: i for i, s in enumerate(SEVERITIES)}


def worst(severities: Iterable[Severity]) -> Severity:
    """The most severe of `severities` ("ok" for none)."""
    return max(severities, key=lambda s: SEVERITY_RANK[s], default="ok")


@dataclass(frozen=True)
class Block:
    """A line or paragraph of the cleaned text: `text[start:end]` with its kind."""

    start: int
    end: int
    kind: Kind
    reason: str = ""  # why a block is furniture (for debugging and the report)
    language: str | None = None


@dataclass(frozen=True)
class CleanText:
    """Output of `clean`: the text offsets refer to, and its blocks in order."""

    text: str
    source_format: Literal["text", "html"]
    blocks: tuple[Block, ...]
    language: str | None  # main language of the content blocks (ISO 639-1) or None
    title: str | None = None


# Chinese, Japanese and Korean syllables: no spaces between words, about two a word.
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def word_count(text: str) -> int:
    """Words of a text: white-space separated, plus one for every two Chinese,
    Japanese or Korean characters (which are written without spaces)."""
    cjk = len(CJK.findall(text)) if not text.isascii() else 0
    return len(text.split()) + cjk // 2


@dataclass(frozen=True)
class Sentence:
    index: int
    text: str
    start: int
    end: int
    kind: Kind
    language: str | None = None

    @property
    def words(self) -> int:
        return word_count(self.text)


@dataclass(frozen=True)
class Document:
    """A cleaned, segmented document: `text[s.start:s.end] == s.text` for every sentence."""

    text: str
    source_format: Literal["text", "html"]
    sentences: tuple[Sentence, ...]
    language: str | None
    title: str | None = None


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Link:
    """An alignment bead: original sentence indices <-> candidate sentence indices."""

    original: tuple[int, ...]
    candidate: tuple[int, ...]
    similarity: float


@dataclass(frozen=True)
class WordMatch:
    """A candidate word, its best counterpart in the original window, and how well
    that counterpart is in turn matched by anything in the candidate window."""

    span: Span
    similarity: float
    counterpart: str
    counterpart_similarity: float
    replaces: str | None = None  # an original word lost from the candidate whose closest word this is


@dataclass
class LinkScore:
    """Metrics of one link (`scoring.score`)."""

    similarity: float
    chrf: float
    bleu: float
    ter: float
    length_ratio: float
    word_drift: list[WordMatch] = field(default_factory=list)
    # Original content words and how well the candidate covers them (original offsets).
    word_coverage: list[WordMatch] = field(default_factory=list)


@dataclass(frozen=True)
class Finding:
    """One fact check that fired on a link (`scoring.checks`).

    `certain`: the fact surely differs, so the finding sets its flag's severity; an
    uncertain finding (a name or number the candidate adds, a negation far from any
    close wording) is evidence for the drift model and is reported at most as minor.
    `side` says which document the spans are in: the candidate's (what it says
    instead) or the original's (what it dropped)."""

    category: str
    severity: Severity
    spans: tuple[Span, ...]
    message: str
    original_text: str = ""
    certain: bool = True
    side: Side = "candidate"
    original_spans: tuple[Span, ...] = ()  # a candidate-side finding's counterpart in the original, when known


@dataclass
class Flag:
    id: str
    side: Side
    sentences: list[int]
    category: str
    severity: Severity
    score: float
    spans: list[Span]
    message: str
    original_text: str = ""
    link: int | None = None
    # The original's side of a flag on the candidate side, when it has one of its own
    # (a glossary term); and the id of the suppression rule that silenced the flag.
    original_spans: list[Span] = field(default_factory=list)
    suppressed_by: str | None = None
