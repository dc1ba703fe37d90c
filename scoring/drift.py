"""The drift model: a link's evidence in, the probability that a professional reviewer
marks a major error in it out.

Evidence (`link_features`) is what the score and check stages measured on the link:
sentence cosine, chrF, TER, the windows' lengths, how many content words of the
original the candidate does not cover (and the reverse), how far the worst word
drifted, and the fact checks' findings. A logistic regression weighs them and a
Platt scaling fitted on out-of-fold scores calibrates its output, so `probability()`
is a probability, fitted on human MQM judgements (see `scoring/models/README.md`). Severity bands are cut from
that probability at thresholds stored with the model.

The fitted parameters are a small JSON file, versioned by name and content hash; the
report signature names it. `fit()` refits one from labelled pairs (`driftaudit
calibrate`), so a newsroom can recalibrate on its own reviewers' verdicts.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from scoring.types import Finding, LinkScore, Severity

FEATURES: tuple[str, ...] = (
    "cosine", "chrf", "ter", "log_words", "length_gap",
    "lost_words", "lost_share", "unmatched_words", "worst_original_word", "worst_candidate_word",
    "certain_findings", "uncertain_findings",
)
LABEL_TARGETS: dict[str, float] = {"ok": 0.0, "minor": 0.0, "major": 1.0, "critical": 1.0}
DEFAULT_MODEL_PATH = Path(__file__).with_name("models") / "drift-minilm.json"
# A link is major only when a major error is more likely than not, minor only when it
# is at least this likely, whatever share of error-free links the bands would flag.
MIN_MAJOR_PROBABILITY = 0.5
MIN_MINOR_PROBABILITY = 0.25
# A content word of one side is "lost" when nothing on the other side matches it this well.
LOST_WORD_SIMILARITY = 0.5


def link_features(score: LinkScore, findings: Sequence[Finding], original_words: int,
                  candidate_words: int) -> dict[str, float]:
    """The evidence of one link as named numbers (`FEATURES`)."""
    covered = [w.similarity for w in score.word_coverage]
    matched = [w.similarity for w in score.word_drift]
    lost = sum(1 for s in covered if s < LOST_WORD_SIMILARITY)
    return {
        "cosine": score.similarity,
        "chrf": score.chrf / 100.0,
        "ter": min(score.ter, 150.0) / 100.0,
        "log_words": math.log(max(original_words, 1)),
        "length_gap": abs(math.log(max(candidate_words, 1) / max(original_words, 1))),
        "lost_words": float(lost),
        "lost_share": lost / len(covered) if covered else 0.0,
        "unmatched_words": float(sum(1 for s in matched if s < LOST_WORD_SIMILARITY)),
        "worst_original_word": 1.0 - min(covered, default=1.0),
        "worst_candidate_word": 1.0 - min(matched, default=1.0),
        "certain_findings": float(sum(1 for f in findings if f.certain and f.severity in ("major", "critical"))),
        "uncertain_findings": float(sum(1 for f in findings if not f.certain)),
    }


@dataclass(frozen=True)
class DriftModel:
    """Logistic regression on standardised features, then a Platt calibration.

    `calibration` is (slope, intercept) of the sigmoid that maps the regression's
    raw score to a probability: fitted on out-of-fold scores, it undoes the
    regression's overconfidence on its own training rows and keeps the order of
    the scores; `bands` are the probabilities from which a link is minor and major.
    `trained_on` says what it was fitted on."""

    name: str
    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    calibration: tuple[float, float]
    bands: Mapping[str, float]
    trained_on: str = ""

    def raw(self, features: Mapping[str, float]) -> float:
        x = (np.array([features.get(f, 0.0) for f in self.features]) - np.array(self.mean)) / np.array(self.scale)
        return float(x @ np.array(self.weights) + self.bias)

    def probability(self, features: Mapping[str, float]) -> float:
        """Calibrated probability of a major error, in [0, 1]."""
        slope, intercept = self.calibration
        return round(_sigmoid(slope * self.raw(features) + intercept), 4)

    def severity(self, probability: float) -> Severity:
        if probability >= self.bands["major"]:
            return "major"
        if probability >= self.bands["minor"]:
            return "minor"
        return "ok"

    @property
    def digest(self) -> str:
        return hashlib.sha256(json.dumps(self.to_dict(), sort_keys=True).encode()).hexdigest()[:12]

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["bands"] = dict(self.bands)
        return data

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), indent=1) + "\n", encoding="utf-8")

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> DriftModel:
        return cls(name=str(data["name"]), features=tuple(data["features"]), mean=tuple(data["mean"]),
                   scale=tuple(data["scale"]), weights=tuple(data["weights"]), bias=float(data["bias"]),
                   calibration=(float(data["calibration"][0]), float(data["calibration"][1])),
                   bands={k: float(v) for k, v in data["bands"].items()}, trained_on=str(data.get("trained_on", "")))

    @classmethod
    def neutral(cls) -> DriftModel:
        """A model that knows nothing (probability 0.5 everywhere): for computing
        evidence before any model is fitted."""
        zeros = tuple(0.0 for _ in FEATURES)
        return cls("neutral", FEATURES, zeros, tuple(1.0 for _ in FEATURES), zeros, 0.0, (1.0, 0.0),
                   {"minor": 1.0, "major": 1.0})

    @classmethod
    def load(cls, path: str | Path | None = None) -> DriftModel:
        """The model at `path`, or the one shipped with the package."""
        from scoring.errors import ModelUnavailable

        target = Path(path) if path else DEFAULT_MODEL_PATH
        try:
            return cls.from_dict(json.loads(target.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ModelUnavailable(f"cannot read the drift model {target}: {exc}",
                                   "point DRIFTAUDIT_DRIFT_MODEL at a file written by `driftaudit calibrate`") from exc


# -- fitting ------------------------------------------------------------------------


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _logistic_fit(x: np.ndarray, y: np.ndarray, weight: np.ndarray, l2: float) -> tuple[np.ndarray, float]:
    """Weighted L2-regularised logistic regression by Newton's method; (w, b)."""
    n, d = x.shape
    a = np.c_[x, np.ones(n)]
    beta = np.zeros(d + 1)
    penalty = np.full(d + 1, l2)
    penalty[-1] = 0.0  # the bias is not shrunk
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(a @ beta, -30, 30)))
        grad = a.T @ (weight * (p - y)) + penalty * beta
        hess = (a * (weight * p * (1 - p))[:, None]).T @ a + np.diag(penalty) + 1e-9 * np.eye(d + 1)
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return beta[:-1], float(beta[-1])


