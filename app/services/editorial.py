"""Editorial policy: glossaries and suppression rules, and the policy an audit runs under.

The API (`/v1/glossaries`, `/v1/rules`) and the dashboard (glossary page, "suppress" on
a dismissed flag) call these functions; audits call `policy_for` with the candidate's
outlet. A glossary entry or rule with outlet "" holds for every outlet.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from typing import Any

from app.core.spreadsheet import read_cell, safe_cell
from app.errors import NotFound
from app.store.models import GlossaryEntry, SuppressionRuleRow
from app.store.repo import Store
from scoring.errors import BadRequest, EncodingProblem, InputTooLarge
from scoring.policy import Policy, SuppressionRule, TermEntry
from scoring.types import FLAG_CATEGORIES

SEVERITIES = ("minor", "major", "critical")
CSV_COLUMNS = ("outlet", "source", "target", "severity", "note")
MAX_ENTRIES = 5000  # per outlet: every audit of the outlet looks for all of them
MAX_TERM = 500
MAX_RULE_DAYS = 3650
MAX_RULES = 2000  # per outlet


def policy_for(store: Store, outlet: str) -> Policy:
    """The glossary and the live suppression rules for an audit of `outlet` (and for all)."""
    entries = store.glossary(outlet, include_global=True)
    rules = store.rules(outlet, include_global=True, active_at=datetime.now(UTC))
    return Policy(
        glossary=tuple(TermEntry(e.source, e.target, id=f"g{e.id}", severity=e.severity,  # type: ignore[arg-type]
                                 note=e.note) for e in entries),
        rules=tuple(SuppressionRule(f"r{r.id}", r.category, r.original, r.candidate) for r in rules))


# -- glossary -----------------------------------------------------------------------
def _entry(fields: dict[str, Any], where: str = "") -> dict[str, str]:
    """A checked entry: texts stripped and within limits, a known severity."""
    out = {k: " ".join(str(fields.get(k) or "").split()) for k in CSV_COLUMNS}
    out["note"] = str(fields.get("note") or "").strip()[:2000]
    out["severity"] = out["severity"].lower() or "major"
    for key in ("source", "target"):
        if not out[key]:
            raise BadRequest(f"{where}the glossary entry has no {key} term",
                             "give the original's term (source) and the rendering it must have (target)")
        if len(out[key]) > MAX_TERM:
            raise BadRequest(f"{where}the {key} term is {len(out[key])} characters long (at most {MAX_TERM})",
                             "a glossary term is a word or a phrase")
    if out["severity"] not in SEVERITIES:
        raise BadRequest(f"{where}severity {out['severity']!r} is not one of {', '.join(SEVERITIES)}",
                         "leave it empty for major")
    out["outlet"] = out["outlet"][:200]
    return out


def add_entries(store: Store, entries: list[dict[str, Any]], identity: str) -> list[GlossaryEntry]:
    """Check and store entries; BadRequest names the first bad one (nothing is stored then)."""
    checked = [_entry(e, f"entry {k + 1}: " if len(entries) > 1 else "") for k, e in enumerate(entries)]
    for outlet in {e["outlet"] for e in checked}:
        total = len(store.glossary(outlet)) + sum(e["outlet"] == outlet for e in checked)
        if total > MAX_ENTRIES:
            raise InputTooLarge(f"outlet {outlet or '(all outlets)'} would have {total:,} glossary entries, "
                                f"more than {MAX_ENTRIES:,}", "remove entries that are no longer needed")
    return store.add_glossary_entries(checked, identity)


def decode_csv(raw: bytes) -> str:
    """An uploaded CSV's text: UTF-8 (with or without its byte order mark), else EncodingProblem."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise EncodingProblem("the CSV is not UTF-8", "save it as UTF-8 (CSV UTF-8 in spreadsheet programs)") from exc


def import_csv(store: Store, text: str, identity: str, outlet: str | None = None) -> list[GlossaryEntry]:
    """Entries from CSV with a header row naming at least `source` and `target` (and
    optionally `outlet`, `severity`, `note`); `outlet`, when given, is used where a row has none."""
    try:
        return _import_rows(store, csv.DictReader(io.StringIO(text.lstrip("\ufeff"))), identity, outlet)
    except csv.Error as exc:  # a field over the csv module's limit (128 KiB), a NUL byte ...
        raise BadRequest(f"the CSV could not be read: {exc}",
                         "one entry per line, terms far shorter than that, fields with commas in double quotes") from exc


def _import_rows(store: Store, reader: csv.DictReader[str], identity: str, outlet: str | None) -> list[GlossaryEntry]:
    header = [h.strip().lower() for h in reader.fieldnames or []]
    if "source" not in header or "target" not in header:
        raise BadRequest("the CSV has no header row with 'source' and 'target' columns",
                         "first line: outlet,source,target,severity,note (outlet, severity and note may be left out)")
    reader.fieldnames = header
    rows = []
    for row in reader:
        if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
            continue  # a blank line
        fields = {k: read_cell(row.get(k) or "") for k in CSV_COLUMNS}  # as export_csv wrote them
        if not fields["outlet"].strip() and outlet is not None:
            fields["outlet"] = outlet
        rows.append(fields)
    if not rows:
        raise BadRequest("the CSV has no entries", "one entry per line after the header")
    try:
        return add_entries(store, rows, identity)
    except BadRequest as exc:  # say where in the file ("entry 3" is its third data line)
        exc.message = f"CSV: {exc.message}"
        raise


