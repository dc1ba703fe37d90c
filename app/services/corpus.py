"""The corpus of originals: storing one (its sentence vectors kept, so it is never
encoded again) and finding which stored original a candidate comes from."""

from __future__ import annotations

from typing import Any

from app.errors import NotFound
from app.services.runner import AuditService
from app.store.models import Original


def add(service: AuditService, source: dict[str, Any], meta: dict[str, Any]) -> Original:
    """Store an original from `{text | html | url}` with its metadata (title, outlet, url,
    external_id); cleaning and encoding hold an audit slot."""
    raw = service.resolve(source, "original")
    with service.slot():
        return service.add_original(raw, meta)


def delete(service: AuditService, original_id: str) -> None:
    if not service.store.delete_original(original_id):
        raise NotFound(f"no original {original_id}", "list them with GET /v1/originals")


def match(service: AuditService, candidate: dict[str, Any], top: int | None = None) -> dict[str, Any]:
    """Stored originals ranked by how much of the candidate they explain, with a
    `message` when none is likely."""
    raw = service.resolve(candidate, "candidate")
    with service.slot():
        result = service.match_prepared(service.prepare(raw, "candidate"), top)
    if not result["matches"]:
        result["message"] = "the corpus of originals is empty"
    elif not result["matches"][0]["likely"]:
        result["message"] = "no stored original explains this candidate well enough"
    return result
