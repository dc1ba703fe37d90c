"""Clauses: a clause one window has and the other simply does not ("..., killing four
officers" / "..., killing four officers, the third such attack this month"; "The chancellor,
who faces a confidence vote next week, met ..." / "The chancellor met ...").

A rewording that drops or adds content rebuilds the sentence around it; a clause cut out
from between two words the other window keeps side by side (or from the window's start or
end), whose content words the other window nowhere has, is a deletion or an invention. It must
stand as a clause: set off by a comma, dash or bracket, or opened by a word that opens
one ("although", "where", "which", "after", ...), so that a phrase reworded in place ("of
the WTO" / "of the World Trade Organization") is not read as one; and it must carry at least
`MIN_CONTENT_WORDS` content words the other window nowhere has, not all of them names (a place
glossed with its country, "Busan, South Korea", is the name check's business). Major where the
windows otherwise say the same thing closely (chrF >= `CLOSE_CHRF`), evidence (minor) in a
loose rewording, and evidence too where it glosses a name ("Lagos, Nigeria's
largest city,"; "Macron, the French president,"; "Wolfsburg, where the carmaker has its
headquarters,"): a republication may add or leave out what readers know of a name. Set
phrases that add nothing ("as a matter of fact") are no clause, and where each window has a
clause of its own the check says nothing (the same thing moved and reworded, "X said Y" / "Y,
X said", as often as two errors). English only.

Each window is read in one pass, trying runs of up to `MAX_RUN` words: linear in its length.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from scoring import lexicon
from scoring.checks.base import CLOSE_CHRF, Check, LinkContext, Token, base_forms, register
from scoring.checks.numbers import said_number_words
from scoring.checks.synonyms import phrases_said
from scoring.score import STOPWORDS
from scoring.types import Finding, Span

MIN_CONTENT_WORDS = 2
MAX_RUN = 20  # words: longer runs are whole sentences, which the alignment reports
CLAUSE_OPENERS = frozenset(
    "although though while whereas but and or where which who whom whose when after before since until as "
    "because despite including killing leaving making adding saying following amid if unless pending excluding "
    "except provided".split())
# A condition says when the rest holds ("if re-elected", "pending appeal", "unless ..."):
# one content word of its own is enough to make it a clause.
CONDITIONS = frozenset("if unless pending provided excluding except".split())
# Words that may come before a condition's own word ("but only if", "and even then only if").
_BEFORE_CONDITION = frozenset("but and or only even then".split())
# Words that open a window with a condition of their own ("Should it become law, ...").
_OPENING_CONDITIONS = frozenset("should once assuming providing".split())
_SET_OFF = ",;:–—-(["  # characters that set a clause off from its neighbour
# Prepositions that open a phrase put first and set off by a comma ("For the first time, ...").
_FRONTED = frozenset("for in on at by during under with without to".split())
# Words that carry no content of their own here, beyond the stop words ("among other things").
_EMPTY = frozenset("whose among thing things etc".split())
# Set phrases that add nothing ("as a matter of fact"): dropped or added, no clause.
FILLERS = frozenset({"as a matter of fact", "in fact", "of course", "in other words", "to be sure",
                     "as it happens", "at this point in time", "it is worth noting that", "it should be noted that",
                     "needless to say", "in order to", "so to speak", "you know", "i mean", "years old", "year old",
                     "months old"})
# Words that start a noun phrase in apposition to a name ("Lagos, Nigeria's largest city,";
# "Macron, the French president,"): a gloss, which a republication may add or leave out.
_APPOSITION_OPENERS = frozenset("the a an its his her their".split())
# Offices that open an apposition to a person's name ("Henrietta Voss, chief executive of Castellan,").
_OFFICES = frozenset("chief chairman chairwoman president director head founder ceo managing executive secretary "
                     "minister spokesman spokeswoman spokesperson leader deputy governor mayor".split())
# Words that tell of an event rather than of what a name is.
_EVENT_WORDS = frozenset("will would had was were since until after before ago yesterday today tomorrow tonight "
                         "morning afternoon evening night week month year".split()) | frozenset(
    w for cls in ("weekday", "month") for w in lexicon.TIME_CLASSES[cls])


class ClauseRun:
    """A run of one window's words the other lacks, and whether it glosses a name next to it."""

    __slots__ = ("condition", "gloss", "words")

    def __init__(self, words: list[Token], gloss: bool, condition: bool = False) -> None:
        self.words = words
        self.gloss = gloss
        self.condition = condition


