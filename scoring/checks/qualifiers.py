"""Qualifiers: the words that say how sure, how far or in what standing a claim is
("the alleged attacker", "partially destroyed", "former minister", "the proposed law").

Dropping one states as fact what the original hedged (the attacker, destroyed, the
minister, the law); adding one hedges or sharpens what the original stated. Both change
what a reader may repeat, so a qualifier one window has and the other does not is
major where the windows otherwise say the same thing closely (chrF >= `CERTAIN_CHRF`),
and evidence (minor) in a loose rewording. Qualifiers of one group answer each other
("partly" for "partially", "ex-minister" for "former minister", "the suspect" for "the
alleged attacker"). English only. The words are a closed list: words that may hedge in
passing ("expected", "likely", "possible") are left out, as rewordings trade them freely.
"""

from __future__ import annotations

from collections.abc import Sequence

from scoring.checks.base import Check, LinkContext, Token, register
from scoring.types import Finding, Severity, Span

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
}
_GROUP_OF: dict[str, str] = {word: group for group, words in QUALIFIER_GROUPS.items() for word in words}
# Words that say what a group says without being qualifiers themselves: "most of them
# women" answers "mostly women", "a total ban" "completely banned", "the suspect" "the
# alleged attacker".
ANSWERS: dict[str, frozenset[str]] = {
    "unproven": frozenset("suspect suspects accused".split()),
    "former": frozenset("previous previously once".split()),
    "part": frozenset("part some".split()),
    "most": frozenset("most majority".split()),
    "nearly": frozenset("about around approximately roughly some close near".split()),
    "fully": frozenset("full total complete whole all".split()),
    "unadopted": frozenset("plan plans bill".split()),
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


def qualifiers(toks: Sequence[Token]) -> dict[str, Token]:
    """The qualifier groups a window uses, each with its first word."""
    found: dict[str, Token] = {}
    for k, t in enumerate(toks):
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if t.lower in _VERB_FORMS and (nxt is None or nxt.lower in _OBJECT_WORDS):
            continue
        if t.lower == "acting" and (nxt is None or not (nxt.text[:1].isupper() or nxt.lower in _TITLE_WORDS)):
            continue
        group = _GROUP_OF.get(t.lower)
        if group is None:
            group = next((g for prefix, g in _PREFIXES.items() if t.lower.startswith(prefix)), None)
        if group is not None:
            found.setdefault(group, t)
    return found


@register
class QualifierCheck(Check):
    """A qualifier (`QUALIFIER_GROUPS`) one window has and the other does not."""

    name = "qualifier"
    # 2: "alleged", "suspected", "proposed", "planned" before an object are verbs; "acting" only before a title
    # 3: "near" answers "nearly" ("a near doubling")
    version = 3

    def run(self, ctx: LinkContext) -> list[Finding]:
        said, says = qualifiers(ctx.o_toks), qualifiers(ctx.c_toks)
        o_words, c_words = {t.lower for t in ctx.o_toks}, {t.lower for t in ctx.c_toks}
        said = {g: t for g, t in said.items() if not ANSWERS.get(g, frozenset()) & c_words}
        says = {g: t for g, t in says.items() if not ANSWERS.get(g, frozenset()) & o_words}
        certain = ctx.chrf >= CERTAIN_CHRF
        severity: Severity = "major" if certain else "minor"
        findings: list[Finding] = []
        for group, t in said.items():
            if group not in says:
                findings.append(Finding("omission", severity, (Span(t.start, t.end, ctx.o_span_text(t.start, t.end)),),
                                        f"the candidate drops the qualifier '{t.text}'", t.text, certain=certain,
                                        side="original"))
        for group, t in says.items():
            if group not in said:
                findings.append(Finding("addition", severity, (Span(t.start, t.end, ctx.c_span_text(t.start, t.end)),),
                                        f"the qualifier '{t.text}' is not in the original", "", certain=certain))
        return findings