def platt(scores: np.ndarray, targets: np.ndarray) -> tuple[float, float]:
    """(slope, intercept) of the sigmoid that best maps `scores` to `targets`."""
    coef, intercept = _logistic_fit(scores[:, None], targets, np.ones(len(targets)), 1e-6)
    return round(float(coef[0]), 6), round(intercept, 6)


def fit(rows: Sequence[Mapping[str, float]], labels: Sequence[float], groups: Sequence[object],
        weights: Sequence[float] | None = None, name: str = "drift-custom", l2: float = 1.0,
        folds: int = 5, false_alarm: float = 0.08, minor_false_alarm: float = 0.30,
        primary: Sequence[bool] | None = None, trained_on: str = "", min_major: float = MIN_MAJOR_PROBABILITY,
        min_minor: float = MIN_MINOR_PROBABILITY) -> tuple[DriftModel, np.ndarray]:
    """Fit a `DriftModel` on feature rows with targets in [0, 1] (1 = major error).

    The regression is fitted on all rows; the Platt calibration on out-of-fold
    predictions (folds by `groups`, so one source sentence never sits on both sides)
    of the `primary` rows only (all by default): pairs as audits meet them, not
    extra pairs made for training, so that the probability is one of real pairs.
    The major band starts where `false_alarm` of the primary error-free pairs would
    be flagged major, the minor band where `minor_false_alarm` would be flagged at
    all, but never below `min_major` / `min_minor`: a model that barely separates
    errors from none gives every link about the base rate, and the share of error-free
    links it would flag must not become a band of random sentences. Returns the model
    and the out-of-fold probabilities."""
    x = np.array([[r.get(f, 0.0) for f in FEATURES] for r in rows], dtype=np.float64)
    y = np.asarray(labels, dtype=np.float64)
    w = np.ones(len(y)) if weights is None else np.asarray(weights, dtype=np.float64)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    z = (x - mean) / scale
    fold_of = np.array([int(hashlib.sha256(repr(g).encode()).hexdigest(), 16) % folds for g in groups])
    oof = np.zeros(len(y))
    for k in range(folds):
        test = fold_of == k
        if not test.any() or test.all():
            continue
        wk, bk = _logistic_fit(z[~test], y[~test], w[~test], l2)
        oof[test] = z[test] @ wk + bk
    coef, bias = _logistic_fit(z, y, w, l2)
    main = np.ones(len(y), dtype=bool) if primary is None else np.asarray(primary, dtype=bool)
    calibration = platt(oof[main], y[main])
    probs = 1.0 / (1.0 + np.exp(-np.clip(calibration[0] * oof + calibration[1], -30, 30)))
    ok = main & (y < 0.5)
    bands = {"minor": max(_band(probs[ok], minor_false_alarm), min_minor),
             "major": max(_band(probs[ok], false_alarm), min_major)}
    model = DriftModel(name=name, features=FEATURES, mean=tuple(round(v, 6) for v in mean),
                       scale=tuple(round(v, 6) for v in scale), weights=tuple(round(v, 6) for v in coef),
                       bias=round(bias, 6), calibration=calibration, bands=bands, trained_on=trained_on)
    return model, probs


def _band(ok_probabilities: np.ndarray, share: float) -> float:
    """The lowest probability at which at most `share` of the error-free rows reach it."""
    if not len(ok_probabilities):
        return 0.5
    values = np.sort(ok_probabilities)[::-1]
    k = math.floor(share * len(values))
    cut = float(values[k] if k < len(values) else values[-1])
    return math.floor(cut * 1e6 + 1) / 1e6  # the next 6-digit value above the cut
