"""Document-level cases: articles with their gold sentence alignment.

Each story of `bench.quality.data` becomes an original article (title line, then
paragraphs of its original sentences) and three republished versions built from the
faithful rewrites, each with a different set of structural edits:

* `drop+invent+heading`: one sentence dropped, one invented sentence inserted, one
  sub-heading inserted between paragraphs;
* `merge+split+move`: two neighbouring sentences merged into one, one sentence split
  in two, one paragraph moved to another place;
* `mixed`: three of the six edits drawn by the seeded generator.

The gold alignment is a list of beads `(original indices, candidate indices)` over
the sentences as written here (index 0 is the title on both sides): 1-1 links, 2-1
for a merge, 1-2 for a split, 1-0 for a dropped sentence and 0-1 for an invented
sentence or an inserted heading - the format Vecalign's and Bertalign's scorers read.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from bench.quality.data import HEADINGS, STORIES, Story
from bench.quality.lexicon import NATIONALITIES, ORGANISATIONS, PEOPLE, PLACES
from bench.quality.perturb import SEED, faithful, story_splits

Bead = tuple[tuple[int, ...], tuple[int, ...]]
EDITS: tuple[str, ...] = ("drop", "invent", "heading", "merge", "split", "move")
KINDS: dict[str, tuple[str, ...]] = {
    "drop+invent+heading": ("drop", "invent", "heading"),
    "merge+split+move": ("merge", "split", "move"),
    "mixed": (),
}
# First words that keep their capital when a sentence becomes the second half of a
# merge (names); any other first word is lower-cased.
PROPER = frozenset(name.split()[0] for table in (PEOPLE, PLACES, ORGANISATIONS, NATIONALITIES) for name in table) \
    | {"Chileans", "Swedish", "German", "Eurozone", "Measles"}


@dataclass(frozen=True)
class DocCase:
    """One original/candidate article pair and its gold alignment.

    `original_sentences[i]` / `candidate_sentences[j]` are the sentences the gold
    indices refer to, and `*_spans` their character spans in `original` / `candidate`.
    `omitted` are original sentences without counterpart, `added` candidate content
    sentences without source, `headings` the inserted candidate headings."""

    id: str
    story: str
    split: str
    kind: str
    edits: tuple[str, ...]
    original: str
    candidate: str
    original_sentences: tuple[str, ...]
    candidate_sentences: tuple[str, ...]
    original_spans: tuple[tuple[int, int], ...]
    candidate_spans: tuple[tuple[int, int], ...]
    gold: tuple[Bead, ...]
    omitted: tuple[int, ...]
    added: tuple[int, ...]
    headings: tuple[int, ...]


@dataclass
class _Unit:
    """A candidate sentence being built: its text, its source sentences, its role."""

    text: str
    sources: tuple[int, ...]
    role: str = "content"  # content | invented | heading
    split_group: int = -1  # the two halves of a split share a group


def _layout(paragraphs: list[list[str]]) -> tuple[str, list[tuple[int, int]]]:
    """Join paragraphs (the first is the title line) into text; sentence spans out."""
    text = ""
    spans: list[tuple[int, int]] = []
    for k, para in enumerate(paragraphs):
        if k:
            text += "\n\n"
        for m, sentence in enumerate(para):
            if m:
                text += " "
            spans.append((len(text), len(text) + len(sentence)))
            text += sentence
    return text + "\n", spans


def _paragraph_sizes(n: int, rng: random.Random) -> list[int]:
    sizes: list[int] = []
    while n > 0:
        size = min(n, rng.choice((2, 3)))
        if n - size == 1:
            size += 1
        sizes.append(size)
        n -= size
    return sizes


def _merge_text(first: str, second: str) -> str:
    head = first.rstrip().rstrip(".")
    word = second.split()[0].rstrip(",'’s")
    tail = second if word in PROPER else second[0].lower() + second[1:]
    return f"{head}, and {tail}"


def build_doc(story: Story, kind: str, seed: int = SEED, split: str = "dev") -> DocCase:
    """One republished version of `story` with the edits of `kind`."""
    rng = random.Random(f"{seed}:{story.id}:{kind}")
    edits = KINDS[kind] or tuple(sorted(rng.sample(EDITS, 3), key=EDITS.index))
    pairs = [faithful(p) for p in story.pairs]
    n = len(pairs)
    sizes = _paragraph_sizes(n, rng)
    # Paragraphs of the candidate as lists of units; original sentence i+1 is pair i.
    cand: list[list[_Unit]] = []
    k = 0
    for size in sizes:
        cand.append([_Unit(pairs[i][1], (i + 1,)) for i in range(k, k + size)])
        k += size
    splittable = [i for i, p in enumerate(story.pairs) if p.split]
    dropped: set[int] = set()
    if "drop" in edits:
        # Never the first sentence of the article (the lead) nor a splittable one.
        choices = [i for i in range(1, n) if i not in splittable[:1]]
        victim = rng.choice(choices) + 1
        dropped.add(victim)
        for para in cand:
            para[:] = [u for u in para if u.sources != (victim,)]
    if "split" in edits and splittable:
        target = splittable[0] + 1
        first, second = story.pairs[target - 1].split or ("", "")
        for para in cand:
            for pos, u in enumerate(para):
                if u.sources == (target,):
                    para[pos : pos + 1] = [_Unit(first, (target,), split_group=target),
                                           _Unit(second, (target,), split_group=target)]
                    break
    if "merge" in edits:
        options = [(p, q) for p, para in enumerate(cand) for q in range(len(para) - 1)
                   if para[q].split_group < 0 and para[q + 1].split_group < 0
                   and len(para[q].sources) == 1 and len(para[q + 1].sources) == 1]
        if options:
            p, q = rng.choice(options)
            a, b = cand[p][q], cand[p][q + 1]
            cand[p][q : q + 2] = [_Unit(_merge_text(a.text, b.text), a.sources + b.sources)]
    if "invent" in edits:
        p = rng.randrange(len(cand))
        cand[p].insert(rng.randrange(len(cand[p]) + 1), _Unit(story.invented, (), "invented"))
    cand = [para for para in cand if para]
    if "move" in edits and len(cand) >= 3:
        src = rng.randrange(1, len(cand))
        para = cand.pop(src)
        dst = rng.choice([d for d in range(len(cand) + 1) if d != src])
        cand.insert(dst, para)
    if "heading" in edits and len(cand) >= 2:
        at = rng.randrange(1, len(cand))
        cand.insert(at, [_Unit(rng.choice(HEADINGS), (), "heading")])
    # Lay both articles out and derive the gold beads.
    o_paras: list[list[str]] = [[story.title[0]]]
    k = 0
    for size in sizes:
        o_paras.append([pairs[i][0] for i in range(k, k + size)])
        k += size
    original_text, o_spans = _layout(o_paras)
    units = [_Unit(story.title[1], (0,))] + [u for para in cand for u in para]
    candidate_text, c_spans = _layout([[story.title[1]]] + [[u.text for u in para] for para in cand])
    beads: dict[tuple[int, ...], list[int]] = {}
    added: list[int] = []
    headings: list[int] = []
    gold: list[Bead] = []
    for j, u in enumerate(units):
        if u.sources:
            beads.setdefault(u.sources, []).append(j)
        else:
            gold.append(((), (j,)))
            (headings if u.role == "heading" else added).append(j)
    gold.extend((src, tuple(js)) for src, js in beads.items())
    gold.extend(((i,), ()) for i in sorted(dropped))
    gold.sort(key=lambda b: (b[0][0] if b[0] else -1, b[1][0] if b[1] else -1))
    o_sentences = tuple(original_text[s:e] for s, e in o_spans)
    c_sentences = tuple(candidate_text[s:e] for s, e in c_spans)
    return DocCase(f"{story.id}/{kind}", story.id, split, kind, edits, original_text, candidate_text, o_sentences,
                   c_sentences, tuple(o_spans), tuple(c_spans), tuple(gold), tuple(sorted(dropped)),
                   tuple(added), tuple(headings))


def build_docs(seed: int = SEED) -> list[DocCase]:
    """Three document cases per story, split like the sentence items (by story)."""
    splits = story_splits(STORIES, seed)
    return [build_doc(story, kind, seed, splits[story.id]) for story in STORIES for kind in KINDS]
