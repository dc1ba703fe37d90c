"""Roles: who did what to whom. "Argentina beat France" / "France beat Argentina", "the
chain is suing its supplier" / "the supplier is suing the chain", "the secretary was
questioned by the committee" / "the secretary questioned the committee", "a student was
arrested after a teacher was stabbed" / "a teacher was arrested after a student was
stabbed", "the son of the director" / "the father of the director", "from Manchester to
London" / "from London to Manchester".

Sentence vectors hardly move when two parties trade places (the same words, the same
topic), so this check reads the windows' structure around the verbs both have: for each
such verb, the content words of the phrase before it (its subject) and after it (its object
or, in the passive, its agent after "by"), and whether it is passive ("was questioned").
Two verbs whose subjects trade places, or one verb whose subject and object trade places in
the same voice, or keep their places while the voice turns, are roles swapped: major where
the windows otherwise say the same thing closely (chrF >= `CLOSE_CHRF`), evidence
otherwise. Verbs whose two parties can trade places without a change of meaning ("met",
"drew with", "married") are left out. A word of kinship or of a role in a pair ("son" /
"father", "buyer" / "seller") replaced in its very place by another of its group is a
relation changed. English only; each window is read once.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from scoring import lexicon
from scoring.checks.base import CLOSE_CHRF, Check, LinkContext, Token, base_forms, in_its_place, register, verb_forms
from scoring.checks.synonyms import groups_at
from scoring.score import STOPWORDS
from scoring.types import Finding, Severity, Span

# Verbs whose two parties may trade places and say the same ("A met B" = "B met A").
SYMMETRIC = frozenset("meet met meets meeting marry married draw drew drawn tie tied play played face faced fight "
                      "fought clash clashed talk talked speak spoke join joined merge merged sign signed partner "
                      "partnered compete competed negotiate negotiated share shared border bordered".split())
# Words that end a phrase before or after a verb.
_BOUNDARY = frozenset("after before when while because although though since until as if that which who whom whose "
                      "where and but or on in at for from with to of over under into during "
                      # a time said after the object ends it: "overtook Japan last year"
                      "last next yesterday today tomorrow tonight earlier ago according monday tuesday wednesday "
                      "thursday friday saturday sunday "
                      # a speaker before what was said: "Police said a courier punched ..."
                      "said says".split())
# Groups of relation words: one in the place of another of its group is another relation.
RELATION_GROUPS: tuple[frozenset[str], ...] = (
    frozenset("father mother son daughter brother sister husband wife parent child uncle aunt nephew niece "
              "grandfather grandmother grandson granddaughter widow widower".split()),
    frozenset("buyer seller".split()), frozenset("employer employee".split()), frozenset("winner loser".split()),
    frozenset("landlord tenant".split()), frozenset("plaintiff defendant".split()),
    frozenset("predecessor successor".split()), frozenset("host guest".split()),
    frozenset("creditor debtor".split()), frozenset("victim attacker perpetrator".split()),
)
_RELATION_GROUP_OF = {word: k for k, group in enumerate(RELATION_GROUPS) for word in group}
MAX_PHRASE = 5  # content words read either side of a verb
_DETERMINERS = frozenset("the a an his her its their our my this that these those".split())


class _Clause:
    """One verb of a window: its subject's and object's content words, and its voice."""

    __slots__ = ("first", "last", "object", "passive", "subject", "verb")

    def __init__(self, verb: Token, subject: frozenset[str], object_: frozenset[str], passive: bool,
                 first: Token | None = None, last: Token | None = None) -> None:
        self.verb = verb
        self.subject = subject
        self.object = object_
        self.passive = passive
        # the clause's first word of its subject and last of its object: what a swap is shown on
        self.first = first or verb
        self.last = last or verb


def _content_key(t: Token) -> str | None:
    word = t.lower
    if word.endswith("'s") and len(word) > 3:
        word = word[:-2]  # "Veloria's ambassador": Veloria is a party
    if word in STOPWORDS or word in _BOUNDARY or word in lexicon.AUXILIARIES or not word.replace("-", "").isalnum():
        return None
    if word.endswith("ly") and t.text.islower() and len(word) > 4:
        return None  # an adverb ("recently") is no party, wherever it stands
    return min(base_forms(word), key=len) if len(word) > 3 else word


def _verb_key(toks: Sequence[Token], k: int) -> str | None:
    """The base of the k-th word when it reads as a verb: a past form, or a word after an
    auxiliary ("will sue", "is suing", "was arrested"; after a form of "be" only a participle);
    None otherwise."""
    word = toks[k].lower
    if word in STOPWORDS or not word.isalpha() or toks[k].text[:1].isupper():
        return None
    past = word in lexicon.IRREGULAR_PAST or (len(word) >= 5 and word.endswith("ed"))
    # after "is", "was": a participle ("was arrested", "is suing"), not an adjective ("were lower")
    after_auxiliary = k > 0 and toks[k - 1].lower in lexicon.AUXILIARIES and (
        toks[k - 1].lower not in lexicon.BE_FORMS or past or word.endswith(("ed", "ing", "en")))
    # "is to purchase", "are to meet": a plan, said by a verb
    after_auxiliary = after_auxiliary or (k > 1 and toks[k - 1].lower == "to" and toks[k - 2].lower in lexicon.BE_FORMS)
    # "filmed whales harassing a pod of orcas": a participle between a noun and its object
    acting = word.endswith("ing") and len(word) >= 6 and 0 < k < len(toks) - 1 \
        and _content_key(toks[k - 1]) is not None and toks[k + 1].lower in _DETERMINERS
    if not (past or after_auxiliary or acting or word in ("beat", "beats", "sues", "sue", "sued", "owed", "axed")):
        return None
    if word in SYMMETRIC:
        return None
    return _verb_class(toks, k, lexicon.IRREGULAR_PAST_BASE.get(word) or min(base_forms(word), key=len))


def _verb_class(toks: Sequence[Token], k: int, base: str) -> str:
    """The k-th word's key as a verb: its synonym group where it has one, with the particle
    after it ("turned down": reject), so that "agreed to buy" and "agreed to acquire" are one
    verb (`lexicon.VERB_SYNONYMS`); else its base."""
    groups = groups_at(toks, k)
    return f"~{min(groups)}" if groups else base


# Prepositions inside a subject: "Lecturers at Halton University have accused ...", "The
# freeholder of Beacon House is taking legal action against ..." ("the time in the pursuit":
# "in" joins too much else to be read through)
_NOUN_PREPOSITIONS = frozenset({"at", "from", "of"})


def _inside_noun_phrase(toks: Sequence[Token], k: int) -> bool:
    """Is the k-th word a preposition between two words of one phrase, a content word
    before it and nothing but a space either side (no comma: "In Paris, France beat")?"""
    return toks[k].lower in _NOUN_PREPOSITIONS and 0 < k < len(toks) - 1 \
        and toks[k].start - toks[k - 1].end == 1 and toks[k + 1].start - toks[k].end == 1 \
        and _content_key(toks[k - 1]) is not None and _verb_key(toks, k - 1) is None


def _phrase(toks: Sequence[Token], start: int, step: int) -> frozenset[str]:
    """Content words from `start` walking by `step` until a boundary word or `MAX_PHRASE`;
    walking back (a subject), through a preposition inside a phrase ("Lecturers at X")."""
    return _phrase_reach(toks, start, step)[0]


def _phrase_reach(toks: Sequence[Token], start: int, step: int) -> tuple[frozenset[str], Token | None]:
    """`_phrase`, and the farthest of its content words from `start` (walking back, with
    the article or possessive before it: "the port authority", "his vehicle")."""
    out: list[str] = []
    farthest: int | None = None
    k = start
    while 0 <= k < len(toks) and len(out) < MAX_PHRASE:
        if toks[k].lower in _BOUNDARY and not (step < 0 and _inside_noun_phrase(toks, k)):
            break
        if step < 0 and k < start and _verb_key(toks, k) is not None:
            break  # another verb's clause ("filmed a pod of orcas harassing ...": the subject is the pod)
        key = _content_key(toks[k])
        if key is not None:
            out.append(key)
            farthest = k
        k += step
    if farthest is not None and step < 0 and farthest > 0 and toks[farthest - 1].lower in _DETERMINERS:
        farthest -= 1
    return frozenset(out), None if farthest is None else toks[farthest]


# Verbs of a charge, whose "of" / "with" + "-ing" says what the one charged is said to have done.
_CHARGING = frozenset("accuse accused suspect suspected charge charged convict convicted".split())
# Verbs of giving: what follows "to" after their object is who receives it, whatever word it is.
_GIVING_VERBS = ("give sell licence license lend send pay transfer hand award grant offer deliver lease rent supply "
                 "provide concede").split()  # "conceded defeat to X": X won
_GIVING = frozenset(_verb_class([Token(0, len(v), v)], 0, v) for v in _GIVING_VERBS)
# Verbs of taking: what follows "from" after their object is who it is taken from, whatever
# word starts it ("will lease the warehouse from its developer").
_TAKING_VERBS = "buy purchase acquire lease rent borrow receive hire inherit".split()
_TAKING = frozenset(_verb_class([Token(0, len(v), v)], 0, v) for v in _TAKING_VERBS)
_PLACE_OF_OBJECT = frozenset("in at on".split())
# Verbs whose object does what follows "to": "ordered the retailer to pay", "asked him to leave".
_CONTROL_VERBS = frozenset("order ask tell force urge require allow persuade instruct compel direct".split())


def _phrase_end(toks: Sequence[Token], start: int) -> int:
    """Where `_phrase` walking forward from `start` stops: the boundary word's position."""
    k, count = start, 0
    while k < len(toks) and count < MAX_PHRASE and toks[k].lower not in _BOUNDARY:
        count += _content_key(toks[k]) is not None
        k += 1
    return k


