"""Stage 8, report: the JSON contract, end to end on the seed pairs (real model)."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest

from scoring.config import AuditConfig, Thresholds

from ..conftest import SEED_PAIRS
from ..report_utils import SEV, check_contract, check_every_sentence_accounted_for


@pytest.mark.parametrize("name", SEED_PAIRS)
def test_contract(seed_reports: dict[str, dict[str, Any]], seeds: dict[str, str], name: str) -> None:
    check_contract(seed_reports[name], seeds["cnn_original"], seeds[name])


@pytest.mark.parametrize("name", SEED_PAIRS)
def test_every_sentence_is_linked_or_flagged(seed_reports: dict[str, dict[str, Any]], name: str) -> None:
    check_every_sentence_accounted_for(seed_reports[name])


@pytest.mark.parametrize("name", SEED_PAIRS)
def test_report_is_json(seed_reports: dict[str, dict[str, Any]], name: str) -> None:
    report = seed_reports[name]
    assert json.loads(json.dumps(report)) == report


@pytest.mark.parametrize("name", SEED_PAIRS)
def test_summary_agrees_with_flags(seed_reports: dict[str, dict[str, Any]], name: str) -> None:
    report = seed_reports[name]
    summary = report["summary"]
    counts = Counter(f["severity"] for f in report["flags"])
    assert summary["flags"] == {sev: counts.get(sev, 0) for sev in ("minor", "major", "critical")}
    worst = max((SEV[f["severity"]] for f in report["flags"]), default=0)
    assert SEV[summary["worst_severity"]] == worst
    assert summary["links"] == len(report["links"])
    assert 0 <= summary["mqm"]["score"] <= 100
    assert summary["categories"] == dict(Counter(f["category"] for f in report["flags"]))


@pytest.mark.parametrize("name", SEED_PAIRS)
def test_links_sorted_and_flags_point_back(seed_reports: dict[str, dict[str, Any]], name: str) -> None:
    report = seed_reports[name]
    keys = [(link["original"][0], link["candidate"][0]) for link in report["links"]]
    assert keys == sorted(keys)
    by_id = {f["id"]: f for f in report["flags"]}
    for k, link in enumerate(report["links"]):
        assert link["id"] == k
        for fid in link["flags"]:
            assert by_id[fid]["link"] == k
        mine = [by_id[fid] for fid in link["flags"]]
        assert SEV[link["severity"]] == max((SEV[f["severity"]] for f in mine), default=0)


def test_signature_reproducible(seed_reports: dict[str, dict[str, Any]], auditor: Any) -> None:
    sigs = {json.dumps(r["signature"], sort_keys=True) for r in seed_reports.values()}
    assert len(sigs) == 1
    sig = seed_reports["german_roundtrip"]["signature"]
    assert sig == auditor.signature()
    assert "all-MiniLM-L6-v2" in sig["short"]
    # the drift model and the checks are named, with the model's content hash and bands
    assert sig["drift"]["name"] == auditor.drift_model.name and sig["drift"]["hash"] == auditor.drift_model.digest
    assert f"drift:{auditor.drift_model.name}@{auditor.drift_model.digest}" in sig["short"]
    assert sig["drift"]["bands"] == dict(auditor.drift_model.bands) and sig["drift"]["trained_on"]
    assert "number." in sig["checks"] and "polarity." in sig["checks"]
    drift = sig["drift"]
    tuned = AuditConfig(thresholds=Thresholds(translation_coverage=0.9))
    assert tuned.signature("x", drift, "c")["hash"] != AuditConfig().signature("x", drift, "c")["hash"]
    assert AuditConfig().signature("x", {**drift, "hash": "other"}, "c")["hash"] != \
        AuditConfig().signature("x", drift, "c")["hash"]


def test_boilerplate_of_original_is_never_an_omission(seed_reports: dict[str, dict[str, Any]],
                                                       seeds: dict[str, str]) -> None:
    text = seeds["cnn_original"]
    furniture = ["Skip to Content", "Gavriil Grigorov/Sputnik/Pool/Reuters via CNN Newsource",
                 "By Rob Picheta, Victoria Butenko and Anna Chernova, CNN"]
    report = seed_reports["german_roundtrip"]
    for needle in furniture:
        pos = text.find(needle)
        assert pos >= 0
        idx = {s["index"] for s in report["original"]["sentences"] if s["start"] < pos + len(needle) and s["end"] > pos}
        omitted = [f for f in report["flags"] if f["side"] == "original" and f["category"] == "omission"
                   and idx.intersection(f["sentences"])]
        assert not omitted, needle
