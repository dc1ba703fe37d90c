"""Stage 4, align: sentence vectors of both documents in, links (beads) out.

A monotonic many-to-many dynamic program in the manner of Vecalign and Bertalign. Each
move joins a window of `a` original sentences with a window of `b` candidate sentences
(1-1, 1-2, 2-1, 1-3, 3-1), or leaves one sentence unaligned (1-0, 0-1). A window's
vector is the word-weighted sum of its sentence vectors, renormalised, so windows need
no extra encoding. All scores come from `AlignCosts`:

    margin      = cos(window_o, window_c) - (background(window_o) + background(window_c)) / 2
    link(a, b)  = (margin - floor - merge_floor_step * (a + b - 2)) * (a + b) / 2
                  - merge_penalty * (a + b - 2)
    skip        = 0
    floor       = link_floor, or heading_floor when a heading takes part

`background(w)` is the mean similarity of window `w` to the sentences of the other
document, shrunk towards `background_prior` for short documents. As in Vecalign's
normalisation, it stops "hub" windows (several sentences averaging into a vector close
to the whole topic) from linking to everything in an article on the same story.

A merge must earn its place: a window is only allowed where its similarity is at least
that of the window one sentence smaller on either end (less `merge_tolerance`), so a sentence with no source is
never absorbed into its neighbour's link. Headings only take part in 1-1 links. A moved paragraph breaks monotonicity, so the
dynamic program runs again on what is left unaligned (a second pass with the stricter
`rescue_floor`), where windows may only join sentences that were adjacent. A single
sentence left on each side between two neighbouring links is linked 1-1 from the lower
`gap_floor` (or from the raw similarity `gap_similarity`): the order of both documents
vouches for it. Two sentences of one text (`identical_similarity`) are linked whatever
their background: in a document of sentences that all look alike, margins are small for
all, identical ones too. Before that, a merged link
is read as one text and keeps a sentence at either end only when the link is closer
with it than without it (`keep_gain`): in a sum of vectors a short sentence weighs
little, so one the candidate dropped could ride along with its neighbour's link. Last, a
sentence still unaligned next to a link joins it when that raises the link's similarity
(`attach_gain`) and the sentence is itself close to the other side (`attach_floor`).
Both steps also keep, or join, a sentence that continues the link (`continues`, when
the caller can read words): one that says words of the link's other side that the
link's own side does not, and little else (`continue_*`): the second half of a sentence
the translator split, which read as one text can pull the window away all the same.
With `link_single` (across languages), a one-sentence document against a one-sentence
document is linked whatever their similarity.
That last step compares the embeddings of the windows' concatenated texts when the
caller can encode them (`encode_window`), as Vecalign and Bertalign embed
concatenations: a sentence split in two by the translator ("... in June. Western
observers ask ...") adds little to a sum of sentence vectors, but the two halves read
together come close to the whole.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from scoring.config import AlignCosts
from scoring.types import Link

MOVES: tuple[tuple[int, int], ...] = ((1, 1), (1, 2), (2, 1), (1, 3), (3, 1), (1, 0), (0, 1))
NEG = -1e9
# [(side, unit positions), ...] -> the unit vector of each window's texts read as one
WindowEncoder = Callable[[Sequence[tuple[str, Sequence[int]]]], list[np.ndarray]]
# (side of a sentence, its unit position, a link's original and candidate windows without
# it) -> whether the sentence continues the link: says what the link's other side says and
# its own side does not (`AlignCosts.continue_*`; the caller reads the words)
ContinuationTest = Callable[[str, int, Sequence[int], Sequence[int]], bool]


@dataclass(frozen=True)
class Unit:
    """One sentence as the aligner sees it."""

    index: int  # sentence index in its document
    words: int
    heading: bool


def _windows(vectors: np.ndarray, units: Sequence[Unit], size: int, adjacent: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Window vectors starting at each position, and which windows are allowed."""
    n = len(units)
    dim = vectors.shape[1]
    out = np.zeros((n, dim), dtype=np.float32)
    ok = np.zeros(n, dtype=bool)
    weights = np.array([max(u.words, 1) for u in units], dtype=np.float32)
    for i in range(n - size + 1):
        if size > 1 and (any(units[k].heading for k in range(i, i + size)) or not adjacent[i : i + size - 1].all()):
            continue
        summed = (vectors[i : i + size] * weights[i : i + size, None]).sum(axis=0)
        norm = float(np.linalg.norm(summed))
        if norm > 0:
            out[i] = summed / norm
            ok[i] = True
    return out, ok


