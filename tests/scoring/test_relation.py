"""How the documents relate, from the links: coverage, carried-over sentences, topic."""

from __future__ import annotations

import pytest

from scoring.config import Thresholds
from scoring.relation import coverage, relate, reuse_stretches
from scoring.types import Document, Link, Sentence

T = Thresholds()


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


def ten() -> Document:
    return _doc([("content", 10)] * 10)


def one_to_one(indices: range, similarity: float) -> list[Link]:
    return [Link((k,), (k,), similarity) for k in indices]


def test_all_linked_and_close_is_a_translation() -> None:
    rel = relate(ten(), ten(), one_to_one(range(10), 0.9), 0.9, T)
    assert rel.kind == "translation" and len(rel.links) == 10


def test_dropped_sentences_make_a_rewrite() -> None:
    rel = relate(ten(), ten(), one_to_one(range(8), 0.9), 0.9, T)
    assert rel.kind == "rewrite" and "80%" in rel.reason


def test_a_loose_translation_of_every_sentence_is_still_a_translation() -> None:
    assert relate(ten(), ten(), one_to_one(range(10), 0.7), 0.9, T).kind == "translation"


def test_a_carried_over_stretch_is_partial_reuse_audited_only_there() -> None:
    links = [Link((0,), (0,), 0.72), Link((4,), (3,), 0.8), Link((5,), (4,), 0.97), Link((6,), (5,), 0.75),
             Link((9,), (9,), 0.71)]
    rel = relate(ten(), ten(), links, 0.8, T)
    assert rel.kind == "partial_reuse"
    assert [link.original for link in rel.links] == [(4,), (5,), (6,)]


def test_same_topic_without_a_carried_over_sentence_is_not_audited() -> None:
    rel = relate(ten(), ten(), one_to_one(range(3), 0.8), 0.7, T)
    assert rel.kind == "unrelated_same_topic" and rel.links == ()
    assert "not audited" in rel.reason


def test_different_topic_is_unrelated() -> None:
    rel = relate(ten(), ten(), [], 0.1, T)
    assert rel.kind == "unrelated" and rel.links == ()


def test_reuse_stretch_breaks_at_gaps() -> None:
    links = [Link((0,), (0,), 0.95), Link((1,), (1,), 0.8), Link((6,), (6,), 0.8)]
    assert [link.original for link in reuse_stretches(links, T)] == [(0,), (1,)]
