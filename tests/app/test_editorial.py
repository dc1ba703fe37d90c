"""Glossaries and suppression rules through the API, and audits that run under them."""

from __future__ import annotations

import time
from typing import Any

PROBLEM = "application/problem+json"


def audit(client: Any, seeds: dict[str, str], outlet: str, candidate: str = "german_roundtrip",
          background: bool = False) -> dict[str, Any]:
    body = {"original": {"text": seeds["cnn_original"]}, "candidate": {"text": seeds[candidate]},
            "metadata": {"outlet": outlet}, "background": background}
    r = client.post("/v1/audits", json=body)
    assert r.status_code in (201, 202), r.text
    return dict(r.json())


def test_glossary_crud_and_csv_round_trip(client: Any) -> None:
    made = client.post("/v1/glossaries", json={"outlet": "Daily Echo", "source": "Zelensky", "target": "Zelenskyy",
                                               "note": "house style"})
    assert made.status_code == 201, made.text
    entry = made.json()
    assert entry["created_by"] == "local" and entry["severity"] == "major"
    csv_body = ("source,target,severity,note,outlet\n"
                "occupying military forces,occupying military forces,critical,,\n"
                "Kim Jong Un,Kim Jong Un,,,Daily Echo\n")
    imported = client.post("/v1/glossaries.csv", content=csv_body.encode(), headers={"Content-Type": "text/csv"})
    assert imported.status_code == 201, imported.text
    assert imported.json()["imported"] == 2
    assert {e["outlet"] for e in imported.json()["items"]} == {"", "Daily Echo"}
    assert client.get("/v1/glossaries").json()["total"] == 3
    assert client.get("/v1/glossaries", params={"outlet": "Daily Echo"}).json()["total"] == 2
    exported = client.get("/v1/glossaries.csv")
    assert exported.headers["content-type"].startswith("text/csv")
    lines = exported.text.strip().splitlines()
    assert lines[0] == "outlet,source,target,severity,note" and len(lines) == 4
    assert "Daily Echo,Zelensky,Zelenskyy,major,house style" in lines
    changed = client.patch(f"/v1/glossaries/{entry['id']}", json={"severity": "minor", "note": "agreed 2026"})
    assert changed.status_code == 200 and changed.json()["severity"] == "minor"
    assert changed.json()["source"] == "Zelensky" and changed.json()["note"] == "agreed 2026"
    assert client.patch(f"/v1/glossaries/{entry['id']}", json={"target": ""}).status_code == 422
    assert client.patch("/v1/glossaries/9999", json={"note": "x"}).status_code == 404
    assert client.delete(f"/v1/glossaries/{entry['id']}").status_code == 204
    assert client.delete(f"/v1/glossaries/{entry['id']}").status_code == 404
    assert client.get("/v1/glossaries").json()["total"] == 2


def test_glossary_csv_cells_that_start_like_formulas_are_quoted_and_read_back(client: Any) -> None:
    made = client.post("/v1/glossaries", json={"source": "=HYPERLINK(\"http://x.example\")", "target": "-40 C",
                                               "note": "@risk"})
    assert made.status_code == 201, made.text
    exported = client.get("/v1/glossaries.csv").text
    row = exported.strip().splitlines()[1]
    assert row.startswith(",\"'=HYPERLINK(") and ",'-40 C," in row and row.endswith(",'@risk")
    client.delete(f"/v1/glossaries/{made.json()['id']}")
    imported = client.post("/v1/glossaries.csv", content=exported.encode(), headers={"Content-Type": "text/csv"})
    assert imported.status_code == 201, imported.text
    (entry,) = imported.json()["items"]
    assert (entry["source"], entry["target"], entry["note"]) == ("=HYPERLINK(\"http://x.example\")", "-40 C", "@risk")


