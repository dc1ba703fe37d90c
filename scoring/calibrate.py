"""Refit the drift model from labelled pairs: (original, candidate, label) in, a
`DriftModel` out.

A label is `ok`, `minor` or `major` (`critical` counts as major), as professional
MQM reviewers give them, or as a newsroom's reviewers give them when they confirm or
dismiss flags. Each pair is read as one link of all its sentences, its evidence
computed by the same pipeline stages an audit runs (`Auditor.pair_features`), and
the model fitted with `scoring.drift.fit`: a logistic regression calibrated by
isotonic regression on out-of-fold predictions, the folds split by `group` (pairs of
one source sentence never straddle a fold). Minor pairs are left out of the fit:
the model separates major errors from none.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from scoring.drift import LABEL_TARGETS, DriftModel, fit
from scoring.errors import BadRequest, DriftauditError, EmptyInput
from scoring.pipeline import Auditor


@dataclass(frozen=True)
class LabelledPair:
    original: str
    candidate: str
    label: str
    group: str
    weight: float = 1.0
    primary: bool = True  # a pair as audits meet it (False: one made up for training)
    original_lang: str | None = None  # ISO 639-1 codes, when known: pairs in two languages
    candidate_lang: str | None = None  # fit the cross-lingual drift model


@dataclass(frozen=True)
class Calibration:
    """A fitted model and how it did on its own data, out of fold."""

    model: DriftModel
    pairs: int
    skipped: int
    auc: float
    false_alarms: float  # share of ok pairs at or above the major band, out of fold
    # (both figures over the primary pairs)


def read_pairs(path: str | Path) -> list[LabelledPair]:
    """JSON lines with `original`, `candidate` and `label` (and optionally `group`,
    `seg_id` or `id` for the folds, `weight`, and `original_lang` / `candidate_lang`:
    pairs in two languages fit the cross-lingual drift model)."""
    pairs: list[LabelledPair] = []
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                label = str(row["label"]).lower()
                if label not in LABEL_TARGETS:
                    raise ValueError(f"label {label!r} is not one of {sorted(LABEL_TARGETS)}")
                group = str(row.get("group", row.get("seg_id", row.get("id", number))))
                pairs.append(LabelledPair(str(row["original"]), str(row["candidate"]), label, group,
                                          float(row.get("weight", 1.0)), original_lang=row.get("original_lang"),
                                          candidate_lang=row.get("candidate_lang")))
            except (ValueError, KeyError, TypeError) as exc:
                raise BadRequest(f"{path}, line {number}: {exc}",
                               "each line needs \"original\", \"candidate\" and \"label\" (ok, minor or major)") from exc
    return pairs


def auc(scores: Sequence[float], positive: Sequence[bool]) -> float:
    """ROC-AUC by the rank-sum formula (ties count half)."""
    s = np.asarray(scores, dtype=np.float64)
    y = np.asarray(positive, dtype=bool)
    n_pos, n_neg = int(y.sum()), int((~y).sum())
    if not n_pos or not n_neg:
        return float("nan")
    order = np.argsort(s, kind="mergesort")
    ranks = np.empty(len(s))
    sorted_s = s[order]
    k = 0
    while k < len(s):
        j = k
        while j + 1 < len(s) and sorted_s[j + 1] == sorted_s[k]:
            j += 1
        ranks[order[k : j + 1]] = (k + j) / 2 + 1
        k = j + 1
    return float((ranks[y].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def calibrate(auditor: Auditor, pairs: Iterable[LabelledPair], name: str = "drift-custom",
              false_alarm: float = 0.08, minor_false_alarm: float = 0.30, trained_on: str = "",
              on_pair: Callable[[int], None] | None = None) -> Calibration:
    """Fit a drift model on `pairs` with `auditor`'s encoder and checks."""
    rows: list[dict[str, float]] = []
    targets: list[float] = []
    groups: list[str] = []
    weights: list[float] = []
    primary: list[bool] = []
    skipped = 0
    for pair in pairs:
        if on_pair:
            on_pair(1)
        if pair.label == "minor":
            skipped += 1
            continue
        try:
            features, _ = auditor.pair_features(pair.original, pair.candidate, pair.original_lang,
                                                pair.candidate_lang)
        except DriftauditError:
            skipped += 1
            continue
        rows.append(features)
        targets.append(LABEL_TARGETS[pair.label])
        groups.append(pair.group)
        weights.append(pair.weight)
        primary.append(pair.primary)
    if len(set(targets)) < 2 or len(rows) < 20:
        raise EmptyInput(f"{len(rows)} usable pairs ({sum(targets):.0f} major): too few to fit a model",
                         "give at least 20 pairs with both ok and major labels")
    model, oof = fit(rows, targets, groups, weights, name=name, false_alarm=false_alarm,
                     minor_false_alarm=minor_false_alarm, primary=primary, trained_on=trained_on)
    main = np.asarray(primary, dtype=bool)
    y = np.asarray(targets) > 0.5
    return Calibration(model, len(rows), skipped, round(auc(oof[main], y[main]), 4),
                       round(float((oof[main & ~y] >= model.bands["major"]).mean()), 4))
