"""What the dashboard shows, computed from a stored report: aligned rows, marked spans, exports.

Nothing here scores anything: it only arranges the typed report of `scoring`
(`scoring.report.Report`: links, flags, sentences with offsets) for the review table,
the drift chart and the exports. All text stays plain text; the templates escape it.
"""

from __future__ import annotations

import bisect
import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from app.core.spreadsheet import safe_cell
from scoring.report import FlagOut, LinkOut, Report, SentenceOut
from scoring.types import SEVERITIES, SEVERITY_RANK

RANK = SEVERITY_RANK
# Bar heights of the drift chart never fall below these, so a flagged row is always visible.
SEVERITY_FLOOR = {"ok": 0.0, "minor": 0.3, "major": 0.6, "critical": 0.9}


def worst(severities: Any) -> str:
    return max(severities, key=lambda s: RANK.get(s, 0), default="ok")


@dataclass
class Segment:
    """A piece of a sentence; `severity` set when it lies in a flag's span (a <mark>)."""

    text: str
    severity: str | None = None
    flags: tuple[str, ...] = ()


@dataclass
class SentenceView:
    side: str
    index: int
    kind: str
    severity: str
    flags: list[str]
    segments: list[Segment]


@dataclass
class Cell:
    side: str
    sentences: list[SentenceView]
    rowspan: int = 1
    gap: str = ""  # "omitted" / "added" placeholder text when this side has no sentence


@dataclass
class Group:
    """One aligned unit: a link (1-1, 1-2, 2-1, ...), an addition, an omission or furniture."""

    key: str
    kind: str  # link, addition, omission, boilerplate
    link: LinkOut | None
    trs: list[list[Cell]]
    flags: list[str]
    severity: str
    categories: list[str]
    drift: float
    originals: list[int] = field(default_factory=list)
    candidates: list[int] = field(default_factory=list)

    @property
    def label(self) -> str:
        if self.link:
            return self.link.type
        return {"addition": "added", "omission": "omitted", "boilerplate": "page"}.get(self.kind, self.kind)


def segments(sentence: SentenceOut, marks: Sequence[tuple[int, int, str, str]]) -> list[Segment]:
    """Split a sentence at the marked spans (absolute offsets); overlaps take the worse severity.

    `marks` are (start, end, severity, flag_id). Marks of one severity separated only by
    white space are joined, so a flagged phrase is one element. The sentence is cut only
    where a mark starts or ends: the cost grows with the marks, not with the characters.
    """
    text, base = sentence.text, sentence.start
    n = len(text)
    clipped = [(max(start - base, 0), min(end - base, n), RANK.get(severity, 0), flag_id)
               for start, end, severity, flag_id in marks]
    clipped = [m for m in clipped if m[0] < m[1]]
    cuts = sorted({0, n, *(m[0] for m in clipped), *(m[1] for m in clipped)})
    # pieces between cuts: (start, end, severity or -1, owners)
    pieces: list[tuple[int, int, int, frozenset[str]]] = []
    for lo, hi in pairwise(cuts):
        active = [m for m in clipped if m[0] <= lo and hi <= m[1]] if clipped else []
        level = max((m[2] for m in active), default=-1)
        pieces.append((lo, hi, level, frozenset(m[3] for m in active)))
    # Join marks with the same severity across pure white space.
    for k in range(1, len(pieces) - 1):
        lo, hi, level, _ = pieces[k]
        before, after = pieces[k - 1], pieces[k + 1]
        if level < 0 and before[2] >= 0 and before[2] == after[2] and not text[lo:hi].strip():
            pieces[k] = (lo, hi, before[2], before[3] | after[3])
    out: list[Segment] = []
    for lo, hi, level, owners in pieces:
        name = SEVERITIES[level] if level >= 0 else None
        flags = tuple(sorted(owners, key=_flag_order)) if name else ()
        if out and out[-1].severity == name and out[-1].flags == flags:
            out[-1] = Segment(out[-1].text + text[lo:hi], name, flags)
        else:
            out.append(Segment(text[lo:hi], name, flags))
    return out or [Segment(text)]


def _flag_order(flag_id: str) -> tuple[int, str]:
    digits = "".join(ch for ch in flag_id if ch.isdigit())
    return (int(digits) if digits else 0, flag_id)