def _infinitive_at(toks: Sequence[Token], to: int) -> bool:
    """Is the to-th word "to" before a verb ("to buy"), not before a name or a function word?"""
    return to + 1 < len(toks) and toks[to].lower == "to" and toks[to + 1].lower.isalpha() \
        and toks[to + 1].lower not in STOPWORDS and not toks[to + 1].text[:1].isupper()


def _add_infinitive(found: dict[str, _Clause], twice: set[str], toks: Sequence[Token], to: int,
                    subject: frozenset[str], first: Token | None) -> None:
    """The clause of the verb after "to" (at `to`), whose doer is `subject` (starting at `first`)."""
    word = toks[to + 1].lower
    then = _verb_class(toks, to + 1, min(base_forms(word), key=len))
    if then in found:
        twice.add(then)
    elif word not in SYMMETRIC:
        object_, last = _object_of(toks, to + 2, then)
        found[then] = _Clause(toks[to + 1], subject, object_, False, first, last)


def _object_of(toks: Sequence[Token], after: int, key: str) -> tuple[frozenset[str], Token | None]:
    """The object of a verb starting at `after`, with the one it goes to ("license its
    catalogue to Delmar TV"), and its last content word."""
    object_, last = _phrase_reach(toks, after, 1)
    to = _phrase_end(toks, after)
    if to + 1 < len(toks) and toks[to].lower == "of":  # "its back catalogue of crime dramas to"
        to = _phrase_end(toks, to + 1)
    if (key in _TAKING or key in _GIVING) and to + 1 < len(toks) and toks[to].lower in _PLACE_OF_OBJECT:
        # "buy a stake in the terminal from X", "pay 1.4 million euros in damages to X": past a
        # phrase that tells of the object
        to = _phrase_end(toks, to + 1)
    if to + 1 < len(toks) and toks[to].lower == "to" and (not _infinitive_at(toks, to) or key in _GIVING):
        recipient, to_last = _phrase_reach(toks, to + 1, 1)
        if recipient:
            return object_ | recipient, to_last
    if object_ and to + 1 < len(toks) and toks[to].lower == "from" \
            and (toks[to + 1].lower not in _ROUTE_STARTS or key in _TAKING):
        source, from_last = _phrase_reach(toks, to + 1, 1)  # "rejected a proposal from the opposition leader"
        if source:
            return object_ | source, from_last
    return object_, last


