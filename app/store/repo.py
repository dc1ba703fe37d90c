"""Persistence operations used by the API and the workers; nothing else touches SQL.

Audits double as the job queue. A worker claims a pending audit (Postgres:
`SELECT ... FOR UPDATE SKIP LOCKED`; SQLite: a conditional UPDATE, one process),
holds a lease (renewed while it works), and finishes it with an UPDATE that only
succeeds while it still holds the claim, so an audit is finished exactly once even when
a lease expires and another worker takes it over. Every claim counts as an attempt; a
clean hand-back at shutdown gives it back. An audit whose attempts all ended with the
worker's process dead (or its lease expired) fails instead of being claimed again, so an
audit that crashes the process cannot crash it at every restart.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, cast, overload

from sqlalchemy import ColumnElement, CursorResult, Engine, Result, and_, case, delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, defer, sessionmaker

from app.store.db import session_factory
from app.store.models import (
    UNFINISHED,
    Alert,
    AlertRule,
    ApiKey,
    Audit,
    GlossaryEntry,
    LoginFailure,
    Original,
    SuppressionRuleRow,
    User,
    Verdict,
    Watch,
    Webhook,
    WebhookDelivery,
    WebSession,
)
from scoring.report import Report
from scoring.types import SEVERITY_RANK

KEY_PREFIX = "da_"
# Claims of one audit that may end without a finish (process killed, lease expired) before
# it fails for good (the default of DRIFTAUDIT_JOB_MAX_ATTEMPTS).
MAX_ATTEMPTS = 3
# Exhausted audits one claim call may fail on its way to a claimable one; the rest wait for
# the next poll, so a claim stays a short transaction.
CLAIM_SKIPS = 20


def affected(result: Result[Any]) -> int:
    """Rows an UPDATE or DELETE changed: its result is a cursor result, which SQLAlchemy's
    `Session.execute` types as a plain `Result`."""
    return cast(CursorResult[Any], result).rowcount


@overload
def utc(stamp: datetime) -> datetime: ...
@overload
def utc(stamp: None) -> None: ...
def utc(stamp: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; they were stored as UTC."""
    return stamp.replace(tzinfo=UTC) if stamp is not None and stamp.tzinfo is None else stamp


def now() -> datetime:
    return datetime.now(UTC)


def new_id() -> str:
    return uuid.uuid4().hex


def exhausted_error(attempts: int = MAX_ATTEMPTS) -> dict[str, Any]:
    """The error stored on an audit that stopped its worker `attempts` times."""
    return {"code": "worker_crashed", "status": 500,
            "message": f"this audit stopped the worker {attempts} times (its process died or its claim expired "
                       "while running it), so it is not tried again",
            "hint": "report this audit id to the operators; their logs show what stopped the worker"}


def original_deleted_error(original_id: str) -> dict[str, Any]:
    """The error stored on an unfinished audit whose stored original was deleted."""
    return {"code": "original_deleted", "status": 409,
            "message": f"the stored original {original_id} this audit was to be checked against was deleted "
                       "before the audit ran",
            "hint": "audit the candidate again against another original (original_id or original), "
                    "or without one to have it matched against the corpus"}


def outcome_values(report: Report | None, error: dict[str, Any] | None, match: dict[str, Any] | None,
                   stamp: datetime) -> dict[str, Any]:
    """Column values of a finished audit: status, report and what lists show of it.

    No report and no error: a candidate-only audit whose original was not found (`unmatched`).
    The title is left out: callers decide whether the report's title wins.
    """
    values: dict[str, Any] = {"status": "failed" if error else "done" if report else "unmatched",
                              "report": report.to_dict() if report else None, "error": error, "finished_at": stamp,
                              "updated_at": stamp, "lease_until": None}
    if report:
        values["summary"] = report.summary.model_dump(mode="json")
        values["relation"] = report.summary.relation
        values["worst_severity"] = report.summary.worst_severity
    if match is not None:
        values["match"] = match
    return values


def report_title(report: Report | None) -> str:
    """The candidate's title as the report found it ('' when none)."""
    return (report.candidate.title or "")[:500] if report else ""


@dataclass
class AuditFilter:
    status: str | None = None
    relation: str | None = None
    worst_severity: str | None = None  # this severity or worse
    outlet: str | None = None
    created_after: datetime | None = None
    created_before: datetime | None = None
    q: str | None = None  # substring of the title
    sort: str = "-created_at"


SORTABLE = {"created_at": Audit.created_at, "title": Audit.title, "outlet": Audit.outlet,
            "relation": Audit.relation, "status": Audit.status}


