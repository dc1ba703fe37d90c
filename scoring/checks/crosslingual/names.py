"""Names of a link whose two sides are in different languages.

Looked up across scripts and spellings ("Pyongyang" = "Pjöngjang", "Selenskyj" =
"Zelensky", "बाइडेन" = "Biden") and, where spelling alone does not tell, through the
multilingual encoder ("North Korea" = "Nordkorea"); a name with no counterpart, where the
other side has a name-like word of its own in its place, was swapped.
"""


from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Sequence

import numpy as np

from scoring import languages
from scoring.checks.base import Check, LinkContext, Token, register
from scoring.checks.names import PLACES, DocumentNames, common_word, entities, has_name_ending, is_headline, name_key
from scoring.embed_multilingual import MAX_WORD_CHARS, compound_parts
from scoring.types import Finding, Span

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
                if not languages.spelled_alike(p.text, w):  # nearly alike, or better
                    continue
                if languages.spelled_alike(p.text, w, nearly=False) or (
                        w not in self.pieces and (_transliterated(p.text, w) or self._close(p.text, w))):
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


def _transliterated(a: str, b: str) -> bool:
    """Are the names `a` and `b`, spelled nearly alike once in Latin letters, written in
    two scripts ("Yildiz" / "Йылдыз")? A name carried into another script is spelled by
    its sound, which the multilingual space may not know (0.28 for these two): the near
    spelling itself is the evidence, where two words of one script ("Trump" / "Truppen")
    may be near by chance."""
    return a[:1].isupper() and b[:1].isupper() and languages.main_script(a) != languages.main_script(b)


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


def _given_swapped(run: Sequence[Token], other: _Lookup, mine: _Lookup) -> list[Token]:
    """Where the other side keeps the family name of the person `run` (a name of `mine`)
    but puts another given name before it ("Zeynep Yıldız" for "Selin Yıldız"): that
    name and the family name; else []. Only in a language that capitalises names alone,
    for a given name the other side does not spell anywhere, and a word that neither
    opens a sentence nor translates a word of this side outside the name (a title:
    "Sağlık Bakanı Yıldız" for "Health minister Selin Yıldız")."""
    if len(run) < 2 or other.lang in languages.NOUN_CAPITALS or other.lang == "hu" \
            or any(other.spelled([t]) for t in run[:-1]):
        return []
    toks = other.toks
    for k, t in enumerate(toks):
        if k == 0 or not languages.spelled_alike(run[-1].text, t.text):
            continue
        before = toks[k - 1]
        if before.text[:1].isupper() and len(before.text) >= 3 and before.lower not in _TITLES \
                and not _not_a_person(before.text) and not _opens_sentence(other.text, toks, k - 1, other.offset) \
                and not other.text[before.end - other.offset: t.start - other.offset].strip(" ") \
                and not languages.time_key(before.lower, other.lang) \
                and not any(languages.spelled_alike(p.text, before.text) or _inflected(p.text, before.text) for p in run) \
                and not _translates(before, mine, run) and not _same_given_name(before, run[:-1], other):
            return [before, t]
    return []


# A given name and its rendering in another script sit this close in the multilingual
# space (Джо / Joe 0.83), two given names further apart (Gonzalo / Gabriel 0.62).
SAME_GIVEN_NAME_SIMILARITY = 0.75


def _same_given_name(word: Token, given: Sequence[Token], other: _Lookup) -> bool:
    """Is `word` one of the names `given` written in another script or language? True
    when there is no encoder to tell."""
    if other.ctx.encode is None:
        return True
    vectors = other.ctx.encode([word.text] + [t.text for t in given])
    return bool((vectors[1:] @ vectors[0]).max() >= SAME_GIVEN_NAME_SIMILARITY)


def _inflected(a: str, b: str) -> bool:
    """Could `a` and `b` be one name in two cases ("Jan" / "Jana", "Paweł" / "Pawła")?
    They share all but their last two letters, and three at least."""
    fa, fb = languages.fold(a), languages.fold(b)
    shared = next((k for k, (x, y) in enumerate(zip(fa, fb, strict=False)) if x != y), min(len(fa), len(fb)))
    return shared >= max(3, min(len(fa), len(fb)) - 2)


def _translates(word: Token, side: _Lookup, outside: Sequence[Token]) -> bool:
    """Is `word` (of the other side) as close as a translation to a word or pair of words
    of `side` that has no word of `outside`? True when there is no encoder to tell."""
    vectors = side.vectors()
    if vectors is None or side.ctx.encode is None or not len(vectors):
        return True
    skip = {t.start for t in outside}
    keep = np.array([not any(t.start in skip for t in phrase) for phrase in side.phrase_tokens])
    if not keep.any():
        return False
    sims = vectors[keep] @ side.ctx.encode([word.text])[0]
    return float(sims.max()) >= NAME_SIMILARITY


def _given_name_finding(run: Sequence[Token], other: _Lookup, mine: _Lookup, ctx: LinkContext) -> list[Finding]:
    """The finding of `_given_swapped` for the original's person `run`, if any."""
    given = _given_swapped(run, other, mine)
    if not given:
        return []
    name = ctx.o_span_text(run[0].start, run[-1].end)
    span = Span(given[0].start, given[-1].end, ctx.c_span_text(given[0].start, given[-1].end))
    return [Finding("entity", "major", (span,), f"'{span.text}' where the original names '{name}'", name,
                    original_spans=(Span(run[0].start, run[-1].end, name),))]


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
    # 6: a given name swapped under a kept family name; ı ł ø đ ß æ œ þ folded to Latin letters
    # 7: names spelled nearly alike in two scripts are one name whatever the multilingual space says
    # 8: a headline is read as in the English name check (a closing single quote after the
    # full stop ends a sentence too)
    version = 8
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
                if not run or headline or _translatable(run, ctx.original, ctx.o_offset, ctx.o_lang):
                    continue
                if _name_said(run, c_lookup):
                    findings += _given_name_finding(run, c_lookup, o_lookup, ctx)
                    continue
            else:
                run, person = _without_title(run, ctx.o_lang, ctx.names, ctx.original, ctx.o_toks, ctx.o_offset)
                if _found(run, c_lookup, person=person):
                    if person and not headline:
                        findings += _given_name_finding(run, c_lookup, o_lookup, ctx)
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


# Languages whose translations of an English original are checked for its people's names.
_PEOPLE_NAME_LANGUAGES = frozenset("pl cs sk uk ro hu sv da no nb nn fi hr bg el id vi et lt sl tr hi".split())
# Languages whose names are looked up on both sides when neither side is English: the
# tables' languages and those above.
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
                          "day week show awards".split())
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
    return text.isupper() or is_headline(text, toks)


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
            said = mine.spelled([tok], names_only=True)
            if not said:
                sim, closest = mine.closest(tok.text)
                said = sim >= STAND_IN_SIMILARITY and not any(t.text[:1].isupper() for t in closest)
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