_TAKE = frozenset({"take", "taken", "took"})


def _to_court(toks: Sequence[Token], k: int) -> bool:
    """Do the k-th and next words say "to court" ("taking the club to court": suing it)?"""
    return k + 1 < len(toks) and toks[k].lower == "to" and toks[k + 1].lower == "court"


def _clauses(toks: Sequence[Token]) -> dict[str, _Clause]:
    """The window's verbs by base (a verb used twice is left out: which is which is unsure)."""
    found: dict[str, _Clause] = {}
    twice: set[str] = set()
    for k in range(1, len(toks) - 1):
        key = _verb_key(toks, k)
        if key is None:
            continue
        if key in found:
            twice.add(key)
            continue
        before = k - 1
        while before >= 0 and (toks[before].lower in lexicon.AUXILIARIES or (
                toks[before].lower == "to" and before and toks[before - 1].lower in lexicon.BE_FORMS)):
            before -= 1  # "will be", "is to"
        # a past participle right after a form of "be" (or after one adverb): "was arrested",
        # "were swiftly arrested"; not "are achieving"
        word = toks[k].lower
        participle = word in lexicon.IRREGULAR_PAST or word.endswith("ed")
        passive = participle and (toks[k - 1].lower in lexicon.BE_FORMS or (
            k >= 2 and toks[k - 2].lower in lexicon.BE_FORMS and toks[k - 1].lower.endswith("ly")))
        after = k + 1
        if after + 1 < len(toks) and toks[after].lower == "and" and _verb_key(toks, after + 1) is not None:
            after += 2  # "was punched and kicked by", "punched and kicked a group": the second verb's party
        if passive and after < len(toks) and toks[after].lower == "by":
            after += 1  # the agent
        subject, first = _phrase_reach(toks, before, -1)
        # the one it goes to is a party too ("will license its catalogue to Delmar TV")
        object_, last = _phrase_reach(toks, after, 1) if passive else _object_of(toks, after, key)
        if verb_forms(word) & _TAKE and not passive and _to_court(toks, _phrase_end(toks, after)):
            key = "sue"  # "is taking its supplier to court": is suing it
            if key in found:
                twice.add(key)
                continue
        found[key] = _Clause(toks[k], subject, object_, passive, first, last)
        if passive:
            if verb_forms(word) & _CHARGING and k + 2 < len(toks) and toks[k + 1].lower in ("of", "with") \
                    and toks[k + 2].lower.endswith("ing"):
                # "is accused of defrauding her employer": the one accused is the one said to do it
                _add_infinitive(found, twice, toks, k + 1, subject, first)
            continue
        if _infinitive_at(toks, k + 1):
            # "Chevron agreed to buy Hess": the subject of "agreed" is the buyer
            _add_infinitive(found, twice, toks, k + 1, subject, first)
        elif object_ and verb_forms(toks[k].lower) & _CONTROL_VERBS:
            # "The ombudsman ordered the retailer to pay a customer": the one ordered pays
            to = _phrase_end(toks, after)
            if _infinitive_at(toks, to):
                _add_infinitive(found, twice, toks, to, object_, toks[after])
    for key in twice:
        found.pop(key, None)
    return found


