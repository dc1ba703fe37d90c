"""Tables: audits (which are also the job queue), verdicts, originals, API keys, users.

The schema is created and changed only by the Alembic migrations in
`app/store/migrations/`; these classes describe it for queries.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar, Literal

from sqlalchemy import JSON, DateTime, Float, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# A worker name is `host:pid.start:thread` (`app.store.repo.process_identity`); host names
# may have up to 253 characters (migration 0002).
CLAIMED_BY_LENGTH = 320
# An audit's life: queued (pending), claimed by a worker (running), then done, failed, or
# unmatched (a candidate alone whose original the corpus does not hold).
AuditStatus = Literal["pending", "running", "done", "failed", "unmatched"]
VerdictKind = Literal["confirmed", "dismissed", "needs_edit"]
STATUSES: tuple[AuditStatus, ...] = ("pending", "running", "done", "failed", "unmatched")
UNFINISHED: tuple[AuditStatus, ...] = ("pending", "running")


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, datetime: DateTime(timezone=True)}


class Audit(Base):
    """One audit request. `status`: pending -> running -> done | failed."""

    __tablename__ = "audits"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    status: Mapped[AuditStatus] = mapped_column(String(16), index=True)
    created_at: Mapped[datetime] = mapped_column(index=True)
    updated_at: Mapped[datetime]
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    # Inputs, kept until the audit is done so a restarted worker can run it.
    original_input: Mapped[dict[str, Any]] = mapped_column(JSON)
    candidate_input: Mapped[dict[str, Any]] = mapped_column(JSON)
    meta: Mapped[dict[str, Any]] = mapped_column("metadata", JSON)
    original_id: Mapped[str | None] = mapped_column(String(32), ForeignKey("originals.id", ondelete="SET NULL"),
                                                    index=True)
    match: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    report: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    summary: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # report["summary"], for lists
    error: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # Denormalised from the report and metadata for filtering and sorting lists.
    title: Mapped[str] = mapped_column(String(500), default="")
    outlet: Mapped[str] = mapped_column(String(200), default="", index=True)
    relation: Mapped[str | None] = mapped_column(String(32), index=True)
    worst_severity: Mapped[str | None] = mapped_column(String(16), index=True)
    # Job bookkeeping: who holds it, until when, how often it was tried (claims that did not end
    # with a clean hand-back) and finished.
    claimed_by: Mapped[str | None] = mapped_column(String(CLAIMED_BY_LENGTH))
    lease_until: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    completions: Mapped[int] = mapped_column(Integer, default=0)


Index("ix_audits_status_created", Audit.status, Audit.created_at)


class Verdict(Base):
    """A reviewer's verdict on one flag; all are kept, the newest is current."""

    __tablename__ = "verdicts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    audit_id: Mapped[str] = mapped_column(String(32), ForeignKey("audits.id", ondelete="CASCADE"), index=True)
    flag_id: Mapped[str] = mapped_column(String(32))
    verdict: Mapped[VerdictKind] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    reviewer: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime]


class Original(Base):
    """A stored original article with its sentence embeddings (float32, row per unit)."""

    __tablename__ = "originals"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    created_at: Mapped[datetime]
    title: Mapped[str] = mapped_column(String(500), default="")
    outlet: Mapped[str] = mapped_column(String(200), default="")
    url: Mapped[str] = mapped_column(String(2000), default="")
    external_id: Mapped[str] = mapped_column(String(200), default="", index=True)
    language: Mapped[str] = mapped_column(String(16), default="")
    text: Mapped[str] = mapped_column(Text)
    sentences: Mapped[int] = mapped_column(Integer)
    words: Mapped[int] = mapped_column(Integer)
    model: Mapped[str] = mapped_column(String(500))
    dim: Mapped[int] = mapped_column(Integer)
    doc_vector: Mapped[bytes] = mapped_column(LargeBinary)
    vectors: Mapped[bytes] = mapped_column(LargeBinary)
    # The multilingual encoder's document vector (None for originals stored before it).
    xling_vector: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True, default=None)
    xling_model: Mapped[str] = mapped_column(String(100), default="")
    # The fallback multilingual encoder's vector of the original's lead, for candidates in a
    # language the multilingual encoder does not read (None where there is none).
    wide_vector: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True, default=None)
    wide_model: Mapped[str] = mapped_column(String(100), default="")


class ApiKey(Base):
    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200))
    prefix: Mapped[str] = mapped_column(String(16), index=True)
    key_hash: Mapped[str] = mapped_column(String(128), unique=True)
    created_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    password_hash: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime]


# -- dashboard sessions and sign-in throttling (migration 0003) ----------------------------
class WebSession(Base):
    """A signed-in dashboard session. The signed cookie carries a random id; this row holds
    its SHA-256, so signing out (deleting the row) ends the session everywhere at once."""

    __tablename__ = "web_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user: Mapped[str] = mapped_column(String(200))
    key_prefix: Mapped[str | None] = mapped_column(String(16))  # signed in with this API key
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime] = mapped_column(index=True)