def _glosses(run: Sequence[Token], left: Token, right: Token, before: str, after: str, first: bool) -> bool:
    """Does the run gloss the name next to it: in apposition after it ("Lagos, Nigeria's
    largest city,"; "Wolfsburg, where the carmaker has its headquarters,") or before it
    ("the French capital, Paris")? Only as a standing fact: a run that tells of an event
    (a time, a number, a tense of the past or future: "Schiphol, which will take effect in
    January") glosses nothing."""
    if any(t.lower in _EVENT_WORDS or any(ch.isdigit() for ch in t.text) for t in run):
        return False
    opens = run[0].lower in _APPOSITION_OPENERS or run[0].lower.endswith("'s") or run[0].lower in _OFFICES
    if not first and left.text[:1].isupper() and "," in before:
        return opens or run[0].lower in ("where", "which", "who")
    return right.text[:1].isupper() and "," in after and opens


def _is_condition(run: Sequence[Token]) -> bool:
    """Does the run open with a condition ("if re-elected", "but only if parliament ...")?"""
    for t in run[:4]:
        if t.lower in CONDITIONS:
            return True
        if t.lower not in _BEFORE_CONDITION:
            return False
    return False


# "most of them children", "all of whom were": who among a group, a fact in one word
_PARTITIVES = frozenset("most many all some several half none few".split())


def _is_partitive(run: Sequence[Token]) -> bool:
    """Does the run say who among a group ("most of them children", "many of whom")? One
    content word of its own makes it a clause."""
    return len(run) >= 4 and run[0].lower in _PARTITIVES and run[1].lower == "of" \
        and run[2].lower in ("them", "whom", "which", "those")


# Prepositions that open a phrase of place ("in the northern provinces").
_LOCATIVES = frozenset("in across throughout inside outside near".split())


def _narrows_place(run: Sequence[Token]) -> bool:
    """Does the run say where, a phrase of place of its own ("service in the northern
    provinces from January")? ("in the old town of Brevane" / "in Brevane" is not read: "in
    the Colombian city of Medellin" / "in Medellin" says the same.)"""
    return len(run) >= 3 and run[0].lower in _LOCATIVES and run[1].lower in ("the", "its", "their")


def _content(words: Sequence[Token]) -> list[Token]:
    return [t for t in words if t.lower not in STOPWORDS and t.lower not in _EMPTY and t.lower not in CLAUSE_OPENERS
            and t.lower not in _FRONTED and _possessor(t.lower).replace("-", "").isalpha() and len(t.lower) > 2]


def _possessor(word: str) -> str:
    """A word without its possessive ending ("province's": province)."""
    return word[:-2] if word.endswith(("'s", "\u2019s")) else word