class Store:
    """All reads and writes of the service, one short transaction each."""

    def __init__(self, engine: Engine, max_attempts: int = MAX_ATTEMPTS) -> None:
        self.engine = engine
        self.max_attempts = max_attempts
        self.sessions: sessionmaker[Session] = session_factory(engine)
        self.is_postgres = engine.dialect.name == "postgresql"

    # -- audits -------------------------------------------------------------------
    def create_audit(self, *, original_input: dict[str, Any], candidate_input: dict[str, Any],
                     meta: dict[str, Any], status: str = "pending", original_id: str | None = None) -> Audit:
        stamp = now()
        audit = Audit(id=new_id(), status=status, created_at=stamp, updated_at=stamp, original_input=original_input,
                      candidate_input=candidate_input, meta=meta, title=str(meta.get("title") or "")[:500],
                      outlet=str(meta.get("outlet") or "")[:200], attempts=0, completions=0,
                      original_id=original_id)
        with self.sessions.begin() as session:
            session.add(audit)
        return audit

    def record_audit(self, *, original_input: dict[str, Any], candidate_input: dict[str, Any], meta: dict[str, Any],
                     report: Report | None = None, error: dict[str, Any] | None = None,
                     match: dict[str, Any] | None = None, original_id: str | None = None) -> Audit:
        """Store an audit that already ran (in a request) in one transaction, finished.

        In: the inputs, metadata and outcome, as for `create_audit` + `finish_audit`. Out: the
        stored audit. Nothing is ever left `running` (a crash before the commit stores nothing).
        An `original_id` deleted while the audit ran is stored as None, as deleting it would have.
        """
        stamp = now()
        values = outcome_values(report, error, match, stamp)
        audit = Audit(id=new_id(), created_at=stamp, started_at=stamp, original_input=original_input,
                      candidate_input=candidate_input, meta=meta,
                      title=str(meta.get("title") or "")[:500] or report_title(report),
                      outlet=str(meta.get("outlet") or "")[:200], attempts=0, completions=1, **values)
        with self.sessions.begin() as session:
            if original_id is not None and self._lock_original(session, original_id, share=True) is None:
                original_id = None
            audit.original_id = original_id
            session.add(audit)
        return audit

    def _lock_original(self, session: Session, original_id: str, share: bool = False) -> str | None:
        """`original_id` if it exists, else None; on Postgres locked until the transaction ends.

        `share`: only kept from being deleted meanwhile (FOR KEY SHARE, as a foreign key check
        does); otherwise locked for deletion (FOR UPDATE), which waits for those and blocks new ones.
        """
        return session.scalar(select(Original.id).where(Original.id == original_id)
                              .with_for_update(key_share=share))

    def get_audit(self, audit_id: str) -> Audit | None:
        with self.sessions() as session:
            return session.get(Audit, audit_id)

    def list_audits(self, flt: AuditFilter, limit: int, offset: int) -> tuple[list[Audit], int]:
        conditions = []
        if flt.status:
            conditions.append(Audit.status == flt.status)
        if flt.relation:
            conditions.append(Audit.relation == flt.relation)
        if flt.worst_severity:
            rank = SEVERITY_RANK[flt.worst_severity]
            conditions.append(Audit.worst_severity.in_([s for s, r in SEVERITY_RANK.items() if r >= rank]))
        if flt.outlet:
            conditions.append(Audit.outlet == flt.outlet)
        if flt.created_after:
            conditions.append(Audit.created_at >= flt.created_after)
        if flt.created_before:
            conditions.append(Audit.created_at < flt.created_before)
        if flt.q:
            conditions.append(func.lower(Audit.title).contains(flt.q.lower(), autoescape=True))
        where = and_(*conditions) if conditions else None
        column = SORTABLE.get(flt.sort.lstrip("-"), Audit.created_at)
        order = column.desc() if flt.sort.startswith("-") else column.asc()
        with self.sessions() as session:
            query = (select(Audit).options(defer(Audit.report), defer(Audit.original_input),
                                           defer(Audit.candidate_input))
                     .order_by(order, Audit.id).limit(limit).offset(offset))
            count = select(func.count()).select_from(Audit)
            if where is not None:
                query, count = query.where(where), count.where(where)
            return list(session.scalars(query)), int(session.scalar(count) or 0)

    def delete_audit(self, audit_id: str) -> bool:
        with self.sessions.begin() as session:
            session.execute(delete(Verdict).where(Verdict.audit_id == audit_id))
            return bool(affected(session.execute(delete(Audit).where(Audit.id == audit_id))))

    def counts_by_status(self) -> dict[str, int]:
        with self.sessions() as session:
            return {status: int(n) for status, n in session.execute(select(Audit.status, func.count()).group_by(Audit.status))}

    # -- the job queue --------------------------------------------------------------
    def claim_audit(self, worker: str, lease_seconds: int) -> Audit | None:
        """Take the oldest claimable audit for `worker` for `lease_seconds`; None when there is none.

        Claimable: pending; running with an expired lease; or running without any lease for longer
        than a lease (left by an interrupted request of an older version). Each claim is an attempt;
        an audit that already had MAX_ATTEMPTS fails (`worker_crashed`) instead of being claimed.
        """
        for _ in range(CLAIM_SKIPS):
            stamp = now()
            claimable = or_(Audit.status == "pending",
                            and_(Audit.status == "running",
                                 or_(Audit.lease_until < stamp,
                                     and_(Audit.lease_until.is_(None),
                                          Audit.updated_at < stamp - timedelta(seconds=lease_seconds)))))
            with self.sessions.begin() as session:
                query = select(Audit.id, Audit.attempts).where(claimable).order_by(Audit.created_at).limit(1)
                if self.is_postgres:
                    query = query.with_for_update(skip_locked=True)
                row = session.execute(query).first()
                if row is None:
                    return None
                audit_id, attempts = row
                if attempts >= self.max_attempts:  # it stopped its workers often enough: fail it, look further
                    session.execute(update(Audit).where(Audit.id == audit_id, claimable)
                                    .values(**self._exhausted_values(stamp, attempts)))
                    continue
                claimed = affected(session.execute(
                    update(Audit).where(Audit.id == audit_id, claimable)
                    .values(status="running", claimed_by=worker, lease_until=stamp + timedelta(seconds=lease_seconds),
                            started_at=stamp, updated_at=stamp, attempts=Audit.attempts + 1)
                ))
                if not claimed:  # another thread of this process won the race (SQLite)
                    return None
            return self.get_audit(audit_id)
        return None

    @staticmethod
    def _exhausted_values(stamp: datetime, attempts: int = MAX_ATTEMPTS) -> dict[str, Any]:
        """Column values that fail an audit which stopped its worker `attempts` times (claimed_by kept for the logs)."""
        return {"status": "failed", "error": exhausted_error(attempts), "finished_at": stamp, "updated_at": stamp,
                "lease_until": None, "completions": Audit.completions + 1}

    def finish_audit(self, audit_id: str, worker: str | None, *, report: Report | None = None,
                     error: dict[str, Any] | None = None, match: dict[str, Any] | None = None,
                     original_id: str | None = None) -> bool:
        """Store the outcome; False when `worker` no longer holds the audit (or it is gone).

        `worker` None finishes any unfinished audit. An `original_id` deleted meanwhile is stored
        as None (a foreign key error here would lose the outcome).
        """
        values = outcome_values(report, error, match, now())
        values["completions"] = Audit.completions + 1
        if report:
            values["title"] = func.coalesce(func.nullif(Audit.title, ""), report_title(report))
        if original_id is not None:
            values["original_id"] = select(Original.id).where(Original.id == original_id).scalar_subquery()
        condition = [Audit.id == audit_id]
        if worker is None:
            condition.append(Audit.status.in_(UNFINISHED))
        else:
            condition += [Audit.status == "running", Audit.claimed_by == worker]
        with self.sessions.begin() as session:
            done = affected(session.execute(update(Audit).where(*condition).values(**values)))
        return bool(done)

    def extend_lease(self, audit_id: str, worker: str, lease_seconds: int) -> bool:
        """Renew `worker`'s claim for `lease_seconds` from now; False when it no longer holds it."""
        with self.sessions.begin() as session:
            return bool(affected(session.execute(
                update(Audit).where(Audit.id == audit_id, Audit.claimed_by == worker, Audit.status == "running")
                .values(lease_until=now() + timedelta(seconds=lease_seconds)))))

    def release_dead_claims(self, host: str) -> int:
        """Put audits claimed by dead processes of `host` back in the queue; returns how many were released.

        Worker names are `host:pid:thread`. Claims of other hosts expire with their lease. An
        audit that had MAX_ATTEMPTS already (it killed the process that many times) fails instead.
        """
        with self.sessions() as session:
            holders = set(session.scalars(select(Audit.claimed_by).where(Audit.status == "running")))
        dead = [h for h in holders if h and h.split(":")[0] == host and not _alive(h)]
        if not dead:
            return 0
        held = and_(Audit.status == "running", Audit.claimed_by.in_(dead))
        with self.sessions.begin() as session:
            failed = affected(session.execute(update(Audit).where(held, Audit.attempts >= self.max_attempts)
                                     .values(**self._exhausted_values(now(), self.max_attempts))))
            requeued = affected(session.execute(update(Audit).where(held)
                                       .values(status="pending", claimed_by=None, lease_until=None)))
        return int(failed) + int(requeued)

    def release_claims(self, worker_prefix: str) -> int:
        """On a clean shutdown: give back what this process still holds.

        The hand-back takes back the attempt its claim counted: being stopped is not a crash.
        """
        with self.sessions.begin() as session:
            return int(affected(session.execute(update(Audit).where(Audit.status == "running",
                                                           Audit.claimed_by.startswith(worker_prefix + ":"))
                                       .values(status="pending", claimed_by=None, lease_until=None,
                                               attempts=case((Audit.attempts > 0, Audit.attempts - 1), else_=0))
                                       )))

    def queue_depth(self) -> int:
        with self.sessions() as session:
            return int(session.scalar(select(func.count()).select_from(Audit)
                                      .where(Audit.status.in_(UNFINISHED))) or 0)

    def pending_count(self) -> int:
        """Audits waiting for a worker (not yet claimed)."""
        with self.sessions() as session:
            return int(session.scalar(select(func.count()).select_from(Audit).where(Audit.status == "pending")) or 0)

    # -- verdicts -------------------------------------------------------------------
    def add_verdict(self, audit_id: str, flag_id: str, verdict: str, note: str, reviewer: str) -> Verdict:
        row = Verdict(audit_id=audit_id, flag_id=flag_id, verdict=verdict, note=note, reviewer=reviewer,
                      created_at=now())
        with self.sessions.begin() as session:
            session.add(row)
            session.execute(update(Audit).where(Audit.id == audit_id).values(updated_at=now()))
        return row

    def reviewed_counts(self, audit_ids: Sequence[str]) -> dict[str, int]:
        """Number of distinct flags with a verdict, per audit."""
        if not audit_ids:
            return {}
        with self.sessions() as session:
            rows = session.execute(select(Verdict.audit_id, func.count(func.distinct(Verdict.flag_id)))
                                   .where(Verdict.audit_id.in_(list(audit_ids))).group_by(Verdict.audit_id))
            return {a: int(n) for a, n in rows}

    def verdicts(self, audit_ids: Sequence[str]) -> dict[str, list[Verdict]]:
        """Verdict history per audit id, oldest first."""
        out: dict[str, list[Verdict]] = {a: [] for a in audit_ids}
        if not audit_ids:
            return out
        with self.sessions() as session:
            for row in session.scalars(select(Verdict).where(Verdict.audit_id.in_(list(audit_ids)))
                                       .order_by(Verdict.created_at, Verdict.id)):
                out[row.audit_id].append(row)
        return out

    # -- originals ------------------------------------------------------------------
    def add_original(self, **fields: Any) -> Original:
        for _ in range(5):
            with self.sessions() as session:
                seq = int(session.scalar(select(func.coalesce(func.max(Original.seq), 0))) or 0) + 1
            row = Original(id=new_id(), seq=seq, created_at=now(), **fields)
            try:
                with self.sessions.begin() as session:
                    session.add(row)
                return row
            except IntegrityError:  # another process took the same seq: try the next
                continue
        raise RuntimeError("could not store the original: the database is too busy")

    def get_original(self, original_id: str) -> Original | None:
        with self.sessions() as session:
            return session.get(Original, original_id)

    def get_originals(self, ids: Sequence[str]) -> list[Original]:
        with self.sessions() as session:
            rows = {o.id: o for o in session.scalars(select(Original).where(Original.id.in_(list(ids))))}
        return [rows[i] for i in ids if i in rows]

    def list_originals(self, limit: int, offset: int, q: str | None = None) -> tuple[list[Original], int]:
        with self.sessions() as session:
            query = select(Original).order_by(Original.seq.desc()).limit(limit).offset(offset)
            count = select(func.count()).select_from(Original)
            if q:
                cond = func.lower(Original.title).contains(q.lower(), autoescape=True)
                query, count = query.where(cond), count.where(cond)
            return list(session.scalars(query)), int(session.scalar(count) or 0)

    def originals_without_multilingual(self, after_seq: int = 0, limit: int = 100,
                                       fallback: bool = False) -> list[Original]:
        """Originals stored before they got a multilingual document vector (with
        `fallback`, or the fallback encoder's), in seq order."""
        missing: ColumnElement[bool] = Original.xling_vector.is_(None)
        if fallback:
            missing = or_(missing, Original.wide_vector.is_(None))
        with self.sessions() as session:
            return list(session.scalars(select(Original).where(missing, Original.seq > after_seq)
                                        .order_by(Original.seq).limit(limit)))

    def set_multilingual_vector(self, original_id: str, vector: bytes, model: str,
                                wide_vector: bytes | None = None, wide_model: str = "") -> None:
        with self.sessions.begin() as session:
            row = session.get(Original, original_id)
            if row is not None:
                row.xling_vector, row.xling_model = vector, model
                if wide_vector is not None:
                    row.wide_vector, row.wide_model = wide_vector, wide_model

    def delete_original(self, original_id: str) -> bool:
        """Delete a stored original; False when there is none.

        Finished audits keep their reports (their `original_id` becomes None). Unfinished audits
        that were to be checked against it (no original of their own) fail with `original_deleted`:
        without it they would silently become candidate-only audits matched against the corpus.
        """
        with self.sessions.begin() as session:
            if self._lock_original(session, original_id) is None:
                return False
            waiting = session.execute(select(Audit.id, Audit.original_input)
                                      .where(Audit.original_id == original_id, Audit.status.in_(UNFINISHED))).all()
            orphans = [audit_id for audit_id, given in waiting if not given]
            if orphans:
                stamp = now()
                session.execute(update(Audit).where(Audit.id.in_(orphans), Audit.status.in_(UNFINISHED))
                                .values(status="failed", error=original_deleted_error(original_id), finished_at=stamp,
                                        updated_at=stamp, lease_until=None, completions=Audit.completions + 1))
            session.execute(update(Audit).where(Audit.original_id == original_id).values(original_id=None))
            return bool(affected(session.execute(delete(Original).where(Original.id == original_id))))

    def corpus_state(self) -> tuple[int, int]:
        """(count, max seq) of the stored originals: cheap change detection for the index."""
        with self.sessions() as session:
            count, top = session.execute(select(func.count(), func.coalesce(func.max(Original.seq), 0))).one()
        return int(count), int(top)

    def doc_vectors(self, after_seq: int = 0, multilingual: bool = False, fallback: bool = False
                    ) -> list[tuple[str, int, bytes | None, str, str]]:
        """(id, seq, doc_vector, model, language) of originals with seq > after_seq, in seq
        order; `multilingual`: the multilingual encoder's vector, `fallback`: the fallback
        encoder's (None where there is none)."""
        vector, model = (Original.wide_vector, Original.wide_model) if fallback else \
            (Original.xling_vector, Original.xling_model) if multilingual else (Original.doc_vector, Original.model)
        with self.sessions() as session:
            return [(r[0], r[1], r[2], r[3], r[4] or "") for r in session.execute(
                select(Original.id, Original.seq, vector, model, Original.language)
                .where(Original.seq > after_seq).order_by(Original.seq))]

    def audits_of_original(self, original_id: str, limit: int = 100) -> list[Audit]:
        with self.sessions() as session:
            return list(session.scalars(select(Audit).where(Audit.original_id == original_id)
                                        .order_by(Audit.created_at.desc()).limit(limit)))

    # -- API keys and users -----------------------------------------------------------
    def create_key(self, name: str) -> str:
        key = KEY_PREFIX + secrets.token_urlsafe(32)
        with self.sessions.begin() as session:
            session.add(ApiKey(name=name, prefix=key[:10], key_hash=_hash_key(key), created_at=now()))
        return key

    def has_keys(self) -> bool:
        with self.sessions() as session:
            return bool(session.scalar(select(func.count()).select_from(ApiKey).where(ApiKey.revoked_at.is_(None))))

    def verify_key(self, key: str) -> str | None:
        """The key's name when `key` is a live key, else None."""
        with self.sessions() as session:
            row = session.scalar(select(ApiKey).where(ApiKey.key_hash == _hash_key(key), ApiKey.revoked_at.is_(None)))
            return row.name if row else None

    def list_keys(self) -> list[ApiKey]:
        with self.sessions() as session:
            return list(session.scalars(select(ApiKey).order_by(ApiKey.id)))

    def revoke_key(self, name_or_prefix: str) -> int:
        with self.sessions.begin() as session:
            return int(affected(session.execute(update(ApiKey).where(or_(ApiKey.name == name_or_prefix,
                                                                 ApiKey.prefix == name_or_prefix),
                                                             ApiKey.revoked_at.is_(None))
                                       .values(revoked_at=now()))))

    def create_user(self, name: str, password: str) -> None:
        with self.sessions.begin() as session:
            existing = session.scalar(select(User).where(User.name == name))
            if existing:
                existing.password_hash = _hash_password(password)
            else:
                session.add(User(name=name, password_hash=_hash_password(password), created_at=now()))

    def has_users(self) -> bool:
        with self.sessions() as session:
            return bool(session.scalar(select(func.count()).select_from(User)))

    def verify_user(self, name: str, password: str) -> bool:
        with self.sessions() as session:
            row = session.scalar(select(User).where(User.name == name))
        if row is None:
            _hash_password(password)  # same work either way: no timing hint that the name exists
            return False
        return _check_password(password, row.password_hash)


    # -- dashboard sessions and sign-in throttling (auth hardening, migration 0003) ----------------
    # Kept apart from the audit and job methods above. Session ids are stored as SHA-256
    # hashes, like API keys: the database alone does not give a usable cookie.
    def create_web_session(self, user: str, key_prefix: str | None, seconds: int) -> str:
        """A new signed-in session for `user` (signed in with the key `key_prefix`, if any),
        valid `seconds`; returns its id for the cookie. Expired rows are purged on the way."""
        token = secrets.token_urlsafe(32)
        stamp = now()
        with self.sessions.begin() as session:
            session.execute(delete(WebSession).where(WebSession.expires_at < stamp))
            session.add(WebSession(id=_hash_key(token), user=user, key_prefix=key_prefix, created_at=stamp,
                                   expires_at=stamp + timedelta(seconds=seconds)))
        return token

    def web_session_user(self, token: str) -> str | None:
        """Who the unexpired session `token` belongs to, or None (signed out, expired, unknown)."""
        with self.sessions() as session:
            return session.scalar(select(WebSession.user).where(WebSession.id == _hash_key(token),
                                                                WebSession.expires_at > now()))

    def end_web_session(self, token: str) -> bool:
        """Sign-out: delete the session; False when it did not exist (any more)."""
        with self.sessions.begin() as session:
            return bool(affected(session.execute(delete(WebSession).where(WebSession.id == _hash_key(token)))))

    def note_login_attempt(self, subjects: Sequence[str]) -> list[int]:
        """Record a sign-in attempt as a failure of each subject, before the password is checked,
        so that parallel attempts see each other; returns the row ids (forget them on success)."""
        stamp = now()
        rows = [LoginFailure(subject=subject[:300], created_at=stamp) for subject in subjects]
        with self.sessions.begin() as session:
            session.add_all(rows)
        return [row.id for row in rows]

    def login_failures(self, subjects: Sequence[str], seconds: int, exclude: Sequence[int] = ()) -> dict[str, list[datetime]]:
        """Times (UTC, oldest first) of the failures of each subject in the last `seconds`,
        leaving out the rows `exclude` (the attempt being decided)."""
        out: dict[str, list[datetime]] = {subject[:300]: [] for subject in subjects}
        query = (select(LoginFailure.subject, LoginFailure.created_at)
                 .where(LoginFailure.subject.in_(list(out)), LoginFailure.created_at > now() - timedelta(seconds=seconds))
                 .order_by(LoginFailure.created_at))
        if exclude:
            query = query.where(LoginFailure.id.not_in(list(exclude)))
        with self.sessions() as session:
            for subject, stamp in session.execute(query):
                out[subject].append(stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC))  # SQLite: naive UTC
        return out

    def forget_login_attempts(self, ids: Sequence[int], subject: str | None = None, seconds: int = 0) -> None:
        """Delete the rows `ids` (an attempt that succeeded or was refused unchecked) and, with
        `subject`, its failures (an account whose password was just given right). Failures
        older than `seconds` go too, so the table stays small."""
        with self.sessions.begin() as session:
            if ids:
                session.execute(delete(LoginFailure).where(LoginFailure.id.in_(list(ids))))
            if subject is not None:
                session.execute(delete(LoginFailure).where(LoginFailure.subject == subject[:300]))
            if seconds:
                session.execute(delete(LoginFailure).where(LoginFailure.created_at < now() - timedelta(seconds=seconds)))

    # -- editorial policy: glossary entries and suppression rules (migration 0004) -------------
    # -- scheduled re-checks (migration 0007) ----------------------------------------------
    def add_watch(self, **fields: Any) -> Watch:
        stamp = now()
        row = Watch(created_at=stamp, next_check_at=stamp, checks=0, changes=0, last_hash="", last_error="", history=[],
                    **fields)
        with self.sessions.begin() as session:
            session.add(row)
        return row

    def get_watch(self, watch_id: int) -> Watch | None:
        with self.sessions() as session:
            return session.get(Watch, watch_id)

    def watches(self) -> list[Watch]:
        with self.sessions() as session:
            return list(session.scalars(select(Watch).order_by(Watch.id)))

    def delete_watch(self, watch_id: int) -> bool:
        with self.sessions.begin() as session:
            return affected(session.execute(delete(Watch).where(Watch.id == watch_id))) > 0

    def claim_watches(self, lease_seconds: float, limit: int = 5) -> list[Watch]:
        """Due watches, each held for `lease_seconds` (its next check moves on) while it is checked."""
        return self._lease_due(Watch, Watch.next_check_at, "next_check_at", (), lease_seconds, limit)

    def _lease_due(self, model: Any, due: Any, due_name: str, conditions: Sequence[Any], lease_seconds: float,
                   limit: int) -> list[Any]:
        """Rows of `model` whose `due` time has come (and `conditions` hold), oldest first, each
        taken by moving `due` `lease_seconds` on: a row another process took meanwhile is no
        longer due, so its conditional UPDATE changes nothing and it is skipped here."""
        stamp = now()
        with self.sessions() as session:
            ids = list(session.scalars(select(model.id).where(due <= stamp, *conditions).order_by(due).limit(limit)))
        taken = []
        for row_id in ids:
            with self.sessions.begin() as session:
                if affected(session.execute(update(model).where(model.id == row_id, due <= stamp, *conditions)
                                            .values({due_name: stamp + timedelta(seconds=lease_seconds)}))):
                    row = session.get(model, row_id)
                    if row is not None:
                        taken.append(row)
        return taken

    def update_watch(self, watch_id: int, **values: Any) -> None:
        with self.sessions.begin() as session:
            session.execute(update(Watch).where(Watch.id == watch_id).values(**values))

    # -- outlet alerts (migration 0006) ----------------------------------------------------
    def set_alert_rule(self, outlet: str, below: float, share: float, days: int, min_audits: int,
                       created_by: str) -> AlertRule:
        """The outlet's threshold, replacing the one it had."""
        with self.sessions.begin() as session:
            session.execute(delete(AlertRule).where(AlertRule.outlet == outlet))
            row = AlertRule(outlet=outlet, below=below, share=share, days=days, min_audits=min_audits,
                            created_by=created_by, created_at=now())
            session.add(row)
        return row

    def alert_rule(self, outlet: str) -> AlertRule | None:
        with self.sessions() as session:
            return session.scalars(select(AlertRule).where(AlertRule.outlet == outlet)).first()

    def delete_alert_rule(self, outlet: str) -> bool:
        with self.sessions.begin() as session:
            return affected(session.execute(delete(AlertRule).where(AlertRule.outlet == outlet))) > 0

    def open_alert(self, outlet: str) -> Alert | None:
        with self.sessions() as session:
            return session.scalars(select(Alert).where(Alert.outlet == outlet, Alert.closed_at.is_(None))).first()

    def raise_alert(self, outlet: str, share: float, audits: int, message: str) -> Alert | None:
        """A new open alert, or None when the outlet has one open already."""
        with self.sessions.begin() as session:
            if session.scalars(select(Alert.id).where(Alert.outlet == outlet, Alert.closed_at.is_(None))).first():
                return None
            row = Alert(outlet=outlet, opened_at=now(), closed_at=None, share=share, audits=audits, message=message)
            session.add(row)
        return row

    def close_alerts(self, outlet: str) -> int:
        with self.sessions.begin() as session:
            return affected(session.execute(update(Alert).where(Alert.outlet == outlet, Alert.closed_at.is_(None))
                                            .values(closed_at=now())))

    def alerts(self, open_only: bool = False, limit: int = 100) -> list[Alert]:
        query = select(Alert).order_by(Alert.id.desc()).limit(limit)
        if open_only:
            query = query.where(Alert.closed_at.is_(None))
        with self.sessions() as session:
            return list(session.scalars(query))

    # -- webhooks (migration 0005) ---------------------------------------------------------
    def add_webhook(self, url: str, events: Sequence[str], secret: str, created_by: str) -> Webhook:
        row = Webhook(url=url, events=",".join(events), secret=secret, created_by=created_by, created_at=now())
        with self.sessions.begin() as session:
            session.add(row)
        return row

    def webhooks(self) -> list[Webhook]:
        with self.sessions() as session:
            return list(session.scalars(select(Webhook).order_by(Webhook.id)))

    def delete_webhook(self, webhook_id: int) -> bool:
        with self.sessions.begin() as session:
            session.execute(delete(WebhookDelivery).where(WebhookDelivery.webhook_id == webhook_id))
            return affected(session.execute(delete(Webhook).where(Webhook.id == webhook_id))) > 0

    def enqueue_deliveries(self, event: str, payload: dict[str, Any]) -> int:
        """One pending delivery of `event` per webhook that asked for it; how many."""
        stamp = now()
        with self.sessions.begin() as session:
            hooks = [h for h in session.scalars(select(Webhook)) if event in h.events.split(",")]
            session.add_all([WebhookDelivery(webhook_id=h.id, event=event, payload=payload, status="pending",
                                             attempts=0, next_attempt_at=stamp, last_error="", created_at=stamp)
                             for h in hooks])
        return len(hooks)

    def claim_deliveries(self, lease_seconds: float, limit: int = 10) -> list[tuple[WebhookDelivery, Webhook]]:
        """Due pending deliveries with their webhooks, each held for `lease_seconds` (its
        `next_attempt_at` moves on) so that no other sender takes it meanwhile."""
        deliveries: list[WebhookDelivery] = self._lease_due(
            WebhookDelivery, WebhookDelivery.next_attempt_at, "next_attempt_at", (WebhookDelivery.status == "pending",),
            lease_seconds, limit)
        with self.sessions() as session:
            hooks = {h.id: h for h in session.scalars(
                select(Webhook).where(Webhook.id.in_({d.webhook_id for d in deliveries})))} if deliveries else {}
        return [(d, hooks[d.webhook_id]) for d in deliveries if d.webhook_id in hooks]

    def finish_delivery(self, delivery_id: int, *, delivered: bool, status: int | None, error: str,
                        retry_at: datetime | None) -> None:
        """Record an attempt: delivered, to be retried at `retry_at`, or (neither) failed for good."""
        values: dict[str, Any] = {"attempts": WebhookDelivery.attempts + 1, "last_status": status,
                                  "last_error": error[:2000]}
        if delivered:
            values |= {"status": "delivered", "delivered_at": now()}
        elif retry_at is not None:
            values |= {"status": "pending", "next_attempt_at": retry_at}
        else:
            values |= {"status": "failed"}
        with self.sessions.begin() as session:
            session.execute(update(WebhookDelivery).where(WebhookDelivery.id == delivery_id).values(**values))

    def deliveries(self, webhook_id: int | None = None, limit: int = 100) -> list[WebhookDelivery]:
        """The newest deliveries first (of one webhook, or of all)."""
        query = select(WebhookDelivery).order_by(WebhookDelivery.id.desc()).limit(limit)
        if webhook_id is not None:
            query = query.where(WebhookDelivery.webhook_id == webhook_id)
        with self.sessions() as session:
            return list(session.scalars(query))

    def outlet_audits(self, outlet: str, since: datetime, limit: int) -> list[tuple[str, datetime, Any, str]]:
        """(id, created_at, summary, title) of the outlet's finished audits since `since`,
        oldest first; the newest `limit` of them."""
        query = (select(Audit.id, Audit.created_at, Audit.summary, Audit.title)
                 .where(Audit.outlet == outlet, Audit.status == "done", Audit.created_at >= since)
                 .order_by(Audit.created_at.desc()).limit(limit))
        with self.sessions() as session:
            rows = [(r[0], utc(r[1]), r[2], r[3]) for r in session.execute(query)]
        return rows[::-1]

    def verdict_categories(self, audit_ids: Sequence[str]) -> list[tuple[str, str]]:
        """(flag category, current verdict) of every reviewed flag of these audits."""
        out: list[tuple[str, str]] = []
        for chunk in range(0, len(audit_ids), 200):
            ids = list(audit_ids[chunk : chunk + 200])
            current: dict[tuple[str, str], str] = {}
            with self.sessions() as session:
                for row in session.scalars(select(Verdict).where(Verdict.audit_id.in_(ids))
                                           .order_by(Verdict.created_at, Verdict.id)):
                    current[(row.audit_id, row.flag_id)] = row.verdict
                if not current:
                    continue
                reviewed = {a for a, _ in current}
                reports: dict[str, Any] = {r[0]: r[1] for r in session.execute(
                    select(Audit.id, Audit.report).where(Audit.id.in_(list(reviewed))))}
            for (audit_id, flag_id), verdict in current.items():
                flags = {f.get("id"): f.get("category", "") for f in (reports.get(audit_id) or {}).get("flags", [])}
                if flag_id in flags:
                    out.append((str(flags[flag_id]), verdict))
        return out

    def outlets(self, limit: int = 500) -> list[str]:
        """Outlet names the audits, glossary entries and rules use (for choosing one)."""
        names: set[str] = set()
        with self.sessions() as session:
            for column in (Audit.outlet, GlossaryEntry.outlet, SuppressionRuleRow.outlet):
                names.update(session.scalars(select(column).where(column != "").distinct().limit(limit)))
        return sorted(names)[:limit]

    def add_glossary_entries(self, entries: Sequence[dict[str, Any]], created_by: str) -> list[GlossaryEntry]:
        """Store entries ({outlet, source, target, severity, note}) in one transaction."""
        stamp = now()
        rows = [GlossaryEntry(outlet=e.get("outlet", ""), source=e["source"], target=e["target"],
                              severity=e.get("severity", "major"), note=e.get("note", ""), created_by=created_by,
                              created_at=stamp) for e in entries]
        with self.sessions.begin() as session:
            session.add_all(rows)
        return rows

    def glossary(self, outlet: str | None = None, include_global: bool = False) -> list[GlossaryEntry]:
        """Entries of `outlet` (None: all), with the entries for every outlet when asked."""
        query = select(GlossaryEntry).order_by(GlossaryEntry.outlet, GlossaryEntry.source, GlossaryEntry.id)
        if outlet is not None:
            outlets = [outlet, ""] if include_global else [outlet]
            query = query.where(GlossaryEntry.outlet.in_(outlets))
        with self.sessions() as session:
            return list(session.scalars(query))

    def get_glossary_entry(self, entry_id: int) -> GlossaryEntry | None:
        with self.sessions() as session:
            return session.get(GlossaryEntry, entry_id)

    def update_glossary_entry(self, entry_id: int, values: dict[str, Any]) -> GlossaryEntry | None:
        with self.sessions.begin() as session:
            row = session.get(GlossaryEntry, entry_id)
            if row is None:
                return None
            for key, value in values.items():
                setattr(row, key, value)
        return row

    def delete_glossary_entry(self, entry_id: int) -> bool:
        with self.sessions.begin() as session:
            return affected(session.execute(delete(GlossaryEntry).where(GlossaryEntry.id == entry_id))) > 0

    def add_rule(self, **fields: Any) -> SuppressionRuleRow:
        row = SuppressionRuleRow(created_at=now(), **fields)
        with self.sessions.begin() as session:
            session.add(row)
        return row

    def rules(self, outlet: str | None = None, include_global: bool = False,
              active_at: datetime | None = None) -> list[SuppressionRuleRow]:
        """Rules of `outlet` (None: all), with those for every outlet when asked; only those
        not expired at `active_at` when given."""
        query = select(SuppressionRuleRow).order_by(SuppressionRuleRow.id)
        if outlet is not None:
            outlets = [outlet, ""] if include_global else [outlet]
            query = query.where(SuppressionRuleRow.outlet.in_(outlets))
        if active_at is not None:
            query = query.where(or_(SuppressionRuleRow.expires_at.is_(None), SuppressionRuleRow.expires_at > active_at))
        with self.sessions() as session:
            return list(session.scalars(query))

    def delete_rule(self, rule_id: int) -> bool:
        with self.sessions.begin() as session:
            return affected(session.execute(delete(SuppressionRuleRow).where(SuppressionRuleRow.id == rule_id))) > 0



