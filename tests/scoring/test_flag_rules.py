"""Stage 7 on hand-made scores: which flags a link gets, how severe, where (no model)."""

from __future__ import annotations

from scoring.config import Thresholds
from scoring.flag import ScoredLink, link_flags, unaligned_flags
from scoring.types import Document, Finding, Link, LinkScore, Sentence, Span, WordMatch, worst

T = Thresholds()
ORIGINAL = "The occupying military forces crossed the river."
CANDIDATE = "The crew troops crossed the river."
HEADING = "Troops cross the river"


def doc(text: str, kind: str = "content") -> Document:
    return Document(text, "text", (Sentence(0, text, 0, len(text), kind),), "en")  # type: ignore[arg-type]


def word(text: str, in_text: str, similarity: float, replaces: str | None = None) -> WordMatch:
    start = in_text.index(text)
    return WordMatch(Span(start, start + len(text), text), similarity, "x", similarity, replaces)


def scored(p: float, findings: tuple[Finding, ...] = (), drift: list[WordMatch] | None = None,
           coverage: list[WordMatch] | None = None) -> ScoredLink:
    score = LinkScore(0.8, 50.0, 20.0, 60.0, 0.8,
                      word_drift=drift if drift is not None else [word("crew", CANDIDATE, 0.39, "occupying"),
                                                                  word("troops", CANDIDATE, 0.7)],
                      word_coverage=coverage if coverage is not None else [word("occupying", ORIGINAL, 0.45),
                                                                           word("forces", ORIGINAL, 0.8)])
    return ScoredLink(Link((0,), (0,), 0.8), score, findings, {}, p)


def bands(p: float) -> str:
    return "major" if p >= 0.7 else "minor" if p >= 0.45 else "ok"


def flags_of(s: ScoredLink, candidate: Document | None = None, rewrite: bool = False) -> list[tuple[str, str, str]]:
    out = link_flags(0, s, doc(ORIGINAL), candidate or doc(CANDIDATE), T, bands, rewrite=rewrite)
    return sorted((f.side, f.category, f.severity) for f in out)


def test_a_likely_major_error_is_major_where_the_words_drifted() -> None:
    flags = link_flags(0, scored(0.9), doc(ORIGINAL), doc(CANDIDATE), T, bands)
    drift = [f for f in flags if f.category == "mistranslation"]
    assert drift and drift[0].severity == "major" and drift[0].score == 0.9
    assert [sp.text for sp in drift[0].spans] == ["crew"]
    assert ("original", "omission", "major") in flags_of(scored(0.9))


def test_a_likely_correct_link_shows_only_the_substitution_and_the_lost_word_as_minor() -> None:
    assert flags_of(scored(0.2)) == [("candidate", "mistranslation", "minor"), ("original", "omission", "minor")]


def test_a_clean_link_gets_no_flag() -> None:
    assert flags_of(scored(0.2, drift=[word("troops", CANDIDATE, 0.9)], coverage=[word("forces", ORIGINAL, 0.9)])) == []


def test_a_heading_and_a_rewrite_are_at_most_minor() -> None:
    assert worst([s for _, _, s in flags_of(scored(0.95), candidate=doc(CANDIDATE, "heading"))]) == "minor"
    assert worst([s for _, _, s in flags_of(scored(0.95), rewrite=True)]) == "minor"


def test_a_certain_finding_keeps_its_severity_whatever_the_probability() -> None:
    fact = Finding("number", "major", (Span(4, 8, "crew"),), "number changed", certain=True)
    flags = flags_of(scored(0.1, (fact,), drift=[], coverage=[]))
    assert flags == [("candidate", "number", "major")]  # and no second, sentence-wide drift flag


def test_an_uncertain_finding_is_evidence_unless_the_link_drifted() -> None:
    hint = Finding("entity", "minor", (Span(4, 8, "crew"),), "a name added", certain=False)
    assert ("candidate", "entity", "minor") not in flags_of(scored(0.1, (hint,)))
    assert ("candidate", "entity", "minor") in flags_of(scored(0.5, (hint,)))


def test_an_uncertain_number_is_shown_minor_even_on_a_link_that_reads_ok() -> None:
    added = Finding("number", "minor", (Span(4, 8, "crew"),), "a number added", certain=False)
    assert flags_of(scored(0.1, (added,), drift=[], coverage=[])) == [("candidate", "number", "minor")]
    assert flags_of(scored(0.95, (added,), drift=[], coverage=[])).count(("candidate", "number", "minor")) == 1


def test_a_dropped_fact_is_reported_on_the_original_side() -> None:
    dropped = Finding("number", "major", (Span(4, 13, "occupying"),), "drops", side="original")
    flags = link_flags(0, scored(0.1, (dropped,), drift=[], coverage=[]), doc(ORIGINAL), doc(CANDIDATE), T, bands)
    assert [(f.side, f.severity, f.spans[0].text) for f in flags] == [("original", "major", "occupying")]
    assert flags[0].sentences == [0]


def test_unaligned_sentences_are_major_from_six_words() -> None:
    long_s = Sentence(0, "One two three four five six.", 0, 28, "content")
    short = Sentence(1, "One two.", 29, 37, "content")
    heading = Sentence(2, "A long heading of many words here", 38, 71, "heading")
    furniture = Sentence(3, "Share this", 72, 82, "boilerplate")
    flags = unaligned_flags("original", [long_s, short, heading, furniture], T)
    assert [(f.sentences[0], f.category, f.severity) for f in flags] == [
        (0, "omission", "major"), (1, "omission", "minor"), (2, "omission", "minor")]
    assert unaligned_flags("candidate", [long_s], T)[0].category == "addition"