def _background(windows: np.ndarray, other: np.ndarray, costs: AlignCosts) -> np.ndarray:
    """Each window's mean similarity to the other document's sentences, shrunk towards
    `background_prior` by `background_weight` sentences' worth."""
    total = (windows @ other.T).sum(axis=1) if len(other) else np.zeros(len(windows))
    return (total + costs.background_prior * costs.background_weight) / (len(other) + costs.background_weight)


def _dp(orig_vecs: np.ndarray, cand_vecs: np.ndarray, orig: Sequence[Unit], cand: Sequence[Unit],
        costs: AlignCosts, floor: float, orig_adjacent: np.ndarray, cand_adjacent: np.ndarray
        ) -> list[tuple[int, int, int, int, float]]:
    """Best path as (orig_start, a, cand_start, b, similarity) for every link move."""
    n, m = len(orig), len(cand)
    if n == 0 or m == 0:
        return []
    sizes = sorted({a for a, _ in MOVES if a} | {b for _, b in MOVES if b})
    ow = {k: _windows(orig_vecs, orig, k, orig_adjacent) for k in sizes if k <= costs.max_window}
    cw = {k: _windows(cand_vecs, cand, k, cand_adjacent) for k in sizes if k <= costs.max_window}
    o_head = np.array([u.heading for u in orig])
    c_head = np.array([u.heading for u in cand])
    gain: dict[tuple[int, int], np.ndarray] = {}
    sims: dict[tuple[int, int], np.ndarray] = {}
    o_single, c_single = ow[1][0], cw[1][0]

    def background(windows: np.ndarray, other: np.ndarray) -> np.ndarray:
        return _background(windows, other, costs)

    for a, b in sorted(MOVES):
        if a == 0 or b == 0 or a not in ow or b not in cw:
            continue
        (ov, ook), (cv, cok) = ow[a], cw[b]
        sim = ov @ cv.T
        allowed = np.ones_like(sim, dtype=bool)
        if b > 1:  # compare with the candidate window one shorter, at either end
            smaller = sims[(a, b - 1)]
            allowed &= sim >= smaller - costs.merge_tolerance
            allowed[:, : m - 1] &= sim[:, : m - 1] >= smaller[:, 1:m] - costs.merge_tolerance
        if a > 1:
            smaller = sims[(a - 1, b)]
            allowed &= sim >= smaller - costs.merge_tolerance
            allowed[: n - 1, :] &= sim[: n - 1, :] >= smaller[1:n, :] - costs.merge_tolerance
        base = np.full_like(sim, floor)
        if a == 1 and b == 1:
            heading_pair = o_head[:, None] | c_head[None, :]
            base = np.where(heading_pair, max(floor, costs.heading_floor), floor)
        margin = sim - (background(ov, c_single)[:, None] + background(cv, o_single)[None, :]) / 2
        if a == 1 and b == 1:  # one text on both sides: an anchor, however alike the rest
            margin = np.where(sim >= costs.identical_similarity, np.maximum(margin, base + costs.identical_margin),
                              margin)
        g = (margin - base - costs.merge_floor_step * (a + b - 2)) * (a + b) / 2.0 - costs.merge_penalty * (a + b - 2)
        g[~ook, :] = NEG
        g[:, ~cok] = NEG
        if b > 1:  # a heading is never the single side of a merge either
            g[o_head[: len(g)], :] = NEG
        if a > 1:
            g[:, c_head[: g.shape[1]]] = NEG
        g[~allowed] = NEG
        gain[(a, b)] = g
        sims[(a, b)] = sim
    score = np.full((n + 1, m + 1), NEG, dtype=np.float64)
    back = np.zeros((n + 1, m + 1, 2), dtype=np.int8)
    score[0, :] = 0.0
    back[0, 1:] = (0, 1)
    for i in range(1, n + 1):
        row = np.full(m + 1, NEG)
        move = np.zeros((m + 1, 2), dtype=np.int8)
        row[:] = score[i - 1] + 0.0  # (1, 0): skip an original sentence
        move[:] = (1, 0)
        for (a, b), g in gain.items():
            if i - a < 0:
                continue
            cand_score = np.full(m + 1, NEG)
            cand_score[b:] = score[i - a, : m + 1 - b] + g[i - a, : m + 1 - b]
            better = cand_score > row
            row[better] = cand_score[better]
            move[better] = (a, b)
        # (0, 1): skipping candidate sentences costs 0, so it is a running maximum.
        running = np.maximum.accumulate(row)
        move[running > row] = (0, 1)
        row = running
        score[i] = row
        back[i] = move
    path: list[tuple[int, int, int, int, float]] = []
    i, j = n, m
    while i > 0 or j > 0:
        a, b = int(back[i, j, 0]), int(back[i, j, 1])
        if i == 0:
            a, b = 0, 1
        if a and b:
            path.append((i - a, a, j - b, b, float(sims[(a, b)][i - a, j - b])))
        i, j = i - a, j - b
    path.reverse()
    return path


