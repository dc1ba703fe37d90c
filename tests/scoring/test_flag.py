"""Stage 7, flag: clause-level additions and omissions inside links, substitutions, spans."""

from __future__ import annotations

from typing import Any

ORIGINAL = ("The council approved a budget of 4.2 million euros for new bike lanes on Tuesday. "
            "The mayor said the network would connect the university with the old town by 2027.")


def flags_of(auditor: Any, original: str, candidate: str) -> list[dict[str, Any]]:
    return list(auditor.audit(original, candidate)["flags"])


def test_an_invented_clause_inside_a_sentence_is_a_major_addition(auditor: Any) -> None:
    candidate = ("The council approved a budget of 4.2 million euros for new bike lanes on Tuesday, "
                 "in a move that surprised foreign investors. "
                 "The mayor said the network would connect the university with the old town by 2027.")
    added = [f for f in flags_of(auditor, ORIGINAL, candidate) if f["category"] == "addition"]
    assert added and added[0]["severity"] == "major" and added[0]["link"] is not None
    assert "surprised" in added[0]["spans"][0]["text"]


def test_a_dropped_clause_is_a_major_omission_on_the_original_side(auditor: Any) -> None:
    original = ("Archaeologists found a burial chamber near the river, and the remains of several wooden "
                "offerings painted with gold. The site will open to visitors next year.")
    candidate = "Archaeologists found a burial chamber near the river. The site will open to visitors next year."
    dropped = [f for f in flags_of(auditor, original, candidate) if f["category"] == "omission"]
    assert dropped and dropped[0]["side"] == "original" and dropped[0]["severity"] == "major"
    assert "offerings" in dropped[0]["spans"][0]["text"]


def test_a_faithful_rewrite_gets_no_clause_flags(auditor: Any) -> None:
    candidate = ("On Tuesday the council signed off on 4.2 million euros for new bike lanes. "
                 "The network will link the university to the old town by 2027, the mayor said.")
    assert not [f for f in flags_of(auditor, ORIGINAL, candidate) if f["category"] in ("addition", "omission")]


def test_link_spans_are_candidate_offsets_and_dropped_clauses_are_original_offsets(auditor: Any) -> None:
    original = ("Archaeologists found a burial chamber near the river, and the remains of several wooden "
                "offerings painted with gold.")
    candidate = "Archaeologists found a burial chamber near the river."
    report = auditor.audit(original, candidate)
    for link in report["links"]:
        for sp in link["spans"]:
            assert candidate[sp["start"] : sp["end"]] == sp["text"]
        for sp in link["original_spans"]:
            assert original[sp["start"] : sp["end"]] == sp["text"]
    assert any(link["original_spans"] for link in report["links"])


def test_every_flag_has_spans_even_for_something_missing(auditor: Any) -> None:
    original = "The minister did not sign the agreement on Friday."
    candidate = "The minister signed the agreement on Friday."
    flags = flags_of(auditor, original, candidate)
    assert flags and all(f["spans"] for f in flags)
    negation = [f for f in flags if f["category"] == "negation"]
    assert negation and negation[0]["spans"][0]["text"] == candidate