def export_csv(store: Store, outlet: str | None = None) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for e in store.glossary(outlet):
        # terms come from uploaded files too: a spreadsheet must not run one as a formula
        writer.writerow([safe_cell(v) for v in (e.outlet, e.source, e.target, e.severity, e.note)])
    return out.getvalue()


def update_entry(store: Store, entry_id: int, changes: dict[str, Any]) -> GlossaryEntry:
    """Change some fields of an entry (checked as a new one would be)."""
    row = store.get_glossary_entry(entry_id)
    if row is None:
        raise NotFound(f"no glossary entry {entry_id}", "list them with GET /v1/glossaries")
    current = {k: getattr(row, k) for k in CSV_COLUMNS}
    checked = _entry(current | {k: v for k, v in changes.items() if v is not None})
    updated = store.update_glossary_entry(entry_id, checked)
    if updated is None:
        raise NotFound(f"no glossary entry {entry_id}", "it was deleted meanwhile")
    return updated


def delete_entry(store: Store, entry_id: int) -> None:
    if not store.delete_glossary_entry(entry_id):
        raise NotFound(f"no glossary entry {entry_id}", "list them with GET /v1/glossaries")


# -- suppression rules -------------------------------------------------------------------
def _expiry(days: int | None) -> datetime | None:
    if days is None:
        return None
    if not 1 <= days <= MAX_RULE_DAYS:
        raise BadRequest(f"a rule lasts 1 to {MAX_RULE_DAYS} days, not {days}", "leave it out for a rule without end")
    return datetime.now(UTC) + timedelta(days=days)


def add_rule(store: Store, fields: dict[str, Any], identity: str) -> SuppressionRuleRow:
    """A rule made by hand: it must name the original or the candidate text it silences."""
    _room_for_a_rule(store, str(fields.get("outlet") or "")[:200])
    original = " ".join(str(fields.get("original") or "").split())
    candidate = " ".join(str(fields.get("candidate") or "").split())
    if not original and not candidate:
        raise BadRequest("a suppression rule needs the original text or the candidate text it is about",
                         "e.g. {\"category\": \"entity\", \"candidate\": \"Zelensky\"}")
    category = str(fields.get("category") or "")
    if category and category not in FLAG_CATEGORIES:  # a rule no flag could ever match
        raise BadRequest(f"no flag has the category '{category[:40]}'",
                         f"use one of {', '.join(FLAG_CATEGORIES)}, or leave it out for any")
    return store.add_rule(outlet=str(fields.get("outlet") or "")[:200], category=str(fields.get("category") or "")[:32],
                          original=original[:5000], candidate=candidate[:5000], note=str(fields.get("note") or "")[:2000],
                          created_by=identity, expires_at=_expiry(fields.get("expires_in_days")), audit_id=None,
                          flag_id=None)


def rule_from_flag(store: Store, audit_id: str, flag_id: str, identity: str, all_outlets: bool = False,
                   days: int | None = None, note: str = "") -> SuppressionRuleRow:
    """The one-click rule from a dismissed flag: its category and texts, for the audit's
    outlet (or every outlet). BadRequest unless the flag's current verdict is 'dismissed'."""
    audit = store.get_audit(audit_id)
    if audit is None:
        raise NotFound(f"no audit {audit_id}", "list audits with GET /v1/audits")
    flag = next((f for f in (audit.report or {}).get("flags", []) if f.get("id") == flag_id), None)
    if flag is None:
        raise NotFound(f"audit {audit_id} has no flag {flag_id}", "flag ids are in report.flags[].id")
    history = [v for v in store.verdicts([audit_id])[audit_id] if v.flag_id == flag_id]
    if not history or history[-1].verdict != "dismissed":
        raise BadRequest(f"flag {flag_id} is not dismissed", "dismiss it first (PATCH /v1/audits/{id}/flags/{flag_id} "
                                                             "with {\"verdict\": \"dismissed\"}), then suppress it")
    _room_for_a_rule(store, "" if all_outlets else audit.outlet)
    spans = " ".join(" ".join(str(s.get("text", "")) for s in flag.get("spans", [])).split())
    original, candidate = (spans, "") if flag.get("side") == "original" else ("", spans)
    return store.add_rule(outlet="" if all_outlets else audit.outlet, category=str(flag.get("category") or ""),
                          original=original[:5000], candidate=candidate[:5000], note=note[:2000] or
                          f"from audit {audit_id}, flag {flag_id}", created_by=identity, expires_at=_expiry(days),
                          audit_id=audit_id, flag_id=flag_id)


def _room_for_a_rule(store: Store, outlet: str) -> None:
    """Every audit of an outlet compares each flag with each of its rules: keep them bounded."""
    if len(store.rules(outlet)) >= MAX_RULES:
        raise InputTooLarge(f"outlet {outlet or '(all outlets)'} has {MAX_RULES:,} suppression rules already",
                            "delete rules that are no longer needed, or let old ones expire")


def delete_rule(store: Store, rule_id: int) -> None:
    if not store.delete_rule(rule_id):
        raise NotFound(f"no rule {rule_id}", "list them with GET /v1/rules")
