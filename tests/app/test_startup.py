"""Start-up of a real `driftaudit serve`: alive at once, ready when the model is in.

The model loads in the background: /healthz answers while it loads, /readyz says
"loading", and a request that needs the model gets 503 `model_loading` with
Retry-After instead of hanging. With an exported graph in the cache, the serving
process never loads torch.
"""

from __future__ import annotations

import time
from pathlib import Path

import httpx

from tests.app.server import Server


def test_first_start_exports_the_graph_while_answering(tmp_path: Path, seeds: dict[str, str]) -> None:
    cache = tmp_path / "cache"  # empty: this start exports and quantises the graph (seconds, with torch)
    server = Server(tmp_path / "data", DRIFTAUDIT_CACHE_DIR=str(cache), DRIFTAUDIT_MODEL_WAIT_SECONDS="0.2").launch()
    try:
        with httpx.Client(base_url=server.url, timeout=10) as http:
            deadline = time.monotonic() + 60
            while True:  # listening within seconds, long before the export is done
                try:
                    alive = http.get("/healthz")
                    break
                except httpx.TransportError:
                    assert time.monotonic() < deadline, server.log.read_text()[-2000:]
                    time.sleep(0.1)
            assert alive.status_code == 200
            ready = http.get("/readyz")
            assert ready.status_code == 503, "the export takes seconds: the model cannot be ready yet"
            assert ready.json()["checks"]["model"] == "loading"
            busy = http.post("/v1/audits", json={"original": {"text": seeds["cnn_original"]},
                                                  "candidate": {"text": seeds["german_roundtrip"]}})
            assert busy.status_code == 503
            assert busy.json()["code"] == "model_loading"
            assert busy.headers["retry-after"]
            deadline = time.monotonic() + 180
            while http.get("/readyz").status_code != 200:
                assert time.monotonic() < deadline, server.log.read_text()[-2000:]
                time.sleep(0.2)
            done = http.post("/v1/audits", json={"original": {"text": seeds["cnn_original"]},
                                                  "candidate": {"text": seeds["german_roundtrip"]}})
            assert done.status_code == 201, done.text
        assert list(cache.glob("onnx/*/model-int8.onnx")), "the graph was not kept in the cache directory"
    finally:
        server.stop()


def test_a_warm_start_serves_without_torch(tmp_path: Path, auditor: object) -> None:
    # The session's auditor has exported the graph into the default cache already.
    started = time.monotonic()
    with Server(tmp_path / "data") as server:
        ready_after = time.monotonic() - started
        assert server.process is not None
        maps = Path(f"/proc/{server.process.pid}/maps").read_text()
        assert "libtorch" not in maps, "the ONNX encoder should not load torch"
        assert "onnxruntime" in maps
    assert ready_after < 60
