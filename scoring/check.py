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

import re
import unicodedata
from collections.abc import Sequence
from difflib import SequenceMatcher

from scoring.types import Finding, Span

NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "dozen": 12, "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "tenth": 10,
    "half": 0.5, "twice": 2, "double": 2, "triple": 3, "both": 2,
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

TIME_CLASSES: dict[str, tuple[str, ...]] = {
    "frequency": ("hourly", "daily", "nightly", "weekly", "biweekly", "fortnightly", "monthly", "quarterly",
                  "yearly", "annual", "annually"),
    "weekday": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    "month": ("january", "february", "march", "april", "may", "june", "july", "august", "september",
              "october", "november", "december"),
    "relative day": ("yesterday", "today", "tomorrow", "tonight"),
    "unit": ("second", "minute", "hour", "day", "week", "fortnight", "month", "year", "decade", "century",
             "millennium"),
    "part of day": ("morning", "afternoon", "evening", "night", "midnight", "noon"),
}
TIME_ALIASES = {"annually": "annual", "yearly": "annual", "centuries": "century", "millennia": "millennium",
                "seconds": "second", "minutes": "minute", "hours": "hour", "days": "day", "weeks": "week",
                "months": "month", "years": "year", "decades": "decade", "nights": "night", "mornings": "morning",
                "evenings": "evening"}
NEGATIONS = frozenset({"not", "no", "never", "n't", "without", "neither", "nor", "none", "nobody", "nothing",
                       "nowhere", "cannot", "kein", "nicht"})
