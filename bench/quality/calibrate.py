"""Fit the severity thresholds of `scoring.config.Thresholds` on the dev split.

Run from the project root:

    .venv/bin/python -m bench.quality.calibrate [--seed N] [--sweeps 3]

In: the sentence items of `bench.quality.perturb`. Out (stdout): the proposed
threshold values next to the shipped ones, and dev/test metrics of both. Nothing is
written: `scoring/config.py` is changed by hand, if at all.

How: the items are audited once with the shipped configuration while the inputs of
the flag stage (`link_flags`, `unaligned_flags`, `untranslated_flags` as the pipeline
calls them) are recorded; a candidate `Thresholds` is then scored by replaying only
the flag stage with it, which takes milliseconds, so a coordinate search over a grid
of every field is cheap. The replay with the shipped thresholds must reproduce the
reports' worst severities exactly, and the script stops if it does not.

Fitted fields: `sim_minor`, `sim_major`, `sim_critical`, `word_minor`, `word_major`,
`word_major_link`, `unaligned_major_words`, `untranslated_min_letters` (the ones the
flag stage reads; `word_min_chars` acts earlier, in word scoring, and is kept).
Objective on dev: the mean of two balanced accuracies - "major or worse" (gold
major/critical against gold ok/minor) and "any flag" (gold minor or worse against gold
ok) - ties broken by the first. Balanced, so the benchmark's share of errors (far
higher than in real articles) does not push the thresholds towards flagging
everything; both decisions count, since a newsroom reads minor flags too.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.quality import metrics  # noqa: E402
from bench.quality.ours import score_of  # noqa: E402
from bench.quality.perturb import LABELS, SEED, Item, build_items  # noqa: E402

FIELDS: dict[str, Sequence[float]] = {
    "sim_minor": [x / 100 for x in range(50, 99)],
    "sim_major": [x / 100 for x in range(30, 96)],
    "sim_critical": [x / 100 for x in range(10, 90)],
    "word_minor": [x / 100 for x in range(20, 91)],
    "word_major": [x / 100 for x in range(10, 86)],
    "word_major_link": [x / 100 for x in range(60, 101)],
    "unaligned_major_words": list(range(1, 16)),
    "untranslated_min_letters": [5, 10, 15, 20, 30, 40],
}


@dataclass
class Recorded:
    """The flag-stage calls of one audit, replayable with other thresholds."""

    calls: list[tuple[str, tuple[Any, ...]]] = field(default_factory=list)
    similarities: list[float] = field(default_factory=list)


@contextmanager
def recording(sink: list[tuple[str, tuple[Any, ...]]]) -> Iterator[None]:
    """Record every flag-stage call the pipeline makes into `sink` (the thresholds
    argument dropped), passing each call through unchanged."""
    from scoring import pipeline

    names = ("link_flags", "unaligned_flags", "untranslated_flags")
    originals = {name: getattr(pipeline, name) for name in names}

    def wrap(name: str) -> Callable[..., Any]:
        fn = originals[name]

        def recorder(*args: Any) -> Any:
            sink.append((name, args[:-1]))
            return fn(*args)

        return recorder

    try:
        for name in names:
            setattr(pipeline, name, wrap(name))
        yield
    finally:
        for name, fn in originals.items():
            setattr(pipeline, name, fn)


def record(auditor: Any, items: Sequence[Item]) -> tuple[dict[str, Recorded], dict[str, str]]:
    """Audit `items`; the flag-stage calls per item and the reports' worst severities."""
    sink: list[tuple[str, tuple[Any, ...]]] = []
    recorded: dict[str, Recorded] = {}
    worst: dict[str, str] = {}
    with recording(sink):
        for item_id, report in auditor.audit_many((i.id, i.original, i.candidate) for i in items):
            if isinstance(report, Exception):
                raise SystemExit(f"{item_id}: the auditor refused the pair: {report}")
            calls = list(sink)
            sink.clear()
            sims = [float(link["similarity"]) for link in report["links"]]
            recorded[item_id] = Recorded(calls, sims)
            worst[item_id] = str(report["summary"]["worst_severity"])
    return recorded, worst


def replay(rec: Recorded, thresholds: Any) -> str:
    """The worst severity of one item's flags under `thresholds`."""
    from scoring import flag

    severities: list[str] = []
    for name, args in rec.calls:
        fn = getattr(flag, name)
        severities.extend(f.severity for f in fn(*args, thresholds))
    return flag.worst(severities)


