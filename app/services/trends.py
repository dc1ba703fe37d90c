"""Quality of one outlet's republications over time: what `/v1/outlets/{name}/trends` and
the outlet page show.

In: the outlet's finished audits in a window of days (their stored summaries) and the
reviewers' verdicts on their flags. Out: the MQM-style score of each audit in time order,
the share of audits per quality bucket (>= 98, 94-98, 80-94, < 80, as translation-quality
reports bucket them), the most frequent error categories, and reviewer agreement per
category (flags confirmed, dismissed, marked needs-edit): the evidence a recalibration of
the drift model (`driftaudit calibrate`) can use.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from app.store.repo import Store

# (name, lowest score included); the last bucket takes everything below 80.
BUCKETS: tuple[tuple[str, float], ...] = ((">=98", 98.0), ("94-98", 94.0), ("80-94", 80.0), ("<80", float("-inf")))
BUCKET_CSS = {">=98": "b-good", "94-98": "b-ok", "80-94": "b-fair", "<80": "b-poor"}
MAX_AUDITS = 2000  # the newest this many in the window
AGREEMENT_AUDITS = 200  # reviewer agreement from the newest this many of them


@dataclass
class Trends:
    outlet: str
    days: int
    audits: int = 0
    points: list[dict[str, Any]] = field(default_factory=list)  # {id, created_at, score, title}
    buckets: dict[str, int] = field(default_factory=dict)
    categories: dict[str, int] = field(default_factory=dict)
    agreement: dict[str, dict[str, int]] = field(default_factory=dict)
    mean_score: float | None = None


def bucket_of(score: float) -> str:
    return next(name for name, low in BUCKETS if score >= low)


def score_of(summary: dict[str, Any] | None) -> float:
    """The MQM-style score of a stored audit summary."""
    return float(((summary or {}).get("mqm") or {}).get("score", 100.0))


def _recent(store: Store, outlet: str, days: int, now: datetime | None) -> list[tuple[str, datetime, Any, str]]:
    return store.outlet_audits(outlet, (now or datetime.now(UTC)) - timedelta(days=days), MAX_AUDITS)


def recent_scores(store: Store, outlet: str, days: int, now: datetime | None = None) -> list[float]:
    """Scores of the outlet's finished audits in the window, oldest first (what an alert
    threshold reads; no categories, no verdicts)."""
    return [score_of(summary) for _, _, summary, _ in _recent(store, outlet, days, now)]


def outlet_trends(store: Store, outlet: str, days: int = 90, now: datetime | None = None) -> Trends:
    rows = _recent(store, outlet, days, now)
    trends = Trends(outlet=outlet, days=days, audits=len(rows), buckets={name: 0 for name, _ in BUCKETS})
    categories: Counter[str] = Counter()
    for audit_id, created_at, summary, title in rows:
        score = score_of(summary)
        trends.points.append({"id": audit_id, "created_at": created_at, "score": score, "title": title})
        trends.buckets[bucket_of(score)] += 1
        categories.update({str(k): int(v) for k, v in ((summary or {}).get("categories") or {}).items()})
    trends.categories = dict(categories.most_common(10))
    if trends.points:
        trends.mean_score = round(sum(p["score"] for p in trends.points) / len(trends.points), 2)
    agreement: dict[str, Counter[str]] = {}
    # The newest AGREEMENT_AUDITS only: the categories come from the stored reports, read whole.
    for category, verdict in store.verdict_categories([p["id"] for p in trends.points][-AGREEMENT_AUDITS:]):
        agreement.setdefault(category, Counter())[verdict] += 1
    trends.agreement = {c: {v: n.get(v, 0) for v in ("confirmed", "dismissed", "needs_edit")}
                        for c, n in sorted(agreement.items())}
    return trends


def chart_svg(trends: Trends, width: int = 720, height: int = 220) -> str:
    """The scores over time as an SVG line with one dot per audit (no script needed);
    bands shade the quality buckets. Dates run left to right in audit order."""
    left, right, top, bottom = 44, 12, 12, 28
    plot_w, plot_h = width - left - right, height - top - bottom
    low = min([70.0, *[p["score"] for p in trends.points]])
    low = max(0.0, (int(low) // 10) * 10.0)

    def y(score: float) -> float:
        return top + plot_h * (100.0 - score) / (100.0 - low)

    n = len(trends.points)

    def x(k: int) -> float:
        return left + (plot_w * k / (n - 1) if n > 1 else plot_w / 2)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
             f'class="trend" aria-label="MQM score of each audit, oldest to newest">']
    shades = (("band-good", 100, 98), ("band-ok", 98, 94), ("band-fair", 94, 80), ("band-poor", 80, low))
    for css, hi_score, lo_score in shades:
        if lo_score >= hi_score or hi_score <= low:
            continue
        parts.append(f'<rect class="{css}" x="{left}" y="{y(hi_score):.1f}" width="{plot_w}" '
                     f'height="{y(max(lo_score, low)) - y(hi_score):.1f}"/>')
    for tick in range(int(low), 101, 10):
        parts.append(f'<text class="tick" x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">{tick}</text>')
    if n:
        line = " ".join(f"{x(k):.1f},{y(p['score']):.1f}" for k, p in enumerate(trends.points))
        parts.append(f'<polyline class="line" points="{line}"/>')
        for k, p in enumerate(trends.points):
            when = p["created_at"].strftime("%Y-%m-%d %H:%M") if hasattr(p["created_at"], "strftime") else ""
            parts.append(f'<a href="/audits/{p["id"]}"><circle class="dot {bucket_css(p["score"])}" '
                         f'cx="{x(k):.1f}" cy="{y(p["score"]):.1f}" r="4"><title>{p["score"]:.2f} · {when}</title>'
                         f'</circle></a>')
        first, last = trends.points[0]["created_at"], trends.points[-1]["created_at"]
        for k, stamp, anchor in ((0, first, "start"), (n - 1, last, "end")):
            label = stamp.strftime("%Y-%m-%d") if hasattr(stamp, "strftime") else ""
            parts.append(f'<text class="tick" x="{x(k):.1f}" y="{height - 8}" text-anchor="{anchor}">{label}</text>')
    else:
        parts.append(f'<text class="tick" x="{left + plot_w / 2}" y="{top + plot_h / 2}" text-anchor="middle">'
                     'no finished audits in this window</text>')
    parts.append("</svg>")
    return "".join(parts)


def bucket_css(score: float) -> str:
    return BUCKET_CSS[bucket_of(score)]
