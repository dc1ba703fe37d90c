"""The review table's arrangement of a report: rows, marks, chart and exports (no browser)."""

from __future__ import annotations

import csv
import io
from typing import Any

from app.web import view
from scoring.report import Report, SentenceOut


def sentence(text: str, start: int = 100, index: int = 0) -> SentenceOut:
    return SentenceOut(index=index, text=text, start=start, end=start + len(text), kind="content")


def document(sentences: list[SentenceOut]) -> dict[str, Any]:
    return {"format": "text", "language": "en", "title": None, "characters": 0, "words": 0,
            "sentences": [s.model_dump() for s in sentences]}


def report_of(original: list[SentenceOut], candidate: list[SentenceOut], links: list[dict[str, Any]],
              flags: list[dict[str, Any]]) -> Report:
    """A typed report around hand-made sentences, links and flags (the summary does not matter here)."""
    link_defaults = {"type": "1-1", "similarity": 0.8, "chrf": 50.0, "bleu": 20.0, "ter": 60.0, "length_ratio": 1.0,
                     "severity": "ok", "category": "ok", "flags": [], "spans": []}
    flag_defaults = {"score": 0.5, "message": "m", "original_text": "", "link": None, "spans": []}
    summary = {"coverage": {"original": 1.0, "candidate": 1.0}, "relation": "translation", "mean_similarity": 0.8,
               "worst_severity": "ok", "flags": {}, "categories": {}, "links": len(links),
               "mqm": {"penalty": 0, "per_100_words": 0.0, "score": 100.0, "weights": {}}}
    return Report.model_validate({"driftaudit": "test", "signature": {"short": "test"}, "summary": summary,
                                  "original": document(original), "candidate": document(candidate),
                                  "links": [link_defaults | link for link in links],
                                  "flags": [flag_defaults | flag for flag in flags]})


def test_marks_cover_exact_words() -> None:
    s = sentence("people from North Korea to the crew troops.")
    at = s.text.index("crew") + 100
    parts = view.segments(s, [(at, at + 4, "major", "f6")])
    assert [(p.text, p.severity) for p in parts] == [
        ("people from North Korea to the ", None), ("crew", "major"), (" troops.", None)]
    assert "".join(p.text for p in parts) == s.text


def test_marks_of_one_severity_join_across_spaces() -> None:
    s = sentence("to the crew troops.")
    a = s.text.index("crew") + 100
    b = s.text.index("troops") + 100
    parts = view.segments(s, [(a, a + 4, "major", "f6"), (b, b + 6, "major", "f6")])
    assert [(p.text, p.severity, p.flags) for p in parts if p.severity] == [("crew troops", "major", ("f6",))]


def test_overlapping_marks_take_the_worse_severity() -> None:
    s = sentence("abcdefghij", start=0)
    parts = view.segments(s, [(0, 6, "minor", "f1"), (4, 8, "critical", "f2")])
    # Pieces split where the flags owning them change, so a click selects the right flag.
    assert [(p.text, p.severity, p.flags) for p in parts] == [
        ("abcd", "minor", ("f1",)), ("ef", "critical", ("f1", "f2")), ("gh", "critical", ("f2",)), ("ij", None, ())]


def test_marks_outside_the_sentence_are_clipped() -> None:
    s = sentence("short one", start=10)
    parts = view.segments(s, [(0, 15, "minor", "f1"), (200, 210, "major", "f2")])
    assert [(p.text, p.severity) for p in parts] == [("short", "minor"), (" one", None)]


