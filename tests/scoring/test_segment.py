"""Stage 2, segment: exact offsets, abbreviations, quotes, bullets."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring.clean import clean
from scoring.segment import segment, split_spans
from scoring.types import Document

from ..conftest import SEED_NAMES


def check_offsets(doc: Document) -> None:
    last_end = 0
    for k, s in enumerate(doc.sentences):
        assert s.index == k
        assert doc.text[s.start : s.end] == s.text
        assert s.text.strip(), "empty sentence"
        assert s.text == s.text.strip()
        assert s.start >= last_end, "sentences overlap or are out of order"
        last_end = s.end


def sentences_of(text: str) -> list[str]:
    return [text[s:e] for s, e in split_spans(text, 0, len(text))]


@pytest.mark.parametrize("name", SEED_NAMES)
def test_seed_offsets(seeds: dict[str, str], name: str) -> None:
    doc = segment(clean(seeds[name]))
    assert doc.text == seeds[name]
    check_offsets(doc)
    assert any(s.kind == "content" for s in doc.sentences)


def test_seed_quote_split(seeds: dict[str, str]) -> None:
    """The quoted statement of the CNN article is three sentences, quotes kept with them."""
    doc = segment(clean(seeds["cnn_original"]))
    texts = [s.text for s in doc.sentences]
    assert "It is no longer just about transferring weapons." in texts
    assert any(t.startswith("It is actually about transferring people") and t.endswith("forces.”") for t in texts)


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Smith met Dr. Jones in London on Monday to discuss the plan.",
        "The U.S. State Department said the talks would continue next week.",
        "Warner Bros. Discovery said the film would open in March.",
        "The U.K. and the U.S. Army held joint drills near the border.",
        "Prof. Alan B. Turing gave the lecture at St. Mary's College.",
    ],
)
def test_abbreviations_do_not_split(text: str) -> None:
    assert sentences_of(text) == [text]


def test_abbreviation_then_sentence() -> None:
    text = "He met Mr. Smith on Monday. Dr. Jones was not there. The meeting ended early."
    assert sentences_of(text) == ["He met Mr. Smith on Monday.", "Dr. Jones was not there.", "The meeting ended early."]


def test_curly_quotes_spanning_sentences() -> None:
    text = ("The president said: “We see an increasing alliance. It is no longer about weapons.” "
            "Then he left the room.")
    assert sentences_of(text) == [
        "The president said: “We see an increasing alliance.",
        "It is no longer about weapons.”",
        "Then he left the room.",
    ]


def test_quote_opening_a_sentence() -> None:
    text = "The talks ended. “We will return,” the minister said. ‘Soon,’ he added."
    assert sentences_of(text) == ["The talks ended.", "“We will return,” the minister said.", "‘Soon,’ he added."]


def test_other_terminal_marks() -> None:
    text = "Is this the end? No! It is only the beginning… The story goes on."
    assert sentences_of(text) == ["Is this the end?", "No!", "It is only the beginning…", "The story goes on."]


def test_lowercase_after_period_does_not_split() -> None:
    text = "The price rose to 3.5 percent. it was not expected by anyone."
    assert len(sentences_of(text)) == 1


def test_bullets_are_stripped() -> None:
    text = ("The agency listed the measures it wants the government to take before the winter.\n"
            "• Build new flood walls along the harbour front this year.\n"
            "- Move families away from the lowest streets near the river.\n"
            "1. Pay for repairs to the damaged homes without delay.\n"
            "The government has not yet answered the agency's letter, officials said.\n")
    doc = segment(clean(text))
    check_offsets(doc)
    texts = [s.text for s in doc.sentences]
    assert "Build new flood walls along the harbour front this year." in texts
    assert "Move families away from the lowest streets near the river." in texts
    assert "Pay for repairs to the damaged homes without delay." in texts
    for t in texts:
        assert not t.startswith(("•", "-", "1.")), t


def test_heading_is_one_sentence() -> None:
    text = ("Storm floods the town\n\n"
            "The storm arrived late on Tuesday and flooded hundreds of homes along the coast.\n\n"
            "Emergency crews worked through the night to move families to shelters on higher ground.\n")
    doc = segment(clean(text))
    check_offsets(doc)
    assert doc.sentences[0].text == "Storm floods the town"
    assert doc.sentences[0].kind == "heading"


# -- property tests -------------------------------------------------------------------

WORDS = ["army", "river", "report", "talks", "said", "the", "minister", "border", "city", "on", "week", "troops",
         "officials", "weapons", "alliance", "Moscow", "Kyiv", "Sunday", "new", "support", "more", "with", "of"]
OPENERS = ["The", "Officials", "Russia", "Troops", "Ukraine", "Nobody", "Three", "It", "We", "Western", "In", "After"]

word = st.sampled_from(WORDS)


@st.composite
def sentence(draw: st.DrawFn) -> str:
    body = " ".join([draw(st.sampled_from(OPENERS)), *draw(st.lists(word, min_size=1, max_size=9))])
    body += draw(st.sampled_from([".", "!", "?", ".", "."]))
    style = draw(st.sampled_from(["plain", "plain", "curly", "straight", "number"]))
    if style == "curly":
        return f"“{body}”"
    if style == "straight":
        return f'"{body}"'
    if style == "number":
        return body[:-1] + f" {draw(st.integers(0, 10_000)):,}" + body[-1]
    return body


separator = st.sampled_from([" ", "  ", "\n", " \n", "\n\n", "\t"])


@st.composite
def joined(draw: st.DrawFn) -> tuple[list[str], str]:
    parts = draw(st.lists(sentence(), min_size=1, max_size=8))
    seps = [draw(separator) for _ in parts[1:]]
    lead, trail = draw(st.sampled_from(["", " ", "\n"])), draw(st.sampled_from(["", "\n", " \n"]))
    text = lead + parts[0] + "".join(sep + p for sep, p in zip(seps, parts[1:], strict=True)) + trail
    return parts, text


@settings(max_examples=150, deadline=None)
@given(joined())
def test_split_recovers_generated_sentences(case: tuple[list[str], str]) -> None:
    parts, text = case
    assert sentences_of(text) == parts


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(joined())
def test_segment_offsets_property(case: tuple[list[str], str]) -> None:
    _, text = case
    doc = segment(clean(text))
    assert doc.text == text
    check_offsets(doc)
    assert doc.sentences
