"""Sentence-level items: faithful pairs plus controlled errors with known spans.

In the manner of DEMETR and ACES, every base pair of `bench.quality.data` yields its
faithful rewrite (label ok), a meaning-preserving rewording of it (ok), and one item
per error type that applies to it. Each perturbation is a pure function of the pair
and a seeded `random.Random`, so the same seed gives the same items, and returns the
changed candidate with the character span of the error in it (`candidate[start:end]`),
or no span where the error is an absence (a dropped clause, a removed modifier).

Labels (MQM-style):

| type | label |
|---|---|
| faithful, reworded | ok |
| minor-shading (reporting verb, hedge, modifier lost) | minor |
| number, date/time, entity-place/-org/-nationality, substitution, invented-clause, untranslated | major |
| dropped-clause | major when it carries a number or 4+ words, else minor |
| entity-person, negation, antonym | critical (the claim is reversed or given to someone else) |

The split is by story (so by base pair too): stories are ordered by a hash of the
seed and their id and alternate between dev and test.
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from bench.quality.data import INVENTED_CLAUSES, STORIES, BasePair, Story
from bench.quality.lexicon import (
    ANTONYMS,
    AUXILIARIES,
    MINOR_EDITS,
    NATIONALITIES,
    NEGATION_REMOVALS,
    NUMBER_WORD_SWAPS,
    OK_EDITS,
    ORGANISATIONS,
    PEOPLE,
    PLACES,
    SUBSTITUTIONS,
    TIME_SWAPS,
)

SEED = 20240611
LABELS: tuple[str, ...] = ("ok", "minor", "major", "critical")
BRACKET = re.compile(r"\[([^\]]*)\]")
DIGITS = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![\d,])")
YEAR = re.compile(r"(?<![\w,.-])(19[5-9]\d|20[0-4]\d)(?![\w,-])")

Span = tuple[int, int]


@dataclass(frozen=True)
class Item:
    """One (original, candidate) pair with its gold label and error span.

    `span` is the error's character span in `candidate` (None when the error is an
    absence); `note` says what was changed, for reading failures."""

    id: str
    base: str
    story: str
    split: str
    type: str
    label: str
    original: str
    candidate: str
    span: Span | None
    note: str


def render(text: str, clause: str | None = "keep") -> tuple[str, Span | None]:
    """Resolve the `[...]` mark-up: keep the clause ("keep"), drop it (None) or put
    `clause` in its place; returns the text and the span of what stands there."""
    m = BRACKET.search(text)
    if not m:
        return text, None
    inner = m.group(1) if clause == "keep" else (clause or "")
    out = text[: m.start()] + inner + text[m.end():]
    return out, (m.start(), m.start() + len(inner))


def faithful(pair: BasePair) -> tuple[str, str]:
    """The pair with its mark-up resolved (clauses kept)."""
    return render(pair.original)[0], render(pair.candidate)[0]


def _word_matches(text: str, phrase: str) -> list[re.Match[str]]:
    left = r"(?<![\w-])" if phrase[:1].isalnum() else ""
    right = r"(?![\w-])" if phrase[-1:].isalnum() else ""
    return list(re.finditer(left + re.escape(phrase) + right, text))


def _replace(text: str, start: int, end: int, new: str) -> tuple[str, Span]:
    return text[:start] + new + text[end:], (start, start + len(new))


def _lexicon_edit(text: str, table: Mapping[str, tuple[str, ...]], rng: random.Random
                  ) -> tuple[str, Span | None, str] | None:
    """Replace one occurrence of one phrase of `table` (chosen by `rng`)."""
    options = [(m, phrase) for phrase in sorted(table) for m in _word_matches(text, phrase)]
    if not options:
        return None
    m, phrase = options[rng.randrange(len(options))]
    new = rng.choice(table[phrase])
    out, span = _replace(text, m.start(), m.end(), new)
    if not new.strip():  # a deletion: no span; tidy a capital the deletion exposed
        if m.start() == 0 and out:
            out = out[0].upper() + out[1:]
        return out, None, f"'{phrase.strip()}' removed"
    return out, _trim(out, span), f"'{phrase}' -> '{new}'"


def _trim(text: str, span: Span) -> Span:
    """Shrink a span to its first and last word character."""
    start, end = span
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return start, end


# -- perturbations: (original, candidate, pair, rng) -> (candidate', span, note) or None --------

Perturbed = tuple[str, Span | None, str] | None


def p_number(pair: BasePair, candidate: str, rng: random.Random) -> Perturbed:
    years = {m.start() for m in YEAR.finditer(candidate)}
    digits = [m for m in DIGITS.finditer(candidate) if m.start() not in years]
    words = [(m, w) for w in sorted(NUMBER_WORD_SWAPS) for m in _word_matches(candidate, w)]
    pool: list[tuple[str, re.Match[str], str]] = [("d", m, "") for m in digits] + [("w", m, w) for m, w in words]
    if not pool:
        return None
    kind, m, word = pool[rng.randrange(len(pool))]
    if kind == "w":
        new = rng.choice(NUMBER_WORD_SWAPS[word])
        out, span = _replace(candidate, m.start(), m.end(), new)
        return out, span, f"'{word}' -> '{new}'"
    whole, frac = m.group(1), m.group(2) or ""
    value = int(whole.replace(",", ""))
    if frac:
        digits_after = frac[1:]
        new_frac = str((int(digits_after) + rng.randint(2, 7)) % (10 ** len(digits_after))).zfill(len(digits_after))
        new = f"{whole}.{new_frac}" if rng.random() < 0.5 else f"{frac[1:]}.{whole}"
    else:
        choices = [value * 10, value + max(1, round(value * rng.uniform(0.2, 0.6)))]
        if value >= 20:
            choices.append(value - max(1, round(value * rng.uniform(0.2, 0.5))))
        new_value = rng.choice(choices)
        new = f"{new_value:,}" if "," in whole or new_value >= 10_000 else str(new_value)
    out, span = _replace(candidate, m.start(), m.end(), new)
    return out, span, f"'{m.group()}' -> '{new}'"


def p_date(pair: BasePair, candidate: str, rng: random.Random) -> Perturbed:
    years = list(YEAR.finditer(candidate))
    words = [(m, w) for w in sorted(TIME_SWAPS) for m in _word_matches(candidate, w)]
    if not years and not words:
        return None
    k = rng.randrange(len(years) + len(words))
    if k < len(years):
        m = years[k]
        new = str(int(m.group()) + rng.choice([-3, -2, -1, 1, 2, 3]))
        out, span = _replace(candidate, m.start(), m.end(), new)
        return out, span, f"'{m.group()}' -> '{new}'"
    m, word = words[k - len(years)]
    new = rng.choice(TIME_SWAPS[word])
    out, span = _replace(candidate, m.start(), m.end(), new)
    return out, span, f"'{word}' -> '{new}'"


def _entity(table: Mapping[str, tuple[str, ...]]) -> Callable[[BasePair, str, random.Random], Perturbed]:
    def perturb(pair: BasePair, candidate: str, rng: random.Random) -> Perturbed:
        # Longest names first, and a short form never inside a longer one already matched.
        found: list[tuple[re.Match[str], str]] = []
        taken: list[Span] = []
        for name in sorted(table, key=len, reverse=True):
            for m in _word_matches(candidate, name):
                if not any(s <= m.start() < e for s, e in taken):
                    found.append((m, name))
                    taken.append((m.start(), m.end()))
        if not found:
            return None
        m, name = found[rng.randrange(len(found))]
        new = rng.choice(table[name])
        out, span = _replace(candidate, m.start(), m.end(), new)
        return out, span, f"'{name}' -> '{new}'"

    return perturb


def p_negation(pair: BasePair, candidate: str, rng: random.Random) -> Perturbed:
    removal = _lexicon_edit(candidate, {k: (v,) for k, v in NEGATION_REMOVALS.items()}, rng)
    if removal is not None:
        return removal
    for m in re.finditer(r"\b(" + "|".join(AUXILIARIES) + r")\b(?= (?!not\b|no\b)[a-z])", candidate):
        out = candidate[: m.end()] + " not" + candidate[m.end():]
        return out, (m.end() + 1, m.end() + 4), f"'{m.group()}' -> '{m.group()} not'"
    return None


def p_dropped(pair: BasePair, candidate: str, rng: random.Random) -> Perturbed:
    m = BRACKET.search(pair.candidate)
    if not m:
        return None
    out, _ = render(pair.candidate, None)
    return out, None, f"dropped '{m.group(1).strip(' ,')}'"


def p_invented(pair: BasePair, candidate: str, rng: random.Random) -> Perturbed:
    clause = rng.choice(INVENTED_CLAUSES)
    end = len(candidate.rstrip())
    if candidate[end - 1 : end] not in ".!?":
        return None
    out = candidate[: end - 1] + clause + candidate[end - 1 :]
    return out, _trim(out, (end - 1, end - 1 + len(clause))), f"added '{clause.strip(' ,')}'"


def p_untranslated(pair: BasePair, candidate: str, rng: random.Random) -> Perturbed:
    if pair.foreign is None:
        return None
    lang, text = pair.foreign
    out, span = render(pair.candidate, text)
    assert span is not None
    return out, _trim(out, span), f"clause left in '{lang}': '{text.strip(' ,')}'"


def p_reworded(pair: BasePair, candidate: str, rng: random.Random) -> Perturbed:
    """One to two meaning-preserving edits, or an 'On Monday, ...' moved to the end."""
    out = candidate
    notes: list[str] = []
    m = re.match(r"On (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\w)", out)
    if m and rng.random() < 0.5:
        body = out[m.end() - 1 :]
        body = body[0].upper() + body[1:]
        out = body[:-1] + f" on {m.group(1)}" + body[-1]
        notes.append(f"moved 'On {m.group(1)}'")
    for _ in range(2):
        edit = _lexicon_edit(out, OK_EDITS, rng)
        if edit is None:
            break
        out, _, note = edit
        notes.append(note)
    if not notes:
        return None
    return out, None, "; ".join(notes)


PERTURBATIONS: dict[str, tuple[str, Callable[[BasePair, str, random.Random], Perturbed]]] = {
    "reworded": ("ok", p_reworded),
    "minor-shading": ("minor", lambda p, c, r: _lexicon_edit(c, MINOR_EDITS, r)),
    "number": ("major", p_number),
    "date/time": ("major", p_date),
    "entity-person": ("critical", _entity(PEOPLE)),
    "entity-place": ("major", _entity(PLACES)),
    "entity-org": ("major", _entity(ORGANISATIONS)),
    "entity-nationality": ("major", _entity(NATIONALITIES)),
    "negation": ("critical", p_negation),
    "antonym": ("critical", lambda p, c, r: _lexicon_edit(c, ANTONYMS, r)),
    "substitution": ("major", lambda p, c, r: _lexicon_edit(c, SUBSTITUTIONS, r)),
    "dropped-clause": ("major", p_dropped),
    "invented-clause": ("major", p_invented),
    "untranslated": ("major", p_untranslated),
}
ERROR_TYPES: tuple[str, ...] = ("faithful", *PERTURBATIONS)
# Types drawn twice per base pair (a second, different error where the pair allows it),
# so that the rarer kinds still have enough items in each split.
TWICE: frozenset[str] = frozenset({"number", "date/time", "entity-person", "entity-place", "entity-org",
                                   "entity-nationality"})


def story_splits(stories: Iterable[Story] = STORIES, seed: int = SEED) -> dict[str, str]:
    """Story id -> 'dev' | 'test': ordered by a hash of (seed, id), alternating."""
    ordered = sorted((s.id for s in stories), key=lambda sid: hashlib.sha1(f"{seed}:{sid}".encode()).hexdigest())
    return {sid: ("dev" if k % 2 == 0 else "test") for k, sid in enumerate(ordered)}


def _dropped_label(pair: BasePair) -> str:
    m = BRACKET.search(pair.original) or BRACKET.search(pair.candidate)
    clause = m.group(1) if m else ""
    return "major" if re.search(r"\d", clause) or len(clause.split()) >= 4 else "minor"


def build_items(seed: int = SEED, stories: Iterable[Story] = STORIES) -> list[Item]:
    """All sentence-level items, in a stable order (story, pair, type)."""
    stories = list(stories)
    splits = story_splits(stories, seed)
    items: list[Item] = []
    for story in stories:
        for pair in story.pairs:
            original, candidate = faithful(pair)
            split = splits[story.id]
            items.append(Item(f"{pair.id}/faithful", pair.id, story.id, split, "faithful", "ok", original, candidate,
                              None, "faithful rewrite"))
            for name, (label, fn) in PERTURBATIONS.items():
                seen = {candidate}
                for variant in range(2 if name in TWICE else 1):
                    rng = random.Random(f"{seed}:{pair.id}:{name}:{variant}")
                    result = fn(pair, candidate, rng)
                    if result is None or result[0] in seen:
                        continue
                    text, span, note = result
                    seen.add(text)
                    if name == "dropped-clause":
                        label = _dropped_label(pair)
                    suffix = f"#{variant + 1}" if variant else ""
                    items.append(Item(f"{pair.id}/{name}{suffix}", pair.id, story.id, split, name, label, original,
                                      text, span, note))
    return items
