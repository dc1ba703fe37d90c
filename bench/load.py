"""Load benchmark: concurrent clients against a real `driftaudit serve` on loopback.

Run from the project root:

    .venv/bin/python bench/load.py [--clients 4] [--seconds 30] [--pair german_roundtrip] [--hostile]
                                   [--encoder onnx-int8|onnx-fp32|torch]

It starts `driftaudit serve` (SQLite in a temporary data directory, default settings,
or the given encoder), prints how long it took to answer /healthz and to turn ready
(/readyz 200), and, in one run, measures two phases against it:

1. one client, sending audits one after another for a third of `--seconds`;
2. `--clients` clients at once, for `--seconds`.

Each request is `POST /v1/audits` of cnn_original against the chosen seed candidate,
answered with the finished report (the in-request path). Every request's candidate
is made unique with invisible characters (zero-width space / word joiner, which the
model's tokenizer drops) at the start of each line and after each full stop, so the
server's embedding cache cannot answer it: every candidate sentence is encoded, as
for a new article. The original stays the same, as one original gets many candidates. It prints, per phase:
audits/s, latency p50/p95/p99, and the error count (anything but 201), then the
throughput ratio of phase 2 to phase 1, and the server's resident memory (VmRSS) at
start (ready, idle), after phase 1 and at the end.

`--hostile` adds, through both phases, a client that sends what an attacker would
(one 200,000-character sentence, unclosed comments, initials by the thousand, binary,
a lone surrogate, a body over the limit, a URL on a local server that trickles one byte
a second, made-up HTTP methods), a probe that calls /healthz twice a second, and a
memory sample every 10 s. It then prints the hostile requests' answers by status (a
5xx other than 503/504 or a dropped connection counts as a failure), /healthz latency
p50/p99/max, memory after the first minute (lowest, highest, drift), and memory in
the steady state: the second phase after its own first minute (lowest, highest, and the
mean of its last third against its first third, as single samples swing with the
audits in flight). The exit
status is 1 if a good audit failed, a hostile request broke, or /healthz took 1 s or more.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DRIFTAUDIT = Path(sys.executable).parent / "driftaudit"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def start_server(data_dir: Path, port: int, **extra: str) -> tuple[subprocess.Popen[bytes], float, float]:
    """Start `driftaudit serve`; (process, seconds to the first /healthz 200, seconds to /readyz 200)."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "DRIFTAUDIT_DATA_DIR": str(data_dir), "DRIFTAUDIT_PORT": str(port),
           "DRIFTAUDIT_LOG_LEVEL": "warning", **extra}
    started = time.monotonic()
    process = subprocess.Popen([str(DRIFTAUDIT), "serve"], env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = started + 120
    alive = float("nan")
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"driftaudit serve exited with {process.returncode}")
        try:
            if alive != alive and httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                alive = time.monotonic() - started
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200:
                return process, alive, time.monotonic() - started
        except httpx.HTTPError:
            pass
        time.sleep(0.05)
    process.kill()
    raise SystemExit("driftaudit serve did not become ready in 120 s")


def unique_variant(text: str, n: int) -> str:
    """`text` with request number `n` written in invisible characters into every sentence."""
    tag = "".join("\u2060" if bit == "1" else "\u200b" for bit in f"{n:b}")
    lines = [tag + line if line.strip() else line for line in text.split("\n")]
    return "\n".join(lines).replace(". ", ". " + tag)


