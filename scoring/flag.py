"""Stage 7, flag: scored links and unaligned sentences in, flags with severities out.

Severities come from one `Thresholds` object:

* mistranslation: the worse of the link's sentence similarity band and its worst
  drifting word (`word_minor` / `word_major`), the words themselves as spans;
* fact checks (number, entity, negation) keep the severity their check gave them;
* omission / addition: an unaligned content sentence, major from
  `unaligned_major_words` words on, minor below; an unaligned heading is at most minor;
* untranslated: a content sentence of the candidate in another language than the
  original document.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

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
    """Major only for a substitution: the candidate word has no close counterpart and
    it is the closest candidate word of an original word that is lost from the
    candidate (the "crew" that took the place of "occupying"), in a link whose
    sentence similarity also shows drift (below `word_major_link`). A word without
    counterpart that replaces nothing is an addition or a rewording: minor."""
    if match.similarity < t.word_major and match.replaces is not None and link_similarity < t.word_major_link:
        return "major"
    if match.similarity < t.word_minor:
        return "minor"
    return "ok"


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
    heading = any(candidate.sentences[j].kind == "heading" for j in link.candidate)
    severity = worst([sim_sev, word_sev])
    if heading and SEVERITY_RANK[severity] > SEVERITY_RANK["minor"]:
        severity = "minor"
    if severity != "ok":
        spans = _merge_spans([w.span for w in drifting], candidate.text)
        words = ", ".join(f"'{sp.text}'" for sp in spans[:5])
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
                          spans=list(finding.spans), message=f"{finding.message}. Original: \"{_quote(o_text)}\"",
                          original_text=o_text, link=number))
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
