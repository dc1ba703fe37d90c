"""/metrics, request ids and the access log, on the real app (SQLite, the real model)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


def unique_pair() -> tuple[str, str, str]:
    """A small original/candidate pair with a marker no other test encodes (cache misses)."""
    marker = uuid.uuid4().hex[:10]
    original = (f"Storm {marker} hits the coast\n\nThe storm {marker} flooded 300 homes on Tuesday, officials said.\n\n"
                "Rescue crews saved 20 people from their roofs during the night.\n\n"
                "The mayor will ask the government for emergency funds this week.\n")
    candidate = original.replace("300 homes", "3,000 homes").replace("20 people", "two people")
    return marker, original, candidate


def samples(text: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    from prometheus_client.parser import text_string_to_metric_families

    return {(s.name, frozenset(s.labels.items())): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


def value(text: str, name: str, **labels: str) -> float:
    return samples(text).get((name, frozenset(labels.items())), 0.0)


def test_request_id_is_kept_or_made(ops_client: Callable[..., Any]) -> None:
    client = ops_client()
    given = client.get("/healthz", headers={"X-Request-ID": "cms-7f3a.42"})
    assert given.headers["x-request-id"] == "cms-7f3a.42"
    made = client.get("/healthz")
    assert re.fullmatch(r"[0-9a-f]{32}", made.headers["x-request-id"])
    hostile = client.get("/healthz", headers={"X-Request-ID": "x" * 500})
    assert re.fullmatch(r"[0-9a-f]{32}", hostile.headers["x-request-id"])
    missing = client.get("/v1/audits/nope", headers={"X-Request-ID": "abc"})
    assert missing.status_code == 404 and missing.headers["x-request-id"] == "abc"


def test_metrics_by_route_template_status_flags_encoder(ops_client: Callable[..., Any]) -> None:
    client = ops_client()
    before = client.get("/metrics")
    assert before.status_code == 200 and before.headers["content-type"].startswith("text/plain")
    marker, original, candidate = unique_pair()
    created = client.post("/v1/audits", json={"original": {"text": original}, "candidate": {"text": candidate}})
    assert created.status_code == 201, created.text
    audit_id = created.json()["id"]
    flags = created.json()["report"]["flags"]
    assert client.get(f"/v1/audits/{audit_id}").status_code == 200
    assert client.get("/v1/audits/0123456789abcdef").status_code == 404
    assert client.get(f"/no/such/{marker}").status_code == 404
    after = client.get("/metrics").text

    template = "/v1/audits/{audit_id}"
    assert value(after, "driftaudit_http_requests_total", method="GET", route=template, status="200") >= 1
    assert value(after, "driftaudit_http_requests_total", method="GET", route=template, status="404") >= 1
    assert value(after, "driftaudit_http_requests_total", method="POST", route="/v1/audits", status="201") >= 1
    assert value(after, "driftaudit_http_requests_total", method="GET", route="unmatched", status="404") >= 1
    assert value(after, "driftaudit_http_request_duration_seconds_count", method="POST", route="/v1/audits") >= 1
    assert audit_id not in after and marker not in after  # raw paths never become labels

    old = before.text
    for severity in ("minor", "major", "critical"):
        raised = sum(1 for f in flags if f["severity"] == severity)
        gained = (value(after, "driftaudit_flags_total", severity=severity)
                  - value(old, "driftaudit_flags_total", severity=severity))
        assert gained >= raised  # other tests in this process may add more
    assert sum(1 for f in flags if f["severity"] in ("major", "critical")) >= 1
    assert value(after, "driftaudit_audits_finished_total", status="done") > value(old, "driftaudit_audits_finished_total",
                                                                                  status="done")
    assert value(after, "driftaudit_audits", status="done") == 1  # from this app's database
    assert value(after, "driftaudit_audits", status="pending") == 0
    assert value(after, "driftaudit_queue_depth") == 0
    assert value(after, "driftaudit_database_up") == 1
    sentences = value(after, "driftaudit_encoder_sentences_total") - value(old, "driftaudit_encoder_sentences_total")
    seconds = value(after, "driftaudit_encoder_seconds_total") - value(old, "driftaudit_encoder_seconds_total")
    assert sentences >= 4 and seconds > 0
    assert "process_resident_memory_bytes" in after


def test_worker_audits_are_counted(ops_client: Callable[..., Any]) -> None:
    client = ops_client()
    old = client.get("/metrics").text
    _, original, candidate = unique_pair()
    accepted = client.post("/v1/audits", json={"original": {"text": original}, "candidate": {"text": candidate},
                                               "background": True})
    assert accepted.status_code == 202
    deadline = time.monotonic() + 60
    while client.get(accepted.headers["location"]).json()["status"] in ("pending", "running"):
        assert time.monotonic() < deadline
        time.sleep(0.1)
    new = client.get("/metrics").text
    assert value(new, "driftaudit_audit_duration_seconds_count") > value(old, "driftaudit_audit_duration_seconds_count")
    assert value(new, "driftaudit_audits", status="done") == 1


def test_access_log_and_no_article_text(ops_client: Callable[..., Any], capfd: pytest.CaptureFixture[str]) -> None:
    client = ops_client(log_format="json")
    marker, original, candidate = unique_pair()
    created = client.post("/v1/audits", json={"original": {"text": original}, "candidate": {"text": candidate}},
                          headers={"X-Request-ID": "trace-" + marker})
    assert created.status_code == 201
    client.post("/v1/audits", json={"original": {"text": original}, "candidate": {"text": candidate},
                                    "background": True})
    deadline = time.monotonic() + 60
    while client.get("/v1/audits", params={"status": "done"}).json()["total"] < 2:
        assert time.monotonic() < deadline
        time.sleep(0.1)
    client.get("/healthz")
    err = capfd.readouterr().err
    lines = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    assert lines, err[-2000:]
    access = [line for line in lines if line["logger"] == "driftaudit.access"]
    mine = [line for line in access if line.get("request_id") == "trace-" + marker]
    assert mine and mine[0]["method"] == "POST" and mine[0]["route"] == "/v1/audits"
    assert mine[0]["status"] == 201 and mine[0]["duration_ms"] > 0
    assert all("request_id" in line for line in access)
    assert not [line for line in access if line["route"] == "/healthz"]  # polled routes log at debug
    assert "storm" not in err.lower() and "emergency funds" not in err  # no article text at info level
    assert marker in err  # only as the request id


def test_multiprocess_mode_adds_up_processes(tmp_path: Path) -> None:
    """With PROMETHEUS_MULTIPROC_DIR, counts made in other processes appear in every scrape."""
    folder = tmp_path / "prom"
    code = ("from app.core import metrics; metrics.FLAGS.labels('major').inc(3); "
            "metrics.REQUESTS.labels('GET', '/x', '200').inc()")
    env = {"PROMETHEUS_MULTIPROC_DIR": str(folder), "PATH": "/usr/bin:/bin"}
    for _ in range(2):
        subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, check=True, timeout=120)
    show = "from app.core import metrics; print(metrics.exposition(None).decode())"
    text = subprocess.run([sys.executable, "-c", show], env=env, cwd=ROOT, check=True, timeout=120,
                          capture_output=True, text=True).stdout
    assert value(text, "driftaudit_flags_total", severity="major") == 6
    assert value(text, "driftaudit_http_requests_total", method="GET", route="/x", status="200") == 2
    assert value(text, "driftaudit_database_up") == 0


def test_label_values_come_from_fixed_sets() -> None:
    from app.core.metrics import METHODS, method_label, status_label

    assert {method_label(m) for m in METHODS} == METHODS
    assert method_label("BREW") == method_label("get") == method_label("X" * 10_000) == method_label("") == "other"
    assert [status_label(s) for s in (200, 404, 503)] == ["200", "404", "503"]
    assert [status_label(s) for s in (103, 226, 418, 451, 599)] == ["1xx", "2xx", "4xx", "4xx", "5xx"]
    assert status_label(0) == status_label(999) == "other"


def test_a_made_up_method_is_counted_as_other(ops_client: Callable[..., Any]) -> None:
    client = ops_client()
    assert client.request("BREWCOFFEE", "/healthz").status_code == 405
    text = client.get("/metrics").text
    assert value(text, "driftaudit_http_requests_total", method="other", route="/healthz", status="405") >= 1
    assert "BREWCOFFEE" not in text
