"""Prometheus metrics at /metrics, request ids and the access log.

`Observe` (an ASGI middleware) gives every request an id (`X-Request-ID` in and out, in
a contextvar the log formatter adds to every line), counts and times it under its route
template (`/v1/audits/{audit_id}`, never the raw path), and writes one access log line.
No label value is ever taken from the request as sent: the method is one of `METHODS` or
`other`, the route a template of the app or `unmatched`, the status an exact code of
`STATUS_CODES` or its class (`5xx`), so the number of series is bounded whatever clients send.

Audits by status and the queue depth are read from the database at each scrape, so they
are right whichever process is scraped. Flags by severity are counted when an audit
finishes (`audit_finished`, called by the request that ran it or by the worker), and the
encoder's work is counted per batch (`instrument`): `rate(driftaudit_encoder_sentences_total)
/ rate(driftaudit_encoder_seconds_total)` is the encoder's speed in sentences/s while busy.

Several server processes (`driftaudit serve --processes N`): each process counts its own
requests, so set `PROMETHEUS_MULTIPROC_DIR` to an empty writable directory (a tmpfs, e.g.
/tmp/driftaudit-metrics; it must be emptied before the service starts) and every scrape
adds up all processes (prometheus_client's multiprocess mode; the process_* metrics are
then left out). Without it, with N > 1, counters and histograms describe whichever
process answered the scrape.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Iterable, Iterator
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.logging import new_request_id, request_id
from app.store.models import STATUSES
from scoring.report import Report
from scoring.types import SEVERITIES as FLAG_SEVERITIES

MULTIPROC_DIR = os.environ.get("PROMETHEUS_MULTIPROC_DIR") or os.environ.get("prometheus_multiproc_dir")
if MULTIPROC_DIR:  # must exist before the first metric is made (values are files in it)
    os.makedirs(MULTIPROC_DIR, exist_ok=True)

from prometheus_client import (  # noqa: E402
    CONTENT_TYPE_LATEST,
    GC_COLLECTOR,
    PLATFORM_COLLECTOR,
    PROCESS_COLLECTOR,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily  # noqa: E402
from prometheus_client.registry import Collector  # noqa: E402

log = logging.getLogger("driftaudit.access")

REGISTRY = CollectorRegistry(auto_describe=True)
if not MULTIPROC_DIR:
    for collector in (PROCESS_COLLECTOR, PLATFORM_COLLECTOR, GC_COLLECTOR):
        REGISTRY.register(collector)

SEVERITIES = FLAG_SEVERITIES[1:]  # flags are minor or worse
UNMATCHED = "unmatched"  # the route label of requests no route answered (no raw paths: bounded labels)
OTHER = "other"  # the method label of any method not in METHODS
METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"})
# Statuses counted under their own code; any other is counted under its class ("2xx" .. "5xx").
STATUS_CODES = frozenset({200, 201, 202, 204, 301, 302, 303, 304, 307, 308, 400, 401, 403, 404, 405, 409, 413, 415,
                          422, 429, 500, 502, 503, 504})
# Polled by health checks and Prometheus: their access lines are debug, not info.
QUIET_ROUTES = frozenset({"/healthz", "/readyz", "/metrics"})

REQUESTS = Counter("driftaudit_http_requests", "HTTP requests answered, by route template and status.",
                   ("method", "route", "status"), registry=REGISTRY)
LATENCY = Histogram("driftaudit_http_request_duration_seconds", "Time to answer a request, by route template.",
                    ("method", "route"), registry=REGISTRY,
                    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120))
IN_PROGRESS = Gauge("driftaudit_http_requests_in_progress", "Requests being answered now.",
                    registry=REGISTRY, multiprocess_mode="livesum")
FINISHED = Counter("driftaudit_audits_finished", "Audits finished by this service, by outcome.",
                   ("status",), registry=REGISTRY)
FLAGS = Counter("driftaudit_flags", "Flags raised by finished audits, by severity.", ("severity",), registry=REGISTRY)
AUDIT_SECONDS = Histogram("driftaudit_audit_duration_seconds", "Time to run one audit (worker jobs).",
                          registry=REGISTRY, buckets=(0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 600))
ENCODED = Counter("driftaudit_encoder_sentences", "Sentences the encoder embedded (cache misses).",
                  registry=REGISTRY)
ENCODE_SECONDS = Counter("driftaudit_encoder_seconds", "Seconds the encoder spent embedding.", registry=REGISTRY)

for _status in STATUSES:
    FINISHED.labels(_status)
for _severity in SEVERITIES:
    FLAGS.labels(_severity)


# -- hooks -----------------------------------------------------------------------------
def audit_finished(report: Report | None, error: dict[str, Any] | None = None,
                   seconds: float | None = None, stored: bool = True) -> None:
    """Count one finished audit and its flags; call it where the outcome is stored.

    `stored` False (another worker took the audit over) counts nothing.
    """
    if not stored:
        return
    FINISHED.labels("failed" if error else "done" if report else "unmatched").inc()
    if seconds is not None:
        AUDIT_SECONDS.observe(seconds)
    if report is None:
        return
    for severity, n in report.summary.flags.items():
        if n and severity in SEVERITIES:
            FLAGS.labels(severity).inc(n)


def instrument(service: Any) -> None:
    """Count the sentences the service's encoder embeds and the time it takes: a listener
    on the embedder's forward passes (`batch_listeners`), added once per encoder."""
    embedder = getattr(getattr(service, "auditor", None), "embedder", None)
    listeners = getattr(embedder, "batch_listeners", None)
    if listeners is None or _count_batch in listeners:
        return
    listeners.append(_count_batch)


