"""Stage 7, flag: scored links and unaligned sentences in, flags with severities out.

Severities come from one `Thresholds` object:

* mistranslation: the worse of the link's sentence similarity band and its worst
  drifting word (`word_minor` / `word_major`), the words themselves as spans;
* fact checks (number, entity, negation) keep the severity their check gave them;
* omission / addition: an unaligned content sentence, major from
  `unaligned_major_words` words on, minor below; an unaligned heading is at most minor;
  inside a link, a run of `clause_run_words` content words that the other side does
  not cover (word similarity below `clause_word_sim`) is a dropped or invented clause:
  major;
* untranslated: a content sentence of the candidate in another language than the
  original document.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from scoring.config import SEVERITY_RANK, Thresholds
from scoring.types import Document, Finding, Flag, Link, LinkScore, Sentence, Span, WordMatch


@dataclass(frozen=True)
class ScoredLink:
    link: Link
    score: LinkScore
    findings: tuple[Finding, ...]


def similarity_severity(similarity: float, t: Thresholds) -> str:
    if similarity >= t.sim_minor:
        return "ok"
    if similarity >= t.sim_major:
        return "minor"
    if similarity >= t.sim_critical:
        return "major"
    return "critical"


def word_severity(match: WordMatch, link_similarity: float, t: Thresholds) -> str:
    """Major only for a substitution: the candidate word has no close counterpart, and
    either it is one of the closest candidate words of an original word that is lost
    from the candidate, or its own closest original word is such a lost word (the
    "crew" that took the place of "occupying"), in a link whose
    sentence similarity also shows drift (below `word_major_link`). A word without
    counterpart that replaces nothing is an addition or a rewording: minor."""
    substitutes = match.replaces is not None or match.counterpart_similarity < t.word_lost
    if match.similarity < t.word_major and substitutes and link_similarity < t.word_major_link:
        return "major"
    if match.similarity < t.word_minor:
        return "minor"
    return "ok"


def _substitution_partners(words: Sequence[WordMatch], drifting: Sequence[WordMatch],
                           text: str) -> list[WordMatch]:
    """Words next to a drifting word that also stand in for a lost original word: the
    'troops' of 'crew troops' for 'occupying military forces' belongs in the span."""
    marked = {(w.span.start, w.span.end) for w in drifting}
    partners: list[WordMatch] = []
    for a, b in pairwise(words):
        adjacent = not text[a.span.end : b.span.start].strip()
        if not adjacent:
            continue
        if (a.span.start, a.span.end) in marked and b.replaces is not None and (b.span.start, b.span.end) not in marked:
            partners.append(b)
        if (b.span.start, b.span.end) in marked and a.replaces is not None and (a.span.start, a.span.end) not in marked:
            partners.append(a)
    return partners


def worst(severities: Sequence[str]) -> str:
    return max(severities, key=lambda s: SEVERITY_RANK[s], default="ok")


def _merge_spans(spans: list[Span], text: str) -> list[Span]:
    """Join spans separated only by white space or short function words' gaps."""
    merged: list[Span] = []
    for sp in sorted(spans, key=lambda s: s.start):
        if merged and sp.start - merged[-1].end <= 1 and not text[merged[-1].end : sp.start].strip():
            prev = merged.pop()
            merged.append(Span(prev.start, sp.end, text[prev.start : sp.end]))
        else:
            merged.append(sp)
    return merged


def _sentences_of(spans: Sequence[Span], doc: Document, default: Sequence[int]) -> list[int]:
    hit = sorted({s.index for s in doc.sentences for sp in spans if s.start < sp.end and s.end > sp.start})
    return hit or list(default)


def _heading_link(link: Link, candidate: Document) -> bool:
    """A link of a candidate heading: its drift is at most minor (headings are rewritten freely)."""
    return any(candidate.sentences[j].kind == "heading" for j in link.candidate)


def _whole_sentences(doc: Document, indices: Sequence[int]) -> list[Span]:
    """Spans covering whole sentences of `doc`: for drift that no single word carries."""
    return [Span(doc.sentences[i].start, doc.sentences[i].end, doc.sentences[i].text) for i in indices]


