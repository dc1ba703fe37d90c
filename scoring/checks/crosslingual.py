"""Fact checks of a link whose two sides are in different languages.

The same facts as the one-language checks, read with each side's own conventions
(`scoring.languages`): numbers in each language's format ("1,000.5" = "1.000,5",
"3.5 million" = "3,5 Millionen", "twenty-five" = "fünfundzwanzig"), month, weekday
and frequency words by meaning ("June" = "Juni", "daily" = "täglich"), names looked
up across scripts and spellings ("Pyongyang" = "Pjöngjang", "North Korea" =
"Nordkorea", through the multilingual encoder when spelling alone does not tell),
and negation cues counted per language. Languages without tables get no findings
from here (their links are judged by their vectors).
"""

from __future__ import annotations

import bisect
import difflib
import itertools
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from scoring import languages
from scoring.checks.base import Check, LinkContext, Token, register
from scoring.checks.names import PLACES, DocumentNames, common_word, english_vocabulary, entities, has_name_ending, name_key, title_case
from scoring.embed_multilingual import MAX_WORD_CHARS, compound_parts
from scoring.types import Finding, Span

# Digits glued to Latin letters are part of a name ("G7", "B52"); glued to Chinese or
# Japanese characters they are a number ("有1,500人"). Thousands are grouped with a
# point, a comma, a (narrow) no-break space, an apostrophe (Swiss "10’000") or the Arabic
# separator; a fraction sign may follow ("3½").
_GROUP = "[.,\u202f\u00a0’'\u066c]"


def _digits(group: str) -> re.Pattern[str]:
    """Digits with thousands grouped by `group`, a decimal part, a fraction sign, an ordinal ending."""
    return re.compile(r"(?<![0-9A-Za-zÀ-ɏ.,])(\d{1,3}(?:" + group + r"\d{3})+(?:[.,\u066b]\d+)?|\d+(?:[.,\u066b]\d+)?)"
                      r"([½¼¾⅓⅔⅛])?(?:st|nd|rd|th|er|e|º|ª)?(?![0-9A-Za-zÀ-ɏ])")


_DIGITS = _digits(_GROUP)
# Languages that group thousands with a plain space ("1 500"): the space is part of the number.
_SPACED_DIGITS = _digits("(?: |" + _GROUP + ")")
# A time of day: "9:30" anywhere, "9.30" / "9h30" before a word for o'clock.
_TIME = re.compile(r"(?<![\d.,:])(\d{1,2})(?::\s?|[.h](?=\d{2}\s*(?:Uhr|h\b|heures?|horas?|ore\b|uur|часов)))(\d{2})"
                   r"(?![\d:]|[.,]\d)",
                   re.I)
# An hour written with "h" ("às 7h00", "à 18h"), with or without its minutes.
_HOURS_WITH_H = re.compile(r"(?<![\w.,:])(\d{1,2})h(\d{2})?(?!\w)")
# Dates in digits: day.month.year ("4.3.2024", "04/03/24") and year-month-day
# ("2024-03-04", and as Hungarian writes it, "2024.03.04." or "2024. 03. 04-én").
_DATE = re.compile(r"(?<![\d.,/-])(?:(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})"
                   r"|(\d{4})(?:-|\.\s?)(\d{1,2})(?:-|\.\s?)(\d{1,2}))(?![\d/]|-\d|[.,]\d)")
# ... and in Chinese, Japanese or Korean: "2024年6月5日", "6月", "6월 5일".
_CJK_DATE = re.compile(r"(?:(\d{4})\s?[年년]\s?)?(\d{1,2})\s?[月월](?:\s?(\d{1,2})\s?[日일])?")


@dataclass(frozen=True)
class Quantity:
    """A number of one side: its value, where it stands, whether a unit a translation
    may convert follows ("80 feet" -> "25 Meter"), whether it is a part of a date in
    digits (its month may be written as a word on the other side), and whether it may
    only explain the other side's numbers."""

    value: float
    span: Span
    convertible: bool = False
    date_part: bool = False
    # read from Chinese numerals, which also spell words ("一些" some, "四川" Sichuan):
    # such a reading may explain a number of the other side, never raise a finding
    explains_only: bool = False
    # a Chinese numeral followed by a counting word ("三人", "五名"): surely a count
    counted: bool = False
    # the month of a date in digits ("6" of "2024年6月5日", "3" of "4.3.2024"): only a
    # month (a word or another date's month) explains it
    month_part: bool = False
    # written as a word ("three", "drei")
    word: bool = False
    # other readings where `value` reads the number as a time of day: "24 horas" is 24
    # hours as often as midnight; "7 a.m." is said "7" beside a word for morning ("alle 7
    # del mattino"), "6 p.m." "18" ("klokken 18")
    also: tuple[float, ...] = ()

    def values(self) -> tuple[float, ...]:
        return (self.value, *self.also)


# A name on one side matches a word or two of the other this well in the multilingual
# space: "Nordkorea" for "North Korea", "Pjöngjang" for "Pyongyang".
NAME_SIMILARITY = 0.55
# A name of several words of which the other side spells some, not the last, is said
# there only in a phrase this close to it (a translation, not another person).
TRANSLATED_NAME_SIMILARITY = 0.85
# Two words spelled nearly (not quite) alike are one name from this similarity on.
NEAR_SPELLING_SIMILARITY = 0.4
# A word of one side stands in for a missing name of the other only when nothing on
# the name's side is this close to it: the multilingual space puts "Путин" near "the
# leader of the country".
STAND_IN_SIMILARITY = 0.6
_SENTENCE_END = re.compile(r"[.!?:;\"“”„«»]\s*$")


# After digits in Chinese, Japanese or Korean: "more than" and up to two signs of scale
# ("1100多万", "3千万", "500만"); an hour ("18时", "5時", "5시", not "24小时" or "3時間"),
# its minutes ("17时07分") or half; "点" is an hour only after a time of day ("下午3点"):
# alone it is also "points".
_CJK_SCALE = re.compile(r"\s?[多余餘几幾]?([十百千万萬亿億兆천만억조]{1,2})")
_CJK_HOUR = re.compile(r"\s?[时時시](?![间間간])(?:\s?(\d{1,2})\s?[分분]|(半))?")
_CJK_POINT_HOUR = re.compile(r"\s?点(?:\s?(\d{1,2})\s?分|(半))?")
# Counting words after a Chinese or Japanese numeral: people, items, years, days, times...
_COUNTING_WORDS = frozenset("人个個名位岁歲年天日次家只隻件条條所架辆輛艘座倍项項例起场場枚台部本张張国國")
_CJK_NUMERAL = re.compile("[" + "".join(languages.CJK_DIGITS) + "十百千万萬亿億]+")


def cjk_numeral(raw: str) -> float | None:
    """The value of a run of Chinese numerals ("十二" 12, "两千五百" 2500, "三万" 30000)."""
    total, section, digit = 0.0, 0.0, None
    for ch in raw:
        if ch in languages.CJK_DIGITS:
            if digit is not None:  # digits in a row ("二〇二一") read as a string of digits
                return float("".join(str(languages.CJK_DIGITS[c]) for c in raw)) \
                    if all(c in languages.CJK_DIGITS for c in raw) else None
            digit = float(languages.CJK_DIGITS[ch])
            continue
        unit = languages.CJK_SCALES[ch]
        if unit >= 1e4:
            total += (section + (digit or 0.0)) * unit
            section, digit = 0.0, None
        else:
            section += (1.0 if digit is None else digit) * unit
            digit = None
    return total + section + (digit or 0.0)


def _cjk_after(text: str, end: int, value: float, lang: str) -> tuple[float, int, bool]:
    """`value` read with the signs after it at `end` in a CJK text: the value, the new
    end, and whether it is a time of day."""
    scales = {**languages.CJK_SCALES, **languages.CJK_SCALES_MORE.get(lang, {})}
    before = text[max(0, end - 8):end].rstrip("0123456789 ")
    hour = _CJK_HOUR.match(text, end)
    if hour is None and before.endswith(languages.CJK_AFTERNOON + languages.CJK_MORNING):
        hour = _CJK_POINT_HOUR.match(text, end)  # "下午3点": with a time of day, 点 is o'clock
    if hour and value <= 24 and value == int(value):
        minutes = int(hour.group(1)) if hour.group(1) else 30 if hour.group(2) else 0
        # "下午3时至5时": the second hour of a range is the afternoon's too
        pm = value < 12 and (before.endswith(languages.CJK_AFTERNOON) or (
            before[-1:] in "至到~-—–" and any(mark in before for mark in languages.CJK_AFTERNOON)))
        return (value + (12 if pm else 0)) * 100 + minutes, hour.end(), True
    scale = _CJK_SCALE.match(text, end)
    if scale and all(ch in scales for ch in scale.group(1)):
        big = math.prod(scales[ch] for ch in scale.group(1))
        more, stop = _cjk_rest(text, scale.end(), big, scales)
        return value * big + more, stop, False
    return value, end, False


# The rest of a number written in parts after a myriad: "3万|5000", "3万|5千", "1억| 2천만".
_CJK_PART = re.compile(r"\s?(\d+)\s?([十百千万萬亿億兆천백십만억조]{0,2})")


def _cjk_rest(text: str, pos: int, big: float, scales: dict[str, float]) -> tuple[float, int]:
    """What follows a value counted in `big` (10^4 or more) at `pos`: smaller parts in
    digits with their own signs; (their sum, the end)."""
    total = 0.0
    while big >= 1e4:
        part = _CJK_PART.match(text, pos)
        if part is None or not all(ch in scales for ch in part.group(2)):
            break
        unit = math.prod(scales[ch] for ch in part.group(2))
        value = float(part.group(1)) * unit
        if value >= big:
            break
        total, pos, big = total + value, part.end(), unit
    return total, pos


def parse_number(raw: str, lang: str) -> float | None:
    """The value of a digit string written in `lang`'s convention."""
    text = raw.replace("\u202f", "").replace("\u00a0", "").replace(" ", "").replace("’", "").replace("'", "")
    text = text.replace("\u066c", "").replace("\u066b", ".")  # Arabic thousands and decimal separators
    text = "".join(str(unicodedata.digit(ch)) if ch.isdigit() else ch for ch in text)
    seps = [ch for ch in text if ch in ".,"]
    if not seps:
        return float(text)
    groups = re.split(r"[.,]", text)
    thousands_only = all(len(g) == 3 for g in groups[1:])
    if lang in languages.DECIMAL_COMMA or lang in languages.DECIMAL_COMMA_MORE:
        if "," in text:
            whole, _, frac = text.rpartition(",")
            return float(whole.replace(".", "") + "." + frac)
        return float(text.replace(".", "")) if thousands_only else float(text)
    if "." in text:
        whole, _, frac = text.rpartition(".")
        return float(whole.replace(",", "") + "." + frac)
    return float(text.replace(",", "")) if thousands_only else float(text.replace(",", "."))


