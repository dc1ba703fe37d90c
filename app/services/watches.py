"""Scheduled re-checks: a republished article's URL fetched again on a schedule.

A watch holds a candidate URL, its original (a stored original, or an original URL), the
outlet and how often to look. Each check fetches the candidate, and the original when it is
a URL (the same checked, bounded fetch as any URL input); when either text changed since the
last check (SHA-256 of both) the pair is audited again in the background, and the watch keeps its audits in order, so the
flags of the newest audit can be compared with the one before (`flag_diff`): what the
outlet's edit fixed and what it introduced. An unchanged page costs a fetch, no audit.
`WatchScheduler` runs the due checks in the background; `check` runs one now.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from app.errors import NotFound
from app.services import audits
from app.services.runner import AuditService
from app.store.models import Watch
from scoring.errors import BadRequest, DriftauditError, InputTooLarge
from scoring.policy import normalise

log = logging.getLogger("driftaudit.watches")
MIN_MINUTES = 5.0
HISTORY = 50
MAX_WATCHES = 500  # each is a fetch every few minutes


def create(service: AuditService, fields: dict[str, Any], identity: str) -> Watch:
    url = str(fields.get("candidate_url") or "").strip()
    if urlsplit(url).scheme not in ("http", "https"):
        raise BadRequest(f"{url!r} is not an http(s) URL", "give the republished article's URL")
    original_id, original_url = fields.get("original_id"), str(fields.get("original_url") or "").strip()
    if bool(original_id) == bool(original_url):
        raise BadRequest("a watch needs its original: original_id (a stored original) or original_url, one of them",
                         "store the original with POST /v1/originals, or give its URL")
    if original_id and service.store.get_original(str(original_id)) is None:
        raise NotFound(f"no stored original {original_id}", "list them with GET /v1/originals")
    if original_url and urlsplit(original_url).scheme not in ("http", "https"):
        raise BadRequest(f"{original_url!r} is not an http(s) URL", "give the original article's URL")
    if len(service.store.watches()) >= MAX_WATCHES:
        raise InputTooLarge(f"{MAX_WATCHES} pages are watched already", "delete watches that are no longer needed")
    minutes = float(fields.get("every_minutes") or 60)
    if not MIN_MINUTES <= minutes <= 60 * 24 * 30:
        raise BadRequest(f"checks every {minutes:g} minutes are not allowed", f"from {MIN_MINUTES:g} minutes to 30 days")
    return service.store.add_watch(candidate_url=url, original_id=original_id or None, original_url=original_url,
                                   outlet=str(fields.get("outlet") or "")[:200], title=str(fields.get("title") or "")[:500],
                                   every_minutes=minutes, last_checked_at=None, last_audit_id=None, created_by=identity)


def delete(service: AuditService, watch_id: int) -> None:
    if not service.store.delete_watch(watch_id):
        raise NotFound(f"no watch {watch_id}", "list them with GET /v1/watches")


def check(service: AuditService, watch: Watch, notify_workers: Any = lambda: None) -> str:
    """Fetch the candidate once; 'changed' (audited again, queued), 'unchanged' or 'failed'."""
    store = service.store
    stamp = datetime.now(UTC)
    following = stamp + timedelta(minutes=watch.every_minutes)
    try:
        text = service.resolve({"url": watch.candidate_url}, "candidate")
        original_text = service.resolve({"url": watch.original_url}, "original") if watch.original_url else ""
    except DriftauditError as exc:
        store.update_watch(watch.id, last_checked_at=stamp, next_check_at=following, checks=watch.checks + 1,
                           last_error=exc.message[:2000])
        log.warning("a watched URL could not be fetched", extra={"watch": watch.id, "error": exc.message[:200]})
        return "failed"
    # A new version of either page is worth a new audit (the original may be corrected too).
    digest = hashlib.sha256(f"{text}\0{original_text}".encode()).hexdigest()
    if digest == watch.last_hash:
        store.update_watch(watch.id, last_checked_at=stamp, next_check_at=following, checks=watch.checks + 1,
                           last_error="")
        return "unchanged"
    submission = audits.Submission(
        candidate={"text": text, "url": watch.candidate_url},
        original={"text": original_text, "url": watch.original_url} if watch.original_url else None,
        original_id=watch.original_id, background=True,
        metadata={"outlet": watch.outlet or None, "title": watch.title or None, "candidate_url": watch.candidate_url,
                  "watch_id": watch.id})
    try:
        submitted = audits.submit(service, submission, f"watch {watch.id}", notify_workers)
    except DriftauditError as exc:
        store.update_watch(watch.id, last_checked_at=stamp, next_check_at=following, checks=watch.checks + 1,
                           last_error=exc.message[:2000])
        return "failed"
    store.update_watch(watch.id, last_checked_at=stamp, next_check_at=following, checks=watch.checks + 1,
                       changes=watch.changes + 1, last_hash=digest, last_audit_id=submitted.audit.id, last_error="",
                       history=[*watch.history, submitted.audit.id][-HISTORY:])
    return "changed"


def flag_key(flag: dict[str, Any]) -> tuple[str, str, str]:
    """What makes two audits' flags the same finding: category, side and marked text."""
    return (str(flag.get("category")), str(flag.get("side")),
            normalise(" ".join(str(s.get("text", "")) for s in flag.get("spans", []))))