def align(orig_vecs: np.ndarray, cand_vecs: np.ndarray, orig: Sequence[Unit], cand: Sequence[Unit],
          costs: AlignCosts, encode_window: WindowEncoder | None = None, prefetch: bool = True,
          continues: ContinuationTest | None = None) -> list[Link]:
    """Links between the two unit sequences, sorted by their first original sentence.

    Every unit ends up in at most one link; the rest are unaligned (omissions and
    additions). `orig_vecs[k]` is the unit vector of `orig[k]`, likewise for `cand`;
    `encode_window`, when given, embeds the concatenated text of a window for the
    attach step; `prefetch` asks it for every window the attach step may read in one
    call first (worth it when the encoder batches, waste when it runs one text at a
    time: then each window is read only when a decision needs it); `continues`, when
    given, says whether a sentence continues a link (kept in it, or joins it).
    """
    links: list[Link] = []
    orig_left = list(range(len(orig)))
    cand_left = list(range(len(cand)))
    floor = costs.link_floor
    for _ in range(3):
        if not orig_left or not cand_left:
            break
        o_units = [orig[k] for k in orig_left]
        c_units = [cand[k] for k in cand_left]
        o_adj = np.array([orig_left[k + 1] == orig_left[k] + 1 for k in range(len(orig_left) - 1)], dtype=bool)
        c_adj = np.array([cand_left[k + 1] == cand_left[k] + 1 for k in range(len(cand_left) - 1)], dtype=bool)
        path = _dp(orig_vecs[orig_left], cand_vecs[cand_left], o_units, c_units, costs, floor, o_adj, c_adj)
        if not path:
            break
        used_o: set[int] = set()
        used_c: set[int] = set()
        for oi, a, cj, b, sim in path:
            o_idx = [orig_left[k] for k in range(oi, oi + a)]
            c_idx = [cand_left[k] for k in range(cj, cj + b)]
            used_o.update(o_idx)
            used_c.update(c_idx)
            links.append(Link(tuple(orig[k].index for k in o_idx), tuple(cand[k].index for k in c_idx), round(sim, 4)))
        orig_left = [k for k in orig_left if k not in used_o]
        cand_left = [k for k in cand_left if k not in used_c]
        floor = costs.rescue_floor
    links = _detach(links, orig_vecs, cand_vecs, orig, cand, costs, encode_window, prefetch, continues)
    links = _fill_gaps(links, orig_vecs, cand_vecs, orig, cand, costs)
    links = _attach(links, orig_vecs, cand_vecs, orig, cand, costs, encode_window, prefetch, continues)
    if not links and costs.link_single and len(orig) == len(cand) == 1:
        links = [Link((orig[0].index,), (cand[0].index,), round(float(orig_vecs[0] @ cand_vecs[0]), 4))]
    links.sort(key=lambda link: (link.original[0], link.candidate[0]))
    return links


