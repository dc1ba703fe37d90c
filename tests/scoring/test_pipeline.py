"""The whole pipeline on the seed pairs and small hand-written pairs (real model)."""

from __future__ import annotations

from typing import Any

import pytest

from scoring.errors import DriftauditError, EmptyInput, InputTooLarge
from scoring.pipeline import Auditor
from scoring.report import Report

from ..report_utils import (
    SEV,
    assert_flagged,
    check_contract,
    check_every_sentence_accounted_for,
    flags_on,
    sentences_with,
    worst,
)

# -- German round trip ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def german(seed_reports: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return seed_reports["german_roundtrip"]


@pytest.mark.xfail(strict=True, reason=(
    "the drift model puts this link at p=0.40, with the faithful ones: to all-MiniLM-L6-v2 'crew' for "
    "'occupying' looks like a rewording (layer-4 word similarity 0.39, like 'appeal' for 'plea' 0.43); on the "
    "human-judged MQM set a rule that would catch it fires on 1.8% of correct and 3.5% of wrong translations"))
def test_german_crew_troops_flagged(german: dict[str, Any], seeds: dict[str, str]) -> None:
    """'crew troops' stands for 'occupying military forces': a major mistranslation."""
    assert_flagged(german, seeds["german_roundtrip"], "crew troops", "crew troops", "major")


def test_german_russian_field_flagged(german: dict[str, Any], seeds: dict[str, str]) -> None:
    """'Russian field' stands for 'Russian territory'."""
    assert_flagged(german, seeds["german_roundtrip"], "Russian field", "Russian field", "major")


def test_german_kim_jong_flagged(german: dict[str, Any], seeds: dict[str, str]) -> None:
    assert_flagged(german, seeds["german_roundtrip"], "Kim Jong and explained", "Kim Jong and", "major")


def test_german_coverage(german: dict[str, Any]) -> None:
    assert german["summary"]["coverage"]["original"] >= 0.9


def test_german_no_major_omission(german: dict[str, Any]) -> None:
    """Every content sentence of the original has a counterpart in the round trip (clauses
    dropped inside a linked sentence are flagged with their link, and are allowed here)."""
    omissions = [f for f in german["flags"] if f["category"] == "omission" and SEV[f["severity"]] >= SEV["major"]
                 and f["link"] is None]
    assert not omissions, [f["message"] for f in omissions]


@pytest.mark.parametrize(
    "needle",
    [
        "Some of them recently died in the east of Ukraine",
        "rejected the allegations on Thursday",
        "We will be well prepared for this option",
        "The front line needs more support",
    ],
)
def test_german_faithful_sentences_not_major(german: dict[str, Any], seeds: dict[str, str], needle: str) -> None:
    idx, _ = sentences_with(german, "candidate", seeds["german_roundtrip"], needle)
    assert worst(flags_on(german, "candidate", idx)) <= SEV["minor"]


def test_german_split_sentence_is_one_link(german: dict[str, Any], seeds: dict[str, str]) -> None:
    """"..., a charge both countries have denied, despite significant evidence of such
    transfers." became a sentence of its own: it is the second half of a 1-2 link, not a
    sentence with no source (read as one text with the first half it reads further from the
    original than the first half alone; its words are the original's)."""
    second, _ = sentences_with(german, "candidate", seeds["german_roundtrip"],
                               "although there are considerable evidence of such transfers")
    first, _ = sentences_with(german, "candidate", seeds["german_roundtrip"],
                              "Several governments have accused Pyongyang")
    assert [link["candidate"] for link in german["links"] if second & set(link["candidate"])] == \
        [sorted(first | second)]
    assert worst(flags_on(german, "candidate", second)) <= SEV["minor"]


@pytest.mark.parametrize("heading", ["Putin's visit to North Korea", "Reaction of the Kremlin", "Support for Russia"])
def test_german_added_headings_at_most_minor(german: dict[str, Any], seeds: dict[str, str], heading: str) -> None:
    idx, _ = sentences_with(german, "candidate", seeds["german_roundtrip"], heading)
    assert worst(flags_on(german, "candidate", idx)) <= SEV["minor"]


@pytest.mark.parametrize("needle", ["Transparenz: Redaktionell erstellt und geprüft.", "Veröffentlicht am"])
def test_german_furniture_is_boilerplate_or_untranslated(german: dict[str, Any], seeds: dict[str, str],
                                                         needle: str) -> None:
    idx, _ = sentences_with(german, "candidate", seeds["german_roundtrip"], needle)
    kinds = {s["kind"] for s in german["candidate"]["sentences"] if s["index"] in idx}
    assert "boilerplate" in kinds or flags_on(german, "candidate", idx, "untranslated")


def test_german_relation(german: dict[str, Any]) -> None:
    assert german["summary"]["relation"] in ("translation", "rewrite")


