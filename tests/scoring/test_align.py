"""Stage 4, align: the dynamic program on hand-made unit vectors (no model)."""

from __future__ import annotations

import itertools
from collections.abc import Callable

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from scoring.align import Unit, align
from scoring.config import AlignCosts
from scoring.types import Link

COSTS = AlignCosts()
DIM = 16


def e(k: int) -> np.ndarray:
    v = np.zeros(DIM, dtype=np.float32)
    v[k] = 1.0
    return v


def unit(*ks: int) -> np.ndarray:
    v = sum(e(k) for k in ks)
    return (v / np.linalg.norm(v)).astype(np.float32)


def units(n: int, words: int = 10, headings: tuple[int, ...] = ()) -> list[Unit]:
    return [Unit(index=k, words=words, heading=k in headings) for k in range(n)]


def pairs(links: list[Link]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(link.original, link.candidate) for link in links]


def run(orig: list[np.ndarray], cand: list[np.ndarray], o_units: list[Unit] | None = None,
        c_units: list[Unit] | None = None, costs: AlignCosts = COSTS) -> list[Link]:
    o_units = o_units if o_units is not None else units(len(orig))
    c_units = c_units if c_units is not None else units(len(cand))
    o = np.stack(orig) if orig else np.zeros((0, DIM), dtype=np.float32)
    c = np.stack(cand) if cand else np.zeros((0, DIM), dtype=np.float32)
    return align(o, c, o_units, c_units, costs)


def test_one_to_one_diagonal() -> None:
    vecs = [e(k) for k in range(6)]
    links = run(vecs, vecs)
    assert pairs(links) == [((k,), (k,)) for k in range(6)]
    assert all(abs(link.similarity - 1.0) < 1e-4 for link in links)


def test_unit_indices_are_reported() -> None:
    """Links carry `Unit.index` (the sentence index), not positions in the unit list."""
    vecs = [e(k) for k in range(3)]
    o_units = [Unit(index=10 + 2 * k, words=8, heading=False) for k in range(3)]
    c_units = [Unit(index=5 + k, words=8, heading=False) for k in range(3)]
    links = run(vecs, vecs, o_units, c_units)
    assert pairs(links) == [((10,), (5,)), ((12,), (6,)), ((14,), (7,))]


def test_one_to_two_split() -> None:
    orig = [e(0), unit(1, 2), e(3)]
    cand = [e(0), e(1), e(2), e(3)]
    links = run(orig, cand)
    assert pairs(links) == [((0,), (0,)), ((1,), (1, 2)), ((2,), (3,))]
    assert links[1].similarity > 0.99


def test_two_to_one_merge() -> None:
    orig = [e(0), e(1), e(2), e(3)]
    cand = [e(0), unit(1, 2), e(3)]
    links = run(orig, cand)
    assert pairs(links) == [((0,), (0,)), ((1, 2), (1,)), ((3,), (2,))]


def test_inserted_candidate_sentence_is_unaligned() -> None:
    orig = [e(0), e(1), e(2), e(3)]
    cand = [e(0), e(1), e(9), e(2), e(3)]
    links = run(orig, cand)
    assert pairs(links) == [((0,), (0,)), ((1,), (1,)), ((2,), (3,)), ((3,), (4,))]


def test_inserted_sentence_close_to_a_neighbour_is_not_absorbed() -> None:
    """A sentence with no source is not merged into its neighbour's link."""
    orig = [e(0), e(1), e(2)]
    cand = [e(0), e(1), unit(1, 9, 10, 11), e(2)]
    links = run(orig, cand)
    assert ((1,), (1,)) in pairs(links)
    assert all(2 not in link.candidate for link in links)


def test_a_split_sentence_joins_its_link_when_read_together() -> None:
    """The translator split one sentence in two. The second half alone is a weak match
    and adds little to a sum of vectors; the two halves read as one text (what
    `encode_window` embeds) match the whole, so the split becomes a 1-2 link rather than
    a 1-1 link and an addition. (Merges in the dynamic program are priced out here, so
    that only the attach step can join them.)"""
    costs = AlignCosts(merge_penalty=1.0)
    whole = unit(1, 2)
    orig = [e(0), whole, e(3)]
    cand = [e(0), unit(1, 1, 1, 1, 2), unit(2, 8, 9), e(3)]

    def encode_window(windows: list[tuple[str, list[int]]]) -> list[np.ndarray]:
        out = []
        for side, positions in windows:
            if side == "candidate" and list(positions) == [1, 2]:
                out.append(whole)  # read together, the halves say what the whole says
                continue
            summed = sum((orig if side == "original" else cand)[p] for p in positions)
            out.append((summed / np.linalg.norm(summed)).astype(np.float32))
        return out

    without = run(orig, cand, costs=costs)
    assert ((1,), (1,)) in pairs(without) and all(2 not in link.candidate for link in without)
    with_text = align(np.stack(orig), np.stack(cand), units(3), units(4), costs, encode_window)
    assert ((1,), (1, 2)) in pairs(with_text)
    assert with_text[1].similarity > 0.99