def _swapped(o: dict[str, _Clause], c: dict[str, _Clause]) -> list[tuple[_Clause, _Clause]]:
    """Pairs (original clause, candidate clause) whose parties trade places."""
    out: list[tuple[_Clause, _Clause]] = []
    shared = [key for key in o if key in c]
    for key in shared:
        a, b = o[key], c[key]
        if not (a.subject and a.object and b.subject and b.object) or a.subject == a.object:
            continue
        same_voice = a.passive == b.passive
        if same_voice and ((a.subject == b.object and a.object == b.subject) or _traded(a, b)):
            out.append((a, b))  # "Argentina beat France" / "France beat Argentina"
        elif not same_voice and _kept(a, b):
            out.append((a, b))  # "was questioned by the committee" / "questioned the committee"
    # two verbs whose subjects trade places: the original's verb whose subject the
    # candidate gives to this verb, looked up by subject (linear in the verbs)
    by_subject = {o[key].subject: key for key in shared if o[key].subject}
    for key in shared:
        a1, b1 = o[key], c[key]
        other = by_subject.get(b1.subject)
        if other is None or other == key or not a1.subject:
            continue
        a2, b2 = o[other], c[other]
        if a1.subject != a2.subject and a1.passive == b1.passive and a2.passive == b2.passive \
                and b2.subject == a1.subject and key < other:
            out.append((a1, b1))
    return out


def _kept(a: _Clause, b: _Clause) -> bool:
    """Do words of the original's subject stay in the candidate's subject and words of its
    object (or agent) in the candidate's object, none of them crossing over ("A paramedic
    was assaulted by a patient's relative" / "The service said a paramedic assaulted a
    patient's relative": the phrase before the verb may hold more words)?"""
    subject, object_ = a.subject - a.object, a.object - a.subject
    return bool(subject & b.subject) and bool(object_ & b.object) and not subject & b.object \
        and not object_ & b.subject


def _traded(a: _Clause, b: _Clause) -> bool:
    """Do words of the original's subject stand in the candidate's object and words of its
    object in the candidate's subject, none of them staying behind ("Government forces
    shelled rebel positions" / "Rebel forces shelled government positions", "After a 1-1
    draw, England beat Italy" for "Italy beat England")?"""
    to_object = (a.subject - a.object) & b.object
    to_subject = (a.object - a.subject) & b.subject
    return bool(to_object) and bool(to_subject) and not to_object & b.subject and not to_subject & b.object


