"""Tone: an insult or a swear word one window has and the other does not ("the
minister" -> "the idiot minister", "the decision" -> "the damn decision").

A republication that calls someone an idiot where the original did not puts words in the
outlet's mouth: critical (MQM counts offensive content among critical errors), whatever
else the sentence keeps. The words are `lexicon.ABUSE`, found by their base forms, and
any one of them on the other side answers one ("stupid" for "idiotic": the same tone).
An insult the candidate leaves out softens a quote: minor, shown on the original's side.
Words that change the tone of a sentence the other way round ("praised" / "insulted")
are the polarity check's. English only.
"""

from __future__ import annotations

from collections.abc import Sequence

from scoring import lexicon
from scoring.checks.base import Check, LinkContext, Token, base_forms, in_its_place, register
from scoring.types import Finding, Span


def abusive(toks: Sequence[Token]) -> list[int]:
    """Positions of the words of `toks` that insult or swear."""
    return [k for k, t in enumerate(toks) if base_forms(t.lower) & lexicon.ABUSE]


@register
class ToneCheck(Check):
    """Insults and swear words on one side only."""

    name = "tone"
    version = 1

    def run(self, ctx: LinkContext) -> list[Finding]:
        o_abuse, c_abuse = abusive(ctx.o_toks), abusive(ctx.c_toks)
        if len(o_abuse) == len(c_abuse):
            return []
        findings: list[Finding] = []
        if len(c_abuse) > len(o_abuse):
            for k in c_abuse[len(o_abuse):]:
                t = ctx.c_toks[k]
                was = in_its_place(ctx.c_toks, k, ctx.o_between)
                findings.append(Finding(
                    "mistranslation" if was is not None else "addition", "critical",
                    (Span(t.start, t.end, ctx.c_span_text(t.start, t.end)),),
                    f"'{t.text}' insults or swears where the original does not"
                    + (f" (it says '{was.text}')" if was is not None else ""),
                    was.text if was is not None else "",
                    original_spans=(Span(was.start, was.end, ctx.o_span_text(was.start, was.end)),)
                    if was is not None else ()))
            return findings
        for k in o_abuse[len(c_abuse):]:
            t = ctx.o_toks[k]
            findings.append(Finding("omission", "minor", (Span(t.start, t.end, ctx.o_span_text(t.start, t.end)),),
                                    f"the original's '{t.text}' is left out: the candidate softens it", t.text,
                                    side="original"))
        return findings