def test_an_added_sentence_does_not_join_when_read_together() -> None:
    orig = [e(0), unit(1, 2), e(3)]
    cand = [e(0), unit(1, 2), unit(2, 8, 9), e(3)]

    def encode_window(windows: list[tuple[str, list[int]]]) -> list[np.ndarray]:
        out = []
        for side, positions in windows:
            vectors = orig if side == "original" else cand
            summed = sum(vectors[p] for p in positions)
            out.append((summed / np.linalg.norm(summed)).astype(np.float32))
        return out

    links = align(np.stack(orig), np.stack(cand), units(3), units(4), COSTS, encode_window)
    assert all(2 not in link.candidate for link in links)


def _pulling_away(orig: list[np.ndarray], cand: list[np.ndarray]) -> Callable[..., list[np.ndarray]]:
    """An encoder of windows for which reading a candidate window of two sentences as one
    text pulls it away from everything (as MiniLM read "... supplying Moscow with weapons."
    with "Both countries have rejected this claim, although ...")."""
    def encode_window(windows: list[tuple[str, list[int]]]) -> list[np.ndarray]:
        out = []
        for side, positions in windows:
            vectors = orig if side == "original" else cand
            if side == "candidate" and len(positions) > 1:
                out.append(unit(*[7] * 6, 1))  # mostly elsewhere
                continue
            summed = sum(vectors[p] for p in positions)
            out.append((summed / np.linalg.norm(summed)).astype(np.float32))
        return out

    return encode_window


def test_a_sentence_that_continues_a_link_joins_it_however_the_window_reads() -> None:
    """The second half of a split sentence says words of the original that the first half
    does not (the caller's word test, `continues`): it joins the link even where the two
    halves read as one text come out further from the original than the first half alone.
    (Merges in the dynamic program are priced out here, so that only the attach step can
    join them.)"""
    costs = AlignCosts(merge_penalty=1.0)
    orig = [e(0), unit(1, 2), e(3)]
    cand = [e(0), unit(1, 1, 1, 2), unit(2, 8), e(3)]
    asked: list[tuple[str, int, list[int], list[int]]] = []

    def continues(side: str, k: int, o_idx: list[int], c_idx: list[int]) -> bool:
        asked.append((side, k, list(o_idx), list(c_idx)))
        return (side, k, list(o_idx), list(c_idx)) == ("candidate", 2, [1], [1])

    encode_window = _pulling_away(orig, cand)
    without = align(np.stack(orig), np.stack(cand), units(3), units(4), costs, encode_window)
    assert all(2 not in link.candidate for link in without)
    links = align(np.stack(orig), np.stack(cand), units(3), units(4), costs, encode_window, continues=continues)
    assert ((1,), (1, 2)) in pairs(links)
    assert ("candidate", 2, [1], [1]) in asked


def test_a_sentence_that_does_not_continue_a_link_stays_out() -> None:
    orig = [e(0), unit(1, 2), e(3)]
    cand = [e(0), unit(1, 1, 1, 2), unit(2, 8), e(3)]
    links = align(np.stack(orig), np.stack(cand), units(3), units(4), COSTS, _pulling_away(orig, cand),
                  continues=lambda side, k, o_idx, c_idx: False)
    assert all(2 not in link.candidate for link in links)


def test_a_merged_link_keeps_an_end_sentence_that_continues_it() -> None:
    """The dynamic program merged two candidate sentences; read as one text they pull
    away, so the end sentence would be let go, unless it continues the link."""
    orig = [e(0), unit(1, 2), e(3)]
    cand = [e(0), e(1), e(2), e(3)]
    encode_window = _pulling_away(orig, cand)
    let_go = align(np.stack(orig), np.stack(cand), units(3), units(4), COSTS, encode_window,
                   continues=lambda side, k, o_idx, c_idx: False)
    assert ((1,), (1, 2)) not in pairs(let_go)
    kept = align(np.stack(orig), np.stack(cand), units(3), units(4), COSTS, encode_window,
                 continues=lambda side, k, o_idx, c_idx: side == "candidate" and k in (1, 2))
    assert ((1,), (1, 2)) in pairs(kept)


