"""Checks of the JSON report contract shared by the end-to-end tests."""

from __future__ import annotations

from typing import Any

from scoring.relation import RELATIONS
from scoring.report import Coverage, DocumentOut, MQMScore, Report, Summary

SEV = {"ok": 0, "minor": 1, "major": 2, "critical": 3}
KINDS = {"content", "heading", "boilerplate"}


def side_text(report: dict[str, Any], side: str, raw: str) -> str:
    """The text offsets of `side` refer to: the input, or the extracted text for HTML."""
    doc = report[side]
    return doc["text"] if doc.get("format") == "html" else raw


def check_contract(report: dict[str, Any], original: str, candidate: str) -> None:
    texts = {"original": side_text(report, "original", original),
             "candidate": side_text(report, "candidate", candidate)}
    for side, text in texts.items():
        sentences = report[side]["sentences"]
        last = 0
        for k, s in enumerate(sentences):
            assert s["index"] == k
            assert s["kind"] in KINDS
            assert 0 <= s["start"] < s["end"] <= len(text)
            assert s["start"] >= last, f"{side} sentences overlap or are out of order at {k}"
            assert text[s["start"] : s["end"]] == s["text"], f"{side} sentence {k} offsets are off"
            last = s["end"]
    n = {side: len(report[side]["sentences"]) for side in texts}
    for link in report["links"]:
        assert link["original"] and link["candidate"]
        assert all(0 <= i < n["original"] for i in link["original"])
        assert all(0 <= j < n["candidate"] for j in link["candidate"])
        assert link["severity"] in SEV
        assert -1.0 <= link["similarity"] <= 1.0 + 1e-6
        for sp in link["spans"]:
            assert texts["candidate"][sp["start"] : sp["end"]] == sp["text"]
    ids = set()
    for flag in report["flags"]:
        assert flag["side"] in texts
        assert flag["severity"] in SEV
        assert flag["category"]
        assert flag["message"]
        assert flag["sentences"], flag
        assert all(0 <= i < n[flag["side"]] for i in flag["sentences"])
        text = texts[flag["side"]]
        for sp in flag["spans"]:
            assert 0 <= sp["start"] < sp["end"] <= len(text), sp
            assert text[sp["start"] : sp["end"]] == sp["text"], sp
        if flag.get("link") is not None:
            assert 0 <= flag["link"] < len(report["links"])
        assert flag["id"] not in ids
        ids.add(flag["id"])
    for link in report["links"]:
        assert set(link["flags"]) <= ids
    summary = report["summary"]
    for side in texts:
        assert 0.0 <= summary["coverage"][side] <= 1.0
    assert summary["worst_severity"] in SEV
    assert summary["relation"] in RELATIONS
    assert summary["relation_reason"]
    if summary["relation"].startswith("unrelated"):  # not audited: no links, no sentence flags
        assert not report["links"] and not report["flags"]


def check_every_sentence_accounted_for(report: dict[str, Any]) -> None:
    """Every non-boilerplate sentence is in exactly one link, or else in a whole-sentence
    omission (original) / addition (candidate) flag (one without a link); never both.
    Clause-level omissions and additions inside a link carry the link's number. Where
    the documents are not audited as a whole (partial reuse, unrelated), a sentence is
    in one link at most and never both linked and flagged."""
    whole = report["summary"]["relation"] in ("translation", "rewrite")
    for side, category in (("original", "omission"), ("candidate", "addition")):
        in_links: dict[int, int] = {}
        for link in report["links"]:
            for i in link[side]:
                in_links[i] = in_links.get(i, 0) + 1
        unaligned_flagged = {i for f in report["flags"] if f["side"] == side and f["category"] == category
                             and f.get("link") is None for i in f["sentences"]}
        for s in report[side]["sentences"]:
            i = s["index"]
            if s["kind"] == "boilerplate":
                assert i not in in_links, f"{side} boilerplate sentence {i} is linked"
                assert i not in unaligned_flagged, f"{side} boilerplate sentence {i} is flagged as {category}"
                continue
            linked = in_links.get(i, 0)
            assert linked <= 1, f"{side} sentence {i} is in {linked} links"
            if whole:
                assert (linked == 1) != (i in unaligned_flagged), (
                    f"{side} sentence {i} ({s['text'][:60]!r}): linked={linked}, {category} flag={i in unaligned_flagged}")
            else:
                assert not (linked and i in unaligned_flagged), f"{side} sentence {i} is linked and flagged"


def sentences_with(report: dict[str, Any], side: str, text: str, needle: str) -> tuple[set[int], tuple[int, int]]:
    """Indices of the `side` sentences overlapping the first occurrence of `needle`."""
    pos = text.find(needle)
    assert pos >= 0, f"{needle!r} is not in the {side} text"
    lo, hi = pos, pos + len(needle)
    hit = {s["index"] for s in report[side]["sentences"] if s["start"] < hi and s["end"] > lo}
    assert hit, f"{needle!r} is in no {side} sentence"
    return hit, (lo, hi)


def flags_on(report: dict[str, Any], side: str, indices: set[int], category: str | None = None) -> list[dict[str, Any]]:
    return [f for f in report["flags"] if f["side"] == side and indices.intersection(f["sentences"])
            and (category is None or f["category"] == category)]


def worst(flags: list[dict[str, Any]]) -> int:
    return max((SEV[f["severity"]] for f in flags), default=0)


def covers(flags: list[dict[str, Any]], lo: int, hi: int) -> bool:
    """Some flagged span overlaps [lo, hi)."""
    return any(sp["start"] < hi and sp["end"] > lo for f in flags for sp in f["spans"])


def assert_flagged(report: dict[str, Any], text: str, sentence: str, span: str | None, min_severity: str,
                   category: str | None = None) -> None:
    """The candidate sentence containing `sentence` has a flag of at least `min_severity`
    (of `category`, if given) whose spans cover `span`."""
    idx, (lo, hi) = sentences_with(report, "candidate", text, sentence)
    flags = [f for f in flags_on(report, "candidate", idx, category) if SEV[f["severity"]] >= SEV[min_severity]]
    assert flags, (f"{sentence!r} is not flagged {min_severity} or worse"
                   + (f" as {category}" if category else "")
                   + f"; flags there: {[(f['category'], f['severity']) for f in flags_on(report, 'candidate', idx)]}")
    if span is not None:
        p = text.find(span, lo)
        assert 0 <= p < hi, f"{span!r} not inside {sentence!r}"
        assert covers(flags, p, p + len(span)), (
            f"no {min_severity}+ flag span covers {span!r}: {[sp['text'] for f in flags for sp in f['spans']]}")


def small_report(relation: str = "translation", worst_severity: str = "minor", title: str | None = None) -> Report:
    """A minimal valid report (no sentences, no links) for store and worker tests about bookkeeping."""
    def document(doc_title: str | None) -> DocumentOut:
        return DocumentOut(format="text", language="en", title=doc_title, characters=0, words=0, sentences=[])

    summary = Summary(coverage=Coverage(original=1.0, candidate=1.0), relation=relation,  # type: ignore[arg-type]
                      mean_similarity=1.0, worst_severity=worst_severity,  # type: ignore[arg-type]
                      flags={"minor": 0, "major": 0, "critical": 0}, categories={}, links=0,
                      mqm=MQMScore(penalty=0, per_100_words=0.0, score=100.0, weights={}))
    return Report(driftaudit="test", signature={}, summary=summary, original=document(None),
                  candidate=document(title), links=[], flags=[])
