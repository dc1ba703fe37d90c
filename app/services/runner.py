"""The service's use of the `scoring` entry point: one Auditor, the corpus index, jobs.

Routes and workers call `AuditService`; it never reimplements a pipeline stage. It
resolves inputs (text, HTML or a checked URL fetch), decides whether an audit runs in
the request or on a worker, runs audits under a concurrency limit, and keeps the
vector index of stored originals in step with the database.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np

from app.core import memory
from app.core.config import Settings
from app.core.fetch import fetch_text
from app.errors import Busy, ModelLoading, error_body
from app.services import editorial
from app.store.models import Audit, Original
from app.store.repo import Store, process_identity
from scoring.config import AuditConfig, Limits
from scoring.errors import BadRequest, DriftauditError, ModelUnavailable
from scoring.pipeline import Auditor, Prepared, units
from scoring.policy import Policy
from scoring.report import Report

log = logging.getLogger("driftaudit.engine")


@dataclass
class Outcome:
    """What running an audit produced: a report, or an answer about matching, or an error."""

    report: Report | None = None
    match: dict[str, Any] | None = None
    original_id: str | None = None
    error: dict[str, Any] | None = None


# Pairs longer than this (characters in all) answer 202 and run in the background: about
# 30 s of the one-language encoder's work at most; on the fallback multilingual encoder,
# which reads ~6,000 characters a second, about 10 s.
SYNC_MAX_CHARS = 150_000
SYNC_MAX_CHARS_FALLBACK = 40_000


class CorpusIndex:
    """Document vectors of the stored originals in one matrix, refreshed incrementally.

    Search is one matrix-vector product: exact, and fast enough for 100k originals
    (see bench/match.py); only the top few are then aligned sentence by sentence.
    """

    def __init__(self, model: str, multilingual: bool = False, fallback: bool = False) -> None:
        self.model = model
        self.multilingual = multilingual  # the originals' multilingual vectors, not the model's
        self.fallback = fallback  # ... the fallback multilingual encoder's
        self.ids: list[str] = []
        self.matrix = np.zeros((0, 0), dtype=np.float32)
        self.state: tuple[int, int] = (0, 0)  # (count, max seq) of the store when last loaded
        self.seen = 0  # rows loaded, whatever their model
        self.languages: Counter[str] = Counter()  # of the originals searchable here ("" unknown)
        self._lock = threading.Lock()

    def refresh(self, store: Store) -> None:
        """Load originals added since the last call; rebuild when some were deleted."""
        state = store.corpus_state()
        with self._lock:
            if state == self.state:
                return
            rows = store.doc_vectors(after_seq=self.state[1], multilingual=self.multilingual, fallback=self.fallback)
            if self.seen + len(rows) != state[0]:  # deletions happened: start again
                self.ids, self.matrix, self.seen = [], np.zeros((0, 0), dtype=np.float32), 0
                self.languages = Counter()
                rows = store.doc_vectors(multilingual=self.multilingual, fallback=self.fallback)
            self.seen += len(rows)
            # other models' vectors are not comparable
            usable = [(key, vector, language) for key, _, vector, model, language in rows
                      if model == self.model and vector is not None]
            self.languages.update(language for _, _, language in usable)
            if usable:
                new = np.stack([np.frombuffer(vector, dtype=np.float32) for _, vector, _ in usable])
                self.matrix = new if not self.ids else np.vstack([self.matrix, new])
                self.ids.extend(key for key, _, _ in usable)
            self.state = state

    def holds_other_than(self, language: str) -> bool:
        """Whether an original here is in another language than `language` (or in one
        not identified)."""
        with self._lock:
            return any(lang != language or not lang for lang in self.languages)

    def search(self, vector: np.ndarray, k: int) -> list[tuple[str, float]]:
        with self._lock:
            if not self.ids:
                return []
            scores = self.matrix @ vector
            k = min(k, len(self.ids))
            top = np.argpartition(-scores, k - 1)[:k]
            top = top[np.argsort(-scores[top])]
            return [(self.ids[i], float(scores[i])) for i in top]


class AuditService:
    """Runs audits and matches for the API and the workers."""

    def __init__(self, settings: Settings, store: Store, auditor: Auditor | None = None) -> None:
        self.settings = settings
        self.store = store
        config = AuditConfig(model=settings.model, encoder=settings.encoder, cache_dir=settings.cache_dir,
                             drift_model=settings.drift_model, multilingual_model=settings.multilingual_model,
                             multilingual_fallback_model=settings.multilingual_fallback_model,
                             cross_drift_model=settings.cross_drift_model, mono_drift_model=settings.mono_drift_model,
                             limits=Limits(max_chars=settings.max_chars, max_sentences=settings.max_sentences,
                                           max_audit_seconds=settings.max_audit_seconds))
        self.config = config
        self.index = CorpusIndex(config.model)
        self.multilingual_index = CorpusIndex(config.multilingual_model, multilingual=True)
        self.fallback_index = CorpusIndex(config.multilingual_fallback_model, multilingual=True, fallback=True)
        # Set when a webhook event is queued (the sender waits on it); None without a sender.
        self.webhook_wake: threading.Event | None = None
        # The model loads in the background (`load`) so the process answers /healthz at
        # once; requests that need it wait for it up to `model_wait_seconds`.
        self._auditor: Auditor | None = None
        self._load_error: DriftauditError | None = None
        self._loaded = threading.Event()
        self._load_lock = threading.Lock()
        self._load_started = auditor is not None
        if auditor is not None:  # a given auditor (tests) lends its loaded model; the limits are this service's
            self._auditor = Auditor(config, embedder=auditor.embedder)
            self._loaded.set()
        self._slots = threading.BoundedSemaphore(settings.max_concurrent_audits)
        self._waiting = 0
        self._waiting_lock = threading.Lock()
        self.worker_prefix = f"{socket.gethostname()}:{process_identity()}"

    # -- the model ------------------------------------------------------------------
    def load(self) -> None:
        """Load the model (and on a first start export its ONNX graph); never raises:
        a failure is kept and answered to every request that needs the model."""
        with self._load_lock:
            if self._load_started:
                return
            self._load_started = True
        started = time.perf_counter()
        try:
            self._auditor = Auditor(self.config)
            log.info("model loaded", extra={"model": self.config.model, "encoder": self.config.encoder,
                                            "seconds": round(time.perf_counter() - started, 2)})
        except DriftauditError as exc:
            self._load_error = exc
            log.error("model failed to load", extra={"code": exc.code, "error": exc.message, "hint": exc.hint})
        except Exception as exc:  # an unexpected failure must still be answered, not hang requests
            self._load_error = ModelUnavailable(f"the model failed to load: {type(exc).__name__}: {exc}"[:300],
                                                "check DRIFTAUDIT_MODEL and DRIFTAUDIT_ENCODER, then restart")
            log.exception("model failed to load")
        finally:
            self._loaded.set()

    def model_state(self) -> str:
        """"ok", "loading", or "failed: <message>" (for /readyz)."""
        if not self._loaded.is_set():
            return "loading"
        return f"failed: {self._load_error.message}" if self._load_error else "ok"

    def wait_model(self, timeout: float) -> bool:
        """Whether the model is loaded (successfully) within `timeout` seconds."""
        return self._loaded.wait(timeout) and self._auditor is not None

    @property
    def auditor(self) -> Auditor:
        """The loaded Auditor; waits for it while it loads, ModelLoading after the wait.
        Loads it here when nobody has started loading it (a script using the service)."""
        if not self._load_started:
            self.load()
        if not self._loaded.wait(self.settings.model_wait_seconds):
            raise ModelLoading("the model is still loading", "retry in a few seconds (GET /readyz says when it is "
                                                             "ready)")
        if self._auditor is None:
            raise self._load_error or ModelUnavailable("the model did not load", "see the service log")
        return self._auditor

    # -- inputs ---------------------------------------------------------------------
    def resolve(self, source: dict[str, Any], name: str) -> str:
        """The raw text of an input object {text | html | url}."""
        if source.get("text") is not None:
            return str(source["text"])
        if source.get("html") is not None:
            return str(source["html"])
        if source.get("url"):
            s = self.settings
            return fetch_text(str(source["url"]), allow=s.fetch_allow, max_bytes=s.fetch_max_bytes,
                              timeout=s.fetch_timeout)
        raise BadRequest(f"{name} needs one of text, html or url", "send e.g. {\"text\": \"...\"}")

    def prepare(self, raw: str, name: str) -> Prepared:
        return self.auditor.prepare(raw, name)

    def is_small(self, *prepared: Prepared) -> bool:
        """Audited in the request: at most `sync_max_sentences` sentences and SYNC_MAX_CHARS
        characters in all (a 540,000-character "sentence" is 361 pieces but minutes of
        encoding), fewer characters when a side's language goes to the slower fallback
        encoder (SYNC_MAX_CHARS_FALLBACK)."""
        chars = sum(len(p.document.text) for p in prepared)
        slow = bool(self.config.multilingual_fallback_model) and any(
            not self.auditor.reads_language(p.document.language or "") for p in prepared)
        return sum(len(p.document.sentences) for p in prepared) <= self.settings.sync_max_sentences \
            and chars <= (SYNC_MAX_CHARS_FALLBACK if slow else SYNC_MAX_CHARS)

    # -- running ----------------------------------------------------------------------
    # Callers hold a slot around everything that runs the model (`slot` in requests,
    # `slot_for_worker` in workers); the methods below do not take one themselves.
    @contextmanager
    def slot(self) -> Iterator[None]:
        """A place among the audits that run at once; Busy when too many already wait."""
        with self._waiting_lock:
            if self._waiting >= self.settings.max_waiting_audits + self.settings.max_concurrent_audits:
                raise Busy("too many audits are running or waiting", "retry in a few seconds, or send large "
                                                                     "batches with \"background\": true")
            self._waiting += 1
        try:
            with self._slots:
                yield
        finally:
            with self._waiting_lock:
                self._waiting -= 1
            memory.trim()  # an audit's arrays were just freed: give their pages back

    @contextmanager
    def slot_for_worker(self) -> Iterator[None]:
        """Workers share the same limit, but wait as long as it takes."""
        try:
            with self._slots:
                yield
        finally:
            memory.trim()

    def run(self, original: Prepared | None, candidate: Prepared, policy: Policy | None = None,
            meta: Mapping[str, Any] | None = None) -> Outcome:
        """Audit a prepared pair, or find the candidate's original first when there is none;
        under `policy` (the glossary and suppression rules of the candidate's outlet), with
        the languages the request's metadata gives (`original_lang`, `candidate_lang`)."""
        languages = languages_of(meta)
        if original is not None:
            return Outcome(report=self.auditor.audit_prepared(original, candidate, policy, *languages))
        match = self.match_prepared(candidate)
        best = match["matches"][0] if match["matches"] else None
        if not best or not best["likely"]:
            match["message"] = ("no stored original explains this candidate well enough"
                                if best else "the corpus of originals is empty")
            return Outcome(match=match)
        row = self.store.get_original(best["id"])
        if row is None:  # deleted in the meantime
            return Outcome(match=match)
        prepared = self.prepared_original(row)
        return Outcome(report=self.auditor.audit_prepared(prepared, candidate, policy, *languages), match=match,
                       original_id=row.id)

    def run_job(self, audit: Audit) -> Outcome:
        """Run a stored audit: inputs were checked when it was accepted."""
        try:
            candidate = self.prepare(self.resolve(audit.candidate_input, "candidate"), "candidate")
            original = None
            if audit.original_id and not audit.original_input:
                row = self.store.get_original(audit.original_id)
                if row is None:
                    raise BadRequest(f"original {audit.original_id} was deleted", "audit against another original")
                original = self.prepared_original(row)
            elif audit.original_input:
                original = self.prepare(self.resolve(audit.original_input, "original"), "original")
            outcome = self.run(original, candidate, editorial.policy_for(self.store, audit.outlet), audit.meta)
            if original is not None and audit.original_id:
                outcome.original_id = audit.original_id
            return outcome
        except DriftauditError as exc:
            return Outcome(error=error_body(exc))

    # -- corpus ------------------------------------------------------------------------
    def add_original(self, raw: str, meta: dict[str, Any]) -> Original:
        prepared = self.prepare(raw, "original")
        vectors = self.auditor.unit_vectors(prepared).astype(np.float32)
        doc = prepared.document
        return self.store.add_original(
            title=str(meta.get("title") or doc.title or "")[:500], outlet=str(meta.get("outlet") or "")[:200],
            url=str(meta.get("url") or "")[:2000], external_id=str(meta.get("external_id") or "")[:200],
            language=doc.language or "", text=raw, sentences=len(doc.sentences),
            words=sum(s.words for s in doc.sentences if s.kind == "content"), model=self.auditor.config.model,
            dim=int(vectors.shape[1]) if vectors.size else 0,
            doc_vector=self.auditor.doc_vector(Prepared(doc, prepared.texts, vectors)).astype(np.float32).tobytes(),
            vectors=vectors.tobytes(), **self._multilingual_vector(prepared))

    def backfill_multilingual(self, on_done: Callable[[int], None] | None = None) -> tuple[int, int]:
        """Give originals stored before the multilingual encoder their multilingual
        document vector, so candidates in other languages find them; (given, unreadable)."""
        if not self.config.multilingual_model:
            return 0, 0
        given = unreadable = 0
        seq = 0
        fallback = bool(self.config.multilingual_fallback_model)
        while rows := self.store.originals_without_multilingual(after_seq=seq, fallback=fallback):
            for row in rows:
                seq = row.seq
                try:
                    vector = self._multilingual_vector(self.prepare(row.text, f"original {row.id}"))
                except DriftauditError:
                    unreadable += 1
                    continue
                if vector:
                    self.store.set_multilingual_vector(row.id, vector["xling_vector"], vector["xling_model"],
                                                       vector.get("wide_vector"), vector.get("wide_model", ""))
                    given += 1
                if on_done:
                    on_done(1)
        return given, unreadable

    def _multilingual_vector(self, prepared: Prepared) -> dict[str, Any]:
        """The original's multilingual document vectors, for candidates in other languages
        (the fallback encoder's too, for languages the multilingual encoder does not read)."""
        vector = self.auditor.multilingual_doc_vector(prepared)
        if vector is None:
            return {}
        vectors = {"xling_vector": vector.astype(np.float32).tobytes(), "xling_model": self.config.multilingual_model}
        wide = self.auditor.multilingual_doc_vector(prepared, fallback=True)
        if wide is not None:
            vectors |= {"wide_vector": wide.astype(np.float32).tobytes(),
                        "wide_model": self.config.multilingual_fallback_model}
        return vectors

    def prepared_original(self, row: Original) -> Prepared:
        """A stored original, cleaned and segmented again (cheap) with its stored vectors."""
        prepared = self.prepare(row.text, f"original {row.id}")
        if row.model != self.config.model or not row.dim:
            return prepared
        vectors = np.frombuffer(row.vectors, dtype=np.float32).reshape(-1, row.dim)
        return Prepared(prepared.document, prepared.texts, vectors) \
            if len(vectors) == len(units(prepared.document)) else prepared

    def match_prepared(self, candidate: Prepared, top: int | None = None) -> dict[str, Any]:
        """Rank stored originals: vector prefilter over the whole corpus, then alignment of the top few."""
        top = top or self.settings.match_top
        started = time.perf_counter()
        self.index.refresh(self.store)
        vector = self.auditor.doc_vector(candidate)
        hits = self.index.search(vector, top)
        # originals in other languages meet the candidate in the multilingual space; a
        # corpus all in the candidate's language never needs the candidate read there
        multilingual = None
        if self.config.multilingual_model:
            self.multilingual_index.refresh(self.store)
            if self.multilingual_index.holds_other_than(candidate.document.language or ""):
                multilingual = self.auditor.multilingual_doc_vector(candidate)
        if multilingual is not None:
            found = dict(hits)
            hits += [(key, score) for key, score in self.multilingual_index.search(multilingual, top)
                     if key not in found]
        # a candidate in a language the multilingual encoder does not read (Czech, Swedish,
        # ...) meets the originals in the fallback encoder's space, by their leads
        language = candidate.document.language or ""
        if self.config.multilingual_fallback_model and language and not self.auditor.reads_language(language):
            self.fallback_index.refresh(self.store)
            wide = self.auditor.multilingual_doc_vector(candidate, fallback=True)
            if wide is not None:
                found = dict(hits)
                hits += [(key, score) for key, score in self.fallback_index.search(wide, top) if key not in found]
        rows = {row.id: row for row in self.store.get_originals([h for h, _ in hits])}
        originals = {key: self.prepared_original(row) for key, row in rows.items()}
        result = self.auditor.match_prepared(candidate, originals, top=top)
        prefilter = dict(hits)
        for item in result["matches"]:
            row = rows.get(item["id"])
            item["title"] = row.title if row else ""
            item["outlet"] = row.outlet if row else ""
            item["prefilter_score"] = round(prefilter.get(item["id"], 0.0), 4)
        result["corpus_size"] = len(self.index.ids)
        result["seconds"] = round(time.perf_counter() - started, 3)
        return result

    def release_dead_claims(self) -> int:
        """Put back audits claimed by processes of this host that no longer exist."""
        return self.store.release_dead_claims(socket.gethostname())


def languages_of(meta: Mapping[str, Any] | None) -> tuple[str | None, str | None]:
    """(original_lang, candidate_lang) of an audit's metadata, None where not given (the
    pipeline reads the codes: `scoring.languages.language_code`)."""
    meta = meta or {}
    return meta.get("original_lang") or None, meta.get("candidate_lang") or None