def test_dropped_original_sentence_is_unaligned() -> None:
    orig = [e(0), e(1), e(2), e(3), e(4)]
    cand = [e(0), e(1), e(3), e(4)]
    links = run(orig, cand)
    assert pairs(links) == [((0,), (0,)), ((1,), (1,)), ((3,), (2,)), ((4,), (3,))]


def mixed(k: int, other: int, sim: float) -> np.ndarray:
    """A unit vector whose similarity to e(k) is `sim`."""
    return (sim * e(k) + np.sqrt(1 - sim * sim) * e(other)).astype(np.float32)


def test_a_lone_pair_between_two_links_is_linked_from_the_gap_floor() -> None:
    """One sentence left on each side between two links: the documents' order says they
    are counterparts, so a margin under the link floor is enough ("目前，飞机失事原因尚不明确。"
    and "The cause of the crash is still unclear." read 0.41 in the multilingual space)."""
    orig = [e(0), e(1), e(5), e(3), e(4)]
    cand = [e(0), e(1), mixed(5, 6, 0.32), e(3), e(4)]
    assert pairs(run(orig, cand)) == [((k,), (k,)) for k in range(5)]
    unrelated = [e(0), e(1), mixed(5, 6, 0.08), e(3), e(4)]
    assert pairs(run(orig, unrelated)) == [((k,), (k,)) for k in (0, 1, 3, 4)]


def test_two_single_sentences_are_a_gap_of_their_own() -> None:
    """A one-sentence original against a one-sentence candidate: the pair itself says
    they are meant as counterparts; unrelated ones stay apart."""
    assert pairs(run([e(5)], [mixed(5, 6, 0.4)])) == [((0,), (0,))]
    assert run([e(5)], [mixed(5, 6, 0.08)]) == []


def test_across_languages_two_single_sentences_are_linked_however_far_apart() -> None:
    """`link_single` (set across languages): the encoders read a translation that says the
    opposite far from its original, and the pair was called unrelated with no flag."""
    from dataclasses import replace

    costs = replace(COSTS, link_single=True)
    one, two = [Unit(0, 10, False)], [Unit(0, 10, False), Unit(1, 10, False)]
    assert pairs(align(np.stack([e(5)]), np.stack([mixed(5, 6, 0.0)]), one, one, costs)) == [((0,), (0,))]
    assert align(np.stack([e(5), e(7)]), np.stack([mixed(5, 6, 0.0)]), two, one, costs) == []
    assert align(np.stack([e(5)]), np.stack([mixed(5, 6, 0.0)]), one, one, COSTS) == []


def test_the_gap_rule_needs_one_sentence_on_each_side() -> None:
    orig = [e(0), e(1), e(5), e(7), e(3), e(4)]
    cand = [e(0), e(1), mixed(5, 6, 0.32), e(3), e(4)]
    assert pairs(run(orig, cand)) == [((0,), (0,)), ((1,), (1,)), ((4,), (3,)), ((5,), (4,))]


def test_unrelated_documents_have_no_links() -> None:
    links = run([e(0), e(1), e(2)], [e(5), e(6), e(7), e(8)])
    assert links == []


def test_weak_similarity_is_not_linked() -> None:
    low = (0.2 * e(0) + np.sqrt(1 - 0.04) * e(1)).astype(np.float32)
    assert run([e(0)], [low]) == []
    high = (0.9 * e(0) + np.sqrt(1 - 0.81) * e(1)).astype(np.float32)
    assert pairs(run([e(0)], [high])) == [((0,), (0,))]


def test_moved_paragraph_is_linked_by_second_pass() -> None:
    orig = [e(k) for k in range(8)]
    # The paragraph of sentences 0-2 was moved to the end of the candidate.
    cand = [e(3), e(4), e(5), e(6), e(7), e(0), e(1), e(2)]
    links = run(orig, cand)
    assert sorted(pairs(links)) == sorted(
        [((3,), (0,)), ((4,), (1,)), ((5,), (2,)), ((6,), (3,)), ((7,), (4,)),
         ((0,), (5,)), ((1,), (6,)), ((2,), (7,))]
    )
    # Sorted by original sentence.
    assert [link.original[0] for link in links] == sorted(link.original[0] for link in links)


def test_weakly_related_moved_sentence_is_not_rescued() -> None:
    orig = [e(k) for k in range(6)]
    moved = (0.3 * e(0) + np.sqrt(1 - 0.09) * e(12)).astype(np.float32)
    cand = [e(2), e(3), e(4), e(5), moved]
    links = run(orig, cand)
    assert all(0 not in link.original for link in links)
    assert len(links) == 4