def test_bad_glossary_input_is_refused_whole(client: Any) -> None:
    bad_rows = "source,target,severity\nfine,fine,major\n,missing source,major\n"
    r = client.post("/v1/glossaries.csv", content=bad_rows.encode(), headers={"Content-Type": "text/csv"})
    assert r.status_code == 400 and r.headers["content-type"].startswith(PROBLEM)
    assert "entry 2" in r.json()["detail"] and r.json()["hint"]
    assert client.get("/v1/glossaries").json()["total"] == 0  # all rows or none
    no_header = client.post("/v1/glossaries.csv", content=b"a,b\n", headers={"Content-Type": "text/csv"})
    assert no_header.status_code == 400 and "header" in no_header.json()["detail"]
    latin1 = client.post("/v1/glossaries.csv", content="source,target\nM\xfcnchen,Munich\n".encode("latin-1"),
                         headers={"Content-Type": "text/csv"})
    assert latin1.status_code == 415
    severity = client.post("/v1/glossaries", json={"source": "a", "target": "b", "severity": "fatal"})
    assert severity.status_code == 422
    # a field beyond the csv module's limit is a bad file, not a server error
    huge = client.post("/v1/glossaries.csv", content=f"source,target\n{'a' * 200_000},b\n".encode(),
                       headers={"Content-Type": "text/csv"})
    assert huge.status_code == 400 and "could not be read" in huge.json()["detail"] and huge.json()["hint"]


def test_a_glossary_violation_is_flagged_with_both_spans(client: Any, seeds: dict[str, str]) -> None:
    client.post("/v1/glossaries", json={"outlet": "Daily Echo", "source": "occupying military forces",
                                        "target": "occupying military forces"})
    client.post("/v1/glossaries", json={"source": "Kim Jong Un", "target": "Kim Jong Un", "severity": "critical"})
    report = audit(client, seeds, "Daily Echo")["report"]
    terms = {f["original_spans"][0]["text"]: f for f in report["flags"] if f["category"] == "terminology"}
    assert terms["occupying military forces"]["spans"][0]["text"] == "crew troops"
    assert terms["Kim Jong Un"]["severity"] == "critical"
    assert report["signature"]["policy"]["glossary"] == 2
    # Another outlet gets the all-outlet entry only.
    other = audit(client, seeds, "Other Post")["report"]
    assert [f["original_spans"][0]["text"] for f in other["flags"] if f["category"] == "terminology"] == ["Kim Jong Un"]


def test_a_suppressed_flag_does_not_come_back_active(client: Any, seeds: dict[str, str]) -> None:
    first = audit(client, seeds, "Daily Echo")
    flag = next(f for f in first["report"]["flags"] if f["severity"] == "major" and f["side"] == "candidate")
    path = f"/v1/audits/{first['id']}/flags/{flag['id']}"
    early = client.post("/v1/rules", json={"audit_id": first["id"], "flag_id": flag["id"]})
    assert early.status_code == 400 and "dismiss" in early.json()["hint"]  # only a dismissed flag
    assert client.patch(path, json={"verdict": "dismissed", "note": "house spelling"}).status_code == 200
    made = client.post("/v1/rules", json={"audit_id": first["id"], "flag_id": flag["id"], "expires_in_days": 30})
    assert made.status_code == 201, made.text
    rule = made.json()
    assert rule["outlet"] == "Daily Echo" and rule["category"] == flag["category"] and rule["expires_at"]
    assert rule["candidate"] == " ".join(" ".join(s["text"] for s in flag["spans"]).split())

    second = audit(client, seeds, "Daily Echo")["report"]
    same = [f for f in second["flags"] if f["category"] == flag["category"] and f["spans"] == flag["spans"]]
    assert len(same) == 1 and same[0]["suppressed_by"] == f"r{rule['id']}"  # kept, marked, not active
    assert second["summary"]["suppressed"] == 1
    assert second["summary"]["flags"]["major"] == first["report"]["summary"]["flags"]["major"] - 1
    # Background audits run under the same rules; other outlets are not affected.
    queued = audit(client, seeds, "Daily Echo", background=True)
    for _ in range(300):
        done = client.get(f"/v1/audits/{queued['id']}").json()
        if done["status"] == "done":
            break
        time.sleep(0.1)
    assert done["report"]["summary"]["suppressed"] == 1
    other = audit(client, seeds, "Other Post")["report"]
    assert not any(f.get("suppressed_by") for f in other["flags"])

    assert client.get("/v1/rules").json()["total"] == 1
    assert client.delete(f"/v1/rules/{rule['id']}").status_code == 204
    third = audit(client, seeds, "Daily Echo")["report"]
    assert "suppressed" not in third["summary"]


