"""sacrebleu's TER with a faster edit-rate search, next to `scoring.score` the way
sacrebleu's `lib_ter.py` sits next to its `ter.py`.

`FastTER` is sacrebleu's TER (tokenisation, statistics and score) whose edit-rate
search (`sacrebleu.metrics.lib_ter.translation_edit_rate`: Tercom's greedy shifts over
a beam-limited edit distance) is re-implemented here: all the shifts tried in one step
are scored in one numpy pass instead of one pure-Python edit distance each. The limits,
the beam and the tie-breaks of sacrebleu 2.x are kept, so the edit counts, and the
scores, are the same; tests/scoring/test_score.py checks it against sacrebleu. Beyond
`max_words` words on a side, the plain word edit distance is used, one row at a time.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

_MAX_SHIFT_SIZE = 10
_MAX_SHIFT_DIST = 50
_BEAM_WIDTH = 25
_MAX_SHIFT_CANDIDATES = 1000
_INF = int(1e16)
_DIAG, _DEL, _INS = 0, 1, 2  # a diagonal step is a no-op or a substitution


@lru_cache(maxsize=4)
def fast_ter_class(max_words: int = 300):  # type: ignore[no-untyped-def]
    from sacrebleu.metrics import TER

    class FastTER(TER):  # type: ignore[misc]
        def _compute_segment_statistics(self, hypothesis: str, ref_kwargs: dict) -> list[float]:  # type: ignore[type-arg]
            ref_lengths = 0
            best_num_edits = _INF
            words_hyp = hypothesis.split()
            ref_words = ref_kwargs["ref_words"]
            for words_ref in ref_words:
                if max(len(words_hyp), len(words_ref)) > max_words:
                    # Shifts search a full matrix per try: beyond `max_words` the plain
                    # word edit distance, one row at a time.
                    num_edits, ref_len = word_edit_distance(words_hyp, words_ref), len(words_ref)
                else:
                    num_edits, ref_len = translation_edit_rate(words_hyp, words_ref)
                ref_lengths += ref_len
                if num_edits < best_num_edits:
                    best_num_edits = num_edits
            return [best_num_edits, ref_lengths / len(ref_words)]

    return FastTER


class _EditRows:
    """sacrebleu's `BeamEditDistance` for one reference, vectorised over hypotheses.

    `rows` gives the cost rows of the beam-limited edit distance matrix of many
    hypotheses of one length at once, numpy over (hypothesis, reference position);
    `final_costs` only their last cells, each hypothesis from the row where it
    leaves the current one. A cell outside the beam, or one that only cells outside
    the beam lead to, costs `_INF`, as in sacrebleu.

    The rows are computed in the form G[i, j] = D[i, j] - j + i: a no-op or
    substitution is G[i - 1, j - 1] + (0 or 1), a deletion G[i - 1, j] + 2 and an
    insertion G[i, j - 1] itself, so the insertions along a row are a plain running
    minimum and a row takes a handful of numpy calls. Cells that only cells outside
    the beam lead to stay above `_INF // 2` (finite costs are at most n + m) and are
    set to `_INF` when the costs are read back.
    """

    def __init__(self, words_ref: Sequence[str]) -> None:
        self.vocab: dict[str, int] = {}
        self.ref = np.array([self.vocab.setdefault(w, len(self.vocab)) for w in words_ref], dtype=np.int64)
        self.m = len(words_ref)
        self.cols = np.arange(self.m + 1, dtype=np.int64)

    def ids(self, words: Sequence[str]) -> list[int]:
        return [self.vocab.setdefault(w, len(self.vocab)) for w in words]

    def _bounds(self, n: int) -> list[tuple[int, int]]:
        """(lo, hi): the beam of each row 1..n of a hypothesis of n words, at index i - 1."""
        m = self.m
        ratio = m / n
        beam = math.ceil(ratio / 2 + _BEAM_WIDTH) if _BEAM_WIDTH < ratio / 2 else _BEAM_WIDTH
        out = []
        for i in range(1, n + 1):
            diag = math.floor(i * ratio)
            out.append((max(0, diag - beam), m + 1 if i == n else min(m + 1, diag + beam)))
        return out

    @staticmethod
    def _row(prev: np.ndarray, cur: np.ndarray, differs: np.ndarray, lo: int, hi: int) -> None:
        """Row i (G form) into `cur` (filled with `_INF` outside [lo, hi)) from row i - 1
        `prev`; `differs` (K, m) says where the hypothesis word i differs from the reference."""
        if lo == 0:
            cur[:, 0] = prev[:, 0] + 2  # deletion of the hypothesis word
            lo = 1
        if hi > lo:
            # best of no-op/substitution and deletion; cur[lo - 1] (outside the beam,
            # or column 0) starts the running minimum of the insertions
            np.minimum(prev[:, lo - 1 : hi - 1] + differs[:, lo - 1 : hi - 1], prev[:, lo:hi] + 2, out=cur[:, lo:hi])
            np.minimum.accumulate(cur[:, lo - 1 : hi], axis=1, out=cur[:, lo - 1 : hi])

    def rows(self, start: np.ndarray, hyps: np.ndarray, p: int) -> np.ndarray:
        """Rows p+1..n, shape (K, n - p, m + 1), of hypotheses `hyps` (K, n) given their
        (shared) row p, `start` (m + 1,)."""
        k, n = hyps.shape
        m, cols = self.m, self.cols
        if n == p:
            return np.empty((k, 0, m + 1), dtype=np.int64)
        bounds = self._bounds(n)
        differs = hyps[:, p:, None] != self.ref[None, None, :]  # (K, n - p, m)
        out = np.full((k, n - p, m + 1), _INF, dtype=np.int64)
        prev = np.broadcast_to(start - cols + p, (k, m + 1))
        for i in range(p + 1, n + 1):
            cur = out[:, i - p - 1]
            self._row(prev, cur, differs[:, i - p - 1], *bounds[i - 1])
            prev = cur
        out += cols
        out -= np.arange(p + 1, n + 1, dtype=np.int64)[None, :, None]
        out[out >= _INF // 2] = _INF
        return out

    def final_costs(self, matrix: np.ndarray, hyps: np.ndarray, starts: Sequence[int]) -> np.ndarray:
        """The cost of the whole of each hypothesis (K,), D[n, m]: hypothesis k equals the
        one whose cost rows are `matrix` (n + 1, m + 1) up to word `starts[k]`, so its
        rows up to `starts[k]` are those of `matrix` and only the rest is computed.

        Hypotheses are taken in order of their start; row by row, the ones computed so
        far are a prefix of that order, two rows of all of them kept at a time."""
        k, n = hyps.shape
        m, cols = self.m, self.cols
        order = np.argsort(np.asarray(starts, dtype=np.int64), kind="stable")
        hyps = hyps[order]
        first = [int(s) for s in np.asarray(starts, dtype=np.int64)[order]]
        bounds = self._bounds(n)
        g_matrix = matrix - cols[None, :] + np.arange(n + 1, dtype=np.int64)[:, None]
        prev = np.full((k, m + 1), _INF, dtype=np.int64)
        cur = np.full((k, m + 1), _INF, dtype=np.int64)
        active = 0
        for i in range(first[0] + 1, n + 1):
            joined = active
            while active < k and first[active] < i:  # those whose rows leave `matrix` after row i - 1
                active += 1
            if active > joined:
                prev[joined:active] = g_matrix[i - 1]
            cur[:active].fill(_INF)
            self._row(prev[:active], cur[:active], hyps[:active, i - 1, None] != self.ref[None, :], *bounds[i - 1])
            prev, cur = cur, prev
        last = prev[:, m] + m - n
        last[last >= _INF // 2] = _INF
        out = np.empty(k, dtype=np.int64)
        out[order] = last
        return out


def word_edit_distance(words_hyp: Sequence[str], words_ref: Sequence[str]) -> int:
    """Levenshtein distance in words, one row at a time: O(len(ref)) memory."""
    if not words_ref:
        return len(words_hyp)
    vocab: dict[str, int] = {}
    ref = np.array([vocab.setdefault(w, len(vocab)) for w in words_ref], dtype=np.int64)
    cols = np.arange(len(ref) + 1, dtype=np.int64)
    row = cols.copy()
    for i, word in enumerate(words_hyp, 1):
        code = vocab.get(word, -1)
        best = np.minimum(row[:-1] + (ref != code), row[1:] + 1)  # substitution or match; deletion
        nxt = np.empty_like(row)
        nxt[0] = i
        # insertions along the row: nxt[j] = min(best[j-1], nxt[j-1] + 1)
        nxt[1:] = np.minimum.accumulate(np.concatenate([[i], best - cols[1:]]))[1:] + cols[1:]
        row = nxt
    return int(row[-1])


def _alignment(matrix: list[list[int]], hyp: Sequence[int], ref: Sequence[int]) -> tuple[list[int], list[int], list[int]]:
    """(align, ref_err, hyp_err) of sacrebleu's flipped trace, from a full cost matrix.

    sacrebleu stores an operation per cell, preferring no-op/substitution, then
    deletion, then insertion; the same choice is read back from the costs here.
    """
    ops: list[int] = []
    i, j = len(hyp), len(ref)
    while i > 0 or j > 0:
        c = matrix[i][j]
        if c >= _INF:
            raise RuntimeError("TER: unreachable cell on the edit path")
        if i == 0:
            op = _INS
        elif j == 0 or c != matrix[i - 1][j - 1] + (hyp[i - 1] != ref[j - 1]):
            op = _DEL if j == 0 or c == matrix[i - 1][j] + 1 else _INS
        else:
            op = _DIAG
        ops.append(op)
        if op == _DIAG:
            i -= 1
            j -= 1
        elif op == _INS:
            j -= 1
        else:
            i -= 1
    ops.reverse()
    align: list[int] = []
    ref_err: list[int] = []
    hyp_err: list[int] = []
    pos_hyp = pos_ref = -1
    for op in ops:
        if op == _DIAG:
            pos_hyp += 1
            pos_ref += 1
            err = 1 if hyp[pos_hyp] != ref[pos_ref] else 0
            align.append(pos_hyp)
            hyp_err.append(err)
            ref_err.append(err)
        elif op == _DEL:  # a hypothesis word with no reference word
            pos_hyp += 1
            hyp_err.append(1)
        else:  # a reference word with no hypothesis word
            pos_ref += 1
            align.append(pos_hyp)
            ref_err.append(1)
    return align, ref_err, hyp_err


def _perform_shift(words: list[int], start: int, length: int, target: int) -> list[int]:
    if target < start:
        return words[:target] + words[start : start + length] + words[target:start] + words[start + length :]
    if target > start + length:
        return words[:start] + words[start + length : target] + words[start : start + length] + words[target:]
    return words[:start] + words[start + length : length + target] + words[start : start + length] + words[length + target :]


def _shift_candidates(words_h: list[int], words_r: list[int], matrix: list[list[int]], positions: dict[int, list[int]],
                      checked: int) -> tuple[list[tuple[int, int, int, list[int]]], int]:
    """sacrebleu's `_shift` up to scoring: the shifts it tries, in its order, as
    (length, start_h, idx, shifted words), and the updated candidate count."""
    align, ref_err, hyp_err = _alignment(matrix, words_h, words_r)
    n_h, n_r = len(words_h), len(words_r)
    out: list[tuple[int, int, int, list[int]]] = []
    for start_h in range(n_h):
        for start_r in positions.get(words_h[start_h], ()):
            if abs(start_r - start_h) > _MAX_SHIFT_DIST:
                continue
            length = 0
            while words_h[start_h + length] == words_r[start_r + length] and length < _MAX_SHIFT_SIZE:
                length += 1
                # one matching pair (start_h, start_r, length), in sacrebleu's order
                if (sum(hyp_err[start_h : start_h + length]) and sum(ref_err[start_r : start_r + length])
                        and not start_h <= align[start_r] < start_h + length):
                    prev_idx = -1
                    for offset in range(-1, length):
                        k = start_r + offset
                        if k == -1:
                            idx = 0
                        elif k < len(align):
                            idx = align[k] + 1
                        else:
                            break
                        if idx == prev_idx:
                            continue
                        prev_idx = idx
                        out.append((length, start_h, idx, _perform_shift(words_h, start_h, length, idx)))
                        checked += 1
                    if checked >= _MAX_SHIFT_CANDIDATES:
                        return out, checked
                if n_h == start_h + length or n_r == start_r + length:
                    break
    return out, checked


def translation_edit_rate(words_hyp: Sequence[str], words_ref: Sequence[str]) -> tuple[int, int]:
    """(number of edits, reference length), as `sacrebleu.metrics.lib_ter.translation_edit_rate`.

    Tercom's greedy search: apply the shift that lowers the edit distance most until
    none does (or 1000 shifts were tried), then count the shifts plus the edits left.
    """
    if not words_ref:
        return len(words_hyp), 0
    rows = _EditRows(words_ref)
    ref = rows.ref.tolist()
    words = rows.ids(words_hyp)
    positions: dict[int, list[int]] = {}
    for k, word in enumerate(ref):
        positions.setdefault(word, []).append(k)
    m = rows.m
    matrix = np.concatenate([rows.cols[None, :], rows.rows(rows.cols, np.array([words], dtype=np.int64), 0)[0]]).tolist()
    shifts = checked = 0
    while True:
        pre_score = matrix[-1][m]
        candidates, checked = _shift_candidates(words, ref, matrix, positions, checked)
        if checked >= _MAX_SHIFT_CANDIDATES or not candidates:
            break
        # a shifted candidate's rows up to its first moved position are those of `words`
        starts = [min(start_h, idx) for _, start_h, idx, _ in candidates]
        costs = rows.final_costs(np.asarray(matrix, dtype=np.int64),
                                 np.array([c[3] for c in candidates], dtype=np.int64), starts).tolist()
        best: tuple[int, int, int, int] | None = None
        best_k = -1
        for k, (length, start_h, idx, _) in enumerate(candidates):
            key = (pre_score - costs[k], length, -start_h, -idx)
            # sacrebleu compares the shifted word lists last; equal keys mean equal lists
            if best is None or key > best:
                best, best_k = key, k
        assert best is not None
        if best[0] <= 0:
            break
        shifts += 1
        words = candidates[best_k][3]
        p = starts[best_k]
        matrix = matrix[: p + 1] + rows.rows(np.asarray(matrix[p], dtype=np.int64),
                                             np.array([words], dtype=np.int64), p)[0].tolist()
    return shifts + matrix[-1][m], len(words_ref)
