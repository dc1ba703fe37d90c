"""Metrics of the quality benchmark: ROC-AUC, precision/recall, span F1, alignment F1.

Everything here is plain Python on lists, without the model, so it is unit-tested
on hand-made examples (tests/bench).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Bead = tuple[Sequence[int], Sequence[int]]


def roc_auc(positives: Sequence[float], negatives: Sequence[float]) -> float:
    """Probability that a random positive scores above a random negative (ties count
    one half): the area under the ROC curve, Mann-Whitney style. NaN when a side is empty."""
    if not positives or not negatives:
        return float("nan")
    ranked = sorted([(s, 1) for s in positives] + [(s, 0) for s in negatives])
    # Average ranks over ties.
    rank_sum = 0.0
    k = 0
    while k < len(ranked):
        m = k
        while m + 1 < len(ranked) and ranked[m + 1][0] == ranked[k][0]:
            m += 1
        mean_rank = (k + m) / 2 + 1
        rank_sum += mean_rank * sum(1 for x in ranked[k : m + 1] if x[1] == 1)
        k = m + 1
    n_pos, n_neg = len(positives), len(negatives)
    return (rank_sum - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 with the counts they come from."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def prf(predicted: Sequence[bool], gold: Sequence[bool]) -> PRF:
    """Binary precision/recall/F1 of `predicted` against `gold` (same length)."""
    tp = sum(1 for p, g in zip(predicted, gold, strict=True) if p and g)
    fp = sum(1 for p, g in zip(predicted, gold, strict=True) if p and not g)
    fn = sum(1 for p, g in zip(predicted, gold, strict=True) if g and not p)
    return PRF(tp, fp, fn)


def set_prf(predicted: Iterable[object], gold: Iterable[object]) -> PRF:
    """Precision/recall/F1 of a predicted set against a gold set."""
    p, g = set(predicted), set(gold)
    return PRF(len(p & g), len(p - g), len(g - p))


def best_threshold(scores: Sequence[float], gold: Sequence[bool], objective: str = "youden") -> float:
    """The threshold t that is best for `score >= t` (fitted on dev, applied to test).

    objective "youden" maximises recall minus false-positive rate (balanced, so the
    share of positives in the items does not decide it); "f1" maximises F1.
    Candidates are the observed scores; the lowest such t wins ties."""
    n_pos = sum(gold)
    n_neg = len(gold) - n_pos
    best_t, best_v = float("inf"), -float("inf")
    for t in sorted(set(scores)):
        counts = prf([s >= t for s in scores], gold)
        if objective == "f1":
            value = counts.f1
        else:
            value = (counts.tp / n_pos if n_pos else 0.0) - (counts.fp / n_neg if n_neg else 0.0)
        if value > best_v:
            best_t, best_v = t, value
    return best_t


def span_counts(predicted: Iterable[tuple[int, int]], gold: tuple[int, int]) -> tuple[int, int, int]:
    """Character overlap of predicted spans with one gold span: (overlap, predicted, gold)
    character counts, each character counted once."""
    chars: set[int] = set()
    for start, end in predicted:
        chars.update(range(start, end))
    gold_chars = set(range(*gold))
    return len(chars & gold_chars), len(chars), len(gold_chars)


def span_f1(counts: Iterable[tuple[int, int, int]]) -> tuple[float, float, float]:
    """Micro-averaged (precision, recall, F1) over `span_counts` of many items."""
    overlap = predicted = gold = 0
    for o, p, g in counts:
        overlap, predicted, gold = overlap + o, predicted + p, gold + g
    precision = overlap / predicted if predicted else 0.0
    recall = overlap / gold if gold else 0.0
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


# -- alignment: Vecalign's score.py -------------------------------------------------
# A port of `score_multiple` and `_precision` from Vecalign's score.py (Thompson & Koehn,
# 2019), the scorer Bertalign's evaluation reuses: strict = exact bead match; lax = the
# test bead overlaps a gold bead on both sides. Precision counts every test bead
# (insertions and deletions included); recall swaps the roles with 1-0 and 0-1 beads
# removed from both sides.


def _precision(gold: Iterable[Bead], test: Iterable[Bead]) -> tuple[int, int, int, int]:
    """(tp strict, fp strict, tp lax, fp lax) of `test` against `gold`."""
    test_set = {(tuple(x), tuple(y)) for x, y in test if len(x) or len(y)}
    gold_set = {(tuple(x), tuple(y)) for x, y in gold if len(x) or len(y)}
    src_to_gold_tgt: dict[int, set[int]] = defaultdict(set)
    for g_src, g_tgt in gold_set:
        for s in g_src:
            src_to_gold_tgt[s].update(g_tgt)
    tp_strict = fp_strict = tp_lax = fp_lax = 0
    for t_src, t_tgt in test_set:
        if (t_src, t_tgt) == ((), ()):
            continue
        if (t_src, t_tgt) in gold_set:
            tp_strict += 1
            tp_lax += 1
        else:
            fp_strict += 1
            targets = {t for s in t_src for t in src_to_gold_tgt[s]}
            if set(t_tgt) & targets:
                tp_lax += 1
            else:
                fp_lax += 1
    return tp_strict, fp_strict, tp_lax, fp_lax


def alignment_scores(gold_list: Sequence[Sequence[Bead]], test_list: Sequence[Sequence[Bead]]) -> dict[str, float]:
    """Strict and lax precision, recall and F1 over many documents (Vecalign's
    `score_multiple`, counts pooled over the documents)."""
    p = [0, 0, 0, 0]
    r = [0, 0, 0, 0]
    for gold, test in zip(gold_list, test_list, strict=True):
        p = [a + b for a, b in zip(p, _precision(gold, test), strict=True)]
        test_links = [(x, y) for x, y in test if len(x) and len(y)]
        gold_links = [(x, y) for x, y in gold if len(x) and len(y)]
        r = [a + b for a, b in zip(r, _precision(test_links, gold_links), strict=True)]

    def ratio(a: float, b: float) -> float:
        return a / b if b else 0.0

    p_strict, p_lax = ratio(p[0], p[0] + p[1]), ratio(p[2], p[2] + p[3])
    r_strict, r_lax = ratio(r[0], r[0] + r[1]), ratio(r[2], r[2] + r[3])
    return {
        "precision_strict": p_strict, "recall_strict": r_strict,
        "f1_strict": ratio(2 * p_strict * r_strict, p_strict + r_strict),
        "precision_lax": p_lax, "recall_lax": r_lax, "f1_lax": ratio(2 * p_lax * r_lax, p_lax + r_lax),
    }
