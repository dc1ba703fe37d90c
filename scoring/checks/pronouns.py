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
"""

from __future__ import annotations

from collections.abc import Sequence

from scoring.checks.base import CLOSE_CHRF, Check, LinkContext, Token, register
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
