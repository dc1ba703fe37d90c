"""Kinds: a word of one kind where the original has another of the same class
("children" / "adults", "mice" / "rats", "gold" / "silver", "north" / "south",
"liver" / "kidney"), the classes in `lexicon.KIND_CLASSES`.

Sentence vectors barely move when a word is traded for another of its class, and the
word matcher finds the two close (both are ages, animals, metals), so neither sees that
the study was of other people or the medal of another colour. A kind the candidate
names where the original names another of the class, and not that one, is a change of
meaning: certain where the windows otherwise say the same closely (chrF >=
`base.CLOSE_CHRF`), evidence in a loose rewording, where the two words may belong to
different clauses. Capitalised words stand in names ("White House", "Red Cross",
"North Korea") and are the name check's. English only.
"""

from __future__ import annotations

from collections.abc import Sequence

from scoring import lexicon
from scoring.checks.base import CLOSE_CHRF, Check, LinkContext, Token, register
from scoring.types import Finding, Span

# word -> (class, kind): the kind is the first word of its group
_KIND_OF: dict[str, tuple[str, str]] = {word: (cls, group[0]) for cls, groups in lexicon.KIND_CLASSES.items()
                                        for group in groups for word in group}


def kinds(toks: Sequence[Token]) -> dict[tuple[str, str], Token]:
    """The kinds a window names, each with its first word; capitalised words left out
    (names) but at the window's start before a word in lower case ("Children were ...")."""
    found: dict[tuple[str, str], Token] = {}
    for k, t in enumerate(toks):
        kind = _KIND_OF.get(t.lower)
        named = k + 1 < len(toks) and toks[k + 1].text[:1].isupper()  # "North Korea", "Red Cross"
        if kind is None or (t.text[:1].isupper() and (k or named)):
            continue
        found.setdefault(kind, t)
    return found


@register
class KindCheck(Check):
    """A word of one kind of a class where the original has another."""

    name = "kind"
    version = 1

    def run(self, ctx: LinkContext) -> list[Finding]:
        said, says = kinds(ctx.o_toks), kinds(ctx.c_toks)
        if not said or not says:
            return []
        certain = ctx.chrf >= CLOSE_CHRF
        findings: list[Finding] = []
        for (cls, kind), t in says.items():
            if (cls, kind) in said:
                continue
            lost = [w for (c, k), w in said.items() if c == cls and (c, k) not in says]
            if not lost:
                continue
            was = ", ".join(w.text for w in lost)
            findings.append(Finding("mistranslation", "major" if certain else "minor",
                                    (Span(t.start, t.end, ctx.c_span_text(t.start, t.end)),),
                                    f"'{t.text}' where the original says '{was}'", was, certain=certain,
                                    original_spans=tuple(Span(w.start, w.end, ctx.o_span_text(w.start, w.end))
                                                         for w in lost)))
        return findings
