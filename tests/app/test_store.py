"""The store and job queue, on SQLite and on a real PostgreSQL."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

import numpy as np
import pytest
from sqlalchemy import inspect, update

from app.services.runner import CorpusIndex
from app.store.db import make_engine, migrate
from app.store.models import Audit
from app.store.repo import AuditFilter, Store, now
from tests.report_utils import small_report


@pytest.fixture
def store(database_url: str) -> Any:
    engine = make_engine(database_url)
    migrate(engine)
    yield Store(engine)
    engine.dispose()


def queue(store: Store, n: int) -> list[str]:
    return [store.create_audit(original_input={"text": "o"}, candidate_input={"text": f"c{i}"}, meta={}).id
            for i in range(n)]


def test_migrations_create_the_schema_and_are_idempotent(store: Store) -> None:
    migrate(store.engine)
    tables = set(inspect(store.engine).get_table_names())
    assert {"audits", "verdicts", "originals", "api_keys", "users", "alembic_version"} <= tables


def test_claims_are_exclusive_under_concurrency(store: Store) -> None:
    ids = queue(store, 30)
    claimed: list[str] = []
    lock = threading.Lock()

    def worker(name: str) -> None:
        while True:
            audit = store.claim_audit(name, 60)
            if audit is None:
                return
            with lock:
                claimed.append(audit.id)
            assert store.finish_audit(audit.id, name, report=small_report())

    threads = [threading.Thread(target=worker, args=(f"host:{n}:0",)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(claimed) == sorted(ids)  # every audit claimed once, none twice
    for audit_id in ids:
        audit = store.get_audit(audit_id)
        assert audit is not None and audit.status == "done" and audit.completions == 1 and audit.attempts == 1


def test_only_the_claim_holder_can_finish(store: Store) -> None:
    (audit_id,) = queue(store, 1)
    first = store.claim_audit("host:1:0", 60)
    assert first is not None and first.id == audit_id
    assert store.claim_audit("host:2:0", 60) is None  # leased
    # The lease runs out: another worker takes it over, the first can no longer finish.
    with store.sessions.begin() as session:
        session.execute(update(Audit).values(lease_until=now() - timedelta(seconds=1)))
    second = store.claim_audit("host:2:0", 60)
    assert second is not None and second.attempts == 2
    assert not store.finish_audit(audit_id, "host:1:0", report=small_report())
    assert store.finish_audit(audit_id, "host:2:0", report=small_report())
    assert not store.finish_audit(audit_id, "host:2:0", report=small_report())
    audit = store.get_audit(audit_id)
    assert audit is not None and audit.completions == 1 and audit.status == "done"


def test_claims_of_dead_processes_are_released(store: Store) -> None:
    queue(store, 2)
    store.claim_audit("thishost:999999999:0", 3600)  # no such pid
    store.claim_audit("otherhost:1:0", 3600)  # another machine: left to its lease
    assert store.release_dead_claims("thishost") == 1
    assert store.counts_by_status() == {"pending": 1, "running": 1}


def test_failed_and_unmatched_outcomes(store: Store) -> None:
    a, b = queue(store, 2)
    assert store.claim_audit("h:1:0", 60) is not None and store.claim_audit("h:1:0", 60) is not None
    store.finish_audit(a, "h:1:0", error={"code": "empty_input", "message": "no text"})
    store.finish_audit(b, "h:1:0", match={"matches": []})
    assert store.get_audit(a).status == "failed"  # type: ignore[union-attr]
    assert store.get_audit(b).status == "unmatched"  # type: ignore[union-attr]
    assert store.queue_depth() == 0


def test_list_filters(store: Store) -> None:
    for title, relation, worst in (("Alpha", "translation", "minor"), ("Beta 100%", "rewrite", "critical"),
                                   ("Gamma", "unrelated", "major")):
        audit = store.create_audit(original_input={}, candidate_input={}, meta={"title": title, "outlet": "X"},
                                   status="running")
        store.finish_audit(audit.id, None, report=small_report(relation, worst))
    rows, total = store.list_audits(AuditFilter(worst_severity="major"), 10, 0)
    assert total == 2 and {r.title for r in rows} == {"Beta 100%", "Gamma"}
    assert store.list_audits(AuditFilter(q="100%"), 10, 0)[1] == 1  # LIKE wildcards are escaped
    assert store.list_audits(AuditFilter(q="%"), 10, 0)[1] == 1
    assert [r.title for r in store.list_audits(AuditFilter(sort="title"), 10, 0)[0]] == ["Alpha", "Beta 100%", "Gamma"]


def test_keys_and_users(store: Store) -> None:
    assert not store.has_keys()
    key = store.create_key("cms")
    assert store.has_keys() and store.verify_key(key) == "cms" and store.verify_key("da_wrong") is None
    assert store.revoke_key("cms") == 1 and store.verify_key(key) is None
    store.create_user("editor", "correct horse")
    assert store.verify_user("editor", "correct horse")
    assert not store.verify_user("editor", "wrong") and not store.verify_user("nobody", "correct horse")


def test_corpus_index_follows_inserts_and_deletes(store: Store) -> None:
    def add(vector: list[float], model: str = "m") -> str:
        doc = np.asarray(vector, dtype=np.float32)
        return store.add_original(title="t", outlet="", url="", external_id="", language="en", text="x", sentences=1,
                                  words=1, model=model, dim=2, doc_vector=doc.tobytes(), vectors=doc.tobytes()).id

    index = CorpusIndex("m")
    a = add([1.0, 0.0])
    b = add([0.0, 1.0])
    add([1.0, 0.0], model="other")  # another model's vectors are not comparable
    index.refresh(store)
    assert [h for h, _ in index.search(np.asarray([0.9, 0.1], dtype=np.float32), 5)] == [a, b]
    c = add([0.7, 0.7])
    index.refresh(store)
    assert index.search(np.asarray([0.7, 0.7], dtype=np.float32), 1)[0][0] == c
    store.delete_original(a)
    index.refresh(store)
    assert a not in [h for h, _ in index.search(np.asarray([1.0, 0.0], dtype=np.float32), 5)]
    assert len(index.ids) == 2


def test_a_claim_by_a_process_id_taken_by_another_process_since_is_released(store: Store) -> None:
    """In a container a restarted service's start-up may run a short process with the id
    of the one that was killed: the claim names the process's start too."""
    import os

    from app.store.repo import process_identity

    queue(store, 2)
    parent = os.getppid()  # alive, with a start of its own
    store.claim_audit(f"thishost:{parent}.1:0", 3600)  # that id, started at another time: dead
    store.claim_audit(f"thishost:{process_identity(parent)}:0", 3600)  # that very process: alive
    assert store.release_dead_claims("thishost") == 1
    assert store.counts_by_status() == {"pending": 1, "running": 1}
    assert process_identity().startswith(f"{os.getpid()}.")
