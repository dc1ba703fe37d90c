"""The HTTP API through an httpx client on the ASGI app, with the real model."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

PROBLEM = "application/problem+json"
ROOT = Path(__file__).resolve().parents[2]


def wait_done(client: Any, audit_id: str, timeout: float = 60) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = client.get(f"/v1/audits/{audit_id}").json()
        if body["status"] not in ("pending", "running"):
            return body
        time.sleep(0.1)
    raise AssertionError(f"audit {audit_id} did not finish")


def test_small_pair_is_answered_with_the_cli_report(client: Any, seeds: dict[str, str], auditor: Any) -> None:
    r = client.post("/v1/audits", json={"original": {"text": seeds["cnn_original"]},
                                         "candidate": {"text": seeds["german_roundtrip"]},
                                         "metadata": {"outlet": "Example Daily", "title": "Round trip"}})
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["status"] == "done"
    assert r.headers["location"].endswith(f"/v1/audits/{body['id']}")
    assert body["metadata"]["outlet"] == "Example Daily"
    # The report is exactly what the library (and so the CLI) produces for the pair.
    direct = auditor.audit(seeds["cnn_original"], seeds["german_roundtrip"]).to_dict()
    assert body["report"]["flags"] == direct["flags"]
    assert body["report"]["summary"] == direct["summary"]
    assert client.get(f"/v1/audits/{body['id']}").json()["report"] == body["report"]


def test_background_audit_answers_202_and_a_worker_finishes_it(client: Any, seeds: dict[str, str]) -> None:
    r = client.post("/v1/audits", json={"original": {"text": seeds["cnn_original"]},
                                         "candidate": {"text": seeds["paraphrase_rewrite"]}, "background": True})
    assert r.status_code == 202, r.text
    assert r.json()["status"] in ("pending", "running")
    done = wait_done(client, r.json()["id"])
    assert done["status"] == "done"
    assert done["attempts"] == 1
    assert done["report"]["summary"]["relation"] in ("translation", "rewrite")


def test_large_pair_goes_to_a_worker(make_client: Any, seeds: dict[str, str]) -> None:
    client = make_client(sync_max_sentences=10)
    r = client.post("/v1/audits", json={"original": {"text": seeds["cnn_original"]},
                                         "candidate": {"text": seeds["german_roundtrip"]}})
    assert r.status_code == 202
    assert wait_done(client, r.json()["id"])["status"] == "done"


def test_a_pair_of_few_but_long_sentences_goes_to_a_worker(client: Any, seeds: dict[str, str]) -> None:
    """The request answers at once by cost, not by sentences alone: 160,000 characters
    without a stop are ~107 pieces but half a minute of encoding."""
    from app.services.runner import SYNC_MAX_CHARS_FALLBACK

    service = client.app.state.service
    original = service.prepare(seeds["cnn_original"], "original")
    assert service.is_small(original, service.prepare(seeds["german_roundtrip"], "candidate"))
    long = service.prepare("word " * 32_000, "candidate")
    assert len(long.document.sentences) < 400 and not service.is_small(original, long)
    czech = (ROOT / "samples" / "cnn_czech_injected.txt").read_text(encoding="utf-8")
    padded = service.prepare("\n\n".join([czech] * (SYNC_MAX_CHARS_FALLBACK // len(czech) + 1)), "candidate")
    assert len(padded.document.sentences) < 400 and not service.is_small(original, padded)


def test_candidate_alone_finds_its_original_in_the_corpus(client: Any, seeds: dict[str, str]) -> None:
    cnn = client.post("/v1/originals", json={"text": seeds["cnn_original"], "outlet": "CNN"})
    assert cnn.status_code == 201, cnn.text
    client.post("/v1/originals", json={"text": seeds["euronews_related"], "outlet": "Euronews"})
    r = client.post("/v1/audits", json={"candidate": {"text": seeds["german_roundtrip"]}})
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["status"] == "done"
    assert body["original_id"] == cnn.json()["id"]
    best = body["match"]["matches"][0]
    assert best["id"] == cnn.json()["id"] and best["likely"] and best["outlet"] == "CNN"
    assert body["report"]["summary"]["coverage"]["candidate"] > 0.8
    # The original lists the audits made against it.
    assert body["id"] in client.get(f"/v1/originals/{cnn.json()['id']}").json()["audits"]


def test_no_likely_original_is_an_answer_not_an_error(client: Any, seeds: dict[str, str]) -> None:
    client.post("/v1/originals", json={"text": seeds["cnn_original"]})
    unrelated = ("The city council approved a new budget for public libraries on Tuesday. "
                 "Opening hours will be extended on weekends, and two branches will be renovated. "
                 "The mayor said the plan would be reviewed again next spring.")
    r = client.post("/v1/audits", json={"candidate": {"text": unrelated}})
    assert r.status_code == 201
    body = r.json()
    assert body["status"] == "unmatched"
    assert body["report"] is None
    assert body["match"]["matches"] and not body["match"]["matches"][0]["likely"]
    assert "no stored original" in body["match"]["message"]


def test_empty_corpus_match_says_so(client: Any) -> None:
    r = client.post("/v1/match", json={"candidate": {"text": "A short candidate sentence about the weather."}})
    assert r.status_code == 200
    assert r.json()["matches"] == [] and "empty" in r.json()["message"]


def test_audit_against_a_stored_original_by_id(client: Any, seeds: dict[str, str]) -> None:
    original = client.post("/v1/originals", json={"text": seeds["cnn_original"]}).json()
    r = client.post("/v1/audits", json={"original_id": original["id"], "candidate": {"text": seeds["german_roundtrip"]}})
    assert r.status_code == 201
    assert r.json()["original_id"] == original["id"]
    assert r.json()["report"]["summary"]["coverage"]["original"] > 0.9
    missing = client.post("/v1/audits", json={"original_id": "nope", "candidate": {"text": seeds["german_roundtrip"]}})
    assert missing.status_code == 404 and missing.headers["content-type"].startswith(PROBLEM)


def test_verdicts_keep_their_history(client: Any, seeds: dict[str, str]) -> None:
    audit = client.post("/v1/audits", json={"original": {"text": seeds["cnn_original"]},
                                             "candidate": {"text": seeds["paraphrase_rewrite"]}}).json()
    flag = audit["report"]["flags"][0]["id"]
    first = client.patch(f"/v1/audits/{audit['id']}/flags/{flag}",
                         json={"verdict": "confirmed", "note": "real drift", "reviewer": "ana"})
    assert first.status_code == 200, first.text
    second = client.patch(f"/v1/audits/{audit['id']}/flags/{flag}",
                          json={"verdict": "needs_edit", "note": "fix the day", "reviewer": "ben"})
    review = second.json()
    # the reviewer is who called (open loopback mode: "local"); a name in the body only annotates the note
    assert review["current"]["verdict"] == "needs_edit" and review["current"]["reviewer"] == "local"
    assert review["current"]["note"] == "fix the day (as ben)"
    assert [v["verdict"] for v in review["history"]] == ["confirmed", "needs_edit"]
    stored = client.get(f"/v1/audits/{audit['id']}").json()["review"]
    assert stored[0]["flag_id"] == flag and len(stored[0]["history"]) == 2
    listed = client.get("/v1/audits").json()["items"]
    assert next(a for a in listed if a["id"] == audit["id"])["reviewed"] == 1
    bad = client.patch(f"/v1/audits/{audit['id']}/flags/f999", json={"verdict": "confirmed", "reviewer": "ana"})
    assert bad.status_code == 404
    wrong = client.patch(f"/v1/audits/{audit['id']}/flags/{flag}", json={"verdict": "maybe", "reviewer": "ana"})
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["loc"][-1] == "verdict"


def test_list_filters_and_pages(client: Any, seeds: dict[str, str]) -> None:
    for name, outlet in (("german_roundtrip", "A"), ("paraphrase_rewrite", "B"), ("euronews_related", "A")):
        r = client.post("/v1/audits", json={"original": {"text": seeds["cnn_original"]}, "candidate": {"text": seeds[name]},
                                             "metadata": {"outlet": outlet, "title": f"story {name}"}})
        assert r.status_code == 201
    everything = client.get("/v1/audits").json()
    assert everything["total"] == 3 and everything["next"] is None
    page = client.get("/v1/audits", params={"limit": 2}).json()
    assert len(page["items"]) == 2 and page["next"] and "offset=2" in page["next"]
    assert {a["outlet"] for a in client.get("/v1/audits", params={"outlet": "A"}).json()["items"]} == {"A"}
    other = client.get("/v1/audits", params={"relation": "unrelated_same_topic"}).json()["items"]
    assert [a["title"] for a in other] == ["story euronews_related"]
    assert client.get("/v1/audits", params={"q": "PARAPHRASE"}).json()["total"] == 1
    major = client.get("/v1/audits", params={"worst_severity": "major"}).json()["items"]
    assert major and all(a["worst_severity"] in ("major", "critical") for a in major)
    by_title = [a["title"] for a in client.get("/v1/audits", params={"sort": "title"}).json()["items"]]
    assert by_title == sorted(by_title)
    assert client.get("/v1/audits", params={"created_after": "2999-01-01T00:00:00Z"}).json()["total"] == 0
    assert client.get("/v1/audits", params={"sort": "DROP TABLE"}).status_code == 422


def test_delete_audit_and_original(client: Any, seeds: dict[str, str]) -> None:
    original = client.post("/v1/originals", json={"text": seeds["cnn_original"], "title": "CNN story"}).json()
    assert client.get("/v1/originals").json()["items"][0]["title"] == "CNN story"
    audit = client.post("/v1/audits", json={"original_id": original["id"],
                                             "candidate": {"text": seeds["german_roundtrip"]}}).json()
    assert client.delete(f"/v1/originals/{original['id']}").status_code == 204
    assert client.get(f"/v1/originals/{original['id']}").status_code == 404
    assert client.get(f"/v1/audits/{audit['id']}").json()["original_id"] is None  # the audit stays
    assert client.delete(f"/v1/audits/{audit['id']}").status_code == 204
    assert client.get(f"/v1/audits/{audit['id']}").status_code == 404
    assert client.delete(f"/v1/audits/{audit['id']}").status_code == 404


@pytest.mark.parametrize(("body", "status", "code"), [
    ({"candidate": {"text": ""}, "original": {"text": "x"}}, 422, "empty_input"),
    ({"candidate": {"text": "   \n\t  "}, "original": {"text": "Some text here."}}, 422, "empty_input"),
    ({"candidate": {"text": "a", "html": "b"}}, 422, "invalid_request"),
    ({"candidate": {}}, 422, "invalid_request"),
    ({"original": {"text": "x"}}, 422, "invalid_request"),
    ({"candidate": {"url": "ftp://example.com/a"}}, 422, "fetch_refused"),
    ({"candidate": {"url": "http://127.0.0.1:9/a"}}, 422, "fetch_refused"),
    ({"candidate": {"url": "http://169.254.169.254/latest/meta-data"}}, 422, "fetch_refused"),
    ({"candidate": {"text": "x\x00\x01\x02binary\x00\x00" * 20}, "original": {"text": "Some text."}}, 415, "binary_input"),
    ({"candidate": {"text": "x"}, "original": {"text": "y"}, "surprise": 1}, 422, "invalid_request"),
])
def test_bad_input_is_a_problem_not_a_500(client: Any, body: dict[str, Any], status: int, code: str) -> None:
    r = client.post("/v1/audits", json=body)
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith(PROBLEM)
    problem = r.json()
    assert problem["code"] == code and problem["detail"] and problem["hint"]
    assert client.get("/v1/audits").json()["total"] == 0  # nothing half-stored


def test_not_json_and_wrong_methods(client: Any) -> None:
    assert client.post("/v1/audits", content=b"\xff\xfe garbage", headers={"content-type": "application/json"}
                       ).status_code == 422
    assert client.put("/v1/audits").status_code == 405
    assert client.get("/v1/nothing-here").headers["content-type"].startswith(PROBLEM)
    # JSON nested deeper than the parser goes: FastAPI's own 400, with what to do
    deep = client.post("/v1/audits", content=b"[" * 100_000 + b"]" * 100_000,
                       headers={"content-type": "application/json"})
    assert deep.status_code in (400, 422) and deep.headers["content-type"].startswith(PROBLEM)
    assert deep.json()["hint"]


def test_body_and_document_limits(make_client: Any, seeds: dict[str, str]) -> None:
    client = make_client(max_body_bytes=5_000, max_chars=3_000)
    big = client.post("/v1/audits", json={"original": {"text": "x" * 10_000}, "candidate": {"text": "y"}})
    assert big.status_code == 413 and big.json()["code"] == "body_too_large"
    assert "DRIFTAUDIT_MAX_BODY_BYTES" in big.json()["hint"]
    long_doc = client.post("/v1/audits", json={"original": {"text": "word " * 800}, "candidate": {"text": "word"}})
    assert long_doc.status_code == 413 and long_doc.json()["code"] == "input_too_large"


def test_chunked_body_over_the_limit_is_refused(make_client: Any) -> None:
    client = make_client(max_body_bytes=2_000)

    def chunks() -> Any:
        for _ in range(10):
            yield b'{"candidate": {"text": "' + b"a" * 500 + b'"}}'

    r = client.post("/v1/audits", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_api_keys_are_required_once_one_exists(client: Any) -> None:
    store = client.app.state.service.store
    assert client.get("/v1/audits").status_code == 200  # no keys: loopback single-user default
    key = store.create_key("cms")
    client.app.state.key_check.reset()
    denied = client.get("/v1/audits")
    assert denied.status_code == 401 and denied.headers["www-authenticate"] == "Bearer"
    assert client.get("/v1/audits", headers={"Authorization": f"Bearer {key}"}).status_code == 200
    assert client.get("/v1/audits", headers={"X-API-Key": key}).status_code == 200
    assert client.get("/v1/audits", headers={"X-API-Key": key + "x"}).status_code == 401
    assert client.get("/healthz").status_code == 200 and client.get("/readyz").status_code == 200
    store.revoke_key("cms")
    assert client.get("/v1/audits", headers={"X-API-Key": key}).status_code == 401


def test_busy_service_answers_503_with_retry_after(make_client: Any, seeds: dict[str, str]) -> None:
    client = make_client(max_concurrent_audits=1, max_waiting_audits=0)
    service = client.app.state.service
    with service.slot():  # the only slot is taken
        r = client.post("/v1/audits", json={"original": {"text": seeds["cnn_original"]},
                                             "candidate": {"text": seeds["german_roundtrip"]}})
    assert r.status_code == 503 and r.headers["retry-after"] and r.json()["code"] == "busy"


def test_openapi_lists_the_models(client: Any) -> None:
    schema = client.get("/openapi.json").json()
    for name in ("AuditCreate", "AuditOut", "AuditList", "VerdictIn", "FlagReview", "OriginalCreate", "MatchResult",
                 "Problem"):
        assert name in schema["components"]["schemas"], name
    assert {"/v1/audits", "/v1/audits/{audit_id}", "/v1/audits/{audit_id}/flags/{flag_id}", "/v1/originals",
            "/v1/match", "/healthz", "/readyz"} <= set(schema["paths"])


def test_huge_offsets_are_refused_not_crashed(client: Any) -> None:
    """Found by the schemathesis fuzz test: an offset past 64 bits reached SQLite."""
    for path in ("/v1/audits", "/v1/originals"):
        r = client.get(path, params={"offset": 9223372036854775808})
        assert r.status_code == 422 and r.json()["code"] == "invalid_request"
    assert client.get("/", params={"page_no": 10**30}).status_code < 500


def test_api_docs_work_offline(client: Any) -> None:
    page = client.get("/docs")
    assert page.status_code == 200 and "/docs-static/swagger-ui-bundle.js" in page.text
    assert "cdn." not in page.text
    assert client.get("/docs-static/swagger-ui-bundle.js").status_code == 200
    assert client.get("/docs-static/swagger-ui.css").status_code == 200


def test_samples_load_when_the_database_was_empty_at_start(client: Any, seeds: dict[str, str]) -> None:
    """The samples are stored once the model is in; a request that came first no longer
    makes the database look used (the corpus stayed empty): emptiness is decided at start."""
    from app.main import database_is_empty, load_samples

    service = client.app.state.service
    assert database_is_empty(service)
    r = client.post("/v1/audits", json={"original": {"text": seeds["cnn_original"]},
                                        "candidate": {"text": seeds["paraphrase_rewrite"]}})
    assert r.status_code in (200, 201, 202), r.text
    assert load_samples(service, ROOT / "samples") == 0  # judged now: not empty
    queued = load_samples(service, ROOT / "samples", empty=True)  # judged at start: empty
    assert queued >= 3
    listed = client.get("/v1/audits?limit=50").json()
    assert listed["total"] == 1 + queued
    assert {"Tagesblatt (German translation)"} <= {a["outlet"] for a in listed["items"]}