# -- paraphrase -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def paraphrase(seed_reports: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return seed_reports["paraphrase_rewrite"]


def test_paraphrase_weekly_flagged(paraphrase: dict[str, Any], seeds: dict[str, str]) -> None:
    assert_flagged(paraphrase, seeds["paraphrase_rewrite"], "weekly video update", "weekly", "minor")


@pytest.mark.parametrize("needle", ["World Council of Europe", "The European Union has expressed its concern"])
def test_paraphrase_invented_paragraph_is_major_addition(paraphrase: dict[str, Any], seeds: dict[str, str],
                                                         needle: str) -> None:
    assert_flagged(paraphrase, seeds["paraphrase_rewrite"], needle, None, "major", category="addition")


@pytest.mark.parametrize(
    "needle",
    [
        "marking the first such visit in over two decades",
        "The two pariah nations have strengthened their ties",
        "was being elevated to a",
    ],
)
def test_paraphrase_faithful_sentences_not_major(paraphrase: dict[str, Any], seeds: dict[str, str],
                                                 needle: str) -> None:
    idx, _ = sentences_with(paraphrase, "candidate", seeds["paraphrase_rewrite"], needle)
    flags = flags_on(paraphrase, "candidate", idx)
    assert worst(flags) <= SEV["minor"], [(f["category"], f["severity"], f["message"][:120]) for f in flags]


def test_paraphrase_coverage(paraphrase: dict[str, Any]) -> None:
    assert paraphrase["summary"]["coverage"]["original"] >= 0.75


# -- related articles on the same story ---------------------------------------------------------


def test_euronews_is_another_report_on_the_story_and_not_audited(seed_reports: dict[str, dict[str, Any]]) -> None:
    report = seed_reports["euronews_related"]
    assert report["summary"]["coverage"]["original"] <= 0.3
    assert report["summary"]["relation"] == "unrelated_same_topic"
    assert "not audited" in report["summary"]["relation_reason"]
    assert not [f for f in report["flags"] if SEV[f["severity"]] >= SEV["major"]]


def test_paraphrase_is_a_rewrite(seed_reports: dict[str, dict[str, Any]]) -> None:
    assert seed_reports["paraphrase_rewrite"]["summary"]["relation"] == "rewrite"


def test_euromaidan_partial_reuse(seed_reports: dict[str, dict[str, Any]], seeds: dict[str, str]) -> None:
    report = seed_reports["euromaidan_related"]
    assert report["summary"]["relation"] == "partial_reuse"
    assert report["summary"]["coverage"]["original"] <= 0.4
    # The statement both articles quote is aligned.
    cidx, _ = sentences_with(report, "candidate", seeds["euromaidan_related"], "join the occupier")
    oidx, _ = sentences_with(report, "original", seeds["cnn_original"], "occupying military forces")
    assert any(cidx.intersection(link["candidate"]) and oidx.intersection(link["original"])
               for link in report["links"])


# -- identity -------------------------------------------------------------------------------------


def test_identical_texts(seed_reports: dict[str, dict[str, Any]]) -> None:
    report = seed_reports["cnn_original"]
    assert all(f["severity"] == "ok" for f in report["flags"]), [f["message"] for f in report["flags"]]
    assert report["summary"]["coverage"] == {"original": 1.0, "candidate": 1.0}
    assert report["summary"]["worst_severity"] == "ok"
    assert report["summary"]["relation"] == "translation"
    for link in report["links"]:
        assert link["original"] == link["candidate"]
        assert link["similarity"] >= 0.99


# -- small hand-written pairs -----------------------------------------------------------------------

ORIGINAL = """Floods hit the coastal town

The storm arrived late on Tuesday and flooded hundreds of homes along the coast, officials said.

Emergency crews rescued 20 people from the roofs of their houses during the night.

The mayor said the town would ask the national government for emergency funds this week.
"""


def test_changed_number_is_flagged(auditor: Auditor) -> None:
    candidate = ORIGINAL.replace("rescued 20 people", "rescued 30 people")
    report = auditor.audit(ORIGINAL, candidate).to_dict()
    check_contract(report, ORIGINAL, candidate)
    check_every_sentence_accounted_for(report)
    assert_flagged(report, candidate, "rescued 30 people", "30", "major", category="number")
    others = [f for f in report["flags"] if f["category"] == "number" and "30" not in {sp["text"] for sp in f["spans"]}]
    assert not [f for f in others if SEV[f["severity"]] >= SEV["major"]]


def test_a_number_the_candidate_adds_is_shown_minor(auditor: Auditor) -> None:
    original = ORIGINAL.replace("the night.", "the night. Police said people were injured in the collapse.")
    candidate = original.replace("people were injured", "12 people were injured")
    report = auditor.audit(original, candidate).to_dict()
    check_contract(report, original, candidate)
    # shown even where the sentence otherwise reads the same, but not major: it may make explicit what
    # the original implies
    assert_flagged(report, candidate, "12 people were injured", "12", "minor", category="number")
    assert not [f for f in report["flags"] if SEV[f["severity"]] >= SEV["major"]]


