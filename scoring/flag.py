"""Stage 7, flag: scored links and unaligned sentences in, flags with severities out.

A link's severity comes from its drift probability (`scoring.drift`): the chance that
a professional reviewer marks a major error in it, banded at the model's thresholds
into ok, minor and major. The word-level evidence says where:

* mistranslation (candidate side): the candidate words without a close counterpart
  in the original, the drift's location; where the link as a whole is ok, a word that
  took the place of a lost original word ("row" for "line") is still shown, minor;
* omission (original side): the original's content words the candidate does not
  render ("boiling water" -> "the water"), at least minor;
* addition (candidate side): a run of `clause_run_words` candidate words with no
  counterpart, an invented clause;
* fact checks (number, entity, negation, untranslated): a certain finding keeps its
  own severity whatever the probability (a changed number is a major error even in
  a sentence that otherwise reads the same); an uncertain one is evidence, shown as
  minor where the link drifted at all, and an uncertain number (one the candidate
  adds, one it may drop) as minor always (`SHOWN_EVIDENCE`);
* omission / addition of whole sentences: an unaligned content sentence, major from
  `unaligned_major_words` words on, minor below; a heading is at most minor;
* untranslated: a content sentence of the candidate in another language than the
  original document.

A link of a candidate heading is at most minor: headings are rewritten freely. So is
every drift that only the probability and the word matching see when the documents
are a rewrite (`scoring.relation`): there the wording is the writer's own, and what
an editor needs are the facts that changed and the sentences added or dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise

from scoring.config import Thresholds
from scoring.types import SEVERITY_RANK, Document, Finding, Flag, Link, LinkScore, Sentence, Severity, Side, Span, WordMatch

# Uncertain findings shown (minor) even on a link that reads ok. A number the
# candidate adds ("12 people were injured" for "people were injured") may be a
# translator making something explicit, so it is not a major error by itself, but it
# is a fact an editor checks in seconds, and a republication that invents one has
# invented news. On WMT21 MQM zh-en (bench/quality) uncertain number findings sit on
# 36 of 703 pairs with a major error and 18 of 708 correct ones. Uncertain names
# and negations stay evidence only: 119 and 21 correct pairs hold one.
SHOWN_EVIDENCE = frozenset({"number"})


@dataclass(frozen=True)
class ScoredLink:
    """A link with its metrics, its checks' findings, its evidence and drift probability."""

    link: Link
    score: LinkScore
    findings: tuple[Finding, ...]
    features: Mapping[str, float] = field(default_factory=dict)
    probability: float = 0.0


def _cap(severity: Severity, limit: Severity) -> Severity:
    return limit if SEVERITY_RANK[severity] > SEVERITY_RANK[limit] else severity


def _merge_spans(spans: list[Span], text: str) -> list[Span]:
    """Join spans separated only by white space."""
    merged: list[Span] = []
    for sp in sorted(spans, key=lambda s: s.start):
        if merged and sp.start <= merged[-1].end:
            prev = merged.pop()
            end = max(prev.end, sp.end)
            merged.append(Span(prev.start, end, text[prev.start : end]))
        elif merged and sp.start - merged[-1].end <= 1 and not text[merged[-1].end : sp.start].strip():
            prev = merged.pop()
            merged.append(Span(prev.start, sp.end, text[prev.start : sp.end]))
        else:
            merged.append(sp)
    return merged


def _sentences_of(spans: Sequence[Span], doc: Document, default: Sequence[int]) -> list[int]:
    hit = sorted({s.index for s in doc.sentences for sp in spans if s.start < sp.end and s.end > sp.start})
    return hit or list(default)


def _heading_link(link: Link, candidate: Document) -> bool:
    return any(candidate.sentences[j].kind == "heading" for j in link.candidate)


def _whole_sentences(doc: Document, indices: Sequence[int]) -> list[Span]:
    """Spans covering whole sentences of `doc`: for drift that no single word carries."""
    return [Span(doc.sentences[i].start, doc.sentences[i].end, doc.sentences[i].text) for i in indices]


