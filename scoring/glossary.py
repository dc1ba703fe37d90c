"""Stage 6b, check against the newsroom's glossary: violated term entries -> flags.

In: glossary entries (`scoring.policy.TermEntry`), both documents, the links in report
order, and each sentence's word vectors. Out: one `terminology` flag per original
occurrence of an entry's source term whose linked candidate sentences do not contain
the required rendering, with spans on both sides: the term in the original
(`original_spans`) and, in the candidate, the words that stand where the term should
be (the candidate words closest to the term's words; the linked sentences when the
model gives no word vectors).

One pass of one pattern over the original finds every term; the renderings are looked
for only in the links that need them, so the cost is linear in the text for a glossary
of a given size.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence

import numpy as np

from scoring.embed import WordVectors
from scoring.policy import TermEntry, normalise
from scoring.score import is_content_word
from scoring.types import Document, Flag, Link, Side, Span

WordsOf = Callable[[Side, int], WordVectors | None]
# Candidate words taken as the term's rendering may spread over the term's length plus this.
SPREAD = 2


def term_pattern(terms: Sequence[str]) -> re.Pattern[str] | None:
    """A pattern for any of `terms`, whole words, any case, any run of spaces inside."""
    parts = sorted({normalise(t) for t in terms if t.strip()}, key=len, reverse=True)
    if not parts:
        return None
    # A hyphen may have spaces around it ("long -range" is a typing slip, not a new term).
    body = "|".join(r"\s+".join(re.escape(w).replace(r"\-", r"\s*-\s*") for w in p.split()) for p in parts)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


def glossary_flags(entries: Sequence[TermEntry], original: Document, candidate: Document, links: Sequence[Link],
                   words_of: WordsOf) -> list[Flag]:
    """The `terminology` flags of `links` (numbered in the order given) under `entries`."""
    sources = term_pattern([e.source for e in entries])
    if sources is None or not links:
        return []
    by_source: dict[str, list[TermEntry]] = {}
    for entry in entries:
        by_source.setdefault(normalise(entry.source), []).append(entry)
    starts = [original.sentences[link.original[0]].start for link in links]
    order = sorted(range(len(links)), key=lambda k: starts[k])
    sorted_starts = [starts[k] for k in order]
    targets: dict[str, re.Pattern[str] | None] = {}
    flags: list[Flag] = []
    for match in sources.finditer(original.text):
        pos = bisect.bisect_right(sorted_starts, match.start()) - 1
        if pos < 0:
            continue
        number = order[pos]
        link = links[number]
        o_start, o_end = original.sentences[link.original[0]].start, original.sentences[link.original[-1]].end
        if match.end() > o_end:
            continue  # the sentence is in no link: an omission flag covers it
        wanted = by_source.get(normalise(match.group()), [])
        c_start, c_end = candidate.sentences[link.candidate[0]].start, candidate.sentences[link.candidate[-1]].end
        c_text = candidate.text[c_start:c_end]
        kept = False
        for entry in wanted:
            key = normalise(entry.target)
            if key not in targets:
                targets[key] = term_pattern([entry.target])
            pattern = targets[key]
            if pattern is not None and pattern.search(c_text):
                kept = True
                break
        if kept or not wanted:
            continue
        entry = wanted[0]
        term = Span(match.start(), match.end(), match.group())
        rendering = _rendering(term, original, candidate, link, words_of)
        found = f'"{rendering.text}"' if len(rendering.text) <= 80 else "something else"
        note = f" ({entry.note})" if entry.note else ""
        flags.append(Flag(
            id="", side="candidate", sentences=[j for j in link.candidate if _overlaps(candidate, j, rendering)],
            category="terminology", severity=entry.severity, score=1.0, spans=[rendering],
            message=f'glossary: "{entry.source}" is to be rendered "{entry.target}"; the candidate has {found}{note}',
            original_text=original.text[o_start:o_end], link=number, original_spans=[term]))
    return flags


def _overlaps(doc: Document, index: int, span: Span) -> bool:
    s = doc.sentences[index]
    return s.start < span.end and span.start < s.end


def _rendering(term: Span, original: Document, candidate: Document, link: Link, words_of: WordsOf) -> Span:
    """The candidate words closest to the term's words, as one span; the linked candidate
    sentences when there are no word vectors to compare."""
    o_rows: list[np.ndarray] = []
    for i in link.original:
        wv = words_of("original", i)
        off = original.sentences[i].start
        if wv is None:
            continue
        o_rows.extend(wv.vectors[k] for k, (s, e) in enumerate(wv.spans) if off + s < term.end and term.start < off + e)
    c_spans: list[tuple[int, int]] = []
    c_rows: list[np.ndarray] = []
    for j in link.candidate:
        wv = words_of("candidate", j)
        off = candidate.sentences[j].start
        if wv is None:
            continue
        c_spans.extend((off + s, off + e) for s, e in wv.spans)
        c_rows.extend(wv.vectors)
    if not o_rows or not c_rows:
        first, last = candidate.sentences[link.candidate[0]], candidate.sentences[link.candidate[-1]]
        return Span(first.start, last.end, candidate.text[first.start : last.end])
    sims = np.stack(c_rows) @ np.stack(o_rows).T  # candidate words x term words
    best = sims.argmax(axis=0)
    lo, hi = int(best.min()), int(best.max())
    if hi - lo > len(o_rows) + SPREAD:  # scattered: the single closest word
        lo = hi = int(np.unravel_index(int(sims.argmax()), sims.shape)[0])
    # Several term words may find the same candidate word ("military forces" -> "troops"):
    # a rendering with a word of its own then takes in the content words next to it, up
    # to the term's length ("crew troops"); one made of the term's own words is the term
    # cut short ("Kim Jong" for "Kim Jong Un") and stays as it is.
    def word(k: int) -> str:
        return candidate.text[c_spans[k][0] : c_spans[k][1]]

    def content(k: int) -> bool:
        return 0 <= k < len(c_spans) and is_content_word(word(k), 3)

    term_words = {w.casefold() for w in re.findall(r"\w+", term.text)}
    substituted = any(word(k).casefold() not in term_words for k in range(lo, hi + 1))
    while substituted and hi - lo + 1 < len(o_rows) and (content(lo - 1) or content(hi + 1)):
        if content(lo - 1):
            lo -= 1
        else:
            hi += 1
    start, end = c_spans[lo][0], c_spans[hi][1]
    return Span(start, end, candidate.text[start:end])