POLARITY_PAIRS = [
    ("confirmed", "denied"), ("confirm", "deny"), ("confirms", "denies"), ("accepted", "rejected"),
    ("accept", "reject"), ("approved", "rejected"), ("likely", "unlikely"), ("possible", "impossible"),
    ("increase", "decrease"), ("increased", "decreased"), ("rise", "fall"), ("rose", "fell"),
    ("higher", "lower"), ("more", "less"), ("win", "lose"), ("won", "lost"), ("allow", "ban"),
    ("allowed", "banned"), ("allow", "forbid"), ("support", "oppose"), ("supported", "opposed"),
    ("agree", "disagree"), ("agreed", "disagreed"), ("true", "false"), ("legal", "illegal"),
    ("guilty", "innocent"), ("before", "after"), ("success", "failure"), ("succeeded", "failed"),
    ("strengthened", "weakened"), ("improve", "worsen"), ("improved", "worsened"), ("up", "down"),
    ("always", "never"), ("all", "none"), ("everyone", "no one"), ("include", "exclude"),
    ("included", "excluded"), ("open", "closed"), ("alive", "dead"), ("survived", "died"),
    ("friend", "enemy"), ("friendly", "hostile"), ("ally", "enemy"), ("allies", "enemies"),
    ("minority", "majority"), ("maximum", "minimum"), ("largest", "smallest"), ("best", "worst"),
]
ANTONYM: dict[str, set[str]] = {}
for _a, _b in POLARITY_PAIRS:
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

    `toks`, when given, are `tokens(text, offset)`."""
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
        if (word in NUMBER_WORDS and word not in ("both", "second", "first")) or (word in SCALES and len(word) > 2):
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


def check_numbers(original: str, candidate: str, c_offset: int) -> list[Finding]:
    return _check_numbers(original, candidate, c_offset, tokens(original), tokens(candidate, c_offset))


def _check_numbers(original: str, candidate: str, c_offset: int, o_toks: list[Token], c_toks: list[Token]) -> list[Finding]:
    o_numbers = numbers(original, 0, o_toks)
    c_numbers = numbers(candidate, c_offset, c_toks)
    o_vals = [v for v, _ in o_numbers]
    findings: list[Finding] = []
    for value, span in c_numbers:
        if not any(abs(value - o) <= 1e-9 * max(1.0, abs(o)) for o in o_vals):
            said = ", ".join(s.text for _, s in o_numbers) or "no number"
            findings.append(Finding("number", "major", (span,),
                                    f"number '{span.text}' is not in the original (it has: {said})", said))
    c_vals = [v for v, _ in c_numbers]
    for value, span in o_numbers:
        if not any(abs(value - c) <= 1e-9 * max(1.0, abs(c)) for c in c_vals) and value not in (1.0, 2.0):
            if not findings:
                findings.append(Finding("number", "minor", (),
                                        f"the original's number '{span.text}' is missing", span.text))
    return findings


def _time_words(toks: list[Token]) -> dict[str, dict[str, Token]]:
    found: dict[str, dict[str, Token]] = {}
    for t in toks:
        word = TIME_ALIASES.get(t.lower, t.lower)
        for cls, words in TIME_CLASSES.items():
            if word in words:
                if cls == "month" and word == "may" and not t.text[0].isupper():
                    continue
                found.setdefault(cls, {}).setdefault(word, t)
    return found


def check_time(original: str, candidate: str, c_offset: int) -> list[Finding]:
    return _check_time(tokens(original), tokens(candidate, c_offset))


def _check_time(o_toks: list[Token], c_toks: list[Token]) -> list[Finding]:
    o = _time_words(o_toks)
    c = _time_words(c_toks)
    findings: list[Finding] = []
    for cls, words in c.items():
        o_words = o.get(cls, {})
        if not o_words:
            continue
        for word, tok in words.items():
            if word not in o_words:
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
                _same(la, sa, lb, sb) for lb, sb in self.by_first.get(la[0], ()))
            self._known[word] = known
        return known


_SENTENCE_END = re.compile(r"[.!?:;]\s*['\"“‘(]?\s*$")


def entities(text: str, offset: int = 0, toks: list[Token] | None = None) -> list[list[Token]]:
    """Capitalised runs (with inner connectors) that look like names.

    `toks`, when given, are `tokens(text, offset)`."""
    if toks is None:
        toks = tokens(text, offset)
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
        if cap and not (sentence_start and t.lower in COMMON_CAPS):
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
    o_entities = entities(original, 0, o_words)
    # A name of the original that the candidate renders only in part (a multi-word
    # name cut short is a different person: "Kim Jong" is not "Kim Jong Un").
    c_keys: list[tuple[Token, str, str]] | None = None
    for run in o_entities:
        names = _name_tokens(run)
        if len(names) < 2:
            continue
        if c_keys is None:
            c_keys = [(c, c.lower, skeleton(c.text)) for c in c_words]
        hits = []
        for n in names:
            ln, sn = n.lower, skeleton(n.text)
            hits.append(next((c for c, lc, sc in c_keys if _same(ln, sn, lc, sc)), None))
        found = [h for h in hits if h is not None]
        missing = [n for n, h in zip(names, hits, strict=True) if h is None]
        if found and missing and len(found) >= 2:
            # A surname alone is a normal short form; a name missing its last part is not.
            if names[-1] in missing:
                full = " ".join(t.text for t in run)
                span = Span(found[0].start, found[-1].end, candidate[found[0].start - c_offset : found[-1].end - c_offset])
                findings.append(Finding("entity", "major", (span,),
                                        f"name '{span.text}' is incomplete; the original says '{full}'", full))
    # A name in the candidate that the original does not have at all.
    for run in entities(candidate, c_offset, c_words):
        names = _name_tokens(run)
        if not names:
            continue
        if all(doc_names.names(n.text) for n in names):
            continue
        unknown = [n for n in names if not doc_names.names(n.text)]
        span = Span(unknown[0].start, unknown[-1].end, candidate[unknown[0].start - c_offset : unknown[-1].end - c_offset])
        o_names = [" ".join(t.text for t in r) for r in o_entities]
        findings.append(Finding("entity", "major", (span,),
                                f"'{span.text}' does not appear in the original"
                                + (f" (it names: {', '.join(o_names[:4])})" if o_names else ""),
                                ", ".join(o_names[:4])))
    return findings


def _negations(toks: list[Token]) -> list[Token]:
    return [t for t in toks if t.lower in NEGATIONS or t.lower.endswith("n't")]


def check_polarity(original: str, candidate: str, c_offset: int, chrf: float) -> list[Finding]:
    return _check_polarity(tokens(original), tokens(candidate, c_offset), chrf)


def _check_polarity(o_toks: list[Token], c_toks: list[Token], chrf: float) -> list[Finding]:
    o_set = {t.lower for t in o_toks}
    c_set = {t.lower for t in c_toks}
    findings: list[Finding] = []
    o_neg, c_neg = _negations(o_toks), _negations(c_toks)
    if len(o_neg) % 2 != len(c_neg) % 2:
        # With the same words around it a flipped negation reverses the claim; in a
        # free paraphrase ("did not want to be named" -> "anonymous") it usually does not.
        severity = "critical" if chrf >= 60 else "major" if chrf >= 45 else "minor"
        if c_neg:
            spans = tuple(Span(t.start, t.end, t.text) for t in c_neg)
            msg = f"negation '{c_neg[0].text}' has no counterpart in the original"
        else:
            spans = ()
            msg = f"the original's negation '{o_neg[0].text}' is missing"
        findings.append(Finding("negation", severity, spans, msg, " ".join(t.text for t in o_neg)))
    for t in c_toks:
        opposite = ANTONYM.get(t.lower, set())
        if opposite & o_set and t.lower not in o_set and not (opposite & c_set):
            said = next(iter(opposite & o_set))
            findings.append(Finding("negation", "major", (Span(t.start, t.end, t.text),),
                                    f"'{t.text}' reverses the original's '{said}'", said))
        elif t.lower.startswith(("un", "in", "im", "dis", "il", "ir", "non")):
            for prefix in ("un", "in", "im", "dis", "il", "ir", "non"):
                base = t.lower[len(prefix):]
                if t.lower.startswith(prefix) and len(base) >= 4 and base in o_set and t.lower not in o_set:
                    findings.append(Finding("negation", "major", (Span(t.start, t.end, t.text),),
                                            f"'{t.text}' reverses the original's '{base}'", base))
                    break
    for t in o_toks:
        for prefix in ("un", "in", "im", "dis", "il", "ir", "non"):
            base = t.lower[len(prefix):]
            if t.lower.startswith(prefix) and len(base) >= 4 and base in c_set and t.lower not in c_set:
                c_tok = next(c for c in c_toks if c.lower == base)
                findings.append(Finding("negation", "major", (Span(c_tok.start, c_tok.end, c_tok.text),),
                                        f"'{c_tok.text}' reverses the original's '{t.text}'", t.text))
                break
    return findings


def check_link(original: str, candidate: str, c_offset: int, chrf: float,
               original_document: str | DocumentNames = "") -> list[Finding]:
    """All fact checks of one link; `c_offset` maps candidate positions to the document.

    `original_document`, when given, is the whole original text, or its
    `DocumentNames` built once for all links of an audit: names the candidate makes
    explicit are looked up there, not only in the linked window."""
    o_toks, c_toks = tokens(original), tokens(candidate, c_offset)
    return (_check_numbers(original, candidate, c_offset, o_toks, c_toks) + _check_time(o_toks, c_toks)
            + _check_entities(original, candidate, c_offset, original_document, o_toks, c_toks)
            + _check_polarity(o_toks, c_toks, chrf))