def _quote(text: str, limit: int = 240) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _substitution_partners(words: Sequence[WordMatch], drifting: Sequence[WordMatch], text: str) -> list[WordMatch]:
    """Words next to a drifting word that also stand in for a lost original word: the
    'troops' of 'crew troops' for 'occupying military forces' belongs in the span."""
    marked = {(w.span.start, w.span.end) for w in drifting}
    partners: list[WordMatch] = []
    for a, b in pairwise(words):
        if text[a.span.end : b.span.start].strip():
            continue
        if (a.span.start, a.span.end) in marked and b.replaces is not None and (b.span.start, b.span.end) not in marked:
            partners.append(b)
        if (b.span.start, b.span.end) in marked and a.replaces is not None and (a.span.start, a.span.end) not in marked:
            partners.append(a)
    return partners


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


def link_flags(number: int, scored: ScoredLink, original: Document, candidate: Document, t: Thresholds,
               severity_of: Callable[[float], Severity], rewrite: bool = False, word_level: bool = True) -> list[Flag]:
    """Flags of one link (its number in the report is `number`); `severity_of` bands a
    drift probability (the drift model's `severity`); `rewrite` caps the drift the
    probability and the word matching see at minor. Without `word_level` (a side in a
    language written without spaces, whose words are not known) no flag rests on the
    word matching: the link's drift points at its sentences, and the checks' findings stand."""
    link, score, p = scored.link, scored.score, scored.probability
    if not word_level:
        score = replace(score, word_drift=[], word_coverage=[])
    o_start, o_end = original.sentences[link.original[0]].start, original.sentences[link.original[-1]].end
    o_text = original.text[o_start:o_end]
    heading = _heading_link(link, candidate)
    severity = severity_of(p)
    if heading or rewrite:
        severity = _cap(severity, "minor")
    flags: list[Flag] = []

    def add(side: Side, category: str, sev: Severity, spans: list[Span], message: str, indices: Sequence[int],
            doc: Document, flag_score: float, original_spans: Sequence[Span] = ()) -> None:
        flags.append(Flag(id="", side=side, sentences=_sentences_of(spans, doc, indices),
                          category=category, severity=sev, score=round(flag_score, 4), spans=spans,
                          message=message, original_text=o_text, link=number, original_spans=list(original_spans)))

    clause_sev = "minor" if rewrite or severity == "ok" else severity
    invented = [] if heading else _runs(score.word_drift, t.clause_word_sim, t.clause_run_words)
    dropped = [] if heading else _runs(score.word_coverage, t.clause_word_sim, t.clause_run_words)
    in_runs = {(w.span.start, w.span.end) for run in invented for w in run}
    drifting = [w for w in score.word_drift if w.similarity < t.word_minor and (w.span.start, w.span.end) not in in_runs]
    substitutes = [w for w in drifting if w.replaces is not None and w.similarity < t.word_lost_omission]
    if severity == "ok" and substitutes and not heading:
        spans = _merge_spans([w.span for w in substitutes], candidate.text)
        add("candidate", "mistranslation", "minor", spans,
            "in place of " + ", ".join(f"'{w.replaces}'" for w in substitutes[:3]) + ": "
            + ", ".join(f"'{sp.text}'" for sp in spans[:3]) + f". Original: \"{_quote(o_text)}\"",
            link.candidate, candidate, p)
    explained = any(f.certain and f.spans for f in scored.findings)  # a check already says what and where
    if severity != "ok" and (drifting or not explained):
        spans = _merge_spans([w.span for w in [*drifting, *_substitution_partners(score.word_drift, drifting,
                                                                                  candidate.text)]], candidate.text)
        words = ", ".join(f"'{sp.text}'" for sp in spans[:5])
        if not spans:  # no word below word_minor: point at the least-matched word, else the sentence
            inexact = [w for w in score.word_drift if w.similarity < 1.0]
            spans = [min(inexact, key=lambda w: w.similarity).span] if inexact else \
                _whole_sentences(candidate, link.candidate)
        add("candidate", "mistranslation", severity, spans,
            f"meaning drifted (probability of a major error {p:.2f}, similarity {score.similarity:.2f})"
            + (f"; no counterpart for {words}" if words else "") + f". Original: \"{_quote(o_text)}\"",
            link.candidate, candidate, p)
    for run in invented:
        start, end = run[0].span.start, run[-1].span.end
        span = Span(start, end, candidate.text[start:end])
        add("candidate", "addition", clause_sev, [span], f"words with no source in the original: \"{_quote(span.text)}\""
            f". Original: \"{_quote(o_text)}\"", link.candidate, candidate, max(p, 1 - min(w.similarity for w in run)))
    # What the candidate leaves out: runs of dropped words and single lost content words.
    lost = [] if heading else [w for w in score.word_coverage if w.similarity < t.word_lost_omission]
    # words a check already reports as left out, with its own reason, are not listed twice
    said = {(sp.start, sp.end) for f in scored.findings if f.side == "original" and f.category == "omission"
            for sp in f.spans}
    omitted = _merge_spans([w.span for run in dropped for w in run] + [w.span for w in lost
                                                                       if (w.span.start, w.span.end) not in said],
                           original.text)
    if omitted:
        omission_sev = clause_sev if dropped or severity == "ok" else severity
        add("original", "omission", omission_sev, omitted,
            "the candidate leaves out " + ", ".join(f"\"{_quote(sp.text, 80)}\"" for sp in omitted[:5]),
            link.original, original, p)
    for finding in scored.findings:
        if finding.certain:
            sev = _cap(finding.severity, "minor") if heading else finding.severity
        elif severity == "ok" and finding.category not in SHOWN_EVIDENCE:
            continue  # evidence only: it counts in the link's probability
        else:
            sev = "minor"
        doc, indices = (original, link.original) if finding.side == "original" else (candidate, link.candidate)
        spans = list(finding.spans) or _whole_sentences(doc, indices)  # a dropped negation has no words of its own
        add(finding.side, finding.category, sev, spans, f"{finding.message}. Original: \"{_quote(o_text)}\"",
            indices, doc, max(p, SEVERITY_RANK[sev] / 3), finding.original_spans)
    return flags


