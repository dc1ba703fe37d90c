"""Review policy: glossary entries become terminology flags with spans on both sides;
suppression rules mark flags without dropping them."""

from __future__ import annotations

from typing import Any

import pytest

from scoring.glossary import term_pattern
from scoring.policy import Policy, SuppressionRule, TermEntry
from scoring.suppress import matches
from scoring.types import Flag, Span


@pytest.fixture(scope="module")
def roundtrip(seeds: dict[str, str]) -> tuple[str, str]:
    return seeds["cnn_original"], seeds["german_roundtrip"]


def terminology(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for f in report["flags"] if f["category"] == "terminology"]


def test_a_violated_entry_is_flagged_with_the_term_and_its_rendering(auditor: Any, roundtrip: tuple[str, str]) -> None:
    policy = Policy(glossary=(TermEntry("occupying military forces", "occupying military forces", id="g1"),
                              TermEntry("Kim Jong Un", "Kim Jong Un", id="g2", severity="critical")))
    report = auditor.audit(*roundtrip, policy).to_dict()
    flags = {f["original_spans"][0]["text"]: f for f in terminology(report)}
    assert set(flags) == {"occupying military forces", "Kim Jong Un"}
    crew = flags["occupying military forces"]
    assert crew["severity"] == "major" and crew["side"] == "candidate"
    assert crew["spans"][0]["text"] == "crew troops"
    original, candidate = roundtrip
    for f in flags.values():  # offsets point into each side's own text
        o, c = f["original_spans"][0], f["spans"][0]
        assert original[o["start"]:o["end"]] == o["text"] and candidate[c["start"]:c["end"]] == c["text"]
    assert flags["Kim Jong Un"]["spans"][0]["text"] == "Kim Jong"
    assert flags["Kim Jong Un"]["severity"] == "critical"
    link = report["links"][crew["link"]]
    assert crew["id"] in link["flags"] and {"start": 900, "end": 925, "text": "occupying military forces"} \
        in link["original_spans"]


def test_a_kept_rendering_is_not_flagged(auditor: Any, roundtrip: tuple[str, str]) -> None:
    # Both texts say "North Korea" and "Vladimir Putin"; "long-range missiles" comes back
    # as "long -range missiles", a spacing slip, not another term.
    policy = Policy(glossary=(TermEntry("North Korea", "North Korea"), TermEntry("Vladimir Putin", "Vladimir Putin"),
                              TermEntry("long-range missiles", "long-range missiles")))
    assert terminology(auditor.audit(*roundtrip, policy).to_dict()) == []


def test_a_house_spelling_is_required(auditor: Any) -> None:
    original = "President Volodymyr Zelensky spoke in Kyiv on Monday about the war."
    candidate = "President Volodymyr Zelensky spoke in Kyiv on Monday about the war."
    policy = Policy(glossary=(TermEntry("Zelensky", "Zelenskyy", note="house style"),))
    (flag,) = terminology(auditor.audit(original, candidate, policy).to_dict())
    assert flag["spans"][0]["text"] == "Zelensky" and "house style" in flag["message"]
    fixed = candidate.replace("Zelensky", "Zelenskyy")
    assert terminology(auditor.audit(original, fixed, policy).to_dict()) == []


def test_no_policy_leaves_the_report_as_it_was(auditor: Any, roundtrip: tuple[str, str],
                                               seed_reports: dict[str, dict[str, Any]]) -> None:
    report = auditor.audit(*roundtrip, Policy()).to_dict()
    assert report == seed_reports["german_roundtrip"]
    assert "policy" not in report["signature"] and "suppressed" not in report["summary"]
    assert all("suppressed_by" not in f and f["category"] != "terminology" for f in report["flags"])


def test_a_suppressed_flag_stays_in_the_report_but_out_of_the_counts(auditor: Any, roundtrip: tuple[str, str],
                                                                     seed_reports: dict[str, dict[str, Any]]) -> None:
    before = seed_reports["german_roundtrip"]
    target = next(f for f in before["flags"] if f["severity"] == "major" and f["side"] == "candidate")
    rule = SuppressionRule("r7", target["category"], candidate=" ".join(s["text"] for s in target["spans"]).upper())
    after = auditor.audit(*roundtrip, Policy(rules=(rule,))).to_dict()
    suppressed = [f for f in after["flags"] if f.get("suppressed_by")]
    assert [f["id"] for f in suppressed] == [target["id"]] and suppressed[0]["suppressed_by"] == "r7"
    assert len(after["flags"]) == len(before["flags"])
    assert after["summary"]["suppressed"] == 1
    assert after["summary"]["flags"]["major"] == before["summary"]["flags"]["major"] - 1
    assert after["summary"]["mqm"]["penalty"] < before["summary"]["mqm"]["penalty"]
    assert "|policy:g0r1@" in after["signature"]["short"]


def flag(category: str, side: str, span: str, original: str) -> Flag:
    return Flag(id="f1", side=side, sentences=[0], category=category, severity="major", score=1.0,  # type: ignore[arg-type]
                spans=[Span(0, len(span), span)], message="", original_text=original)


def test_rules_match_on_category_and_texts() -> None:
    entity = flag("entity", "candidate", "Zelensky", "President Zelenskyy said")
    assert matches(SuppressionRule("1", "entity", candidate="zelensky"), entity)
    assert matches(SuppressionRule("1", "", original="zelenskyy", candidate="Zelensky"), entity)
    assert not matches(SuppressionRule("1", "number", candidate="Zelensky"), entity)
    assert not matches(SuppressionRule("1", "entity", candidate="Zelensky said"), entity)
    assert not matches(SuppressionRule("1", "entity", original="Putin", candidate="Zelensky"), entity)
    assert not matches(SuppressionRule("1", "entity"), entity)  # a rule must name a text
    omission = flag("omission", "original", "It was the biggest in West Africa.", "")
    assert matches(SuppressionRule("1", "omission", original="the biggest in  West Africa"), omission)


def test_term_pattern_is_whole_word_any_case() -> None:
    pattern = term_pattern(["Zelensky", "long-range missiles"])
    assert pattern is not None
    assert pattern.search("zelensky said") and not pattern.search("Zelenskyy said")
    assert pattern.search("LONG - RANGE\n missiles") and not pattern.search("longrange missiles")
    assert term_pattern(["", "  "]) is None