def _relations_changed(o: Sequence[Token], c_between: dict[tuple[str, str], Token]) -> list[tuple[Token, Token]]:
    """Relation words replaced in their very place by another of their group; `c_between`:
    the candidate's words by their neighbours (`LinkContext.c_between`)."""
    out: list[tuple[Token, Token]] = []
    for k in range(1, len(o) - 1):
        was = _singular(o[k].lower)
        group = _RELATION_GROUP_OF.get(was)
        if group is None:
            continue
        instead = in_its_place(o, k, c_between)
        if instead is None or _singular(instead.lower) == was:
            continue
        if _RELATION_GROUP_OF.get(_singular(instead.lower)) == group:
            out.append((o[k], instead))
    return out


def _singular(word: str) -> str:
    """"sons" -> "son", "wives" -> "wife", "children" -> "child"."""
    irregular = {"wives": "wife", "children": "child", "widows": "widow"}
    if word in irregular:
        return irregular[word]
    return word[:-1] if word.endswith("s") and word[:-1] in _RELATION_GROUP_OF else word


# Words that say more or less of something, before "than".
_COMPARATIVES = frozenset("more less fewer greater smaller larger bigger higher lower better worse longer shorter "
                          "faster slower stronger weaker earlier later older younger cheaper".split())
_COMPARED_WINDOW = 8  # words read before "than" (back to the comparative) and after it
_MAX_COMPARISONS = 20  # comparisons read per window: a sentence has a few; more is a list, not prose


def _sides_of_than(toks: Sequence[Token]) -> list[tuple[str, frozenset[str], frozenset[str], list[Token], list[Token]]]:
    """Each comparison of a window: its comparative, the content words between the
    comparative and "than", the content words after "than" (to the next comparative or
    `_COMPARED_WINDOW` words), and those words' tokens."""
    out = []
    for j, t in enumerate(toks):
        if t.lower != "than":
            continue
        k = next((i for i in range(j - 1, max(-1, j - 1 - _COMPARED_WINDOW), -1) if toks[i].lower in _COMPARATIVES), None)
        if k is None:
            continue
        before = [x for x in toks[k + 1 : j] if _is_content(x)]
        after = []
        for x in toks[j + 1 : j + 1 + _COMPARED_WINDOW]:
            if x.lower in _COMPARATIVES or x.lower == "than":
                break
            if _is_content(x):
                after.append(x)
        if before and after:
            out.append((toks[k].lower, frozenset(x.lower for x in before), frozenset(x.lower for x in after),
                        before, after))
            if len(out) >= _MAX_COMPARISONS:
                break
    return out


def _is_content(t: Token) -> bool:
    return len(t.lower) >= 3 and t.lower not in STOPWORDS and t.lower.replace("-", "").isalpha()


def _compared_swapped(o_toks: Sequence[Token], c_toks: Sequence[Token]) -> list[tuple[str, list[Token], list[Token]]]:
    """Comparisons whose two sides trade places with the comparative kept ("improved more
    with exercise than with usual care" / "more with usual care than with exercise"): the
    words only one side of the original's has stand on the other side in the candidate's."""
    out = []
    c_sides = _sides_of_than(c_toks)
    for word, before, after, o_before, _ in _sides_of_than(o_toks):
        mine, theirs = before - after, after - before
        for c_word, c_before, c_after, _, c_after_toks in c_sides:
            if c_word == word and mine & c_after and theirs & c_before and not mine & c_before and not theirs & c_after:
                out.append((word, o_before, [t for t in c_after_toks if t.lower in mine] or c_after_toks))
    return out


def _amounts_swapped(ctx: LinkContext) -> list[tuple[str, Token, Token]]:
    """Two amounts both windows have, each followed by what it is of, that trade it ("8.2% in
    the telemonitoring arm and 12.6% in the usual-care arm" / "8.2% of the usual-care arm and
    12.6% of the telemonitoring arm"): (the amount, the original's word, the candidate's)."""
    def bound(toks: Sequence[Token], starts: Sequence[int], numbers: Sequence[tuple[float, Span]]
              ) -> dict[float, tuple[Span, Token]]:
        out: dict[float, tuple[Span, Token]] = {}
        seen: set[float] = set()
        next_starts = sorted(sp.start for _, sp in numbers)
        for value, span in numbers:
            if value in seen:
                out.pop(value, None)  # an amount said twice binds nothing
                continue
            seen.add(value)
            k = bisect.bisect_left(starts, span.end)
            n = bisect.bisect_right(next_starts, span.start)
            limit = next_starts[n] if n < len(next_starts) else None  # what it is of comes before the next amount
            word = next((t for t in toks[k : k + 4] if _is_content(t) and (limit is None or t.start < limit)), None)
            if word is not None:
                out[value] = (span, word)
        return out

    o = bound(ctx.o_toks, ctx.o_starts, ctx.o_quantities.numbers)
    c = bound(ctx.c_toks, ctx.c_starts, ctx.c_quantities.numbers)
    shared = [v for v in o if v in c]
    if len(shared) > 20:
        return []  # a table of figures: which goes with which is not read word by word
    out = []
    for i, v in enumerate(shared):
        for w in shared[i + 1 :]:
            ov, ow, cv, cw = (base_forms(x[1].lower) for x in (o[v], o[w], c[v], c[w]))
            if not (ov & ow or ov & cv or ow & cw) and ov & cw and ow & cv:
                out.append((c[v][0].text, o[v][1], c[v][1]))
    return out