class LoginFailure(Base):
    """One failed dashboard sign-in, recorded once per subject it counts against:
    `ip:ADDRESS` (the client) and `user:NAME` or `key:PREFIX` (the account)."""

    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    subject: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(index=True)


Index("ix_login_failures_subject_created", LoginFailure.subject, LoginFailure.created_at)


# -- editorial policy (migration 0004) ------------------------------------------------------
class GlossaryEntry(Base):
    """`source` in an original is to be rendered `target` in republications of `outlet`
    ("" for every outlet)."""

    __tablename__ = "glossary_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    outlet: Mapped[str] = mapped_column(String(200), default="", index=True)
    source: Mapped[str] = mapped_column(String(500))
    target: Mapped[str] = mapped_column(String(500))
    severity: Mapped[str] = mapped_column(String(16), default="major")
    note: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime]


class SuppressionRuleRow(Base):
    """Do not flag this (category, original text, candidate text) for `outlet` ("" every
    outlet) until `expires_at` (None: no end); made by hand or from a dismissed flag
    (`audit_id`, `flag_id`)."""

    __tablename__ = "suppression_rules"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    outlet: Mapped[str] = mapped_column(String(200), default="", index=True)
    category: Mapped[str] = mapped_column(String(32), default="")
    original: Mapped[str] = mapped_column(Text, default="")
    candidate: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime | None]
    audit_id: Mapped[str | None] = mapped_column(String(32))
    flag_id: Mapped[str | None] = mapped_column(String(32))


# -- webhooks (migration 0005) ----------------------------------------------------------------
class Webhook(Base):
    """A URL told about events (`events`: comma-separated), each body signed with `secret`."""

    __tablename__ = "webhooks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    url: Mapped[str] = mapped_column(String(2000))
    events: Mapped[str] = mapped_column(String(200))
    secret: Mapped[str] = mapped_column(String(100))
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime]


class WebhookDelivery(Base):
    """One event for one webhook: pending until delivered (a 2xx answer) or failed (attempts
    spent); `next_attempt_at` is when it is due (and, while a sender holds it, its lease)."""

    __tablename__ = "webhook_deliveries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    webhook_id: Mapped[int] = mapped_column(Integer, ForeignKey("webhooks.id", ondelete="CASCADE"), index=True)
    event: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(16), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(index=True)
    last_status: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    delivered_at: Mapped[datetime | None]


# -- outlet alerts (migration 0006) ------------------------------------------------------------
class AlertRule(Base):
    """Raise an alert when more than `share` of the outlet's audits of the last `days` (at
    least `min_audits` of them) score below `below` (MQM-style score)."""

    __tablename__ = "alert_rules"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    outlet: Mapped[str] = mapped_column(String(200), unique=True)
    below: Mapped[float] = mapped_column(Float)
    share: Mapped[float] = mapped_column(Float)
    days: Mapped[int] = mapped_column(Integer)
    min_audits: Mapped[int] = mapped_column(Integer)
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime]


class Alert(Base):
    """An alert raised for an outlet; open until the share falls back (`closed_at`)."""

    __tablename__ = "alerts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    outlet: Mapped[str] = mapped_column(String(200), index=True)
    opened_at: Mapped[datetime]
    closed_at: Mapped[datetime | None] = mapped_column(index=True)
    share: Mapped[float] = mapped_column(Float)
    audits: Mapped[int] = mapped_column(Integer)
    message: Mapped[str] = mapped_column(Text)


# -- scheduled re-checks (migration 0007) ------------------------------------------------------
class Watch(Base):
    """A candidate URL fetched again every `every_minutes`; a changed page is audited again
    (against `original_id`, or the original fetched from `original_url`)."""

    __tablename__ = "watches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    candidate_url: Mapped[str] = mapped_column(String(2000))
    original_id: Mapped[str | None] = mapped_column(String(32), ForeignKey("originals.id", ondelete="CASCADE"))
    original_url: Mapped[str] = mapped_column(String(2000), default="")
    outlet: Mapped[str] = mapped_column(String(200), default="")
    title: Mapped[str] = mapped_column(String(500), default="")
    every_minutes: Mapped[float] = mapped_column(Float)
    next_check_at: Mapped[datetime] = mapped_column(index=True)
    last_checked_at: Mapped[datetime | None]
    last_hash: Mapped[str] = mapped_column(String(64), default="")
    last_audit_id: Mapped[str | None] = mapped_column(String(32))
    history: Mapped[list[str]] = mapped_column(JSON, default=list)  # its audits, oldest first (the last 50)
    checks: Mapped[int] = mapped_column(Integer, default=0)
    changes: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime]
