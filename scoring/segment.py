"""Stage 2, segment: `CleanText` in, `Document` out (sentences with exact offsets).

Every sentence satisfies `document.text[s.start:s.end] == s.text`. Splitting is rule
based and works on the tag-masked text so inline tags never create or hide a boundary:
a boundary is terminal punctuation (with any closing quotes or brackets) followed by
white space and an opening capital, digit, quote or bracket, unless the word before it
is a known abbreviation, an initial or a dotted acronym. Headings and boilerplate
lines are one sentence each unless they hold several full sentences.

The rules are English by default. A block in German, French or Spanish (its language,
else the document's) gets that language's abbreviations, including multi-part ones
written with a space ("z. B.", "p. ex."), its quotation marks („…“ ‚…‘ »…« «…» ¿…?)
and, for German, ordinal numbers ("am 3. Oktober", "im 19. Jahrhundert") that do
not end a sentence. Any other language, or none, keeps the English rules unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from scoring.clean import list_bullet, mask_tags
from scoring.types import CleanText, Document, Sentence

# Possessive runs of punctuation: no backtracking through a line of dots, and a run is
# only tried from its first mark (a match from inside a run would end exactly like the
# one from its start, so this changes no boundary but keeps a line of dots linear).
# The first letter of the next sentence is captured: a lower-case one outside ASCII does
# not start a sentence either ("8. října", Czech for "8 October").
# Stops: . ! ? … and the full stops and question marks of other scripts (Devanagari and
# Bengali danda, Arabic and Urdu, Ethiopic, Armenian, Myanmar).
STOPS = ".!?…।॥۔؟።։။"
# (a sentence may open with „ or ‚ (Czech, Polish, Romanian, Hungarian, Estonian, ...) or
# with » (Danish, Swedish, Slovenian »…«))
BOUNDARY = re.compile(r"(?<![" + STOPS + r"])[" + STOPS + r"]++['\"”’»)\]]*+(?=\s+['\"“‘«„‚»(\[]?([^\W_a-z]))", re.U)


def _boundary(closers: str, openers: str, spaced: bool = False) -> re.Pattern[str]:
    """BOUNDARY for a language with its own quotation marks: `closers` may also close
    a quote after the stop and `openers` open the next sentence. The first character
    of that sentence is captured, so that a lower-case letter outside ASCII (ä, é, ñ)
    does not start one either. `spaced` (French) allows one space between a guillemet
    and its text: "« Bonjour. » Il part." """
    close = r"['\"”’»)\]" + closers + "]"
    if spaced:
        close = "(?:" + close + r"|\s»)"
    inner = r"\s?" if spaced else ""
    return re.compile(
        r"(?<![" + STOPS + r"])[" + STOPS + r"]++" + close + r"*+(?=\s++['\"“‘«(\[" + openers + "]?" + inner
        + r"([^\W_]))", re.U
    )


# A longer "sentence" is cut at white space into pieces of at most this many
# characters, so that every later stage works on bounded pieces (the model reads
# about 250 word pieces of a sentence; a sentence of 200,000 characters is not prose).
MAX_SENTENCE_CHARS = 1500
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st mt ft gen lt col maj capt cmdr sgt adm gov sen rep pres
    rev hon no nos vol vols fig figs ed eds inc ltd co corp bros dept univ est approx
    vs etc al e.g i.e cf jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n
    e.u a.m p.m kl ca nr f.eks bl.a t.ex dvs osv mio mia mrd mln tys tis""".split()
)
ACRONYM = re.compile(r"(?:\b[A-Za-z]\.){2,}$")
INITIAL = re.compile(r"(?:^|[\s(])[A-Z]$")
OPENING = "(\"'“‘„‚»«¿¡"
# Abbreviations every language's rules keep: titles, Latin, company names ("Warner
# Bros."), English acronyms. Not the English words ("no", "est", "gen"), which end
# sentences in other languages.
_COMMON = frozenset("mr mrs ms dr prof jr st vs etc cf e.g i.e u.s u.k u.n e.u inc ltd corp bros".split())
# Months after an ordinal number: "am 3. Oktober", "bis 5. Jan." (lower case).
GERMAN_MONTHS = frozenset(
    """januar jänner februar feber märz april mai juni juli august september oktober
    november dezember jan jän feb mär apr jun jul aug sep sept okt nov dez""".split()
)
# Words before a number that make it an ordinal: "im 19. Jahrhundert", "der 2. Weltkrieg".
GERMAN_ORDINAL_CUES = frozenset(
    """am im vom zum zur der die das dem den des ab bis seit beim ihr ihre ihrem ihren
    sein seine seinem seinen""".split()
)
_NEXT_WORD = re.compile(r"\s+[\"'“‘«„‚»(\[]?([^\W\d_]{1,12})", re.U)