_ROUTE_REACH = 8  # words read after "from" for its "to"
_ROUTE_STARTS = frozenset("a an the its their his her".split())  # "from a parking orbit": a place, not a party
_LEAVING = frozenset("leave depart".split())  # "left A for B": from A to B


class _Route:
    """One "from A to B" of a window: each end's content words and tokens, and the names
    said at each end (read on past a preposition to the next punctuation mark: "to its
    operational slot over the Indian Ocean, where")."""

    __slots__ = ("end", "end_names", "end_toks", "start", "start_names", "start_toks")

    def __init__(self, start_toks: list[Token], end_toks: list[Token], end_names: frozenset[str]) -> None:
        self.start_toks, self.end_toks = start_toks, end_toks
        self.start = frozenset(_route_key(x) for x in start_toks)
        self.end = frozenset(_route_key(x) for x in end_toks)
        self.start_names = frozenset(x.lower for x in start_toks if x.text[:1].isupper())
        self.end_names = end_names


def _route_key(t: Token) -> str:
    """A word of a route's end by its content key, a number as written ("6.1")."""
    return t.lower if t.lower[:1].isdigit() else str(_content_key(t))


def _route_word(t: Token) -> bool:
    return t.lower[:1].isdigit() or _content_key(t) is not None


def _routes(toks: Sequence[Token]) -> list[_Route]:
    """Each "from A to B" (or "left A for B") of a window ("moved its headquarters from
    Manchester to London, a decision ..."): B ends at a boundary word, a punctuation mark or
    `MAX_PHRASE` content words."""
    out = []
    for j, t in enumerate(toks):
        if t.lower == "from":
            joint = "to"
        elif verb_forms(t.lower) & _LEAVING:
            joint = "for"  # "left Birmingham for Lagos"
        else:
            continue
        to = next((i for i in range(j + 1, min(len(toks), j + 1 + _ROUTE_REACH)) if toks[i].lower in (joint, t.lower)),
                  None)
        if to is None or toks[to].lower != joint or _infinitive_at(toks, to):
            continue
        start = [x for x in toks[j + 1 : to] if _route_word(x)]
        end: list[Token] = []
        names: set[str] = set()
        ended = False
        for k in range(to + 1, min(len(toks), to + 1 + _ROUTE_REACH)):
            if k > to + 1 and toks[k].start - toks[k - 1].end != 1:
                break  # a punctuation mark ends the route
            ended = ended or toks[k].lower in _BOUNDARY or len(end) >= MAX_PHRASE
            if not _route_word(toks[k]):
                continue
            if not ended:
                end.append(toks[k])
            if toks[k].text[:1].isupper():
                names.add(toks[k].lower)
        if start and end:
            out.append(_Route(start, end, frozenset(names)))
    return out


def _trade(a_start: frozenset[str], a_end: frozenset[str], b_start: frozenset[str], b_end: frozenset[str]) -> bool:
    """Do the words only one end of route a has stand at the other end of route b, none
    staying?"""
    mine, theirs = a_start - a_end, a_end - a_start
    return bool(mine & b_end and theirs & b_start and not mine & b_start and not theirs & b_end)


