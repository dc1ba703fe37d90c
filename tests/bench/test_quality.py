"""The quality benchmark's generators and metrics (no model needed)."""

from __future__ import annotations

from collections import Counter

import pytest

from bench.quality import metrics
from bench.quality.bertalign_runner import overlaps
from bench.quality.documents import build_docs
from bench.quality.perturb import ERROR_TYPES, LABELS, build_items, render, story_splits


@pytest.fixture(scope="module")
def items():  # type: ignore[no-untyped-def]
    return build_items()


def test_items_are_many_reproducible_and_labelled(items) -> None:  # type: ignore[no-untyped-def]
    assert len(items) >= 500
    assert items == build_items()
    assert build_items(seed=7) != items
    assert len({i.id for i in items}) == len(items)
    assert {i.label for i in items} <= set(LABELS)
    counts = Counter(i.type for i in items)
    assert set(counts) == set(ERROR_TYPES)
    assert all(n >= 15 for n in counts.values()), counts


def test_spans_point_at_the_error(items) -> None:  # type: ignore[no-untyped-def]
    for i in items:
        if i.span is None:
            continue
        start, end = i.span
        assert 0 <= start < end <= len(i.candidate), i
        changed = i.candidate[start:end]
        assert changed == changed.strip() and changed[0].isalnum() and changed[-1].isalnum(), i
        if i.type in ("number", "date/time", "substitution", "antonym") or i.type.startswith("entity"):
            assert f"'{changed}'" in i.note, i  # the note names the new text


def test_error_items_differ_from_the_faithful_rewrite(items) -> None:  # type: ignore[no-untyped-def]
    faithful = {i.base: i.candidate for i in items if i.type == "faithful"}
    for i in items:
        assert i.type == "faithful" or i.candidate != faithful[i.base], i


def test_split_by_story(items) -> None:  # type: ignore[no-untyped-def]
    splits = story_splits()
    assert set(splits.values()) == {"dev", "test"}
    by_base: dict[str, set[str]] = {}
    for i in items:
        assert i.split == splits[i.story]
        by_base.setdefault(i.base, set()).add(i.split)
    assert all(len(s) == 1 for s in by_base.values())


def test_render_markup() -> None:
    text = "The plan passed[, ending a long debate]."
    assert render(text) == ("The plan passed, ending a long debate.", (15, 37))
    assert render(text, None) == ("The plan passed.", (15, 15))
    assert render(text, ", fin") == ("The plan passed, fin.", (15, 20))


def test_documents_gold_covers_every_sentence_once() -> None:
    docs = build_docs()
    assert len(docs) == 39 and docs == build_docs()
    kinds = Counter(d.kind for d in docs)
    assert set(kinds.values()) == {13}
    for d in docs:
        o_seen = sorted(i for src, _ in d.gold for i in src)
        c_seen = sorted(j for _, tgt in d.gold for j in tgt)
        assert o_seen == list(range(len(d.original_sentences))), d.id
        assert c_seen == list(range(len(d.candidate_sentences))), d.id
        for (s, e), sentence in zip(d.candidate_spans, d.candidate_sentences, strict=True):
            assert d.candidate[s:e] == sentence
        assert all(((i,), ()) in d.gold for i in d.omitted)
        assert all(((), (j,)) in d.gold for j in (*d.added, *d.headings))
    edits = Counter(e for d in docs for e in d.edits)
    assert all(edits[e] >= 13 for e in ("drop", "invent", "heading", "merge", "split", "move")), edits
    assert any(len(src) == 2 for d in docs for src, _ in d.gold)  # merges
    assert any(len(tgt) == 2 for d in docs for _, tgt in d.gold)  # splits


def test_roc_auc() -> None:
    assert metrics.roc_auc([3, 4], [1, 2]) == 1.0
    assert metrics.roc_auc([1, 2], [3, 4]) == 0.0
    assert metrics.roc_auc([1, 1], [1, 1]) == 0.5
    assert metrics.roc_auc([2, 3], [1, 3]) == pytest.approx(0.625)  # 2.5 of 4 pairs


