"""/metrics of a real `driftaudit serve` stays small whatever methods and paths clients make up."""

from __future__ import annotations

import random
import re
import string
import uuid
from pathlib import Path

import httpx
from prometheus_client.parser import text_string_to_metric_families

from app.core.metrics import METHODS, OTHER, UNMATCHED
from tests.app.server import Server

REQUESTS = 300
MAX_EXPOSITION = 200_000


def made_up_method(rng: random.Random) -> str:
    """An HTTP token no server knows, sometimes long (httpx sends it in capitals)."""
    return "".join(rng.choice(string.ascii_letters) for _ in range(rng.choice((3, 7, 12, 40))))


def test_made_up_methods_and_paths_never_become_labels(tmp_path: Path) -> None:
    rng = random.Random(20240611)
    sent_methods: set[str] = set()
    sent_segments: set[str] = set()
    with Server(tmp_path / "data", DRIFTAUDIT_WORKERS="0") as server, \
            httpx.Client(base_url=server.url, timeout=30) as http:
        before = len(http.get("/metrics").content)
        for n in range(REQUESTS):
            segment = uuid.uuid4().hex
            sent_segments.add(segment)
            method = made_up_method(rng) if n % 3 else rng.choice(sorted(METHODS - {"HEAD"}))
            if method not in METHODS:
                sent_methods.add(method)
            # Unknown paths, a templated route with a made-up id, and known paths with made-up methods.
            path = rng.choice((f"/{segment}", f"/x/{segment}/{segment}", f"/v1/audits/{segment}", "/healthz",
                               f"/static/{segment}.css", f"/audits/{segment}"))
            response = http.request(method, path)
            assert response.status_code < 500, (method, path, response.status_code, response.text[:200])
        text = http.get("/metrics").text

    assert len(text.encode()) < MAX_EXPOSITION, f"/metrics grew from {before:,} to {len(text.encode()):,} bytes"
    for value in sent_methods | sent_segments:  # nothing a client sent appears, in a label or anywhere else
        assert value not in text
    seen_other = 0.0
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            labels = sample.labels
            if "method" in labels:
                assert labels["method"] in METHODS | {OTHER}, sample
            if "route" in labels:
                assert labels["route"] == UNMATCHED or re.fullmatch(r"/[\w/{}.:-]*", labels["route"]), sample
            if "status" in labels and family.name == "driftaudit_http_requests":
                assert re.fullmatch(r"[1-5]\d\d|[1-5]xx|other", labels["status"]), sample
            if sample.name == "driftaudit_http_requests_total" and labels["method"] == OTHER:
                seen_other += sample.value
    assert seen_other >= len(sent_methods)  # the made-up methods were counted, under one label
    series = [line for line in text.splitlines() if line.startswith("driftaudit_http_requests_total{")]
    assert len(series) < 60, f"{len(series)} request series"
