"""The drift model: evidence in, a calibrated probability of a major error out."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from scoring.calibrate import auc
from scoring.drift import FEATURES, DriftModel, fit, link_features
from scoring.errors import ModelUnavailable
from scoring.types import Finding, LinkScore, Span, WordMatch


def planted(n: int = 400, seed: int = 7) -> tuple[list[dict[str, float]], list[float], list[str]]:
    """Rows whose label depends on cosine and on a certain finding, plus noise."""
    rng = random.Random(seed)
    rows, labels, groups = [], [], []
    for k in range(n):
        cosine = rng.uniform(0.5, 1.0)
        finding = float(rng.random() < 0.1)
        noise = rng.gauss(0, 0.08)
        major = (1.0 - cosine) + 0.4 * finding + noise > 0.3
        row = {f: rng.random() for f in FEATURES}
        row.update(cosine=cosine, certain_findings=finding)
        rows.append(row)
        labels.append(1.0 if major else 0.0)
        groups.append(f"g{k // 4}")
    return rows, labels, groups


def test_fit_recovers_a_planted_signal_out_of_fold() -> None:
    rows, labels, groups = planted()
    model, oof = fit(rows, labels, groups)
    assert auc(oof, [y > 0.5 for y in labels]) > 0.9
    w = dict(zip(model.features, model.weights, strict=True))
    assert w["cosine"] < 0 < w["certain_findings"]


def test_probability_is_calibrated_and_ordered() -> None:
    rows, labels, groups = planted(800)
    model, oof = fit(rows, labels, groups)
    probs = np.array([model.probability(r) for r in rows])
    assert ((probs >= 0) & (probs <= 1)).all()
    # calibrated: the mean probability is close to the share of majors
    assert abs(float(np.mean(oof)) - float(np.mean(labels))) < 0.05
    low, high = dict(rows[0], cosine=0.99, certain_findings=0.0), dict(rows[0], cosine=0.55, certain_findings=1.0)
    assert model.probability(high) > model.probability(low)


def test_bands_keep_the_false_alarm_share() -> None:
    rows, labels, groups = planted(800)
    model, oof = fit(rows, labels, groups, false_alarm=0.05, minor_false_alarm=0.3)
    ok = np.array(labels) < 0.5
    assert float((oof[ok] >= model.bands["major"]).mean()) <= 0.05 + 1e-9
    assert float((oof[ok] >= model.bands["minor"]).mean()) <= 0.3 + 1e-9
    assert model.bands["minor"] <= model.bands["major"]
    assert model.severity(model.bands["major"]) == "major"
    assert model.severity(model.bands["minor"]) == "minor"
    assert model.severity(0.0) == "ok"


def test_primary_rows_alone_set_calibration_and_bands() -> None:
    rows, labels, groups = planted(600)
    extra = [dict(r, cosine=0.99) for r in rows[:300]]  # made-up easy ok pairs
    model, _ = fit(rows + extra, labels + [0.0] * 300, groups + [f"x{k}" for k in range(300)],
                   primary=[True] * 600 + [False] * 300)
    plain, _ = fit(rows, labels, groups)
    assert model.bands["major"] == pytest.approx(plain.bands["major"], abs=0.15)


def test_save_load_round_trip(tmp_path: Path) -> None:
    rows, labels, groups = planted(200)
    model, _ = fit(rows, labels, groups, name="drift-test", trained_on="planted rows")
    path = tmp_path / "m.json"
    model.save(path)
    again = DriftModel.load(path)
    assert again == model and again.digest == model.digest
    assert again.probability(rows[3]) == model.probability(rows[3])


def test_unreadable_model_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelUnavailable, match="cannot read the drift model"):
        DriftModel.load(bad)
    with pytest.raises(ModelUnavailable):
        DriftModel.load(tmp_path / "missing.json")


def test_the_shipped_model_loads_and_says_what_it_was_fitted_on() -> None:
    model = DriftModel.load()
    assert model.features == FEATURES
    assert "MQM" in model.trained_on
    assert 0 < model.bands["minor"] < model.bands["major"] < 1


def test_link_features_read_the_evidence() -> None:
    def match(text: str, sim: float) -> WordMatch:
        return WordMatch(Span(0, len(text), text), sim, "x", sim)

    score = LinkScore(similarity=0.8, chrf=55.0, bleu=20.0, ter=60.0, length_ratio=1.0,
                      word_drift=[match("crew", 0.39), match("troops", 0.7)],
                      word_coverage=[match("occupying", 0.45), match("forces", 0.8), match("military", 0.3)])
    findings = [Finding("number", "major", (), "m"), Finding("entity", "minor", (), "m", certain=False)]
    f = link_features(score, findings, original_words=10, candidate_words=8)
    assert set(f) == set(FEATURES)
    assert f["cosine"] == 0.8 and f["chrf"] == pytest.approx(0.55) and f["ter"] == pytest.approx(0.6)
    assert f["lost_words"] == 2 and f["lost_share"] == pytest.approx(2 / 3) and f["unmatched_words"] == 1
    assert f["worst_original_word"] == pytest.approx(0.7) and f["worst_candidate_word"] == pytest.approx(0.61)
    assert f["certain_findings"] == 1 and f["uncertain_findings"] == 1
    assert f["length_gap"] == pytest.approx(abs(np.log(0.8)))