def _fill_gaps(links: list[Link], orig_vecs: np.ndarray, cand_vecs: np.ndarray, orig: Sequence[Unit],
               cand: Sequence[Unit], costs: AlignCosts) -> list[Link]:
    """Between two neighbouring links (or a link and the document's edge, or the two
    edges of documents with no link), a single sentence left unaligned on each side is
    linked 1-1 when their margin reaches `gap_floor`: the order of both documents says
    where its counterpart would be."""
    if not len(orig) or not len(cand):
        return links
    o_pos = {u.index: k for k, u in enumerate(orig)}
    c_pos = {u.index: k for k, u in enumerate(cand)}
    used_o = {o_pos[i] for link in links for i in link.original}
    used_c = {c_pos[j] for link in links for j in link.candidate}
    bounds = sorted((min(o_pos[i] for i in link.original), max(o_pos[i] for i in link.original),
                     min(c_pos[j] for j in link.candidate), max(c_pos[j] for j in link.candidate)) for link in links)
    edges = [(-1, -1)] + [(b[1], b[3]) for b in bounds]
    nexts = [(b[0], b[2]) for b in bounds] + [(len(orig), len(cand))]
    out = list(links)
    for (o_after, c_after), (o_before, c_before) in zip(edges, nexts, strict=True):
        gap_o = [k for k in range(o_after + 1, o_before) if k not in used_o]
        gap_c = [k for k in range(c_after + 1, c_before) if k not in used_c]
        if len(gap_o) != 1 or len(gap_c) != 1 or c_before <= c_after:
            continue
        k, j = gap_o[0], gap_c[0]
        if orig[k].heading != cand[j].heading:
            continue
        sim = float(orig_vecs[k] @ cand_vecs[j])
        back = (_background(orig_vecs[k:k + 1], cand_vecs, costs)[0] + _background(cand_vecs[j:j + 1], orig_vecs,
                                                                                 costs)[0]) / 2
        # a heading's floor is lowered by as much as a sentence's (link_floor -> gap_floor)
        floor = max(costs.gap_floor, costs.heading_floor - (costs.link_floor - costs.gap_floor)) \
            if orig[k].heading else costs.gap_floor
        if sim - back >= floor or sim >= costs.gap_similarity:
            out.append(Link((orig[k].index,), (cand[j].index,), round(sim, 4)))
            used_o.add(k)  # after a moved paragraph two gaps can share a sentence: the first takes it
            used_c.add(j)
    return out


def _window_reader(orig_vecs: np.ndarray, cand_vecs: np.ndarray, orig: Sequence[Unit], cand: Sequence[Unit],
                   encode_window: WindowEncoder | None) -> Callable[[Sequence[int], Sequence[int]], float]:
    """Similarity of an original and a candidate window (unit positions): of their
    concatenated texts read by the encoder when it can, else of their summed vectors."""
    def read(t_o: Sequence[int], t_c: Sequence[int]) -> float:
        if encode_window is None:
            return _window_sim(orig_vecs[list(t_o)], cand_vecs[list(t_c)], [orig[x] for x in t_o],
                               [cand[x] for x in t_c])
        vo, vc = encode_window([("original", t_o), ("candidate", t_c)])
        return float(vo @ vc)

    return read