def _clause_runs(mine: Sequence[Token], other: Sequence[Token], text: str, offset: int,
                 said: frozenset[int] = frozenset(), synonyms: frozenset[int] = frozenset()) -> list[ClauseRun]:
    """Runs of `mine` that `other` lacks: between two tokens `other` has side by side (the
    windows' starts and ends count as tokens), standing as a clause, with at least
    `MIN_CONTENT_WORDS` content words `other` nowhere has and none it has (one, beside
    three new ones: "..., the first such ruling ..." where the original "ruled"): a clause
    moved elsewhere is no clause dropped. `said`: starts of the number words of `mine` that
    say a number `other` has too: words `other` has ("three hundred thousand" for "300,000");
    `synonyms`: starts of words of `mine` that `other` says by a synonym, which count as its words."""
    if len(mine) < 2 or not other:
        return []
    start = Token(offset, offset, "\x00start")
    end = Token(offset + len(text), offset + len(text), "\x00end")
    kept_together = {(a.lower, b.lower) for a, b in itertools.pairwise([start, *other, end])}
    other_forms: set[str] = set()
    for t in other:
        for part in {t.lower, *t.lower.split("-")}:  # "state-owned" has "state"
            other_forms.update(base_forms(part))
    other_acronyms = {t.lower for t in other if t.text.isupper() and 2 <= len(t.text) <= 6}
    other_conditions = any(t.lower in CONDITIONS for t in other) or (other[0].lower in _OPENING_CONDITIONS)
    other_numbers = {t.lower for t in other if any(ch.isdigit() for ch in t.lower)}
    seq = [start, *mine, end]
    runs: list[ClauseRun] = []
    i = 0
    while i < len(seq) - 2:
        found = 0
        for j in range(i + 2, min(len(seq), i + MAX_RUN + 2)):
            if (seq[i].lower, seq[j].lower) not in kept_together:
                continue
            if seq[i].lower in STOPWORDS and seq[j].lower in STOPWORDS:
                break  # "on ... the": two function words meet anywhere
            run = list(seq[i + 1 : j])
            content = _content(run)
            new = [t for t in content if t.start not in said and t.start not in synonyms
                   and not any(base_forms(part) & other_forms
                                                  for part in {t.lower, *t.lower.split("-")} if part)]
            before = text[seq[i].end - offset : run[0].start - offset]
            after = text[run[-1].end - offset : seq[j].start - offset]
            # At a window's start only an opening word makes a clause: "Y, X said" is a
            # quotation put first, "Although Y, X ..." a clause.
            set_off = run[0].lower in CLAUSE_OPENERS or (i > 0 and any(ch in _SET_OFF for ch in before + after)) or (
                i == 0 and run[0].lower in _FRONTED and "," in after) or (  # "For the first time, ..."
                _narrows_place(run))
            named_only = all(t.text[:1].isupper() for t in content)  # "Busan, South Korea": the name check's
            if "".join(t.lower[0] for t in content) in other_acronyms:
                break  # "myocardial infarction" where the other side writes "MI"
            phrase = " ".join(t.lower for t in run)
            condition = _is_condition(run)
            if condition and other_conditions:
                break  # "if passed" / "Should it become law": the other side states its own condition
            enough = 1 if condition or _is_partitive(run) else MIN_CONTENT_WORDS
            # a number the other window has too is a fact both tell ("since 2018, will take effect
            # on 14 July" / "since 2018, will come into force on July 14"): restated, not added
            restated = any(t.start in said or t.lower in other_numbers for t in run)
            if set_off and not named_only and phrase not in FILLERS and len(new) >= enough \
                    and len(content) - len(new) <= (1 if len(new) >= 3 else 0) and not restated:
                gloss = _glosses(run, seq[i], seq[j], before, after, first=i == 0)
                runs.append(ClauseRun(run, gloss, condition))
                found = j
            break  # the nearest anchor decides
        i = found if found else i + 1
    taken = {t.start for run in runs for t in run.words}
    for run, before, after, k, enough in _relative_clauses(mine, text, offset) + _trailing_clauses(mine, text, offset):
        if run[0].start in taken or not base_forms(mine[k - 1].lower) & other_forms:
            continue  # found above, or the word it follows is not in the other window either
        content = _content(run)
        new = [t for t in content if t.start not in said and t.start not in synonyms
               and not any(base_forms(part) & other_forms
                                              for part in {t.lower, *t.lower.split("-")} if part)]
        # held to more than a clause between kept neighbours: none of its words, no number of it, in
        # the other window ("revenue, which fell 10 per cent in the three months to March" restates
        # "revenue declined 10% in the January-to-March quarter")
        numbers = {t.lower for t in run if any(ch.isdigit() for ch in t.lower)}
        # ... but for one word, where it tells a number of its own ("Velour Express, which was
        # carrying 3,000 electric vehicles," / "the car carrier Velour Express"): a new fact
        shared = len(content) - len(new)
        if len(new) >= enough and (shared == 0 or (shared == 1 and numbers)) and not numbers & other_numbers \
                and not any(t.start in said for t in run) \
                and not all(t.text[:1].isupper() for t in content):
            taken.update(t.start for t in run)
            right = mine[k + len(run)] if k + len(run) < len(mine) else end
            runs.append(ClauseRun(run, _glosses(run, mine[k - 1], right, before, after, first=False)))
    return runs


_RELATIVES = frozenset("which who whom whose".split())
_CLOSING = ",;:)–—"


def _relative_clauses(mine: Sequence[Token], text: str, offset: int
                      ) -> list[tuple[list[Token], str, str, int, int]]:
    """Relative clauses set off by a comma after the noun they tell of ("controlled drugs,
    which had been stolen by a member of staff, disappeared"), up to the next comma or the
    window's end, with the text before and after them, the position of their first word and
    the content words one needs (the verb after one may be reworded, "went missing" /
    "disappeared", so the words on either side of the clause need not stand together in the
    other window)."""
    out = []
    for k in range(1, len(mine)):
        if mine[k].lower not in _RELATIVES:
            continue
        before = text[mine[k - 1].end - offset : mine[k].start - offset]
        if "," not in before and "(" not in before:
            continue
        j = k + 1
        while j < len(mine) and j - k < MAX_RUN and not any(
                ch in _CLOSING for ch in text[mine[j - 1].end - offset : mine[j].start - offset]):
            j += 1
        if j - k >= MAX_RUN:
            continue
        after = text[mine[j - 1].end - offset : (mine[j].start if j < len(mine) else offset + len(text)) - offset]
        out.append((list(mine[k:j]), before, after, k, MIN_CONTENT_WORDS))
    return out


# Words that open a clause or a phrase added at a window's end after a comma ("..., and
# ordered the National Guard to help", "..., the first such return in its history").
_TRAILING_OPENERS = frozenset("and the a an its his her their adding saying".split())
TRAILING_MIN_WORDS = 3  # a clause anchored only by the word before it needs more of its own


