"""Injected-error stories: an original against its translation with errors listed beside it.

    .venv/bin/python -m bench.quality.stories [MANIFEST.json ...] [--out bench/results/quality.md]

Each manifest (default: samples/*_injected.json) names an original, a candidate that
translates it sentence by sentence, their languages, and the errors injected into the
candidate (`kind`, `side`, `text`, `original_text`; the format of
samples/cnn_german_injected.json; paths relative to the manifest's folder or the project
root). The pair is audited as the CLI audits it (languages identified, not given). An
error counts as caught when a major or critical flag covers its span on its side, or,
for a dropped negation or name, the original's words it stands for; a false alarm is a
major or critical flag on a sentence that holds no injected error. Reported per story:
the encoder the audit chose, caught errors by kind, false alarms, seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from bench.quality.mqm import _write_section  # noqa: E402
from scoring.pipeline import Auditor  # noqa: E402

SECTION = "## Injected-error stories in other languages"


def _read(manifest: Path, name: str) -> str:
    for base in (manifest.parent, ROOT):
        if (base / name).exists():
            return (base / name).read_text(encoding="utf-8")
    raise FileNotFoundError(f"{name} (named by {manifest}) is neither beside it nor under {ROOT}")


def _overlaps(flag: dict[str, Any], start: int, end: int) -> bool:
    return any(sp["start"] < end and start < sp["end"] for sp in flag["spans"])


def _sentence(report: dict[str, Any], side: str, text: str) -> int | None:
    for s in report[side]["sentences"]:
        if text in s["text"] or s["text"] in text:
            return int(s["index"])
    return None


def score_story(auditor: Auditor, manifest_path: Path) -> dict[str, Any]:
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    texts = {"original": _read(manifest_path, manifest["original"]),
             "candidate": _read(manifest_path, manifest["candidate"])}
    started = time.perf_counter()
    report = auditor.audit(texts["original"], texts["candidate"]).to_dict()
    seconds = time.perf_counter() - started
    majors = [f for f in report["flags"] if f["severity"] in ("major", "critical")]
    caught: list[str] = []
    missed: list[str] = []
    erroneous: dict[str, set[int | None]] = {"original": set(), "candidate": set()}
    for e in manifest["errors"]:
        side = e["side"]
        at = texts[side].find(e["text"])
        erroneous[side].add(_sentence(report, side, e["text"]))
        if side == "candidate" and e.get("original_text"):
            erroneous["original"].add(_sentence(report, "original", e["original_text"]))
        hit = at >= 0 and any(f["side"] == side and _overlaps(f, at, at + len(e["text"])) for f in majors)
        if not hit and e["kind"] in ("negation", "name") and e.get("original_text"):
            said = texts["original"].find(e["original_text"])
            hit = said >= 0 and any(f["side"] == "original" and _overlaps(f, said, said + len(e["original_text"]))
                                    for f in majors)
        (caught if hit else missed).append(e["kind"])
    false_alarms = [f["message"] for f in majors if not set(f["sentences"]) <= erroneous[f["side"]]]
    languages = report["summary"].get("languages") or {}
    return {"story": manifest_path.stem, "pair": f"{manifest.get('original_lang', '?')}-{manifest.get('candidate_lang', '?')}",
            "model": languages.get("model", auditor.config.model), "relation": report["summary"]["relation"],
            "caught": caught, "missed": missed, "false_alarms": false_alarms, "seconds": seconds}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("manifests", nargs="*", type=Path)
    ap.add_argument("--out", default="", help="write the table into this markdown file's section")
    args = ap.parse_args()
    manifests = args.manifests or sorted((ROOT / "samples").glob("*_injected.json"))
    auditor = Auditor()
    rows = []
    totals = {"caught": 0, "errors": 0, "false_alarms": 0}
    for path in manifests:
        r = score_story(auditor, path)
        rows.append(r)
        totals["caught"] += len(r["caught"])
        totals["errors"] += len(r["caught"]) + len(r["missed"])
        totals["false_alarms"] += len(r["false_alarms"])
        for message in r["false_alarms"]:
            print(f"  false alarm in {r['story']}: {message[:160]}", file=sys.stderr)
    lines = ["| story | languages | encoder | relation | caught major | missed | false alarms | seconds |",
             "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        n = len(r["caught"]) + len(r["missed"])
        lines.append(f"| {r['story']} | {r['pair']} | {r['model']} | {r['relation']} | {len(r['caught'])}/{n} | "
                     f"{', '.join(r['missed']) or '-'} | {len(r['false_alarms'])} | {r['seconds']:.1f} |")
    lines.append(f"| all | | | | {totals['caught']}/{totals['errors']} | | {totals['false_alarms']} | |")
    table = "\n".join(lines)
    print(table)
    if args.out:
        out = Path(args.out)
        command = "`.venv/bin/python -m bench.quality.stories" + (
            " " + " ".join(str(p) for p in args.manifests) if args.manifests else "") + "`"
        text = "\n".join([SECTION, "", f"Generated by {command}. Each story is a translation with six or seven "
                          "injected errors (samples/*_injected.json), audited with languages identified; caught = "
                          "flagged major with the error's span; false alarms = major flags on sentences without an "
                          "injected error.", "", table, ""])
        _write_section(out, SECTION, text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