def test_heading_links_only_one_to_one_candidate_side() -> None:
    orig = [e(0), unit(1, 2), e(3)]
    cand = [e(0), e(1), e(2), e(3)]
    c_units = units(4, headings=(1,))
    links = run(orig, cand, c_units=c_units)
    for link in links:
        if 1 in link.candidate:
            assert len(link.candidate) == 1 and len(link.original) == 1


def test_heading_links_only_one_to_one_original_side() -> None:
    orig = [e(0), unit(1, 2), e(3)]
    cand = [e(0), e(1), e(2), e(3)]
    o_units = units(3, headings=(1,))
    links = run(orig, cand, o_units=o_units)
    assert ((0,), (0,)) in pairs(links) and ((2,), (3,)) in pairs(links)
    for link in links:
        if 1 in link.original:
            assert len(link.candidate) == 1 and len(link.original) == 1, link


def test_heading_needs_heading_floor() -> None:
    costs = AlignCosts(link_floor=0.05, heading_floor=0.9)
    sim = 0.55
    v = (sim * e(0) + np.sqrt(1 - sim * sim) * e(1)).astype(np.float32)
    assert pairs(run([e(0)], [v], costs=costs)) == [((0,), (0,))]
    assert run([e(0)], [v], c_units=units(1, headings=(0,)), costs=costs) == []
    assert run([e(0)], [v], o_units=units(1, headings=(0,)), costs=costs) == []


def test_identical_sentences_anchor_a_document_whose_sentences_all_look_alike() -> None:
    """Every sentence is close to every other (0.95), so no margin over the background
    reaches the floor; a sentence and its identical copy are linked all the same, and one
    changed sentence between two such links is linked by its raw similarity."""
    rng = np.random.default_rng(3)
    shared = rng.normal(size=DIM)
    vectors = []
    for _ in range(12):
        v = shared * 4.0 + rng.normal(size=DIM)
        vectors.append((v / np.linalg.norm(v)).astype(np.float32))
    assert min(float(a @ b) for a, b in itertools.combinations(vectors, 2)) > 0.85
    same = run(vectors, vectors)
    assert pairs(same) == [((k,), (k,)) for k in range(12)]
    changed = list(vectors)
    v = vectors[5] + 0.3 * rng.normal(size=DIM).astype(np.float32)
    changed[5] = (v / np.linalg.norm(v)).astype(np.float32)
    assert pairs(run(vectors, changed)) == [((k,), (k,)) for k in range(12)]


def test_empty_sides() -> None:
    assert run([], [e(0)]) == []
    assert run([e(0)], []) == []


# -- property: random similarity structures ----------------------------------------------


@st.composite
def structures(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, list[Unit], list[Unit]]:
    n = draw(st.integers(0, 9))
    m = draw(st.integers(0, 9))
    dim = draw(st.integers(2, 6))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    base = rng.normal(size=(max(n, 1), dim))
    o = base[:n] + 0.1 * rng.normal(size=(n, dim))
    # Candidates: noisy copies of random originals, or fresh vectors.
    rows = []
    for _ in range(m):
        if n and rng.random() < 0.7:
            rows.append(base[rng.integers(0, n)] + draw(st.sampled_from([0.05, 0.3, 1.0])) * rng.normal(size=dim))
        else:
            rows.append(rng.normal(size=dim))
    c = np.array(rows).reshape(m, dim)

    def norm(x: np.ndarray) -> np.ndarray:
        if not len(x):
            return x.astype(np.float32)
        return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)

    o_units = [Unit(index=3 * k + 1, words=draw(st.integers(1, 30)), heading=draw(st.booleans()) and rng.random() < 0.3)
               for k in range(n)]
    c_units = [Unit(index=2 * k, words=draw(st.integers(1, 30)), heading=rng.random() < 0.2) for k in range(m)]
    return norm(o), norm(c), o_units, c_units


def check_links(links: list[Link], o_units: list[Unit], c_units: list[Unit], costs: AlignCosts) -> None:
    o_ids, c_ids = {u.index for u in o_units}, {u.index for u in c_units}
    seen_o: list[int] = []
    seen_c: list[int] = []
    for link in links:
        assert link.original and link.candidate
        assert len(link.original) <= costs.max_window and len(link.candidate) <= costs.max_window
        assert set(link.original) <= o_ids and set(link.candidate) <= c_ids
        assert list(link.original) == sorted(link.original)
        assert list(link.candidate) == sorted(link.candidate)
        assert -1.0 - 1e-6 <= link.similarity <= 1.0 + 1e-6
        seen_o.extend(link.original)
        seen_c.extend(link.candidate)
    assert len(seen_o) == len(set(seen_o)), "an original unit is in two links"
    assert len(seen_c) == len(set(seen_c)), "a candidate unit is in two links"
    keys = [(link.original[0], link.candidate[0]) for link in links]
    assert keys == sorted(keys)


