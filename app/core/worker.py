"""Background workers: threads that claim pending audits from the database and run them.

Several processes (on several machines, with Postgres) can run workers against one
database: claiming is atomic, and finishing only succeeds for the claim holder, so
every accepted audit finishes exactly once. On a clean stop a worker finishes its
audit if it can within the grace period; otherwise the claim is handed back.
"""

from __future__ import annotations

import logging
import threading
import time

from app.core import metrics
from app.core.engine import AuditService

log = logging.getLogger("driftaudit.worker")


class WorkerPool:
    """`count` threads polling the queue every `poll` seconds (woken at once by `notify`)."""

    def __init__(self, service: AuditService, count: int) -> None:
        self.service = service
        self.count = count
        self.stop_event = threading.Event()
        self.wake = threading.Event()
        self.threads: list[threading.Thread] = []
        self.busy = 0

    def start(self) -> None:
        released = self.service.release_dead_claims()
        if released:
            log.info("requeued audits left by a stopped process", extra={"count": released})
        for n in range(self.count):
            thread = threading.Thread(target=self._loop, name=f"driftaudit-worker-{n}",
                                      args=(f"{self.service.worker_prefix}:{n}",), daemon=True)
            thread.start()
            self.threads.append(thread)

    def notify(self) -> None:
        self.wake.set()

    def stop(self, grace: float = 20.0) -> None:
        self.stop_event.set()
        self.wake.set()
        deadline = time.monotonic() + grace
        for thread in self.threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        returned = self.service.store.release_claims(self.service.worker_prefix)
        if returned:
            log.info("handed unfinished audits back to the queue", extra={"count": returned})

    def _loop(self, name: str) -> None:
        settings = self.service.settings
        store = self.service.store
        while not self.stop_event.is_set():
            try:
                audit = store.claim_audit(name, settings.job_lease_seconds)
            except Exception:  # database away: wait and try again
                log.exception("claiming an audit failed")
                self.stop_event.wait(5)
                continue
            if audit is None:
                self.wake.wait(settings.job_poll_seconds)
                self.wake.clear()
                continue
            self.busy += 1
            started = time.perf_counter()
            try:
                with self.service.slot_for_worker():
                    outcome = self.service.run_job(audit)
                finished = store.finish_audit(audit.id, name, report=outcome.report, error=outcome.error,
                                              match=outcome.match, original_id=outcome.original_id)
                metrics.audit_finished(outcome.report, outcome.error, time.perf_counter() - started, stored=finished)
                log.info("audit finished" if finished else "audit was taken over by another worker",
                         extra={"audit_id": audit.id, "seconds": round(time.perf_counter() - started, 3),
                                "status": "failed" if outcome.error else "done"})
            except Exception:
                log.exception("audit crashed", extra={"audit_id": audit.id})
                store.finish_audit(audit.id, name, error={"code": "internal_error", "status": 500,
                                                          "message": "the audit failed unexpectedly",
                                                          "hint": "report this audit id to the operators"})
            finally:
                self.busy -= 1