def _detach(links: list[Link], orig_vecs: np.ndarray, cand_vecs: np.ndarray, orig: Sequence[Unit],
            cand: Sequence[Unit], costs: AlignCosts, encode_window: WindowEncoder | None = None,
            prefetch: bool = True, continues: ContinuationTest | None = None) -> list[Link]:
    """A merged link keeps a sentence at either end of a side only when the link read
    with it is closer than without it by more than `keep_gain`, or when it continues
    the rest of the link (`continues`); otherwise the sentence is let go (unaligned, for
    the gap and attach steps to place).

    The dynamic program judges a merge on summed sentence vectors, where a short
    sentence weighs little: one the candidate dropped ("The suspect has already
    pleaded guilty.") could ride along with its neighbour's link and its omission go
    unreported. Read as one text by the encoder (as Vecalign and Bertalign embed
    concatenations), a sentence with no counterpart pulls the window away from the
    other side, and a sentence split in two by the translator brings it closer."""
    o_pos = {u.index: k for k, u in enumerate(orig)}
    c_pos = {u.index: k for k, u in enumerate(cand)}
    read = _window_reader(orig_vecs, cand_vecs, orig, cand, encode_window)

    def shorter(o_idx: list[int], c_idx: list[int]) -> list[tuple[list[int], list[int]]]:
        out = []
        for mine, other, side in ((o_idx, c_idx, "original"), (c_idx, o_idx, "candidate")):
            if len(mine) < 2:
                continue
            for trial, end in ((mine[1:], mine[0]), (mine[:-1], mine[-1])):
                t_o, t_c = (trial, other) if side == "original" else (other, trial)
                if continues is not None and continues(side, end, t_o, t_c):
                    continue  # the end sentence says what the rest of its side does not: kept
                out.append((t_o, t_c))
        return out

    merged = [([o_pos[i] for i in link.original], [c_pos[j] for j in link.candidate]) for link in links
              if len(link.original) + len(link.candidate) > 2]
    if encode_window is not None and prefetch and merged:  # every window the first round reads, in one batch
        wanted: list[tuple[str, Sequence[int]]] = []
        for o_idx, c_idx in merged:
            for t_o, t_c in [(o_idx, c_idx), *shorter(o_idx, c_idx)]:
                wanted += [("original", t_o), ("candidate", t_c)]
        encode_window(wanted)
    out: list[Link] = []
    for link in links:
        if len(link.original) + len(link.candidate) <= 2:
            out.append(link)
            continue
        o_idx, c_idx = [o_pos[i] for i in link.original], [c_pos[j] for j in link.candidate]
        sim = read(o_idx, c_idx)
        while True:
            trials = [(read(t_o, t_c), t_o, t_c) for t_o, t_c in shorter(o_idx, c_idx)]
            best = max(trials, key=lambda t: t[0], default=None)
            if best is None or sim > best[0] + costs.keep_gain:
                break
            sim, o_idx, c_idx = best
        if len(o_idx) + len(c_idx) == len(link.original) + len(link.candidate):
            out.append(link)  # kept whole: its similarity stays the dynamic program's
        else:
            out.append(Link(tuple(orig[k].index for k in o_idx), tuple(cand[k].index for k in c_idx), round(sim, 4)))
    return out


def _window_sim(o_vecs: np.ndarray, c_vecs: np.ndarray, o_units: Sequence[Unit], c_units: Sequence[Unit]) -> float:
    def vec(vs: np.ndarray, us: Sequence[Unit]) -> np.ndarray:
        summed = (vs * np.array([max(u.words, 1) for u in us], dtype=np.float32)[:, None]).sum(axis=0)
        return summed / (float(np.linalg.norm(summed)) or 1.0)

    return float(vec(o_vecs, o_units) @ vec(c_vecs, c_units))


