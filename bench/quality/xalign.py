"""Alignment across languages on real translations: the WMT21 MQM sets as documents.

The segments of both sets come in document order (newstest2021, seg_id). Runs of
consecutive segments become documents of about `DOC_SEGMENTS` segments, one paragraph
per segment: an English original against each of the 11 German translations of the
en-de set (8 systems, 3 human references), a Chinese original (`source_zh`)
against each of the 9 English translations of the zh-en set (8 systems, the
reference), and in one language, the English reference against the 8 systems' English
outputs. Every segment of a translation renders the segment of the same id, so
the gold alignment is segment k with segment k; nothing is generated.

Each pair is audited as the API audits it (languages given) and its links read back
to segments through the sentences' character offsets. Reported, over all pairs:

* link precision / recall / F1 over (original segment, candidate segment) pairs: a
  link that joins segments k and k+1 of one side with segment k of the other counts
  one right pair and one wrong;
* segments left unaligned (reported as omitted or added although they are there);
* the relation the audit decided (all are translations).

    .venv/bin/python -m bench.quality.xalign [--limit N] [--out bench/results/quality.md]

`--edited` also audits each pair with two candidate segments deleted and one segment of
another document inserted (our edits on real text): how many of those are flagged as
omission and addition, and how many other segments are.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from bench.quality import human  # noqa: E402
from scoring.config import AuditConfig  # noqa: E402
from scoring.pipeline import Auditor  # noqa: E402

SECTION = "## Alignment across languages on real translations (WMT21 MQM documents)"
DOC_SEGMENTS = 25
MAX_GAP = 3  # consecutive seg_ids this far apart stay in one document
SEED = 20211


@dataclass(frozen=True)
class DocPair:
    """An original document and one translation of it, segment by segment."""

    name: str
    languages: tuple[str, str]
    original: tuple[str, ...]
    candidate: tuple[str, ...]


def _documents(seg_ids: Sequence[int]) -> list[list[int]]:
    """Runs of consecutive segments, cut into documents of about DOC_SEGMENTS."""
    runs: list[list[int]] = []
    for seg in sorted(seg_ids):
        if runs and seg - runs[-1][-1] <= MAX_GAP and len(runs[-1]) < DOC_SEGMENTS:
            runs[-1].append(seg)
        else:
            runs.append([seg])
    return [r for r in runs if len(r) >= 5]


def pairs() -> list[DocPair]:
    """Every document of both sets against every translation of it."""
    out: list[DocPair] = []
    for path, langs in ((human.ENDE, ("en", "de")), (human.ZHEN, ("zh", "en"))):
        source: dict[int, str] = {}
        outputs: dict[str, dict[int, str]] = defaultdict(dict)
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                seg = int(r["seg_id"])
                if langs[0] == "zh":
                    source[seg] = r["source_zh"]
                    outputs["ref-A"][seg] = r["original"]
                else:
                    source[seg] = r["original"]
                outputs[r["system"]][seg] = r["candidate"]
        for doc in _documents(list(source)):
            for system in sorted(outputs):
                if all(seg in outputs[system] for seg in doc):
                    out.append(DocPair(f"{langs[0]}-{langs[1]}:{doc[0]}:{system}", langs,
                                       tuple(source[s] for s in doc), tuple(outputs[system][s] for s in doc)))
        if langs[0] == "zh":  # one language: the English reference against the English outputs
            for doc in _documents(list(source)):
                for system in sorted(outputs):
                    if system != "ref-A" and all(seg in outputs[system] for seg in doc):
                        out.append(DocPair(f"en-en:{doc[0]}:{system}", ("en", "en"),
                                           tuple(outputs["ref-A"][s] for s in doc),
                                           tuple(outputs[system][s] for s in doc)))
    return out


def _text(segments: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """The document (one paragraph per segment) and each segment's character span."""
    parts, spans, at = [], [], 0
    for seg in segments:
        parts.append(seg)
        spans.append((at, at + len(seg)))
        at += len(seg) + 2
    return "\n\n".join(parts), spans


def _segment_of(start: int, spans: Sequence[tuple[int, int]]) -> int | None:
    for k, (s, e) in enumerate(spans):
        if s <= start < e:
            return k
    return None


