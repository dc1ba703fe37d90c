"""Stage 5, score: the fast TER matches sacrebleu's; names and batching helpers."""

from __future__ import annotations

import random
from itertools import pairwise
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sacrebleu.metrics import TER
from sacrebleu.metrics.lib_ter import translation_edit_rate as sacrebleu_edit_rate

from scoring.checks import DocumentNames, same_word, tokens
from scoring.config import MetricSettings
from scoring.embed import BATCH_MAX_ATTENTION_CELLS, length_batches
from scoring.score import abbreviated, continuation, lexical_scores
from scoring.ter import translation_edit_rate
from scoring.types import Span

PAIRS = [
    ("The Kremlin rejected the allegations on Thursday.", "On Thursday the Kremlin denied the accusations."),
    ("North Korea is sending troops to help Russia fight Ukraine.",
     "To help Russia fight Ukraine, North Korea is sending troops."),
    ("a b c d e f g h", "e f g h a b c d"),
    ("one two three", ""),
    ("", "one two three"),
    ("same words here", "same words here"),
    ("x " * 70, "y x " * 40),
]


@pytest.mark.parametrize(("reference", "hypothesis"), PAIRS)
def test_ter_matches_sacrebleu_on_sentences(reference: str, hypothesis: str) -> None:
    tokenize = TER()._preprocess_segment
    hyp, ref = tokenize(hypothesis).split(), tokenize(reference).split()
    assert translation_edit_rate(hyp, ref) == sacrebleu_edit_rate(hyp, ref)


def test_ter_matches_sacrebleu_on_random_shuffles() -> None:
    rng = random.Random(7)
    for _ in range(300):
        vocab = [str(k) for k in range(rng.choice([2, 4, 8, 30]))]
        ref = [rng.choice(vocab) for _ in range(rng.choice([1, 5, 12, 30, 60]))]
        hyp = list(ref)
        for _ in range(rng.randint(0, 5)):
            op = rng.random()
            if op < 0.4 and hyp:  # move a block, which is what TER's shifts are for
                at = rng.randrange(len(hyp))
                block = hyp[at : at + rng.randint(1, 5)]
                del hyp[at : at + len(block)]
                to = rng.randint(0, len(hyp))
                hyp[to:to] = block
            elif op < 0.7 and hyp:
                hyp[rng.randrange(len(hyp))] = rng.choice(vocab)
            elif op < 0.85 and hyp:
                del hyp[rng.randrange(len(hyp))]
            else:
                hyp.insert(rng.randint(0, len(hyp)), rng.choice(vocab))
        assert translation_edit_rate(hyp, ref) == sacrebleu_edit_rate(hyp, ref), (hyp, ref)


def test_lexical_scores_ter_is_sacrebleus() -> None:
    settings = MetricSettings()
    ter = TER(case_sensitive=settings.ter_case_sensitive)
    for reference, hypothesis in PAIRS:
        if reference.strip() and hypothesis.strip():
            expected = round(ter.sentence_score(hypothesis, [reference]).score, 2)
            assert lexical_scores(reference, hypothesis, settings)[2] == expected


def test_lexical_scores_are_sacrebleus_without_its_line_caches() -> None:
    """sacrebleu's tokenizers cache every line on their class; the service's must not
    (new candidate sentences would fill the caches for good), and score the same."""
    from sacrebleu.metrics import BLEU, CHRF
    from sacrebleu.tokenizers.tokenizer_13a import Tokenizer13a
    from sacrebleu.tokenizers.tokenizer_re import TokenizerRegexp
    from sacrebleu.tokenizers.tokenizer_ter import TercomTokenizer

    settings = MetricSettings()
    caches = (Tokenizer13a.__call__, TokenizerRegexp.__call__, TercomTokenizer.__call__)
    pairs = [(f"{reference} ({n})", f"{hypothesis} <{n}>") for n, (reference, hypothesis) in enumerate(PAIRS)]
    before = [cache.cache_info().currsize for cache in caches]  # type: ignore[attr-defined]
    ours = [lexical_scores(reference, hypothesis, settings) for reference, hypothesis in pairs]
    assert [cache.cache_info().currsize for cache in caches] == before  # type: ignore[attr-defined]
    chrf = CHRF(char_order=settings.chrf_char_order, word_order=settings.chrf_word_order, beta=settings.chrf_beta)
    bleu = BLEU(effective_order=True, smooth_method=settings.bleu_smooth)
    ter = TER(case_sensitive=settings.ter_case_sensitive)
    assert ours == [tuple(round(metric.sentence_score(hypothesis, [reference]).score, 2) for metric in (chrf, bleu, ter))
                    for reference, hypothesis in pairs]


def test_document_names_agree_with_same_word() -> None:
    document = ("President Volodymyr Zelensky met Kim Jong Un's envoy in Kyiv. The Kremlin said "
                "Russia's defence ministry (Minister Andrei Belousov) knew. Café Müller, U.S. officials")
    words = tokens(document)
    names = DocumentNames(document)
    for word in ["Zelenskyy", "Kiev", "Russian", "Belousov", "Pyongyang", "Cafe", "Muller", "US", "Jong",
                 "Kremlin's", "Defense", "Moscow", "Seoul", "Un", "officials", "Zelenski"]:
        assert names.names(word) == any(same_word(word, w.text) for w in words), word
    assert names.names("Defense") and not DocumentNames("fibre assets in southern Germany").names("Austria")