def _trailing_clauses(mine: Sequence[Token], text: str, offset: int) -> list[tuple[list[Token], str, str, int, int]]:
    """The last comma-led clause of a window ("..., and ordered the National Guard to help with
    evacuations."), when the words before it are reordered in the other window so that no two
    kept neighbours hold it: with the text before and after it, its first word's position, and
    the content words it needs."""
    for k in range(len(mine) - 1, max(0, len(mine) - MAX_RUN) - 1, -1):
        if k == 0:
            break
        before = text[mine[k - 1].end - offset : mine[k].start - offset]
        if "," in before or ";" in before:
            if mine[k].lower not in _TRAILING_OPENERS:
                return []
            return [(list(mine[k:]), before, text[mine[-1].end - offset :], k, TRAILING_MIN_WORDS)]
        if any(ch in _CLOSING for ch in before):
            return []
    return []


@register
class ClauseCheck(Check):
    """A clause one window has and the other simply does not."""

    name = "clause"
    # 2: a window's start is an edge too (an opening word needed there), glosses of a name
    # minor, set phrases no clause, one shared word beside three new ones allowed
    # 3: "you know", "I mean" and an age's "years old" are set phrases; a condition ("if
    # re-elected", "pending appeal", "excluding food and energy") is a clause with one word of its
    # own; words the other side abbreviates ("myocardial infarction" / "MI") are no clause
    # 4: a condition ("but only if parliament declares an emergency") is major in a loose
    # rewording too, and may open after "but", "and", "only", "even"
    # a relative clause set off by a comma after a noun the other window has is a clause whatever
    # the words after it ("drugs, which had been stolen by a member of staff, disappeared" /
    # "drugs went missing"); so is a last comma-led clause of three words of its own after a word
    # the other window has ("..., and ordered the National Guard to help with evacuations")
    # 5: numbers said in words are no clause's words ("three hundred thousand" for "300,000")
    # 6: a clause whose amount the other side says in another unit is restated ("which covers
    # 50,000 square metres" / "the five-hectare warehouse")
    # 7: who among a group is a clause with one word of its own ("14 migrants, most of them
    # children, drowned"); numbers hold a clause in place ("founded in 1862 and bought by ..."); a
    # phrase of place is one ("in the northern provinces")
    # 8: a relative clause with a number of its own is a clause beside one word the other window
    # has ("Velour Express, which was carrying 3,000 electric vehicles," / "car carrier Velour Express")
    # 9: a phrase the other side says by a synonym is no clause's words ("in a row" / "consecutive")
    # 10: a run with a number the other window has is restated, not added ("since 2018, will take
    # effect on 14 July" / "since 2018, will come into force on July 14")
    # 11: a word in the possessive is a content word ("which would be the province's largest")
    # 12: an office after a person's name glosses it ("Henrietta Voss, chief executive of Castellan,")
    version = 12

    def run(self, ctx: LinkContext) -> list[Finding]:
        o_said, c_said = said_number_words(ctx.o_quantities, ctx.c_quantities, ctx.o_toks, ctx.c_toks)
        # numbers hold a clause in place as words do ("founded in 1862 and bought by a hedge
        # fund last year, will": "1862 ... will"; without them "in ... will" meet anywhere)
        o_toks, c_toks = ctx.o_toks_and_numbers, ctx.c_toks_and_numbers
        # a phrase said by its synonym ("in a row" / "consecutive") is words the other side has
        # (not verbs of one group: "their biggest one-day fall" adds a claim about the fall)
        o_phrases, c_phrases = phrases_said(ctx.o_toks, ctx.c_toks)
        dropped = _clause_runs(o_toks, c_toks, ctx.original, ctx.o_offset, o_said, o_phrases)
        added = _clause_runs(c_toks, o_toks, ctx.candidate, ctx.c_offset, c_said, c_phrases)
        # A clause gone from one place and one come in at another is as often the same
        # thing moved and reworded ("X said Y" / "Y, X said") as two errors: the sentence
        # drift and the word matching say what changed, not this check.
        if dropped and added:
            return []
        close = ctx.chrf >= CLOSE_CHRF
        findings: list[Finding] = []
        for run in dropped:
            words = run.words
            span = Span(words[0].start, words[-1].end, ctx.o_span_text(words[0].start, words[-1].end))
            # a condition gone or come in changes when the claim holds, however loose the rewording
            certain = (close or run.condition) and not run.gloss
            findings.append(Finding("omission", "major" if certain else "minor", (span,),
                                    f"the candidate drops the clause '{span.text}'", span.text, certain=certain,
                                    side="original"))
        for run in added:
            words = run.words
            span = Span(words[0].start, words[-1].end, ctx.c_span_text(words[0].start, words[-1].end))
            certain = (close or run.condition) and not run.gloss
            findings.append(Finding("addition", "major" if certain else "minor", (span,),
                                    f"the clause '{span.text}' is not in the original", "", certain=certain))
        return findings