def build_rows(report: Report) -> list[Group]:
    """The review table: links in candidate order, unaligned sentences where they fall."""
    o_sent = {s.index: s for s in report.original.sentences}
    c_sent = {s.index: s for s in report.candidate.sentences}
    by_id = {f.id: f for f in report.flags}
    by_sentence: dict[tuple[str, int], list[FlagOut]] = {}
    for flag in report.flags:
        for i in flag.sentences:
            by_sentence.setdefault((flag.side, i), []).append(flag)
    # What a candidate-side flag points at in the original ("Thursday" for "Mittwoch", a
    # glossary term), marked there too: the flag's spans on both sides.
    counterparts: dict[int, list[tuple[int, int, str, str]]] = {}
    o_starts = sorted((sentence.start, i) for i, sentence in o_sent.items())
    for flag in report.flags:
        for sp in flag.original_spans if flag.side == "candidate" and flag.severity != "ok" else []:
            k = bisect.bisect_right(o_starts, (sp.start, float("inf"))) - 1
            if k >= 0 and sp.start < o_sent[o_starts[k][1]].end:
                counterparts.setdefault(o_starts[k][1], []).append((sp.start, sp.end, flag.severity, flag.id))

    def view(side: str, index: int) -> SentenceView:
        sentence = (c_sent if side == "candidate" else o_sent)[index]
        hits = by_sentence.get((side, index), [])
        marks = [(sp.start, sp.end, f.severity, f.id) for f in hits for sp in f.spans if f.severity != "ok"]
        extra = counterparts.get(index, []) if side == "original" else []
        ids = [f.id for f in hits] + [m[3] for m in extra if m[3] not in {f.id for f in hits}]
        return SentenceView(side, index, sentence.kind, worst(f.severity for f in hits), list(dict.fromkeys(ids)),
                            segments(sentence, marks + extra))

    linked_o: set[int] = set()
    linked_c: set[int] = set()
    items: list[tuple[float, Group]] = []
    for link in report.links:
        os_, cs = list(link.original), list(link.candidate)
        linked_o.update(os_)
        linked_c.update(cs)
        ov, cv = [view("original", i) for i in os_], [view("candidate", i) for i in cs]
        items.append((min(cs) if cs else float("inf"), _group(f"r-l{link.id}", "link", link, ov, cv, by_id)))
    for i in sorted(c_sent):
        if i not in linked_c:
            v = view("candidate", i)
            kind = "boilerplate" if v.kind == "boilerplate" and not v.flags else "addition"
            items.append((i, _group(f"r-c{i}", kind, None, [], [v], by_id)))
    items.sort(key=lambda item: item[0])
    groups = [g for _, g in items]
    # Original sentences nothing links to go right after the last row whose original
    # sentences all come before them. Omissions in increasing order meet the rows in
    # increasing order of their last original sentence: one pass over both.
    rows_by_last = sorted((max(g.originals), pos) for pos, g in enumerate(groups) if g.originals)
    placed: dict[int, list[Group]] = {}
    k, at = 0, 0
    for i in sorted(o_sent):
        if i in linked_o:
            continue
        while k < len(rows_by_last) and rows_by_last[k][0] < i:
            at = max(at, rows_by_last[k][1] + 1)
            k += 1
        v = view("original", i)
        kind = "boilerplate" if v.kind == "boilerplate" and not v.flags else "omission"
        placed.setdefault(at, []).append(_group(f"r-o{i}", kind, None, [v], [], by_id))
    out: list[Group] = list(placed.get(0, []))
    for pos, g in enumerate(groups, 1):
        out.append(g)
        out.extend(placed.get(pos, []))
    return out


