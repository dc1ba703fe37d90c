"""Fact checks of a link whose two sides are in different languages.

The same facts as the one-language checks, read with each side's own conventions
(`scoring.languages`), one module per family: `numbers` (numbers in each language's
format, times of day, month, weekday and frequency words by meaning), `names` (names
looked up across scripts and spellings, and through the multilingual encoder when
spelling alone does not tell) and `negation` (negation cues found the way each language
writes them). Languages without tables get no findings from here (their links are
judged by their vectors).
"""

# ruff: noqa: I001
# The families register their checks on import, in this order: the order of the checks in a
# report's signature and of their findings.
from scoring.checks.crosslingual import numbers
from scoring.checks.crosslingual import names
from scoring.checks.crosslingual import negation
from scoring.checks.crosslingual.numbers import cjk_numeral, parse_number, quantities

__all__ = ["cjk_numeral", "names", "negation", "numbers", "parse_number", "quantities"]
