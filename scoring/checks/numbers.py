"""Numbers and amounts: digits and number words compared by value ("3,000" = "three
thousand", "a hundred" = "100", "a dozen" = 12), ordinals, multipliers, fractions and
durations ("ten years" = "a decade").

A number of the candidate that the original does not have is certain (major) only
when a number of the original is missing from the candidate too: a number replaced
(or said fewer times: "6-3, 7-6, 6-3" / "6-3, 7-6, 6-4").
A number the candidate adds while keeping all of the original's ("on the 26th") is
often a translator making something explicit: evidence, minor. A number of the
original that the candidate drops is reported on the original side. A number both
sides have counts the same thing: "48 days" for "48 hours", "5 g/kg" for "5 mg/kg" or
"three months" for "three matches" is another amount (`_unit_changes`).

The time check reads time words of one class (daily/weekly, Monday/Tuesday, last/next
week) and tense: a verb still to come told as done ("will travel" / "travelled").
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections import Counter
from collections.abc import Callable, Sequence

from scoring import lexicon
from scoring.checks.base import CLOSE_CHRF, Check, LinkContext, Token, base_forms, register, tokens, verb_forms
from scoring.checks.synonyms import groups_at
from scoring.score import STOPWORDS
from scoring.types import Finding, Span

NUMBER_WORDS, SCALES = lexicon.NUMBER_WORDS, lexicon.SCALES
NUMBER = re.compile(
    r"(?<![\w.])(?<![^\W\d_]-)(\d{1,3}(?:[,\u202f\u00a0]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)(?!\d|[.,]\d|(?:st|nd|rd|th)\b)"
    r"(?:\s*(%|percent(?!age)|per cent(?!age)))?"
    r"(?:[\s-]*(hundred|thousand|million|billion|trillion|k|m|bn)\b)?",
    re.I,
)
DECADE_WORDS: dict[str, int] = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
                                "seventies": 70, "eighties": 80, "nineties": 90}
_DECADE_END = re.compile(r"s\b")
_DECADE = re.compile(r"(?:1[89]|20)?(\d)0s")
_PREFIXED_YEAR = re.compile(r"\b(?:post|pre|mid|late|early)-((?:1[89]|20)\d\d)\b", re.I)
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
# Times of day, read as minutes after midnight: "6 p.m." = "18:00" = "18h00"; "noon".
_CLOCK_12 = re.compile(r"(?<![\w.:])(1[0-2]|0?[1-9])(?:\s?[:.]\s?([0-5]\d))?\s*([ap])\.?\s?m\b\.?", re.I)
_CLOCK_24 = re.compile(r"(?<![\w.:])([01]?\d|2[0-3])\s?(?::|h|H)\s?([0-5]\d)(?!\d)")
_CLOCK_WORDS = {"noon": 720, "midday": 720, "midnight": 0}
# "three in 10", "one out of four": a share, read as a fraction
_RATIO_JOINS = ("in", "out of")
# Units of measure with their size in the base unit of their dimension: "1.2 kilometres"
# = "1,200 metres", "20 cm" = "200 mm". ("m", "g" and "l" alone are left out: "5m" is
# five million.)
_LENGTH = {"km": 1000.0, "kilometre": 1000.0, "kilometer": 1000.0, "metre": 1.0, "meter": 1.0, "cm": 0.01,
           "centimetre": 0.01, "centimeter": 0.01, "mm": 0.001, "millimetre": 0.001, "millimeter": 0.001,
           "mile": 1609.344, "yard": 0.9144, "foot": 0.3048, "feet": 0.3048, "ft": 0.3048, "inch": 0.0254,
           "inches": 0.0254, "nautical mile": 1852.0}
_MASS = {"kg": 1000.0, "kilogram": 1000.0, "kilo": 1000.0, "gram": 1.0, "tonne": 1e6, "pound": 453.59237,
         "lb": 453.59237, "lbs": 453.59237, "ounce": 28.349523, "mg": 0.001, "milligram": 0.001,
         "microgram": 1e-6, "mcg": 1e-6}
_VOLUME = {"litre": 1.0, "liter": 1.0, "ml": 0.001, "millilitre": 0.001, "milliliter": 0.001, "gallon": 3.785411,
           "imperial gallon": 4.54609}
# areas in square metres; "square" before a unit of length squares it ("4 square kilometres")
_AREA = {"hectare": 1e4, "ha": 1e4, "acre": 4046.8564}
# speeds in metres per second; a unit of length "per hour" or "an hour" (or "km/h") is one too
_SPEED = {"mph": 1609.344 / 3600, "kph": 1000 / 3600, "kmh": 1000 / 3600, "knot": 1852 / 3600}
# amounts of data in bits ("1 gigabit per second" / "1,000 megabits per second": both per second)
_DATA = {"bit": 1.0, "kilobit": 1e3, "megabit": 1e6, "gigabit": 1e9, "terabit": 1e12, "kbps": 1e3, "mbps": 1e6,
         "gbps": 1e9, "tbps": 1e12, "byte": 8.0, "kilobyte": 8e3, "megabyte": 8e6, "gigabyte": 8e9, "terabyte": 8e12,
         "kb": 8e3, "mb": 8e6, "gb": 8e9, "tb": 8e12}
UNITS: dict[str, tuple[str, float]] = {
    **{u: ("length", f) for u, f in _LENGTH.items()}, **{u: ("mass", f) for u, f in _MASS.items()},
    **{u: ("volume", f) for u, f in _VOLUME.items()}, **{u: ("area", f) for u, f in _AREA.items()},
    **{u: ("speed", f) for u, f in _SPEED.items()}, **{u: ("data", f) for u, f in _DATA.items()}}
# two renderings of one measure agree this closely ("5 miles" / "8 km" is within 1%)
_MEASURE_TOLERANCE = 0.02
# How much of a group a determiner says: "all"/"every" are one amount, "some"/"several"
# another. Read only where the word opens a noun phrase ("All schools", "most of the").
# ("none" against "all" is an opposite the polarity check counts with the other
# negations: "None ... were hurt" = "All ... escaped injury".)
QUANTIFIERS = {"all": "all", "every": "all", "each": "all", "both": "all", "entire": "all",
               "most": "most", "majority": "most",
               "some": "some", "several": "some", "many": "some", "numerous": "some", "various": "some",
               "multiple": "some",
               "few": "few", "minority": "few", "handful": "few"}
# words after which "all", "most" ... are not a determiner ("at all", "after all", "at most")
_NOT_QUANTIFYING_AFTER = frozenset({"at", "after", "above", "in", "for", "once", "first", "not"})


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


# A race time: minutes, then seconds with hundredths ("3:49.11", "4:27.71").
_LAP_TIME = re.compile(r"(?<![\d:])(\d{1,2}):(\d{2}\.\d{1,3})(?![\d:])")


# The first word of a year said aloud ("nineteen eighty-six", "twenty twenty-four").
_YEAR_HUNDREDS = frozenset({"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
                            "nineteen", "twenty"})


def _below_hundred(words: Sequence[Token], k: int, text: str, offset: int) -> tuple[float, int] | None:
    """The value of the number word(s) below a hundred at `words[k]` ("forty", "forty-two",
    "forty two") and the position of its last word, or None."""
    if k >= len(words):
        return None
    value = _word_value(words[k].lower) if words[k].lower not in SCALES else None
    if value is None or value >= 100 or not all(part in NUMBER_WORDS for part in words[k].lower.split("-")):
        return None
    if words[k].lower in _TENS and k + 1 < len(words) and words[k + 1].lower in _UNITS \
            and not text[words[k].end - offset : words[k + 1].start - offset].strip(" -"):
        return value + NUMBER_WORDS[words[k + 1].lower], k + 1
    return value, k


def _smaller_part(words: Sequence[Token], k: int, above: int, text: str, offset: int
                  ) -> tuple[float, int, int] | None:
    """The number said in words at `words[k]` that adds to one ending in the scale `above`
    ("five hundred" after "two thousand", "twenty" after "a hundred"), with nothing but
    spaces between: (its value, its last word's position, its own last scale, 1 for none)."""
    if k < len(words) and words[k].lower == "and" and above >= 1_000:
        k += 1  # "two thousand and five"
    if k >= len(words) or text[words[k - 1].end - offset : words[k].start - offset].strip():
        return None
    part = _below_hundred(words, k, text, offset)
    if part is None:
        return None
    value, k = part
    scale = 1
    while k + 1 < len(words) and words[k + 1].lower in SCALES and len(words[k + 1].lower) > 2 \
            and SCALES[words[k + 1].lower] < above and SCALES[words[k + 1].lower] > scale \
            and not text[words[k].end - offset : words[k + 1].start - offset].strip():
        k += 1
        scale = SCALES[words[k].lower]
        value *= scale
    return (value, k, scale) if value < above else None


def numbers(text: str, offset: int = 0, toks: Sequence[Token] | None = None) -> list[tuple[float, Span]]:
    """Numeric values in `text`: digits (with scale words) and number words, with
    their spans in document offsets (`offset` is where `text` starts).

    `toks`, when given, are `tokens(text, offset)`. "no one" is not a number, nor is
    "the couple"; "a couple of" is two, "a hundred-run stand" a hundred."""
    out: list[tuple[float, Span]] = []
    digit_spans = []
    for m in NUMBER.finditer(text):
        end = m.end()
        if _DECADE_END.match(text, end) and _DECADE.fullmatch(m.group().strip() + "s"):
            end += 1  # "1990s", "the '90s": the span names the decade
        out.append((_value(m), Span(offset + m.start(), offset + end, text[m.start():end].strip())))
        digit_spans.append((offset + m.start(), offset + end))
    for m in _PREFIXED_YEAR.finditer(text):  # "post-2020" (NUMBER skips "COVID-19", "G-7")
        out.append((float(m.group(1)), Span(offset + m.start(1), offset + m.end(1), m.group(1))))
        digit_spans.append((offset + m.start(1), offset + m.end(1)))
    digit_spans.sort()
    # Scale words already read with their digits ("2.5 million") are not numbers again.
    words = [t for t in (tokens(text, offset) if toks is None else toks) if not _inside(t.start, digit_spans)]
    k = 0
    while k < len(words):
        word = words[k].lower
        # "that one", "one another"; not "that one in eight workers", a share
        pronoun = word == "one" and not (k + 1 < len(words) and words[k + 1].lower in ("in", "out")) and (
            (k and words[k - 1].lower in _PRONOUN_BEFORE_ONE)
            or (k + 1 < len(words) and words[k + 1].lower in ("another", "other")))
        married = word == "couple" and not (k + 1 < len(words) and words[k + 1].lower == "of")  # "the couple"
        value = None if pronoun or married else _word_value(word)
        if value is None and word in DECADE_WORDS:
            value = float(DECADE_WORDS[word])  # "the nineties"
        if value is None and word == "half" and k + 2 < len(words) and words[k + 1].lower in ("a", "an") \
                and words[k + 2].lower in SCALES and len(words[k + 2].lower) > 2:
            value = 0.5 * SCALES[words[k + 2].lower]  # "half a million"
            out.append((value, Span(words[k].start, words[k + 2].end,
                                    text[words[k].start - offset : words[k + 2].end - offset])))
            k += 3
            continue
        if value is None:
            k += 1
            continue
        start, end = words[k].start, words[k].end
        first, first_at = word, k
        units = words[k + 1].lower if k + 1 < len(words) else ""
        if word in _TENS and units in _UNITS and not text[end - offset : words[k + 1].start - offset].strip(" -"):
            k += 1  # "thirty two" = 32
            value += NUMBER_WORDS[units]
            end = words[k].end
        if k + 3 < len(words) and [w.lower for w in words[k + 1 : k + 4]] == ["and", "a", "half"]:
            k += 3  # "one and a half (million)"
            value += 0.5
            end = words[k].end
        scale = SCALES.get(first, 1) if len(first) > 2 else 1  # the last scale word read: "thousand"
        while k + 1 < len(words) and words[k + 1].lower in SCALES and len(words[k + 1].lower) > 2 \
                and ("-" not in word or all(p in NUMBER_WORDS for p in word.split("-"))):  # "twenty-five thousand"
            k += 1
            value *= SCALES[words[k].lower] if value != SCALES.get(first) else 1
            scale = SCALES[words[k].lower]
            end = words[k].end
        while scale >= 100:  # "two thousand five hundred", "one million two hundred thousand"
            more = _smaller_part(words, k + 1, scale, text, offset)
            if more is None:
                break
            value, (k, scale) = value + more[0], more[1:]
            end = words[k].end
        rest = _below_hundred(words, k + 2, text, offset) if k + 2 < len(words) and words[k + 1].lower == "and" \
            and value >= 100 and value % 100 == 0 else None
        if rest is not None:  # "three hundred and forty"
            value += rest[0]
            k, end = rest[1], words[rest[1]].end
        year = _below_hundred(words, k + 1, text, offset) if 10 <= value < 100 and k == first_at \
            and "-" not in first and k + 1 < len(words) and not text[end - offset : words[k + 1].start - offset].strip() \
            else None
        if year is not None and year[0] >= 10 and first in _YEAR_HUNDREDS:  # "nineteen eighty-six": 1986
            value = value * 100 + year[0]
            k, end = year[1], words[year[1]].end
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
        self.times = clock_times(text, offset, toks)
        in_time = sorted((sp.start, sp.end) for sp in self.times.values())
        # a date written by numbers ("2024-05-01"): its month is a month, which the other side
        # may name ("May 1, 2024"); the year and the day stay numbers
        self.months: dict[str, Token] = {}
        for m in _ISO_DATE.finditer(text):
            month = lexicon.TIME_CLASSES["month"][int(m.group(2)) - 1]
            self.months.setdefault(month, Token(offset + m.start(2), offset + m.end(2), m.group(2)))
            in_time.append((offset + m.start(2) - 1, offset + m.end(2)))
        in_time.sort()
        self.numbers = [(v, sp) for v, sp in numbers(text, offset, toks) if not _inside(sp.start, in_time)]
        self.ratios = _ratios(text, offset, self.numbers)
        in_ratio = sorted((sp.start, sp.end) for sp in self.ratios.values())
        self.numbers = [(v, sp) for v, sp in self.numbers if not _inside(sp.start, in_ratio)]
        self.measures = _measures(text, offset, self.numbers, toks)
        # the parts of a race time ("3:49.11": 3 and 49.11), which the other side may say in words
        self.lap_times = [float(x) for m in _LAP_TIME.finditer(text) for x in m.groups()]
        self.quantifiers = quantifiers(toks)
        self.ordinals: dict[float, Span] = {}
        self.multipliers: dict[float, Span] = {}
        self.fractions: dict[float, Span] = {}
        self.durations: list[tuple[float, int, int]] = []  # days, start, end (number to unit)
        self.not_time: set[int] = set()  # token starts of ordinal "second"s / fraction "quarter"s
        self.implied = {IMPLIED[t.lower] for t in toks if t.lower in IMPLIED}
        for m in _ORDINAL_DIGITS.finditer(text):
            self.ordinals.setdefault(float(m.group(1).replace(",", "")),
                                     Span(offset + m.start(), offset + m.end(), m.group()))
        numerators: set[int] = set()  # starts of the number words that count a fraction ("two thirds")
        for k, t in enumerate(toks):
            parts = t.lower.split("-")
            if len(parts) == 2 and parts[0] in NUMBER_WORDS and parts[1] in lexicon.FRACTIONS:
                self.fractions.setdefault(NUMBER_WORDS[parts[0]] * lexicon.FRACTIONS[parts[1]], Span(t.start, t.end, t.text))
                numerators.add(t.start)  # "two-thirds"
            elif t.lower in lexicon.FRACTIONS and t.lower.endswith("s") and k and toks[k - 1].lower in NUMBER_WORDS \
                    and not text[toks[k - 1].end - offset : t.start - offset].strip():
                prev_tok = toks[k - 1]  # "two thirds", "five thousandths"
                self.fractions.setdefault(NUMBER_WORDS[prev_tok.lower] * lexicon.FRACTIONS[t.lower],
                                          Span(prev_tok.start, t.end, text[prev_tok.start - offset : t.end - offset]))
                numerators.add(prev_tok.start)
                self.not_time.add(t.start)
        if numerators:
            self.numbers = [(v, sp) for v, sp in self.numbers if sp.start not in numerators]
        num_end = {sp.end: v for v, sp in self.numbers}
        num_starts = {sp.end: sp.start for _, sp in self.numbers}
        for k, t in enumerate(toks):
            w = t.lower
            prev = toks[k - 1].lower if k else ""
            if k and toks[k - 1].start in numerators:
                continue  # read with its numerator above
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
            parts = w.split("-")
            if len(parts) == 2 and parts[0] in NUMBER_WORDS and _time_key(parts[1]) in lexicon.UNIT_DAYS:
                # "a two-day strike": a duration in one word
                self.durations.append((NUMBER_WORDS[parts[0]] * lexicon.UNIT_DAYS[_time_key(parts[1])], t.start, t.end))
                continue
            key = _time_key(w)
            if key in lexicon.UNIT_DAYS:
                value, start = 1.0, t.start
                for e, v in num_end.items():
                    if 0 <= t.start - e <= 1 and not text[e - offset : t.start - offset].strip(" -"):
                        value, start = v, num_starts[e]
                part = _fraction_before(toks, k)  # "half an hour", "a quarter of an hour"
                if part is not None:
                    value, start = part
                end = t.end
                if [x.lower for x in toks[k + 1 : k + 4]] == ["and", "a", "half"]:
                    value, end = value + 0.5, toks[k + 3].end  # "a year and a half": 18 months
                self.durations.append((value * lexicon.UNIT_DAYS[key], start, end))

        # a fraction of a unit ("half a mile", "two-thirds of an hour") is an amount of it, not a share
        of_units = {start for _, start, _ in self.durations} | {m[2] for m in self.measures}
        self.fractions = {v: sp for v, sp in self.fractions.items() if sp.start not in of_units}

    def values(self) -> list[float]:
        """Every amount a number of the other side may stand for (the hours of its times
        too: "at 6 in the evening" for "18:00")."""
        hours = [h for m in self.times for h in _hours(m)]
        return [v for v, _ in self.numbers] + list(self.multipliers) + list(self.ordinals) + list(self.implied) + hours

    @functools.cached_property
    def _sorted_values(self) -> list[float]:
        return sorted(self.values())

    def has_value(self, value: float) -> bool:
        """Does this side state `value` (`same_value`) in any form `values` lists?"""
        return _near(self._sorted_values, value, 1e-9, floor=1.0)

    @functools.cached_property
    def _measure_index(self) -> tuple[list[tuple[int, int]], list[tuple[str, float, float]],
                                      dict[tuple[str, float], list[float]]]:
        spans = sorted((lo, hi, d, v, f) for d, v, lo, hi, f in self.measures)
        sizes: dict[tuple[str, float], list[float]] = {}
        for d, v, _, _, f in self.measures:
            sizes.setdefault((d, f), []).append(v)
        return [(lo, hi) for lo, hi, _, _, _ in spans], [(d, v, f) for _, _, d, v, f in spans], \
            {key: sorted(v) for key, v in sizes.items()}

    def measure_at(self, start: int, end: int) -> tuple[str, float, float] | None:
        """The dimension, size (in the dimension's base unit) and unit (its size in the base
        unit) of the measure a number between `start` and `end` is part of."""
        spans, measures, _ = self._measure_index
        k = _containing(start, end, spans)
        return measures[k] if k is not None else None

    def has_measure(self, dimension: str, size: float, unit: float) -> bool:
        """Does the window state this size in another unit of the dimension, to within the
        rounding of a conversion ("5 miles" / "8 km")? In the same unit a size is said exactly
        ("7.12 metres" is not "7.21 metres")."""
        return any(_near(sizes, size, _MEASURE_TOLERANCE) for (d, f), sizes in self._measure_index[2].items()
                   if d == dimension and f != unit)

    @functools.cached_property
    def _duration_index(self) -> tuple[list[tuple[int, int]], list[float], list[float]]:
        spans = sorted((lo, hi, d) for d, lo, hi in self.durations)
        return [(lo, hi) for lo, hi, _ in spans], [d for _, _, d in spans], sorted(d for d, _, _ in self.durations)

    def has_duration(self, days: float) -> bool:
        return _near(self._duration_index[2], days, 0.03)

    def duration_at(self, start: int, end: int) -> float | None:
        """The duration a number or unit word between `start` and `end` is part of."""
        spans, days, _ = self._duration_index
        k = _containing(start, end, spans)
        return days[k] if k is not None else None


def _starts_inside(toks: Sequence[Token], spans: Sequence[tuple[int, int]]) -> frozenset[int]:
    """Starts of the tokens inside `spans` (not overlapping), by sorted lookups: a window
    full of amounts stays linear."""
    ordered = sorted(spans)
    return frozenset(t.start for t in toks if _inside(t.start, ordered))


def _said(mine: Sequence[tuple[float, Span]], has: Callable[[float], bool], toks: Sequence[Token]) -> frozenset[int]:
    """Starts of the tokens inside numbers of `mine` written in words whose value the other
    side `has`."""
    return _starts_inside(toks, [(sp.start, sp.end) for v, sp in mine if any(ch.isalpha() for ch in sp.text) and has(v)])


def said_number_words(o: Quantities, c: Quantities, o_toks: Sequence[Token], c_toks: Sequence[Token]
                      ) -> tuple[frozenset[int], frozenset[int]]:
    """The start offsets of the words, on each side, of numbers said in words whose value
    the other side says too, in digits or words ("three hundred thousand" / "300,000"), and
    of numbers whose measure the other side says in another unit ("50,000 square metres" /
    "five-hectare"): the same fact, which the clause check takes as said."""
    def measured(mine: Quantities, toks: Sequence[Token], other: Quantities) -> frozenset[int]:
        # the words of a measure (its unit: "square metres"), where the other side says its size
        return _starts_inside(toks, [(start, end) for dimension, size, start, end, unit in mine.measures
                                     if other.has_measure(dimension, size, unit)])

    return (_said(o.numbers, c.has_value, o_toks) | measured(o, o_toks, c),
            _said(c.numbers, o.has_value, c_toks) | measured(c, c_toks, o))


def number_words_said(original: str, o_offset: int, candidate: str, c_offset: int,
                      o_toks: Sequence[Token], c_toks: Sequence[Token]) -> tuple[frozenset[int], frozenset[int]]:
    """`said_number_words` of two texts (document offsets `*_offset`, their `tokens`), read by
    `numbers` alone: for word matching, before the checks."""
    o_numbers, c_numbers = numbers(original, o_offset, o_toks), numbers(candidate, c_offset, c_toks)
    o_values, c_values = sorted(v for v, _ in o_numbers), sorted(v for v, _ in c_numbers)
    return (_said(o_numbers, lambda v: _near(c_values, v, 1e-9, floor=1.0), o_toks),
            _said(c_numbers, lambda v: _near(o_values, v, 1e-9, floor=1.0), c_toks))


def _inside(position: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Is `position` inside one of `spans` (sorted, not overlapping: (start, end))?"""
    k = bisect.bisect_right(spans, (position, float("inf"))) - 1
    return k >= 0 and spans[k][0] <= position < spans[k][1]


def _containing(start: int, end: int, spans: Sequence[tuple[int, int]]) -> int | None:
    """The index of a span of `spans` (sorted by start) that holds start..end; the
    spans nest at most a few deep, so only the nearest starts are tried."""
    k = bisect.bisect_right(spans, (start, float("inf"))) - 1
    for j in range(k, max(-1, k - 8), -1):
        lo, hi = spans[j]
        if lo <= start and end <= hi:
            return j
    return None


def _hours(minutes: int) -> tuple[float, float]:
    """The hour of a time of day as a number may say it: on the 24-hour clock and the 12-hour
    one (18:00 -> 18 and 6)."""
    return float(minutes // 60), float(minutes // 60 % 12 or 12)


def _percent(span: Span) -> bool:
    return "%" in span.text or "cent" in span.text.lower()


def _near(values: Sequence[float], x: float, relative: float, floor: float = 0.0) -> bool:
    """Is a value of `values` (sorted) within `relative` of `x` (relative to the larger of
    the two, and to at least `floor`)?"""
    # no value further from x than this can be near it (relative < 1), with room for rounding
    reach = relative * max(abs(x), floor) / (1 - relative) * 1.000001
    k = bisect.bisect_left(values, x - reach)
    while k < len(values) and values[k] <= x + reach:
        if abs(values[k] - x) <= relative * max(abs(values[k]), abs(x), floor):
            return True
        k += 1
    return False


def clock_times(text: str, offset: int = 0, toks: Sequence[Token] = ()) -> dict[int, Span]:
    """Times of day in `text` as minutes after midnight, with their spans: "6 p.m.",
    "6:30pm", "18:00", "18: 00", "08H00", "noon", "midnight"."""
    out: dict[int, Span] = {}
    taken: list[tuple[int, int]] = []
    for m in _CLOCK_12.finditer(text):
        minutes = int(m.group(1)) % 12 * 60 + int(m.group(2) or 0) + (720 if m.group(3).lower() == "p" else 0)
        out.setdefault(minutes, Span(offset + m.start(), offset + m.end(), m.group().strip()))
        taken.append((m.start(), m.end()))
    for m in _CLOCK_24.finditer(text):
        if any(lo <= m.start() < hi for lo, hi in taken):
            continue
        out.setdefault(int(m.group(1)) * 60 + int(m.group(2)), Span(offset + m.start(), offset + m.end(), m.group()))
    for t in toks:
        if t.lower in _CLOCK_WORDS:
            out.setdefault(_CLOCK_WORDS[t.lower], Span(t.start, t.end, t.text))
    return out


def _ratios(text: str, offset: int, found: Sequence[tuple[float, Span]]) -> dict[float, Span]:
    """Shares said as two numbers: "three in 10" (0.3), "one out of four" (0.25); the part
    smaller than the whole, the whole not a year."""
    out: dict[float, Span] = {}
    ordered = sorted(found, key=lambda item: item[1].start)
    for (a, sa), (b, sb) in itertools.pairwise(ordered):
        gap = " ".join(text[sa.end - offset : sb.start - offset].split()).lower()
        if gap in _RATIO_JOINS and 0 < a < b <= 1000 and not _YEAR.match(sb.text):
            out.setdefault(round(a / b, 9), Span(sa.start, sb.end, text[sa.start - offset : sb.end - offset]))
    return out


def _measures(text: str, offset: int, found: Sequence[tuple[float, Span]], toks: Sequence[Token]
              ) -> list[tuple[str, float, int, int, float]]:
    """Numbers followed by a unit of measure: (dimension, size in its base unit, start, end,
    the unit's size in the base unit)."""
    starts = [t.start for t in toks]
    out = []
    for value, sp in found:
        joined = sp.text.lower()
        inner = (UNITS["nautical mile"] if joined.endswith(("-nautical-mile", "-nautical-miles"))
                 else UNITS.get(joined.rsplit("-", 1)[-1])) if "-" in sp.text else None
        if inner is not None and inner[0] == "length" and "-square-" in joined:
            inner = ("area", inner[1] ** 2)  # "a 2,000-square-metre store"
        if inner is not None:  # "a five-hectare warehouse", "a 40-tonne lorry"
            out.append((inner[0], value * inner[1], sp.start, sp.end, inner[1]))
            continue
        at = bisect.bisect_left(starts, sp.end)  # the first word after the number
        if at >= len(toks):
            continue
        gap = text[sp.end - offset : toks[at].start - offset]
        celsius = _celsius(value, gap, toks, at)
        if celsius is not None:  # "45 degrees Celsius" / "113F": one temperature
            out.append(("temperature", celsius[0], sp.start, celsius[1], celsius[2]))
            continue
        if gap.strip(" -"):
            continue
        word = toks[at].lower
        squared = word == "square" and at + 1 < len(toks)
        if squared:  # "4 square kilometres", "10 square miles"
            at += 1
            word = toks[at].lower
        elif word.startswith("square-"):  # "a 2,000-square-metre store"
            squared, word = True, word[len("square-"):]
        if word in ("basis", "percentage") and at + 1 < len(toks) and toks[at + 1].lower in ("point", "points"):
            # "350 basis points" / "3.5 percentage points"
            out.append(("rate points", value * (0.01 if word == "basis" else 1.0), sp.start, toks[at + 1].end,
                        0.01 if word == "basis" else 1.0))
            continue
        if word in ("us", "imperial") and at + 1 < len(toks) and toks[at + 1].lower in ("gallon", "gallons"):
            word = "imperial gallon" if word == "imperial" else "gallon"  # "53 million US gallons"
            at += 1
        elif word == "nautical" and at + 1 < len(toks) and toks[at + 1].lower in ("mile", "miles"):
            at += 1  # "20 nautical miles": 37 kilometres
            word = "nautical mile"
        elif word in ("nautical-mile", "nautical-miles"):
            word = "nautical mile"  # "a 12-nautical-mile zone"
        unit = UNITS.get(word) or UNITS.get(word[:-1] if word.endswith("s") else word)
        if unit is None and toks[at].text == "g" and gap == " ":
            unit = UNITS["gram"]  # "500 g packs" ("5g" joined to its number stays unread)
        if unit is not None and squared:
            unit = ("area", unit[1] ** 2) if unit[0] == "length" else None
        end = toks[at].end
        if unit is not None and unit[0] == "length" and at + 2 < len(toks) \
                and toks[at + 1].lower in ("per", "an", "a") and toks[at + 2].lower == "hour":
            unit, end = ("speed", unit[1] / 3600), toks[at + 2].end  # "150 kilometres per hour"
        elif unit is not None and unit[0] == "length" and at + 1 < len(toks) and toks[at + 1].lower == "h" \
                and text[toks[at].end - offset : toks[at + 1].start - offset] == "/":
            unit, end = ("speed", unit[1] / 3600), toks[at + 1].end  # "150 km/h"
        if unit is not None:
            out.append((unit[0], value * unit[1], sp.start, end, unit[1]))
    for k, t in enumerate(toks):  # a fraction of a unit: "half a mile", "a quarter of a kilometre"
        unit = UNITS.get(t.lower)
        part = _fraction_before(toks, k) if unit is not None else None
        if unit is not None and part is not None:
            out.append((unit[0], part[0] * unit[1], part[1], t.end, unit[1]))
    return out


_TEMPERATURE_SCALES = {"celsius": "c", "centigrade": "c", "fahrenheit": "f", "c": "c", "f": "f"}


def _celsius(value: float, gap: str, toks: Sequence[Token], at: int) -> tuple[float, int, float] | None:
    """A temperature written after a number, in degrees Celsius, with where it ends: "45
    degrees Celsius", "113 degrees Fahrenheit", "45°C", "113 °F" (a lone "C" or "F" only after
    the degree sign), and the size of its degree (1 for Celsius, 1.8 for Fahrenheit, so that
    the two scales count as two units)."""
    scale, end = None, toks[at].end
    word = toks[at].lower
    if not gap.strip(" -") and word in ("degree", "degrees") and at + 1 < len(toks):
        scale, end = _TEMPERATURE_SCALES.get(toks[at + 1].lower), toks[at + 1].end
    elif gap.strip() == "°" and toks[at].text in ("C", "F", "Celsius", "Fahrenheit"):
        scale = _TEMPERATURE_SCALES.get(word)
    if scale is None:
        return None
    return (value if scale == "c" else (value - 32) * 5 / 9), end, (1.0 if scale == "c" else 1.8)


def quantifiers(toks: Sequence[Token]) -> dict[str, Span]:
    """The amounts of a group the words say (`QUANTIFIERS`), by class: "All schools" ->
    all; "a few" is some, "one of the" is one; "a majority" most."""
    out: dict[str, Span] = {}
    for k, t in enumerate(toks):
        prev = toks[k - 1].lower if k else ""
        nxt = toks[k + 1].lower if k + 1 < len(toks) else ""
        if t.lower == "one" and nxt == "of" and prev not in ("no", "any", "every", "each"):
            out.setdefault("one", Span(t.start, t.end, t.text))
            continue
        cls = QUANTIFIERS.get(t.lower)
        if cls is None or prev in _NOT_QUANTIFYING_AFTER or not nxt:
            continue
        if t.lower in ("majority", "minority") and (prev not in ("the", "a") or nxt != "of"):
            continue  # "the majority of" is most; "an outright majority" is no amount of a group
        if t.lower == "few" and prev == "a":
            cls = "some"
        out.setdefault(cls, Span(t.start, t.end, t.text))
    return out


def _fraction_before(toks: Sequence[Token], k: int) -> tuple[float, int] | None:
    """The fraction of a unit said before the k-th word: "half an hour" (0.5), "a quarter
    of an hour" (0.25), "three quarters of an hour", "the first half of the year"; with where
    it starts."""
    j = k - 1
    while j >= 0 and toks[j].lower in ("a", "an", "of", "the") and k - j <= 3:  # "half of the year"
        j -= 1
    if j < 0 or j == k - 1:
        return None
    parts = toks[j].lower.split("-")
    if len(parts) == 2 and parts[0] in NUMBER_WORDS and parts[1] in lexicon.FRACTIONS:  # "two-thirds of an hour"
        return NUMBER_WORDS[parts[0]] * lexicon.FRACTIONS[parts[1]], toks[j].start
    if toks[j].lower not in lexicon.FRACTIONS:
        return None
    value = lexicon.FRACTIONS[toks[j].lower]
    if j and toks[j - 1].lower in NUMBER_WORDS and toks[j].lower.endswith("s"):  # "three quarters"
        value *= NUMBER_WORDS[toks[j - 1].lower]
        j -= 1
    return value, toks[j].start


def same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(b))


def _decade(text: str) -> int | None:
    """The decade a number's text names, as its tens ("1990s", "'90s", "nineties": 90)."""
    word = text.lower().lstrip("'\u2019")
    if word in DECADE_WORDS:
        return DECADE_WORDS[word]
    m = _DECADE.fullmatch(word)
    return int(m.group(1)) * 10 if m else None


# A percentage rounded to a whole number says a fraction: "33%" for "a third", "67%" for "two thirds".
_ROUNDED_SHARE = 0.005


def _explained(value: float, span: Span, mine: Quantities, other: Quantities) -> bool:
    """Does the other side state this amount, in any of the forms it may take?"""
    if other.has_value(value):
        return True
    if span.text[-1:] in ("m", "M") and not span.text.lower().endswith("million") and other.has_value(value / 1e6):
        return True  # "90.23m": metres in sport and science, millions in money ("90.23 metres")
    if any(sp.text[-1:] in ("m", "M") and same_value(v, value * 1e6) for v, sp in other.numbers):
        return True  # ... and the other way round
    if any(same_value(value, v) for v in other.lap_times) or any(same_value(value, v) for v in mine.lap_times):
        return True  # "3 minutes 49.11 seconds" / "3:49.11"
    decade = _decade(span.text)
    if decade is not None and any(_decade(sp.text) == decade for _, sp in other.numbers):
        return True  # "the 1990s" for "the nineties"
    if _percent(span) and any(
            abs(value / 100 - f) <= _ROUNDED_SHARE for f in (*other.fractions, *other.ratios)):
        return True  # "30%" for "three in 10", "33%" for "a third"
    if any(same_value(value, f) for f in other.fractions):
        return True  # "0.25 percentage points" for "a quarter of a percentage point"
    measure = mine.measure_at(span.start, span.end)
    if measure is not None and other.has_measure(*measure):
        return True  # "1,200 metres" for "1.2 kilometres"
    days = mine.duration_at(span.start, span.end)
    return days is not None and other.has_duration(days)  # "10 years" for "a decade"


# Units a number may be followed by, with their dimension and a key for the unit itself
# (abbreviations and plurals read as one): "48 hours" / "48 days" is another amount.
_UNIT_KEYS: dict[str, tuple[str, str]] = {
    **{w: ("time", k) for k, ws in {"second": "second seconds sec secs s", "minute": "minute minutes min mins",
                                    "hour": "hour hours hr hrs h", "day": "day days", "week": "week weeks wk wks",
                                    "month": "month months mo", "year": "year years yr yrs",
                                    "decade": "decade decades"}.items() for w in ws.split()},
    **{w: ("mass", k) for k, ws in {"ng": "ng nanogram nanograms", "ug": "ug \u03bcg \u00b5g mcg microgram micrograms",
                                    "mg": "mg milligram milligrams", "g": "g gram grams",
                                    "kg": "kg kilogram kilograms kilo kilos", "t": "tonne tonnes ton tons",
                                    "lb": "lb lbs pound pounds", "oz": "oz ounce ounces"}.items() for w in ws.split()},
    **{w: ("volume", k) for k, ws in {"ml": "ml millilitre millilitres milliliter milliliters",
                                      "l": "litre litres liter liters", "ul": "ul \u03bcl \u00b5l microlitre microliter",
                                      "dl": "dl decilitre deciliter"}.items() for w in ws.split()},
    **{w: ("temperature", k) for k, ws in {"c": "celsius centigrade", "f": "fahrenheit"}.items() for w in ws.split()},
    **{w: ("length", k) for k, ws in {"mm": "mm millimetre millimetres millimeter millimeters",
                                      "cm": "cm centimetre centimetres centimeter centimeters",
                                      "km": "km kilometre kilometres kilometer kilometers",
                                      "metre": "metre metres meter meters", "mile": "mile miles",
                                      "nautical mile": "nautical nautical-mile nautical-miles",
                                      "foot": "foot feet ft", "inch": "inch inches",
                                      # speeds, read by the unit of length they start with ("150 km/h")
                                      "mph": "mph", "kph": "kph kmh", "knot": "knot knots"}.items()
       for w in ws.split()},
    **{w: ("data", k) for k, ws in {"kilobit": "kilobit kilobits kbps", "megabit": "megabit megabits mbps",
                                    "gigabit": "gigabit gigabits gbps", "terabit": "terabit terabits tbps",
                                    "megabyte": "megabyte megabytes mb", "gigabyte": "gigabyte gigabytes gb",
                                    "terabyte": "terabyte terabytes tb"}.items() for w in ws.split()},
}


# Words between a number and what it counts: "three consecutive years", "two more days".
_COUNT_ADJECTIVES = frozenset("consecutive successive straight more further additional other extra full whole "
                              "separate previous last next new".split())
# Words after a number that count nothing: "£1.5m towards a school", "two apiece".
_NOT_COUNTED = frozenset("towards toward across against apiece each alone altogether overall annually apart "
                         "respectively running".split())
# Currency signs before a number: the unit the word after it would name ("£1.5m" / "1.5 million pounds").
_CURRENCY_SIGNS = {"£": "pounds", "$": "dollars", "€": "euros", "¥": "yen"}


def _word_after(toks: Sequence[Token], starts: Sequence[int], span: Span) -> int | None:
    """The position of the word written right after a number (at most one character
    between them), past a word like "consecutive" ("three consecutive years": years), or
    None. `starts`: the tokens' start offsets."""
    k = bisect.bisect_left(starts, span.end)
    if not (k < len(toks) and toks[k].start - span.end <= 1):
        return None
    if toks[k].lower in _COUNT_ADJECTIVES and k + 1 < len(toks) and toks[k + 1].start - toks[k].end <= 1:
        return k + 1
    if toks[k].lower in ("degree", "degrees") and k + 1 < len(toks) and toks[k + 1].lower in _TEMPERATURE_SCALES:
        return k + 1  # "45 degrees Celsius": the unit is the scale
    return k


def _currency_before(text_before: str) -> tuple[str, str] | None:
    """The unit of a currency sign written right before a number, as its word names it."""
    word = _CURRENCY_SIGNS.get(text_before[-1:]) if text_before else None
    return _UNIT_KEYS.get(word) if word else None


def _unit(tok: Token | None) -> tuple[str, str] | None:
    """The unit a word names ("hours": (time, hour)); single letters only as written ("g", not "G")."""
    if tok is None:
        return None
    return _UNIT_KEYS.get(tok.text if tok.text in ("g", "s", "h", "t", "l") else tok.lower)


def _unit_within(text: str) -> tuple[str, str] | None:
    """The unit a hyphenated number carries ("two-year", "10-day", "5-kg"), or None."""
    parts = text.lower().split("-")
    return _UNIT_KEYS.get(parts[-1]) if len(parts) >= 2 else None


def _unit_changes(ctx: LinkContext) -> list[Finding]:
    """Numbers both windows have, followed by another unit of one dimension in the
    candidate ("48 hours" / "48 days", "5 mg/kg" / "5 g/kg"), or by a unit where the
    original counts something else ("three months" for "three matches")."""
    said_after: dict[float, list[tuple[tuple[str, str] | None, str, str]]] = {}  # unit, text, next word
    for value, span in ctx.o_quantities.numbers:
        at = _word_after(ctx.o_toks, ctx.o_starts, span)
        nxt = ctx.o_toks[at] if at is not None else None
        if nxt is not None and nxt.lower in _MONTH_NAMES:
            continue  # "31 March": a date, which counts nothing
        unit = _unit(nxt) or _unit_within(span.text) or _currency_before(ctx.o_span_text(span.start - 1, span.start))
        end = nxt.end if nxt is not None else span.end
        said_after.setdefault(value, []).append((unit, ctx.o_span_text(span.start, end), nxt.lower if nxt else ""))
    findings: list[Finding] = []
    for value, span in ctx.c_quantities.numbers:
        if _unit_within(span.text):
            continue  # "a three-year renovation": the unit is the number's own
        k = _word_after(ctx.c_toks, ctx.c_starts, span)
        before = bisect.bisect_left(ctx.c_starts, span.start) - 1
        if (k is not None and ctx.c_toks[k].lower in _MONTH_NAMES) or (
                before >= 0 and ctx.c_toks[before].lower in _MONTH_NAMES and span.start - ctx.c_toks[before].end <= 2):
            continue  # "March 31 next year": a date
        unit = (_unit(ctx.c_toks[k]) if k is not None else None) \
            or _currency_before(ctx.c_span_text(span.start - 1, span.start))
        said = said_after.get(value, [])
        if k is None or unit is None or not said or any(u == unit for u, _, _ in said):
            continue
        word = ctx.c_toks[k].lower
        others = [text for u, text, _ in said if u is not None and u[0] == unit[0]]
        if not others and len(said) == 1 and said[0][0] is None:
            counted = said[0][2]  # the original counts something that is no unit: "three matches"
            if counted.isalpha() and len(counted) >= 3 and counted not in STOPWORDS and counted not in _NOT_COUNTED \
                    and not counted.startswith(word[:4]) and not word.startswith(counted[:4]):
                others = [said[0][1]]
        if not others:
            continue
        end = ctx.c_toks[k].end
        if ctx.c_span_text(end, end + 1) == "/" and k + 1 < len(ctx.c_toks) and ctx.c_toks[k + 1].start == end + 1:
            end = ctx.c_toks[k + 1].end  # "5 g/kg": the unit is per kilogram
        now = ctx.c_span_text(span.start, end)
        findings.append(Finding("number", "major", (Span(span.start, end, now),),
                                f"'{now}' where the original says '{', '.join(others)}'", ", ".join(others)))
    return findings


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def _counted(toks: Sequence[Token], starts: Sequence[int], span: Span) -> frozenset[str]:
    """The base forms of the word a number counts: the word right after it ("one
    tablet", "ten tablets": tablet), or nothing. `starts`: the tokens' start offsets."""
    k = bisect.bisect_left(starts, span.end)
    if k >= len(toks) or not toks[k].lower.isalpha() or toks[k].lower in STOPWORDS:
        return frozenset()
    return base_forms(toks[k].lower)


@register
class NumberCheck(Check):
    """Cardinals, ordinals, multipliers and fractions of both windows by value."""

    name = "number"
    # 3: times of day, shares ("three in 10"), measures in other units, amounts of a group
    # 4: "none" left to the polarity check
    # 5: a dropped year is minor only where it completes a date; decades; "post-2020"
    # 6: "one"/"two" of a duration dropped ("for another two years")
    # 7: a weak "one" is a count where the other side counts the same thing ("one tablet" / "ten tablets");
    # ".41" is 0.41; "three hundred and forty" is 340; "nineteen eighty-six" is 1986; a number
    # both windows have with another unit of one dimension ("48 hours" / "48 days"); "percentage
    # points" are no percent; a fraction answers its value ("a quarter" / "0.25"), a rounded
    # percentage its fraction ("33%" / "a third"); "one and a half million", "half a million";
    # numerators of fractions ("two-thirds", "five thousandths"); "90.23m" may be metres; race
    # times ("3:49.11"); a number said more often than the candidate says it counts as replaced
    # ("6-3, 7-6, 6-3" / "6-3, 7-6, 6-4"); a size in one unit is said exactly ("7.12 metres" is not
    # "7.21 metres"); a unit where the original counts something else ("three months" / "three matches")
    # 8: areas ("400 hectares" / "4 square kilometres", acres)
    # 9: numbers said in several words ("two thousand five hundred"); a currency sign is the
    # number's unit ("£1.5m" / "1.5 million pounds"); "three consecutive years" counts years
    # 10: a fraction of a unit is an amount of it ("half a mile" / "880 yards", "two-thirds of an hour");
    # a unit joined to its number is a measure ("five-hectare" / "50,000 square metres")
    # 11: nautical miles; "half of the year" is six months; "one in eight" after "that" is a share;
    # temperatures in degrees Celsius and Fahrenheit ("45 degrees Celsius" / "113 degrees Fahrenheit")
    # 12: "350 basis points" / "3.5 percentage points"; "a year and a half"; "March 31" a date;
    # "a 12-nautical-mile zone"
    # 13: the month of a date written in numbers is no number ("2024-05-01" / "May 1, 2024")
    # 14: speeds ("150 km/h" / "93 mph", "20 knots", "kilometres per hour") and amounts of data
    # ("1 gigabit per second" / "1,000 megabits per second") are measures
    # 15: milligrams and micrograms are masses ("0.5 grams" / "500 mg"); "US gallons", "imperial gallons"
    # 16: "500 g", a "g" apart from its number, is grams
    # 17: "a 2,000-square-metre store" is an area
    version = 17

    def run(self, ctx: LinkContext) -> list[Finding]:
        oq, cq = ctx.o_quantities, ctx.c_quantities
        said = ", ".join(s.text for _, s in oq.numbers) or "no number"
        o_unexplained = [(v, sp) for v, sp in oq.numbers if not _explained(v, sp, oq, cq)]
        c_unexplained = [(v, sp) for v, sp in cq.numbers if not _explained(v, sp, cq, oq)]
        # what each unexplained number counts ("ten tablets": tablet): a weak "one" is a
        # count where the other side puts its own number before the same word
        o_counted = {sp.start: _counted(ctx.o_toks, ctx.o_starts, sp) for _, sp in o_unexplained}
        c_counted = {sp.start: _counted(ctx.c_toks, ctx.c_starts, sp) for _, sp in c_unexplained}
        c_counts = frozenset().union(*c_counted.values())
        dropped = [(v, sp) for v, sp in o_unexplained
                   if sp.text.lower() not in WEAK_NUMBER_WORDS or o_counted[sp.start] & c_counts]
        dropped_counts = frozenset().union(*(o_counted[sp.start] for _, sp in dropped))
        # a number the original says more often than the candidate ("6-3, 7-6, 6-3" / "6-3, 7-6,
        # 6-4"): its last occurrences count as replaced where the candidate has a new number
        c_values = Counter(v for v, _ in cq.numbers)
        seen: Counter[float] = Counter()
        repeated: list[tuple[float, Span]] = []
        for v, sp in oq.numbers:
            seen[v] += 1
            if 0 < c_values[v] < seen[v] and sp.text.lower() not in WEAK_NUMBER_WORDS:
                repeated.append((v, sp))
        findings: list[Finding] = []
        for _, span in c_unexplained:
            replaced = bool(dropped) and (span.text.lower() not in WEAK_NUMBER_WORDS
                                          or bool(c_counted[span.start] & dropped_counts))
            alike = [(v, sp) for v, sp in repeated if _digits(sp.text) == _digits(span.text) > 0]
            if not replaced and alike and span.text.lower() not in WEAK_NUMBER_WORDS:
                replaced, dropped = True, alike  # a number of as many digits in its place
            if replaced:
                msg = f"number '{span.text}' where the original says '{', '.join(sp.text for _, sp in dropped)}'"
            else:
                msg = f"number '{span.text}' is not in the original (it has: {said})"
            findings.append(Finding("number", "major" if replaced else "minor", (span,), msg, said, certain=replaced))
        findings.extend(_unit_changes(ctx))
        for minutes, span in cq.times.items():
            if minutes in oq.times or (not oq.times and _hour_said(minutes, oq)):
                continue
            was = ", ".join(sp.text for sp in oq.times.values())
            findings.append(Finding("number", "major" if was else "minor", (span,),
                                    f"time '{span.text}' where the original says '{was}'" if was
                                    else f"time '{span.text}' is not in the original", was, certain=bool(was)))
        shares = {**{v / 100: sp for v, sp in oq.numbers if _percent(sp)},
                  **oq.fractions, **oq.ratios}
        for value, span in cq.ratios.items():
            if shares and not any(abs(value - v) <= 1e-6 for v in shares):
                was = ", ".join(sp.text for sp in shares.values())
                findings.append(Finding("number", "major", (span,), f"share '{span.text}' where the original says "
                                        f"'{was}'", was))
        o_amounts, c_amounts = set(oq.quantifiers), set(cq.quantifiers)
        if len(o_amounts) == 1 and len(c_amounts) == 1 and o_amounts != c_amounts and ctx.chrf >= CLOSE_CHRF:
            # one amount of a group in each window, and they differ: "Some schools" for "All schools"
            o_span, c_span = next(iter(oq.quantifiers.values())), next(iter(cq.quantifiers.values()))
            findings.append(Finding("number", "major", (c_span,), f"'{c_span.text}' where the original says "
                                    f"'{o_span.text}'", o_span.text))
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
                if value in (1.0, 2.0) and oq.duration_at(span.start, span.end) is None:
                    continue  # "a"/"both" carry them without a number; not "(for another) two years"
                # the year of a date is often left out where the context gives it ("July 18,
                # 2020"); a year standing alone ("since 2022") carries the sentence's time
                year = bool(_YEAR.match(span.text)) and _completes_date(ctx.original, span.start - ctx.o_offset)
                findings.append(Finding("number", "minor" if year else "major", (span,),
                                        f"the candidate drops the number '{span.text}'", span.text,
                                        certain=not year, side="original"))
        return findings


_ISO_DATE = re.compile(r"(?<![\d.-])(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?![\d-])")  # 2024-05-01
_MONTH_NAMES = frozenset(lexicon.TIME_CLASSES["month"]) | {
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
_BEFORE_YEAR = re.compile(r"([A-Za-z]+)\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?)?,?\s*$")


def _completes_date(text: str, start: int) -> bool:
    """Is the year at `start` of `text` the last part of a date: a month before it, maybe
    with a day ("July 18, 2020", "18 July 2020", "June 2020")?"""
    before = _BEFORE_YEAR.search(text[max(0, start - 24):start])
    return before is not None and before.group(1).lower() in _MONTH_NAMES


def _hour_said(minutes: int, other: Quantities) -> bool:
    """Does the other side, which names no time of day, say its hour as a number ("at 6
    in the evening")?"""
    hours = _hours(minutes)
    return any(v in hours for v, _ in other.numbers)


@register
class TimeCheck(Check):
    """Time words of one class that replace each other: daily/weekly, Monday/Tuesday,
    June/July. Parts of the day (evening/night) blur into each other: uncertain. And a
    verb the original puts in the future told as done, or the reverse, where the windows
    otherwise say the same closely."""

    name = "time"
    # 3: a period before now or after it ("last week's vote" / "next week's vote")
    # 4: "this year" / "next year"; a verb still to come told as done ("will travel" /
    # "travelled"), or the reverse, where the windows otherwise say the same closely
    # 5: an intention, promise, attempt or talks are still to come ("is in talks to buy" / "has bought")
    # 6: "is to", "are to" are still to come ("has lifted" / "is to lift"), and so is what is
    # being considered ("is considering selling" / "has sold")
    # 7: "said it would extend" is still to come ("said it had extended"); a decision still to be
    # taken told as taken ("will consider a proposal" / "has approved a proposal"), or the reverse;
    # "are to be released" is still to come, "have been released" done, a verb matched by its
    # synonyms ("have been released" / "are to be set free")
    # 8: the month of a date written in numbers is a month ("2024-05-01" / "June 1, 2024"); the
    # verb of who said so is no decision taken ("is considering a moratorium, the minister said"
    # / "has introduced a moratorium")
    version = 8
    FUZZY_CLASSES = frozenset({"part of day"})

    def run(self, ctx: LinkContext) -> list[Finding]:
        oq, cq = ctx.o_quantities, ctx.c_quantities
        o = _time_words(ctx.o_toks, oq.not_time)
        c = _time_words(ctx.c_toks, cq.not_time)
        for found, months in ((o, oq.months), (c, cq.months)):  # "2024-05-01": May
            for month, month_tok in months.items():
                found.setdefault("month", {}).setdefault(month, month_tok)
        findings: list[Finding] = _tense_changes(ctx) + _decision_changes(ctx) if ctx.chrf >= CLOSE_CHRF else []
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


# What says a verb is still to come: "will travel", "plans to hold", "is due to appear".
_FUTURE_BEFORE_TO = frozenset("plan plans planned planning due set expected going intend intends intending intended "
                              "scheduled poised "
                              # an intention, a wish, a promise, an attempt or talks: not yet done
                              # ("is in talks to buy", "is considering whether to introduce")
                              "talks negotiating considering considers consider whether aim aims aiming hope hopes "
                              "hoping hoped want wants wanted seek seeks seeking propose proposes proposing proposed "
                              "prepare prepares preparing ready likely threaten threatens threatening threatened "
                              "promise promises promised pledge pledges pledged vow vows vowed trying tried "
                              "attempting attempted offered agree agrees agreed looking "
                              # "is to lift the restrictions": planned
                              "is are".split())
# (not the nouns "attempt", "bid", "offer": "with his final attempt to snatch the title" took it)


# ... and the verbs whose "-ing" object is still to come: "is considering selling the barracks".
_FUTURE_BEFORE_GERUND = frozenset("considering considers consider contemplating contemplates proposing proposes "
                                  "planning plans discussing discusses weighing".split())


def _participle(word: str) -> bool:
    """A past participle after "be" ("published", "held", "allowed")?"""
    return word in lexicon.IRREGULAR_PAST_BASE or (len(word) >= 5 and word.endswith("ed") and word.isalpha())


_REPORTING = frozenset("said says told announced added confirmed stated promised pledged warned".split())


def _reported(toks: Sequence[Token], k: int) -> bool:
    """Is the k-th word ("would") reported speech of the future ("said it would extend",
    "announced that the ministry would")? A reporting verb stands at most four words before."""
    return any(toks[j].lower in _REPORTING for j in range(max(0, k - 4), k))


def _tensed_verbs(toks: Sequence[Token]) -> tuple[dict[str, Token], dict[str, Token]]:
    """The verbs a window puts in the future ("will travel", "plans to hold") and those it
    puts in the past ("travelled", "held"), each by its base forms."""
    future: dict[str, Token] = {}
    past: dict[str, Token] = {}
    for k, t in enumerate(toks):
        prev = toks[k - 1].lower if k else ""
        before = toks[k - 2].lower if k >= 2 else ""
        # a verb's synonym group is one more key ("have been released" / "are to be set free")
        synonyms = [f"~{g}" for g in groups_at(toks, k)]
        if prev in ("will", "shall") or (prev == "would" and _reported(toks, k - 1)) or (
                prev == "to" and before in _FUTURE_BEFORE_TO) or (
                prev in _FUTURE_BEFORE_GERUND and t.lower.endswith("ing") and len(t.lower) > 5) or (
                prev == "be" and (before in ("will", "shall") or (before == "to" and k >= 3 and toks[k - 3].lower in (
                    "is", "are"))) and _participle(t.lower)):  # "will be published", "are to be released"
            for form in (*base_forms(t.lower), *synonyms):
                future.setdefault(form, t)
        elif prev in ("was", "were", "been") and _participle(t.lower):  # "was published", "have been released"
            for form in (*verb_forms(t.lower), *synonyms):
                past.setdefault(form, t)
        elif t.lower in lexicon.IRREGULAR_PAST_BASE and prev not in ("to", "will", "would", "be"):
            for form in (lexicon.IRREGULAR_PAST_BASE[t.lower], *synonyms):
                past.setdefault(form, t)
        elif len(t.lower) >= 5 and t.lower.endswith("ed") and t.lower.isalpha() and prev not in lexicon.BE_FORMS:
            for form in (*base_forms(t.lower), *synonyms):
                past.setdefault(form, t)
    return future, past


# A decision still to be taken ("will consider a proposal") and one taken ("has approved it").
_PENDING = frozenset("consider discuss review debate weigh examine mull".split())
_DECIDED = frozenset("approve agree adopt decide endorse ratify".split())


def _decision_words(toks: Sequence[Token]) -> tuple[Token | None, Token | None]:
    """The window's first word of a decision still to be taken (any form of "consider",
    "discuss", "review" ...), and its first of one taken (a past form of "approve", "agree",
    "adopt" ...)."""
    pending = decided = None
    for t in toks:
        forms = verb_forms(t.lower)
        if pending is None and forms & _PENDING:
            pending = t
        elif decided is None and forms & _DECIDED and _participle(t.lower):
            decided = t
    return pending, decided


_FUTURE_MARKS = frozenset("will shall would could may might going plans plan planned expected due set".split())


def _ahead(toks: Sequence[Token], word: Token) -> bool:
    """Is the word of a decision still to come ("will consider", "is reviewing")? (Not "met to
    discuss": a purpose.)"""
    k = next((j for j, t in enumerate(toks) if t.start == word.start), 0)
    return k > 0 and toks[k - 1].lower in ("will", "shall", "is", "are")


def _past_verb(toks: Sequence[Token], k: int) -> bool:
    """Is the k-th word a verb in the past ("placed", "added", "put"), not a participle after
    "be" or an adjective before a noun?"""
    if not _participle(toks[k].lower):
        return False
    return k > 0 and toks[k - 1].lower not in lexicon.BE_FORMS and toks[k].text.islower() \
        and not (k + 1 < len(toks) and toks[k + 1].lower not in STOPWORDS and toks[k + 1].text.islower()
                 and toks[k - 1].lower in ("the", "a", "an"))


def _decision_changes(ctx: LinkContext) -> list[Finding]:
    """A decision the original says is still to be taken told as taken ("will consider a
    proposal" / "has approved a proposal"), or the reverse."""
    o_pending, o_decided = _decision_words(ctx.o_toks)
    c_pending, c_decided = _decision_words(ctx.c_toks)
    if o_pending is not None and o_decided is None and c_pending is None and c_decided is None \
            and _ahead(ctx.o_toks, o_pending) and not any(t.lower in _FUTURE_MARKS for t in ctx.c_toks) \
            and not any(_past_verb(ctx.o_toks, k) and ctx.o_toks[k].lower not in _REPORTING
                        for k in range(len(ctx.o_toks))):
        # "will consider whether to add it to the list" / "placed it on the list": what was to be
        # weighed told as done, in any verb (not the one of who said so: "the minister said")
        c_decided = next((t for k, t in enumerate(ctx.c_toks)
                          if _past_verb(ctx.c_toks, k) and t.lower not in _REPORTING), None)
    if o_pending is not None and o_decided is None and c_decided is not None and c_pending is None:
        was, now, message = o_pending, c_decided, "told as taken; the original says it is still to be taken"
    elif o_decided is not None and o_pending is None and c_pending is not None and c_decided is None:
        was, now, message = o_decided, c_pending, "told as still to be taken; the original says it was taken"
    else:
        return []
    said = ctx.o_span_text(was.start, was.end)
    return [Finding("mistranslation", "major", (Span(now.start, now.end, ctx.c_span_text(now.start, now.end)),),
                    f"'{now.text}': a decision {message} ('{said}')", said,
                    original_spans=(Span(was.start, was.end, said),))]


def _tense_changes(ctx: LinkContext) -> list[Finding]:
    """A verb the original puts in the future told as done ("will travel" / "travelled",
    "are planning to hold" / "held"), or the reverse."""
    o_future, o_past = _tensed_verbs(ctx.o_toks)
    c_future, c_past = _tensed_verbs(ctx.c_toks)
    findings: list[Finding] = []
    for mine, theirs, other_future, planned in ((o_future, c_past, c_future, True), (o_past, c_future, o_future, False)):
        for form, t in mine.items():
            now = theirs.get(form)
            if now is None or form in other_future or (planned and form in o_past) or (not planned and form in c_past):
                continue
            said = ctx.o_span_text(t.start, t.end)
            message = (f"'{now.text}' where the original says it is still to come ('{said}')" if planned else
                       f"'{now.text}' is still to come here; the original says it happened ('{said}')")
            findings.append(Finding("mistranslation", "major", (Span(now.start, now.end, ctx.c_span_text(now.start, now.end)),),
                                    message, said, original_spans=(Span(t.start, t.end, said),)))
            break
    return findings


# The classes of `lexicon.TIME_CLASSES` each time word is in, in the order of the classes.
_TIME_CLASSES_OF: dict[str, tuple[str, ...]] = {}
for _cls, _words in lexicon.TIME_CLASSES.items():
    for _word in dict.fromkeys(_words):
        _TIME_CLASSES_OF[_word] = (*_TIME_CLASSES_OF.get(_word, ()), _cls)


# "last week" and "next week": one period before now, one after.
_RELATIVE = {"last": "past", "previous": "past", "past": "past", "next": "future", "coming": "future",
             "this": "present"}
_PERIODS = frozenset("week weekend month year season decade quarter spring summer autumn fall winter "
                     "monday tuesday wednesday thursday friday saturday sunday".split())


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
        nxt = _time_key(toks[k + 1].lower) if k + 1 < len(toks) else ""
        if word in _RELATIVE and nxt in _PERIODS:  # "last week's vote" / "next week's vote"
            found.setdefault("relative period", {}).setdefault(_RELATIVE[word], t)
        # "April-June", "Monday-Friday": a range of two time words, each of them said
        parts = [_time_key(p) for p in word.split("-")] if "-" in word and t.text[:1].isupper() else [word]
        for part in parts:
            for cls in _TIME_CLASSES_OF.get(part, ()):
                if cls == "month" and part == "may" and not t.text[0].isupper():
                    continue
                if cls == "season" and part == "spring" and t.text[0].isupper():
                    continue
                found.setdefault(cls, {}).setdefault(part, t)
    return found
