"""Stage 7b, suppress: the newsroom's suppression rules over the flags.

In: flags and `scoring.policy.SuppressionRule`s. Out: the same flags, each one that a
rule matches marked with `suppressed_by` (the first matching rule's id). Nothing is
dropped: the report keeps a suppressed flag, shows which rule silenced it, and leaves
it out of the severity counts and the score.

What a flag is matched on: its category; its candidate text (the text of its spans, for
a flag on the candidate side); its original text (the text of its spans for a flag on
the original side, such as an omission; else the original sentences of its link).
"""

from __future__ import annotations

from collections.abc import Sequence

from scoring.policy import SuppressionRule, normalise
from scoring.types import Flag


def flag_texts(flag: Flag) -> tuple[str, str]:
    """(original text, candidate text) of a flag, normalised, as rules compare them."""
    spans = " ".join(s.text for s in flag.spans)
    if flag.side == "original":
        return normalise(spans), ""
    return normalise(flag.original_text), normalise(spans)


def matches(rule: SuppressionRule, flag: Flag) -> bool:
    if not rule.original.strip() and not rule.candidate.strip():
        return False  # a rule names what it silences; it never silences a whole category
    if rule.category and rule.category != flag.category:
        return False
    original, candidate = flag_texts(flag)
    if rule.candidate and normalise(rule.candidate) != candidate:
        return False
    return not rule.original or normalise(rule.original) in original


def suppress(flags: Sequence[Flag], rules: Sequence[SuppressionRule]) -> None:
    """Mark, in place, every flag a rule matches."""
    if not rules:
        return
    for flag in flags:
        for rule in rules:
            if matches(rule, flag):
                flag.suppressed_by = rule.id
                break
