"""Numbers and amounts: digits and number words compared by value ("3,000" = "three
thousand", "a hundred" = "100", "a dozen" = 12), ordinals, multipliers, fractions and
durations ("ten years" = "a decade").

A number of the candidate that the original does not have is certain (major) only
when a number of the original is missing from the candidate too: a number replaced.
A number the candidate adds while keeping all of the original's ("on the 26th") is
often a translator making something explicit: evidence, minor. A number of the
original that the candidate drops is reported on the original side.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from scoring import lexicon
from scoring.checks.base import Check, LinkContext, Token, register, tokens
from scoring.types import Finding, Span

NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "dozen": 12, "couple": 2,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000, "thousands": 1_000, "millions": 1_000_000, "hundreds": 100,
          "k": 1_000, "m": 1_000_000, "bn": 1_000_000_000}
NUMBER = re.compile(
    r"(?<![\w.])(?<![^\W\d_]-)(\d{1,3}(?:[,\u202f\u00a0]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?!\d|[.,]\d|(?:st|nd|rd|th)\b)"
    r"(?:\s*(%|percent|per cent))?"
    r"(?:[\s-]*(hundred|thousand|million|billion|trillion|k|m|bn)\b)?",
    re.I,
)
# "one" is as often a pronoun ("one to mark ..., the other to ...") or stands for "a"
# as it is a count: a "one" the original lacks is never certain.
WEAK_NUMBER_WORDS = frozenset({"one", "couple"})
_ORDINAL_DIGITS = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(?:st|nd|rd|th)\b", re.I)
_ONE_LIKE = frozenset({"a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"})
# Words that imply a count without being numbers: "both leaders" = "the two leaders",
# but "both" never stands as a number a translation must carry.
IMPLIED = {"both": 2.0, "pair": 2.0, "twin": 2.0, "twins": 2.0, "single": 1.0, "sole": 1.0, "alone": 1.0}
_TENS = frozenset({"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"})
_UNITS = frozenset({"one", "two", "three", "four", "five", "six", "seven", "eight", "nine"})
_YEAR = re.compile(r"^(1[89]|20|21)\d\d$")
_PRONOUN_BEFORE_ONE = frozenset({"no", "any", "every", "each", "this", "that", "which", "the", "someone"})


def _value(m: re.Match[str]) -> float:
    raw = re.sub(r"[,\u202f\u00a0]", "", m.group(1))
    value = float(raw)
    if m.group(3):
        value *= SCALES[m.group(3).lower()]
    return value


def _word_value(word: str) -> float | None:
    """The value of a number word, of a hyphenated number ('twenty-five'), or of the
    number word a hyphenated compound starts with ('hundred-run', 'three-year-old')."""
    if word in NUMBER_WORDS:
        return float(NUMBER_WORDS[word])
    if word in SCALES and len(word) > 2:
        return float(SCALES[word])
    if "-" in word:
        parts = word.split("-")
        if all(p in NUMBER_WORDS for p in parts):
            return float(sum(NUMBER_WORDS[p] for p in parts))
        if parts[0] in NUMBER_WORDS and parts[0] not in WEAK_NUMBER_WORDS:
            return float(NUMBER_WORDS[parts[0]])
    return None


def numbers(text: str, offset: int = 0, toks: Sequence[Token] | None = None) -> list[tuple[float, Span]]:
    """Numeric values in `text`: digits (with scale words) and number words, with
    their spans in document offsets (`offset` is where `text` starts).

    `toks`, when given, are `tokens(text, offset)`. "no one" is not a number, nor is
    "the couple"; "a couple of" is two, "a hundred-run stand" a hundred."""
    out: list[tuple[float, Span]] = []
    digit_spans = []
    for m in NUMBER.finditer(text):
        out.append((_value(m), Span(offset + m.start(), offset + m.end(), m.group().strip())))
        digit_spans.append((offset + m.start(), offset + m.end()))
    # Scale words already read with their digits ("2.5 million") are not numbers again.
    words = [t for t in (tokens(text, offset) if toks is None else toks)
             if not any(lo <= t.start < hi for lo, hi in digit_spans)]
    k = 0
    while k < len(words):
        word = words[k].lower
        pronoun = word == "one" and (
            (k and words[k - 1].lower in _PRONOUN_BEFORE_ONE)
            or (k + 1 < len(words) and words[k + 1].lower in ("another", "other")))
        married = word == "couple" and not (k + 1 < len(words) and words[k + 1].lower == "of")  # "the couple"
        value = None if pronoun or married else _word_value(word)
        if value is None:
            k += 1
            continue
        start, end = words[k].start, words[k].end
        first = word
        units = words[k + 1].lower if k + 1 < len(words) else ""
        if word in _TENS and units in _UNITS and not text[end - offset : words[k + 1].start - offset].strip(" -"):
            k += 1  # "thirty two" = 32
            value += NUMBER_WORDS[units]
            end = words[k].end
        while k + 1 < len(words) and words[k + 1].lower in SCALES and len(words[k + 1].lower) > 2 \
                and "-" not in word:
            k += 1
            value *= SCALES[words[k].lower] if value != SCALES.get(first) else 1
            end = words[k].end
        out.append((value, Span(start, end, text[start - offset : end - offset])))
        k += 1
    return out


def _time_key(word: str) -> str:
    if word.endswith("'s"):
        word = word[:-2]
    return lexicon.TIME_ALIASES.get(word, word)


class Quantities:
    """What a window says about amounts: cardinals (`numbers`), ordinals (first, 2nd),
    multipliers (doubled, twice), fractions (half, a quarter of) and durations
    (ten years = a decade = 3650 days), all in document offsets."""

    def __init__(self, text: str, offset: int, toks: list[Token]) -> None:
        self.numbers = numbers(text, offset, toks)
        self.ordinals: dict[float, Span] = {}
        self.multipliers: dict[float, Span] = {}
        self.fractions: dict[float, Span] = {}
        self.durations: list[tuple[float, int, int]] = []  # days, start, end (number to unit)
        self.not_time: set[int] = set()  # token starts of ordinal "second"s / fraction "quarter"s
        self.implied = {IMPLIED[t.lower] for t in toks if t.lower in IMPLIED}
        for m in _ORDINAL_DIGITS.finditer(text):
            self.ordinals.setdefault(float(m.group(1).replace(",", "")),
                                     Span(offset + m.start(), offset + m.end(), m.group()))
        num_end = {sp.end: v for v, sp in self.numbers}
        num_starts = {sp.end: sp.start for _, sp in self.numbers}
        for k, t in enumerate(toks):
            w = t.lower
            prev = toks[k - 1].lower if k else ""
            # "a third of", "two thirds", "half"; not "the third day", "the fifth of May", "the first quarter"
            if w in lexicon.FRACTIONS and prev not in lexicon.ORDINALS and (
                    w == "half" or w.endswith("s") or prev in _ONE_LIKE):
                self.fractions.setdefault(lexicon.FRACTIONS[w], Span(t.start, t.end, t.text))
                self.not_time.add(t.start)
                continue
            if w in lexicon.FIRST_WORDS:
                self.ordinals.setdefault(1.0, Span(t.start, t.end, t.text))
                continue
            if w in lexicon.ORDINALS and not (w == "second" and any(  # "the second", not "2 second" (a unit)
                    0 <= t.start - e <= 1 and not text[e - offset : t.start - offset].strip(" -") for e in num_end)):
                self.ordinals.setdefault(float(lexicon.ORDINALS[w]), Span(t.start, t.end, t.text))
                self.not_time.add(t.start)
                continue
            if w in lexicon.MULTIPLIERS:
                self.multipliers.setdefault(lexicon.MULTIPLIERS[w], Span(t.start, t.end, t.text))
                continue
            key = _time_key(w)
            if key in lexicon.UNIT_DAYS:
                value, start = 1.0, t.start
                for e, v in num_end.items():
                    if 0 <= t.start - e <= 1 and not text[e - offset : t.start - offset].strip(" -"):
                        value, start = v, num_starts[e]
                self.durations.append((value * lexicon.UNIT_DAYS[key], start, t.end))

    def values(self) -> list[float]:
        """Every amount a number of the other side may stand for."""
        return [v for v, _ in self.numbers] + list(self.multipliers) + list(self.ordinals) + list(self.implied)

    def has_duration(self, days: float) -> bool:
        return any(abs(d - days) <= 0.03 * max(d, days) for d, _, _ in self.durations)

    def duration_at(self, start: int, end: int) -> float | None:
        """The duration a number or unit word between `start` and `end` is part of."""
        for d, lo, hi in self.durations:
            if lo <= start and end <= hi:
                return d
        return None


def same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(b))


def _explained(value: float, span: Span, mine: Quantities, other: Quantities) -> bool:
    """Does the other side state this amount, in any of the forms it may take?"""
    if any(same_value(value, o) for o in other.values()):
        return True
    if ("%" in span.text or "cent" in span.text.lower()) and any(same_value(value / 100, f) for f in other.fractions):
        return True
    days = mine.duration_at(span.start, span.end)
    return days is not None and other.has_duration(days)  # "10 years" for "a decade"


@register
class NumberCheck(Check):
    """Cardinals, ordinals, multipliers and fractions of both windows by value."""

    name = "number"
    version = 2

    def run(self, ctx: LinkContext) -> list[Finding]:
        oq, cq = ctx.o_quantities, ctx.c_quantities
        said = ", ".join(s.text for _, s in oq.numbers) or "no number"
        dropped = [(v, sp) for v, sp in oq.numbers
                   if not _explained(v, sp, oq, cq) and sp.text.lower() not in WEAK_NUMBER_WORDS]
        findings: list[Finding] = []
        for value, span in cq.numbers:
            if _explained(value, span, cq, oq):
                continue
            replaced = bool(dropped) and span.text.lower() not in WEAK_NUMBER_WORDS
            if replaced:
                msg = f"number '{span.text}' where the original says '{', '.join(sp.text for _, sp in dropped)}'"
            else:
                msg = f"number '{span.text}' is not in the original (it has: {said})"
            findings.append(Finding("number", "major" if replaced else "minor", (span,), msg, said, certain=replaced))
        for name, o_class, c_class in (("ordinal", oq.ordinals, cq.ordinals),
                                       ("multiplier", oq.multipliers, cq.multipliers),
                                       ("fraction", oq.fractions, cq.fractions)):
            if not o_class:
                continue
            for value, span in c_class.items():
                if not any(same_value(value, o) for o in o_class):
                    was = ", ".join(sp.text for sp in o_class.values())
                    findings.append(Finding("number", "major", (span,),
                                            f"{name} '{span.text}' where the original says '{was}'", was))
        if not any(f.certain for f in findings):
            for value, span in dropped:
                if value in (1.0, 2.0):
                    continue  # "a"/"both" carry them without a number
                # the year of a date is often left out where the context gives it ("July 18, 2020")
                year = bool(_YEAR.match(span.text))
                findings.append(Finding("number", "minor" if year else "major", (span,),
                                        f"the candidate drops the number '{span.text}'", span.text,
                                        certain=not year, side="original"))
        return findings


@register
class TimeCheck(Check):
    """Time words of one class that replace each other: daily/weekly, Monday/Tuesday,
    June/July. Parts of the day (evening/night) blur into each other: uncertain."""

    name = "time"
    version = 2
    FUZZY_CLASSES = frozenset({"part of day"})

    def run(self, ctx: LinkContext) -> list[Finding]:
        oq, cq = ctx.o_quantities, ctx.c_quantities
        o = _time_words(ctx.o_toks, oq.not_time)
        c = _time_words(ctx.c_toks, cq.not_time)
        findings: list[Finding] = []
        for cls, words in c.items():
            o_words = o.get(cls, {})
            if not o_words:
                continue
            for word, tok in words.items():
                if word in o_words:
                    continue
                days = cq.duration_at(tok.start, tok.end)
                if days is not None and oq.has_duration(days):
                    continue  # "a fortnight" for "two weeks"
                lost = [t for w, t in o_words.items() if w not in words]
                certain = bool(lost) and cls not in self.FUZZY_CLASSES
                said = ", ".join(x.text for x in o_words.values())
                findings.append(Finding("number", "major" if certain else "minor", (Span(tok.start, tok.end, tok.text),),
                                        f"time word '{tok.text}' where the original says '{said}'", said,
                                        certain=certain))
        return findings


# The classes of `lexicon.TIME_CLASSES` each time word is in, in the order of the classes.
_TIME_CLASSES_OF: dict[str, tuple[str, ...]] = {}
for _cls, _words in lexicon.TIME_CLASSES.items():
    for _word in dict.fromkeys(_words):
        _TIME_CLASSES_OF[_word] = (*_TIME_CLASSES_OF.get(_word, ()), _cls)


def _time_words(toks: list[Token], skip: set[int]) -> dict[str, dict[str, Token]]:
    found: dict[str, dict[str, Token]] = {}
    for k, t in enumerate(toks):
        if t.start in skip:
            continue
        word = _time_key(t.lower)
        prev = toks[k - 1].lower if k else ""
        if word in lexicon.UNIT_FREQUENCY and (prev in ("per", "every", "each") or (
                prev in ("a", "an") and k >= 2 and (toks[k - 2].lower in ("once", "twice", "times")
                                                    or toks[k - 2].lower in SCALES
                                                    or toks[k - 2].lower in lexicon.RATE_NOUNS))):
            # "once a week" is weekly, "per day" daily
            found.setdefault("frequency", {}).setdefault(lexicon.UNIT_FREQUENCY[word], t)
        for cls in _TIME_CLASSES_OF.get(word, ()):
            if cls == "month" and word == "may" and not t.text[0].isupper():
                continue
            if cls == "season" and word == "spring" and t.text[0].isupper():
                continue
            found.setdefault(cls, {}).setdefault(word, t)
    return found
