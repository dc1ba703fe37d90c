"""Negations of a link whose two sides are in different languages.

Negation cues found the way each language writes them (a word, a verb's prefix or
ending, an unspaced sign): a side with a negation where the other has none says the
opposite, unless the other side says it with a word of negative meaning or a set phrase.
"""


from __future__ import annotations

import re
from collections.abc import Sequence

from scoring import languages
from scoring.checks.base import Check, LinkContext, Token, register
from scoring.checks.names import english_vocabulary
from scoring.types import Finding, Span


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
# less the nouns and adverbs listed; adjectives ("nezávislý" independent, "-lá", "-lé")
# and adverbs ("neustále" constantly) keep the prefix as part of their meaning.
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
# adjectives listed; and every word in "nebe-" (no longer: "nebedirba").
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
           "lehnte", "vermeid", "kaum", "weder", "nur", "verpass", "mangel", "andernfalls",
           "verzicht"),
    # the French and Spanish words negated by "in-", "im-", "dés-" by name: as prefixes they
    # open "information", "inundaciones", "importante", "descubrir"
    "fr": ("échou", "refus", "manqu", "empêch", "évit", "interdi", "seulement", "guère", "impossib", "illégal",
           "inaccept", "insuffis", "injust", "incapab", "inconnu", "inutil", "invalid", "incertain", "imprévu",
           "désaccord", "désapprouv", "méconn",
           "irréalist", "renonc"),
    "es": ("fracas", "rechaz", "negó", "negar", "niega", "niegan", "negaron", "negado", "falt", "evit", "impid",
           "prohib", "solo", "apenas", "imposib", "ilegal", "inacept", "insuficien", "injust", "incapa", "innecesari",
           "inútil", "inválid", "inciert", "desconoc", "desacuerd", "desaprob", "descart",
           "irrealist", "renunci"),
    "pl": ("odmów", "odmaw", "odrzuc", "brak", "zakaz", "uniknę", "unika", "zapobieg", "tylko", "ledwo"),
    "cs": ("odmít", "chyb", "zákaz", "zakáz", "vyhnul", "vyhýb", "zabrán", "pouze", "jen", "sotva"),
    "sk": ("odmiet", "chýb", "zákaz", "zakáz", "vyhnúť", "vyhýb", "zabrán", "iba", "len", "sotva"),
    "uk": ("відмов", "брак", "бракує", "заборон", "уникн", "уника", "запобіг", "лише", "тільки", "ледве"),
    "ro": ("refuz", "eșu", "eşu", "lips", "interzi", "evit", "împiedic", "doar", "abia", "ilegal", "nelegal"),
    "hu": ("elutasít", "megtagad", "hiány", "kudarc", "elkerül", "megakadályoz", "tilt", "csak", "alig",
           "irreális", "elfogadhatatlan", "lehetetlen"),
    "sv": ("omöjlig", "olaglig", "misslyck", "vägra", "sakna", "förneka", "undvik", "förhindr", "förbjud", "förbud", "bara",
           "endast", "knappt",
           "avvis", "avslå", "avslog", "orealistisk", "oacceptab"),
    "da": ("umulig", "ulovlig", "mislykk", "nægt", "mangl", "undgå", "forhindr", "forbud", "forbyd", "kun", "bare", "knap",
           "blot",
           "afvis", "afslå", "afslog", "urealistisk", "uacceptab"),
    "it": ("rifiut", "negò", "negato", "negare", "nega ", "negano", "fallit", "fallì", "vietat", "vieta", "evit",
           "impedi", "solo", "soltanto", "appena", "impossibil", "illegal", "inaccettabil", "manca",
           "irrealist", "rinunc"),
    "pt": ("recus", "negou", "negar", "negam", "falh", "proib", "evit", "impedi", "só", "apenas", "impossív",
           "ilegal", "inaceitáv",
           "irrealist", "renunci"),
    "nl": ("weiger", "ontken", "mislukt", "faal", "verbo", "vermijd", "voorkom", "alleen", "slechts", "nauwelijks",
           "onmogelijk", "illegaal",
           "onrealistisch", "onaanvaardbaar", "afgewezen"),
    "ru": ("отказ", "отрица", "отверг", "запрет", "запрещ", "провал", "избега", "избеж", "предотвра", "только",
           "лишь", "едва"),
    "no": ("umulig", "ulovlig", "mislykk", "nekt", "mangl", "unngå", "forhindr", "forbud", "forby", "kun", "bare", "knapt",
           "avvis", "avslå", "avslo", "urealistisk", "uakseptab"),
    "fi": ("kielt", "kiistä", "kiisti", "hylkä", "hylkäsi", "epäonnist", "estä", "esti", "vältt", "vain", "ainoastaan",
           "tuskin", "laiton", "laittom", "mahdoton", "mahdottom"),
    "el": ("αρνήθ", "αρνεί", "αρνούν", "απέρρι", "απορρίπ", "απαγόρ", "απαγορ", "απέτυχ", "αποτυχ", "απέφυγ", "αποφεύγ",
           "εμπόδισ", "μόνο", "μόλις", "παράνομ", "αδύνατ",
           "εξωπραγματικ"),
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
           "võimatu", "ebaseadusli",
           "ebarealist", "ebareaalne"),
    "sl": ("zavrn", "zanik", "prepoved", "prepovedal", "neuspe", "izogn", "izogib", "prepreči", "komaj", "zgolj",
           "nemogoč", "nezakonit",
           "nerealn"),
    "id": ("menolak", "ditolak", "penolakan", "membantah", "dibantah", "melarang", "dilarang", "larangan", "gagal",
           "kegagalan", "menghindari", "mencegah", "hanya", "cuma", "ilegal", "mustahil"),
    "lt": ("atsisak", "atmet", "uždraud", "draudž", "išveng", "nepavyk", "tik", "vos", "nereal", "neįmanom",
           "neteisėt"),
    "tr": ("reddet", "retted", "engelle", "engelled", "yasak", "kaçın", "başarısız", "imkansız", "imkânsız", "sadece",
           "yalnızca", "yalnız", "ancak"),
}
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
             "sl": ("samo", "le", "zgolj"), "lt": ("tik", "vien")}