def test_a_changed_gender_is_flagged_major(auditor: Auditor) -> None:
    original = ORIGINAL.replace("this week.", "this week.\n\nThe mayor said she had asked for help twice.")
    candidate = original.replace("she had asked", "he had asked")
    report = auditor.audit(original, candidate).to_dict()
    check_contract(report, original, candidate)
    assert_flagged(report, candidate, "he had asked", "he", "major", category="entity")


def test_daily_to_weekly_is_flagged_in_a_pair(auditor: Auditor) -> None:
    extra = "The mayor gives a daily briefing on the recovery work to residents."
    original = ORIGINAL.replace("this week.", f"this week.\n\n{extra}")
    candidate = original.replace("daily briefing", "weekly briefing")
    report = auditor.audit(original, candidate).to_dict()
    check_contract(report, original, candidate)
    assert_flagged(report, candidate, "weekly briefing", "weekly", "minor")


def test_added_sentence_is_an_addition(auditor: Auditor) -> None:
    extra = "A famous football club has offered to pay for a new stadium on the beach next summer."
    candidate = ORIGINAL + "\n" + extra + "\n"
    report = auditor.audit(ORIGINAL, candidate).to_dict()
    check_every_sentence_accounted_for(report)
    assert_flagged(report, candidate, extra, None, "major", category="addition")


def test_dropped_sentence_is_an_omission(auditor: Auditor) -> None:
    dropped = "Emergency crews rescued 20 people from the roofs of their houses during the night."
    candidate = ORIGINAL.replace(dropped + "\n\n", "")
    report = auditor.audit(ORIGINAL, candidate).to_dict()
    check_every_sentence_accounted_for(report)
    idx, _ = sentences_with(report, "original", ORIGINAL, dropped)
    omissions = flags_on(report, "original", idx, "omission")
    assert worst(omissions) >= SEV["major"]
    assert report["summary"]["coverage"]["original"] < 1.0


def test_html_candidate_offsets(auditor: Auditor) -> None:
    paragraphs = [line for line in ORIGINAL.splitlines()[1:] if line.strip()]
    html = ("<!doctype html><html><head><title>Floods hit the coastal town</title></head><body>"
            "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>Floods hit the coastal town</h1>"
            + "".join(f"<p>{p}</p>" for p in paragraphs) + "</article><footer>Privacy policy</footer></body></html>")
    report = auditor.audit(ORIGINAL, html).to_dict()
    assert report["candidate"]["format"] == "html"
    check_contract(report, ORIGINAL, html)
    assert report["summary"]["coverage"]["original"] == 1.0
    assert report["summary"]["worst_severity"] in ("ok", "minor")


def test_prepare_refuses_empty_and_furniture_only(auditor: Auditor) -> None:
    with pytest.raises(EmptyInput):
        auditor.audit("   \n", ORIGINAL)
    with pytest.raises(EmptyInput):
        auditor.audit(ORIGINAL, "")


def test_prepare_refuses_too_large(auditor: Auditor) -> None:
    from dataclasses import replace

    from scoring.config import Limits

    small = Auditor(replace(auditor.config, limits=Limits(max_chars=100)), embedder=auditor.embedder)
    with pytest.raises(InputTooLarge):
        small.audit(ORIGINAL, ORIGINAL)


# -- match ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("candidate", ["german_roundtrip", "paraphrase_rewrite"])
def test_match_finds_the_original(auditor: Auditor, seeds: dict[str, str], candidate: str) -> None:
    corpus = {k: seeds[k] for k in ("euronews_related", "cnn_original", "euromaidan_related")}
    result = auditor.match(seeds[candidate], corpus)
    matches = result["matches"]
    assert {m["id"] for m in matches} == set(corpus)
    assert matches[0]["id"] == "cnn_original"
    assert matches[0]["likely"] is True
    assert [m["score"] for m in matches] == sorted((m["score"] for m in matches), reverse=True)
    assert [m["id"] for m in matches if m["likely"]] == ["cnn_original"]


def test_match_nothing_likely_for_a_different_report(auditor: Auditor, seeds: dict[str, str]) -> None:
    corpus = {k: seeds[k] for k in ("cnn_original", "euromaidan_related")}
    result = auditor.match(seeds["euronews_related"], corpus)
    assert len(result["matches"]) == 2
    assert not [m["id"] for m in result["matches"] if m["likely"]]


