"""CSV cells a spreadsheet opens safely: text that starts like a formula ("=", "+", "-",
"@", a tab or a carriage return) is written with a leading quote, which spreadsheets show
as text and do not run (CSV injection); reading a file back takes that quote off again."""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> str:
    """`value` as CSV cell text, quoted where a spreadsheet would run it as a formula."""
    text = str(value)
    return "'" + text if text[:1] in FORMULA_STARTS else text


def read_cell(text: str) -> str:
    """A cell as `safe_cell` wrote it, back to its text ("'=SUM(A1)" -> "=SUM(A1)")."""
    return text[1:] if text[:1] == "'" and text[1:2] in FORMULA_STARTS else text