def _endpoints_swapped(ctx: LinkContext) -> list[tuple[list[Token], list[Token], list[Token], list[Token]]]:
    """Routes and ranges whose two ends trade places ("from Manchester to London" / "from
    London to Manchester", "from a high-security prison to an open prison" / "from an open
    prison ... to a high-security prison"): the words only one end of the original's has
    stand at the other end in the candidate's, or its names do ("from a parking orbit above
    Africa to its slot over the Indian Ocean" / "from a parking orbit over the Indian Ocean
    to its slot above Africa"). (The original's two ends' tokens, the candidate's.)"""
    # read with the windows' numbers: "fell from 6.1 percent to 5.4 percent"
    c_routes = _routes(ctx.c_toks_and_numbers)
    out = []
    for o in _routes(ctx.o_toks_and_numbers):
        for c in c_routes:
            if _trade(o.start, o.end, c.start, c.end) or _trade(o.start_names, o.end_names, c.start_names, c.end_names):
                out.append((o.start_toks, o.end_toks, c.start_toks, c.end_toks))
    return out


# Words after which a name is where a journey ends: "left for Rome", "bound for Oslo", "flew to Lima".
_TOWARDS = frozenset("for to into".split())
_MOTION = frozenset("leave depart bound head fly flew flown travel return divert sail go went gone move send sent "
                    "arrive land".split())
_AT_ARRIVAL = frozenset("arrive land".split())  # "arrived in Oslo", "landed at Lima"


def _journey_names(toks: Sequence[Token]) -> tuple[dict[str, Token], dict[str, Token]]:
    """The names a window gives as where a journey starts ("from Rome", "left Rome",
    "departed Rome") and as where it ends ("left for Rome", "flew to Rome", "landed in
    Rome"), each by its lower-case form."""
    starts: dict[str, Token] = {}
    ends: dict[str, Token] = {}
    for k, t in enumerate(toks):
        forms = verb_forms(t.lower)
        nxt = k + 1
        if nxt < len(toks) and toks[nxt].lower == "the":
            nxt += 1
        if t.lower == "from" or (forms & _LEAVING and nxt < len(toks) and toks[nxt].lower not in _TOWARDS):
            if nxt < len(toks) and toks[nxt].text[:1].isupper():
                starts.setdefault(toks[nxt].lower, toks[nxt])
            continue
        if not forms & _MOTION or k + 1 >= len(toks):
            continue
        joint = k + 1
        if toks[joint].lower not in _TOWARDS and not (forms & _AT_ARRIVAL and toks[joint].lower in ("in", "at")):
            continue
        name = joint + 1 + (joint + 1 < len(toks) and toks[joint + 1].lower == "the")
        if name < len(toks) and toks[name].text[:1].isupper():
            ends.setdefault(toks[name].lower, toks[name])
    return starts, ends


def _journeys_reversed(ctx: LinkContext) -> list[tuple[Token, Token, bool]]:
    """Names where a journey starts in one window and ends in the other ("departed from
    Rome" / "left for Rome"), as (the original's token, the candidate's, whether the
    original has it as the start)."""
    o_starts, o_ends = _journey_names(ctx.o_toks)
    if not o_starts and not o_ends:
        return []
    c_starts, c_ends = _journey_names(ctx.c_toks)
    out = []
    for name, tok in o_starts.items():
        if name in c_ends and name not in c_starts and name not in o_ends:
            out.append((tok, c_ends[name], True))
    for name, tok in o_ends.items():
        if name in c_starts and name not in c_ends and name not in o_starts:
            out.append((tok, c_starts[name], False))
    return out


