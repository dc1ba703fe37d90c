"""Clauses: a clause one window has and the other simply does not ("..., killing four
officers" / "..., killing four officers, the third such attack this month"; "The chancellor,
who faces a confidence vote next week, met ..." / "The chancellor met ...").

A rewording that drops or adds content rebuilds the sentence around it; a clause cut out
from between two words the other window keeps side by side (or from the window's end),
whose content words the other window nowhere has, is a deletion or an invention. It must
stand as a clause: set off by a comma, dash or bracket, or opened by a word that opens
one ("although", "where", "which", "after", ...), so that a phrase reworded in place ("of
the WTO" / "of the World Trade Organization") is not read as one; and it must carry at least
`MIN_CONTENT_WORDS` content words, not all of them names (a place glossed with its country,
"Busan, South Korea", is the name check's business). Major where the windows otherwise say the same thing
closely (chrF >= `CERTAIN_CHRF`), evidence (minor) in a loose rewording. English only.

Each window is read in one pass, trying runs of up to `MAX_RUN` words: linear in its length.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from scoring.checks.base import Check, LinkContext, Token, base_forms, register
from scoring.score import STOPWORDS
from scoring.types import Finding, Severity, Span

CERTAIN_CHRF = 50.0
MIN_CONTENT_WORDS = 2
MAX_RUN = 20  # words: longer runs are whole sentences, which the alignment reports
CLAUSE_OPENERS = frozenset(
    "although though while whereas but and or where which who whom whose when after before since until as "
    "because despite including killing leaving making adding saying following amid".split())
_SET_OFF = ",;:–—-(["  # characters that set a clause off from its neighbour
# Words that carry no content of their own here, beyond the stop words ("among other things").
_EMPTY = frozenset("whose among thing things etc".split())


def _content(words: Sequence[Token]) -> list[Token]:
    return [t for t in words if t.lower not in STOPWORDS and t.lower not in _EMPTY and t.lower.isalpha()
            and len(t.lower) > 2]


def _clause_runs(mine: Sequence[Token], other: Sequence[Token], text: str, offset: int) -> list[list[Token]]:
    """Runs of `mine` that `other` lacks: between two tokens `other` has side by side (or
    after `other`'s last token, at the end), standing as a clause, with content words
    `other` nowhere has."""
    if len(mine) < 2 or not other:
        return []
    end = Token(offset + len(text), offset + len(text), "")
    kept_together = {(a.lower, b.lower) for a, b in itertools.pairwise([*other, end])}
    other_forms: set[str] = set()
    for t in other:
        other_forms.update(base_forms(t.lower))
    seq = [*mine, end]
    runs: list[list[Token]] = []
    i = 0
    while i < len(seq) - 2:
        found = 0
        for j in range(i + 2, min(len(seq), i + MAX_RUN + 2)):
            if (seq[i].lower, seq[j].lower) not in kept_together:
                continue
            run = seq[i + 1 : j]
            content = _content(run)
            gap = text[seq[i].end - offset : run[0].start - offset]
            set_off = any(ch in _SET_OFF for ch in gap) or run[0].lower in CLAUSE_OPENERS
            named_only = all(t.text[:1].isupper() for t in content)  # "Busan, South Korea": a gloss, names' business
            if len(content) >= MIN_CONTENT_WORDS and set_off and not named_only and \
                    not any(base_forms(t.lower) & other_forms for t in content):
                runs.append(run)
                found = j
            break  # the nearest anchor decides
        i = found if found else i + 1
    return runs


@register
class ClauseCheck(Check):
    """A clause one window has and the other simply does not."""

    name = "clause"
    version = 1

    def run(self, ctx: LinkContext) -> list[Finding]:
        certain = ctx.chrf >= CERTAIN_CHRF
        severity: Severity = "major" if certain else "minor"
        findings: list[Finding] = []
        for run in _clause_runs(ctx.o_toks, ctx.c_toks, ctx.original, ctx.o_offset):
            span = Span(run[0].start, run[-1].end, ctx.o_span_text(run[0].start, run[-1].end))
            findings.append(Finding("omission", severity, (span,), f"the candidate drops the clause '{span.text}'",
                                    span.text, certain=certain, side="original"))
        for run in _clause_runs(ctx.c_toks, ctx.o_toks, ctx.candidate, ctx.c_offset):
            span = Span(run[0].start, run[-1].end, ctx.c_span_text(run[0].start, run[-1].end))
            findings.append(Finding("addition", severity, (span,), f"the clause '{span.text}' is not in the original",
                                    "", certain=certain))
        return findings