def test_rows_of_the_seed_report(seed_reports: dict[str, dict[str, Any]]) -> None:
    data = seed_reports["german_roundtrip"]
    report = Report.model_validate(data)
    assert report.to_dict() == data  # the stored JSON reads back into the same report
    groups = view.build_rows(report)
    # Every sentence of both sides appears exactly once.
    for side, key in (("original", "originals"), ("candidate", "candidates")):
        seen = [i for g in groups for i in getattr(g, key)]
        assert sorted(seen) == [s["index"] for s in data[side]["sentences"]]
    # Candidate sentences run in order down the table.
    order = [i for g in groups for i in g.candidates]
    assert order == sorted(order)
    # Every flag belongs to a row; 1-2 links span rows with the original cell.
    assert {f for g in groups for f in g.flags} == {f["id"] for f in data["flags"]}
    one_two = [g for g in groups if g.link and g.link.type == "1-2"]
    assert one_two and all(len(g.trs) == 2 and g.trs[0][0].rowspan == 2 for g in one_two)
    two_one = [g for g in groups if g.link and g.link.type == "2-1"]
    assert two_one and all(len(g.trs) == 2 and g.trs[0][1].rowspan == 2 for g in two_one)
    # Unaligned content is an addition or omission in place, not dropped.
    assert any(g.kind == "addition" for g in groups)
    kim = [g for g in groups for cell in g.trs[0] for s in cell.sentences
           if s.side == "candidate" and "Kim Jong and" in "".join(p.text for p in s.segments)]
    assert kim and any(p.severity for cell in kim[0].trs[0] for s in cell.sentences for p in s.segments
                       if "Kim Jong" in p.text)
    bars = view.chart(groups)
    assert len(bars) == len(groups) and all(0 < b.height <= 60 for b in bars)
    worst = max(groups, key=lambda g: view.RANK[g.severity])
    assert worst.severity == data["summary"]["worst_severity"]


def test_export_rows_and_csv_formula_guard() -> None:
    report = report_of([sentence("=HYPERLINK(\"http://x\")", 0)], [sentence("+cmd|' /C calc'!A0", 0)], [],
                       [{"id": "f1", "side": "candidate", "sentences": [0], "category": "addition",
                         "severity": "major", "spans": [{"start": 0, "end": 4, "text": "+cmd"}],
                         "message": "-1 sentence", "original_text": "@SUM(A1)"}])
    review = {"f1": {"current": {"verdict": "confirmed", "note": "ok", "reviewer": "ana",
                                 "created_at": "2026-01-01T00:00:00Z"}, "history": []}}
    rows = view.flag_rows(report, review)
    assert rows[0]["verdict"] == "confirmed" and rows[0]["reviewer"] == "ana"
    parsed = list(csv.DictReader(io.StringIO(view.flags_csv(rows))))
    assert parsed[0]["text"] == "'+cmd|' /C calc'!A0"
    assert parsed[0]["message"] == "'-1 sentence"
    assert parsed[0]["original_text"] == "'@SUM(A1)"
    assert parsed[0]["verdict"] == "confirmed"


def test_review_rows_cost_grows_with_flags_not_characters() -> None:
    """1,500 flags on long sentences: the rows are built in well under a second per
    thousand flags (the page once cost a set per character per flag)."""
    import time

    text = "word " * 400
    sentences, flags, links = [], [], []
    for k in range(300):
        start = k * (len(text) + 1)
        sentences.append(sentence(text, start, k))
    for k in range(150):
        links.append({"id": k, "original": [k], "candidate": [k], "type": "1-1", "similarity": 0.8,
                      "severity": "minor", "flags": []})
    n = 0
    for k in range(300):
        base = sentences[k].start
        for j in range(5):
            n += 1
            flag = {"id": f"f{n}", "side": "candidate", "sentences": [k], "category": "mistranslation",
                    "severity": ("minor", "major", "critical")[j % 3], "link": k if k < 150 else None,
                    "spans": [{"start": base + 20 * j, "end": base + len(text) - 1, "text": "x"}]}
            flags.append(flag)
            if k < 150:
                links[k]["flags"].append(flag["id"])
    report = report_of(sentences[:150], sentences, links, flags)
    started = time.perf_counter()
    groups = view.build_rows(report)
    elapsed = time.perf_counter() - started
    assert len(groups) == 300 and {f for g in groups for f in g.flags} == {f["id"] for f in flags}
    assert elapsed < 2.0, f"{len(flags)} flags took {elapsed:.2f} s"
