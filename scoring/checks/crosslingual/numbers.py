"""Numbers, dates and time words of a link whose two sides are in different languages.

Read with each side's own conventions (`scoring.languages`): numbers in each language's
format ("1,000.5" = "1.000,5", "3.5 million" = "3,5 Millionen", "twenty-five" =
"fünfundzwanzig", "35亿"), times of day ("6 p.m." = "18 Uhr" = "午後6時"), and month, weekday
and frequency words by meaning ("June" = "Juni", "daily" = "täglich").
"""


from __future__ import annotations

import bisect
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace

from scoring import languages
from scoring.checks.base import Check, LinkContext, Token, register
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


_RANGE_WORDS = frozenset({"to", "until", "till", "and"})  # "from 3 to 5 p.m.": the range's end says p.m.
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


def _numbers_known(ctx: LinkContext) -> bool:
    """Both sides in languages whose way of writing digits is known (number words only
    where the tables or text2num know them)."""
    return languages.number_format_known(ctx.o_lang) and languages.number_format_known(ctx.c_lang)