def test_match_reports_bad_originals(auditor: Auditor, seeds: dict[str, str]) -> None:
    result = auditor.match(seeds["german_roundtrip"], {"cnn": seeds["cnn_original"], "empty": "  "})
    assert "empty" in result["errors"]
    assert [m["id"] for m in result["matches"]] == ["cnn"]


# -- audit_many ---------------------------------------------------------------------------------------


def test_audit_many_in_order_with_errors(auditor: Auditor) -> None:
    changed = ORIGINAL.replace("rescued 20 people", "rescued 30 people")
    pairs = [
        ("a", ORIGINAL, ORIGINAL),
        ("b", ORIGINAL, ""),
        ("c", ORIGINAL, changed),
        ("d", "   ", ORIGINAL),
        ("e", ORIGINAL, ORIGINAL.replace("Tuesday", "Wednesday")),
    ]
    done: list[int] = []
    results = list(auditor.audit_many(pairs, chunk=2, on_done=done.append))
    assert [item_id for item_id, _ in results] == ["a", "b", "c", "d", "e"]
    assert isinstance(results[1][1], DriftauditError) and isinstance(results[3][1], DriftauditError)
    for k in (0, 2, 4):
        assert isinstance(results[k][1], Report)
    assert sum(done) == len(pairs)
    # Batched audits equal one-by-one audits.
    assert results[2][1] == auditor.audit(ORIGINAL, changed)
    assert results[0][1].summary.worst_severity == "ok"  # type: ignore[union-attr]


def test_an_original_audited_again_is_prepared_once(auditor: Auditor) -> None:
    first = auditor.audit(ORIGINAL, ORIGINAL.replace("20 people", "30 people")).to_dict()
    assert auditor.prepare(ORIGINAL) is auditor.prepare(ORIGINAL, "another name")
    again = auditor.audit(ORIGINAL, ORIGINAL.replace("20 people", "30 people")).to_dict()
    assert again == first  # the cached document gives the same report
    kept = auditor.prepare(ORIGINAL)
    auditor.clear_cache()
    assert auditor.prepare(ORIGINAL) is not kept
    assert auditor.prepare(ORIGINAL).document == kept.document


def test_a_finding_seen_twice_is_reported_at_its_worst(auditor: Any) -> None:
    """Two checks may flag one word ("One" is a number the original lacks, and an amount
    of the group that differs): the flag left standing is the more severe one."""
    report = auditor.audit("Both candidates in the presidential run-off rejected the exit poll results.",
                           "One of the candidates in the presidential run-off rejected the exit poll results.").to_dict()
    on_one = [f for f in report["flags"] if f["category"] == "number" and [s["text"] for s in f["spans"]] == ["One"]]
    assert [f["severity"] for f in on_one] == ["major"]


def test_a_word_a_check_reports_as_left_out_is_not_listed_again(auditor: Any) -> None:
    report = auditor.audit("The former minister partially destroyed the records on Friday.",
                           "The minister destroyed the records on Friday.").to_dict()
    left_out = [sp["text"] for f in report["flags"] if f["side"] == "original" and f["category"] == "omission"
                for sp in f["spans"]]
    assert sorted(left_out) == ["former", "partially"]


def test_an_article_of_alike_sentences_audited_against_itself_is_clean(auditor: Any) -> None:
    """Forty sentences that differ only in their numbers: each is close to all the others,
    so margins over the background are small for all; the audit of the text against itself
    is still a translation with no flag, and one number changed is the one flag."""
    scores = [41, 19, 50, 83, 6, 9, 68, 12, 77, 30] * 4
    sentences = [f"In round {i}, the team scored {n} points." for i, n in enumerate(scores)]
    text = " ".join(sentences)
    same = auditor.audit(text, text).to_dict()
    assert same["summary"]["relation"] == "translation"
    assert same["flags"] == []
    changed = " ".join(s.replace("scored 83", "scored 38") if k == 23 else s for k, s in enumerate(sentences))
    report = auditor.audit(text, changed).to_dict()
    assert [(f["category"], f["severity"], [sp["text"] for sp in f["spans"]]) for f in report["flags"]] == \
        [("number", "major", ["38"])]


def test_phrasal_verbs_for_their_one_word_synonyms_are_not_flagged(auditor: Any) -> None:
    original = ("The Harwick Gallery has postponed its autumn retrospective of the painter Elena Marsh after several "
                "loans from private collectors in Geneva were delayed by insurance disputes.")
    candidate = ("The Harwick Gallery has put back its autumn retrospective of painter Elena Marsh because a number "
                 "of loans from private collectors in Geneva were held up by insurance disagreements.")
    flags = auditor.audit(original, candidate).to_dict()["flags"]
    assert [f for f in flags if f["severity"] in ("major", "critical")] == []
    left_out = " ".join(s["text"] for f in flags if f["side"] == "original" for s in f["spans"])
    assert "postponed" not in left_out and "delayed" not in left_out