def unaligned_flags(side: Side, sentences: Sequence[Sentence], t: Thresholds) -> list[Flag]:
    """Omissions (side 'original') or additions (side 'candidate') of unaligned sentences."""
    category = "omission" if side == "original" else "addition"
    flags: list[Flag] = []
    for s in sentences:
        if s.kind == "boilerplate":
            continue
        severity: Severity = "major" if s.kind != "heading" and s.words >= t.unaligned_major_words else "minor"
        what = "has no counterpart in the candidate" if side == "original" else "has no source in the original"
        flags.append(Flag(id="", side=side, sentences=[s.index], category=category,
                          severity=severity, score=1.0 if severity == "major" else 0.5,
                          spans=[Span(s.start, s.end, s.text)],
                          message=f"{'heading' if s.kind == 'heading' else 'sentence'} {what}: \"{_quote(s.text)}\"",
                          original_text=s.text if side == "original" else ""))
    return flags


def untranslated_flags(candidate: Document, source_language: str | None, t: Thresholds,
                       indices: set[int] | None = None, candidate_language: str | None = None) -> list[Flag]:
    """Content sentences of the candidate (those in `indices`, when given) in another
    language than the candidate's. With `candidate_language` (the pair is in two
    languages), only sentences in the original's language: left untranslated; short
    sentences identified as a third language are misreadings ("2,3 Mio." read as 'xh')."""
    language = candidate_language or candidate.language
    if not language:
        return []
    flags: list[Flag] = []
    for s in candidate.sentences:
        if indices is not None and s.index not in indices:
            continue
        letters = sum(ch.isalpha() for ch in s.text)
        if candidate_language and s.language != source_language:
            continue
        if s.kind == "content" and s.language and s.language != language \
                and letters >= t.untranslated_min_letters:
            flags.append(Flag(id="", side="candidate", sentences=[s.index], category="untranslated",
                              severity="major", score=1.0, spans=[Span(s.start, s.end, s.text)],
                              message=f"sentence is in '{s.language}', the article is in '{language}'"
                              + (" (the original's language: left untranslated)" if s.language == source_language else "")))
    return flags
