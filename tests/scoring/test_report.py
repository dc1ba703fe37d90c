"""Stage 8, report: the JSON contract, end to end on the seed pairs (real model)."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest

from scoring.config import AuditConfig, Thresholds
from scoring.report import coverage, relation
from scoring.types import Document, Sentence

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


def test_signature_reproducible(seed_reports: dict[str, dict[str, Any]]) -> None:
    sigs = {json.dumps(r["signature"], sort_keys=True) for r in seed_reports.values()}
    assert len(sigs) == 1
    sig = seed_reports["german_roundtrip"]["signature"]
    assert sig == AuditConfig().signature(seed_reports["german_roundtrip"]["driftaudit"])
    assert "all-MiniLM-L6-v2" in sig["short"]
    tuned = AuditConfig(thresholds=Thresholds(sim_minor=0.9))
    assert tuned.signature("x")["hash"] != AuditConfig().signature("x")["hash"]


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


# -- coverage and relation as functions ------------------------------------------------------


def _doc(kinds_words: list[tuple[str, int]]) -> Document:
    sentences, text, pos = [], "", 0
    for k, (kind, words) in enumerate(kinds_words):
        s = " ".join(["word"] * words) + "."
        sentences.append(Sentence(k, s, pos, pos + len(s), kind))  # type: ignore[arg-type]
        text += s + " "
        pos += len(s) + 1
    return Document(text, "text", tuple(sentences), "en")


def test_coverage_counts_content_words() -> None:
    doc = _doc([("content", 10), ("heading", 5), ("boilerplate", 20), ("content", 30)])
    assert coverage(doc, set()) == 0.0
    assert coverage(doc, {0}) == pytest.approx(0.25)
    assert coverage(doc, {0, 1, 2}) == pytest.approx(0.25)
    assert coverage(doc, {0, 3}) == 1.0


def test_relation_bands() -> None:
    t = Thresholds()
    assert relation(1.0, 1.0, 0.95, t) == "translation"
    assert relation(0.7, 0.7, 0.6, t) == "rewrite"
    assert relation(0.3, 0.1, 0.6, t) == "partial_reuse"
    assert relation(0.0, 0.05, 0.6, t) == "unrelated"
