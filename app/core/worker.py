"""Background workers: threads that claim pending audits from the database and run them.

Several processes (on several machines, with Postgres) can run workers against one
database: claiming is atomic, and finishing only succeeds for the claim holder, so
every accepted audit finishes exactly once. On a clean stop a worker finishes its
audit if it can within the grace period; otherwise the claim is handed back.

A worker claims only once it holds one of the process's audit slots, so its lease starts
when the work starts, and a small thread renews the lease every third of it while the
audit runs: a long audit is never taken over by a second worker while the first still
runs it. A worker survives every exception (it logs, backs off and goes on), and it
records a heartbeat that `/readyz` reads (`WorkerPool.health`).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType

from app.core import metrics
from app.services import audits as audit_service
from app.services.runner import AuditService, Outcome
from app.store.models import Audit
from app.store.repo import Store

log = logging.getLogger("driftaudit.worker")

BACKOFF_MIN = 0.5  # seconds before the first retry after an error; doubled up to BACKOFF_MAX
BACKOFF_MAX = 30.0
INTERNAL_ERROR = {"code": "internal_error", "status": 500, "message": "the audit failed unexpectedly",
                  "hint": "report this audit id to the operators"}
# A worker blocked here is waiting for this process's own audits to finish, not stuck.
WAITING_FOR_SLOT = "waiting for a slot"


@dataclass
class Beat:
    """A worker's last sign of life: when (monotonic seconds), doing what, and failing since when."""

    at: float
    state: str
    failing_since: float | None = None
    last_error: str = ""


class LeaseKeeper:
    """Renews `worker`'s claim on an audit every lease/3 seconds in a small thread while it runs.

    Use as a context manager around the work. `lock` is held around each renewal; hold it around
    the finish and call `done()` so no renewal runs after it (and none reports a lost claim).
    """

    def __init__(self, store: Store, audit_id: str, worker: str, lease_seconds: int,
                 beat: Callable[[], None] = lambda: None) -> None:
        self.store = store
        self.audit_id = audit_id
        self.worker = worker
        self.lease_seconds = lease_seconds
        self.interval = lease_seconds / 3
        self.beat = beat
        self.lock = threading.Lock()
        self.lost = False  # another worker took the audit over (or it was failed or deleted)
        self._finished = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"{threading.current_thread().name}-lease", daemon=True)

    def __enter__(self) -> LeaseKeeper:
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self._stop.set()
        # A renewal stuck in the database must not hold the worker up; the thread is a daemon.
        self._thread.join(timeout=2)

    def done(self) -> None:
        """The outcome is stored: renew no more. Call with `lock` held."""
        self._finished = True

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                with self.lock:
                    if self._finished:
                        return
                    held = self.store.extend_lease(self.audit_id, self.worker, self.lease_seconds)
            except Exception:  # the database is away: the next tick tries again, the lease covers 3 ticks
                log.warning("renewing a lease failed", exc_info=True, extra={"audit_id": self.audit_id})
                continue
            if not held:
                self.lost = True
                log.warning("lost the claim on an audit while running it",
                            extra={"audit_id": self.audit_id, "worker": self.worker})
                return
            self.beat()


