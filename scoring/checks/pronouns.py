"""Pronouns: a person whose gender changed ("The minister said he would resign" ->
"... she would resign", "Her brother" -> "His brother").

A round trip through a language whose third-person pronoun has no gender (Turkish,
Finnish, Hungarian, spoken Chinese) has to guess it on the way back, and a wrong guess
changes who did what. The check reads English only: where one window refers to
people only with the pronouns of one gender and the other only with those of the
other, the candidate changed the person's gender. A window with both genders, or
with a gender on one side only ("he" for "the minister", "they" for "he"), says
nothing sure and is left alone. It is certain where the windows otherwise say the
same thing closely (chrF >= `base.CLOSE_CHRF`); in a loose rewording the
pronouns may refer to different people: evidence.

A thing made a person ("Moscow ... for its war" -> "for his war", German "sein" being both)
is shown too, minor: "its" on one side only, "his" or "her" on the other only.

A subject of another person in the very place of the original's ("I slept" / "he slept",
"I made" / "we made") says someone else did it (`PersonCheck`).
"""

from __future__ import annotations

from collections.abc import Sequence

from scoring.checks.base import CLOSE_CHRF, Check, LinkContext, Token, base_forms, register
from scoring.types import Finding, Span

MASCULINE = frozenset({"he", "him", "his", "himself"})
FEMININE = frozenset({"she", "her", "hers", "herself"})
NEUTER = frozenset({"its", "itself"})


def _gendered(toks: Sequence[Token]) -> tuple[list[Token], list[Token]]:
    """The masculine and the feminine pronouns of a window."""
    return [t for t in toks if t.lower in MASCULINE], [t for t in toks if t.lower in FEMININE]


@register
class GenderCheck(Check):
    """Third-person pronouns of one gender in the original, of the other in the candidate."""

    name = "gender"
    version = 2

    def run(self, ctx: LinkContext) -> list[Finding]:
        o_masc, o_fem = _gendered(ctx.o_toks)
        c_masc, c_fem = _gendered(ctx.c_toks)
        o_its = [t for t in ctx.o_toks if t.lower in NEUTER]
        c_its = [t for t in ctx.c_toks if t.lower in NEUTER]
        if o_its and not c_its and not o_masc and not o_fem and (c_masc or c_fem):
            person = c_masc or c_fem
            now = ", ".join(dict.fromkeys(t.text for t in person))
            return [Finding("entity", "minor", tuple(Span(t.start, t.end, t.text) for t in person),
                            f"'{now}' where the original says 'its': a thing made a person", "its",
                            original_spans=tuple(Span(t.start, t.end, t.text) for t in o_its))]
        if o_masc and not o_fem and c_fem and not c_masc:
            said, instead = o_masc, c_fem
        elif o_fem and not o_masc and c_masc and not c_fem:
            said, instead = o_fem, c_masc
        else:
            return []
        was = ", ".join(dict.fromkeys(t.text for t in said))
        now = ", ".join(dict.fromkeys(t.text for t in instead))
        certain = ctx.chrf >= CLOSE_CHRF
        return [Finding("entity", "major" if certain else "minor", tuple(Span(t.start, t.end, t.text) for t in instead),
                        f"'{now}' where the original says '{was}': the person's gender changed", was,
                        certain=certain, original_spans=tuple(Span(t.start, t.end, t.text) for t in said))]


# The grammatical person of a subject pronoun: who is speaking, spoken to, spoken of.
SUBJECT_PERSON = {"i": "I", "we": "we", "you": "you", "he": "he or she", "she": "he or she", "they": "they"}


def _subjects(toks: Sequence[Token], text: str, offset: int) -> dict[tuple[str, str], Token]:
    """Subject pronouns by where they stand: the word before them (or "," where a clause
    starts: after punctuation or at the window's start) and each base form of the word after."""
    out: dict[tuple[str, str], Token] = {}
    for k, t in enumerate(toks[:-1]):
        if t.lower not in SUBJECT_PERSON:
            continue
        gap = text[toks[k - 1].end - offset : t.start - offset] if k else ","
        before = "," if not k or any(ch in _CLAUSE_BREAKS for ch in gap) else toks[k - 1].lower
        for form in base_forms(toks[k + 1].lower):
            out.setdefault((before, form), t)
    return out


_CLAUSE_BREAKS = frozenset(",.;:!?()\"\u201c\u201d\u2014")


@register
class PersonCheck(Check):
    """A subject pronoun of another person where the original has one, between the same
    word before (or a clause start) and the same verb after ("I slept" / "he slept",
    ", she admired" / ", I admire"): certain where the windows otherwise say the same
    closely. Reported speech moves the pronoun's place ("said, 'I want'" / "said she
    wanted"), so it is not read as one."""

    name = "person"
    version = 1

    def run(self, ctx: LinkContext) -> list[Finding]:
        if not any(t.lower in SUBJECT_PERSON for t in ctx.o_toks):
            return []
        o_subjects = _subjects(ctx.o_toks, ctx.original, ctx.o_offset)
        c_subjects = _subjects(ctx.c_toks, ctx.candidate, ctx.c_offset)
        certain = ctx.chrf >= CLOSE_CHRF
        findings: list[Finding] = []
        seen: set[int] = set()
        # the original's pronouns with a counterpart of their own person under some key
        answered = {o.start for key, c in c_subjects.items() for o in [o_subjects.get(key)]
                    if o is not None and SUBJECT_PERSON[c.lower] == SUBJECT_PERSON[o.lower]}
        for key, instead in c_subjects.items():
            t = o_subjects.get(key)
            if t is None or instead.start in seen or t.start in answered:
                continue
            seen.add(instead.start)
            findings.append(Finding("mistranslation", "major" if certain else "minor",
                                    (Span(instead.start, instead.end, instead.text),),
                                    f"'{instead.text}' where the original says '{t.text}': someone else does it",
                                    t.text, certain=certain, original_spans=(Span(t.start, t.end, t.text),)))
        return findings