def flag_diff(before: dict[str, Any] | None, after: dict[str, Any] | None) -> dict[str, list[dict[str, Any]]]:
    """Active flags of `after` not in `before` (introduced), of `before` not in `after` (fixed)."""
    def active(report: dict[str, Any] | None) -> dict[tuple[str, str, str], dict[str, Any]]:
        return {flag_key(f): f for f in (report or {}).get("flags", []) if not f.get("suppressed_by")}

    old, new = active(before), active(after)
    pick = ("id", "category", "severity", "side", "spans", "message")
    return {"introduced": [{k: f.get(k) for k in pick} for key, f in new.items() if key not in old],
            "fixed": [{k: f.get(k) for k in pick} for key, f in old.items() if key not in new]}


def history(service: AuditService, watch: Watch) -> dict[str, Any]:
    """The watch's audits (newest first, with their status and score) and the flag diff of the
    newest finished audit against the finished one before it."""
    rows = [a for a in (service.store.get_audit(i) for i in reversed(watch.history)) if a is not None]
    done = [a for a in rows if a.status == "done" and a.report]
    diff = flag_diff(done[1].report, done[0].report) if len(done) >= 2 else None
    return {"audits": [{"id": a.id, "status": a.status, "created_at": a.created_at,
                        "score": ((a.summary or {}).get("mqm") or {}).get("score")} for a in rows],
            "diff": diff, "diff_between": [done[1].id, done[0].id] if len(done) >= 2 else None}


class WatchScheduler:
    """A thread that checks due watches every `poll` seconds."""

    def __init__(self, service: AuditService, notify_workers: Any, poll: float = 30.0) -> None:
        self.service, self.notify, self.poll = service, notify_workers, poll
        self.stop_event = threading.Event()
        self.thread = threading.Thread(target=self._run, name="driftaudit-watches", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self, grace: float = 5.0) -> None:
        self.stop_event.set()
        self.thread.join(grace)

    def run_due(self) -> int:
        lease = self.service.settings.fetch_timeout + 60
        done = 0
        for watch in self.service.store.claim_watches(lease):
            if self.stop_event.is_set():
                break
            check(self.service, watch, self.notify)
            done += 1
        return done

    def _run(self) -> None:
        while not self.stop_event.wait(self.poll):
            if not self.service.wait_model(0):
                continue  # audits need the model; the watches stay due
            try:
                self.run_due()
            except Exception:
                log.exception("checking watches failed; trying again at the next round")