class WorkerPool:
    """`count` threads polling the queue every `poll` seconds (woken at once by `notify`)."""

    def __init__(self, service: AuditService, count: int) -> None:
        self.service = service
        self.count = count
        self.stop_event = threading.Event()
        self.wake = threading.Event()
        self.threads: list[threading.Thread] = []
        self.workers: list[tuple[str, threading.Thread]] = []  # (worker name, its thread)
        self.beats: dict[str, Beat] = {}
        self._lock = threading.Lock()  # beats and busy
        self.busy = 0

    @property
    def stale_after(self) -> float:
        """Seconds without a heartbeat after which a worker counts as stuck.

        Idle workers beat every poll, busy ones at every lease renewal (lease/3), and backing
        off is capped below this, so three missed polls plus a renewal interval is a real hang.
        """
        settings = self.service.settings
        return 3 * settings.job_poll_seconds + settings.job_lease_seconds / 3

    def start(self) -> None:
        released = self.service.release_dead_claims()
        if released:
            log.info("released audits left by a stopped process (requeued, or failed after repeated crashes)",
                     extra={"count": released})
        for n in range(self.count):
            name = f"{self.service.worker_prefix}:{n}"
            self._beat(name, "starting")
            thread = threading.Thread(target=self._loop, name=f"driftaudit-worker-{n}", args=(name,), daemon=True)
            thread.start()
            self.threads.append(thread)
            self.workers.append((name, thread))

    def notify(self) -> None:
        self.wake.set()

    def stop(self, grace: float = 20.0) -> None:
        self.stop_event.set()
        self.wake.set()
        deadline = time.monotonic() + grace
        for thread in self.threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        try:
            returned = self.service.store.release_claims(self.service.worker_prefix)
        except Exception:  # the leases expire on their own; the next start or another process takes them
            log.exception("handing unfinished audits back failed")
            return
        if returned:
            log.info("handed unfinished audits back to the queue", extra={"count": returned})

    def health(self) -> str:
        """'ok', or what is wrong with the workers (a dead thread, a stale heartbeat, repeated errors)."""
        if self.stop_event.is_set():
            return "stopping"
        limit = self.stale_after
        clock = time.monotonic()
        with self._lock:
            beats = {name: Beat(b.at, b.state, b.failing_since, b.last_error) for name, b in self.beats.items()}
        for name, thread in list(self.workers):
            beat = beats[name]
            if not thread.is_alive():
                return f"{thread.name} died"
            if beat.failing_since is not None and clock - beat.failing_since > limit:
                return f"{thread.name} failing for {clock - beat.failing_since:.0f} s: {beat.last_error}"
            if beat.state != WAITING_FOR_SLOT and clock - beat.at > limit:
                return f"{thread.name} silent for {clock - beat.at:.0f} s ({beat.state})"
        return "ok"

    def _beat(self, name: str, state: str, error: BaseException | None = None, ok: bool = False) -> None:
        """Record a sign of life; `error` starts (or continues) a failing spell, `ok` ends it."""
        clock = time.monotonic()
        with self._lock:
            beat = self.beats.setdefault(name, Beat(clock, state))
            beat.at, beat.state = clock, state
            if error is not None:
                beat.failing_since = beat.failing_since or clock
                beat.last_error = type(error).__name__
            elif ok:
                beat.failing_since, beat.last_error = None, ""

    def _backoff(self, failures: int) -> float:
        # Capped so that a worker backing off still beats in time: it is alive, and `health`
        # reports a failing spell separately once it lasts longer than `stale_after`.
        return min(BACKOFF_MAX, BACKOFF_MIN * 2 ** (failures - 1), self.stale_after / 3)

    def _loop(self, name: str) -> None:
        failures = 0
        while not self.stop_event.is_set():
            self._beat(name, "idle")
            try:
                worked = self._step(name)
            except Exception as exc:  # anything at all: log, back off, go on; a worker never dies of it
                failures += 1
                delay = self._backoff(failures)
                log.exception("worker error; retrying", extra={"worker": name, "retry_in": delay})
                self._beat(name, "backing off", error=exc)
                self.stop_event.wait(delay)
                continue
            failures = 0
            self._beat(name, "idle", ok=True)
            if not worked:
                self.wake.wait(self.service.settings.job_poll_seconds)
                self.wake.clear()

    def _step(self, name: str) -> bool:
        """Claim one audit and run it; False when the queue was empty."""
        if not self.service.wait_model(self.service.settings.job_poll_seconds):
            self._beat(name, "waiting for the model")
            return False
        self._beat(name, WAITING_FOR_SLOT)
        # Claim only with a slot in hand: the lease starts when the work does, and no audit
        # sits claimed by this process while its slots are taken.
        with self.service.slot_for_worker():
            if self.stop_event.is_set():
                return False
            self._beat(name, "claiming")
            audit = self.service.store.claim_audit(name, self.service.settings.job_lease_seconds)
            if audit is None:
                return False
            self._run(name, audit)
        return True

    def _run(self, name: str, audit: Audit) -> None:
        """Run a claimed audit under a renewed lease and store its outcome (any error becomes `failed`)."""
        settings = self.service.settings
        store = self.service.store
        audit_id = audit.id
        with self._lock:
            self.busy += 1
        started = time.perf_counter()
        try:
            with LeaseKeeper(store, audit_id, name, settings.job_lease_seconds,
                             beat=lambda: self._beat(name, "working")) as keeper:
                self._beat(name, "working")
                try:
                    outcome = audit_service.run_claimed(self.service, audit)
                except Exception:
                    log.exception("audit crashed", extra={"audit_id": audit_id})
                    outcome = Outcome(error=dict(INTERNAL_ERROR))
                finished = self._store_outcome(name, audit_id, outcome, keeper)
            if finished is None:
                return
            metrics.audit_finished(outcome.report, outcome.error, time.perf_counter() - started, stored=finished)
            log.info("audit finished" if finished else "audit was taken over by another worker",
                     extra={"audit_id": audit_id, "seconds": round(time.perf_counter() - started, 3),
                            "status": "failed" if outcome.error else "done"})
        finally:
            with self._lock:
                self.busy -= 1

    def _store_outcome(self, name: str, audit_id: str, outcome: Outcome, keeper: LeaseKeeper) -> bool | None:
        """Store `outcome`, retrying database errors while the lease lasts.

        Out: True stored, False the claim was lost (another worker finishes it), None not stored
        (the database stayed away or the pool stops): the lease then expires and the audit runs again.
        """
        deadline = time.monotonic() + self.service.settings.job_lease_seconds
        failures = 0
        while True:
            try:
                with keeper.lock:
                    finished = audit_service.finish_claimed(self.service, audit_id, name, outcome)
                    keeper.done()
                return finished
            except Exception as exc:
                failures += 1
                delay = self._backoff(failures)
                self._beat(name, "storing an outcome", error=exc)
                if self.stop_event.is_set() or time.monotonic() + delay > deadline:
                    log.exception("storing an audit's outcome failed; it runs again once its lease expires",
                                  extra={"audit_id": audit_id})
                    return None
                log.warning("storing an audit's outcome failed; retrying", exc_info=True,
                            extra={"audit_id": audit_id, "retry_in": delay})
                self.stop_event.wait(delay)
