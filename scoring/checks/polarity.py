"""Polarity: a flipped negation, a word traded for its opposite (confirmed/denied,
rise/fall), a prefix that negates (clear/unclear).

Every such change between the two windows is a flip, and flips are counted
together: "unclear" for "not clear", "less equal" for "more inequality" or "banning
alcohol" for "no alcohol" are two flips that cancel, a paraphrase. An odd number of
flips reverses the claim. It is certain when the windows otherwise say the same
thing closely (chrF >= `CLOSE_CHRF`): critical from chrF 60, major below. In a loose
rewording the flips may sit in clauses that do not correspond: uncertain, minor. So is
a reversal carried only by words that negate by their meaning ("rejected" for
"dismissed"): they have too many synonyms to be sure of.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from scoring import lexicon
from scoring.checks.base import CLOSE_CHRF, Check, LinkContext, Token, base_forms, in_its_place, register, verb_forms, words_between
from scoring.checks.names import english_vocabulary
from scoring.checks.numbers import NUMBER_WORDS
from scoring.checks.synonyms import groups_at
from scoring.score import STOPWORDS
from scoring.types import Finding, Severity, Span

NEGATIONS = frozenset({"not", "no", "never", "n't", "without", "neither", "nor", "none", "nobody", "nothing",
                       "nowhere", "cannot", "kein", "nicht", "unless"})  # "unless" = "if not"
# "not only ... but also" adds; it does not negate
_ADDITIVE_AFTER_NOT = frozenset({"only", "merely", "solely"})
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
PREFIXES = ("un", "in", "im", "dis", "il", "ir", "non")
CRITICAL_CHRF = 60.0


def negations(toks: Sequence[Token]) -> list[Token]:
    """Negation cues, leaving out the additive "not only" and the "not" of a litotes
    ("not unlikely": `_litotes`)."""
    out = []
    for k, t in enumerate(toks):
        yet_to = t.lower == "yet" and 0 < k < len(toks) - 1 and toks[k + 1].lower == "to" \
            and toks[k - 1].lower in ("has", "have", "had", "is", "are", "was", "were")  # "has yet to submit"
        if t.lower in NEGATIONS or t.lower.endswith("n't") or yet_to:
            if t.lower == "not" and k + 1 < len(toks) and toks[k + 1].lower in _ADDITIVE_AFTER_NOT:
                continue
            if _litotes(toks, k):
                continue
            if t.lower == "nowhere" and k >= 2 and (toks[k - 2].lower, toks[k - 1].lower) == ("out", "of"):
                continue  # "out of nowhere": suddenly
            if t.lower == "no" and k + 1 < len(toks) and toks[k + 1].lower == "confidence":
                continue  # "a vote of no confidence": the name of a vote ("a no-confidence motion")
            out.append(t)
    return out


def _extra_cues(mine: list[Token], theirs: list[Token]) -> list[Token]:
    """The negation cues `mine` has beyond the count of `theirs`: those the other side does
    not say by the same word ("could not send ... without" / "could send ... without": the
    "not"), the last of them where more are left than the count asks."""
    extra = len(mine) - len(theirs)
    if extra <= 0:
        return []
    words = Counter(t.lower for t in theirs)
    unmatched = []
    for t in mine:
        if words[t.lower] > 0:
            words[t.lower] -= 1
        else:
            unmatched.append(t)
    return unmatched[-extra:]  # at least `extra` are left: at most len(theirs) were matched


def _alike(a: Token, b: Token) -> bool:
    """Two words of one verb, or of one synonym group ("banned" / "prohibited")."""
    if verb_forms(a.lower) & verb_forms(b.lower):
        return True
    groups = groups_at([a], 0)
    return bool(groups and groups & groups_at([b], 0))


def _contrasts(toks: Sequence[Token]) -> int:
    """How many contrasts the window draws ("rather than", "instead of", "as opposed to"):
    each says what a "not" would ("a software update rather than a cyberattack" / "a
    software update, not a cyberattack")."""
    words = [t.lower for t in toks]
    pairs = {("rather", "than"), ("instead", "of"), ("opposed", "to")}
    return sum(1 for k in range(len(words) - 1) if (words[k], words[k + 1]) in pairs)


def _negative_meaning(toks: Sequence[Token], used: set[int]) -> dict[str, Token]:
    """Words that carry a negation in their meaning ("anonymous" for "not named"), by
    word, and "ruled out" in any form (read as one word: "have not ruled out" is two
    negations, "are still considering" none)."""
    out: dict[str, Token] = {}
    for k, t in enumerate(toks):
        if t.start in used:
            continue
        if t.lower in lexicon.NEGATIVE_WORDS:
            if t.lower.startswith("declin") and not (k + 1 < len(toks) and toks[k + 1].lower == "to"):
                continue  # "the first decline in five years": a fall, not a refusal ("declined to comment")
            out.setdefault(t.lower, t)
        elif t.lower in ("rule", "rules", "ruled", "ruling") and k + 1 < len(toks) and toks[k + 1].lower == "out":
            out.setdefault("rule out", t)
        elif t.lower.endswith("-free") and len(t.lower) > 6:
            out.setdefault("-free", t)  # "visa-free" says "without a visa", "ad-free" "removes adverts"
        elif t.lower == "free" and ((k + 1 < len(toks) and toks[k + 1].lower == "of")
                                    or (k and toks[k - 1].lower == "for")):
            out.setdefault("free of", t)  # "free of charge", "for free": at no cost
        elif t.lower == "against" and k > 0 and verb_forms(toks[k - 1].lower) & _CHOOSING_AGAINST:
            out.setdefault("decide against", t)  # "decided against bringing charges": decided not to
    return out


# Verbs of choice or counsel that "against" turns into a "not" ("decided against charging",
# "advised against travel", "voted against the plan")
_CHOOSING_AGAINST = frozenset("decide opt vote advise warn recommend counsel caution rule argue".split())


_VERDICT_WORDS = frozenset("acquit acquitted acquittal acquits cleared innocent exonerated".split())


def _verdict_answered(o_toks: Sequence[Token], c_toks: Sequence[Token]) -> list[Token]:
    """The "not" of "not guilty" where the other window says the verdict in one word
    ("found not guilty" / "acquitted", "cleared", "innocent")."""
    if not any(t.lower in _VERDICT_WORDS for t in c_toks):
        return []
    return [t for k, t in enumerate(o_toks) if t.lower == "not" and k + 1 < len(o_toks)
            and o_toks[k + 1].lower == "guilty"]


def _litotes(toks: Sequence[Token], k: int) -> bool:
    """Is the k-th word a "not" that cancels the negating prefix of the next word ("not
    unlikely", "not insignificant")? The two say the plain word ("likely"), which
    `flips` then reads in place of the prefixed one."""
    if toks[k].lower != "not" or k + 1 >= len(toks):
        return False
    word = toks[k + 1].lower
    base = _unprefixed(word)
    return base is not None and word[:2] in ("un", "in", "im", "il", "ir") and base in english_vocabulary()


def _plain_litotes(toks: Sequence[Token]) -> list[Token]:
    """`toks` with each litotes read as its plain word: "not unlikely" -> "likely" (at the
    offsets of "unlikely")."""
    out: list[Token] = []
    skip = False
    for k, t in enumerate(toks):
        if skip:
            skip = False
            base = _unprefixed(t.lower)
            plain = Token(t.start, t.end, t.text)
            plain.lower = base or t.lower
            out.append(plain)
            continue
        if _litotes(toks, k):
            skip = True
            continue
        out.append(t)
    return out


def _cancel_negated_opposites(o_toks: Sequence[Token], c_toks: Sequence[Token], o_used: set[int],
                              c_used: set[int]) -> None:
    """A negated opposite says the same ("did not win" / "lost", "was not approved" /
    "was rejected"): the word, its opposite and the negation are marked used, so that
    neither the opposite nor the negation counts as a change. Read in all forms, irregular
    pasts too; only where the other side's word is not negated itself."""
    for mine, theirs, mine_used, theirs_used in ((c_toks, o_toks, c_used, o_used), (o_toks, c_toks, o_used, c_used)):
        theirs_keys = _keys(theirs, verb_forms)
        at = {t.start: k for k, t in enumerate(theirs)}
        for k, t in enumerate(mine):
            cue = _negated(mine, k)
            if cue is None or t.start in mine_used or cue.start in mine_used:
                continue
            forms = verb_forms(t.lower)
            if forms & theirs_keys.keys():
                continue  # the same word on the other side: a negation added or lost, not this
            said = next((theirs_keys[a] for key in forms for a in sorted(ANTONYM.get(key, ()))
                         if a in theirs_keys and theirs_keys[a].start not in theirs_used), None)
            if said is None:  # "were not affected" / "were unaffected": the word with a negating prefix
                said = next((x for x in theirs if x.start not in theirs_used
                             and (_unprefixed(x.lower) or "\0") in forms | {t.lower}), None)
            if said is not None and _negated(theirs, at[said.start]) is None:
                mine_used.update((t.start, cue.start))
                theirs_used.add(said.start)
        for k, t in enumerate(mine[1:], start=1):
            # "less expensive" is "cheaper", "less likely" "unlikelier": a lesser degree of a word
            # says the comparative of its opposite
            if mine[k - 1].lower != "less" or t.start in mine_used:
                continue
            said = next((theirs_keys[a] for key in verb_forms(t.lower) for a in sorted(ANTONYM.get(key, ()))
                         if a in theirs_keys and theirs_keys[a].start not in theirs_used
                         and _comparative(theirs, at[theirs_keys[a].start])), None)
            if said is not None:
                mine_used.update((t.start, mine[k - 1].start))
                theirs_used.add(said.start)


def _comparative(toks: Sequence[Token], k: int) -> bool:
    """Is the k-th word said as a comparative: "cheaper", "more expensive"?"""
    return toks[k].lower.endswith("er") or (k > 0 and toks[k - 1].lower == "more")


def _negated(toks: Sequence[Token], k: int) -> Token | None:
    """The negation cue right before the k-th word, or before the auxiliary right before it
    ("not win", "didn't win", "never won", "did not win"), or None."""
    for j in (k - 1, k - 2):
        if j < 0:
            return None
        t = toks[j]
        if t.lower in NEGATIONS or t.lower.endswith("n't"):
            return t
        if t.lower not in lexicon.AUXILIARIES:
            return None
    return None


def _keys(toks: Sequence[Token], forms: Callable[[str], frozenset[str]] = base_forms) -> dict[str, Token]:
    keys: dict[str, Token] = {}
    for t in toks:
        for k in forms(t.lower):
            keys.setdefault(k, t)
    return keys


# Verbs after which "up" and "down" say which way an amount went ("went up", "is down 3%").
_MOVING = frozenset("is are was were be been being go goes went gone going come comes came move moves moved "
                    "edge edged inch inched shoot shot tick ticked trend trended".split())


def _particles(toks: Sequence[Token]) -> frozenset[int]:
    """Start offsets of the "up"s and "down"s of phrasal verbs ("free up", "shut down"): not
    after a verb of movement or "be", and not before a number. (`toks` with numbers.)"""
    out = []
    for k, t in enumerate(toks):
        if t.lower not in ("up", "down"):
            continue
        before = toks[k - 1].lower if k else ""
        after = toks[k + 1].lower if k + 1 < len(toks) else ""
        if before in _MOVING or after[:1].isdigit() or after in NUMBER_WORDS or after == "by":
            continue
        out.append(t.start)
    return frozenset(out)


def _tokens_by_form(toks: Sequence[Token]) -> dict[str, list[Token]]:
    """The words of a window with each base form, in order."""
    out: dict[str, list[Token]] = {}
    for t in toks:
        for form in base_forms(t.lower):
            out.setdefault(form, []).append(t)
    return out


def _in_the_same_place(t: Token, was: Token, o_toks: Sequence[Token], c_toks: Sequence[Token],
                       forms: frozenset[str], c_used: set[int]) -> Token:
    """Of the candidate's words with `forms` (`t` the first), the one standing where the
    original's `was` stands: before the same word ("fewer parking" / "more parking"), else `t`."""
    k = next(i for i, x in enumerate(o_toks) if x.start == was.start)
    after = o_toks[k + 1].lower if k + 1 < len(o_toks) else None
    for i, x in enumerate(c_toks):
        if x.start not in c_used and base_forms(x.lower) & forms and after is not None \
                and i + 1 < len(c_toks) and c_toks[i + 1].lower == after:
            return x
    return t


def _phrase_at(words: list[str], phrase: tuple[str, ...], at: dict[str, list[int]] | None = None) -> int:
    """Where `phrase` first occurs in `words`, or -1; `at` (`_positions(words)`), when
    given, spares trying the positions where its first word is not."""
    n = len(phrase)
    starts = at.get(phrase[0], ()) if at is not None else range(len(words))
    for k in starts:
        if k > len(words) - n:
            break
        if tuple(words[k : k + n]) == phrase:
            return k
    return -1


def _positions(words: list[str]) -> dict[str, list[int]]:
    """The positions of each word in `words`, in order."""
    at: dict[str, list[int]] = {}
    for k, w in enumerate(words):
        at.setdefault(w, []).append(k)
    return at


@dataclass(frozen=True)
class Flip:
    """One change of polarity: the candidate span it sits on (None for a dropped
    negation), what happened, and what the original said."""

    span: Span | None
    message: str
    said: str
    lexical: bool = False  # a word that negates by its meaning ("refused", "anonymous"), not a cue or an opposite
    dropped_cue: bool = False  # a negation cue of the original with nothing in its place
    added_cue: bool = False  # a negation cue the candidate adds
    o_span: Span | None = None  # the original's word, where the flip has one


# Verbs that make an idiom with the word after them, where their opposite is not meant:
# "takes effect", "took place", "give way", "gave evidence".
_LIGHT_VERBS = frozenset({"take", "give"})
_LIGHT_VERB_OBJECTS = frozenset("effect place part office care hold account note advantage action steps shape root "
                                "way rise birth evidence chase charge notice aim".split())


def flips(ctx: LinkContext) -> list[Flip]:
    """Every change of polarity from the original window to the candidate window.

    A word takes part in one flip at most: "unclear" for "not clear" is one prefix
    flip and one added negation, not also a lost negative word."""
    o_toks, c_toks = _plain_litotes(ctx.o_toks), _plain_litotes(ctx.c_toks)
    out: list[Flip] = []
    o_used: set[int] = set()
    c_used: set[int] = set()

    def add(c_tok: Token | None, o_tok: Token | None, message: str, said: str, span: Span | None = None,
            lexical: bool = False, dropped_cue: bool = False, added_cue: bool = False) -> None:
        if c_tok is not None and o_tok is not None and _converse(o_toks, o_tok, c_toks, c_tok):
            c_used.add(c_tok.start)
            o_used.add(o_tok.start)
            return  # the two things compared trade places: "X weakened against Y" = "Y strengthened against X"
        if c_tok is not None:
            c_used.add(c_tok.start)
            span = span or Span(c_tok.start, c_tok.end, ctx.c_span_text(c_tok.start, c_tok.end))
        o_span = None
        if o_tok is not None:
            o_used.add(o_tok.start)
            o_span = Span(o_tok.start, o_tok.end, ctx.o_span_text(o_tok.start, o_tok.end))
        out.append(Flip(span, message, said, lexical, dropped_cue, added_cue, o_span))

    o_keys, c_keys = _keys(o_toks), _keys(c_toks)
    o_words, c_words = [t.lower for t in o_toks], [t.lower for t in c_toks]
    o_at, c_at = _positions(o_words), _positions(c_words)
    for a, b in PHRASE_OPPOSITES:
        k = _phrase_at(c_words, b, c_at)
        j = _phrase_at(o_words, a, o_at)
        if k < 0 or j < 0 or _phrase_at(c_words, a, c_at) >= 0 or _phrase_at(o_words, b, o_at) >= 0:
            continue
        first, last = c_toks[k], c_toks[k + len(b) - 1]
        if any(t.start in c_used for t in c_toks[k : k + len(b)]):
            continue
        c_used.update(t.start for t in c_toks[k : k + len(b)])
        o_used.update(t.start for t in o_toks[j : j + len(a)])
        span = Span(first.start, last.end, ctx.c_span_text(first.start, last.end))
        add(None, None, f"'{span.text}' reverses the original's '{' '.join(a)}'", " ".join(a), span)
    # "up" and "down" of a phrasal verb ("free up spectrum", "shut down the network") are no
    # directions (those of the phrases above, "speed up" / "slow down", are read already)
    o_used.update(_particles(ctx.o_toks_and_numbers))
    c_used.update(_particles(ctx.c_toks_and_numbers))
    _cancel_negated_opposites(o_toks, c_toks, o_used, c_used)
    for toks, used in ((o_toks, o_used), (c_toks, c_used)):  # "takes effect" is no taking, "give way" no giving
        used.update(a.start for a, b in pairwise(toks) if b.lower in _LIGHT_VERB_OBJECTS and verb_forms(a.lower) & _LIGHT_VERBS)
    # Words are counted, not only looked up: "fewer parking spaces and more homes" / "more
    # parking spaces and more homes" says "more" once more and "fewer" once less.
    o_with_form, c_with_form = _tokens_by_form(o_toks), _tokens_by_form(c_toks)

    def surplus(form: str) -> int:
        """How many more words of the original than of the candidate have this form."""
        return len(o_with_form.get(form, ())) - len(c_with_form.get(form, ()))

    for t in c_toks:
        forms = base_forms(t.lower)
        if t.start in c_used or any(surplus(f) >= 0 for f in forms if f in o_keys):
            continue
        for key in forms:
            said = next((a for a in sorted(ANTONYM.get(key, ())) if surplus(a) > 0
                         and any(x.start not in o_used for x in o_with_form.get(a, ()))), None)
            if said is not None:
                was = next(x for x in o_with_form[said] if x.start not in o_used)
                t = _in_the_same_place(t, was, o_toks, c_toks, forms, c_used)
                add(t, was, f"'{t.text}' reverses the original's '{was.text}'", was.text)
                break
    for t in c_toks:  # "unclear" in the candidate for the original's "clear"
        base = _unprefixed(t.lower)
        o_tok = _related(base, o_keys) if base and t.lower not in o_keys else None
        if o_tok is not None and t.start not in c_used and o_tok.start not in o_used:
            add(t, o_tok, f"'{t.text}' reverses the original's '{o_tok.text}'", o_tok.text)
    for t in o_toks:  # and the reverse: "clear" for "unclear", "equal" for "inequality"
        base = _unprefixed(t.lower)
        c_tok = _related(base, c_keys) if base and t.lower not in c_keys else None
        if c_tok is not None and c_tok.start not in c_used and t.start not in o_used:
            add(c_tok, t, f"'{c_tok.text}' reverses the original's '{t.text}'", t.text)
    for t in c_toks:  # "postmenopausal" for "premenopausal", "downregulated" for "upregulated"
        o_tok = _opposite_prefix(t.lower, o_keys, c_keys) if t.start not in c_used and t.lower not in o_keys else None
        if o_tok is not None and o_tok.start not in o_used:
            add(t, o_tok, f"'{t.text}' reverses the original's '{o_tok.text}'", o_tok.text)
    o_forms = [(t, base_forms(t.lower)) for t in o_toks]
    c_forms = [(t, base_forms(t.lower)) for t in c_toks]
    for poles in lexicon.POLES:
        # direction as a whole: "rose ... fell" -> "rose ... increased" turns one fall into a rise
        o_hits = [[t for t, forms in o_forms if forms & pole and t.start not in o_used] for pole in poles]
        c_hits = [[t for t, forms in c_forms if forms & pole and t.start not in c_used] for pole in poles]
        # the words of direction of each side in order: where both say as many, the first one
        # turned is the change ("fell ..., while ... rose" / "rose ..., while ... went up": "rose")
        o_seq = sorted((t.start, p, t) for p in (0, 1) for t in o_hits[p])
        c_seq = sorted((t.start, p, t) for p in (0, 1) for t in c_hits[p])
        for gained, lost in ((0, 1), (1, 0)):
            if len(c_hits[gained]) > len(o_hits[gained]) and len(c_hits[lost]) < len(o_hits[lost]):
                t, was = c_hits[gained][-1], o_hits[lost][-1]
                if len(o_seq) == len(c_seq):
                    t, was = next(((c[2], o[2]) for o, c in zip(o_seq, c_seq, strict=True)
                                   if o[1] == lost and c[1] == gained), (t, was))
                add(t, was, f"'{t.text}' reverses the original's '{was.text}'", was.text)  # one direction change
    c_between = words_between(c_toks)
    for k, t in enumerate(o_toks):  # a word traded in place for one of opposite tone ("praised" / "insulted")
        instead = in_its_place(o_toks, k, c_between) if t.start not in o_used else None
        if instead is not None and instead.start not in c_used and _opposite_tone(t, instead, o_keys, c_keys):
            add(instead, t, f"'{instead.text}' reverses the original's '{t.text}'", t.text)
    o_verdict = {t.start for t in _verdict_answered(o_toks, c_toks)}
    c_verdict = {t.start for t in _verdict_answered(c_toks, o_toks)}
    o_neg = [t for t in negations(o_toks) if t.start not in o_used and t.start not in o_verdict]
    c_neg = [t for t in negations(c_toks) if t.start not in c_used and t.start not in c_verdict]
    # a "not" one side has where the other draws a contrast: the same thing said
    o_contrasts, c_contrasts = _contrasts(o_toks), _contrasts(c_toks)
    if o_contrasts > c_contrasts and len(c_neg) > len(o_neg):
        c_neg = c_neg[: max(len(o_neg), len(c_neg) - (o_contrasts - c_contrasts))]
    elif c_contrasts > o_contrasts and len(o_neg) > len(c_neg):
        o_neg = o_neg[: max(len(c_neg), len(o_neg) - (c_contrasts - o_contrasts))]
    for t in _extra_cues(c_neg, o_neg):
        add(t, None, f"negation '{t.text}' has no counterpart in the original", " ".join(x.text for x in o_neg),
            added_cue=True)
    o_index = {t.start: k for k, t in enumerate(o_toks)}
    lost_cues = _extra_cues(o_neg, c_neg)
    c_by_word: dict[str, Token] = {}  # the candidate's first token of each word, and of each verb form
    c_by_form: dict[str, Token] = {}
    for t in c_toks if lost_cues else ():
        c_by_word.setdefault(t.lower, t)
        for form in verb_forms(t.lower):
            c_by_form.setdefault(form, t)
    for t in lost_cues:
        # shown at the word it negated, where the candidate keeps that word ("did not
        # reduce" / "reduced"); else at the lost negation itself, on the original's side
        k = o_index[t.start]
        negated = (_instead_of_cue(o_toks, k, c_toks, c_between, o_keys) or _uncontracted(t, c_by_word)
                   or _negated_word(o_toks, k, c_by_form))
        at = Span(negated.start, negated.end, ctx.c_span_text(negated.start, negated.end)) if negated else None
        add(None, t, f"the original's negation '{t.text}' is missing", t.text, span=at, dropped_cue=True)
    # words that carry a negation in their meaning ("anonymous" for "not named")
    o_lex = _negative_meaning(o_toks, o_used)
    c_lex = _negative_meaning(c_toks, c_used)
    added_lex = [t for word, t in c_lex.items() if word not in o_lex]
    unrendered = [t for word, t in o_lex.items() if word not in c_lex]
    # one word of negative meaning for its synonym or another form ("banned" / "prohibited",
    # "stopping" / "stop"): the same negation
    said_alike = {t.start for t in unrendered if any(_alike(t, c) for c in added_lex)}
    said_alike |= ctx.said_by_synonym[0]  # "rejected" / "turned down"
    added_lex = [c for c in added_lex if not any(_alike(t, c) for t in unrendered)]
    unrendered = [t for t in unrendered if t.start not in said_alike]
    for t in added_lex:
        add(t, None, f"'{t.text}' negates what the original affirms", "", lexical=True)
    for t in unrendered:
        instead = in_its_place(o_toks, o_index[t.start], c_between)
        if instead is not None and instead.lower in AFFIRMING_VERBS:
            # "denied that" -> "said that", "banned the rally" -> "announced the rally"
            add(instead, t, f"'{instead.text}' in place of the original's '{t.text}'", t.text)
        else:
            add(None, t, f"the original's '{t.text}' is not rendered", t.text, lexical=True)
    return out


# Two words of opposite tone differ by at least this much on the valence scale (-4 .. +4)
# before one in the other's place reverses what is said: "welcomed" (1.4) / "hated" (-3.2)
# does, "won" (2.7) / "lost" (-1.3) is left to the antonyms.
TONE_GAP = 3.0


def _opposite_tone(o_tok: Token, c_tok: Token, o_keys: dict[str, Token], c_keys: dict[str, Token]) -> bool:
    """Is `c_tok`, standing in `o_tok`'s place, a word of the opposite tone ("insulted"
    for "praised")? Neither may be kept on the other side, nor be a word that negates by
    its meaning (counted apart)."""
    if o_tok.lower in lexicon.NEGATIVE_WORDS or c_tok.lower in lexicon.NEGATIVE_WORDS:
        return False
    if base_forms(o_tok.lower) & c_keys.keys() or base_forms(c_tok.lower) & o_keys.keys():
        return False
    was, now = lexicon.valence(o_tok.lower), lexicon.valence(c_tok.lower)
    return was is not None and now is not None and was * now < 0 and abs(was - now) >= TONE_GAP


# Verbs that report or affirm: one of them in the very place of a word that negates by its
# meaning ("denied", "banned") says the opposite, where a synonym ("rejected") would not be
# one of them.
AFFIRMING_VERBS = frozenset(
    "said says stated states announced announces reported reports told noted added explained confirmed "
    "confirms acknowledged admitted accepted accepts approved approves allowed allows permitted backed "
    "supported welcomed agreed endorsed held organised organized planned claimed".split())


# Words after which a comparison names what it is measured against.
_RELATIONAL = frozenset({"than", "against", "to", "over", "versus", "vs"})
_CONVERSE_MAX_WORDS = 120


def _converse(o_toks: Sequence[Token], o_tok: Token, c_toks: Sequence[Token], c_tok: Token) -> bool:
    """Do the original's `o_tok` and the candidate's opposite `c_tok` compare two things
    that trade places around them ("the zloty weakened against the euro" / "the euro
    strengthened against the zloty", "slower than the record" / "the record ... faster
    than")? Both must be followed by a word of comparison (`_RELATIONAL`), and words must
    move both ways across them: from after to before, and from before to after."""
    def sides(toks: Sequence[Token], pivot: Token) -> tuple[set[str], set[str]] | None:
        k = next((i for i, t in enumerate(toks) if t.start == pivot.start), None)
        if k is None or not any(t.lower in _RELATIONAL for t in toks[k + 1 : k + 3]):
            return None
        content = [t.lower for t in toks if len(t.lower) >= 3 and t.lower not in STOPWORDS]
        before = {t.lower for t in toks[:k]} & set(content)
        after = {t.lower for t in toks[k + 1 :]} & set(content)
        return before - after, after - before

    if len(o_toks) > _CONVERSE_MAX_WORDS or len(c_toks) > _CONVERSE_MAX_WORDS:
        return False  # a comparison is read within a sentence or two; this keeps each flip linear
    o_sides, c_sides = sides(o_toks, o_tok), sides(c_toks, c_tok)
    if o_sides is None or c_sides is None:
        return False
    return bool(o_sides[1] & c_sides[0]) and bool(o_sides[0] & c_sides[1])


# Words between a negation and what it negates ("did not yet fully recover", "was not
# significantly associated"): skipped when looking for the negated word.
_BETWEEN_NEGATION_AND_WORD = frozenset("be been being have has had yet always ever fully significantly really "
                                       "even quite any a an the to".split())


def _instead_of_cue(o_toks: Sequence[Token], k: int, c_toks: Sequence[Token],
                    c_between: dict[tuple[str, str], Token], o_keys: dict[str, Token]) -> Token | None:
    """The candidate's word in the place of the original's negation, `o_toks[k]` ("had never
    met" / "had rarely met"; "None of the residents" / "Several residents" at a window's
    start), where it is a word the original does not have."""
    instead = in_its_place(o_toks, k, c_between) if k else (c_toks[0] if c_toks else None)
    if instead is None and 0 < k < len(o_toks) - 2:
        # the negation and the word it negates, both in the place of one word ("had not
        # exceeded legal limits" / "had breached legal limits")
        instead = c_between.get((o_toks[k - 1].lower, o_toks[k + 2].lower))
    if instead is None or base_forms(instead.lower) & o_keys.keys() or instead.lower in STOPWORDS:
        return None
    return instead


_CONTRACTED = {"won't": "will", "can't": "can", "shan't": "shall", "ain't": "is"}


def _uncontracted(cue: Token, c_by_word: dict[str, Token]) -> Token | None:
    """The candidate's "would" for the original's "wouldn't" (did / didn't, will / won't);
    `c_by_word`: the candidate's first token of each word."""
    word = cue.lower.replace("\u2019", "'")
    if not word.endswith("n't"):
        return None
    return c_by_word.get(_CONTRACTED.get(word, word[:-3]))


def _negated_word(o_toks: Sequence[Token], k: int, c_by_form: dict[str, Token]) -> Token | None:
    """The candidate's word for the word the original's negation `o_toks[k]` negated: the
    first word after it that is not an auxiliary or an adverb of degree, found in the
    candidate by its forms (`verb_forms`; the first such word there). `c_by_form`: the
    candidate's first token of each form."""
    word = next((t for t in o_toks[k + 1 : k + 5] if t.lower not in _BETWEEN_NEGATION_AND_WORD
                 and t.lower not in lexicon.AUXILIARIES and t.lower not in STOPWORDS), None)
    if word is None:
        return None
    return min((c_by_form[f] for f in verb_forms(word.lower) if f in c_by_form), key=lambda t: t.start, default=None)


def _opposite_prefix(word: str, o_keys: dict[str, Token], c_keys: dict[str, Token]) -> Token | None:
    """The original's word that is `word` with the opposite prefix ("premenopausal" for
    "postmenopausal"), where the candidate does not have it too; or None."""
    for a, b in lexicon.OPPOSITE_PREFIXES:
        for mine, theirs in ((a, b), (b, a)):
            rest = word[len(mine):]
            if word.startswith(mine) and len(rest.lstrip("-")) >= 4:
                other = theirs + rest
                if other in o_keys and other not in c_keys:
                    return o_keys[other]
    return None


def _unprefixed(word: str) -> str | None:
    """The word a negating prefix was put on (unclear -> clear), or None."""
    for prefix in PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 4:
            return word[len(prefix):]
    return None


def _related(base: str | None, keys: dict[str, Token]) -> Token | None:
    """The token of `keys` that is `base` or a form of it (equality ~ equal)."""
    if not base:
        return None
    # not a stem that only "-es" cut off makes a word ("disputes": "putes", "put")
    forms = base_forms(base) - {base[:-2]} if base.endswith("es") else base_forms(base)
    for suffix in ("ity", "ness"):
        if base.endswith(suffix) and len(base) - len(suffix) >= 3:
            forms |= base_forms(base[: -len(suffix)])
    return next((keys[f] for f in forms if f in keys), None)


@register
class PolarityCheck(Check):
    """Negations and opposites, counted together so that double rewordings cancel."""

    name = "polarity"
    # 3: a litotes reads as its plain word ("not unlikely"); stop/cease negate by meaning;
    # keep/lose, uphold/overturn, acquit/convict; two things compared that trade places are no reversal
    # 4: blocked/backed, suspended/approved, banned/allowed, ruled out/signalled
    # 7: "ruled out" negates by its meaning ("not ruled out" says possible); "not guilty" is
    # answered by "acquitted"
    # 5: "escaped" negates by its meaning ("escaped injury")
    # 6: a word that negates by its meaning replaced in place by one that reports or affirms
    # 8: a word traded in place for one of opposite tone (valence lexicon: "praised" / "insulted");
    # opposite prefixes ("premenopausal" / "postmenopausal"); negations all dropped (or all added) do
    # not cancel each other; effects of a study (promoted / inhibited), ago / later; a negation
    # lost is shown at the word it negated ("reduced" for "did not reduce"), or, where the
    # candidate lacks that word, at the lost negation on the original's side; a "not" against a
    # contrast ("not a cyberattack" / "rather than a cyberattack"), "a vote of no confidence"
    # 9: "turned down" against "approved", "accepted", "granted"; a negated opposite says the
    # same ("did not win" / "lost", "were not allowed" / "were banned"): the two cancel
    # 10: "give" and "take" in an idiom ("takes effect", "give way") are no opposites
    # 11: "less expensive" says "cheaper"; of two words of direction, the one turned is shown, read in order
    # 12: "against" after a verb of choice says "not" ("decided against bringing charges" /
    # "decided not to charge"); "bar" negates by its meaning ("bar him from entering" / "must not enter");
    # of two negations one of which is gone, the one the candidate does not say by the same word
    # a negating prefix is read only where the rest is a word ("disputes" is no "putes");
    # "visa-free" says "without a visa", "free of charge" "at no cost", "awaits" "not yet"; a word
    # of negative meaning for its synonym ("banned" / "prohibited") is no flip
    # 13: "entering" / "leaving"; "has yet to" is a negation; "decline" refuses only before "to";
    # a negative word said by its synonym ("rejected" / "turned down") is rendered
    # 14: opposites are counted ("fewer parking spaces and more homes" / "more parking spaces
    # and more homes": one "more" too many, one "fewer" too few); a negation and the word it
    # negates in the place of one word are shown on that word ("had not exceeded" / "had
    # breached"); "unrelated" / "linked", "connected"
    # 15: "ahead" / "behind", "leading" / "trailing"
    # 16: "up" and "down" of a phrasal verb are no directions ("free up spectrum" / "shut down the
    # network"; "went up", "is down 3%" are); "inflows" / "outflows", "inbound" / "outbound"
    # 17: a negated word says its form with a negating prefix ("were not affected" / "were unaffected")
    version = 17

    def run(self, ctx: LinkContext) -> list[Finding]:
        found = flips(ctx)
        if not found:
            return []
        # Flips cancel in pairs ("unclear" for "not clear"), but negations all dropped, or
        # all added, do not: "They wouldn't, and they shouldn't" / "They would, and they should"
        # reverses two clauses.
        one_way = len(found) > 1 and (all(f.dropped_cue for f in found) or all(f.added_cue for f in found))
        reversed_ = len(found) % 2 == 1 or one_way
        certain = reversed_ and ctx.chrf >= CLOSE_CHRF and any(not f.lexical for f in found)
        severity: Severity = ("critical" if ctx.chrf >= CRITICAL_CHRF else "major") if certain else "minor"
        if not reversed_:
            # an even number of flips is a rewording ("unclear" for "not clear"): evidence only
            return [Finding("negation", "minor", (f.span,) if f.span else (), f.message + " (a rewording reverses it "
                            "back)", f.said, certain=False) for f in found[:1]]
        # a negation the candidate simply lost is shown where it was: on the original's side
        return [Finding("negation", severity, (f.span,), f.message, f.said, certain=certain,
                        original_spans=(f.o_span,) if f.o_span else ()) if f.span else
                Finding("negation", severity, (f.o_span,) if f.o_span else (), f.message, f.said, certain=certain,
                        side="original")
                for f in found]