def _attach(links: list[Link], orig_vecs: np.ndarray, cand_vecs: np.ndarray, orig: Sequence[Unit],
            cand: Sequence[Unit], costs: AlignCosts, encode_window: WindowEncoder | None = None,
            prefetch: bool = True, continues: ContinuationTest | None = None) -> list[Link]:
    """Third step: a sentence left unaligned next to a link joins it when it raises the
    link's similarity by `attach_gain`, or continues the link (`continues`), and is itself
    close to the other side (a sentence the translator split off, like a trailing clause
    made its own sentence).
    With `encode_window` the similarities are those of the concatenated texts, all
    first tries read in one batch when `prefetch`."""
    o_pos = {u.index: k for k, u in enumerate(orig)}
    c_pos = {u.index: k for k, u in enumerate(cand)}
    used_o = {i for link in links for i in link.original}
    used_c = {j for link in links for j in link.candidate}

    summed_sim = _window_reader(orig_vecs, cand_vecs, orig, cand, None)
    window_sim = _window_reader(orig_vecs, cand_vecs, orig, cand, encode_window)

    def trials(o_idx: list[int], c_idx: list[int], sim: float) -> list[tuple[str, int, list[int], list[int], bool]]:
        """(side, neighbour, original window, candidate window, whether it continues the link)
        of every neighbour worth reading with the link."""
        if any(orig[x].heading for x in o_idx) or any(cand[x].heading for x in c_idx):
            return []
        out = []
        for side in ("candidate", "original"):
            mine, units, vecs, used = (c_idx, cand, cand_vecs, used_c) if side == "candidate" else \
                (o_idx, orig, orig_vecs, used_o)
            if len(mine) >= costs.max_window or len(o_idx) + len(c_idx) >= costs.max_window + 1:
                continue
            other = orig_vecs[o_idx] if side == "candidate" else cand_vecs[c_idx]
            for k in (mine[0] - 1, mine[-1] + 1):
                if not 0 <= k < len(units) or units[k].index in used or units[k].heading:
                    continue
                if float(np.max(other @ vecs[k])) < costs.attach_floor:
                    continue
                trial = sorted([*mine, k])
                t_o, t_c = (o_idx, trial) if side == "candidate" else (trial, c_idx)
                continued = continues is not None and continues(side, k, o_idx, c_idx)
                if not continued and encode_window is not None and summed_sim(t_o, t_c) < sim - costs.merge_tolerance:
                    continue  # the sentence vectors already say it pulls the window away: no need to read it
                out.append((side, k, t_o, t_c, continued))
        return out

    state = [([o_pos[i] for i in link.original], [c_pos[j] for j in link.candidate], link.similarity) for link in links]
    if encode_window is not None and prefetch:  # read every first try (and every merged link) in one batch
        wanted: list[tuple[str, Sequence[int]]] = []
        for o_idx, c_idx, sim in state:
            if len(o_idx) + len(c_idx) > 2:
                wanted += [("original", o_idx), ("candidate", c_idx)]
            for _, _, t_o, t_c, _ in trials(o_idx, c_idx, sim):
                wanted += [("original", t_o), ("candidate", t_c)]
        if wanted:
            encode_window(wanted)
    out: list[Link] = []
    for o_idx, c_idx, sim in state:
        # the link read as one text, only once a try needs it to compare with
        base: float | None = None if encode_window is not None and len(o_idx) + len(c_idx) > 2 else sim
        changed = True
        while changed:
            changed = False
            for side, k, t_o, t_c, continued in trials(o_idx, c_idx, sim):
                if base is None:
                    base = window_sim(o_idx, c_idx)
                new = window_sim(t_o, t_c)
                if continued or new >= base + costs.attach_gain:
                    o_idx[:], c_idx[:] = t_o, t_c
                    (used_c if side == "candidate" else used_o).add((cand if side == "candidate" else orig)[k].index)
                    sim = base = new
                    changed = True
                    break
        out.append(Link(tuple(orig[k].index for k in o_idx), tuple(cand[k].index for k in c_idx), round(sim, 4)))
    return out