def _count_batch(count: int, seconds: float) -> None:
    ENCODED.inc(count)
    ENCODE_SECONDS.inc(seconds)


# -- the database's view, read at each scrape ----------------------------------------------
class StoreCollector(Collector):
    """Audits by status and the queue depth, from the store; `driftaudit_database_up` 0 when it fails."""

    def __init__(self, service: Any) -> None:
        self.service = service

    def collect(self) -> Iterable[Any]:
        up = GaugeMetricFamily("driftaudit_database_up", "1 when the last scrape could read the database.")
        store = getattr(self.service, "store", None)
        if store is None:
            up.add_metric([], 0)
            yield up
            return
        try:
            counts = store.counts_by_status()
            depth = store.queue_depth()
        except Exception:
            log.warning("metrics: the database did not answer", exc_info=True)
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        audits = GaugeMetricFamily("driftaudit_audits", "Audits in the database, by status.", labels=["status"])
        for status in sorted(set(STATUSES) | set(counts)):
            audits.add_metric([status], counts.get(status, 0))
        yield audits
        queue = GaugeMetricFamily("driftaudit_queue_depth", "Audits waiting for or being run by a worker.")
        queue.add_metric([], depth)
        yield queue
        info = GaugeMetricFamily("driftaudit_info", "The running version and model.", labels=["version", "model"])
        from scoring import __version__

        config = getattr(getattr(self.service, "auditor", None), "config", None)
        info.add_metric([__version__, str(getattr(config, "model", ""))], 1)
        yield info


def exposition(service: Any) -> bytes:
    """The text the /metrics route answers."""
    if MULTIPROC_DIR:
        from prometheus_client import multiprocess

        counters = CollectorRegistry()
        multiprocess.MultiProcessCollector(counters)
        head = generate_latest(counters)
    else:
        head = generate_latest(REGISTRY)
    scrape = CollectorRegistry(auto_describe=False)
    scrape.register(StoreCollector(service))
    return head + generate_latest(scrape)


router = APIRouter(tags=["operations"])


@router.get("/metrics", include_in_schema=False)
def metrics(request: Request) -> Response:
    """Prometheus text format."""
    return Response(exposition(getattr(request.app.state, "service", None)), media_type=CONTENT_TYPE_LATEST)


# -- the middleware ----------------------------------------------------------------------
def route_of(scope: Scope) -> str:
    """The template of the route that answered (`/v1/audits/{audit_id}`), or 'unmatched'.

    Only routes the app declared set `scope["route"]`, so the value is one of a fixed set.
    """
    route = scope.get("route")
    path = getattr(route, "path_format", None) or getattr(route, "path", None)
    return str(path) if path else UNMATCHED


def method_label(method: str) -> str:
    """The request method as a label: one of METHODS, else 'other' (clients may send any token)."""
    return method if method in METHODS else OTHER


def status_label(status: int) -> str:
    """The response status as a label: the code when it is in STATUS_CODES, else its class ('4xx'), else 'other'."""
    if status in STATUS_CODES:
        return str(status)
    return f"{status // 100}xx" if 100 <= status <= 599 else OTHER


class Observe:
    """Request id, metrics and the access log line for every HTTP request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = None
        for key, value in scope.get("headers") or ():
            if key == b"x-request-id":
                incoming = value.decode("latin-1")
                break
        rid = new_request_id(incoming)
        token = request_id.set(rid)
        status = 500
        started = time.perf_counter()

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                headers = [(k, v) for k, v in message.get("headers", ()) if k.lower() != b"x-request-id"]
                headers.append((b"x-request-id", rid.encode("latin-1")))
                message = {**message, "headers": headers}
            await send(message)

        IN_PROGRESS.inc()
        try:
            await self.app(scope, receive, send_with_id)
        finally:
            IN_PROGRESS.dec()
            seconds = time.perf_counter() - started
            route = route_of(scope)
            method = method_label(str(scope.get("method", "")))
            REQUESTS.labels(method, route, status_label(status)).inc()
            LATENCY.labels(method, route).observe(seconds)
            level = logging.DEBUG if route in QUIET_ROUTES and status < 400 else logging.INFO
            extra: dict[str, Any] = {"method": method, "route": route, "status": status,
                                     "duration_ms": round(seconds * 1000, 1)}
            if method == OTHER:  # what was sent, cut short: the log line stays small whatever the method
                extra["raw_method"] = str(scope.get("method", ""))[:32]
            log.log(level, "request", extra=extra)
        # Not reset when the app raised: the server's error handler, further out, logs with the id
        # (each request runs in a task of its own, so the id goes no further).
        request_id.reset(token)


def metric_names(text: str) -> Iterator[str]:
    """Names of the samples in an exposition (for tests and checks)."""
    for line in text.splitlines():
        if line and not line.startswith("#"):
            yield line.split("{", 1)[0].split(" ", 1)[0]