def test_length_batches_cover_in_order_within_size() -> None:
    lengths = sorted(random.Random(1).randint(3, 80) for _ in range(150))
    batches = length_batches(lengths, 64)
    assert batches[0][0] == 0 and batches[-1][1] == len(lengths)
    assert all(a[1] == b[0] for a, b in pairwise(batches))
    assert all(0 < end - start <= 64 for start, end in batches)
    assert length_batches([], 64) == []
    assert length_batches([5, 5, 5], 64) == [(0, 3)]


@given(st.lists(st.integers(min_value=1, max_value=512), max_size=300), st.integers(min_value=1, max_value=128))
@settings(max_examples=150, deadline=None)
def test_length_batches_bound_the_attention_memory(lengths: list[int], max_size: int) -> None:
    lengths.sort()
    batches = length_batches(lengths, max_size, max_cells=BATCH_MAX_ATTENTION_CELLS)
    assert [i for start, end in batches for i in range(start, end)] == list(range(len(lengths)))
    for start, end in batches:
        size, longest = end - start, lengths[end - 1]
        assert size <= max_size
        assert size == 1 or size * longest * longest <= BATCH_MAX_ATTENTION_CELLS


# -- continuation: the second half of a split sentence (real model) ---------------------------

SPLIT_ORIGINAL = ("The council approved the new budget on Tuesday, a plan the opposition had fiercely "
                  "criticised, despite warnings from the auditors.")
SPLIT_FIRST = "On Tuesday the council approved the new budget."


def _read(auditor: Any, text: str) -> tuple[str, list[tuple[Any, int]]]:
    return text, [(auditor.embedder.words([text])[0], 0)]


@pytest.mark.parametrize(("second", "continues"), [
    ("The opposition had strongly criticised this plan, although the auditors had warned against it.", True),
    ("The mayor is expected to travel to Brussels next week for talks on regional funding.", False),
    ("The council also approved a new budget for the city's parks on Tuesday.", False),
])
def test_continuation_tells_a_sentence_split_off_from_one_added(auditor: Any, second: str, continues: bool) -> None:
    """A second half says the original's words the first half left out ("opposition",
    "criticised", "warnings", "auditors") and little else; an invented sentence says none,
    and one that repeats what the first half said says nothing new."""
    min_chars, said = auditor.config.thresholds.word_min_chars, auditor.config.costs.continue_similarity
    new, share = continuation(*_read(auditor, SPLIT_ORIGINAL), *_read(auditor, SPLIT_FIRST),
                              *_read(auditor, second), min_chars, said)
    costs = auditor.config.costs
    assert (new >= costs.continue_words and share >= costs.continue_share) is continues, (new, share)


def _spans(words: list[str]) -> list[Span]:
    out, at = [], 0
    for w in words:
        out.append(Span(at, at + len(w), w))
        at += len(w) + 1
    return out


def _abbreviated_plainly(mine: list[Span], other: list[Span]) -> set[int]:
    """`abbreviated` as its docstring says it, every run read in full: the fast one must agree."""
    joiners = {"of", "and", "for", "the", "&"}

    def acronym(w: str) -> bool:
        return w.isalpha() and 2 <= len(w) <= 6 and (w.isupper() or (len(w) <= 5 and w[1:].islower() and w[:1].isupper()))

    out: set[int] = set()
    acronyms = {sp.text.lower(): sp.text.isupper() for sp in other if acronym(sp.text)}
    words = [sp.text.lower() for sp in mine]
    for u in range(len(words)):
        initials, run = "", list[int]()
        for k in range(u, min(len(words), u + 8)):
            if words[k] in joiners and run:
                continue
            initials += words[k][:1]
            run.append(k)
            if len(initials) > 6:
                break
            if len(run) >= 2 and initials in acronyms and (acronyms[initials] or all(mine[i].text[:1].isupper() for i in run)):
                out.update(run)
    spelled: dict[str, bool] = {}
    lower = [sp.text.lower() for sp in other]
    for n in range(2, 7):
        for u in range(len(lower)):
            key = "".join(w[:1] for w in lower[u : u + n] if w not in joiners)
            spelled[key] = spelled.get(key, False) or all(sp.text[:1].isupper() for sp in other[u : u + n])
    out.update(k for k, sp in enumerate(mine) if acronym(sp.text) and sp.text.lower() in spelled
               and (sp.text.isupper() or spelled[sp.text.lower()]))
    return out


def test_abbreviated_pairs_spelled_out_words_with_their_initials() -> None:
    words = "the hazard ratio of the European Space Agency was low".split()
    assert abbreviated(_spans(words), _spans("the HR of Esa was low".split())) == {1, 2, 5, 6, 7}
    assert abbreviated(_spans("the HR of Esa was low".split()), _spans(words)) == {1, 3}
    # a lower-case run does not spell an acronym written as a word ("The" is no "the end")
    assert abbreviated(_spans("the end".split()), _spans("Te said".split())) == set()


_WORD = st.sampled_from(["the", "of", "and", "hazard", "ratio", "HR", "Esa", "European", "Space", "Agency", "space",
                         "agency", "MI", "myocardial", "infarction", "Nasa", "National", "Aeronautics", "The", "CBT",
                         "cognitive", "behavioral", "therapy", "was", "A", "ab", "AB", "Ab", "all", "boys"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORD, max_size=14), st.lists(_WORD, max_size=14))
def test_abbreviated_agrees_with_reading_every_run(mine: list[str], other: list[str]) -> None:
    m, o = _spans(mine), _spans(other)
    assert abbreviated(m, o) == _abbreviated_plainly(m, o)