def process_identity(pid: int | None = None) -> str:
    """`pid`, and where the system says when it started (Linux), ".<start>": a process id
    alone is reused, and in a container a restarted service gets a small id that a short-lived
    process of its start-up may hold ("7" of the process killed, "7" of an ldconfig run)."""
    pid = os.getpid() if pid is None else pid
    start = _started(pid)
    return f"{pid}.{start}" if start is not None else str(pid)


def _started(pid: int) -> str | None:
    """The start time of process `pid` in clock ticks since boot (field 22 of
    /proc/<pid>/stat), or None where it cannot be read."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            stat = fh.read()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[-1].split()  # the command name in brackets may hold spaces
    return fields[19] if len(fields) > 19 else None


def _alive(worker: str) -> bool:
    """Is the process that claimed as `worker` (`host:pid[.start]:thread`) still running?"""
    try:
        pid_text, _, start = worker.split(":")[1].partition(".")
        pid = int(pid_text)
    except (IndexError, ValueError):
        return False
    if pid == os.getpid():  # only called at start: a claim with our pid is a previous life's
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return not start or _started(pid) in (start, None)  # the id taken by another process since: dead


def _hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _hash_password(password: str, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)
    return f"scrypt${salt.hex()}${digest.hex()}"


def _check_password(password: str, stored: str) -> bool:
    try:
        _, salt, digest = stored.split("$")
    except ValueError:
        return False
    return hmac.compare_digest(_hash_password(password, bytes.fromhex(salt)).split("$")[2], digest)