def phase(url: str, body: dict, clients: int, seconds: float) -> tuple[list[float], int, float]:
    """Latencies (s) of successful audits, error count, and wall time."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    counter = iter(range(10**9))
    stop_at = time.monotonic() + seconds

    def client() -> None:
        nonlocal errors
        with httpx.Client(base_url=url, timeout=300) as http:
            while time.monotonic() < stop_at:
                with lock:
                    n = next(counter) + int(time.time() * 1000)
                request = {**body, "candidate": {"text": unique_variant(body["candidate"]["text"], n)}}
                t = time.perf_counter()
                try:
                    ok = http.post("/v1/audits", json=request).status_code == 201
                except httpx.HTTPError:
                    ok = False
                elapsed = time.perf_counter() - t
                with lock:
                    if ok:
                        latencies.append(elapsed)
                    else:
                        errors += 1

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, errors, time.perf_counter() - started


class Trickle:
    """An HTTP server on 127.0.0.2 that sends its page one byte a second."""

    def __init__(self) -> None:
        import http.server

        class Slow(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.end_headers()
                    for ch in "<p>" + "slow " * 200:
                        self.wfile.write(ch.encode())
                        self.wfile.flush()
                        time.sleep(1.0)
                except OSError:
                    pass

            def log_message(self, *_: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.2", 0), Slow)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.2:{self.server.server_address[1]}/article"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def hostile_requests(trickle_url: str) -> list[tuple[str, str, dict | bytes | None]]:
    """(name, method, JSON body or raw bytes) of what an attacker sends."""
    original = {"text": (ROOT / "samples" / "cnn_original.txt").read_text(encoding="utf-8")}
    rng = np.random.default_rng(7)
    vocabulary = np.array(["alpha", "Beta", "gamma", "Kyiv", "said", "the", "of", "North", "Korea"])
    long_sentence = " ".join(rng.choice(vocabulary, 40_000))[:200_000]
    return [
        ("one 200,000-character sentence", "POST", {"original": original, "candidate": {"text": long_sentence}}),
        ("unclosed comments", "POST", {"original": original, "candidate": {"text": "x <!--" * 8000}}),
        ("initials", "POST", {"original": original, "candidate": {"text": "A. " * 13_000}}),
        ("binary", "POST", {"original": original, "candidate": {"text": "\u0001\u0002" * 2000 + " text"}}),
        ("lone surrogate", "POST", {"original": original, "candidate": {"text": "text \ud800 more text"}}),
        ("body over the limit", "POST", b'{"candidate": {"text": "' + b"a" * 5_000_000 + b'"}}'),
        ("slow URL", "POST", {"original": original, "candidate": {"url": trickle_url}}),
        ("made-up method", "BREW", None),
    ]


def hostile_client(url: str, requests: list[tuple[str, str, dict | bytes | None]], stop: threading.Event,
                   answers: dict[str, dict[str, int]]) -> None:
    """Send the hostile requests round after round until `stop`; count answers per request."""
    with httpx.Client(base_url=url, timeout=120) as http:
        while not stop.is_set():
            for name, method, body in requests:
                if stop.is_set():
                    break
                try:
                    if method == "POST":  # JSON written here: a lone surrogate is a legal JSON escape
                        raw = body if isinstance(body, bytes) else json.dumps(body).encode()
                        r = http.post("/v1/audits", content=raw, headers={"content-type": "application/json"})
                    else:
                        r = http.request(method, "/v1/audits/anything")
                    outcome = str(r.status_code)
                except httpx.HTTPError as exc:
                    outcome = type(exc).__name__
                answers.setdefault(name, {}).setdefault(outcome, 0)
                answers[name][outcome] += 1


def probe(url: str, stop: threading.Event, latencies: list[float], failures: list[str]) -> None:
    """GET /healthz twice a second until `stop`."""
    with httpx.Client(base_url=url, timeout=10) as http:
        while not stop.is_set():
            t = time.perf_counter()
            try:
                if http.get("/healthz").status_code != 200:
                    failures.append("status")
            except httpx.HTTPError as exc:
                failures.append(type(exc).__name__)
            latencies.append(time.perf_counter() - t)
            stop.wait(0.5)


def sample_memory(pid: int, stop: threading.Event, samples: list[tuple[float, float]], start: float) -> None:
    """(seconds since `start`, RSS MB) every 10 s until `stop`."""
    while not stop.is_set():
        samples.append((time.monotonic() - start, rss_mb(pid)))
        stop.wait(10)


def describe(name: str, latencies: list[float], errors: int, wall: float) -> float:
    rate = len(latencies) / wall
    p = np.percentile(np.asarray(latencies) * 1000, [50, 95, 99]) if latencies else [float("nan")] * 3
    print(f"{name:<22} {len(latencies):>7} {rate:>9.2f} {p[0]:>8.0f} {p[1]:>8.0f} {p[2]:>8.0f} {errors:>7}", flush=True)
    return rate


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--pair", default="german_roundtrip", help="seed candidate audited against cnn_original")
    parser.add_argument("--encoder", default="", help="DRIFTAUDIT_ENCODER for the server (default: its own default)")
    parser.add_argument("--hostile", action="store_true", help="also send hostile requests, probe /healthz, "
                                                                "sample memory")
    args = parser.parse_args()
    original = (ROOT / "samples" / "cnn_original.txt").read_text(encoding="utf-8")
    candidate = (ROOT / "samples" / f"{args.pair}.txt").read_text(encoding="utf-8")
    body = {"original": {"text": original}, "candidate": {"text": candidate}}
    port = free_port()
    trickle = Trickle() if args.hostile else None
    # the hostile client's slow URL lives on 127.0.0.2: allowed, with a short total deadline
    extra = {"DRIFTAUDIT_FETCH_ALLOW": "127.0.0.2", "DRIFTAUDIT_FETCH_TIMEOUT": "5"} if trickle else {}
    if args.encoder:
        extra["DRIFTAUDIT_ENCODER"] = args.encoder
    stop = threading.Event()
    answers: dict[str, dict[str, int]] = {}
    health: list[float] = []
    health_failures: list[str] = []
    memory: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory() as folder:
        server, alive_s, ready_s = start_server(Path(folder), port, **extra)
        try:
            url = f"http://127.0.0.1:{port}"
            started = time.monotonic()  # the load starts now: memory samples count from here
            if trickle:
                for target, targs in ((hostile_client, (url, hostile_requests(trickle.url), stop, answers)),
                                      (probe, (url, stop, health, health_failures)),
                                      (sample_memory, (server.pid, stop, memory, started))):
                    threading.Thread(target=target, args=targs, daemon=True).start()  # type: ignore[arg-type]
            rss_start = rss_mb(server.pid)
            print(f"driftaudit serve pid {server.pid} on {url}; pair cnn_original/{args.pair}; {os.cpu_count()} CPUs; "
                  f"encoder {args.encoder or 'default'}")
            print(f"start-up: /healthz 200 after {alive_s:.1f} s, /readyz 200 after {ready_s:.1f} s")
            print(f"{'phase':<22} {'audits':>7} {'audits/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
            one = describe("1 client", *phase(url, body, 1, args.seconds / 3))
            rss_mid = rss_mb(server.pid)
            many_from = time.monotonic() - started
            lat, err, wall = phase(url, body, args.clients, args.seconds)
            many = describe(f"{args.clients} clients", lat, err, wall)
            rss_end = rss_mb(server.pid)
            print(f"throughput ratio {args.clients} clients / 1 client: {many / one:.2f}")
            print(f"server RSS MB: start {rss_start:.0f}, after phase 1 {rss_mid:.0f}, end {rss_end:.0f}")
            print(f"errors: {err}")
            broken = 0
            if trickle:
                stop.set()
                print("hostile requests, answers by status:")
                for name, counts in answers.items():
                    bad = sum(n for code, n in counts.items() if not code.isdigit() or (code >= "500" and code not in
                                                                                          ("503", "504")))
                    broken += bad
                    print(f"  {name:<32} " + ", ".join(f"{code}: {n}" for code, n in sorted(counts.items()))
                          + (f"   <- {bad} broken" if bad else ""))
                h = np.asarray(health) * 1000
                print(f"/healthz during the run: {len(h)} calls, p50 {np.percentile(h, 50):.0f} ms, "
                      f"p99 {np.percentile(h, 99):.0f} ms, max {h.max():.0f} ms, failures {len(health_failures)}")
                warm = [mb for at, mb in memory if at >= 60]
                if warm:
                    print(f"server RSS MB after the first minute: lowest {min(warm):.0f}, highest {max(warm):.0f}, "
                          f"first {warm[0]:.0f}, last {warm[-1]:.0f} ({(warm[-1] / warm[0] - 1) * 100:+.1f}%)")
                # The steady state: the second phase's load, after its own first minute.
                steady = [mb for at, mb in memory if at >= many_from + 60]
                if len(steady) >= 6:
                    third = len(steady) // 3
                    early, late = float(np.mean(steady[:third])), float(np.mean(steady[-third:]))
                    print(f"server RSS MB under {args.clients} clients after their first minute: lowest {min(steady):.0f}, "
                          f"highest {max(steady):.0f}; mean of the first third {early:.0f}, of the last third "
                          f"{late:.0f} ({(late / early - 1) * 100:+.1f}%)")
                if h.max() >= 1000 or health_failures:
                    broken += 1
        finally:
            stop.set()
            server.send_signal(signal.SIGTERM)
            server.wait(60)
    return 1 if err or broken else 0


if __name__ == "__main__":
    sys.exit(main())