def test_prf_and_thresholds() -> None:
    counts = metrics.prf([True, True, False, False], [True, False, True, False])
    assert (counts.tp, counts.fp, counts.fn) == (1, 1, 1)
    assert counts.f1 == pytest.approx(0.5)
    assert metrics.best_threshold([0.1, 0.2, 0.8, 0.9], [False, False, True, True]) == 0.8
    assert metrics.best_threshold([0.1, 0.2, 0.8, 0.9], [False, False, True, True], "f1") == 0.8


def test_span_f1() -> None:
    assert metrics.span_counts([(0, 5), (3, 8)], (5, 10)) == (3, 8, 5)
    p, r, f = metrics.span_f1([(3, 8, 5), (0, 0, 4)])
    assert (p, r) == (pytest.approx(3 / 8), pytest.approx(3 / 9))
    assert f == pytest.approx(2 * p * r / (p + r))


def test_alignment_scores_follow_vecalign() -> None:
    gold = [((0,), (0,)), ((1, 2), (1,)), ((3,), ()), ((), (2,))]
    assert metrics.alignment_scores([gold], [gold])["f1_strict"] == 1.0
    # A 1-1 where gold has 2-1, and the 2 left unaligned: strict precision 3/5 (0-0, the
    # deletion of 3 and the insertion of 2 are exact), lax also counts the partial 1-1;
    # recall ignores insertions and deletions.
    test = [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), ()), ((), (2,))]
    scores = metrics.alignment_scores([gold], [test])
    assert scores["precision_strict"] == pytest.approx(3 / 5)
    assert scores["precision_lax"] == pytest.approx(4 / 5)
    assert scores["recall_strict"] == pytest.approx(1 / 2)
    assert scores["recall_lax"] == pytest.approx(1.0)


def test_bertalign_overlap_layout() -> None:
    assert overlaps(["a", "b", "c"], 2) == ["a", "b", "c", "PAD", "a b", "b c"]
    assert overlaps(["a", ""], 3) == ["a", "BLANK_LINE", "PAD", "a BLANK_LINE", "PAD", "PAD"]


def test_review_sets_are_well_formed() -> None:
    """Every review pair is labelled, and an error names where it is: its words stand on
    the side they are said to, or a category is given."""
    import json

    from bench.quality import reviews

    assert {p.stem for p in reviews.SETS} == {"names", "amounts", "words", "clauses", "modifiers", "mixed", "abstracts",
                                              "talks", "markets", "courts", "sports", "science", "conflict", "tech",
                                              "local", "health", "politics", "disasters", "culture", "education",
                                              "transport", "energy", "housing", "farming",
                                              "weather", "defence", "retail", "arts", "justice", "labour",
                                              "migration", "media", "wildlife", "space", "tourism", "banking",
                                              "crime", "diplomacy", "property", "aviation", "mining",
                                              "shipping", "elections", "insurance", "telecoms",
                                              "pharma", "utilities", "automotive", "food", "fashion", "gaming"}
    for path in reviews.SETS:
        items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        assert len({i["id"] for i in items}) == len(items)
        labels = {i["label"] for i in items}
        assert labels == {"ok", "major"}, path
        for i in items:
            if i["label"] == "major" and "category" not in i:
                where = i["original"] if i.get("side") == "original" else i["candidate"]
                assert i["error_span"] and i["error_span"] in where, (path.stem, i["id"])


def test_a_review_error_is_caught_only_by_a_major_flag_on_its_words() -> None:
    from bench.quality.reviews import caught

    item = {"error_span": "10 a.m.", "label": "major"}
    flag = {"side": "candidate", "category": "number", "severity": "major", "spans": [{"text": "10 a.m."}]}
    assert caught(item, [flag])
    assert not caught(item, [{**flag, "severity": "minor"}])
    assert not caught(item, [{**flag, "spans": [{"text": "Sunday"}]}])
    assert not caught({**item, "side": "original"}, [flag])
    assert caught({"category": "entity", "label": "major"}, [{**flag, "category": "entity"}])


def test_a_candidate_flag_covers_the_original_words_it_points_at() -> None:
    from bench.quality.reviews import caught

    item = {"error_span": "not", "side": "original", "label": "major"}
    flag = {"side": "candidate", "category": "negation", "severity": "critical", "spans": [{"text": "send"}],
            "original_spans": [{"text": "not"}]}
    assert caught(item, [flag])
    assert not caught(item, [{**flag, "original_spans": []}])
    assert not caught(item, [{**flag, "severity": "minor"}])