def quantities(text: str, toks: Sequence[Token], offset: int, lang: str) -> list[Quantity]:
    """Numbers of `text` by value with their spans: times of day (9:30 = 9.30 Uhr, read
    as 930; 3 p.m. as 1500), dates in digits (their parts), digits with scale words
    and fractions, number words."""
    out: list[Quantity] = []
    scales = languages.SCALES.get(lang, {})
    by_start = {t.start: k for k, t in enumerate(toks)}
    starts = [t.start for t in toks]
    taken: set[int] = set()
    covered = bytearray(len(text))  # 1 where a character was read as part of a time or date

    def after(end: int) -> int | None:
        k = bisect.bisect_left(starts, end)
        return k if k < len(toks) else None

    def pm(end: int) -> bool:
        k = after(end)
        if k is None:
            return False
        if toks[k].lower in _RANGE_WORDS and k + 1 < len(toks) and toks[k].start - end <= 2 \
                and toks[k + 1].start - toks[k].end <= 8:  # "from 3 to 5 p.m.": the range's end says it
            return toks[k + 1].lower.rstrip(".") in ("p.m", "pm")
        return toks[k].lower.rstrip(".") in ("p.m", "pm") and toks[k].start - end <= 2

    def am(end: int) -> bool:
        k = after(end)
        return k is not None and toks[k].lower.rstrip(".") in ("a.m", "am") and toks[k].start - end <= 2

    for m in _DATE.finditer(text):
        groups = (1, 2, 3) if m.group(1) else (6, 5, 4)  # day, month, year
        covered[m.start():m.end()] = b"\x01" * (m.end() - m.start())
        for g in groups:
            out.append(Quantity(float(m.group(g)), Span(offset + m.start(g), offset + m.end(g), m.group(g)),
                                date_part=True, month_part=g in (2, 5)))
    for m in _CJK_DATE.finditer(text) if not text.isascii() else ():
        covered[m.start():m.end()] = b"\x01" * (m.end() - m.start())
        for g in (3, 2, 1):
            if m.group(g):
                out.append(Quantity(float(m.group(g)), Span(offset + m.start(g), offset + m.end(g), m.group(g)),
                                    date_part=True, month_part=g == 2))
    # "tháng 10" is October, a month word the time check reads: here it only explains a month
    for m in _VIETNAMESE_MONTH_NUMBER.finditer(text) if lang == "vi" else ():
        if 1 <= int(m.group(1)) <= 12:
            covered[m.start(1):m.end(1)] = b"\x01" * (m.end(1) - m.start(1))
            out.append(Quantity(float(m.group(1)), Span(offset + m.start(1), offset + m.end(1), m.group(1)),
                                date_part=True, month_part=True, explains_only=True))
    for m in _HOURS_WITH_H.finditer(text):  # "às 7h00", "à 18h": a time of day, or the hour
        hours, minutes = int(m.group(1)), int(m.group(2) or 0)
        if hours <= 24 and minutes < 60:
            covered[m.start():m.end()] = b"\x01" * (m.end() - m.start())
            out.append(Quantity(float(hours * 100 + minutes), Span(offset + m.start(), offset + m.end(), m.group(0)),
                                also=(float(hours), float(hours % 12)) if not minutes else ()))
    for m in _TIME.finditer(text):
        if covered[m.start()]:
            continue
        hours = int(m.group(1)) + (12 if int(m.group(1)) < 12 and pm(offset + m.end()) else 0)
        covered[m.start():m.end()] = b"\x01" * (m.end() - m.start())
        # "18:00" is said "kl. 18", "18 órára": the hour alone, against a bare number
        out.append(Quantity(float(hours * 100 + int(m.group(2))), Span(offset + m.start(), offset + m.end(), m.group(0)),
                            also=(float(hours),) if int(m.group(2)) == 0 else ()))
    pattern = _SPACED_DIGITS if lang in languages.SPACE_THOUSANDS else _DIGITS
    for m in pattern.finditer(text):
        if covered[m.start()]:
            continue
        try:
            value = parse_number(m.group(1), lang)
        except ValueError:
            continue
        if value is None:
            continue
        if m.group(2):
            value += unicodedata.numeric(m.group(2))
        if lang in languages.CJK_LANGUAGES:
            value, stop, hour = _cjk_after(text, m.end(), value, lang)
            covered[m.start():stop] = b"\x01" * (stop - m.start())
            out.append(Quantity(value, Span(offset + m.start(), offset + stop, text[m.start():stop]),
                                also=(value // 100,) if hour and value % 100 == 0 else ()))  # "午後6時": "kl. 18"
            continue
        start, end = offset + m.start(), offset + m.end()
        nxt = after(end)
        scale = toks[nxt].lower.rstrip(".").split("-")[0] if nxt is not None else ""
        if not scale.isascii():  # "करोड़" is written with its dot apart or composed
            scale = unicodedata.normalize("NFC", scale)
        if nxt is not None and scale in scales and toks[nxt].start - end <= 2:
            value *= scales[scale]
            end = toks[nxt].end
            taken.add(toks[nxt].start)
            nxt = nxt + 1 if nxt + 1 < len(toks) else None
            if nxt is not None and toks[nxt].lower in scales and toks[nxt].start - end <= 2:  # "1,8 mil milhões"
                value *= scales[toks[nxt].lower]
                end = toks[nxt].end
                taken.add(toks[nxt].start)
                nxt = nxt + 1 if nxt + 1 < len(toks) else None
        unit = nxt is not None and toks[nxt].lower in languages.CONVERTIBLE_UNITS and toks[nxt].start - end <= 2
        also: tuple[float, ...] = ()
        if value < 12 and value == int(value) and pm(end):
            value, also = (value + 12) * 100, (value, value + 12)  # "3 p.m." is "15 Uhr": a time of day
        elif value <= 12 and value == int(value) and am(end):
            value, also = (value % 12) * 100, (value,)  # "2 a.m." is "2 Uhr", "凌晨2时"
        elif nxt is not None and toks[nxt].lower in languages.OCLOCK and value <= 24 and value == int(value):
            value, also = value * 100, (value,)  # "15 Uhr", "3 o'clock"; or "24 horas", a day
        out.append(Quantity(value, Span(start, end, text[start - offset:end - offset]), unit, also=also))
    if lang in ("zh", "ja"):
        for m in _CJK_NUMERAL.finditer(text):
            if covered[m.start()] or (len(m.group(0)) == 1 and m.group(0) not in languages.CJK_DIGITS):
                continue
            raw = m.group(0)
            if len(raw) == 2 and all(ch in languages.CJK_DIGITS for ch in raw) \
                    and languages.CJK_DIGITS[raw[1]] - languages.CJK_DIGITS[raw[0]] == 1:
                for ch in raw:  # "两三年": two or three years, not 23
                    out.append(Quantity(float(languages.CJK_DIGITS[ch]), Span(offset + m.start(), offset + m.end(), raw),
                                        explains_only=True))
                continue
            numeral = cjk_numeral(raw)
            if numeral is None:
                continue
            value, stop, _ = _cjk_after(text, m.end(), numeral, lang)
            out.append(Quantity(value, Span(offset + m.start(), offset + stop, text[m.start():stop]),
                                explains_only=True, counted=text[stop:stop + 1] in _COUNTING_WORDS))
    for t in toks:
        if t.start in taken:
            continue
        v = languages.number_word(t.lower, lang)
        if v is None:
            continue
        k = by_start[t.start]
        if t.text[:1].isupper() and k and lang not in languages.NOUN_CAPITALS:
            continue  # part of a name: "Five Eyes", "Twenty20"
        if k and (toks[k - 1].lower, t.lower) in _NOT_A_NUMBER_AFTER:
            continue  # Romanian "18 la sută", Spanish "60 por ciento": per cent, not a hundred
        end = t.end
        if k + 1 < len(toks) and toks[k + 1].lower in scales:
            v *= scales[toks[k + 1].lower]
            end = toks[k + 1].end
            k += 1
        unit = k + 1 < len(toks) and toks[k + 1].lower in languages.CONVERTIBLE_UNITS
        out.append(Quantity(v, Span(t.start, end, text[t.start - offset:end - offset]), unit, word=True))
    return out


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(abs(a), abs(b), 1.0)


@register
class CrossNumberCheck(Check):
    """Numbers of the two sides by value, each read in its own language's format."""

    name = "x-number"
    # 3: number words of ru uk pl cs sk sv da no hu ro, month words read with the text;
    # 4: scale words of languages without tables, a lone dropped number unsure where number
    # words are not all read; 5: times of day also as written, "7h00", two scale words,
    # lakhs and crores, "两三"
    version = 5
    scope = "cross"

    def run(self, ctx: LinkContext) -> list[Finding]:
        if not _numbers_known(ctx):
            return []
        o = quantities(ctx.original, ctx.o_toks, ctx.o_offset, ctx.o_lang)
        c = quantities(ctx.candidate, ctx.c_toks, ctx.c_offset, ctx.c_lang)
        # a number word ("three") faces a language whose number words are not read ("три",
        # "trzy"): it may explain a number there, but its absence proves nothing
        if not languages.number_words_known(ctx.c_lang):
            o = [replace(q, explains_only=True) if q.word else q for q in o]
        if not languages.number_words_known(ctx.o_lang):
            c = [replace(q, explains_only=True) if q.word else q for q in c]
        # a month written as a word explains that part of a date in digits ("March 4" / "4.3.");
        # read with the text, as the time check reads it ("May 5", "4. září"), except in
        # Chinese, Japanese and Korean, whose dates in digits carry their month already
        o_month_words = _months(ctx.o_toks, ctx.o_lang, ctx.original, ctx.o_offset)
        o_months = {float(int(key) + 1) for key in o_month_words}
        c_months = {float(int(key) + 1) for key in _months(ctx.c_toks, ctx.c_lang, ctx.candidate, ctx.c_offset)}

        # a number of a language whose scale words are not in the tables may stand for the
        # other side's number of thousands, millions, ... ("1,2 miljardia" is 1.2 billion):
        # the same digits count; and one whose month words are not may be a month ("ngày 14
        # tháng 10", 14 October)
        scales_known = all(lang in languages.SCALES or lang in languages.CJK_LANGUAGES for lang in (ctx.o_lang, ctx.c_lang))

        def unexplained(mine: list[Quantity], other: list[Quantity], months: set[float],
                        months_known: bool) -> list[Quantity]:
            return [q for q in mine if not q.explains_only
                    and not any(any(_same(a, b) or (not scales_known and _scaled(a, b)) for a, b in _readings(q, w))
                                and q.month_part == w.month_part for w in other)
                    and not ((q.date_part or not months_known) and q.value in months)]

        dropped = unexplained(o, c, c_months, languages.time_words_known(ctx.o_lang))
        added = unexplained(c, o, o_months, languages.time_words_known(ctx.c_lang))
        if added and not dropped:  # a counted Chinese numeral the candidate renders as another number
            dropped = [q for q in o if q.counted and not any(_same(q.value, w.value) for w in c)]
        said = ", ".join(q.span.text for q in o if not q.explains_only) or "no number"
        # a number with a unit the translation may have converted is never sure
        converted = any(q.convertible for q in dropped + added)
        findings: list[Finding] = []
        for q in added:
            span = q.span
            if q.month_part and o_month_words and not dropped:  # "2024.04.04" for "March 4, 2024"
                was = ", ".join(t.text for t in o_month_words.values())
                findings.append(Finding("number", "major", (span,), f"month '{span.text}' of a date where the original "
                                        f"says '{was}'", was,
                                        original_spans=tuple(Span(t.start, t.end, t.text) for t in o_month_words.values())))
            elif dropped and not converted:
                was = ", ".join(d.span.text for d in dropped)
                findings.append(Finding("number", "major", (span,), f"number '{span.text}' where the original says "
                                        f"'{was}'", was, original_spans=tuple(d.span for d in dropped)))
            else:
                findings.append(Finding("number", "minor", (span,), f"number '{span.text}' is not in the original "
                                        f"(it has: {said})", said, certain=False))
        if not added:
            for q in dropped:
                value, span = q.value, q.span
                if value in (1.0, 2.0) or q.convertible:
                    continue  # "a", "both", "beide" carry them without a number
                if q.word and ctx.c_lang in languages.NUMBER_WORDS:
                    continue  # the tables hold a language's usual forms, not all ("heten", seven people)
                if not languages.number_words_complete(ctx.c_lang):
                    # the candidate may write it in words the tables do not read ("patnáctý",
                    # 15th; "osmnáct procent"; Finnish, Greek): unsure
                    findings.append(Finding("number", "minor", (span,), f"the candidate may drop the number "
                                            f"'{span.text}' (or write it in words)", span.text, certain=False,
                                            side="original"))
                    continue
                findings.append(Finding("number", "major", (span,), f"the candidate drops the number '{span.text}'",
                                        span.text, side="original"))
        return findings


_NOT_A_NUMBER_AFTER = frozenset({("la", "sută"), ("por", "ciento"), ("per", "cento"), ("por", "cento")})


def _readings(q: Quantity, w: Quantity) -> list[tuple[float, float]]:
    """The pairs of values two numbers are compared by: as read, and a time of day's other
    readings against a bare number ("7 a.m." / "7" beside "del mattino"), never against
    another time ("6 p.m." is not "6 Uhr")."""
    pairs = [(q.value, w.value)]
    if not w.also:
        pairs += [(a, w.value) for a in q.also]
    if not q.also:
        pairs += [(q.value, b) for b in w.also]
    return pairs


def _scaled(a: float, b: float) -> bool:
    """`a` and `b` differ by a power of a thousand (1.2 / 1.2 billion)."""
    small, big = sorted((abs(a), abs(b)))
    return small > 0 and any(_same(small * scale, big) for scale in (1e3, 1e6, 1e9, 1e12))


def _months(toks: Sequence[Token], lang: str, text: str, offset: int) -> dict[str, Token]:
    """The month words of a side, for the number check."""
    if lang in languages.CJK_LANGUAGES:
        return _time_words(toks, lang).get("month", {})
    return _time_words(toks, lang, text, offset).get("month", {})


def _time_words(toks: Sequence[Token], lang: str, text: str = "", offset: int = 0) -> dict[str, dict[str, Token]]:
    found: dict[str, dict[str, Token]] = {}
    if lang in languages.CJK_TIME_WORDS:  # found in the text: words are not spaced
        for start, end, (cls, value) in languages.cjk_time_words(text, lang):
            found.setdefault(cls, {}).setdefault(value, Token(offset + start, offset + end, text[start:end]))
        return found
    two_word = languages.TWO_WORD_DAYS.get(lang, {})
    two_word_weekdays = languages.TWO_WORD_WEEKDAYS.get(lang, {})
    after = languages.TIME_WORD_AFTER.get(lang, {})
    for k, t in enumerate(toks):
        prev = toks[k - 1].lower if k else ""
        nxt = toks[k + 1].lower if k + 1 < len(toks) else ""
        if two_word_weekdays:
            day = _two_word_weekday(toks, k, lang, two_word_weekdays)
            if day is not None:
                pair = Token(t.start, toks[k + 1].end, f"{t.text} {toks[k + 1].text}")
                found.setdefault("weekday", {}).setdefault(str(day), pair)
                continue
        if lang == "vi" and t.lower == "tháng" and text:  # "tháng 10", "tháng Mười": October
            month = _VIETNAMESE_MONTH_NUMBER.match(text, t.start - offset)
            if month and 1 <= int(month.group(1)) <= 12:
                found.setdefault("month", {}).setdefault(str(int(month.group(1)) - 1), Token(
                    t.start, offset + month.end(1), text[t.start - offset:month.end(1)]))
                continue
            named = _vietnamese_month_word(toks, k)
            if named is not None:
                number, last = named
                found.setdefault("month", {}).setdefault(str(number - 1), Token(
                    t.start, toks[last].end, text[t.start - offset:toks[last].end - offset]))
                continue
        if t.lower == "i" and nxt in two_word:  # "i går", "i dag": the two words together
            pair = Token(t.start, toks[k + 1].end, text[t.start - offset:toks[k + 1].end - offset] if text else
                         f"{t.text} {toks[k + 1].text}")
            found.setdefault("relative day", {}).setdefault(str(two_word[nxt]), pair)
            continue
        word = t.lower.removesuffix("'s").removesuffix("’s")  # "Sunday's"
        key = languages.time_key(word, lang)
        if key is None and "-" in word:  # "mid-August", "Mitte-Juni"
            key = languages.time_key(word.rsplit("-", 1)[1], lang)
        if key is None:
            days = languages.relative_day(word, lang, t.text, prev)
            if days is not None and not _morning(t, toks[k - 1].text if k else "", nxt,
                                                 toks[k + 2].lower if k + 2 < len(toks) else "", lang):
                key = ("relative day", days)
        near_digit = _near_digit(text, t.start - offset, t.end - offset)
        # a form that is also a common word counts after its cue words or beside a date's
        # digits ("4. září", 4 September; "září" also shines)
        if key is None or (word in after and prev not in after[word] and not near_digit) \
                or (word, nxt) in _NOT_BEFORE or _not_time_word(t, k, key[0], prev, nxt, lang, near_digit):
            continue
        found.setdefault(key[0], {}).setdefault(key[1], t)
    return found


# Months named by their number in words, the number capitalised ("tháng Bảy", July;
# "tháng năm" in lower case is also "months and years"), "tháng Giêng" January, "tháng Chạp" December
_VIETNAMESE_MONTH_WORDS = {"giêng": 1, "một": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7,
                           "tám": 8, "chín": 9, "mười": 10, "chạp": 12}


def _vietnamese_month_word(toks: Sequence[Token], k: int) -> tuple[int, int] | None:
    """(month, index of its last word) of "tháng" at k followed by a capitalised number
    word ("tháng Bảy"; "tháng Mười Một", "tháng Mười Hai"), or None."""
    if k + 1 >= len(toks) or not toks[k + 1].text[:1].isupper():
        return None
    number = _VIETNAMESE_MONTH_WORDS.get(toks[k + 1].lower)
    if number == 10 and k + 2 < len(toks) and toks[k + 2].lower in ("một", "hai"):
        return (11 if toks[k + 2].lower == "một" else 12), k + 2
    return (number, k + 1) if number is not None else None


_VIETNAMESE_MONTH_NUMBER = re.compile(r"\b[tT]háng\s(\d{1,2})(?!\d|[.,]\d)")


def _two_word_weekday(toks: Sequence[Token], k: int, lang: str, table: dict[str, dict[str, int]]) -> int | None:
    """The weekday toks[k] and toks[k + 1] name together (Hebrew "ביום רביעי", Vietnamese
    "thứ Tư"), or None. Vietnamese "thứ năm" in lower case is "the fifth"."""
    if k + 1 >= len(toks):
        return None
    first, second = toks[k].lower, toks[k + 1]
    if lang == "he" and first not in table and len(first) > 3 and first[0] in languages.HEBREW_PREFIXES:
        first = first[1:]  # "ביום": on the day
    day = table.get(first, {}).get(second.lower)
    if day is None or (lang == "vi" and not second.text[:1].isupper()):
        return None
    return day


# English words before "May" that make it the month, not the verb.
_MAY_AFTER = frozenset("in since until till by of early late mid last next this from before after during".split())


# "ve středu města": in the centre of the city, not on Wednesday.
_NOT_BEFORE = frozenset({("středu", "města"), ("stredu", "mesta"), ("středu", "obce"), ("stredu", "obce")})


def _near_digit(text: str, start: int, end: int) -> bool:
    """A digit within three characters before or after text[start:end] ("5 May", "May 5")."""
    return bool(text) and any(ch.isdigit() for ch in text[max(0, start - 3):start] + text[end:end + 3])


def _not_time_word(t: Token, k: int, cls: str, prev: str, nxt: str, lang: str, near_digit: bool = False) -> bool:
    """A word in the tables that is not a time word here: English "march" the verb and
    "May" the verb (a month is capitalised, and "May" needs a date's company); a
    frequency word capitalised inside a sentence ("the Daily Mail", "China Daily") or
    a month capitalised inside a sentence of a language that writes months in lower
    case ("Mars" the planet in French or Swedish): a name."""
    capital = t.text.rsplit("-", 1)[-1][:1].isupper()  # "mid-August" is capitalised where it counts
    if lang == "el" and cls == "weekday":
        return not capital  # "τρίτη", "πέμπτη" in lower case are "third", "fifth"
    if lang == "en" and cls == "month":
        if not capital:
            return True
        if t.lower == "may":
            return not (prev in _MAY_AFTER or near_digit)
        return False
    if cls == "frequency" and capital and k > 0:
        return True
    return cls == "month" and capital and k > 0 and not languages.capitalises_months(lang)


def _morning(t: Token, previous: str, nxt: str, after_next: str, lang: str) -> bool:
    """Dutch "Die morgen" (that morning) and Spanish "mañana y tarde" (morning and
    afternoon) are mornings, not tomorrow ("ministers die morgen vergaderen" is
    tomorrow: only a capitalised "Die" opens a sentence)."""
    if lang == "nl":
        return t.lower == "morgen" and previous == "Die"
    return lang == "es" and t.lower == "mañana" and nxt in ("y", "o") and after_next in ("tarde", "noche")


@register
class CrossTimeCheck(Check):
    """Months, weekdays, frequency words and yesterday/today/tomorrow by meaning:
    "June" is "Juni", "daily" is "täglich", "Monday" is "星期一" / "月曜日" / "월요일",
    "yesterday" is "gestern" / "昨天"; one of a class where the original has another is
    major."""

    name = "x-time"
    version = 5  # 5: fi el bg hr he hi vi id tables, CLDR names of the other languages
    scope = "cross"

    def run(self, ctx: LinkContext) -> list[Finding]:
        if not (languages.time_words_known(ctx.o_lang) and languages.time_words_known(ctx.c_lang)):
            return []
        o = _time_words(ctx.o_toks, ctx.o_lang, ctx.original, ctx.o_offset)
        c = _time_words(ctx.c_toks, ctx.c_lang, ctx.candidate, ctx.c_offset)
        findings: list[Finding] = []
        for cls, words in c.items():
            o_words = o.get(cls, {})
            lost = [t for key, t in o_words.items() if key not in words]
            if not lost:
                continue
            said = ", ".join(t.text for t in lost)
            was = tuple(Span(t.start, t.end, t.text) for t in lost)
            for key, tok in words.items():
                if key not in o_words:
                    findings.append(Finding("number", "major", (Span(tok.start, tok.end, tok.text),),
                                            f"time word '{tok.text}' where the original says '{said}'", said,
                                            original_spans=was))
        return findings


def _name_runs(text: str, toks: list[Token], offset: int, lang: str,
               document: DocumentNames | None = None) -> list[list[Token]]:
    """Names of a side whose language capitalises names only (none for German: runs of
    capitalised German words are as often nouns, "Hektar Land", as names); months and
    weekdays are the time check's. `document`: the side's whole document, whose
    capitals inside sentences tell a name that opens a sentence ("Putin visited") from
    a common word."""
    return [r for r in _capitalised_runs(text, toks, offset, lang, document)
            if not all(languages.time_key(t.lower, lang) for t in r)]


def _opens_sentence(text: str, toks: Sequence[Token], k: int, offset: int) -> bool:
    """Does the k-th of `toks` (words of `text`, which stands at `offset`) open a sentence?"""
    return k == 0 or bool(_SENTENCE_END.search(text[toks[k - 1].end - offset: toks[k].start - offset]))


def _capitalised_runs(text: str, toks: list[Token], offset: int, lang: str,
                      document: DocumentNames | None = None) -> list[list[Token]]:
    if lang in languages.NOUN_CAPITALS:
        return []
    if lang == "en":
        found = entities(text, offset, toks, document.mid_caps, document.plain) if document is not None \
            else entities(text, offset, toks)
        return [r for r in found if any(len(t.text) > 1 for t in r)]
    runs: list[list[Token]] = []
    run: list[Token] = []
    two_word = languages.TWO_WORD_WEEKDAYS.get(lang, {})
    articles = _ARTICLES.get(lang, frozenset())
    for k, t in enumerate(toks):
        prev = toks[k - 1].lower if k else ""
        if run and (text[run[-1].end - offset: t.start - offset].strip()  # "Partido Popular, Alberto ..."
                    or (_acronym(run[-1].text) and not _acronym(t.text))):  # "США Марко Рубио"
            runs.append(run)
            run = []
        if t.text[:1].isupper() and (run or not _opens_sentence(text, toks, k, offset)) and len(t.text) > 1 \
                and t.lower not in two_word.get(prev, ()) and not (lang == "vi" and prev == "tháng") \
                and (run or prev not in articles):
            run.append(t)
            continue
        if run:
            runs.append(run)
        run = []
    if run:
        runs.append(run)
    return runs


# A capitalised word after a definite article is an institution's or a common noun's
# ("El Gobierno regional", "la Commission"), not a person's name.
_ARTICLES: dict[str, frozenset[str]] = {
    lang: frozenset(words.split()) for lang, words in {
        "es": "el la los las del al", "fr": "le la les des du au aux", "hu": "a az", "el": "ο η το οι τα"}.items()}
# (not Portuguese and Italian, which set an article before a person's name, "o João", "la
# Meloni", nor Dutch, whose "de" is part of names, "Frank de Boer")


class _Lookup:
    """Finds a name of one side among the words of the other."""

    def __init__(self, ctx: LinkContext, toks: list[Token], lang: str, text: str, offset: int) -> None:
        self.toks = toks
        self.ctx = ctx
        self.lang = lang
        self.text = text  # the side's window, at `offset` in its document
        self.offset = offset
        self._vectors: np.ndarray | None = None
        # two words where one is capitalised ("North Korea", "Kim Jong"); names are
        # not looked for in runs of lower-case words
        pairs = [(a, b) for a, b in itertools.pairwise(toks) if a.text[:1].isupper() or b.text[:1].isupper()]
        self.phrases = [t.text[:MAX_WORD_CHARS] for t in toks] + [f"{a.text} {b.text}"[:2 * MAX_WORD_CHARS]
                                                                for a, b in pairs]
        self.phrase_tokens = [[t] for t in toks] + [[a, b] for a, b in pairs]
        # Pieces cut from inside a compound are any of its substrings: a name matches one
        # only spelled the same, or inside it ("Kreml" of "Kremlsprecher"), never nearly
        # ("Biden" / "ident" of "Präsident").
        self.pieces: set[str] = set()
        # the parts of capitalised compounds ("Corona" of "Corona-Fälle", "Quarantäne" of
        # "Quarantänemaßnahmen")
        for t in toks:
            if not t.text[:1].isupper():
                continue
            parts = [p for p in t.text.split("-") if len(p) >= 3] if "-" in t.text else []
            pieces = [q for p in (parts or [t.text]) for q in compound_parts(p)] \
                if lang in languages.COMPOUNDING else []
            for part in dict.fromkeys(parts + pieces):
                self.phrases.append(part)
                self.phrase_tokens.append([t])
            self.pieces.update(pieces)
        self.words = [t.text for t in toks] + self.phrases[len(toks) + len(pairs):]  # words and parts, no pairs
        # ... and names without a case ending after an apostrophe ("Harwick" of "Harwick'teki")
        self.words += [t.text[:len(name_key(t.text))] for t in toks if t.text[:1].isupper() and has_name_ending(t.text)]

    def vectors(self) -> np.ndarray | None:
        if self._vectors is None and self.ctx.encode is not None and self.phrases:
            self._vectors = self.ctx.encode(self.phrases)
        return self._vectors

    def spelled(self, run: Sequence[Token], names_only: bool = False) -> bool:
        """Whether a word of `run` is spelled like a word of this side (`names_only`: a
        capitalised one)."""
        words = [w for w in self.words if w[:1].isupper()] if names_only else self.words
        for p in run:
            if len(p.text) <= 1:
                continue
            for w in words:
                if languages.spelled_alike(p.text, w, nearly=False):
                    return True
                if w not in self.pieces and languages.spelled_alike(p.text, w) and self._close(p.text, w):
                    return True
        return False

    def _close(self, a: str, b: str) -> bool:
        """Two words spelled nearly alike are one name unless the multilingual space
        sets them apart ("Trump" / "Truppen" 0.31; "Hryhorov" / "Григоров" 0.44)."""
        if self.ctx.encode is None:
            return True
        u, v = self.ctx.encode([a, b])
        return float(u @ v) >= NEAR_SPELLING_SIMILARITY

    def closest(self, name: str) -> tuple[float, list[Token]]:
        """The phrase of this side closest to `name` in the multilingual space."""
        vectors = self.vectors()
        if vectors is None or self.ctx.encode is None or not len(vectors):
            return 0.0, []
        sims = vectors @ self.ctx.encode([name])[0]
        best = int(np.argmax(sims))
        return float(sims[best]), self.phrase_tokens[best]


def _found(run: Sequence[Token], other: _Lookup, similarity: float = NAME_SIMILARITY, person: bool = False) -> bool:
    """Whether the other side says `run`: spelled alike (a `person`'s name of several
    words by its last, `_name_said`) or, when no word of it is, close to a phrase of the
    other side in the multilingual space (a name translated: "United States" / "Stati Uniti")."""
    if _name_said(run, other) if person else other.spelled(run):
        return True
    if person and len(run) > 1 and other.spelled(run):
        # a word of it kept, the last not: "Giulia Romano" for "Giulia Ferrari" (0.74), unless
        # the whole reads as a translation of it ("Vereinigten Staaten" for "Stati Uniti", 0.90)
        sim, _ = other.closest(" ".join(t.text for t in run))
        return sim >= TRANSLATED_NAME_SIMILARITY
    sim, _ = other.closest(" ".join(t.text for t in run))
    return sim >= similarity


def _name_said(run: Sequence[Token], other: _Lookup) -> bool:
    """Whether the other side spells the name `run`: a name of several words by its last
    word of three letters or more, the family name in most languages ("Kemal Arslan'ın"
    does not say "Kemal Aydın"; Hungarian puts the family name first, and the English
    side, whose runs are read here, last)."""
    last = [t for t in run if len(t.text) >= 3][-1:] if len(run) > 1 else []
    return other.spelled(last or run)


def _partner(run: Sequence[Token], other: _Lookup) -> list[Token]:
    """Where the other side spells a first word of the name `run` but not its last ("Giulia
    Romano" for "Giulia Ferrari", "Tóth Tamás" for "Tamás Szabó"): that word with the
    capitalised word beside it that spells no word of `run`; else []."""
    if len(run) < 2:
        return []
    toks = other.toks
    for part in run[:-1]:
        if len(part.text) < 2:
            continue
        for k, t in enumerate(toks):
            if not languages.spelled_alike(part.text, t.text):
                continue
            for j in (k + 1, k - 1):  # the family name after the given name, or before it (Hungarian)
                if 0 <= j < len(toks) and toks[j].text[:1].isupper() and len(toks[j].text) >= 3 \
                        and not any(languages.spelled_alike(p.text, toks[j].text) for p in run) \
                        and not languages.time_key(toks[j].lower, other.lang) \
                        and not other.text[min(t.end, toks[j].end) - other.offset:
                                           max(t.start, toks[j].start) - other.offset].strip(" "):
                    return [t, toks[j]] if j > k else [toks[j], t]
    return []


@register
class CrossNameCheck(Check):
    """Names of a side that capitalises only names, looked up on the other side by
    spelling and, failing that, in the multilingual space. A name with no
    counterpart, where the other side has a name-like word of its own in its place,
    was swapped; a name with nothing in its place was dropped."""

    name = "x-name"
    # 3: fi hr bg el id vi et lt sl; a title opening the sentence is not the name
    # 4: in the tables' languages too, an English person's name is looked up without its title;
    # 5: Turkish, names with case endings after an apostrophe; names between any two languages
    # with tables; Hindi names read in Latin letters; Czech "-ová" names
    version = 5
    scope = "cross"

    def run(self, ctx: LinkContext) -> list[Finding]:
        # Both sides' words known: names of both sides. An English original against a
        # language with negation and time tables that capitalises names only (Czech,
        # Swedish, Hungarian, ...): the original's names of people and organisations; its
        # places and their adjectives ("Russia's", "North Korean", "Western") are
        # declined or renamed there ("Ruska", "Oroszország") beyond what spelling finds.
        full = ctx.o_lang in languages.CHECKED_LANGUAGES and ctx.c_lang in languages.CHECKED_LANGUAGES
        # Between two languages other than English that the multilingual encoder reads
        # (Polish and Italian, German and Turkish), names of both sides the same way.
        full = full or ("en" not in (ctx.o_lang, ctx.c_lang)
                        and ctx.o_lang in _BOTH_SIDES_NAMES and ctx.c_lang in _BOTH_SIDES_NAMES)
        if not full and ctx.c_lang == "en" and ctx.o_lang in _PEOPLE_NAME_LANGUAGES:
            return _english_candidate_people(ctx)
        if not full and not (ctx.o_lang == "en" and ctx.c_lang in _PEOPLE_NAME_LANGUAGES):
            return []
        findings: list[Finding] = []
        dropped: list[Finding] = []  # names of two words or more, dropped ...
        new_names: list[Finding] = []  # ... and new in the candidate: `_paired`
        o_lookup = _Lookup(ctx, ctx.o_toks, ctx.o_lang, ctx.original, ctx.o_offset)
        c_lookup = _Lookup(ctx, ctx.c_toks, ctx.c_lang, ctx.candidate, ctx.c_offset)
        headline = _headline(ctx.original, ctx.o_toks)
        for run in _name_runs(ctx.original, ctx.o_toks, ctx.o_offset, ctx.o_lang, ctx.names):
            if not full:
                # a person's name, found by its spelling alone: in e5's space a name sits as
                # close to another politician's (Putin / Medvedev 0.62) as to its own spelling
                run = _person_part(run, ctx.names, _opens_sentence(ctx.original, ctx.o_toks,
                                                                   ctx.o_toks.index(run[0]), ctx.o_offset))
                if not run or headline or _translatable(run, ctx.original, ctx.o_offset, ctx.o_lang) \
                        or _name_said(run, c_lookup):
                    continue
            else:
                run, person = _without_title(run, ctx.o_lang, ctx.names, ctx.original, ctx.o_toks, ctx.o_offset)
                if _found(run, c_lookup, person=person):
                    continue
            name = ctx.o_span_text(run[0].start, run[-1].end)
            if headline or all(_acronym(t.text) for t in run) or _translatable(run, ctx.original, ctx.o_offset, ctx.o_lang):
                # a headline's capitals are not names; an acronym is often spelled out
                findings.append(Finding("entity", "minor", (Span(run[0].start, run[-1].end, name),),
                                        f"the candidate may drop '{name}'", name, certain=False, side="original"))
                continue
            at = ctx.o_toks.index(run[0]) / max(len(ctx.o_toks) - 1, 1)
            swap = _partner(run, c_lookup) or _stand_in(name, c_lookup, o_lookup, closest_only=full, at=at,
                                                       other_names=ctx.c_names)
            if swap:
                span = Span(swap[0].start, swap[-1].end, ctx.c_span_text(swap[0].start, swap[-1].end))
                findings.append(Finding("entity", "major", (span,), f"'{span.text}' where the original names "
                                        f"'{name}'", name, original_spans=(Span(run[0].start, run[-1].end, name),)))
            else:
                findings.append(Finding("entity", "major", (Span(run[0].start, run[-1].end, name),),
                                        f"the candidate drops the name '{name}'", name, side="original"))
                if len(run) > 1:
                    dropped.append(findings[-1])
        if not full:  # the candidate's own names: only where its language's tables are full
            return findings
        swapped = {(f.spans[0].start, f.spans[0].end) for f in findings if f.side == "candidate"}
        c_headline = _headline(ctx.candidate, ctx.c_toks)
        for run in _name_runs(ctx.candidate, ctx.c_toks, ctx.c_offset, ctx.c_lang, ctx.c_names):
            person = ctx.c_lang != "en"
            if ctx.c_names is not None:
                run, person = _without_title(run, ctx.c_lang, ctx.c_names, ctx.candidate, ctx.c_toks, ctx.c_offset)
            if _found(run, o_lookup, person=person) or (run[0].start, run[-1].end) in swapped:
                continue
            name = ctx.c_span_text(run[0].start, run[-1].end)
            span = Span(run[0].start, run[-1].end, name)
            # the original has a name-like word of its own that the candidate does not say: swapped
            was = [] if c_headline or _translatable(run, ctx.candidate, ctx.c_offset, ctx.c_lang) or \
                all(_acronym(t.text) for t in run) else _stand_in(name, o_lookup, c_lookup)
            if was:
                said = ctx.o_span_text(was[0].start, was[-1].end)
                findings.append(Finding("entity", "major", (span,), f"'{name}' where the original names '{said}'",
                                        said, original_spans=(Span(was[0].start, was[-1].end, said),)))
            else:
                findings.append(Finding("entity", "minor", (span,), f"'{name}' does not appear in the original", "",
                                        certain=False))
                if len(run) > 1:
                    new_names.append(findings[-1])
        return _paired(findings, dropped, new_names)


def _paired(findings: list[Finding], dropped: list[Finding], new_names: list[Finding]) -> list[Finding]:
    """One name of two words or more dropped from the original and one the original does
    not have in the candidate: a swap ("'Ентоні Блінкеном' where the original names 'Марко
    Рубио'"). Two politicians sit close in the multilingual space, so the candidate's name
    was not taken for a stand-in, nor found wanting by it."""
    if len(dropped) != 1 or len(new_names) != 1:
        return findings
    was, new = dropped[0], new_names[0]
    swap = Finding("entity", "major", new.spans, f"'{new.spans[0].text}' where the original names "
                   f"'{was.spans[0].text}'", was.spans[0].text, original_spans=was.spans)
    return [swap if f is new else f for f in findings if f is not was]


def _english_candidate_people(ctx: LinkContext) -> list[Finding]:
    """An English candidate of an original in one of `_PEOPLE_NAME_LANGUAGES` (a Czech
    story carried in English): the candidate's people looked up in the original by
    spelling; one the original does not name, with a capitalised word of its own in
    that place, was swapped ("Zelensky" where the original names "Kuleba"); without
    one, the candidate may add the name (unsure)."""
    if _headline(ctx.candidate, ctx.c_toks):
        return []
    o_lookup = _Lookup(ctx, ctx.o_toks, ctx.o_lang, ctx.original, ctx.o_offset)
    c_lookup = _Lookup(ctx, ctx.c_toks, ctx.c_lang, ctx.candidate, ctx.c_offset)
    document = ctx.c_names if ctx.c_names is not None else DocumentNames(ctx.c_toks)
    findings: list[Finding] = []
    for run in _name_runs(ctx.candidate, ctx.c_toks, ctx.c_offset, "en", document):
        run = _person_part(run, document, _opens_sentence(ctx.candidate, ctx.c_toks, ctx.c_toks.index(run[0]),
                                                          ctx.c_offset))
        if not run or _translatable(run, ctx.candidate, ctx.c_offset, "en") or _name_said(run, o_lookup):
            continue
        name = ctx.c_span_text(run[0].start, run[-1].end)
        span = Span(run[0].start, run[-1].end, name)
        at = ctx.c_toks.index(run[0]) / max(len(ctx.c_toks) - 1, 1)
        was = _partner(run, o_lookup) or _stand_in(name, o_lookup, c_lookup, closest_only=False, at=at,
                                                   other_names=ctx.names)
        if was:
            said = ctx.o_span_text(was[0].start, was[-1].end)
            findings.append(Finding("entity", "major", (span,), f"'{name}' where the original names '{said}'", said,
                                    original_spans=(Span(was[0].start, was[-1].end, said),)))
        else:
            findings.append(Finding("entity", "minor", (span,), f"'{name}' does not appear in the original", "",
                                    certain=False))
    return findings


# Languages whose names are looked up on both sides when neither side is English: the
# tables' languages and the others that capitalise names only and that USE reads.
# Languages whose translations of an English original are checked for its people's names.
_PEOPLE_NAME_LANGUAGES = frozenset("pl cs sk uk ro hu sv da no nb nn fi hr bg el id vi et lt sl tr hi".split())
_BOTH_SIDES_NAMES = languages.CHECKED_LANGUAGES | _PEOPLE_NAME_LANGUAGES
_COMPASS = frozenset("north south east west northern southern eastern western central".split())


# Words that make an institution, an event or a place of the run they are in ("Supreme
# Court", "Champions League", "World Cup"): not a person's name.
_INSTITUTIONS = frozenset("court party ministry council parliament union bank army police university agency "
                          "committee commission office house senate congress assembly government department service "
                          "company group league cup championship championships federation association foundation "
                          "institute hospital school airport station street square river lake sea ocean mountain "
                          "bridge museum church cathedral festival games olympics tournament open prize award forces "
                          "navy guard court's organisation organization fund agreement treaty corporation "
                          # places and events
                          "islands island valley spring fire bill act club lane avenue road county coast peninsula "
                          "bay gulf strait canal desert forest park zoo tower palace castle port harbour harbor "
                          "mountains hills hill falls beach cape war revolution crisis summit storm hurricane "
                          "day week show award awards prize".split())
_TITLES = frozenset("president prime minister chancellor premier king queen prince princess general secretary "
                    "spokesman spokeswoman spokesperson leader mr mrs ms dr sir lord lady senator governor mayor pope "
                    "defence defense foreign deputy vice chief commander ambassador envoy former".split())
# Words that make a place of the name beside them ("Kharkiv Oblast", "Sumy Regional Military Administration").
_PLACE_KINDS = frozenset("oblast region regional province county district city military administration council "
                         "governorate".split())


def _not_a_person(word: str) -> bool:
    """An English word that names no person: a country, its adjective, a compass word
    ("Russian", "North Korean", "Russia's", "Western") or the kind of a place ("Oblast"), a
    title ("President"), a function word ("It's", "We're", "And" at the start of a sentence)."""
    w = re.sub(r"['’](s|re|ll|ve|d|m)$", "", word.lower())
    return (w in PLACES or w.removesuffix("s") in PLACES or w in _COMPASS or w in _PLACE_KINDS or w in _TITLES
            or w in languages.function_words("en"))


def _person_part(run: Sequence[Token], names: DocumentNames, opens_sentence: bool = False) -> list[Token]:
    """The words of an English run that name a person ("Vladimir Putin" of "Russian
    President Vladimir Putin's"): two or more words that are not `_not_a_person`, or one
    that the document writes with another one elsewhere ("Putin", "Vladimir Putin").
    None in a run with lower-case words inside ("Institute for the Study of War": an
    organisation, whose name a translation translates) or in a single place-like word the
    document never writes as part of a person's name ("Pyongyang", "Phenian")."""
    if any(t.text[:1].islower() for t in run) or any(t.lower in _INSTITUTIONS for t in run):
        return []
    words = [t for t in run if not _not_a_person(t.text)]
    if opens_sentence and len(words) > 2 and words[0] is run[0] and name_key(words[0].text) not in names.mid_caps:
        words = words[1:]  # a word capitalised only where it opens a sentence: "Hydrologist Maria Lindqvist"
    if not words or any(b != a + 1 for a, b in itertools.pairwise(run.index(t) for t in words)):
        return []
    if len(words) == 1 and not names.in_full_names(name_key(words[0].text), _not_a_person):
        return []
    return words


def _without_title(run: list[Token], lang: str, names: DocumentNames, text: str, toks: list[Token],
                   offset: int) -> tuple[list[Token], bool]:
    """An English run's person part where it has one ("Joe Biden" of "President Joe Biden":
    looked up with its title, the run sits close to "Präsident Donald" in the multilingual
    space), else the run; and whether it may name a person (not "Canary Islands", "Arab
    Spring": an English run without a person part; any run of another language)."""
    if lang != "en":
        return run, True
    person = _person_part(run, names, _opens_sentence(text, toks, toks.index(run[0]), offset))
    return person or run, bool(person)


def _headline(text: str, toks: Sequence[Token]) -> bool:
    """A headline in title case or capitals, whose capitals say nothing of names; a
    short sentence with a few names ends in a full stop."""
    return text.isupper() or (title_case(toks) and not text.rstrip().rstrip("\"”’»)").endswith((".", "!", "?")))


def _translatable(run: Sequence[Token], text: str, offset: int, lang: str) -> bool:
    """A capitalised run that a translation may render in words of its own: an
    institution's title ("Inspector-General of Intelligence and Security", "Commons
    Select Defence Committee"), a capitalised common noun ("the Lake"), a word that
    only starts a sentence, a hyphenated compound."""
    if len(run) >= 3 or any(t.text[:1].islower() for t in run) or any(t.lower in _INSTITUTIONS for t in run):
        return True  # ... or an institution's, an event's ("Champions League" / "Liga dos Campeões")
    if all(t.text.isupper() and len(t.text) > 5 for t in run):
        return True  # capitals for emphasis ("CHAINSAW"), not a name
    after = text[run[-1].end - offset: run[-1].end - offset + 1]
    if len(run) == 1 and len(run[0].text) <= 4 and after == ".":
        return True  # an abbreviation: "Ore." for Oregon
    if len(run) > 1:
        return False
    before = text[max(0, run[0].start - offset - 40): run[0].start - offset]
    words = before.split()
    word = run[0].text
    if "-" in word or (words and words[-1].lower() == "the"):
        return True
    # a word that only starts a sentence: a name unless it is an ordinary word (English
    # names come from `entities`, which has already told the two apart)
    return lang != "en" and (not words or bool(_SENTENCE_END.search(before))) and common_word(word)


def _acronym(word: str) -> bool:
    letters = re.sub(r"['’]s$", "", word).replace(".", "")
    return (letters.isupper() and len(letters) <= 5) or "." in word


def _stand_in(name: str, other: _Lookup, mine: _Lookup, closest_only: bool = True, at: float = 0.0,
              other_names: DocumentNames | None = None) -> list[Token]:
    """A capitalised word of the other side, closest to `name`, that stands for
    nothing on this side: what the candidate says instead. `closest_only`: among the
    three closest words; else (where words read alone are too far apart to rank, as in
    e5's space) the capitalised word not starting a sentence that sits nearest to where
    the name sits in its own sentence (`at`, 0 at its start, 1 at its end), a first and
    last name ("Dmitri Medvedev") before a single word ("Phenianul", a city renamed); a
    word starting a sentence only where `other_names`, the other side's whole document,
    writes it capitalised inside a sentence too ("Kowalski ha ammesso ...")."""
    vectors = other.vectors()
    if vectors is None or other.ctx.encode is None:
        return []
    sims = vectors[: len(other.toks)] @ other.ctx.encode([name])[0]
    function_words = languages.function_words(other.lang)
    text, toks = other.text, other.toks

    def unsaid(k: int, beside: bool = False) -> bool:
        """A capitalised word of the other side that this side does not say (`beside` the
        stand-in: spelled like none of this side's capitalised words and close to none of
        its lower-case ones, for "Trump" of "Donald Trump" sits close to "Biden")."""
        tok = toks[k]
        if not tok.text[:1].isupper() or len(tok.text) < 3 or tok.lower in function_words \
                or languages.time_key(tok.lower, other.lang):
            return False
        # said on this side too (spelled alike, or its translation close at hand; by spelling
        # alone where vectors do not rank words): not a stand-in
        if beside:
            sim, closest = mine.closest(tok.text)
            said = mine.spelled([tok], names_only=True) or (
                sim >= STAND_IN_SIMILARITY and not any(t.text[:1].isupper() for t in closest))
        else:
            said = _found([tok], mine, STAND_IN_SIMILARITY) if closest_only else mine.spelled([tok])
        return not (said or difflib.SequenceMatcher(None, languages.sound(tok.text), languages.sound(name)).ratio() >= 0.5)

    def joined(a: int, b: int) -> bool:
        return not text[toks[a].end - other.offset: toks[b].start - other.offset].strip()

    def opener(k: int) -> bool:
        """A word capitalised because it opens its sentence ("Medõde Maria Santos": the
        title, not the name), unless the document writes it so inside sentences too."""
        return _opens_sentence(text, toks, k, other.offset) and not (
            other_names and name_key(toks[k].text) in other_names.mid_caps) and not (
            other.lang in languages.APOSTROPHE_SUFFIXES and has_name_ending(toks[k].text))

    order = [int(k) for k in np.argsort(-sims)]
    if not closest_only:
        order.sort(key=lambda k: abs(k / max(len(toks) - 1, 1) - at))
    found: list[list[Token]] = []
    for k in (order[:3] if closest_only else order):
        if sims[k] < 0.25 or not unsaid(k) or (not closest_only and opener(k)):
            continue
        lo, hi = k, k  # the whole name: "Annalena Baerbock", "Wladimir Putin"
        while lo > 0 and joined(lo - 1, lo) and unsaid(lo - 1, True) and not opener(lo - 1):
            lo -= 1
        while hi + 1 < len(toks) and joined(hi, hi + 1) and unsaid(hi + 1, True):
            hi += 1
        if closest_only or hi > lo:
            return toks[lo: hi + 1]
        found.append(toks[lo: hi + 1])
    # ranked by spelling alone, a first and last name ("Dmitri Medvedev") before one word
    # ("Phenianul", a city renamed)
    return found[0] if found else []


@register
class CrossNegationCheck(Check):
    """Negation cues counted per language: a side with a negation where the other
    has none says the opposite."""

    name = "x-negation"
    # 5: Czech/Slovak prefix verbs; 6: words of negative meaning counted, idioms, more languages;
    # 7: Turkish (verb endings) and Lithuanian (prefixed verbs); a "without" does not answer a "not"
    version = 7
    scope = "cross"

    def run(self, ctx: LinkContext) -> list[Finding]:
        if not (_negation_known(ctx.o_lang) and _negation_known(ctx.c_lang)):
            return []
        o_cues = _negation_cues(ctx.o_toks, ctx.o_lang, ctx.original, ctx.o_offset)
        c_cues = _negation_cues(ctx.c_toks, ctx.c_lang, ctx.candidate, ctx.c_offset)
        # a side that says only "without" where the other says "not" too: the "not" is compared
        o_plain, c_plain = _plain(o_cues, ctx.o_toks, ctx.o_lang), _plain(c_cues, ctx.c_toks, ctx.c_lang)
        if o_plain and c_cues and not c_plain:
            c_cues = []
        elif c_plain and o_cues and not o_plain:
            o_cues = []
        # a side whose only cues are "non-" words ("non-commissioned officers", "non-profit")
        # may name a thing, not negate a statement, and one whose cues all sit in set
        # phrases ("without problems", "or not") may say what the other says without a
        # negation: never sure
        fixed_terms = _set_phrases(o_cues, ctx.original, ctx.o_offset, ctx.o_lang) if o_cues else \
            _set_phrases(c_cues, ctx.candidate, ctx.c_offset, ctx.c_lang)
        # a negation on one side may translate a word of negative meaning on the other
        # ("not possible" / "impossible"), unless the negation's own side has as many such
        # words ("illegal ... will not respond" / "illegal ... will respond"): then the
        # negative words match each other and the negation is the difference
        if (o_cues and not c_cues and (fixed_terms or _outnumbered(ctx.c_toks, ctx.c_lang, ctx.candidate,
                                                                   ctx.o_toks, ctx.o_lang, ctx.original, o_cues))) or (
                c_cues and not o_cues and (fixed_terms or _outnumbered(ctx.o_toks, ctx.o_lang, ctx.original,
                                                                       ctx.c_toks, ctx.c_lang, ctx.candidate, c_cues))):
            why = ("a 'non-' word or a set phrase on one side only (a thing's name or a turn of phrase, or a "
                   "negation)" if fixed_terms else
                   "a negation on one side only; the other side says it with a word of negative meaning")
            if c_cues:
                return [Finding("negation", "minor", tuple(Span(t.start, t.end, t.text) for t in c_cues), why, "",
                                certain=False)]
            said = ", ".join(t.text for t in o_cues)  # the original's negation, said there without one?
            return [Finding("negation", "minor", tuple(Span(t.start, t.end, t.text) for t in o_cues), why, said,
                            certain=False, side="original")]
        if o_cues and not c_cues:
            said = ", ".join(t.text for t in o_cues)
            return [Finding("negation", "major", tuple(Span(t.start, t.end, t.text) for t in o_cues),
                            f"the original's negation '{said}' has no counterpart in the candidate", said,
                            side="original")]
        if c_cues and not o_cues:
            return [Finding("negation", "major", tuple(Span(t.start, t.end, t.text) for t in c_cues),
                            f"negation '{', '.join(t.text for t in c_cues)}' the original does not have", "")]
        return []


def _plain(cues: Sequence[Token], toks: Sequence[Token], lang: str) -> list[Token]:
    """The cues that are not "without" (`languages.WITHOUT`; English "with no" and Turkish
    verbs in "-meden", "görülmeden", without being seen, are too)."""
    without = languages.WITHOUT.get(lang, frozenset())
    at = {t.start: k for k, t in enumerate(toks)}
    return [t for t in cues if t.lower not in without
            and not (lang == "tr" and t.lower.endswith(("meden", "madan")))
            and not (lang == "en" and t.lower == "no" and at.get(t.start, 0) > 0 and toks[at[t.start] - 1].lower == "with")]


def _set_phrases(cues: Sequence[Token], text: str, offset: int, lang: str) -> bool:
    """Are all `cues` "non-" words or inside one of the language's set phrases
    (`languages.SOFT_NEGATION_PHRASES`)?"""
    phrases = languages.SOFT_NEGATION_PHRASES.get(lang)
    inside = bytearray(len(text))  # a mask, not a list of spans: linear in the text however many cues
    for m in phrases.finditer(text.lower()) if phrases else ():
        inside[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    return all(t.lower.startswith("non-") or inside[t.start - offset] for t in cues)


def _negation_cues(toks: Sequence[Token], lang: str, text: str, offset: int) -> list[Token]:
    """The negation cues of one side, found the way its language writes them."""
    if lang == "zh":
        return _chinese_negations(text, offset)
    if lang == "ja":
        return _japanese_negations(text, offset)
    if lang == "ko":
        return _korean_negations(toks)
    return _negations(toks, lang, text, offset)


def _negations(toks: Sequence[Token], lang: str, text: str = "", offset: int = 0) -> list[Token]:
    """Negation cues of one side (its window `text` at `offset`), leaving out the ones
    that do not negate: "not only" / "nicht nur" (as well as), "noch nie" (ever before),
    "whether or not", "No. 10", Swedish "utan även" (but also); English "non-" words count ("non-life-threatening" =
    "nicht lebensbedrohlich")."""
    cues = languages.NEGATIONS.get(lang, frozenset())
    idioms = languages.NOT_NEGATING_PHRASES.get(lang)
    inside = bytearray(len(text))  # 1 inside an idiom whose negation negates nothing
    for m in idioms.finditer(text) if idioms is not None and text else ():
        inside[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    out = []
    cue_before = False  # a cue word earlier in the window (Swedish "utan" after one is "but")
    for k, t in enumerate(toks):
        if idioms is not None and text and inside[t.start - offset]:
            continue
        seen, cue_before = cue_before, cue_before or t.lower in cues
        nxt = toks[k + 1].lower if k + 1 < len(toks) else ""
        prev = toks[k - 1].lower if k else ""
        if t.lower in cues or (lang == "en" and (t.lower.endswith("n't") or t.lower.startswith("non-"))) \
                or _negated_verb(t, lang) or _elided_cue(t.lower, lang, cues):
            if lang == "fr" and (t.lower == "ne" or t.lower.startswith("n'")) and _restrictive(toks, k):
                continue  # "ne ... que": only
            # "no longer just", "nu e doar", "nie jest tylko": "longer" or a "be" between (not
            # "tried not to just hand them things", where "not" negates "hand")
            after_longer = toks[k + 2].lower if (nxt in _LONGER or nxt in _COPULAS) and k + 2 < len(toks) else ""
            if nxt in _NOT_ONLY.get(lang, ()) or after_longer in _NOT_ONLY.get(lang, ()) \
                    or _but_also_follows(toks, k, lang) or (lang == "de" and t.lower == "nie" and prev == "noch") \
                    or (t.lower in _BUT_RATHER.get(lang, ()) and (nxt in ("även", "också") or seen)) \
                    or (lang == "en" and t.lower == "not" and prev == "or") \
                    or (lang == "en" and t.lower == "no" and _NUMBER_AFTER.match(text, t.end - offset)):
                continue
            out.append(t)
    return out


# Czech and Slovak negate a verb with the prefix "ne-" ("nezúčastnil" did not attend,
# "nepopřely" did not deny). Only verb forms are cues: the past participle ("-l", "-la",
# "-lo", "-li", "-ly") and present forms in "-uje", "-ují", "-ají", "-ejí", which no
# adjective or noun ends in, and in "-de", "-le", "-ne", "-še", "-že" ("nepřijde",
# "nevyšle", "nemůže") and "-pí", "-ví", "-dí", "-sí", ... ("nenastoupí", "nemluví"; not
# "-ní", "-lí", "-mí", "-tí", "-ší", the endings of adjectives in the plural, "nezávislí"),
# less the nouns and adverbs listed; adjectives ("nezávislý"
# independent, "-lá", "-lé") and adverbs ("neustále" constantly) keep the prefix as part
# of their meaning.
_PREFIX_NEGATED_VERB = re.compile(r"ne\w{2,}(?:l|la|lo|li|ly|uje|ují|ají|ejí)|ne\w{3,}(?:de|le|ne|še|že|pí|ví|dí|sí|ří|zí|čí|bí|jí)")
_PREFIX_NEGATION_LANGUAGES = frozenset({"cs", "sk"})
# "ne-" verbs of their own meaning: "nesl" carried, "nenáviděl" hated, "nepřítel" enemy
_PREFIX_NOT_NEGATING = ("nesl", "nesla", "nesli", "neslo", "nesly", "nenávid", "nepřít", "nepriat",
                        # nouns and adverbs in "-de", "-le", "-ne", "-še", "-že" (Sunday, constantly, ...)
                        "neděl", "neustál", "nedávn", "nemocn", "nehod", "nebezpeč", "nejen")


# Lithuanian writes "ne" onto a verb ("nepriėmė" did not take, "nenorėjome" we did not
# want) and onto adjectives, adverbs and nouns of their own meaning ("nerealiais"
# unrealistic, "neseniai" recently, "nesėkmė" failure). Only endings of past forms
# ("-ojo", "-ėjo", "-ome", "-ėme", "-ote", "-ėte", "-iau"), the infinitive ("-ti"),
# passive participles ("-ta", "-tas") and, in words of seven letters or more, the third
# person past ("-o", "-ė") and future ("-ys", "-sime", ...) are read, less the nouns and
# adjectives listed; and every
# word in "nebe-" (no longer: "nebedirba").
_LITHUANIAN_NEGATED_VERB = re.compile(r"ne(?:be)?\w{2,}(?:ojo|ėjo|ome|ėme|ote|ėte|iau|ti|ta|tas|ys|sime|site|siu)|"
                                      r"ne\w{5,}[oė]|nebe\w{3,}")
_LITHUANIAN_NOT_NEGATING = ("nesėkm", "nelaim", "nepriklausom", "neteisyb", "nelygyb", "nedarb", "nesusipratim",
                            "nesutarim", "neramum", "nepasitikėjim", "neapykant", "negalia", "negalė", "neseniai",
                            "nepaisant", "nemaža", "netoli", "netgi", "nebent", "neabejotin", "netikėt", "neįgal",
                            "nekilnojam", "nemokam")
# Turkish negates a verb with "-me-"/"-ma-" before its tense: "-medi" (past; not "-medir",
# a verbal noun with "is": "bir gelişmedir"), "-miyor", "-meyecek", "-meyen", "-mez",
# "-memiş", "-memeli", "-memek", and "-meden" (without doing; "-meden önce", before
# doing, is a set phrase in `languages.NOT_NEGATING_PHRASES`). Capitalised words are
# names ("Yılmaz").
_TURKISH_NEGATED_VERB = re.compile(r"\w{2,}?(?:m[ae]d[ıiuü](?!r)|m[ıiuü]yor|m[ae]y[ae]c[ae][kğ]|m[ae]y[ae]n|"
                                   r"m[ae]z|m[ae]m[ıiuü]ş|m[ae]m[ae]l[ıi]|m[ae]m[ae][kğ]|m[ae]d[ae]n$)\w*")
_TURKISH_NOT_NEGATING = ("komedi", "trajikomedi")


def _negated_verb(token: Token, lang: str) -> bool:
    """Is `token` a verb negated by its prefix (Czech, Slovak, Lithuanian) or its ending
    (Turkish)?"""
    word = token.lower
    if lang in _PREFIX_NEGATION_LANGUAGES:
        return _PREFIX_NEGATED_VERB.fullmatch(word) is not None \
            and not word.startswith(_NOT_PREFIXED[lang]) and not word.startswith(_PREFIX_NOT_NEGATING)
    if lang == "lt":
        return _LITHUANIAN_NEGATED_VERB.fullmatch(word) is not None and not word.startswith(_LITHUANIAN_NOT_NEGATING)
    if lang == "tr":
        return not token.text[:1].isupper() and _TURKISH_NEGATED_VERB.fullmatch(word) is not None \
            and not word.startswith(_TURKISH_NOT_NEGATING)
    return False


# Swedish "utan", Danish "uden", Norwegian "uten" are "without", and "but" after a negation
# ("inte bara X, utan också Y"; "inte hemma utan på jobbet"): there no second negation.
_BUT_RATHER = {"sv": ("utan",), "da": ("uden",), "no": ("uten",), "nb": ("uten",), "nn": ("utan",)}


def _elided_cue(word: str, lang: str, cues: frozenset[str]) -> bool:
    """French and Italian write a cue onto the next word, or the next word onto it:
    "n'avait", "qu'aucun"."""
    if lang not in ("fr", "it") or "'" not in word:
        return False
    head, _, tail = word.partition("'")
    return f"{head}'" in cues or tail in cues


_FRENCH_SECOND_CUES = frozenset("pas jamais aucun aucune rien personne ni plus guère nullement point".split())


def _restrictive(toks: Sequence[Token], k: int) -> bool:
    """French "ne"/"n'..." at k saying "only": "que" follows within six words and no second
    part of a negation ("pas", "jamais", "rien", ...) comes before it."""
    for t in toks[k + 1: k + 7]:
        if t.lower in _FRENCH_SECOND_CUES or t.lower.partition("'")[2] in _FRENCH_SECOND_CUES:
            return False
        if t.lower == "que" or t.lower.startswith("qu'"):
            return True
    return False


_RANGE_WORDS = frozenset({"to", "until", "till", "and"})
_NUMBER_AFTER = re.compile(r"\.?\s?\d")  # "No. 10", "No 10": a number, not a negation


def _negation_known(lang: str) -> bool:
    return lang in languages.NEGATIONS or lang in languages.CJK_LANGUAGES


def _inside_words(text: str, words: Sequence[str]) -> bytearray:
    """1 at every character of `text` that is part of one of `words`."""
    inside = bytearray(len(text))
    for word in words:
        at = text.find(word)
        while at >= 0:
            inside[at:at + len(word)] = b"\x01" * len(word)
            at = text.find(word, at + 1)
    return inside


def _japanese_negations(text: str, offset: int) -> list[Token]:
    """Negating verb endings of a Japanese window (`languages.JAPANESE_NEGATION`), not
    those inside words that only look like them."""
    inside = _inside_words(text, languages.JAPANESE_NOT_NEGATING)
    return [Token(offset + m.start(), offset + m.end(), m.group()) for m in languages.JAPANESE_NEGATION.finditer(text)
            if not inside[m.start()]]


def _korean_negations(toks: Sequence[Token]) -> list[Token]:
    """Korean words that negate (`languages.KOREAN_NEGATION`): a negating word of its own
    ("안", "못") or a word holding a negating stem ("않았다", "없다")."""
    cues = []
    for k, t in enumerate(toks):
        if t.text.startswith(languages.KOREAN_NOT_NEGATING) or (
                t.text.startswith("없") and k >= 2 and toks[k - 1].text == "수" and toks[k - 2].text == "어쩔"):
            continue
        if t.text in languages.KOREAN_NEGATION_WORDS or any(part in t.text for part in languages.KOREAN_NEGATION):
            cues.append(t)
    return cues


def _chinese_negations(text: str, offset: int) -> list[Token]:
    """Negation characters of a Chinese window (at `offset` in its document), leaving
    out those inside words that do not negate (`languages.CHINESE_NOT_NEGATING`)."""
    if not any(ch in languages.CHINESE_NEGATIONS for ch in text):
        return []
    inside = _inside_words(text, languages.CHINESE_NOT_NEGATING)
    cues = []
    for k, ch in enumerate(text):
        if ch in languages.CHINESE_NEGATIONS and not inside[k]:
            size = 2 if text.startswith("没有", k) else 1  # "没有" marked whole
            cues.append(Token(offset + k, offset + k + size, text[k:k + size]))
    return cues


def _outnumbered(toks: Sequence[Token], lang: str, text: str, cue_toks: Sequence[Token], cue_lang: str,
                 cue_text: str, cues: Sequence[Token]) -> bool:
    """May the one-sided negation be a rewording? Where the side without it has more words
    of negative meaning than the side with it (its cues left out), the negation may
    translate one of them ("not possible" / "impossible"). Where both have as many, they
    translate each other and the negation is the difference. (A negated word of negative
    meaning said positively, "did not fail" / "held", cannot be told from the negation
    dropped, "did not fail" / "gave way", whose verb the tables do not know: both major.)"""
    return _lexical_negatives(toks, lang, text) > _lexical_negatives(cue_toks, cue_lang, cue_text, cues)


def _lexical_negatives(toks: Sequence[Token], lang: str, text: str = "", skip: Sequence[Token] = ()) -> int:
    """How many words of negative meaning a side holds (`skip`: tokens that are its
    negation cues, not counted again): occurrences in an unspaced language."""
    unspaced = {"zh": languages.CHINESE_NEGATIVE_WORDS, "ja": languages.JAPANESE_NEGATIVE_WORDS,
                "ko": languages.KOREAN_NEGATIVE_WORDS}
    if lang in unspaced:
        # (their cues are verb endings and single characters, none of them a negative word)
        inside = _inside_words(text, languages.JAPANESE_NOT_NEGATIVE if lang == "ja" else ())  # "未明" before dawn
        return sum(1 for word in unspaced[lang] for m in re.finditer(re.escape(word), text) if not inside[m.start()])
    stems = _NEGATIVE_STEMS.get(lang, ())
    prefixes = _NEGATIVE_PREFIXES.get(lang, ())
    suffixes = _NEGATIVE_SUFFIXES.get(lang, ())
    infixes = _NEGATIVE_INFIXES.get(lang, ())
    not_prefixed = _NOT_PREFIXED.get(lang, ())
    not_stems = _NOT_NEGATIVE_STEMS.get(lang, ())
    vocab = english_vocabulary() if lang == "en" else frozenset()
    cue_starts = {t.start for t in skip}
    phrases = _NEGATIVE_PHRASES.get(lang, ())
    count = sum(text.lower().count(phrase) for phrase in phrases) if phrases and text else 0
    for t in toks:
        if t.start in cue_starts:
            continue
        w = t.lower
        if (w.startswith(stems) and not w.startswith(not_stems)) or (suffixes and w.endswith(suffixes)) \
                or (infixes and any(part in w[3:] for part in infixes)) \
                or (lang == "en" and len(w) > 6 and w.endswith(("less", "lessly", "lessness"))):
            count += 1
            continue
        for p in prefixes:  # "impossible" is "possible" negated; "intelligence", "improve" are not
            rest = w[len(p):]
            if w.startswith(p) and len(rest) >= 4 and not w.startswith(not_prefixed) \
                    and (rest in vocab if lang == "en" else True):
                count += 1
                break
    return count


# Words that begin like a negating prefix and negate nothing.
_NOT_PREFIXED: dict[str, tuple[str, ...]] = {
    "en": ("union", "intens", "improv", "inflow", "immigra", "imposing", "imposed", "imposes", "imposit", "inbound",
           "injur", "indoor", "inland", "input", "improve", "impact", "import", "impose", "inform", "income", "indeed",
           "invest", "install", "intend",
           "instance", "discover", "display", "disease", "increas", "inside", "insight", "impress", "intent", "discuss",
           "disclos", "dispatch", "discount", "dissolv", "unveil", "unfold", "unleash", "invent"),
    # "ungefähr" (about), "unbedingt" (absolutely), "unmittelbar" (directly), "Unwetter" (a storm)
    "de": ("unter", "unser", "und", "union", "univers", "unfall", "ungar", "ungefähr", "unbedingt", "unmittelbar",
           "unwetter", "unzähl"),
    "pl": ("niedziel", "niemc", "niemiec", "niemk", "niemieck", "niedawn", "niektó", "niemal", "niezbędn",
           "niestety"),
    "cs": ("nej", "než", "nebo", "neb", "němec", "němk", "německ", "nemoc", "neděl", "nedávn", "nebe", "nerv",
           "neutr", "někol", "někt", "nezbytn", "netanj", "nech"),
    "sk": ("naj", "než", "nebo", "nemec", "nemk", "nemeck", "nemoc", "nedeľ", "nedávn", "nebe", "nerv", "neutr",
           "nejak", "nevyhnutn"),
    "uk": ("небо", "нерв", "нейтр", "необхід", "незабаром", "нещодавн", "неділ"),
    "ru": ("небо", "нерв", "нейтр", "необход", "недавн", "недел", "нескольк", "некотор", "нефт", "немец", "немц",
           "невест", "нетаньяху"),
    "ro": ("nea", "negr", "negoci", "nerv", "neutr", "nepot", "nevoi", "necesar", "netanyahu"),
    "bg": ("нег", "нея", "нейн", "неща", "нещо", "нека", "нед", "нерв", "неутр", "необход", "непосредств", "нетаняху",
           "неотдавна", "неведнъж", "неколкократно"),
    "hr": ("nego", "neki", "neka", "neko", "nekoliko", "nešto", "nedjelj", "nedelj", "nedavn", "nerv", "neutr",
           "netanyahu", "nema", "negdje"),
}
# Words that begin like a stem of negative meaning and mean something else ("bank",
# "missile"; Danish "kunne" could, not "kun" only).
_NOT_NEGATIVE_STEMS: dict[str, tuple[str, ...]] = {
    "en": ("bank", "band", "missile", "mission"),
    "da": ("kunne", "kunde", "kunst"), "no": ("kunne", "kunde", "kunst"),
    "sv": ("barack",), "cs": ("zákazn",), "sk": ("zákazn",), "hu": ("tiltakoz",), "pl": ("unikal",),
}
_NOT_NEGATIVE_STEMS["nb"] = _NOT_NEGATIVE_STEMS["nn"] = _NOT_NEGATIVE_STEMS["no"]


_NEGATIVE_STEMS: dict[str, tuple[str, ...]] = {
    "en": ("fail", "stop", "refus", "deni", "deny", "lack", "lose", "losing", "absen", "avoid", "advers", "abandon",
           "renounc",
           "prevent", "ban", "unless", "hardly",
           "barely", "rarely", "neither", "instead", "rather", "miss", "declin", "reject", "only", "least", "otherwise"),
    "de": ("scheiter", "gescheitert", "verweiger", "fehl", "verhinder", "verbiet", "verbot", "aufhör", "ablehn",
           "lehnte", "vermeid", "kaum", "weder", "nur", "verpass", "mangel", "andernfalls"),
    # the French and Spanish words negated by "in-", "im-", "dés-" by name: as prefixes they
    # open "information", "inundaciones", "importante", "descubrir"
    "fr": ("échou", "refus", "manqu", "empêch", "évit", "interdi", "seulement", "guère", "impossib", "illégal",
           "inaccept", "insuffis", "injust", "incapab", "inconnu", "inutil", "invalid", "incertain", "imprévu",
           "désaccord", "désapprouv", "méconn"),
    "es": ("fracas", "rechaz", "negó", "negar", "niega", "niegan", "negaron", "negado", "falt", "evit", "impid",
           "prohib", "solo", "apenas", "imposib", "ilegal", "inacept", "insuficien", "injust", "incapa", "innecesari",
           "inútil", "inválid", "inciert", "desconoc", "desacuerd", "desaprob", "descart"),
    "pl": ("odmów", "odmaw", "odrzuc", "brak", "zakaz", "uniknę", "unika", "zapobieg", "tylko", "ledwo"),
    "cs": ("odmít", "chyb", "zákaz", "zakáz", "vyhnul", "vyhýb", "zabrán", "pouze", "jen", "sotva"),
    "sk": ("odmiet", "chýb", "zákaz", "zakáz", "vyhnúť", "vyhýb", "zabrán", "iba", "len", "sotva"),
    "uk": ("відмов", "брак", "бракує", "заборон", "уникн", "уника", "запобіг", "лише", "тільки", "ледве"),
    "ro": ("refuz", "eșu", "eşu", "lips", "interzi", "evit", "împiedic", "doar", "abia", "ilegal", "nelegal"),
    "hu": ("elutasít", "megtagad", "hiány", "kudarc", "elkerül", "megakadályoz", "tilt", "csak", "alig"),
    "sv": ("omöjlig", "olaglig", "misslyck", "vägra", "sakna", "förneka", "undvik", "förhindr", "förbjud", "förbud", "bara",
           "endast", "knappt"),
    "da": ("umulig", "ulovlig", "mislykk", "nægt", "mangl", "undgå", "forhindr", "forbud", "forbyd", "kun", "bare", "knap",
           "blot"),
    "it": ("rifiut", "negò", "negato", "negare", "nega ", "negano", "fallit", "fallì", "vietat", "vieta", "evit",
           "impedi", "solo", "soltanto", "appena", "impossibil", "illegal", "inaccettabil", "manca"),
    "pt": ("recus", "negou", "negar", "negam", "falh", "proib", "evit", "impedi", "só", "apenas", "impossív",
           "ilegal", "inaceitáv"),
    "nl": ("weiger", "ontken", "mislukt", "faal", "verbo", "vermijd", "voorkom", "alleen", "slechts", "nauwelijks",
           "onmogelijk", "illegaal"),
    "ru": ("отказ", "отрица", "отверг", "запрет", "запрещ", "провал", "избега", "избеж", "предотвра", "только",
           "лишь", "едва"),
    "no": ("umulig", "ulovlig", "mislykk", "nekt", "mangl", "unngå", "forhindr", "forbud", "forby", "kun", "bare", "knapt"),
    "fi": ("kielt", "kiistä", "kiisti", "hylkä", "hylkäsi", "epäonnist", "estä", "esti", "vältt", "vain", "ainoastaan",
           "tuskin", "laiton", "laittom", "mahdoton", "mahdottom"),
    "el": ("αρνήθ", "αρνεί", "αρνούν", "απέρρι", "απορρίπ", "απαγόρ", "απαγορ", "απέτυχ", "αποτυχ", "απέφυγ", "αποφεύγ",
           "εμπόδισ", "μόνο", "μόλις", "παράνομ", "αδύνατ"),
    # not "само" / "samo" (only): they open "самолет" (aeroplane), "samostalan" (independent)
    "bg": ("отказ", "отрич", "отрече", "отрек", "отхвърл", "забран", "провал", "избегн", "избягв", "попречи", "едва"),
    "hr": ("odbi", "odbij", "porek", "porič", "nijek", "zabran", "izbjeg", "spriječi", "jedva", "propal", "neusp"),
    "he": ("סירב", "סירבה", "סירבו", "הכחיש", "הכחישה", "הכחישו", "דחה", "דחתה", "דחו", "אסר", "אסרה", "נכשל",
           "בלתי", "מנע", "מנעה"),
    # not "मात्र" (only): it opens "मात्रा" (amount)
    "hi": ("इनकार", "इंकार", "अस्वीकार", "खारिज", "ठुकरा", "विफल", "नाकाम", "केवल", "सिर्फ", "सिर्फ़", "अवैध", "असंभव",
           "रोक"),
    # Vietnamese words are syllables: "từ chối" (refuse) starts with "từ" (from), "chỉ" (only) opens "chỉ huy"
    "vi": ("cấm", "thất", "bất", "tránh"),
    "et": ("keeldu", "eita", "eitas", "ebaõnnestu", "keela", "väldi", "vält", "takista", "ainult", "üksnes", "vaevu",
           "võimatu", "ebaseadusli"),
    "sl": ("zavrn", "zanik", "prepoved", "prepovedal", "neuspe", "izogn", "izogib", "prepreči", "komaj", "zgolj",
           "nemogoč", "nezakonit"),
    "id": ("menolak", "ditolak", "penolakan", "membantah", "dibantah", "melarang", "dilarang", "larangan", "gagal",
           "kegagalan", "menghindari", "mencegah", "hanya", "cuma", "ilegal", "mustahil"),
    "lt": ("atsisak", "atmet", "uždraud", "draudž", "išveng", "nepavyk", "tik", "vos", "nereal", "neįmanom",
           "neteisėt"),
    "tr": ("reddet", "retted", "engelle", "engelled", "yasak", "kaçın", "başarısız", "imkansız", "imkânsız", "sadece",
           "yalnızca", "yalnız", "ancak", "gerçek dışı"),
}
# refused, rejected, unrealistic: the Scandinavian words a translation may say for "would not"
_NEGATIVE_STEMS["da"] += ("afvis", "afslå", "afslog", "urealistisk", "uacceptab")
_NEGATIVE_STEMS["sv"] += ("avvis", "avslå", "avslog", "orealistisk", "oacceptab")
_NEGATIVE_STEMS["no"] += ("avvis", "avslå", "avslo", "urealistisk", "uakseptab")
_NEGATIVE_STEMS["hu"] += ("irreális", "elfogadhatatlan", "lehetetlen")
for _lang, _unrealistic in (("fr", "irréalist"), ("it", "irrealist"), ("pt", "irrealist"), ("es", "irrealist"),
                            ("sl", "nerealn"), ("et", "ebarealist"), ("nl", "onrealistisch"), ("el", "εξωπραγματικ")):
    _NEGATIVE_STEMS[_lang] += (_unrealistic,)
_NEGATIVE_STEMS["et"] += ("ebareaalne",)
# give up, renounce: "ne renoncerait pas" is "would not abandon"
_NEGATIVE_STEMS["fr"] += ("renonc",)
_NEGATIVE_STEMS["es"] += ("renunci",)
_NEGATIVE_STEMS["it"] += ("rinunc",)
_NEGATIVE_STEMS["pt"] += ("renunci",)
_NEGATIVE_STEMS["de"] += ("verzicht",)
_NEGATIVE_STEMS["nl"] += ("onaanvaardbaar", "afgewezen", "wees af")
_NEGATIVE_STEMS["nb"] = _NEGATIVE_STEMS["nn"] = _NEGATIVE_STEMS["no"]
_NEGATIVE_PREFIXES: dict[str, tuple[str, ...]] = {
    "en": ("un", "im", "in", "ir", "il", "dis"),
    "de": ("un", "miss"),
    "pl": ("nie",), "cs": ("ne",), "sk": ("ne",), "uk": ("не",), "ru": ("не",), "ro": ("ne",),
    "fi": ("epä",), "bg": ("не",), "hr": ("ne",),
}
# Words of negative meaning written in two words (Vietnamese writes every syllable apart):
# "từ chối" refuse, "bác bỏ" reject, "phủ nhận" deny, "thất bại" fail, "ngăn chặn" prevent
_NEGATIVE_PHRASES: dict[str, tuple[str, ...]] = {"vi": ("từ chối", "bác bỏ", "phủ nhận", "thất bại", "ngăn chặn")}
# Hungarian says "without" in a suffix: "lehetetlen" (impossible), "hasztalan" (useless),
# followed by case endings ("törvénytelennek", illegal): read inside the word.
_NEGATIVE_SUFFIXES: dict[str, tuple[str, ...]] = {}
_NEGATIVE_INFIXES: dict[str, tuple[str, ...]] = {"hu": ("tlan", "tlen", "talan", "telen")}
# ... and Finnish in "-ton" / "-tön" ("laiton" illegal, "keinoton" without means) and their cases
_NEGATIVE_SUFFIXES["fi"] = ("ton", "tön", "ttoman", "ttömän", "ttomia", "ttömiä", "ttomaksi", "ttömäksi", "ttomat",
                            "ttömät", "ttomana", "ttömänä")


# "not only" and "not least" in each language: no negation ("nicht nur", "ikke mindst").
# "not only ... but also" said with the "but also" half ("nu este vorba doar de X, ci și de Y",
# "nicht X, sondern auch Y"): the negation only introduces the pair
_BUT_ALSO = {"en": ("but also",), "de": ("sondern auch",), "fr": ("mais aussi", "mais également"),
             "es": ("sino también",), "it": ("ma anche",), "pt": ("mas também",), "nl": ("maar ook",),
             "ru": ("но и",), "pl": ("ale też", "ale także", "lecz także", "ale i"), "cs": ("ale i", "ale také"),
             "sk": ("ale aj", "ale tiež"), "uk": ("але й", "а й"), "ro": ("ci și", "ci şi"),
             "sv": ("utan även", "utan också", "men även", "men också"), "da": ("men også",),
             "no": ("men også",), "nb": ("men også",), "nn": ("men også",), "fi": ("vaan myös", "mutta myös"),
             "el": ("αλλά και",), "bg": ("но и", "а и"), "hr": ("nego i", "već i", "ali i"), "he": ("אלא גם",),
             "hi": ("बल्कि",), "vi": ("mà còn",), "id": ("tetapi juga", "tapi juga", "melainkan juga"),
             "et": ("vaid ka", "kuid ka"), "sl": ("ampak tudi", "temveč tudi", "pač pa")}
BUT_ALSO_WINDOW = 12  # tokens after the negation


def _but_also_follows(toks: Sequence[Token], k: int, lang: str) -> bool:
    """Does a "but also" of `lang` follow the negation at `k` within BUT_ALSO_WINDOW tokens?"""
    phrases = _BUT_ALSO.get(lang)
    if not phrases:
        return False
    words = [t.lower for t in toks[k + 1: k + 1 + BUT_ALSO_WINDOW]]
    for phrase in phrases:
        parts = phrase.split()
        if any(words[i:i + len(parts)] == parts for i in range(len(words) - len(parts) + 1)):
            return True
    return False


# "no longer just", "nicht mehr nur", "już nie tylko": "not only" with "any more" in between
_COPULAS = frozenset("is are was were be e este era sunt jest są był była było je jsou byl byla bylo sú bol "
                     "ist sind war waren zijn är var er".split())
_LONGER = frozenset("longer mehr meer längre længere lenger plus più mais już již už уже більше больше enää "
                    "πια πλέον вече više יותר अब còn lagi".split())
_NOT_ONLY = {"en": ("only", "just", "merely", "least"), "de": ("nur", "bloß"), "fr": ("seulement",), "es": ("solo", "sólo"),
             "it": ("solo", "soltanto"), "pt": ("só", "apenas"), "nl": ("alleen",), "pl": ("tylko",),
             "uk": ("лише", "тільки"), "ro": ("doar", "numai"), "hu": ("csak", "csupán", "pusztán", "egyszer"),
             "sv": ("bara", "endast", "minst", "enbart", "blott"), "da": ("kun", "bare", "blot", "alene", "mindst"),
             "no": ("bare", "kun", "minst"), "nb": ("bare", "kun", "minst"), "nn": ("berre", "kun", "minst"),
             "fi": ("vain", "ainoastaan", "pelkästään", "pelkkä", "ainoa"), "el": ("μόνο", "μόνον"),
             "bg": ("само",), "hr": ("samo",), "he": ("רק",), "hi": ("केवल", "सिर्फ", "सिर्फ़", "मात्र"),
             "vi": ("chỉ", "những"), "id": ("hanya", "saja", "cuma"), "et": ("ainult", "üksnes"),
             "sl": ("samo", "le", "zgolj"), "lt": ("tik", "vien", "vien tik"), "tr": ()}


def _numbers_known(ctx: LinkContext) -> bool:
    """Both sides in languages whose way of writing digits is known (number words only
    where the tables or text2num know them)."""
    return languages.number_format_known(ctx.o_lang) and languages.number_format_known(ctx.c_lang)
