"""Stage 7, flag: clause-level additions and omissions inside links, substitutions, spans.

Their severity follows the link's drift probability (at least minor); these tests are
about where the flags point."""

from __future__ import annotations

from typing import Any

import pytest

ORIGINAL = ("The council approved a budget of 4.2 million euros for new bike lanes on Tuesday. "
            "The mayor said the network would connect the university with the old town by 2027.")


def flags_of(auditor: Any, original: str, candidate: str) -> list[dict[str, Any]]:
    return list(auditor.audit(original, candidate).to_dict()["flags"])


def test_an_invented_clause_inside_a_sentence_is_an_addition(auditor: Any) -> None:
    candidate = ("The council approved a budget of 4.2 million euros for new bike lanes on Tuesday, "
                 "in a move that surprised foreign investors. "
                 "The mayor said the network would connect the university with the old town by 2027.")
    added = [f for f in flags_of(auditor, ORIGINAL, candidate) if f["category"] == "addition"]
    assert added and added[0]["severity"] in ("minor", "major") and added[0]["link"] is not None
    assert "surprised" in added[0]["spans"][0]["text"]


def test_a_dropped_clause_is_an_omission_on_the_original_side(auditor: Any) -> None:
    original = ("Archaeologists found a burial chamber near the river, and the remains of several wooden "
                "offerings painted with gold. The site will open to visitors next year.")
    candidate = "Archaeologists found a burial chamber near the river. The site will open to visitors next year."
    dropped = [f for f in flags_of(auditor, original, candidate) if f["category"] == "omission"]
    assert dropped and dropped[0]["side"] == "original" and dropped[0]["severity"] in ("minor", "major")
    assert any("offerings" in sp["text"] for sp in dropped[0]["spans"])


@pytest.mark.parametrize(
    ("original", "candidate", "lost"),
    [
        ("Put the eggs in boiling water for a minute.", "Put the eggs to the water for a minute.", "boiling"),
        ("Send the form to the address of a local company.", "Send the form to the address of a company.", "local"),
        ("Peter Frampton acknowledged Green as his greatest influence.",
         "Peter Frampton Green as his greatest influence.", "acknowledged"),
    ],
)
def test_a_word_dropped_inside_a_sentence_is_an_omission(auditor: Any, original: str, candidate: str,
                                                          lost: str) -> None:
    omitted = [sp["text"] for f in flags_of(auditor, original, candidate)
               if f["side"] == "original" and f["category"] == "omission" for sp in f["spans"]]
    assert lost in omitted


def test_a_name_dropped_inside_a_sentence_is_a_major_omission(auditor: Any) -> None:
    flags = flags_of(auditor, "It is the biggest port in West Africa, officials said.",
                     "It is the largest port in, officials said.")
    dropped = [f for f in flags if f["side"] == "original" and f["severity"] == "major"]
    assert any("West Africa" in sp["text"] for f in dropped for sp in f["spans"])


def test_a_word_in_place_of_a_lost_one_is_shown(auditor: Any) -> None:
    flags = flags_of(auditor, "The front line needs more support, Zelensky said.",
                     "The front row needs more support, Zelensky said.")
    assert any(f["side"] == "candidate" and sp["text"] == "row" for f in flags for sp in f["spans"])
    assert any(f["side"] == "original" and sp["text"] == "line" for f in flags for sp in f["spans"])


def test_a_faithful_rewrite_gets_no_clause_flags(auditor: Any) -> None:
    candidate = ("On Tuesday the council signed off on 4.2 million euros for new bike lanes. "
                 "The network will link the university to the old town by 2027, the mayor said.")
    flags = flags_of(auditor, ORIGINAL, candidate)
    assert not [f for f in flags if f["category"] == "addition"]
    assert all(f["severity"] in ("ok", "minor") for f in flags)


def test_link_spans_are_candidate_offsets_and_dropped_clauses_are_original_offsets(auditor: Any) -> None:
    original = ("Archaeologists found a burial chamber near the river, and the remains of several wooden "
                "offerings painted with gold.")
    candidate = "Archaeologists found a burial chamber near the river."
    report = auditor.audit(original, candidate).to_dict()
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
    # a lost negation is shown at the word it negated, which the candidate kept
    assert negation and negation[0]["spans"][0]["text"] == "signed"