def test_rules_by_hand_need_a_text(client: Any, seeds: dict[str, str]) -> None:
    empty = client.post("/v1/rules", json={"category": "entity"})
    assert empty.status_code == 400 and empty.headers["content-type"].startswith(PROBLEM)
    made = client.post("/v1/rules", json={"category": "terminology", "original": "Kim Jong Un"})
    assert made.status_code == 201 and made.json()["outlet"] == ""
    client.post("/v1/glossaries", json={"source": "Kim Jong Un", "target": "Kim Jong Un"})
    report = audit(client, seeds, "Any")["report"]
    (term,) = [f for f in report["flags"] if f["category"] == "terminology"]
    assert term["suppressed_by"] == f"r{made.json()['id']}"
    missing = client.post("/v1/rules", json={"audit_id": "nope", "flag_id": "f1"})
    assert missing.status_code == 404
    unknown = client.post("/v1/rules", json={"category": "zzz", "candidate": "Zelensky"})
    assert unknown.status_code == 400 and "entity" in unknown.json()["hint"]  # a rule that could match nothing


def test_editorial_routes_need_a_key_when_keys_exist(client: Any) -> None:
    key = client.app.state.service.store.create_key("editor")
    client.app.state.key_check.reset()
    assert client.get("/v1/glossaries").status_code == 401
    assert client.post("/v1/rules", json={"candidate": "x"}).status_code == 401
    made = client.post("/v1/glossaries", json={"source": "a", "target": "b"}, headers={"Authorization": f"Bearer {key}"})
    assert made.status_code == 201 and made.json()["created_by"] == "editor"


def test_outlet_trends_from_stored_audits(client: Any, seeds: dict[str, str]) -> None:
    ids = [audit(client, seeds, "Trend Desk", name)["id"]
           for name in ("german_roundtrip", "paraphrase_rewrite", "german_roundtrip")]
    audit(client, seeds, "Elsewhere")
    first = client.get(f"/v1/audits/{ids[0]}").json()
    flag = first["report"]["flags"][0]
    client.patch(f"/v1/audits/{ids[0]}/flags/{flag['id']}", json={"verdict": "dismissed"})
    r = client.get("/v1/outlets/Trend Desk/trends", params={"days": 30})
    assert r.status_code == 200, r.text
    t = r.json()
    assert t["audits"] == 3 and [p["id"] for p in t["points"]] == ids  # oldest first, this outlet only
    assert sum(t["buckets"].values()) == 3 and list(t["buckets"]) == [">=98", "94-98", "80-94", "<80"]
    scores = [p["score"] for p in t["points"]]
    assert scores[0] == scores[2] == first["report"]["summary"]["mqm"]["score"]
    assert t["mean_score"] == round(sum(scores) / 3, 2)
    assert sum(t["categories"].values()) == sum(
        sum(client.get(f"/v1/audits/{i}").json()["report"]["summary"]["flags"].values()) for i in ids)
    assert t["agreement"] == {flag["category"]: {"confirmed": 0, "dismissed": 1, "needs_edit": 0}}
    empty = client.get("/v1/outlets/Nobody/trends").json()
    assert empty["audits"] == 0 and empty["mean_score"] is None
    page = client.get("/outlets/Trend Desk")
    assert page.status_code == 200 and page.text.count('<circle class="dot') == 3
    assert 'id="agreement"' in page.text


def test_rules_per_outlet_are_bounded(client: Any, monkeypatch: Any) -> None:
    from app.services import editorial

    monkeypatch.setattr(editorial, "MAX_RULES", 2)
    for text in ("a", "b"):
        assert client.post("/v1/rules", json={"outlet": "Daily Echo", "candidate": text}).status_code == 201
    full = client.post("/v1/rules", json={"outlet": "Daily Echo", "candidate": "c"})
    assert full.status_code == 413 and full.json()["hint"]
    assert client.post("/v1/rules", json={"outlet": "Other Post", "candidate": "c"}).status_code == 201


def test_ids_beyond_the_database_integers_are_refused_not_overflowed(client: Any) -> None:
    huge = 2**63
    for method, path in (("PATCH", f"/v1/glossaries/{huge}"), ("DELETE", f"/v1/glossaries/{huge}"),
                         ("DELETE", f"/v1/rules/{huge}"), ("DELETE", f"/v1/webhooks/{huge}"),
                         ("GET", f"/v1/webhooks/{huge}/deliveries"), ("GET", f"/v1/watches/{huge}"),
                         ("POST", f"/v1/watches/{huge}/check"), ("GET", f"/watches/{huge}")):
        r = client.request(method, path, json={} if method == "PATCH" else None)
        assert r.status_code == 422, (method, path, r.status_code, r.text[:200])
    assert client.get(f"/v1/watches/{huge - 1}").status_code == 404
