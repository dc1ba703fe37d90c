"""A newsroom's review policy for one audit: glossary entries and suppression rules.

In: what the newsroom stored for the candidate's outlet (and for every outlet). Out:
`Policy`, passed to `Auditor.audit(..., policy=...)`; `scoring.glossary` turns violated
entries into `terminology` flags, `scoring.suppress` marks flags that a rule silences.
The policy is part of what produced a report, so it goes into the signature (entry and
rule counts and a hash of their content) whenever it is not empty.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from scoring.types import Severity


@dataclass(frozen=True)
class TermEntry:
    """`source` in the original must be rendered `target` in the candidate.

    Matched whole-word and case-insensitively, with any run of spaces as one; the same
    term on both sides is a term the candidate must keep ("occupying forces"), a
    different one a house rendering or spelling ("Zelensky" -> "Zelenskyy")."""

    source: str
    target: str
    id: str = ""
    severity: Severity = "major"
    note: str = ""


@dataclass(frozen=True)
class SuppressionRule:
    """Do not flag this: a flag of `category` ("" any) whose candidate text is `candidate`
    ("" any) where the original says `original` ("" anything) is kept in the report but
    marked suppressed with the rule's id. Texts are compared case- and space-insensitively;
    `candidate` must equal the flag's candidate span text, `original` occur in the flag's
    original text."""

    id: str
    category: str = ""
    original: str = ""
    candidate: str = ""


@dataclass(frozen=True)
class Policy:
    glossary: tuple[TermEntry, ...] = ()
    rules: tuple[SuppressionRule, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.glossary or self.rules)

    def signature(self) -> dict[str, Any]:
        """Counts and a short hash of the entries and rules (ids included: a report says
        which rule suppressed a flag)."""
        content = json.dumps({"glossary": [[e.id, e.source, e.target, e.severity] for e in self.glossary],
                              "rules": [[r.id, r.category, r.original, r.candidate] for r in self.rules]},
                             ensure_ascii=False, sort_keys=True)
        return {"glossary": len(self.glossary), "rules": len(self.rules),
                "hash": hashlib.sha256(content.encode("utf-8")).hexdigest()[:12]}


def normalise(text: str) -> str:
    """Case- and space-insensitive form used to compare policy texts with report texts."""
    return " ".join(text.split()).casefold()
