"""Review sets: English pairs written by hand, each a correct rendering (ok) or one with a
single error (major), held out from the checks until first measured.

    .venv/bin/python -m bench.quality.reviews [SET.jsonl ...] [--kinds] [-v]

Default sets (bench/quality/reviews/): `names` (80 pairs: names said another way, or
another person, organisation or place named), `amounts` (96: numbers, units, dates,
times, negations, opposites, comparatives, quantifiers), `words` (72: words dropped or
added inside a sentence: qualifiers, main verbs, clauses, places and times, modifiers),
`clauses` (80: clauses, verbs, years and modifiers dropped or invented, against glosses,
moved clauses, empty phrases, a date's year and verbs said another way), `modifiers` (80:
words of strength, certainty, secrecy, legality or violence added, dropped or changed, and a
few other errors, against the same words said another way, moved, or emphasis only), `mixed`
(100: ten kinds of error, five each, among them roles swapped and words in a wrong sense,
against ten kinds of correct rewording), `abstracts` (80: sentences of biomedical abstracts,
ten kinds of error four each: numbers, units, negations, directions, drugs and genes,
hedges, populations, arms swapped, qualifiers dropped, findings invented; against
abbreviations, statistics and numbers written another way), `talks` (80: sentences of
spoken talks, ten kinds of error four each, among them persons, answers reversed, idioms
taken literally and words in a wrong sense; against fillers dropped, contractions, numbers
said aloud, idioms rendered by their meaning), seven more of 80 each, written the same
way, on `markets`, `courts`, `sports`, `science`, `conflict`, `tech` and `local` news, and
thirty-six of 40 (ten kinds of error two each) on `health`, `politics`, `disasters`, `culture`,
`education`, `transport`, `energy`, `housing`, `farming`, `weather`, `defence`, `retail`, `arts`,
`justice`, `labour`, `migration`, `media`, `wildlife`, `space`, `tourism`, `banking`, `crime`,
`diplomacy`, `property`, `aviation`, `mining`, `shipping`, `elections`, `insurance`,
`telecoms`, `pharma`, `utilities`, `automotive`, `food`, `fashion` and `gaming` news.

A line holds `original`, `candidate`, `label` (ok or major), `kind`, and for an error
either `error_span` (the wrong words: in the candidate, or with `side` "original" the
original's words the candidate lost) or `category` (a flag of that category anywhere).
Pairs are audited as the CLI audits them. A correct pair counts as clean when it gets no
major or critical flag; an error as caught when a major or critical flag covers its
words (or is of its category; a candidate-side flag covers the original's words it points
at, which the dashboard marks there too: "send" for a lost "not"), and the last column
counts errors with any major flag.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from scoring.pipeline import Auditor  # noqa: E402

SETS = sorted((Path(__file__).with_name("reviews")).glob("*.jsonl"))
MAJOR = ("major", "critical")


def caught(item: dict[str, Any], flags: list[dict[str, Any]]) -> bool:
    """Does a major or critical flag stand for the item's error?"""
    majors = [f for f in flags if f["severity"] in MAJOR]
    if "category" in item:
        return any(f["category"] == item["category"] for f in majors)
    span, side = item["error_span"], item.get("side")

    def marked(f: dict[str, Any]) -> list[dict[str, Any]]:
        """The flag's words on the item's side: its own spans, or for a candidate-side flag
        read against the original, the original's words it points at (marked there too)."""
        if side is None or f["side"] == side:
            return list(f["spans"])
        return list(f.get("original_spans", [])) if side == "original" else []

    return any(any(span in s["text"] or (s["text"] and s["text"] in span) for s in marked(f)) for f in majors)


def score(auditor: Auditor, path: Path, verbose: bool = False) -> tuple[Counter[tuple[str, str]], Counter[tuple[str, str]],
                                                                       Counter[tuple[str, str]]]:
    """(pairs, right, any major) by (label, kind): right is clean for ok, caught for major."""
    total: Counter[tuple[str, str]] = Counter()
    right: Counter[tuple[str, str]] = Counter()
    flagged: Counter[tuple[str, str]] = Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        flags = auditor.audit(item["original"], item["candidate"]).to_dict()["flags"]
        key = (item["label"], item["kind"])
        total[key] += 1
        majors = [f for f in flags if f["severity"] in MAJOR]
        good = not majors if item["label"] == "ok" else caught(item, flags)
        right[key] += good
        flagged[key] += bool(majors)
        if verbose and not good:
            print(f"  {item['id']} {item['kind']}: {item['original']!r} -> {item['candidate']!r}", file=sys.stderr)
            for f in majors:
                print(f"      {f['side']} {f['category']} {f['severity']}: {f['message'][:100]}", file=sys.stderr)
    return total, right, flagged


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sets", nargs="*", type=Path, default=SETS)
    ap.add_argument("--kinds", action="store_true", help="a line per kind of pair")
    ap.add_argument("-v", "--verbose", action="store_true", help="the pairs it gets wrong (stderr)")
    args = ap.parse_args()
    auditor = Auditor()
    print("| set | pairs | correct pairs clean | errors caught major at their words | errors with any major flag |")
    print("|---|---|---|---|---|")
    for path in args.sets:
        total, right, flagged = score(auditor, path, args.verbose)
        ok = [k for k in total if k[0] == "ok"]
        bad = [k for k in total if k[0] != "ok"]
        print(f"| {path.stem} | {sum(total.values())} | {sum(right[k] for k in ok)}/{sum(total[k] for k in ok)} | "
              f"{sum(right[k] for k in bad)}/{sum(total[k] for k in bad)} | {sum(flagged[k] for k in bad)}/"
              f"{sum(total[k] for k in bad)} |")
        if args.kinds:
            for k in sorted(total):
                print(f"|   {k[0]}: {k[1]} | {total[k]} | {right[k] if k[0] == 'ok' else ''} | "
                      f"{right[k] if k[0] != 'ok' else ''} | {flagged[k] if k[0] != 'ok' else ''} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