def _dotted(*forms: str) -> re.Pattern[str]:
    """One pattern for abbreviations of several dotted parts ("z.B."), matched with
    or without one white-space character after each inner dot ("z. B.")."""
    alternatives = [r"\.\s?".join(re.escape(p) for p in f.rstrip(".").split(".")) + r"\." for f in forms]
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + ")", re.I | re.U)


@dataclass(frozen=True)
class _Rules:
    """What a language changes: abbreviations (the bare token before the dot, lower
    case), multi-part abbreviations, abbreviations that only hold before a number
    ("Art. 5"), endings of abbreviated compounds ("Hauptstr."), and whether a number
    before a capital may be an ordinal. `boundary`
    knows the language's quotation marks."""

    boundary: re.Pattern[str]
    abbreviations: frozenset[str]
    dotted: re.Pattern[str]
    before_number: frozenset[str] = frozenset()
    suffixes: tuple[str, ...] = ()
    ordinals: bool = False


RULES: dict[str, _Rules] = {
    # German „…“ ‚…‘ »…«
    "de": _Rules(
        _boundary("“‘«", "„‚»"),
        _COMMON
        | frozenset(
            """z.b u.a d.h v.a o.ä u.ä v.chr n.chr bzw ca usw etc vgl nr dr prof hr fr st str jh mio
            mrd ggf evtl inkl zzgl bspw sog abs bd s tel geb gest chr jan feb aug sep sept okt
            nov dez""".split()
        ),
        _dotted("z.B.", "u.a.", "d.h.", "v.a.", "o.ä.", "u.ä.", "v.Chr.", "n.Chr."),
        # "Art" is also the noun ("auf diese Art."): an abbreviation only before "5".
        before_number=frozenset({"art"}),
        suffixes=("str",),  # street names: "Hauptstr. 5", "in der Bahnhofstr. Dort"
        ordinals=True,
    ),
    # French « … », with or without a space inside the guillemets
    "fr": _Rules(
        _boundary("", "", spaced=True),
        _COMMON | frozenset("m mm mme mmes mlle mlles".split()),
        _dotted("p.ex.", "av.J.-C.", "apr.J.-C.", "J.-C."),
    ),
    # Spanish «…», ¿…? and ¡…!
    "es": _Rules(
        _boundary("", "¿¡"),
        _COMMON | frozenset("sr sres sra sras srta ud uds dra".split()),
        _dotted("p.ej.", "EE.UU."),
    ),
}


def _language_rules(language: str | None) -> _Rules | None:
    """The rules of an ISO code ("de", "de-AT", "DE"), None for English and the rest."""
    if not language:
        return None
    return RULES.get(language.split("-")[0].split("_")[0].lower())


def _is_abbreviation(before: str) -> bool:
    """True when the text up to a '.' (its last 64 characters) ends in an abbreviation,
    initial or acronym."""
    token = before.split()[-1] if before.split() else ""
    bare = token.lstrip("(\"'“‘").lower()
    if bare in ABBREVIATIONS or bare.rstrip(".") in ABBREVIATIONS:
        return True
    if ACRONYM.search(token + "."):
        return True
    return bool(INITIAL.search(before))


def _is_local_abbreviation(work: str, before: str, dot: int, lo: int, hi: int, rules: _Rules) -> bool:
    """True when the '.' at `dot` (inside `work[lo:hi]`, `before` the text up to it)
    ends or is inside one of the language's abbreviations, an initial, an acronym or
    (German) an ordinal number. Reads a bounded window around the dot only."""
    words = before.split()
    token = words[-1] if words else ""
    bare = token.lstrip(OPENING).lower()
    if bare in rules.abbreviations or bare.rstrip(".") in rules.abbreviations:
        return True
    if bare.isalpha() and any(len(bare) > len(x) and bare.endswith(x) for x in rules.suffixes):
        return True
    if bare in rules.before_number and work[dot + 1 : min(hi, dot + 40)].lstrip()[:1].isdigit():
        return True
    if ACRONYM.search(token + ".") or INITIAL.search(before):
        return True
    w0, w1 = max(lo, dot - 16), min(hi, dot + 16)
    for m in rules.dotted.finditer(work, w0, w1):
        if m.start() <= dot < m.end():
            return True
    if rules.ordinals and 0 < len(bare) <= 3 and bare.isascii() and bare.isdigit():
        nxt = _NEXT_WORD.match(work, dot + 1, min(hi, dot + 40))
        if nxt is not None and nxt.group(1).lower() in GERMAN_MONTHS:
            return True  # "am 3. Oktober", "bis 5. Jan. 2024"
        # the word before the number, when it lies wholly in `before`
        if len(words) >= 2 and (len(words) >= 3 or len(before) < 64 or before[0].isspace()):
            cue = words[-2].lstrip(OPENING).lower()
            if cue in GERMAN_ORDINAL_CUES:
                return True  # "im 19. Jahrhundert", but "stieg auf 12. Danach" splits
    return False