@settings(max_examples=150, deadline=None)
@given(structures())
def test_property_links_are_disjoint_and_sorted(case: tuple[np.ndarray, np.ndarray, list[Unit], list[Unit]]) -> None:
    o, c, o_units, c_units = case
    links = align(o, c, o_units, c_units, COSTS)
    check_links(links, o_units, c_units, COSTS)


@settings(max_examples=150, deadline=None)
@given(structures())
def test_property_first_pass_is_monotonic(case: tuple[np.ndarray, np.ndarray, list[Unit], list[Unit]]) -> None:
    o, c, o_units, c_units = case
    # nothing can be rescued: only the first pass links (identical sentences are anchors in
    # every pass, a moved one too, so none are taken for identical here)
    costs = AlignCosts(rescue_floor=1.5, identical_similarity=2.0)
    links = align(o, c, o_units, c_units, costs)
    check_links(links, o_units, c_units, costs)
    for prev, nxt in itertools.pairwise(links):
        assert max(prev.original) < min(nxt.original)
        assert max(prev.candidate) < min(nxt.candidate)
    # Windows of the first pass join adjacent units only.
    o_pos = {u.index: k for k, u in enumerate(o_units)}
    c_pos = {u.index: k for k, u in enumerate(c_units)}
    for link in links:
        op = [o_pos[i] for i in link.original]
        cp = [c_pos[j] for j in link.candidate]
        assert op == list(range(op[0], op[0] + len(op)))
        assert cp == list(range(cp[0], cp[0] + len(cp)))


@settings(max_examples=150, deadline=None)
@given(structures())
def test_property_headings_only_in_one_to_one(case: tuple[np.ndarray, np.ndarray, list[Unit], list[Unit]]) -> None:
    o, c, o_units, c_units = case
    links = align(o, c, o_units, c_units, COSTS)
    o_head = {u.index for u in o_units if u.heading}
    c_head = {u.index for u in c_units if u.heading}
    for link in links:
        if o_head & set(link.original) or c_head & set(link.candidate):
            assert len(link.original) == 1 and len(link.candidate) == 1, link


def test_a_short_dropped_sentence_is_not_carried_by_its_neighbours_link() -> None:
    """A two-word sentence the candidate dropped weighs little in a sum of vectors, so
    the dynamic program can merge it into its neighbour's link (similarity 0.98 of
    1.0, within the merge tolerance); the link read without it is closer, so it is
    let go and reported as unaligned."""
    orig = [e(0), e(7), e(1), e(2)]
    cand = [e(0), e(1), e(2)]
    o_units = [Unit(0, 10, False), Unit(1, 2, False), Unit(2, 10, False), Unit(3, 10, False)]
    merging = run(orig, cand, o_units, costs=AlignCosts(keep_gain=-1.0))  # nothing let go: the bare program
    assert any(len(link.original) == 2 for link in merging)
    links = run(orig, cand, o_units)
    assert pairs(links) == [((0,), (0,)), ((2,), (1,)), ((3,), (2,))]
    assert all(link.similarity > 0.99 for link in links)


def test_a_merge_is_judged_on_the_texts_read_together() -> None:
    """Read as one text, the two candidate sentences come closer to the original
    sentence than the first alone (a sentence the translator split): the link keeps
    both; read so that the second pulls the window away (a sentence with no source), it
    is let go."""
    whole = unit(1, 2)
    orig = [e(0), whole, e(3)]
    cand = [e(0), unit(1, 2, 2), unit(1, 2, 9), e(3)]

    def reader(together: np.ndarray) -> Callable[[list[tuple[str, list[int]]]], list[np.ndarray]]:
        def encode_window(windows: list[tuple[str, list[int]]]) -> list[np.ndarray]:
            out = []
            for side, positions in windows:
                if side == "candidate" and list(positions) == [1, 2]:
                    out.append(together)
                    continue
                summed = sum((orig if side == "original" else cand)[p] for p in positions)
                out.append((summed / np.linalg.norm(summed)).astype(np.float32))
            return out
        return encode_window

    kept = align(np.stack(orig), np.stack(cand), units(3), units(4), COSTS, reader(whole))
    assert ((1,), (1, 2)) in pairs(kept)
    let_go = align(np.stack(orig), np.stack(cand), units(3), units(4), COSTS, reader(unit(1, 9, 9)))
    assert ((1,), (1,)) in pairs(let_go) and all(2 not in link.candidate for link in let_go)
