"""Hostile input: every stage linear in its input, clear errors, nothing unbounded.

The timing properties compare the same adversarial pattern at two sizes: four times
the input may take at most eight times as long (a quadratic stage takes sixteen; the
margin is for a shared machine). Each size is timed five times and the fastest run
counts, so that a busy moment does not decide the result."""

from __future__ import annotations

import gc
import random
import time
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.checks import check_link
from scoring.clean import check_text, clean, mask_tags
from scoring.config import AuditConfig, Limits, MetricSettings
from scoring.errors import AuditTooLong, EncodingProblem
from scoring.score import lexical_scores
from scoring.segment import MAX_SENTENCE_CHARS, segment
from scoring.ter import word_edit_distance

SIZE = 20_000
RATIO = 8.0


def fastest(fn: Callable[[], object], runs: int = 5) -> float:
    """The fastest of `runs` timings, with the cyclic garbage collector off while timing (as
    `timeit` does): a collection walks the whole heap of the test process, whatever the stage."""
    best = float("inf")
    for _ in range(runs):
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            fn()
            best = min(best, time.perf_counter() - start)
        finally:
            gc.enable()
    return best


def grows_linearly(make: Callable[[int], str], stage: Callable[[str], object]) -> tuple[float, float]:
    small, large = make(SIZE), make(4 * SIZE)
    return fastest(lambda: stage(small)), fastest(lambda: stage(large))


def words(n: int) -> str:
    rng = random.Random(n)
    return " ".join(rng.choice(["alpha", "Beta", "gamma", "Kyiv", "said", "the", "of", "North"]) for _ in range(n // 5))


PATTERNS: dict[str, Callable[[int], str]] = {
    "one long sentence": lambda n: words(n)[:n],
    "initials": lambda n: "A. " * (n // 3),
    "unclosed comments": lambda n: "text <!--" * (n // 9),
    "open tags": lambda n: "word <b" * (n // 7),
    "runs of spaces": lambda n: "word" + " " * n + "word. Another one.",
    "dots": lambda n: "Start " + "." * n + " End.",
    "capitalised words": lambda n: ("Photo Agency " * (n // 13))[:n],
    "lines": lambda n: "a line\n" * (n // 7),
    "quotes and stops": lambda n: "'. \"" * (n // 4) + "End.",
}


def clean_and_segment(text: str) -> object:
    return segment(clean(text))


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_cleaning_and_segmentation_are_linear(name: str) -> None:
    small, large = grows_linearly(PATTERNS[name], clean_and_segment)
    assert large <= RATIO * max(small, 0.005), f"{name}: {small:.4f} s -> {large:.4f} s for 4x the input"


@settings(max_examples=8, deadline=None)
@given(st.lists(st.sampled_from(["A. ", "<!--", "<p>", " ", ".", "\n", "Kyiv ", "U.S. ", "'", "(", "-->", "word "]),
                min_size=1, max_size=4))
def test_any_repeated_pattern_cleans_and_segments_linearly(pieces: list[str]) -> None:
    unit = "".join(pieces) + "x "

    def make(n: int) -> str:
        return unit * (n // len(unit))

    small, large = grows_linearly(make, lambda t: clean_and_segment(t) if any(c.isalnum() for c in t) else None)
    assert large <= RATIO * max(small, 0.005), (unit, small, large)


def test_the_checks_are_linear_on_long_windows() -> None:
    def stage(text: str) -> object:
        return check_link(text, text.replace("alpha", "beta"), 50.0)

    small, large = grows_linearly(lambda n: words(n)[:n] + "." + " " * n + "not " * (n // 40), stage)
    assert large <= RATIO * max(small, 0.005), (small, large)


def test_the_checks_are_linear_on_windows_full_of_amounts() -> None:
    """Numbers with units, times of day, shares, amounts of a group, opposites, names,
    qualifiers, verbs, clauses, roles, counts and units, codes, insults, tones, persons, kinds,
    comparisons and lost negations, thousands of each: every lookup between the two windows stays linear."""
    pieces = ["5 km", "at 6 p.m.", "18:00", "three in 10", "all", "most", "rose", "fell", "than", "against",
              "Joe Smith", "not", "unlikely", "alleged", "former", "12 kg", "half an hour", "the", "said", "2,000",
              "acknowledged", ", although wages fell,", "which", "officers", "in the 1990s", "since 2022",
              "Argentina beat France", "was questioned by", "the son of", "sharply", "were arrested",
              "one tablet", "ten tablets", "48 hours", "48 days", "5 mg", "BRCA1", "BRCA2", "F-16", "idiot", "praised",
              "insulted", "premenopausal", "postmenopausal", "I slept", "he slept", "you know,", "three hundred and forty",
              "nineteen eighty-six", ".41", "children", "adults", "mice", "may have", "more with A than with B",
              "8% in the first arm", "did not reduce", "wouldn't"]

    def make(n: int, seed: int = 1) -> str:
        rng = random.Random(seed)
        return " ".join(rng.choice(pieces) for _ in range(n // 6))

    small, large = grows_linearly(make, lambda text: check_link(text, make(len(text), 2), 80.0, text))
    assert large <= RATIO * max(small, 0.005), (small, large)


def test_a_sentence_of_200000_characters_is_cut_into_bounded_pieces() -> None:
    text = words(250_000)[:200_000] + "."
    doc = segment(clean(text))
    assert len(doc.sentences) >= 200_000 // MAX_SENTENCE_CHARS
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in doc.sentences)
    assert all(doc.text[s.start : s.end] == s.text for s in doc.sentences)
    assert doc.sentences[0].start == 0 and doc.sentences[-1].end == len(text)


def test_mask_tags_keeps_offsets_and_leaves_unclosed_comments() -> None:
    text = "a <!-- hidden --> b <i>c</i> <!-- open " + "<!--" * 50
    masked = mask_tags(text)
    assert len(masked) == len(text)
    assert "hidden" not in masked and "<i>" not in masked and masked.endswith("<!--" * 50)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from("abcde"), max_size=30), st.lists(st.sampled_from("abcde"), max_size=30))
def test_word_edit_distance_is_levenshtein(hyp: list[str], ref: list[str]) -> None:
    table = list(range(len(ref) + 1))
    for i, h in enumerate(hyp, 1):
        previous, table[0] = table[0], i
        for j, r in enumerate(ref, 1):
            previous, table[j] = table[j], min(table[j] + 1, table[j - 1] + 1, previous + (h != r))
    assert word_edit_distance(hyp, ref) == table[-1]


def test_ter_on_very_long_windows_is_bounded() -> None:
    original = words(60_000)
    candidate = original.replace("alpha", "delta")
    n = len(original.split())
    assert n > MetricSettings().ter_max_words * 10
    start = time.perf_counter()
    chrf, _, ter = lexical_scores(original, candidate, MetricSettings())
    assert time.perf_counter() - start < 20
    assert 0 < ter < 100 and chrf > 50


def test_lone_surrogate_is_an_encoding_error() -> None:
    with pytest.raises(EncodingProblem, match="lone surrogate"):
        check_text("a text with \ud800 in it", name="candidate")


def test_an_audit_past_its_time_budget_stops_cleanly(auditor: object) -> None:
    from scoring.pipeline import Auditor

    rushed = Auditor(AuditConfig(limits=Limits(max_audit_seconds=0.0)), auditor.embedder)  # type: ignore[attr-defined]
    with pytest.raises(AuditTooLong, match="longer than 0 s"):
        rushed.audit("The council met on Monday. It approved the plan.", "The council met on Monday. It passed the plan.")