def split_spans(work: str, start: int, end: int, language: str | None = None) -> list[tuple[int, int]]:
    """Sentence spans of `work[start:end]`, trimmed of white space and list bullets.

    `language` (an ISO code) selects that language's rules where there are some
    (German, French, Spanish); None, English and any other language use the English
    rules."""
    rules = _language_rules(language)
    spans: list[tuple[int, int]] = []
    cursor = start
    chunk = work[start:end]
    for m in (BOUNDARY if rules is None else rules.boundary).finditer(chunk):
        cut = start + m.end()
        dot = start + m.start()
        punct = work[dot]
        if m.group(1).islower():
            continue  # "ca. über", "etc. él", "8. října": no new sentence
        # only the end of the text before the stop is read: skipping many abbreviations
        # in a row must not copy the growing sentence again and again
        before = work[max(cursor, dot - 64) : dot]
        whole = dot - cursor <= 64
        if punct == "." and m.end() - m.start() == 1:
            if whole and before.strip().isdigit():
                continue  # the number of a numbered list item
            if rules is None and _is_abbreviation(before):
                continue  # an abbreviation
            if rules is not None and _is_local_abbreviation(work, before, dot, start, end, rules):
                continue  # an abbreviation, initial or ordinal of the block's language
        spans.append((cursor, cut))
        cursor = cut
    spans.append((cursor, end))
    out: list[tuple[int, int]] = []
    for s, e in _cjk_split(work, spans):
        piece = work[s:e]
        bullet = list_bullet(piece)
        lead = bullet.end() if bullet else len(piece) - len(piece.lstrip())
        s2, e2 = s + lead, s + len(piece.rstrip())
        if e2 > s2 and any(ch.isalnum() for ch in work[s2:e2]):
            out.extend(_bounded(work, s2, e2))
    return out


# Chinese and Japanese end a sentence with a full-width stop and start the next one
# without a space: "抵达。他说" (or with one, where sentences were joined with spaces).
CJK_STOP = re.compile(r"[。！？]+[」』”’）)]*(?=\s*\S)")


def _cjk_split(work: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`spans` cut after every full-width stop inside them (text without one is unchanged)."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        cursor = s
        if "。" in work[s:e] or "！" in work[s:e] or "？" in work[s:e]:
            for m in CJK_STOP.finditer(work, s, e):
                out.append((cursor, m.end()))
                cursor = m.end()
                while cursor < e and work[cursor].isspace():
                    cursor += 1
        out.append((cursor, e))
    return out


def _bounded(work: str, start: int, end: int, limit: int = MAX_SENTENCE_CHARS) -> list[tuple[int, int]]:
    """`(start, end)`, or consecutive pieces of it of at most `limit` characters cut
    at white space (mid-word only where a piece has none)."""
    pieces: list[tuple[int, int]] = []
    while end - start > limit:
        cut = work.rfind(" ", start + limit // 2, start + limit)
        cut = cut if cut > start else start + limit
        pieces.append((start, cut))
        start = cut
        while start < end and work[start].isspace():
            start += 1
    if end > start:
        pieces.append((start, end))
    return [(s, e) for s, e in pieces if any(ch.isalnum() for ch in work[s:e])]


def segment(cleaned: CleanText) -> Document:
    """Split every block into sentences that keep the block's kind and language."""
    work = mask_tags(cleaned.text)
    sentences: list[Sentence] = []
    for block in cleaned.blocks:
        spans = split_spans(work, block.start, block.end, block.language or cleaned.language)
        if block.kind == "heading" and len(spans) > 1:
            spans = [(spans[0][0], spans[-1][1])]
        for s, e in spans:
            sentences.append(
                Sentence(
                    index=len(sentences),
                    text=cleaned.text[s:e],
                    start=s,
                    end=e,
                    kind=block.kind,
                    language=block.language,
                )
            )
    return Document(cleaned.text, cleaned.source_format, tuple(sentences), cleaned.language, cleaned.title)
