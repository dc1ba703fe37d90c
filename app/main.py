"""The FastAPI application: `create_app()` wires settings, database, model, workers and routes."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from app.api import audits, editorial, health, originals, reviews, watches, webhooks
from app.api.deps import KeyCheck
from app.api.docs import install_docs
from app.api.errors import BodyLimit, install
from app.core import metrics
from app.core.config import LOOPBACK_NAMES, Settings, get_settings
from app.core.logging import setup_logging
from app.core.memory import tune_malloc
from app.core.worker import WorkerPool
from app.services.runner import AuditService
from app.services.watches import WatchScheduler
from app.services.webhooks import WebhookSender
from app.store.db import make_engine, migrate
from app.store.repo import AuditFilter, Store
from app.web import routes as web
from app.web.security import HostCheck
from scoring import __version__
from scoring.pipeline import Auditor

log = logging.getLogger("driftaudit.app")

# The sample set `make run` loads: candidates audited against the CNN original.
SAMPLE_ORIGINAL = ("cnn_original.txt", "CNN")
SAMPLE_CANDIDATES = (("german_roundtrip.txt", "Round trip through German"),
                     ("paraphrase_rewrite.txt", "Paraphrasing site"),
                     ("euromaidan_related.txt", "Euromaidan Press"),
                     ("euronews_related.txt", "Euronews"),
                     ("cnn_german_injected.txt", "Tagesblatt (German translation)"))


def database_is_empty(service: AuditService) -> bool:
    return not service.store.list_audits(AuditFilter(), 1, 0)[1]


def load_samples(service: AuditService, folder: Path, empty: bool | None = None) -> int:
    """With an empty database: store the sample original and queue the sample audits.
    `empty`: whether the database was empty when the service started (the samples are
    stored once the model is in, and a request may have come first); by default, now."""
    store = service.store
    if not (database_is_empty(service) if empty is None else empty) or not (folder / SAMPLE_ORIGINAL[0]).is_file():
        return 0
    original = service.add_original((folder / SAMPLE_ORIGINAL[0]).read_text(encoding="utf-8"),
                                    {"outlet": SAMPLE_ORIGINAL[1], "external_id": "sample:" + SAMPLE_ORIGINAL[0]})
    queued = 0
    for name, outlet in SAMPLE_CANDIDATES:
        path = folder / name
        if path.is_file():
            store.create_audit(original_input={}, candidate_input={"text": path.read_text(encoding="utf-8")},
                               meta={"outlet": outlet, "external_id": "sample:" + name, "submitted_by": "samples"},
                               original_id=original.id)
            queued += 1
    return queued


def create_app(settings: Settings | None = None, auditor: Auditor | None = None) -> FastAPI:
    """The ASGI app. `auditor` lets tests share one loaded model; by default it loads here."""
    settings = settings or get_settings()
    tune_malloc()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        setup_logging(settings.log_level, settings.log_format)
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        engine = make_engine(settings.resolved_database_url())
        migrate(engine)
        app.state.engine = engine
        service = AuditService(settings, Store(engine, settings.job_max_attempts), auditor)
        if settings.host not in LOOPBACK_NAMES and not service.store.has_keys():
            # `driftaudit serve` refuses to start like this; started otherwise (uvicorn, or the last key
            # revoked since) the service runs but lets nobody in without credentials.
            log.warning("no live API key: every request without a key or a dashboard sign-in is refused",
                        extra={"host": settings.host, "hint": "create one with `driftaudit keys create NAME`"})
        app.state.service = service
        # decided before the first request: one that comes before the model is in (and the
        # samples with it) would otherwise make the database look used
        fresh = settings.load_samples and database_is_empty(service)
        pool = WorkerPool(service, settings.workers)
        app.state.workers = pool
        app.state.workers_notify = pool.notify

        def warm_up() -> None:
            # In the background, so /healthz answers at once and /readyz says "loading"
            # until the model is in: the model, then the samples (which need it), then the
            # corpus index (9 s at 100k originals, better now than in the first match).
            service.load()
            loaded = service.wait_model(0)
            if loaded:
                metrics.instrument(service)
            if loaded and fresh:
                try:
                    queued = load_samples(service, settings.samples_dir, empty=True)
                    if queued:
                        log.info("sample audits queued", extra={"count": queued})
                        pool.notify()
                except Exception:  # samples are a convenience: never take the service down
                    log.exception("could not load the sample audits")
            service.index.refresh(service.store)

        pool.start()
        sender = WebhookSender(service.store, settings)
        service.webhook_wake = sender.wake
        app.state.webhooks = sender
        sender.start()
        scheduler = WatchScheduler(service, pool.notify)
        app.state.watches = scheduler
        scheduler.start()
        threading.Thread(target=warm_up, name="driftaudit-warm-up", daemon=True).start()
        log.info("driftaudit listening; the model loads in the background",
                 extra={"model": settings.model, "encoder": settings.encoder, "workers": settings.workers,
                        "database": engine.dialect.name})
        try:
            yield
        finally:
            pool.stop()
            sender.stop()
            scheduler.stop()
            engine.dispose()

    app = FastAPI(title="driftaudit", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Translation-drift audits for newsrooms: align a republished article with its "
                              "original, flag the sentences that drifted, and record editors' verdicts.")
    app.state.settings = settings
    app.state.key_check = KeyCheck()
    install_docs(app)
    install(app)
    app.include_router(metrics.router)
    for router in (health.router, reviews.router, audits.router, originals.router, editorial.router,
                   webhooks.router, watches.router):
        app.include_router(router)
    # Each add_middleware wraps what is there: the dashboard's sessions go innermost (the routes see
    # them), request logging and metrics outermost (they see every request, refused ones too).
    web.install(app)  # the dashboard: pages, static files, sessions
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(HostCheck, settings=settings)  # before anything reads the request: DNS rebinding
    app.add_middleware(metrics.Observe)
    return app


def app_factory() -> Any:
    """For `uvicorn --factory app.main:app_factory`."""
    settings = get_settings()
    setup_logging(settings.log_level, settings.log_format)  # uvicorn's own lines from here on are JSON too
    return create_app(settings)