def score_pair(auditor: Auditor, pair: DocPair, candidate: Sequence[str] | None = None,
               candidate_gold: Sequence[int | None] | None = None) -> dict[str, Any]:
    """Audit one pair; its links as segment pairs against the gold, and the segments
    flagged omitted or added. `candidate_gold[j]` is the original segment candidate
    segment j renders (None for one of no source); by default j renders j."""
    cand = list(candidate if candidate is not None else pair.candidate)
    gold_of = list(candidate_gold) if candidate_gold is not None else list(range(len(cand)))
    o_text, o_spans = _text(pair.original)
    c_text, c_spans = _text(cand)
    report = auditor.audit(o_text, c_text, original_lang=pair.languages[0],
                           candidate_lang=pair.languages[1]).to_dict()
    o_seg = {s["index"]: _segment_of(s["start"], o_spans) for s in report["original"]["sentences"]}
    c_seg = {s["index"]: _segment_of(s["start"], c_spans) for s in report["candidate"]["sentences"]}
    predicted = {(o_seg[i], c_seg[j]) for link in report["links"] for i in link["original"]
                 for j in link["candidate"] if o_seg[i] is not None and c_seg[j] is not None}
    gold = {(g, j) for j, g in enumerate(gold_of) if g is not None}
    linked_o = {o for o, _ in predicted}
    linked_c = {c for _, c in predicted}
    omitted = {o_seg[i] for f in report["flags"] if f["category"] == "omission" and f["side"] == "original"
               for i in f["sentences"] if _whole_sentence(f, report["original"]["sentences"][i])}
    added = {c_seg[j] for f in report["flags"] if f["category"] == "addition" and f["side"] == "candidate"
             for j in f["sentences"] if _whole_sentence(f, report["candidate"]["sentences"][j])}
    return {"right": len(predicted & gold), "predicted": len(predicted), "gold": len(gold),
            "unlinked_original": len(set(range(len(pair.original))) - linked_o),
            "unlinked_candidate": len(set(range(len(cand))) - linked_c),
            "omitted": omitted - {None}, "added": added - {None}, "relation": report["summary"]["relation"],
            "segments": len(pair.original),
            "links": [(sorted({o_seg[i] for i in link["original"]} - {None}),
                       sorted({c_seg[j] for j in link["candidate"]} - {None}), link["similarity"])
                      for link in report["links"]]}


def _whole_sentence(flag: dict[str, Any], sentence: dict[str, Any]) -> bool:
    """A flag that covers its whole sentence (an unaligned sentence), not words in it."""
    return any(sp["start"] <= sentence["start"] and sp["end"] >= sentence["end"] for sp in flag["spans"])