def _quote(text: str, limit: int = 240) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def link_flags(number: int, scored: ScoredLink, original: Document, candidate: Document,
               t: Thresholds) -> list[Flag]:
    """Flags of one link (the link's number in the report is `number`)."""
    link, score = scored.link, scored.score
    o_text = " ".join(original.sentences[i].text for i in link.original)
    flags: list[Flag] = []
    sim_sev = similarity_severity(score.similarity, t)
    drifting = [w for w in score.word_drift if w.similarity < t.word_minor]
    word_sev = worst([word_severity(w, score.similarity, t) for w in drifting])
    heading = _heading_link(link, candidate)
    severity = worst([sim_sev, word_sev])
    if heading and SEVERITY_RANK[severity] > SEVERITY_RANK["minor"]:
        severity = "minor"
    if severity != "ok":
        spans = _merge_spans([w.span for w in [*drifting, *_substitution_partners(score.word_drift, drifting,
                                                                                  candidate.text)]],
                             candidate.text)
        words = ", ".join(f"'{sp.text}'" for sp in spans[:5])
        if not spans:  # no word below word_minor: point at the least-matched word, else the sentence
            inexact = [w for w in score.word_drift if w.similarity < 1.0]
            spans = [min(inexact, key=lambda w: w.similarity).span] if inexact else \
                _whole_sentences(candidate, link.candidate)
        msg = (f"meaning drifted (similarity {score.similarity:.2f})"
               + (f"; no counterpart for {words}" if words else "") + f". Original: \"{_quote(o_text)}\"")
        min_word = min((w.similarity for w in drifting), default=1.0)
        flags.append(Flag(id="", side="candidate",
                          sentences=_sentences_of(spans, candidate, link.candidate) if spans else list(link.candidate),
                          category="mistranslation", severity=severity,
                          score=round(max(1 - score.similarity, 1 - min_word), 4), spans=spans, message=msg,
                          original_text=o_text, link=number))
    for finding in scored.findings:
        sev = "minor" if heading and SEVERITY_RANK[finding.severity] > 1 else finding.severity
        flags.append(Flag(id="", side="candidate",
                          sentences=_sentences_of(finding.spans, candidate, link.candidate),
                          category=finding.category, severity=sev, score=float(SEVERITY_RANK[sev]) / 3,
                          # Something missing (a dropped negation) has no words of its own: the sentence.
                          spans=list(finding.spans) or _whole_sentences(candidate, link.candidate),
                          message=f"{finding.message}. Original: \"{_quote(o_text)}\"",
                          original_text=o_text, link=number))
    return flags


def _runs(words: Sequence[WordMatch], limit: float, size: int) -> list[list[WordMatch]]:
    """Maximal runs of consecutive content words below `limit`, of at least `size` words."""
    runs: list[list[WordMatch]] = []
    current: list[WordMatch] = []
    for w in [*words, None]:
        if w is not None and w.similarity < limit:
            current.append(w)
            continue
        if len(current) >= size:
            runs.append(current)
        current = []
    return runs


def clause_flags(number: int, scored: ScoredLink, original: Document, candidate: Document,
                 t: Thresholds) -> list[Flag]:
    """Invented clauses (candidate words with no source) and dropped clauses (original
    words the candidate does not cover) inside a link, found as runs of uncovered words."""
    link, score = scored.link, scored.score
    if _heading_link(link, candidate):
        return []
    o_text = " ".join(original.sentences[i].text for i in link.original)
    # (side, category, words, document, sentence indices, message before and after the quoted words)
    sides = (("candidate", "addition", score.word_drift, candidate, link.candidate,
              ("words with no source in the original: \"", f"\". Original: \"{_quote(o_text)}\"")),
             ("original", "omission", score.word_coverage, original, link.original,
              ("the candidate leaves out \"", "\"")))
    flags: list[Flag] = []
    for side, category, words, doc, indices, message in sides:
        for run in _runs(words, t.clause_word_sim, t.clause_run_words):
            start, end = run[0].span.start, run[-1].span.end
            span = Span(start, end, doc.text[start:end])
            flags.append(Flag(id="", side=side, sentences=_sentences_of([span], doc, indices),  # type: ignore[arg-type]
                              category=category, severity="major",
                              score=round(1 - min(w.similarity for w in run), 4), spans=[span],
                              message=message[0] + _quote(span.text) + message[1], original_text=o_text,
                              link=number))
    return flags


def unaligned_flags(side: str, sentences: Sequence[Sentence], t: Thresholds) -> list[Flag]:
    """Omissions (side 'original') or additions (side 'candidate') of unaligned sentences."""
    category = "omission" if side == "original" else "addition"
    flags: list[Flag] = []
    for s in sentences:
        if s.kind == "boilerplate":
            continue
        if s.kind == "heading":
            severity = "minor"
        else:
            severity = "major" if s.words >= t.unaligned_major_words else "minor"
        what = "has no counterpart in the candidate" if side == "original" else "has no source in the original"
        flags.append(Flag(id="", side=side, sentences=[s.index], category=category,  # type: ignore[arg-type]
                          severity=severity, score=1.0 if severity == "major" else 0.5,
                          spans=[Span(s.start, s.end, s.text)],
                          message=f"{'heading' if s.kind == 'heading' else 'sentence'} {what}: \"{_quote(s.text)}\"",
                          original_text=s.text if side == "original" else ""))
    return flags


def untranslated_flags(candidate: Document, source_language: str | None, t: Thresholds) -> list[Flag]:
    """Content sentences of the candidate left in another language than the original's."""
    if not candidate.language:
        return []
    flags: list[Flag] = []
    for s in candidate.sentences:
        letters = sum(ch.isalpha() for ch in s.text)
        if s.kind == "content" and s.language and s.language != candidate.language \
                and letters >= t.untranslated_min_letters:
            flags.append(Flag(id="", side="candidate", sentences=[s.index], category="untranslated",
                              severity="major", score=1.0, spans=[Span(s.start, s.end, s.text)],
                              message=f"sentence is in '{s.language}', the article is in '{candidate.language}'"
                              + (" (the original's language: left untranslated)" if s.language == source_language else "")))
    return flags
