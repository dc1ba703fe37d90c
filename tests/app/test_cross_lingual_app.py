"""Pairs in two languages through the API, the dashboard and the CLI."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.cli.main import main

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
GERMAN = (SAMPLES / "cnn_german_injected.txt").read_text(encoding="utf-8")


def test_api_audits_a_german_republication(client: Any, seeds: dict[str, str], auditor: Any) -> None:
    r = client.post("/v1/audits", json={"original": {"text": seeds["cnn_original"]}, "candidate": {"text": GERMAN},
                                         "metadata": {"outlet": "Tagesblatt"}})
    assert r.status_code == 201, r.text
    report = r.json()["report"]
    assert report["summary"]["languages"]["original"] == "en"
    assert report["summary"]["languages"]["candidate"] == "de"
    assert report == auditor.audit(seeds["cnn_original"], GERMAN).to_dict()  # the one library call
    assert any(f["category"] == "entity" and f["spans"][0]["text"] == "Medwedews" for f in report["flags"])


def test_api_takes_the_languages_of_a_short_pair(client: Any) -> None:
    r = client.post("/v1/audits", json={"original": {"text": "The talks did not end on Friday."},
                                         "candidate": {"text": "Die Gespräche endeten am Freitag."},
                                         "metadata": {"original_lang": "en", "candidate_lang": "DE"}})
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["metadata"]["candidate_lang"] == "DE"
    assert body["report"]["summary"]["languages"]["candidate"] == "de"
    assert [f["category"] for f in body["report"]["flags"] if f["severity"] == "major"] == ["negation"]


@pytest.mark.parametrize("code", ["german", "d", "xx", "<b>", "de-"])
def test_api_refuses_what_is_not_a_language_code(client: Any, code: str) -> None:
    r = client.post("/v1/audits", json={"original": {"text": "The talks ended."}, "candidate": {"text": "Ende."},
                                         "metadata": {"candidate_lang": code}})
    assert r.status_code == 422
    assert "candidate_lang" in r.text


def test_cli_audits_across_languages(capsys: pytest.CaptureFixture[str], seed_paths: dict[str, Path]) -> None:
    code = main(["audit", str(seed_paths["cnn_original"]), str(SAMPLES / "cnn_german_injected.txt")])
    out = capsys.readouterr().out
    assert code == 0
    assert "original in 'en', candidate in 'de': compared with use-multilingual-v3" in out
    with pytest.raises(SystemExit) as refused:
        main(["audit", str(seed_paths["cnn_original"]), str(SAMPLES / "cnn_german_injected.txt"),
              "--candidate-lang", "xx1"])
    assert refused.value.code == 2 and "not a language code" in capsys.readouterr().err


def test_a_german_original_in_the_corpus_is_found_for_an_english_candidate(client: Any,
                                                                           seeds: dict[str, str]) -> None:
    german = client.post("/v1/originals", json={"text": GERMAN, "outlet": "Tagesblatt"})
    assert german.status_code == 201, german.text
    for name in ("euronews_related", "euromaidan_related"):  # English articles on the same story
        assert client.post("/v1/originals", json={"text": seeds[name]}).status_code == 201
    r = client.post("/v1/audits", json={"candidate": {"text": seeds["cnn_original"]}})
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["status"] == "done" and body["original_id"] == german.json()["id"]
    best = body["match"]["matches"][0]
    assert best["id"] == german.json()["id"] and best["likely"]
    assert body["report"]["summary"]["languages"] == {"original": "de", "candidate": "en",
                                                      "model": "use-multilingual-v3", "checked": True}
    # the English articles on the same story are ranked below it
    assert all(not m["likely"] for m in body["match"]["matches"][1:])


def test_cli_batch_takes_languages_per_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    import json

    pairs = tmp_path / "pairs.jsonl"
    rows = [{"id": "de", "original": "The talks did not end on Friday.", "candidate": "Die Gespräche endeten am Freitag.",
             "original_lang": "en", "candidate_lang": "de"},
            {"id": "en", "original": "The talks did not end on Friday.", "candidate": "The talks ended on Friday."},
            {"id": "bad", "original": "a", "candidate": "b", "candidate_lang": "deutsch"}]
    pairs.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    assert main(["batch", str(pairs), "-q"]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in out] == ["de", "en", "bad"]  # a bad language code: that line's error, its id kept
    assert out[0]["report"]["summary"]["languages"]["candidate"] == "de"
    assert "languages" not in out[1]["report"]["summary"]
    assert out[2]["error"]["code"] == "bad_line" and "language code" in out[2]["error"]["message"]


def test_reindex_gives_older_originals_their_multilingual_vector(client: Any, seeds: dict[str, str]) -> None:
    from app.store.models import Original

    german = client.post("/v1/originals", json={"text": GERMAN}).json()["id"]
    english = client.post("/v1/originals", json={"text": seeds["euronews_related"]}).json()["id"]
    service = client.app.state.service
    with service.store.sessions.begin() as session:  # as stored before there were multilingual vectors
        for key in (german, english):
            row = session.get(Original, key)
            row.xling_vector, row.xling_model = None, ""
    assert [r.id for r in service.store.originals_without_multilingual()] == [german, english]
    assert service.backfill_multilingual() == (2, 0)
    assert service.store.originals_without_multilingual() == []
    index = type(service.multilingual_index)(service.config.multilingual_model, multilingual=True)
    index.refresh(service.store)
    hits = index.search(service.auditor.multilingual_doc_vector(service.prepare(seeds["cnn_original"], "c")), 2)
    assert hits[0][0] == german  # the English article's German translation is closest in that space


def test_an_english_candidate_against_an_english_corpus_is_not_read_by_the_multilingual_encoder(
        client: Any, seeds: dict[str, str]) -> None:
    """The multilingual space is searched only when the corpus holds an original in
    another language: an English-only newsroom pays nothing for it."""
    from scoring.embed_multilingual import load_multilingual

    for name in ("cnn_original", "euronews_related"):
        assert client.post("/v1/originals", json={"text": seeds[name]}).status_code == 201
    multilingual = load_multilingual()
    before = multilingual.sentences_encoded
    candidate = seeds["german_roundtrip"] + "\n\nThis version was checked by the night desk on 6 December."
    r = client.post("/v1/audits", json={"candidate": {"text": candidate}})
    assert r.status_code == 201, r.text
    assert r.json()["match"]["matches"][0]["likely"]
    assert multilingual.sentences_encoded == before
    german = client.post("/v1/originals", json={"text": GERMAN})
    assert german.status_code == 201
    before = multilingual.sentences_encoded
    r = client.post("/v1/audits", json={"candidate": {"text": candidate + " Again."}})
    assert r.status_code == 201, r.text
    assert multilingual.sentences_encoded > before  # now there is one to meet in that space


def test_a_candidate_in_a_language_use_does_not_read_finds_its_original(client: Any, seeds: dict[str, str]) -> None:
    """A Czech republication alone: the originals' leads in the fallback encoder's space
    bring the English original into the candidates that are aligned (USE v3 puts the
    Czech story nearer to another article about the same events)."""
    ids = {name: client.post("/v1/originals", json={"text": seeds[name]}).json()["id"]
           for name in ("euronews_related", "euromaidan_related", "cnn_original")}
    stored = client.app.state.service.store.get_original(ids["cnn_original"])
    assert stored.wide_model == "multilingual-e5-small" and stored.wide_vector
    czech = (SAMPLES / "cnn_czech_injected.txt").read_text(encoding="utf-8")
    service = client.app.state.service
    service.fallback_index.refresh(service.store)
    lead = service.auditor.multilingual_doc_vector(service.prepare(czech, "candidate"), fallback=True)
    assert service.fallback_index.search(lead, 1)[0][0] == ids["cnn_original"]
    r = client.post("/v1/audits", json={"candidate": {"text": czech}})
    assert r.status_code == 201, r.text
    best = r.json()["match"]["matches"][0]
    assert best["id"] == ids["cnn_original"] and best["likely"]
    summary = r.json()["report"]["summary"]
    assert summary["languages"] == {"original": "en", "candidate": "cs", "model": "multilingual-e5-small",
                                    "checked": True}
    assert summary["flags"]["major"] >= 4
