"""The `driftaudit` command line: in process via `app.cli.main`, and once as a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from app.cli import main

from ..report_utils import check_contract, check_every_sentence_accounted_for

ROOT = Path(__file__).resolve().parents[2]
ORIGINAL = """Floods hit the coastal town

The storm arrived late on Tuesday and flooded hundreds of homes along the coast, officials said.

Emergency crews rescued 20 people from the roofs of their houses during the night.

The mayor said the town would ask the national government for emergency funds this week.
"""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "original.txt"
    path.write_text(ORIGINAL, encoding="utf-8")
    return path


def test_audit_json_in_process(capsys: pytest.CaptureFixture[str], seed_paths: dict[str, Path],
                               seeds: dict[str, str]) -> None:
    code, out, _ = run(capsys, "audit", str(seed_paths["cnn_original"]), str(seed_paths["paraphrase_rewrite"]),
                       "--format", "json")
    assert code == 0
    report = json.loads(out)
    check_contract(report, seeds["cnn_original"], seeds["paraphrase_rewrite"])
    check_every_sentence_accounted_for(report)


def test_audit_text_format(capsys: pytest.CaptureFixture[str], article: Path, tmp_path: Path) -> None:
    cand = tmp_path / "candidate.txt"
    cand.write_text(ORIGINAL.replace("rescued 20 people", "rescued 30 people"), encoding="utf-8")
    code, out, err = run(capsys, "audit", str(article), str(cand))
    assert code == 0
    assert "coverage" in out and "30" in out
    assert "Traceback" not in err


def test_audit_subprocess_json(seed_paths: dict[str, Path], seeds: dict[str, str]) -> None:
    exe = Path(sys.executable).parent / "driftaudit"
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    proc = subprocess.run([str(exe), "audit", str(seed_paths["cnn_original"]), str(seed_paths["german_roundtrip"]),
                           "--format", "json"], capture_output=True, text=True, timeout=180, cwd=ROOT, env=env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = json.loads(proc.stdout)
    check_contract(report, seeds["cnn_original"], seeds["german_roundtrip"])
    assert "Traceback" not in proc.stderr


def test_match_json(capsys: pytest.CaptureFixture[str], seed_paths: dict[str, Path]) -> None:
    corpus = [str(seed_paths[k]) for k in ("euronews_related", "cnn_original", "euromaidan_related")]
    code, out, _ = run(capsys, "match", str(seed_paths["german_roundtrip"]), *corpus, "--format", "json")
    assert code == 0
    result = json.loads(out)
    assert result["matches"][0]["id"] == str(seed_paths["cnn_original"])
    assert result["matches"][0]["likely"] is True
    assert {m["id"] for m in result["matches"]} == set(corpus)


# -- bad input ----------------------------------------------------------------------------------


def _bad(tmp_path: Path, kind: str) -> tuple[Path, list[str]]:
    path = tmp_path / f"{kind}.txt"
    extra: list[str] = []
    if kind == "missing":
        pass
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "whitespace":
        path.write_bytes(b"  \n\n \t\n")
    elif kind == "binary":
        path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" + bytes(range(256)))
    elif kind == "latin1":
        path.write_bytes("Le café est très chaud aujourd'hui, a dit le maire.".encode("latin-1"))
    elif kind == "large":
        path.write_text(ORIGINAL * 5, encoding="utf-8")
        extra = ["--max-bytes", "200"]
    elif kind == "directory":
        path.mkdir()
    return path, extra


BAD_KINDS = ["missing", "empty", "whitespace", "binary", "latin1", "large", "directory"]


def _assert_clean_error(code: int, out: str, err: str) -> None:
    assert code == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("driftaudit: error:"), err
    assert "Traceback" not in err


@pytest.mark.parametrize("kind", BAD_KINDS)
@pytest.mark.parametrize("position", ["original", "candidate"])
def test_audit_bad_input(capsys: pytest.CaptureFixture[str], tmp_path: Path, article: Path, kind: str,
                         position: str) -> None:
    bad, extra = _bad(tmp_path, kind)
    files = [str(bad), str(article)] if position == "original" else [str(article), str(bad)]
    _assert_clean_error(*run(capsys, "audit", *files, "--format", "json", *extra))


@pytest.mark.parametrize("kind", ["missing", "empty", "binary", "latin1"])
def test_match_bad_candidate(capsys: pytest.CaptureFixture[str], tmp_path: Path, article: Path, kind: str) -> None:
    bad, extra = _bad(tmp_path, kind)
    _assert_clean_error(*run(capsys, "match", str(bad), str(article), "--format", "json", *extra))


def test_batch_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    _assert_clean_error(*run(capsys, "batch", str(tmp_path / "nope.jsonl"), "-q"))


def test_bad_input_subprocess(tmp_path: Path, article: Path) -> None:
    bad, _ = _bad(tmp_path, "latin1")
    exe = Path(sys.executable).parent / "driftaudit"
    proc = subprocess.run([str(exe), "audit", str(article), str(bad), "--format", "json"], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "HF_HUB_OFFLINE": "1"})
    _assert_clean_error(proc.returncode, proc.stdout, proc.stderr)


# -- batch ----------------------------------------------------------------------------------------


def test_batch_keeps_order_and_reports_bad_lines(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    changed = ORIGINAL.replace("rescued 20 people", "rescued 30 people")
    lines = [
        json.dumps({"id": "same", "original": ORIGINAL, "candidate": ORIGINAL}),
        json.dumps({"id": "number", "original": ORIGINAL, "candidate": changed}),
        '{"id": "broken", "original": "no closing brace"',
        json.dumps({"id": "day", "original": ORIGINAL, "candidate": ORIGINAL.replace("Tuesday", "Wednesday")}),
    ]
    path = tmp_path / "pairs.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "batch", str(path), "-q", "--chunk", "2")
    assert code == 0
    rows: list[dict[str, Any]] = [json.loads(line) for line in out.splitlines() if line.strip()]
    assert len(rows) == 4
    assert [r.get("id") for r in rows][:2] == ["same", "number"]
    assert rows[3]["id"] == "day"
    assert "error" in rows[2] and "report" not in rows[2]
    for k in (0, 1, 3):
        assert "report" in rows[k] and "error" not in rows[k]
    assert rows[0]["report"]["summary"]["worst_severity"] == "ok"
    number_flags = [f for f in rows[1]["report"]["flags"] if f["category"] == "number"]
    assert any(sp["text"] == "30" for f in number_flags for sp in f["spans"])
    check_contract(rows[1]["report"], ORIGINAL, changed)
    assert "Traceback" not in err


def test_batch_a_line_not_in_utf8_is_that_lines_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    good = json.dumps({"id": "good", "original": ORIGINAL, "candidate": ORIGINAL}).encode()
    latin1 = json.dumps({"id": "latin1", "original": "M\u00fcnchen", "candidate": "Munich"},
                        ensure_ascii=False).encode("latin-1")
    path = tmp_path / "pairs.jsonl"
    path.write_bytes(good + b"\n" + latin1 + b"\n" + good.replace(b'"good"', b'"again"') + b"\n")
    code, out, err = run(capsys, "batch", str(path), "-q")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines() if line.strip()]
    assert [r["id"] for r in rows] == ["good", "2", "again"]
    assert "UTF-8" in rows[1]["error"]["message"] and "report" in rows[2]
    assert "1 errors" in err


def test_batch_output_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "pairs.jsonl"
    path.write_text(json.dumps({"id": 7, "original": ORIGINAL, "candidate": ORIGINAL}) + "\n"
                    + json.dumps({"id": "empty", "original": ORIGINAL, "candidate": "   "}) + "\n", encoding="utf-8")
    out_path = tmp_path / "out.jsonl"
    code, out, _ = run(capsys, "batch", str(path), "-q", "-o", str(out_path))
    assert code == 0 and out == ""
    rows = [json.loads(line) for line in out_path.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["7", "empty"]
    assert "report" in rows[0]
    assert rows[1]["error"]["code"] == "empty_input"


# -- html rendering ---------------------------------------------------------------------------------


def test_html_output_escapes_article_text(capsys: pytest.CaptureFixture[str], article: Path, tmp_path: Path) -> None:
    script = "<script>alert(1)</script>"
    cand = tmp_path / "candidate.txt"
    cand.write_text(ORIGINAL + f"\nReaders were shown the code {script} in a popup window on the site.\n",
                    encoding="utf-8")
    code, out, _ = run(capsys, "audit", str(article), str(cand), "--format", "html")
    assert code == 0
    assert out.lstrip().lower().startswith("<!doctype html")
    assert "<script" not in out.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out  # the added sentence is shown, escaped


def test_calibrate_fits_a_model_the_audit_then_uses(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                                    seed_paths: dict[str, Path]) -> None:
    """`calibrate` reads labelled pairs, writes a drift model, and `audit --drift-model` names it."""
    towns = ["Lyon", "Porto", "Graz", "Turku", "Varna", "Split", "Brno", "Cork", "Gent", "Bergen"]
    rows = []
    for k, town in enumerate(towns * 3):
        original = f"The council of {town} approved {k + 12} new bus lines on Monday, the mayor said."
        rows.append({"original": original, "candidate": original.replace("approved", "passed"), "label": "ok",
                     "group": f"g{k}"})
        rows.append({"original": original, "candidate": f"The council of {town} rejected {k + 40} new tram lines.",
                     "label": "major", "group": f"g{k}"})
    rows.append({"original": "A minor one.", "candidate": "A small one.", "label": "minor"})
    data = tmp_path / "labelled.jsonl"
    data.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "mine.json"
    code, stdout, _ = run(capsys, "calibrate", str(data), "-o", str(out), "--name", "drift-test", "-q")
    assert code == 0
    assert "fitted drift-test on 60 pairs (1 minor or unreadable left out)" in stdout
    assert "out-of-fold ROC-AUC, major vs ok: 1.000" in stdout and str(out) in stdout
    model = json.loads(out.read_text(encoding="utf-8"))
    assert model["name"] == "drift-test" and model["trained_on"] == "labelled.jsonl"
    code, stdout, _ = run(capsys, "audit", str(seed_paths["cnn_original"]), str(seed_paths["german_roundtrip"]),
                          "--format", "json", "--drift-model", str(out))
    assert code == 0 and json.loads(stdout)["signature"]["drift"]["name"] == "drift-test"


def test_calibrate_bad_labels_are_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    data = tmp_path / "bad.jsonl"
    data.write_text(json.dumps({"original": "a", "candidate": "b", "label": "awful"}) + "\n", encoding="utf-8")
    code, _, err = run(capsys, "calibrate", str(data), "-q")
    assert code == 2 and "line 1" in err and "label 'awful'" in err and err.count("\n") == 1