@register
class RoleCheck(Check):
    """Parties that trade places around a verb both windows have, and relations changed."""

    name = "role"
    # 2: a relation word is looked up by its neighbours where they first stand together, as
    # the polarity check does ("the son of" is not hidden by "at the age of" later on)
    # 3: the two sides of a comparison trade places ("more with A than with B" / "more with B
    # than with A"); two amounts trade what they are of ("8% in A and 12% in B" / "8% in B and 12% in A");
    # the verb after "agreed to" takes the subject ("Chevron agreed to buy Hess"); a time ends a
    # phrase ("overtook Japan last year"); more irregular pasts ("overtook"); parties trade places
    # when their own words do, the words they share aside ("Government forces shelled rebel positions")
    # 4: the voice turned with the parties in their places is read by the parties' words, not
    # whole phrases ("a paramedic was assaulted by" / "the service said a paramedic assaulted")
    # 5: a subject is read back through a preposition inside it ("Lecturers at X have accused");
    # parties swapped are shown on the clause from its subject to its object, not the verb alone;
    # after "is", "was" only a participle is a verb ("were lower" is no verb)
    # 6: the object of "ordered", "asked", "told" ... does what follows "to" ("ordered the
    # retailer to pay a customer" / "ordered the customer to pay a retailer")
    # 7: the two ends of "from A to B" or "left A for B" trade places, their names too ("from
    # Manchester to London" / "from London to Manchester"); the one a thing goes to is a party
    # ("will license its catalogue to Delmar TV"); "sued" is a verb, and so is a participle between
    # a noun and its object ("whales harassing a pod of orcas"); verbs of one synonym group are one
    # verb ("agreed to buy" / "agreed to acquire")
    # 8: numbers are ends of a range ("fell from 6.1 percent to 5.4 percent"); two joined verbs
    # share their parties ("was punched and kicked by"); "is accused of defrauding X": the one
    # accused does it; a possessive name and the source of the object ("a proposal from X") are
    # parties; a phrasal verb is read with its particle ("turned down"); a speaker ends a subject
    # 9: the one a thing is bought, leased, rented ... from is a party, however it is introduced
    # ("will lease the warehouse from its developer, X"); "lease" and "rent" are one verb;
    # "taking X to court" is suing X; a place where a journey starts said as where it ends
    # ("departed from Rome" / "left for Rome"), or the reverse
    # 10: the one a thing is bought from is read past where the thing is ("buy a stake in the
    # terminal from X"); "conceded defeat to X": X is a party, and "admitted" is one verb with it
    # 11: "is to purchase" is a verb, its subject read past "is to"
    # 12: the one a thing is given to is read past a phrase that tells of the thing ("pay 1.4
    # million euros in damages to X")
    version = 12

    def run(self, ctx: LinkContext) -> list[Finding]:
        certain = ctx.chrf >= CLOSE_CHRF
        severity: Severity = "major" if certain else "minor"
        findings: list[Finding] = []
        for a, b in _swapped(_clauses(ctx.o_toks), _clauses(ctx.c_toks)):
            v = b.verb
            # the clause from its subject to its object: who did it and to whom ("The shipping
            # company Delmar Lines is suing the port authority")
            start, end = min(b.first.start, v.start), max(b.last.end, v.end)
            span = Span(start, end, ctx.c_span_text(start, end))
            findings.append(Finding("mistranslation", severity, (span,),
                                    f"who '{v.text}' whom is swapped: the original has "
                                    f"'{ctx.o_span_text(a.verb.start, a.verb.end)}' the other way round",
                                    ctx.o_span_text(a.verb.start, a.verb.end), certain=certain))
        for word, side_before, side_now in _compared_swapped(ctx.o_toks, ctx.c_toks):
            span = Span(side_now[0].start, side_now[-1].end, ctx.c_span_text(side_now[0].start, side_now[-1].end))
            side_text = ctx.o_span_text(side_before[0].start, side_before[-1].end)
            findings.append(Finding("mistranslation", severity, (span,),
                                    f"the two sides of '{word} ... than' trade places: the original has '{side_text}' before "
                                    f"'than', the candidate after it", side_text, certain=certain))
        for o_start, o_end, c_start, c_end in _endpoints_swapped(ctx):
            span = Span(c_start[0].start, c_end[-1].end, ctx.c_span_text(c_start[0].start, c_end[-1].end))
            was_from = ctx.o_span_text(o_start[0].start, o_start[-1].end)
            was_to = ctx.o_span_text(o_end[0].start, o_end[-1].end)
            findings.append(Finding("mistranslation", severity, (span,),
                                    f"the two ends of a route trade places: the original goes from '{was_from}' "
                                    f"to '{was_to}'", ctx.o_span_text(o_start[0].start, o_end[-1].end), certain=certain))
        if not any("route" in f.message for f in findings):
            for was, now, started in _journeys_reversed(ctx):
                span = Span(now.start, now.end, ctx.c_span_text(now.start, now.end))
                findings.append(Finding("mistranslation", severity, (span,),
                                        f"the journey {'ends' if started else 'starts'} at '{now.text}' here; in "
                                        f"the original it {'starts' if started else 'ends'} there",
                                        was.text, certain=certain))
        for amount, of_before, of_now in _amounts_swapped(ctx):
            span = Span(of_now.start, of_now.end, ctx.c_span_text(of_now.start, of_now.end))
            findings.append(Finding("mistranslation", severity, (span,),
                                    f"'{amount}' is of '{span.text}' here, of '{of_before.text}' in the original: two "
                                    "amounts trade what they are of", of_before.text, certain=certain))
        for was, instead in _relations_changed(ctx.o_toks, ctx.c_between):
            span = Span(instead.start, instead.end, ctx.c_span_text(instead.start, instead.end))
            findings.append(Finding("mistranslation", severity, (span,),
                                    f"'{instead.text}' in place of the original's '{was.text}'", was.text,
                                    certain=certain))
        return findings