def _group(key: str, kind: str, link: LinkOut | None, ov: list[SentenceView], cv: list[SentenceView],
           by_id: dict[str, FlagOut]) -> Group:
    ids: list[str] = []
    for v in (*cv, *ov):
        for f in v.flags:
            if f not in ids:
                ids.append(f)
    if link:
        for f in link.flags:
            if f not in ids:
                ids.append(f)
    ids.sort(key=_flag_order)
    mine = [by_id[i] for i in ids if i in by_id]
    severity = worst([f.severity for f in mine] + ([link.severity] if link else []))
    categories = sorted({f.category for f in mine})
    if link:
        drift = max(0.0, min(1.0, 1.0 - link.similarity))
    else:
        drift = 0.0 if kind == "boilerplate" else 1.0
    drift = max(drift, SEVERITY_FLOOR.get(severity, 0.0))
    o_gap = "no source in the original" if not ov else ""
    c_gap = "omitted from the candidate" if not cv else ""
    trs: list[list[Cell]]
    if len(ov) == len(cv):
        trs = [[Cell("original", [o]), Cell("candidate", [c])] for o, c in zip(ov, cv, strict=True)]
    elif not ov or not cv:
        trs = [[Cell("original", ov, gap=o_gap), Cell("candidate", cv, gap=c_gap)]]
    elif len(ov) == 1:  # 1-2, 1-3: the original spans the candidate's rows
        trs = [[Cell("original", ov, rowspan=len(cv)), Cell("candidate", [cv[0]])]]
        trs += [[Cell("candidate", [c])] for c in cv[1:]]
    elif len(cv) == 1:  # 2-1, 3-1
        trs = [[Cell("original", [ov[0]]), Cell("candidate", cv, rowspan=len(ov))]]
        trs += [[Cell("original", [o])] for o in ov[1:]]
    else:
        trs = [[Cell("original", ov), Cell("candidate", cv)]]
    return Group(key=key, kind=kind, link=link, trs=trs, flags=ids, severity=severity, categories=categories,
                 drift=round(drift, 4), originals=[v.index for v in ov], candidates=[v.index for v in cv])


def flag_sentences(report: Report, flag: FlagOut) -> list[SentenceView]:
    """The sentences one flag points at, with only that flag's spans marked (the printable report)."""
    side = flag.side
    sentences = {s.index: s for s in (report.original if side == "original" else report.candidate).sentences}
    marks = [(sp.start, sp.end, flag.severity, flag.id) for sp in flag.spans]
    return [SentenceView(side, i, sentences[i].kind, flag.severity, [flag.id], segments(sentences[i], marks))
            for i in flag.sentences if i in sentences]


@dataclass
class Bar:
    key: str
    x: float
    height: float
    severity: str
    title: str


def chart(groups: list[Group], width: float = 1000.0, height: float = 60.0) -> list[Bar]:
    """One bar per row of the review table: its drift (1 - similarity; 1 for added or omitted text)."""
    if not groups:
        return []
    step = width / len(groups)
    bars = []
    for n, g in enumerate(groups):
        h = max(1.5, g.drift * (height - 4))
        where = ", ".join(f"c{i}" for i in g.candidates) or ", ".join(f"o{i}" for i in g.originals)
        sim = f"similarity {g.link.similarity:.2f}" if g.link else g.label
        title = f"{where}: {g.severity} · {sim}" + (f" · {', '.join(g.categories)}" if g.categories else "")
        bars.append(Bar(g.key, round(n * step, 2), round(h, 2), g.severity, title))
    return bars


def review_map(review: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """{flag_id: {"current": verdict|None, "history": [...]}} from the API's `review` list."""
    return {r["flag_id"]: {"current": r.get("current"), "history": r.get("history", [])} for r in review}


def flag_rows(report: Report, review: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Flags with the sentence text they point at and their current verdict: the export rows."""
    sentences = {"original": {s.index: s for s in report.original.sentences},
                 "candidate": {s.index: s for s in report.candidate.sentences}}
    rows = []
    for flag in report.flags:
        current = (review.get(flag.id) or {}).get("current") or {}
        text = " ".join(sentences[flag.side][i].text for i in flag.sentences if i in sentences[flag.side])
        rows.append({
            "flag_id": flag.id, "severity": flag.severity, "category": flag.category, "side": flag.side,
            "sentences": " ".join(str(i) for i in flag.sentences), "text": text,
            "spans": " | ".join(sp.text for sp in flag.spans),
            "message": flag.message, "original_text": flag.original_text,
            "verdict": current.get("verdict", ""), "note": current.get("note", ""),
            "reviewer": current.get("reviewer", ""), "verdict_at": str(current.get("created_at", "") or ""),
        })
    return rows


CSV_COLUMNS = ("flag_id", "severity", "category", "side", "sentences", "text", "spans", "message", "original_text",
               "verdict", "note", "reviewer", "verdict_at")


def flags_csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow([safe_cell(row[c]) for c in CSV_COLUMNS])  # article text is untrusted
    return out.getvalue()