@dataclass(frozen=True)
class Scores:
    """Metrics of one threshold setting on one set of items."""

    balanced_major: float
    balanced_any: float
    auc: float
    prf: metrics.PRF
    false_alarms: float

    def line(self) -> str:
        return (f"balanced acc. major+ {self.balanced_major:.3f} | any flag vs ok {self.balanced_any:.3f} | "
                f"AUC major+ vs ok {self.auc:.3f} | P {self.prf.precision:.3f} R {self.prf.recall:.3f} "
                f"F1 {self.prf.f1:.3f} | ok flagged major+ {self.false_alarms:.3f}")


def evaluate(items: Sequence[Item], recorded: dict[str, Recorded], thresholds: Any) -> Scores:
    """Replay `thresholds` on `items` and score the calls against the gold labels."""
    major = LABELS.index("major")
    sev = {i.id: replay(recorded[i.id], thresholds) for i in items}
    rank = {k: LABELS.index(v) for k, v in sev.items()}

    def balanced(pred: Callable[[Item], bool], gold: Callable[[Item], bool], pool: Sequence[Item]) -> float:
        pos = [i for i in pool if gold(i)]
        neg = [i for i in pool if not gold(i)]
        tpr = sum(pred(i) for i in pos) / len(pos) if pos else 0.0
        tnr = sum(not pred(i) for i in neg) / len(neg) if neg else 0.0
        return (tpr + tnr) / 2

    def gold_major(i: Item) -> bool:
        return LABELS.index(i.label) >= major

    ok_or_flagged = [i for i in items if i.label == "ok" or gold_major(i)]
    scores = {i.id: score_of(sev[i.id], min(recorded[i.id].similarities, default=0.0)) for i in items}
    ok = [i for i in items if i.label == "ok"]
    return Scores(
        balanced_major=balanced(lambda i: rank[i.id] >= major, gold_major, items),
        balanced_any=balanced(lambda i: rank[i.id] >= 1, lambda i: i.label != "ok", items),
        auc=metrics.roc_auc([scores[i.id] for i in items if gold_major(i)], [scores[i.id] for i in ok]),
        prf=metrics.prf([rank[i.id] >= major for i in ok_or_flagged], [gold_major(i) for i in ok_or_flagged]),
        false_alarms=sum(rank[i.id] >= major for i in ok) / len(ok) if ok else 0.0,
    )


def _valid(t: Any, band: float) -> bool:
    """Thresholds in order, each severity band at least `band` wide."""
    return bool(t.sim_minor - t.sim_major >= band - 1e-9 and t.sim_major - t.sim_critical >= band - 1e-9
                and t.word_minor - t.word_major >= band - 1e-9)


def fit(items: Sequence[Item], recorded: dict[str, Recorded], start: Any, sweeps: int = 3, band: float = 0.0) -> Any:
    """Coordinate search: each field in turn takes its best grid value (others fixed),
    keeping every severity band at least `band` wide."""
    best = start
    best_key = _key(evaluate(items, recorded, best))
    for _ in range(sweeps):
        changed = False
        for name, grid in FIELDS.items():
            for value in grid:
                trial = replace(best, **{name: value})
                if not _valid(trial, band):
                    continue
                key = _key(evaluate(items, recorded, trial))
                if key > best_key:
                    best, best_key, changed = trial, key, True
        if not changed:
            break
    return best


def _key(s: Scores) -> tuple[float, float]:
    return round((s.balanced_major + s.balanced_any) / 2, 6), round(s.balanced_major, 6)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--sweeps", type=int, default=3)
    parser.add_argument("--band", type=float, default=0.0,
                        help="keep each severity band (minor, major) at least this wide, e.g. 0.05")
    args = parser.parse_args(argv)
    from scoring.pipeline import Auditor

    auditor = Auditor()
    items = build_items(args.seed)
    recorded, worst = record(auditor, items)
    shipped = auditor.config.thresholds
    mismatched = [i.id for i in items if replay(recorded[i.id], shipped) != worst[i.id]]
    if mismatched:
        print(f"replay differs from the reports on {len(mismatched)} items (e.g. {mismatched[:3]}): the pipeline's "
              "flag stage changed; calibration stopped", file=sys.stderr)
        return 1
    dev = [i for i in items if i.split == "dev"]
    test = [i for i in items if i.split == "test"]
    proposed = fit(dev, recorded, shipped, args.sweeps, args.band)
    print(f"Replay of the shipped thresholds reproduces all {len(items)} reports.\n")
    print("| field | shipped | proposed |\n|---|---|---|")
    for name in FIELDS:
        a, b = asdict(shipped)[name], asdict(proposed)[name]
        print(f"| {name} | {a} | {b}{'' if a == b else ' *'} |")
    for split, pool in (("dev", dev), ("test", test)):
        print(f"\n{split} ({len(pool)} items)")
        print(f"  shipped:  {evaluate(pool, recorded, shipped).line()}")
        print(f"  proposed: {evaluate(pool, recorded, proposed).line()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