def edited(pair: DocPair, other: DocPair, rng: random.Random) -> tuple[list[str], list[int | None], set[int], int]:
    """The candidate with two segments deleted and one of `other`'s inserted: the new
    segments, the gold original segment of each, the deleted ones, the inserted position."""
    n = len(pair.candidate)
    deleted = set(rng.sample(range(1, n - 1), 2))
    kept = [(k, pair.candidate[k]) for k in range(n) if k not in deleted]
    at = rng.randrange(1, len(kept))
    foreign = other.candidate[rng.randrange(len(other.candidate))]
    segments = [s for _, s in kept[:at]] + [foreign] + [s for _, s in kept[at:]]
    gold: list[int | None] = [k for k, _ in kept[:at]] + [None] + [k for k, _ in kept[at:]]
    return segments, gold, deleted, at


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=0, help="audit only the first N pairs of each language pair")
    ap.add_argument("--edited", action="store_true")
    ap.add_argument("--show-misses", action="store_true", help="list the edits not flagged (stderr)")
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "quality.md"))
    ap.add_argument("--multilingual-model", default="use-multilingual-v3",
                    help="the multilingual encoder for the pairs in two languages (use-multilingual-v3 or "
                         "multilingual-e5-small; give --out a file of its own for the other one)")
    args = ap.parse_args()
    started = time.perf_counter()
    auditor = Auditor(AuditConfig(multilingual_model=args.multilingual_model, multilingual_fallback_model=""))
    all_pairs = pairs()
    by_langs: dict[tuple[str, str], list[DocPair]] = defaultdict(list)
    for p in all_pairs:
        by_langs[p.languages].append(p)
    rng = random.Random(SEED)
    rows = []
    for langs, group in by_langs.items():
        group = group[: args.limit] if args.limit else group
        totals: Counter[str] = Counter()
        relations: Counter[str] = Counter()
        for k, pair in enumerate(group):
            result = score_pair(auditor, pair)
            for key in ("right", "predicted", "gold", "unlinked_original", "unlinked_candidate", "segments"):
                totals[key] += result[key]
            totals["flagged_whole"] += len(result["omitted"]) + len(result["added"])
            relations[result["relation"]] += 1
            if args.edited:
                other = group[(k + len(group) // 2) % len(group)]
                segments, gold, deleted, at = edited(pair, other, rng)
                edit = score_pair(auditor, pair, segments, gold)
                totals["deleted"] += len(deleted)
                totals["deleted_found"] += len(edit["omitted"] & deleted)
                totals["inserted"] += 1
                totals["inserted_found"] += int(at in edit["added"])
                totals["edit_false"] += len(edit["omitted"] - deleted) + len(edit["added"] - {at})
                totals["edit_right"] += edit["right"]
                totals["edit_predicted"] += edit["predicted"]
                totals["edit_gold"] += edit["gold"]
                if args.show_misses and (deleted - edit["omitted"] or at not in edit["added"]):
                    print(f"MISS {pair.name}: deleted {sorted(deleted)} flagged {sorted(edit['omitted'])}, "
                          f"inserted {at} flagged {sorted(edit['added'])}, {edit['relation']}", file=sys.stderr)
                    for o_segs, c_segs, sim in edit["links"]:
                        if at in c_segs or set(o_segs) & (deleted - edit["omitted"]):
                            print(f"    link {o_segs} -> {c_segs} (gold {[gold[j] for j in c_segs]}) {sim}",
                                  file=sys.stderr)
            print(f"[{time.perf_counter() - started:.0f} s] {pair.name}: {result['right']}/{result['gold']} "
                  f"right, {result['predicted']} predicted, {result['relation']}", file=sys.stderr)
        rows.append((langs, len(group), totals, relations))
    lines = [SECTION, "",
             f"Generated by `.venv/bin/python -m bench.quality.xalign{' --edited' if args.edited else ''}"
             f"{f' --limit {args.limit}' if args.limit else ''}`. The segments of the WMT21 MQM sets in "
             f"document order, cut into documents of up to {DOC_SEGMENTS} consecutive segments (one paragraph "
             "each); each original document against every translation of it (en-de: 8 systems and 3 human "
             "references; zh-en from the Chinese source: 8 systems and the reference; en-en: the zh-en set's "
             "English reference against the 8 systems' outputs, the one-language path). The gold alignment is "
             "segment k with segment k. Links are read back to segments through character offsets and scored "
             "as (original segment, candidate segment) pairs.", "",
             "| pair | document pairs | segments | link P | link R | link F1 | original segments unlinked | "
             "candidate segments unlinked | segments flagged omitted/added | relation |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for langs, n, t, relations in rows:
        p = t["right"] / max(t["predicted"], 1)
        r = t["right"] / max(t["gold"], 1)
        f1 = 2 * p * r / max(p + r, 1e-9)
        rel = ", ".join(f"{k} {v}" for k, v in relations.most_common())
        lines.append(f"| {langs[0]}-{langs[1]} | {n} | {t['segments']} | {p:.3f} | {r:.3f} | {f1:.3f} | "
                     f"{t['unlinked_original']} | {t['unlinked_candidate']} | {t['flagged_whole']} | {rel} |")
    if args.edited:
        lines += ["", "The same pairs with two candidate segments deleted and one segment of another document "
                      "inserted (our edits on real translations):", "",
                  "| pair | deleted segments flagged omitted | inserted segments flagged added | other segments "
                  "flagged omitted or added | link F1 |", "|---|---|---|---|---|"]
        for langs, _, t, _ in rows:
            p = t["edit_right"] / max(t["edit_predicted"], 1)
            r = t["edit_right"] / max(t["edit_gold"], 1)
            f1 = 2 * p * r / max(p + r, 1e-9)
            lines.append(f"| {langs[0]}-{langs[1]} | {t['deleted_found']}/{t['deleted']} | "
                         f"{t['inserted_found']}/{t['inserted']} | {t['edit_false']} | {f1:.3f} |")
    lines.append("")
    text = "\n".join(lines)
    print(text)
    if not args.limit:
        from bench.quality.mqm import _write_section

        _write_section(Path(args.out), SECTION, text)
    print(f"[{time.perf_counter() - started:.0f} s] -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
