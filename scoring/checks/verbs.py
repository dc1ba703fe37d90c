"""Verbs: a main verb the candidate simply leaves out ("The novelist acknowledged Achebe as
his greatest influence" -> "The novelist Achebe as his greatest influence").

A rewording that does without a verb rebuilds its clause around another word; a verb cut
out from between two words the candidate keeps side by side ("novelist ... Achebe") is a
deletion, and what the sentence says of its subject is gone. Such a verb (a past form:
"-ed" or an irregular past, "won", "left") is major where the windows otherwise say the
same thing closely (chrF >= `CERTAIN_CHRF`), evidence (minor) in a loose rewording. The
word before it must be a content word, so that participles used as adjectives ("the
injured man", "of wounded soldiers") and verbs after an auxiliary ("was held in" / "was
in", a rewording) are not read as main verbs. English only.
"""

from __future__ import annotations

import itertools

from scoring import lexicon
from scoring.checks.base import Check, LinkContext, base_forms, register
from scoring.score import STOPWORDS
from scoring.types import Finding, Severity, Span

# Windows this close say the same thing but for the words that differ.
CERTAIN_CHRF = 50.0
# Verbs that say who said something: "according to" answers them ("Diplomats said the
# talks ..." / "According to diplomats, the talks ...").
_REPORTING = frozenset("said told stated reported added noted explained wrote claimed".split())
# Words in "-ed" that are no past forms.
_NOT_PAST = frozenset("indeed hundred need speed seed breed greed feed bleed sacred naked wicked kindred hatred "
                      "rugged ragged wretched beloved embed".split())


def _past_form(word: str) -> bool:
    """Does a lower-case word look like a verb's past form ("acknowledged", "won")?"""
    return word in lexicon.IRREGULAR_PAST or (len(word) >= 5 and word.endswith("ed") and word not in _NOT_PAST)


@register
class VerbCheck(Check):
    """An original past-form verb deleted from between two words the candidate keeps together."""

    name = "verb"
    version = 1

    def run(self, ctx: LinkContext) -> list[Finding]:
        o, c = ctx.o_toks, ctx.c_toks
        if len(o) < 3 or len(c) < 2:
            return []
        kept_together = {(a.lower, b.lower) for a, b in itertools.pairwise(c)}
        c_forms: set[str] = set()
        for t in c:
            c_forms.update(base_forms(t.lower))
        attributed = "according" in c_forms
        certain = ctx.chrf >= CERTAIN_CHRF
        severity: Severity = "major" if certain else "minor"
        findings: list[Finding] = []
        for before, verb, after in zip(o, o[1:], o[2:], strict=False):
            if verb.text != verb.lower or not _past_form(verb.lower):
                continue  # a capitalised word ending in "-ed" is a name ("Mohamed")
            if attributed and verb.lower in _REPORTING:
                continue
            if before.lower in STOPWORDS or not before.lower.isalpha():
                continue  # "the injured", "was held", "of wounded": not a main verb
            if (before.lower, after.lower) not in kept_together or base_forms(verb.lower) & c_forms:
                continue
            findings.append(Finding("omission", severity, (Span(verb.start, verb.end, ctx.o_span_text(verb.start,
                                                                                                  verb.end)),),
                                    f"the candidate drops the verb '{verb.text}' between '{before.text}' and "
                                    f"'{after.text}'", verb.text, certain=certain, side="original"))
        return findings
