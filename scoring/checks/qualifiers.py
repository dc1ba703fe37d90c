"""Qualifiers: the words that say how sure, how far or in what standing a claim is
("the alleged attacker", "partially destroyed", "former minister", "the proposed law"), and
how strongly, openly, lawfully, violently, lastingly or deliberately a thing was done
("rose sharply", "secretly met", "illegally crossed", "unanimously approved", "a violent
protest", "permanently closed").

Dropping one states as fact what the original hedged (the attacker, destroyed, the
minister, the law); adding one hedges or sharpens what the original stated. Both change
what a reader may repeat, so a qualifier one window has and the other does not is
major where the windows otherwise say the same thing closely (chrF >= `CERTAIN_CHRF`),
and evidence (minor) in a loose rewording. Qualifiers of one group answer each other
("partly" for "partially", "ex-minister" for "former minister", "the suspect" for "the
alleged attacker"). English only. The words are a closed list: words that may hedge in
passing ("expected", "likely", "possible", "could") are left out, as rewordings trade them
freely; they answer "may", "might", "possibly", whose loss turns a possibility into a fact.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from scoring import lexicon
from scoring.checks.base import Check, LinkContext, Token, base_forms, in_its_place, register, verb_forms
from scoring.checks.numbers import NUMBER_WORDS
from scoring.score import STOPWORDS
from scoring.types import Finding, Span

# Windows this close say the same thing but for the words that differ: a qualifier one of
# them lacks is surely dropped or added. (Looser pairs are often free renderings.)
CERTAIN_CHRF = 60.0

# Groups of qualifiers that say the same thing; a word of a group answers any other.
QUALIFIER_GROUPS: dict[str, frozenset[str]] = {
    "unproven": frozenset("alleged allegedly suspected reportedly purported purportedly presumed presumably "
                          "unconfirmed".split()),
    "former": frozenset("former formerly ex outgoing".split()),
    "interim": frozenset("acting interim caretaker provisional temporary temporarily".split()),
    "deputy": frozenset("deputy vice".split()),
    "part": frozenset("partially partly partial".split()),
    "most": frozenset("largely mostly mainly predominantly".split()),
    "nearly": frozenset("nearly almost virtually".split()),
    "barely": frozenset("barely hardly narrowly scarcely".split()),
    "fully": frozenset("fully completely entirely totally wholly".split()),
    "unadopted": frozenset("proposed planned draft prospective tentative preliminary".split()),
    "attempted": frozenset("attempted would-be".split()),
    # a limit to what is said: "open only to buses" / "open to buses" ("not only" adds, and
    # "only if", "only after" are conditions, the clause check's)
    "only": frozenset("only solely exclusively".split()),
    # how far, how open, how lawful, how violent, how lasting, how meant a thing was done
    # adverbs of a change's size (their adjectives too where they name a change: "a sharp
    # rise"); adjectives of size in general ("a huge crowd" / "a big crowd") are left out
    "sharply": frozenset("sharply steeply dramatically substantially considerably markedly significantly "
                         "massively hugely greatly sharp steep dramatic".split()),
    "slightly": frozenset("slightly marginally modestly slight marginal modest".split()),
    # not the adjective "secret": "secret service", "secret police" are names of things
    "secretly": frozenset("secretly covertly privately covert clandestine clandestinely".split()),
    "publicly": frozenset("publicly openly".split()),
    "illegally": frozenset("illegally unlawfully illicitly illegal unlawful illicit".split()),
    "unanimously": frozenset("unanimously unanimous".split()),
    "violent": frozenset("violent violently brutal brutally bloody deadly fatal fatally lethal".split()),
    "peaceful": frozenset("peaceful peacefully nonviolent non-violent".split()),
    "permanently": frozenset("permanently indefinitely permanent indefinite".split()),
    "deliberately": frozenset("deliberately intentionally purposely wilfully willfully deliberate "
                              "intentional".split()),
    # how sure: a possibility ("the plane may have disintegrated" / "had disintegrated"), a
    # finding of association rather than cause ("was associated with a lower risk" / "lowered the risk")
    "possibly": frozenset("may might possibly perhaps conceivably possibility apparently seemingly".split()),
    # a bound on an amount, read from phrases (`_BOUNDS`): "at least 40 people" / "40 people"
    "at least": frozenset(),
    "at most": frozenset(),
    "associated": frozenset("associated correlated".split()),
    # a first, read from phrases (`_FIRSTS`): "have for the first time used a robot" / "have used a robot"
    "first": frozenset(),
}
# The groups of how a thing was done, whose words also stand in names ("Bloody Sunday").
_MANNER = frozenset("sharply slightly secretly publicly illegally unanimously violent peaceful permanently "
                    "deliberately".split())
_SURENESS = frozenset({"possibly", "associated"})
# Groups that stress rather than qualify ("completely empty" / "empty"): a reader takes the
# same fact from either, so one dropped or added is evidence only.
_STRESS = frozenset({"fully"})
# ... unless it stands for a qualifier of degree the other side has ("partly complied" /
# "fully complied"): then a degree is changed.
_DEGREE = frozenset({"part", "most", "nearly", "barely"})
# Phrases that say a thing happened for the first time, and the words that also say so.
_FIRSTS = (("for", "the", "first", "time"), ("first", "ever"))
# Words after which "only" is no limit: "not only ... but", "only if", "only just".
_NOT_A_LIMIT_BEFORE = frozenset({"not", "if"})
_NOT_A_LIMIT_AFTER = frozenset("if when after once until because just unless".split())
# Verbs of evidence or of what may turn out so after "could": "could indicate", "could mean",
# "could include".
_EVIDENCE_VERBS = frozenset("indicate signal suggest mean point reflect signify hint "
                            # what may turn out so: "the stolen data could include ..."
                            "include exceed reach affect top".split())
_SEEMING = frozenset("appears appear appeared seems seem seemed".split())  # "appears to", "seems to"
_HEDGE_VERBS = frozenset("believed thought said understood reported presumed suspected alleged".split())
_FEW = frozenset("a an few half one handful minority fraction small tiny".split())
_GROUP_OF: dict[str, str] = {word: group for group, words in QUALIFIER_GROUPS.items() for word in words}
# Words that say what a group says without being qualifiers themselves: "most of them
# women" answers "mostly women", "a total ban" "completely banned", "the suspect" "the
# alleged attacker".
ANSWERS: dict[str, frozenset[str]] = {
    "unproven": frozenset("suspect suspects accused reported claimed claim claims".split()),
    "former": frozenset("previous previously once".split()),
    "part": frozenset("part some several few number certain".split()),
    "most": frozenset("most majority".split()),
    "nearly": frozenset("about around approximately roughly some close near".split()),
    "fully": frozenset("full total complete whole all comprehensive".split()),
    "unadopted": frozenset("plan plans bill scheduled schedule".split()),
    # verbs that say the size of a change themselves ("prices surged" / "rose sharply")
    "sharply": frozenset("surge soar plunge plummet jump slump tumble skyrocket collapse crash spike much far "
                         "rapidly rapid quickly fast big large strongly heavily significant substantial "
                         "considerable marked massive huge".split()),
    "publicly": frozenset("public open freely transparently".split()),
    "slightly": frozenset("edge inch dip tick just little bit somewhat".split()),
    "secretly": frozenset("secrecy secret".split()),
    "illegally": frozenset("illegality".split()),
    "violent": frozenset("violence kill killed dead death deaths died clash clashes".split()),
    "deliberately": frozenset("arson".split()),
    "at least": frozenset("more over upwards excess minimum".split()),
    "at most": frozenset("maximum fewer less under".split()),
    "possibly": frozenset("could can likely unlikely probably possible potential potentially expected "
                          "suggest suggests suggested appear appears appeared seem seems seemed would".split()),
    "associated": frozenset("association associations correlation link links linked related connected tied".split()),
    "first": frozenset("first never maiden debut unprecedented".split()),
    "only": frozenset("just merely mere sole exclusive alone single limited restricted reserved few fewer "
                      "handful".split()),
}
# Phrases that answer a group ("in secret" / "secretly", "for good" / "permanently").
ANSWER_PHRASES: dict[str, tuple[str, ...]] = {
    "at least": ("more than", "or more", "upwards of", "in excess of", "no fewer than", "no less than",
                 "a minimum of", "or longer", "or above", "or higher", "or over", "at the earliest"),
    "at most": ("as much as", "as many as", "as long as", "as high as", "as far as", "as large as",
                "no more than", "not more than", "a maximum of", "or less", "or fewer", "or shorter", "or below",
                "or under", "at the latest", "at the most"),
    "unproven": ("is said to", "are said to", "was said to", "were said to", "is believed to", "are believed to",
                 "according to reports"),
    "secretly": ("in secret", "behind closed doors", "closed-door"),
    "publicly": ("in public",),
    "illegally": ("without permission", "without authorisation", "without authorization", "against the law"),
    "unanimously": ("without dissent", "without a single vote against", "every member", "all members"),
    "permanently": ("for good",),
    "deliberately": ("on purpose",),
}
# "ex-minister", "then-president", "president-elect": a qualifier joined to its noun
_PREFIXES = {"ex-": "former", "then-": "former"}


# Qualifiers that are also verbs ("prosecutors alleged that", "they planned the attack",
# "police suspected him"): read as verbs before these words.
_VERB_FORMS = frozenset("alleged suspected proposed planned".split())
_OBJECT_WORDS = frozenset("that the a an him her them it to this these those his their its our".split())
# "acting" qualifies a title ("acting president", "Acting Director"); else it is a verb ("acting on a tip").
_TITLE_WORDS = frozenset("president director minister chief head governor mayor chairman chairwoman chair ceo "
                         "secretary prime leader manager commissioner premier".split())


# Two words that bound an amount: "at least 40", "up to 5,000", "at most 3".
_BOUNDS = {("at", "least"): "at least", ("at", "most"): "at most", ("up", "to"): "at most"}


def _amount_follows(toks: Sequence[Token], k: int) -> bool:
    """Does an amount follow the k-th word: digits before the next word ("up to 5,000
    jobs"), or a number word ("up to three")?"""
    if k + 1 >= len(toks):
        return True  # digits end the window
    nxt = toks[k + 1]
    if nxt.lower in ("st", "nd", "rd", "th"):
        return False  # "moved up to 2nd place": a rank, not a bound
    if nxt.lower in _ROUGHLY and k + 2 < len(toks):
        return _amount_follows(toks, k + 1)  # "up to about 2 inches"
    return nxt.start - toks[k].end > 1 or nxt.lower in NUMBER_WORDS or nxt.lower in ("half", "a", "an")


_ROUGHLY = frozenset("about around roughly approximately some nearly almost".split())


def qualifiers(toks: Sequence[Token]) -> dict[str, Token]:
    """The qualifier groups a window uses, each with its first word."""
    found: dict[str, Token] = {}
    for k, t in enumerate(toks):
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if t.lower in _VERB_FORMS and (nxt is None or nxt.lower in _OBJECT_WORDS) \
                and not (k and toks[k - 1].lower in lexicon.BE_FORMS):  # "is alleged to have" hedges
            continue
        if t.lower == "acting" and (nxt is None or not (nxt.text[:1].isupper() or nxt.lower in _TITLE_WORDS)):
            continue
        first = next((phrase for phrase in _FIRSTS if tuple(x.lower for x in toks[k : k + len(phrase)]) == phrase),
                     None)
        if first is not None:
            end = toks[k + len(first) - 1]
            found.setdefault("first", Token(t.start, end.end, " ".join(x.text for x in toks[k : k + len(first)])))
            continue
        if t.lower in _HEDGE_VERBS and k and toks[k - 1].lower in lexicon.BE_FORMS and k + 2 < len(toks) \
                and toks[k + 1].lower == "to" and toks[k + 2].lower in ("have", "be"):
            # "is believed to have been caused", "are thought to be": a claim not yet proven
            found.setdefault("unproven", Token(toks[k - 1].start, toks[k + 1].end,
                                               f"{toks[k - 1].text} {t.text} {toks[k + 1].text}"))
            continue
        if t.lower in ("could", "may", "might") and nxt is not None and nxt.lower in _EVIDENCE_VERBS:
            # "could indicate water vapour": a sign, not yet a finding
            found.setdefault("possibly", t)
            continue
        if t.lower in _SEEMING and nxt is not None and nxt.lower == "to":
            # "appears to have been caused by": how it looks, not yet a fact
            found.setdefault("possibly", Token(t.start, nxt.end, f"{t.text} {nxt.text}"))
            continue
        if t.lower == "some" and nxt is not None and nxt.lower == "of":  # "some of the laptops": a part
            found.setdefault("part", Token(t.start, nxt.end, f"{t.text} {nxt.text}"))
            continue
        if t.lower == "only" and ((k and toks[k - 1].lower in _NOT_A_LIMIT_BEFORE)
                                  or (nxt is not None and nxt.lower in _NOT_A_LIMIT_AFTER)
                                  or (nxt is not None and nxt.lower in _FEW)):
            continue  # "only a minority", "only a small number": how few, said as often by "fewer than"
        bound = _BOUNDS.get((toks[k - 1].lower, t.lower)) if k else None
        if bound is not None and (t.lower != "to" or _amount_follows(toks, k)):
            # "at least", "up to" (before an amount: not "turned up to the meeting")
            found.setdefault(bound, Token(toks[k - 1].start, t.end, f"{toks[k - 1].text} {t.text}"))
            continue
        group = _GROUP_OF.get(t.lower)
        if group in _MANNER and t.text[:1].isupper() and nxt is not None and nxt.text[:1].isupper():
            continue  # part of a name: "Bloody Sunday", "Peaceful Revolution"
        if group in _SURENESS and t.text[:1].isupper() and k:
            continue  # "in May", "the Associated Press"
        if group is None:
            group = next((g for prefix, g in _PREFIXES.items() if t.lower.startswith(prefix)), None)
        if group is not None:
            found.setdefault(group, t)
    return found


# Words read past auxiliaries for the word a qualifier stands with: "alleged to have been using".
_HEAD_REACH = 4


def _head_kept(word: Token, toks: Sequence[Token], other: Sequence[Token], said_otherwise: frozenset[int]) -> bool:
    """Does the other window have the word the qualifier stands before ("former minister" /
    "minister"), or, for an adverb after its verb ("rose sharply"), the word before it, or say
    it by a synonym (`said_otherwise`: starts of `toks`' words so said, "be allowed" / "be
    permitted")?"""
    at = next((k for k, t in enumerate(toks) if t.start == word.start), None)
    if at is None:
        return True
    last = at  # a qualifier of two words ("at least") ends at its second
    while last + 1 < len(toks) and toks[last + 1].start < word.end:
        last += 1
    other_forms = {form for t in other for form in base_forms(t.lower)}

    def first_word(step: int, k: int) -> list[Token]:
        # past auxiliaries: "is alleged to have been using" qualifies "using"
        for _ in range(_HEAD_REACH):
            if not 0 <= k < len(toks) or (toks[k].lower in _OBJECT_WORDS and toks[k].lower != "to"):
                return []
            if toks[k].lower not in lexicon.AUXILIARIES and toks[k].lower != "to":
                return [toks[k]]
            k += step
        return []

    near = [*first_word(1, last + 1), *first_word(-1, at - 1)]
    if not near or any(base_forms(t.lower) & other_forms for t in near):
        return True
    return any(t.start in said_otherwise for t in near)  # "be allowed" / "be permitted"


def _dropped_in_place(word: Token, toks: Sequence[Token], other: Sequence[Token]) -> bool:
    """Does the other window have the words either side of the qualifier `word` (of `toks`)
    next to each other, with nothing in its place ("the storm partially damaged the roof" /
    "the storm damaged the roof")? Then it is surely dropped (or added), however loosely the
    rest is reworded."""
    at = next((k for k, t in enumerate(toks) if t.start == word.start), None)
    if at is None or at == 0:
        return False
    last = at
    while last + 1 < len(toks) and toks[last + 1].start < word.end:
        last += 1
    if last + 1 >= len(toks):
        return False
    before, after = toks[at - 1].lower, toks[last + 1].lower
    if before in STOPWORDS and after in STOPWORDS:
        return False  # "of the": next to each other anywhere
    return any(a.lower == before and b.lower == after for a, b in pairwise(other))


def _answered(group: str, toks: Sequence[Token], other: Sequence[Token], word: Token) -> bool:
    """Does a window (`toks`) say what `group` says in other words: a word of `ANSWERS` in
    any of its forms ("surged" for "surge"), or a phrase of `ANSWER_PHRASES`, that the
    window with the qualifier (`other`, where the qualifier is `word`) does not have itself
    ("The suspect allegedly transferred ..." / "The suspect transferred ...": "suspect"
    answers nothing; "partially damaged ..., and some of the desks" / "damaged ..., and some
    desks": "some" answers the original's "some of", not "partially")?"""
    answers = ANSWERS.get(group, frozenset())
    if answers:
        mine = {form for t in toks for form in base_forms(t.lower)} & answers
        # "mostly" is no answer "most" the original has, nor "first" one "for the first time" has
        own = QUALIFIER_GROUPS[group]
        theirs = {form for t in other if t.lower not in own and not word.start <= t.start < word.end
                  for form in base_forms(t.lower)} & answers
        if mine - theirs:
            return True
    phrases = ANSWER_PHRASES.get(group, ())
    if not phrases:
        return False
    text = " " + " ".join(t.lower for t in toks) + " "
    other_text = " " + " ".join(t.lower for t in other) + " "
    return any(f" {phrase} " in text and f" {phrase} " not in other_text for phrase in phrases)


@register
class QualifierCheck(Check):
    """A qualifier (`QUALIFIER_GROUPS`) one window has and the other does not."""

    name = "qualifier"
    # 2: "alleged", "suspected", "proposed", "planned" before an object are verbs; "acting" only before a title
    # 3: "near" answers "nearly" ("a near doubling")
    # 4: how far, how open, how lawful, how violent, how lasting, how meant ("sharply",
    # "secretly", "illegally", "unanimously", "violent", "peaceful", "permanently",
    # "deliberately"); answers read in all their forms
    # 5: not the adjective "secret" ("secret service"), nor a capitalised word of a name ("Bloody Sunday")
    # 6: a qualifier gone with the words around it is a phrase gone: minor
    # 7: how sure: "may", "might", "possibly" (answered by "could", "likely", "expected" ...);
    # "associated with" (answered by "linked", "related"); "could" / "will" in place of each
    # other, "is expected to end" / "will end"; a cause where the original says two things go
    # together ("are less likely to" / "prevents"); bounds on an amount ("at least", "up to")
    # 8: "for the first time" is a qualifier (answered by "first", "never", "maiden"); "fully",
    # "completely" stress rather than qualify: evidence only; "as long as" bounds an amount
    # 9: "only" (answered by "just", "sole", "fewer" ...; "only three" too) and "some of" are qualifiers; the word a
    # qualifier stands with is read past auxiliaries ("is alleged to have been using"), and
    # "alleged", "suspected" after "is", "was" hedge ("is alleged to have"), and so do "is believed
    # to have", "are thought to be", "was said to have"
    # 10: "only" before a number is a limit too ("Only three of the eight" / "Three of the eight"),
    # answered by "just", "a mere", "fewer"; a forecast made a fact points at the original's word too
    # 11: a modal of possibility traded in its place for one of certainty ("may allow" / "will
    # allow") is one finding on the candidate's word, not also a qualifier dropped; the word a
    # qualifier stands with may be kept by a synonym ("be allowed" / "be permitted"); "appears
    # to", "seems to", "apparently" hedge; a modal traded after the same subject word with the
    # verb reworded ("the merger could lead to" / "the merger will result in"; "could enter" / "will
    # be able to enter" too: what could be done, told as what will be); "could indicate"
    # hedges; "freely" answers "openly"
    # 12: "could include", "could exceed" hedge; a modal traded before the same verb with its
    # subject reworded ("the talks could resume" / "negotiations will resume")
    # 13: a qualifier dropped with the words either side of it left next to each other ("the
    # storm partially damaged the roof" / "the storm damaged the roof") is surely dropped, however
    # loose the rest; a word of the other side answers a qualifier only where this side does not
    # have that word itself elsewhere ("some" for "some of" is no answer to "partially"); a word
    # of a title the other side abbreviates is no qualifier ("Vice President" / "VP");
    # "scheduled" answers "planned"; "or longer", "at the earliest" bound an amount as "at
    # least" does, "at the latest" as "at most"; a possibility told as done with the same verb is
    # shown on the candidate's words ("may have been caused" / "was caused", "may be a sign" / "is")
    # 14: "up to about 2 inches" bounds an amount as "up to 5 centimetres" does
    # 15: a possibility told as a fact by the verb itself ("may increase the risk" / "increases the risk")
    version = 15

    def run(self, ctx: LinkContext) -> list[Finding]:
        said, says = qualifiers(ctx.o_toks), qualifiers(ctx.c_toks)
        # a word of a title the other side abbreviates ("Vice President" / "VP") is said
        said = {g: t for g, t in said.items() if t.start not in ctx.abbreviated[0]}
        says = {g: t for g, t in says.items() if t.start not in ctx.abbreviated[1]}
        # a group on one side only, and not said there in other words
        said, says = ({g: t for g, t in said.items() if g not in says and not _answered(g, ctx.c_toks, ctx.o_toks, t)},
                      {g: t for g, t in says.items() if g not in said and not _answered(g, ctx.o_toks, ctx.c_toks, t)})
        close = ctx.chrf >= CERTAIN_CHRF
        findings: list[Finding] = []

        def stress_only(t: Token, other_side: dict[str, Token]) -> bool:
            return _GROUP_OF.get(t.lower) in _STRESS and not _DEGREE & other_side.keys()

        # a modal of possibility traded for one of certainty in its place ("may allow" / "will
        # allow") is shown on the word that took its place, pointing at the original's
        modal = _modal_changes(ctx, close)
        o_traded = {sp.start for f in modal for sp in f.original_spans}
        c_traded = {sp.start for f in modal for sp in f.spans}
        for t in said.values():
            if t.start in o_traded:
                continue
            # with the words it qualifies ("Merkel, the former German chancellor," / "Merkel"),
            # a phrase is gone, not a qualifier: the clause check and the drift say so
            certain = (close or _dropped_in_place(t, ctx.o_toks, ctx.c_toks)) \
                and _head_kept(t, ctx.o_toks, ctx.c_toks, ctx.said_by_synonym[0]) and not stress_only(t, says)
            findings.append(Finding("omission", "major" if certain else "minor",
                                    (Span(t.start, t.end, ctx.o_span_text(t.start, t.end)),),
                                    f"the candidate drops the qualifier '{t.text}'", t.text, certain=certain,
                                    side="original"))
        for t in says.values():
            if t.start in c_traded:
                continue
            certain = (close or _dropped_in_place(t, ctx.c_toks, ctx.o_toks)) \
                and _head_kept(t, ctx.c_toks, ctx.o_toks, ctx.said_by_synonym[1]) and not stress_only(t, said)
            findings.append(Finding("addition", "major" if certain else "minor",
                                    (Span(t.start, t.end, ctx.c_span_text(t.start, t.end)),),
                                    f"the qualifier '{t.text}' is not in the original", "", certain=certain))
        findings.extend(modal)
        findings.extend(_made_causes(ctx, ctx.chrf >= _CAUSE_CHRF))
        return findings


# A study finds that two things go together; a report may not say that one causes the other.
_CORRELATION = frozenset("likely unlikely associated association linked link correlated correlation tied".split())
_CAUSAL = frozenset("cause causes caused causing prevent prevents prevented preventing cure cures cured curing".split())
_HEDGES = _CORRELATION | QUALIFIER_GROUPS["possibly"] | frozenset("probably could suggest suggests".split())
_CAUSE_CHRF = 40.0  # the claim is reworded around the verb: the windows need not be close


def _made_causes(ctx: LinkContext, close: bool) -> list[Finding]:
    """A verb of cause ("causes", "prevents", "cures") the candidate uses where the original
    only says that two things go together ("are less likely to", "is associated with",
    "have lower rates of"), or the reverse."""
    findings: list[Finding] = []
    for mine, theirs, candidate_side in ((ctx.c_toks, ctx.o_toks, True), (ctx.o_toks, ctx.c_toks, False)):
        causal = [t for t in mine if t.lower in _CAUSAL]
        if not causal or any(t.lower in _CAUSAL for t in theirs) or any(t.lower in _HEDGES for t in mine):
            continue  # (a hedged cause, "was probably caused by", is what "likely" says)
        told = [t for t in theirs if t.lower in _CORRELATION]
        if not told:
            continue
        t, was = causal[0], told[0]
        if candidate_side:
            findings.append(Finding("mistranslation", "major" if close else "minor",
                                    (Span(t.start, t.end, ctx.c_span_text(t.start, t.end)),),
                                    f"'{t.text}' says a cause where the original only says the two go together "
                                    f"('{was.text}')", was.text, certain=close,
                                    original_spans=(Span(was.start, was.end, ctx.o_span_text(was.start, was.end)),)))
        else:
            findings.append(Finding("mistranslation", "major" if close else "minor",
                                    (Span(was.start, was.end, ctx.c_span_text(was.start, was.end)),),
                                    f"'{was.text}' where the original says a cause ('{t.text}')", t.text,
                                    certain=close, original_spans=(Span(t.start, t.end, ctx.o_span_text(t.start, t.end)),)))
    return findings


# Modals of possibility and of certainty: one in the very place of the other turns a
# possibility into a fact ("could lead" / "will lead") or the reverse.
_POSSIBLE = frozenset("could may might".split())
_CERTAIN_MODALS = frozenset("will shall".split())
# "is expected to end" / "will end": a forecast said as a fact
_FORECAST = frozenset("expected likely set poised forecast projected".split())
# "is accused of stealing" / "is guilty of stealing": a charge said as a verdict
_CHARGED = frozenset("accused suspected alleged charged".split())
_PROVEN = frozenset("guilty convicted".split())


def _words_after(toks: Sequence[Token]) -> dict[str, Token]:
    """Each word said once in the window, with the word after it (reversed, before it)."""
    seen: dict[str, int] = {}
    for t in toks:
        seen[t.lower] = seen.get(t.lower, 0) + 1
    return {a.lower: b for a, b in pairwise(toks) if seen[a.lower] == 1}


def _modal_changes(ctx: LinkContext, close: bool) -> list[Finding]:
    """A modal of possibility traded for one of certainty in its place, or a forecast
    ("is expected to end") said as a fact ("will end"), and the reverse."""
    findings: list[Finding] = []
    c_after = _words_after(ctx.c_toks)
    c_before = _words_after(ctx.c_toks[::-1])
    hedged: bool | None = None  # does the candidate hedge (read once, where needed)?
    for k, t in enumerate(ctx.o_toks):
        instead = in_its_place(ctx.o_toks, k, ctx.c_between)
        if instead is None and t.lower in _POSSIBLE | _CERTAIN_MODALS and k:
            # the verb after it reworded ("the merger could lead to" / "the merger will result
            # in"): the modal after the same subject word, where the candidate has it once; or
            # the subject reworded ("the talks could resume" / "negotiations will resume"): the
            # modal before the same verb
            instead = c_after.get(ctx.o_toks[k - 1].lower)
            if (instead is None or instead.lower not in _POSSIBLE | _CERTAIN_MODALS) and k + 1 < len(ctx.o_toks):
                instead = c_before.get(ctx.o_toks[k + 1].lower)
        if instead is None and t.lower in _POSSIBLE:
            # "may have been caused by ice" / "was caused by ice": the same verb, told as done
            # (where the candidate does not hedge it otherwise: "it was possible the plane had")
            if hedged is None:
                hedged = "possibly" in qualifiers(ctx.c_toks) or _answered("possibly", ctx.c_toks, ctx.o_toks, t)
            done = None if hedged else _told_as_done(ctx.o_toks, k, ctx.c_toks)
            if done is not None:
                first, last = done
                findings.append(Finding(
                    "mistranslation", "major" if close else "minor",
                    (Span(first.start, last.end, ctx.c_span_text(first.start, last.end)),),
                    f"'{ctx.c_span_text(first.start, last.end)}' where the original says '{t.text}': a possibility "
                    "made a fact", t.text, certain=close, original_spans=(Span(t.start, t.end, ctx.o_span_text(t.start, t.end)),)))
            continue
        if instead is None:
            continue
        if t.lower in _CHARGED and instead.lower in _PROVEN:
            change = "a charge made a verdict"
        elif t.lower in _POSSIBLE and instead.lower in _CERTAIN_MODALS:
            change = "a possibility made a fact"
        elif t.lower in _CERTAIN_MODALS and instead.lower in _POSSIBLE:
            change = "a fact made a possibility"
        else:
            continue
        findings.append(Finding("mistranslation", "major" if close else "minor",
                                (Span(instead.start, instead.end, ctx.c_span_text(instead.start, instead.end)),),
                                f"'{instead.text}' where the original says '{t.text}': {change}", t.text, certain=close,
                                original_spans=(Span(t.start, t.end, ctx.o_span_text(t.start, t.end)),)))
    for said, says in ((ctx.o_toks, ctx.c_toks), (ctx.c_toks, ctx.o_toks)):
        forecast = _forecast_verbs(said)
        if not forecast or any(t.lower in _FORECAST for t in says):
            continue
        for k in range(len(says) - 1):
            if says[k].lower in _CERTAIN_MODALS and base_forms(says[k + 1].lower) & forecast.keys():
                verb = says[k + 1]
                was = forecast[next(iter(base_forms(verb.lower) & forecast.keys()))]
                if said is ctx.o_toks:
                    findings.append(Finding("mistranslation", "major" if close else "minor",
                                            (Span(says[k].start, verb.end, ctx.c_span_text(says[k].start, verb.end)),),
                                            f"'{ctx.c_span_text(says[k].start, verb.end)}' where the original says "
                                            f"'{was.text} to': a forecast made a fact", was.text, certain=close,
                                            original_spans=(Span(was.start, was.end,
                                                                 ctx.o_span_text(was.start, was.end)),)))
                else:
                    findings.append(Finding("mistranslation", "major" if close else "minor",
                                            (Span(was.start, was.end, ctx.c_span_text(was.start, was.end)),),
                                            f"'{was.text} to' where the original says '{says[k].text}': a fact made "
                                            "a forecast", says[k].text, certain=close))
                break
    return findings


_PERFECT_OR_PASSIVE = frozenset("have be been".split())
_TOLD_AS_DONE = frozenset("was were is are had has have".split())


def _told_as_done(o_toks: Sequence[Token], k: int, c_toks: Sequence[Token]) -> tuple[Token, Token] | None:
    """For a modal of possibility at `o_toks[k]` before its verb ("may have been caused"), the
    candidate's auxiliary and that same verb where it tells it as done ("was caused"), else
    None."""
    j = k + 1
    while j < len(o_toks) and j <= k + 2 and o_toks[j].lower in _PERFECT_OR_PASSIVE:
        j += 1
    if j >= len(o_toks) or not o_toks[j].lower.isalpha():
        return None
    if j == k + 1:
        # "may increase the risk" / "increases the risk": the verb itself in a tense of fact
        verb = o_toks[j].lower
        if verb in STOPWORDS or len(verb) < 3:
            return None
        for i, x in enumerate(c_toks):
            if x.lower != verb and verb in verb_forms(x.lower) and x.lower.endswith(("s", "ed")) \
                    and not (i and c_toks[i - 1].lower in lexicon.AUXILIARIES | {"to"}):
                return x, x
        return None
    after = o_toks[j].lower
    # "may be a sign" / "is a sign": "be" is the verb, told as "is" before the same word
    be_is_the_verb = after in STOPWORDS
    if be_is_the_verb and o_toks[j - 1].lower != "be":
        return None
    for a, b in pairwise(c_toks):
        if b.lower == after and a.lower in _TOLD_AS_DONE:
            return (a, a) if be_is_the_verb else (a, b)
    return None


def _forecast_verbs(toks: Sequence[Token]) -> dict[str, Token]:
    """The verbs a window forecasts ("is expected to end": end), by base form, each with
    its forecast word."""
    out: dict[str, Token] = {}
    for k in range(len(toks) - 2):
        if toks[k].lower in _FORECAST and toks[k + 1].lower == "to":
            for form in base_forms(toks[k + 2].lower):
                out.setdefault(form, toks[k])
    return out
