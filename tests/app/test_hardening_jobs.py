"""The job queue under faults: attempt limits, lease renewal, surviving workers, readiness,
queue limit, deleted originals, atomic synchronous audits, long worker names.

Store tests run on SQLite and PostgreSQL; worker tests drive `WorkerPool` with a stand-in
service (real store, scripted audits); API tests use the app in-process; one test kills a
real `driftaudit serve` with SIGKILL while it runs the same audit, three times.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import httpx
import pytest
from sqlalchemy import select, update
from sqlalchemy.exc import OperationalError

from app.core.worker import WorkerPool
from app.services.runner import Outcome
from app.store.db import make_engine, migrate
from app.store.models import Audit
from app.store.repo import MAX_ATTEMPTS, Store, now
from tests.app.server import Server
from tests.report_utils import small_report

PROBLEM = "application/problem+json"
REPORT = small_report()


# -- helpers -------------------------------------------------------------------------------
class FlakyStore(Store):
    """A store whose `finish_audit` raises a database error the first `failures` times."""

    def __init__(self, engine: Any, failures: int = 0) -> None:
        super().__init__(engine)
        self.failures = failures

    def finish_audit(self, *args: Any, **kwargs: Any) -> bool:
        if self.failures:
            self.failures -= 1
            raise OperationalError("UPDATE audits ...", {}, Exception("database is locked"))
        return super().finish_audit(*args, **kwargs)


@pytest.fixture
def store(database_url: str) -> Iterator[FlakyStore]:
    engine = make_engine(database_url)
    migrate(engine)
    yield FlakyStore(engine)
    engine.dispose()


def queue(store: Store, n: int = 1, **fields: Any) -> list[str]:
    return [store.create_audit(original_input={"text": "o"}, candidate_input={"text": f"c{i}"}, meta={}, **fields).id
            for i in range(n)]


def add_original(store: Store) -> str:
    return store.add_original(title="t", outlet="", url="", external_id="", language="en", text="Some text.",
                              sentences=1, words=2, model="m", dim=0, doc_vector=b"", vectors=b"").id


def audit(store: Store, audit_id: str) -> Audit:
    row = store.get_audit(audit_id)
    assert row is not None
    return row


def wait_for(check: Callable[[], Any], timeout: float = 30, what: str = "condition") -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"{what} not reached within {timeout} s")


class FakeService:
    """What `WorkerPool` uses of `AuditService`: settings, store, one slot, and `run_job` scripted by `run`."""

    def __init__(self, store: Store, prefix: str, run: Callable[[Audit], Outcome], lease: int = 10,
                 poll: float = 0.05) -> None:
        self.settings = SimpleNamespace(job_lease_seconds=lease, job_poll_seconds=poll)
        self.store = store
        self.worker_prefix = prefix
        self.run = run
        self.slots = threading.BoundedSemaphore(1)
        self.runs: list[str] = []

    @contextmanager
    def slot_for_worker(self) -> Iterator[None]:
        with self.slots:
            yield

    def run_job(self, job: Audit) -> Outcome:
        self.runs.append(job.id)
        return self.run(job)

    def release_dead_claims(self) -> int:
        return 0

    def wait_model(self, timeout: float) -> bool:
        return True  # the scripted audits need no model


@contextmanager
def pool_of(service: FakeService, count: int = 1) -> Iterator[WorkerPool]:
    pool = WorkerPool(service, count)  # type: ignore[arg-type]
    pool.start()
    try:
        yield pool
    finally:
        pool.stop(grace=10)


# -- 1. attempt limit -------------------------------------------------------------------------
def test_an_audit_that_keeps_killing_its_process_fails_after_max_attempts(store: Store) -> None:
    crasher, other = queue(store, 2)
    for attempt in range(1, MAX_ATTEMPTS + 1):
        # A process claims the oldest audit and dies (pid 999999999 does not exist); its restart releases it.
        claimed = store.claim_audit("thishost:999999999:0", 3600)
        assert claimed is not None and claimed.id == crasher and claimed.attempts == attempt
        assert store.release_dead_claims("thishost") == 1
        expected = "pending" if attempt < MAX_ATTEMPTS else "failed"
        assert audit(store, crasher).status == expected
    row = audit(store, crasher)
    assert row.error is not None and row.error["code"] == "worker_crashed"
    assert f"stopped the worker {MAX_ATTEMPTS} times" in row.error["message"]
    assert row.completions == 1 and row.lease_until is None
    # Never claimed again: the next claim takes the other audit, then there is nothing.
    nxt = store.claim_audit("thishost:1:0", 60)
    assert nxt is not None and nxt.id == other
    assert store.claim_audit("thishost:1:0", 60) is None
    assert audit(store, crasher).status == "failed"


def test_expired_leases_count_as_attempts_too(store: Store) -> None:
    (audit_id,) = queue(store)
    for n in range(MAX_ATTEMPTS):
        claimed = store.claim_audit(f"far:{n}:0", 60)  # another machine's process, which then vanishes
        assert claimed is not None and claimed.attempts == n + 1
        with store.sessions.begin() as session:
            session.execute(update(Audit).values(lease_until=now() - timedelta(seconds=1)))
    assert store.claim_audit("here:1:0", 60) is None  # the exhausted audit is failed, not claimed
    row = audit(store, audit_id)
    assert row.status == "failed" and row.error is not None and row.error["code"] == "worker_crashed"
    assert not store.finish_audit(audit_id, f"far:{MAX_ATTEMPTS - 1}:0", report=REPORT)  # the last holder is too late


def test_a_clean_hand_back_is_not_an_attempt(store: Store) -> None:
    (audit_id,) = queue(store)
    for _ in range(MAX_ATTEMPTS + 2):  # e.g. rolling restarts while a long audit runs
        assert store.claim_audit("host:7:0", 60) is not None
        assert store.release_claims("host:7") == 1
    row = audit(store, audit_id)
    assert row.status == "pending" and row.attempts == 0


# -- 6. synchronous audits: one transaction; a lease-less `running` row is recoverable ------------
def test_record_audit_stores_a_finished_audit_at_once(store: Store) -> None:
    original = add_original(store)
    row = store.record_audit(original_input={}, candidate_input={"text": "c"}, meta={"outlet": "X"},
                             report=small_report(title="From the report"), original_id=original)
    stored = audit(store, row.id)
    assert (stored.status, stored.completions, stored.attempts, stored.original_id) == ("done", 1, 0, original)
    assert stored.title == "From the report" and stored.relation == "translation" and stored.outlet == "X"
    assert store.counts_by_status() == {"done": 1}
    assert store.claim_audit("host:1:0", 60) is None  # nothing for a worker
    unmatched = store.record_audit(original_input={}, candidate_input={"text": "c"}, meta={},
                                   match={"matches": []}, original_id="0" * 32)  # an original deleted meanwhile
    assert audit(store, unmatched.id).status == "unmatched" and audit(store, unmatched.id).original_id is None


def test_a_running_audit_without_a_lease_is_recovered_after_a_lease(store: Store) -> None:
    # What an older version's synchronous path left when it crashed between its two transactions.
    (left,) = queue(store, status="running")
    assert store.claim_audit("host:1:0", 60) is None  # it may still be finishing in its request
    with store.sessions.begin() as session:
        session.execute(update(Audit).where(Audit.id == left).values(updated_at=now() - timedelta(seconds=61)))
    claimed = store.claim_audit("host:1:0", 60)
    assert claimed is not None and claimed.id == left
    assert store.finish_audit(left, "host:1:0", report=REPORT)
    assert audit(store, left).status == "done"


def test_the_sync_path_never_leaves_a_running_audit(make_client: Any, seeds: dict[str, str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    client = make_client(workers=0)

    def crash(*_: Any, **__: Any) -> bool:
        raise RuntimeError("the process died here")

    # The old path crashed here after its first transaction: the row stayed `running` forever.
    monkeypatch.setattr(Store, "finish_audit", crash)
    r = client.post("/v1/audits", json={"original": {"text": seeds["cnn_original"]},
                                         "candidate": {"text": seeds["german_roundtrip"]}})
    assert r.status_code == 201, r.text
    store: Store = client.app.state.service.store
    row = audit(store, r.json()["id"])
    assert row.status == "done" and row.completions == 1 and row.report == r.json()["report"]
    assert store.counts_by_status() == {"done": 1}


# -- 7. long worker names ---------------------------------------------------------------------------
def test_a_200_character_worker_name_can_claim_renew_and_finish(store: Store) -> None:
    (audit_id,) = queue(store)
    worker = "h" * 200 + ".example.org:4242:3"
    claimed = store.claim_audit(worker, 60)
    assert claimed is not None and claimed.claimed_by == worker
    assert store.extend_lease(audit_id, worker, 60)
    assert store.finish_audit(audit_id, worker, report=REPORT)
    assert audit(store, audit_id).claimed_by == worker
    assert store.release_dead_claims("h" * 200 + ".example.org") == 0


# -- 5. deleted originals -----------------------------------------------------------------------------
def test_deleting_an_original_fails_the_audits_waiting_for_it(store: Store) -> None:
    original = add_original(store)
    running = store.create_audit(original_input={}, candidate_input={"text": "c"}, meta={}, original_id=original).id
    waiting = store.create_audit(original_input={}, candidate_input={"text": "c"}, meta={}, original_id=original).id
    own = store.create_audit(original_input={"text": "o"}, candidate_input={"text": "c"}, meta={},
                             original_id=original).id  # brings its own original: unaffected
    finished = store.record_audit(original_input={}, candidate_input={"text": "c"}, meta={}, report=REPORT,
                                  original_id=original).id
    claimed = store.claim_audit("host:1:0", 60)
    assert claimed is not None and claimed.id == running
    assert store.delete_original(original)
    assert not store.delete_original(original)
    for audit_id in (running, waiting):
        row = audit(store, audit_id)
        assert row.status == "failed" and row.original_id is None and row.completions == 1
        assert row.error is not None and row.error["code"] == "original_deleted" and original in row.error["message"]
    assert not store.finish_audit(running, "host:1:0", report=REPORT)  # its worker's result is not stored
    done = audit(store, finished)
    assert done.status == "done" and done.report == REPORT.to_dict() and done.original_id is None  # reports stay
    assert audit(store, own).status == "pending"
    claimed = store.claim_audit("host:1:0", 60)
    assert claimed is not None and claimed.id == own  # and nothing else: none became a corpus match
    assert store.claim_audit("host:1:0", 60) is None


def test_a_finish_naming_a_deleted_original_is_stored(store: Store) -> None:
    # A candidate-only audit matched an original that was deleted before the outcome was stored.
    (audit_id,) = queue(store)
    original = add_original(store)
    assert store.claim_audit("host:1:0", 60) is not None
    assert store.delete_original(original)
    assert store.finish_audit(audit_id, "host:1:0", report=REPORT, original_id=original)
    row = audit(store, audit_id)
    assert row.status == "done" and row.original_id is None


def test_a_pending_audit_against_a_deleted_original_fails_over_http(make_client: Any, seeds: dict[str, str]) -> None:
    client = make_client(workers=0)  # nothing runs it before the original goes
    original = client.post("/v1/originals", json={"text": seeds["cnn_original"]}).json()
    r = client.post("/v1/audits", json={"original_id": original["id"], "background": True,
                                         "candidate": {"text": seeds["german_roundtrip"]}})
    assert r.status_code == 202, r.text
    assert client.delete(f"/v1/originals/{original['id']}").status_code == 204
    body = client.get(f"/v1/audits/{r.json()['id']}").json()
    assert body["status"] == "failed" and body["error"]["code"] == "original_deleted"
    assert body["report"] is None and body["match"] is None


# -- 4. queue limit -------------------------------------------------------------------------------------
def test_background_audits_beyond_the_queue_limit_answer_503(make_client: Any, seeds: dict[str, str]) -> None:
    client = make_client(workers=0, max_pending_audits=2)
    body = {"original": {"text": seeds["cnn_original"]}, "candidate": {"text": seeds["german_roundtrip"]},
            "background": True}
    assert [client.post("/v1/audits", json=body).status_code for _ in range(2)] == [202, 202]
    r = client.post("/v1/audits", json=body)
    assert r.status_code == 503 and r.headers["content-type"].startswith(PROBLEM)
    assert int(r.headers["retry-after"]) > 0
    problem = r.json()
    assert problem["code"] == "queue_full" and "2 background audits are waiting" in problem["detail"]
    assert client.get("/v1/audits").json()["total"] == 2  # the refused one was not stored
    small = client.post("/v1/audits", json={**body, "background": False})  # audited at once: not queued
    assert small.status_code == 201, small.text


# -- 2. workers survive errors, and say whether they live ---------------------------------------------------
def test_a_worker_survives_a_database_error_in_the_error_path(store: FlakyStore) -> None:
    def run(job: Audit) -> Outcome:
        if job.candidate_input["text"] == "c0":
            raise RuntimeError("a bug in the engine")
        return Outcome(report=REPORT)

    service = FakeService(store, "host:1", run)
    (crashing,) = queue(store)
    store.failures = 1  # the finish that records the crash fails once: it killed the thread before
    with pool_of(service) as pool:
        row = wait_for(lambda: (a := audit(store, crashing)).status == "failed" and a, what="crash recorded")
        assert row.error == {"code": "internal_error", "status": 500, "message": "the audit failed unexpectedly",
                             "hint": "report this audit id to the operators"}
        # The same worker goes on: a new audit, whose first store attempt fails too, gets done.
        store.failures = 1
        later = store.create_audit(original_input={}, candidate_input={"text": "later"}, meta={}).id
        pool.notify()
        done = wait_for(lambda: (a := audit(store, later)).status == "done" and a, what="later audit done")
        assert done.completions == 1 and done.attempts == 1
        assert pool.threads[0].is_alive() and pool.health() == "ok"
    assert store.failures == 0 and service.runs == [crashing, later]


def test_a_worker_claims_only_with_a_slot_in_hand(store: FlakyStore) -> None:
    service = FakeService(store, "host:1", lambda job: Outcome(report=REPORT))
    (audit_id,) = queue(store)
    service.slots.acquire()  # a request holds the only slot
    held = True
    try:
        with pool_of(service) as pool:
            time.sleep(0.5)
            row = audit(store, audit_id)
            assert row.status == "pending" and row.attempts == 0  # not claimed, so no lease ticking
            assert pool.health() == "ok"  # waiting for a slot is not being stuck
            service.slots.release()
            held = False
            wait_for(lambda: audit(store, audit_id).status == "done", what="audit done")
    finally:
        if held:
            service.slots.release()


def test_a_dead_worker_thread_is_reported(store: FlakyStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(threading, "excepthook", lambda args: None)  # the death below is on purpose

    def die(job: Audit) -> Outcome:
        raise SystemExit  # not an Exception: nothing catches it, as with a bug outside the guarded code

    service = FakeService(store, "host:1", die)
    queue(store)
    with pool_of(service) as pool:
        wait_for(lambda: not pool.threads[0].is_alive(), what="thread death")
        assert pool.health() == "driftaudit-worker-0 died"


def test_readyz_reports_stuck_and_dead_workers(make_client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    client = make_client(job_lease_seconds=10)  # stale after 3 x 0.1 s + 10/3 s
    assert client.get("/readyz").status_code == 200
    assert client.get("/readyz").json()["checks"]["workers"] == "ok"
    store = client.app.state.service.store
    pool = client.app.state.workers
    release = threading.Event()

    def hang(*_: Any) -> None:  # a claim stuck in the database
        release.wait(30)

    monkeypatch.setattr(store, "claim_audit", hang)
    r = wait_for(lambda: (r := client.get("/readyz")).status_code == 503 and r, timeout=15, what="503")
    assert r.json()["checks"]["workers"].startswith("driftaudit-worker-0 silent for")
    assert r.json()["checks"]["database"] == "ok"
    release.set()
    wait_for(lambda: client.get("/readyz").status_code == 200, timeout=10, what="ready again")

    monkeypatch.setattr(threading, "excepthook", lambda args: None)

    def die(*_: Any) -> None:
        raise SystemExit

    monkeypatch.setattr(store, "claim_audit", die)
    pool.notify()
    r = wait_for(lambda: (r := client.get("/readyz")).status_code == 503 and r, timeout=10, what="503")
    assert r.json() == {"status": "unavailable",
                        "checks": {"model": "ok", "workers": "driftaudit-worker-0 died", "database": "ok"}}


# -- 3. leases are renewed while the audit runs ------------------------------------------------------
def test_a_long_audit_keeps_its_claim_past_the_first_lease(store: FlakyStore) -> None:
    lease = 2
    started = threading.Event()

    def slow(job: Audit) -> Outcome:
        started.set()
        time.sleep(3 * lease)  # three leases long
        return Outcome(report=REPORT)

    first = FakeService(store, "host:1", slow, lease=lease)
    second = FakeService(store, "host:2", lambda job: Outcome(report=REPORT), lease=lease)
    (audit_id,) = queue(store)
    with pool_of(first):
        assert started.wait(10)
        claimed_at = audit(store, audit_id).lease_until
        with pool_of(second):  # polls all along, and would take over an expired lease
            time.sleep(lease + 1)
            row = audit(store, audit_id)
            assert row.status == "running" and row.claimed_by == "host:1:0"
            assert row.lease_until is not None and claimed_at is not None and row.lease_until > claimed_at
            wait_for(lambda: audit(store, audit_id).status == "done", timeout=20, what="audit done")
    row = audit(store, audit_id)
    assert (row.attempts, row.completions, row.claimed_by) == (1, 1, "host:1:0")
    assert first.runs == [audit_id] and second.runs == []


# -- 1, for real: SIGKILL while the same audit runs, three times ------------------------------------------
def poll(http: httpx.Client, audit_id: str, until: Callable[[dict[str, Any]], bool], what: str) -> dict[str, Any]:
    """GET the audit until `until(body)`; out: that body."""
    def check() -> dict[str, Any] | None:
        body: dict[str, Any] = http.get(f"/v1/audits/{audit_id}").json()
        return body if until(body) else None

    result: dict[str, Any] = wait_for(check, timeout=60, what=what)
    return result


@pytest.mark.slow
def test_an_audit_running_at_three_kills_fails_instead_of_looping(tmp_path: Path, seeds: dict[str, str]) -> None:
    data = tmp_path / "data"
    env = {"DRIFTAUDIT_WORKERS": "1"}
    # About 2,900 sentences a side: several seconds of work, long enough to be killed in the middle.
    big = {"original": {"text": seeds["cnn_original"] * 75}, "candidate": {"text": seeds["german_roundtrip"] * 75},
           "background": True}
    audit_id = ""
    for kill in range(1, MAX_ATTEMPTS + 1):
        server = Server(data, **env).start()
        try:
            with httpx.Client(base_url=server.url, timeout=60) as http:
                if not audit_id:
                    r = http.post("/v1/audits", json=big)
                    assert r.status_code == 202, r.text
                    audit_id = r.json()["id"]
                body = poll(http, audit_id, lambda b: b["status"] != "pending", what="the audit claimed")
                assert body["status"] == "running" and body["attempts"] == kill, body
            server.kill()
        finally:
            server.stop()
    with Server(data, **env) as server, httpx.Client(base_url=server.url, timeout=60) as http:
        body = http.get(f"/v1/audits/{audit_id}").json()
        assert body["status"] == "failed" and body["attempts"] == MAX_ATTEMPTS
        assert body["error"]["code"] == "worker_crashed"
        assert f"stopped the worker {MAX_ATTEMPTS} times" in body["error"]["message"]
        # The worker is free for other work at once.
        r = http.post("/v1/audits", json={"original": {"text": seeds["cnn_original"]},
                                           "candidate": {"text": seeds["paraphrase_rewrite"]}, "background": True})
        assert r.status_code == 202
        done = poll(http, r.json()["id"], lambda b: b["status"] == "done", what="the next audit done")
        assert done["attempts"] == 1
        assert http.get("/readyz").json()["checks"]["workers"] == "ok"
    engine = make_engine(f"sqlite:///{data / 'driftaudit.db'}")
    with engine.connect() as connection:
        assert connection.execute(select(Audit.completions).where(Audit.id == audit_id)).scalar_one() == 1
    engine.dispose()
