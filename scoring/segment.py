"""Stage 2, segment: `CleanText` in, `Document` out (sentences with exact offsets).

Every sentence satisfies `document.text[s.start:s.end] == s.text`. Splitting is rule
based and works on the tag-masked text so inline tags never create or hide a boundary:
a boundary is terminal punctuation (with any closing quotes or brackets) followed by
white space and an opening capital, digit, quote or bracket, unless the word before it
is a known abbreviation, an initial or a dotted acronym. Headings and boilerplate
lines are one sentence each unless they hold several full sentences.
"""

from __future__ import annotations

import re

from scoring.clean import BULLET, mask_tags
from scoring.types import CleanText, Document, Sentence

# Possessive runs of punctuation: no backtracking through a line of dots.
BOUNDARY = re.compile(r"[.!?…]++['\"”’»)\]]*+(?=\s+['\"“‘«(\[]?[^\W_a-z])", re.U)
# A longer "sentence" is cut at white space into pieces of at most this many
# characters, so that every later stage works on bounded pieces (the model reads
# about 250 word pieces of a sentence; a sentence of 200,000 characters is not prose).
MAX_SENTENCE_CHARS = 1500
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st mt ft gen lt col maj capt cmdr sgt adm gov sen rep pres
    rev hon no nos vol vols fig figs ed eds inc ltd co corp bros dept univ est approx
    vs etc al e.g i.e cf jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n
    e.u a.m p.m""".split()
)
ACRONYM = re.compile(r"(?:\b[A-Za-z]\.){2,}$")
INITIAL = re.compile(r"(?:^|[\s(])[A-Z]$")


def _is_abbreviation(before: str) -> bool:
    """True when the text up to a '.' (its last 64 characters) ends in an abbreviation,
    initial or acronym."""
    token = before.split()[-1] if before.split() else ""
    bare = token.lstrip("(\"'“‘").lower()
    if bare in ABBREVIATIONS or bare.rstrip(".") in ABBREVIATIONS:
        return True
    if ACRONYM.search(token + "."):
        return True
    return bool(INITIAL.search(before))


def split_spans(work: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans of `work[start:end]`, trimmed of white space and list bullets."""
    spans: list[tuple[int, int]] = []
    cursor = start
    chunk = work[start:end]
    for m in BOUNDARY.finditer(chunk):
        cut = start + m.end()
        punct = work[start + m.start()]
        # only the end of the text before the stop is read: skipping many abbreviations
        # in a row must not copy the growing sentence again and again
        before = work[max(cursor, start + m.start() - 64) : start + m.start()]
        whole = start + m.start() - cursor <= 64
        if punct == "." and m.end() - m.start() == 1 and (
                _is_abbreviation(before) or (whole and before.strip().isdigit())):
            continue  # an abbreviation, or the number of a numbered list item
        spans.append((cursor, cut))
        cursor = cut
    spans.append((cursor, end))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        piece = work[s:e]
        bullet = BULLET.match(piece)
        lead = bullet.end() if bullet else len(piece) - len(piece.lstrip())
        s2, e2 = s + lead, s + len(piece.rstrip())
        if e2 > s2 and any(ch.isalnum() for ch in work[s2:e2]):
            out.extend(_bounded(work, s2, e2))
    return out


def _bounded(work: str, start: int, end: int, limit: int = MAX_SENTENCE_CHARS) -> list[tuple[int, int]]:
    """`(start, end)`, or consecutive pieces of it of at most `limit` characters cut
    at white space (mid-word only where a piece has none)."""
    pieces: list[tuple[int, int]] = []
    while end - start > limit:
        cut = work.rfind(" ", start + limit // 2, start + limit)
        cut = cut if cut > start else start + limit
        pieces.append((start, cut))
        start = cut
        while start < end and work[start].isspace():
            start += 1
    if end > start:
        pieces.append((start, end))
    return [(s, e) for s, e in pieces if any(ch.isalnum() for ch in work[s:e])]


def segment(cleaned: CleanText) -> Document:
    """Split every block into sentences that keep the block's kind and language."""
    work = mask_tags(cleaned.text)
    sentences: list[Sentence] = []
    for block in cleaned.blocks:
        spans = split_spans(work, block.start, block.end)
        if block.kind == "heading" and len(spans) > 1:
            spans = [(spans[0][0], spans[-1][1])]
        for s, e in spans:
            sentences.append(
                Sentence(
                    index=len(sentences),
                    text=cleaned.text[s:e],
                    start=s,
                    end=e,
                    kind=block.kind,
                    language=block.language,
                )
            )
    return Document(cleaned.text, cleaned.source_format, tuple(sentences), cleaned.language, cleaned.title)
