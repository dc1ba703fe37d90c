"""Audit quality against baselines: one table, printed and written to bench/results/quality.md.

Run from the project root (`make bench-quality` does):

    .venv/bin/python -m bench.quality [--seed N] [--out PATH] [--examples N]

In: the generated sentence items (`bench.quality.perturb`) and document cases
(`bench.quality.documents`), the default model, the shipped configuration.
Out: one markdown table - ours vs chrF, BLEU, TER, cosine, BERTScore-style and
Bertalign - with the headline metrics on the test split, one row per error type,
and the document-level rows (alignment F1, omissions, additions, CPU time); then
whether the quality targets are met. `--examples N` also prints up to N missed items
per error type (to stderr).

Thresholds: the auditor is scored at its shipped thresholds (no fitting). Baselines
have no shipped thresholds, so each gets the threshold that maximises F1 on the dev
split, applied to test; BERTScore's layer and span threshold are chosen on dev too.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # `python bench/quality/run.py` as well as `-m bench.quality`
    sys.path.insert(0, str(ROOT))

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from bench.quality import baselines, bertalign_runner, metrics  # noqa: E402
from bench.quality.documents import DocCase, build_docs  # noqa: E402
from bench.quality.ours import DocResult, SentenceResult, audit_sentences, doc_result  # noqa: E402
from bench.quality.perturb import ERROR_TYPES, LABELS, SEED, Item, build_items  # noqa: E402

SYSTEMS: tuple[str, ...] = ("ours", "chrF", "BLEU", "TER", "cosine", "BERTScore")
COLUMNS: tuple[str, ...] = ("metric", "n", "ours", "ours span F1", "chrF", "BLEU", "TER", "cosine", "BERTScore",
                            "Bertalign")
DEFAULT_OUT = ROOT / "bench" / "results" / "quality.md"
MAJOR = LABELS.index("major")


def positive(item: Item) -> bool:
    """Gold 'major or worse'."""
    return LABELS.index(item.label) >= MAJOR


@dataclass
class SentenceRun:
    """Scores of every system on every item, and what was fitted on dev."""

    items: list[Item]
    ours: dict[str, SentenceResult]
    scores: dict[str, dict[str, float]]  # system -> item id -> drift score
    bert_spans: dict[str, list[tuple[float, int, int]]]  # item id -> (best match, start, end) per candidate token
    thresholds: dict[str, float] = field(default_factory=dict)
    bert_layer: int = 0
    bert_span_threshold: float = 0.0
    seconds: float = 0.0

    def flagged(self, system: str, item: Item) -> bool:
        """Major-or-worse call of `system` (ours: shipped thresholds; others: dev-fitted)."""
        if system == "ours":
            return LABELS.index(self.ours[item.id].severity) >= MAJOR
        return self.scores[system][item.id] >= self.thresholds[system]

    def spans(self, system: str, item: Item) -> list[tuple[int, int]]:
        if system == "ours":
            return self.ours[item.id].spans
        return [(s, e) for sim, s, e in self.bert_spans[item.id] if sim < self.bert_span_threshold]


def _auc(run: SentenceRun, system: str, items: Sequence[Item], pos: Callable[[Item], bool],
         neg: Callable[[Item], bool]) -> float:
    scores = run.scores[system]
    return metrics.roc_auc([scores[i.id] for i in items if pos(i)], [scores[i.id] for i in items if neg(i)])


def score_sentences(auditor: Any, items: list[Item]) -> SentenceRun:
    """Run the auditor and every sentence baseline on `items`; fit baselines on dev."""
    start = time.perf_counter()
    ours = audit_sentences(auditor, [(i.id, i.original, i.candidate) for i in items])
    lexical = baselines.Lexical()
    lex = {i.id: lexical.score(i.original, i.candidate) for i in items}
    cosine = baselines.cosine_drift(auditor.embedder, [(i.original, i.candidate) for i in items])
    scorer = baselines.BertScorer(baselines.torch_model(auditor))
    scorer.states(sorted({t for i in items for t in (i.original, i.candidate)}))
    bert = {i.id: scorer.score(i.original, i.candidate) for i in items}
    scores: dict[str, dict[str, float]] = {
        "ours": {i.id: ours[i.id].score for i in items},
        "chrF": {i.id: lex[i.id].chrf for i in items},
        "BLEU": {i.id: lex[i.id].bleu for i in items},
        "TER": {i.id: lex[i.id].ter for i in items},
        "cosine": dict(zip([i.id for i in items], cosine, strict=True)),
    }
    run = SentenceRun(items, ours, scores, {})
    dev = [i for i in items if i.split == "dev"]
    binary_dev = [i for i in dev if i.label == "ok" or positive(i)]
    # BERTScore layer: best dev AUC (major or worse vs ok).
    best_layer, best_auc = 0, -1.0
    for layer in range(scorer.n_layers):
        layer_scores = {i.id: 1.0 - float(bert[i.id].f1[layer]) for i in items}
        run.scores["BERTScore"] = layer_scores
        auc = _auc(run, "BERTScore", binary_dev, positive, lambda i: i.label == "ok")
        if auc > best_auc:
            best_layer, best_auc = layer, auc
    run.bert_layer = best_layer
    run.scores["BERTScore"] = {i.id: 1.0 - float(bert[i.id].f1[best_layer]) for i in items}
    run.bert_spans = {i.id: [(float(b), int(s), int(e)) for b, (s, e) in
                             zip(bert[i.id].candidate_best[best_layer], bert[i.id].candidate_spans, strict=True)]
                      for i in items}
    for system in SYSTEMS[1:]:
        run.thresholds[system] = metrics.best_threshold([run.scores[system][i.id] for i in binary_dev],
                                                        [positive(i) for i in binary_dev])
    # BERTScore span threshold: best dev span F1.
    spanned_dev = [i for i in dev if i.span is not None]
    best_t, best_f = 0.0, -1.0
    for step in range(20, 100):
        run.bert_span_threshold = step / 100
        f = metrics.span_f1(metrics.span_counts(run.spans("BERTScore", i), i.span) for i in spanned_dev
                            if i.span is not None)[2]
        if f > best_f:
            best_t, best_f = step / 100, f
    run.bert_span_threshold = best_t
    run.seconds = time.perf_counter() - start
    return run


@dataclass
class DocRun:
    """Alignment results of ours and Bertalign on the document cases, with CPU times (s)."""

    docs: list[DocCase]
    ours: dict[str, DocResult]
    bertalign: dict[str, list[metrics.Bead]]
    bertalign_info: str
    cpu: dict[str, list[float]] = field(default_factory=dict)  # timing name -> per-doc CPU seconds
    compile_seconds: float = 0.0


def _clear(embedder: Any) -> None:
    """Empty the embedder's text caches, so the next encode is a real one."""
    embedder.clear_cache()


def _cpu(fn: Callable[[], Any]) -> tuple[Any, float]:
    start = time.process_time()
    value = fn()
    return value, time.process_time() - start


def run_docs(auditor: Any, docs: list[DocCase], repeats: int = 5) -> DocRun:
    """Audit and Bertalign-align every document, with CPU times.

    Cold-cache timings (encoding included) are single runs; the align-only timings
    are the median of `repeats` runs on the same vectors."""
    units_of: Callable[[Any], Any] | None
    align_ours: Callable[..., Any] | None
    try:  # the pipeline's own unit list and aligner call, for the align-only timings
        from scoring.pipeline import units as units_of

        align_ours = auditor._align
    except (ImportError, AttributeError):  # then the timings of ours without encoding are left out
        units_of = align_ours = None

    corelib, info = bertalign_runner.load_corelib()
    params = bertalign_runner.BertalignParams()
    embedder = auditor.embedder
    out = DocRun(docs, {}, {}, info)
    names = ("ours audit (cold)", "ours encode+align", "ours align", "Bertalign encode+align", "Bertalign align")
    out.cpu = {name: [] for name in names}
    windows = params.max_align - 1
    if corelib is not None:  # numba compiles on first use: keep that out of the timings
        warm = docs[0]
        _, out.compile_seconds = _cpu(lambda: bertalign_runner.align(
            corelib, bertalign_runner.embed_overlaps(embedder, list(warm.original_sentences), windows),
            bertalign_runner.embed_overlaps(embedder, list(warm.candidate_sentences), windows), params))
    for doc in docs:
        _clear(embedder)
        report, dt = _cpu(lambda d=doc: auditor.audit(d.original, d.candidate).to_dict())  # type: ignore[misc]
        out.cpu["ours audit (cold)"].append(dt)
        out.ours[doc.id] = doc_result(report, doc.original_spans, doc.candidate_spans)
        if units_of is not None and align_ours is not None:
            o, c = auditor.prepare(doc.original, "original"), auditor.prepare(doc.candidate, "candidate")
            o_units, c_units = units_of(o.document), units_of(c.document)
            _clear(embedder)

            def encode_align(o: Any = o, c: Any = c, o_units: Any = o_units, c_units: Any = c_units) -> Any:
                embedder.encode([o.texts[u.index] for u in o_units] + [c.texts[u.index] for u in c_units])
                return align_ours(o, c, o_units, c_units)

            out.cpu["ours encode+align"].append(_cpu(encode_align)[1])
            out.cpu["ours align"].append(statistics.median(
                _cpu(lambda o=o, c=c, ou=o_units, cu=c_units: align_ours(o, c, ou, cu))[1] for _ in range(repeats)))
        if corelib is None:
            continue
        _clear(embedder)

        def b_encode(d: DocCase = doc) -> tuple[Any, Any]:
            return (bertalign_runner.embed_overlaps(embedder, list(d.original_sentences), windows),
                    bertalign_runner.embed_overlaps(embedder, list(d.candidate_sentences), windows))

        (src, tgt), dt_enc = _cpu(b_encode)
        beads, dt_align = _cpu(lambda s=src, t=tgt: bertalign_runner.align(corelib, s, t, params))
        out.cpu["Bertalign encode+align"].append(dt_enc + dt_align)
        out.cpu["Bertalign align"].append(statistics.median(
            [dt_align] + [_cpu(lambda s=src, t=tgt: bertalign_runner.align(corelib, s, t, params))[1]
                          for _ in range(repeats - 1)]))
        out.bertalign[doc.id] = [(tuple(int(x) for x in a), tuple(int(y) for y in b)) for a, b in beads]
    return out


# -- the table ---------------------------------------------------------------------


def _f(value: float | None, digits: int = 3) -> str:
    if value is None or value != value:  # None or NaN
        return "—"
    return f"{value:.{digits}f}"


def _pct(value: float) -> str:
    return f"{100 * value:.0f}%"


def build_table(s: SentenceRun, d: DocRun) -> tuple[list[list[str]], dict[str, Any]]:
    """Rows of the one table (test split), and the headline figures for the targets."""
    test = [i for i in s.items if i.split == "test"]
    binary = [i for i in test if i.label == "ok" or positive(i)]
    ok_items = [i for i in test if i.label == "ok"]
    rows: list[list[str]] = []
    head: dict[str, Any] = {}
    n_pos, n_neg = sum(positive(i) for i in binary), len(ok_items)

    def row(metric: str, n: str, cells: dict[str, str], span: str = "", bertalign: str = "") -> None:
        rows.append([metric, n, cells.get("ours", ""), span, *(cells.get(x, "") for x in SYSTEMS[1:]), bertalign])

    aucs = {x: _auc(s, x, binary, positive, lambda i: i.label == "ok") for x in SYSTEMS}
    head["auc"] = aucs
    row("ROC-AUC, major or worse vs ok", f"{n_pos}/{n_neg}", {x: _f(v) for x, v in aucs.items()})
    prfs = {x: metrics.prf([s.flagged(x, i) for i in binary], [positive(i) for i in binary]) for x in SYSTEMS}
    head["prf"] = prfs
    for name, attr in (("precision", "precision"), ("recall", "recall"), ("F1", "f1")):
        row(f"{name}, major or worse (ours: shipped thresholds; others: dev-fitted)", str(len(binary)),
            {x: _f(getattr(p, attr)) for x, p in prfs.items()})
    false_alarms = {x: sum(s.flagged(x, i) for i in ok_items) / len(ok_items) for x in SYSTEMS}
    head["false_alarms"] = false_alarms
    row("false alarms: ok items flagged major or worse", str(len(ok_items)), {x: _f(v) for x, v in false_alarms.items()})
    spanned = [i for i in test if i.span is not None]
    span_scores = {x: metrics.span_f1(metrics.span_counts(s.spans(x, i), i.span) for i in spanned if i.span)
                   for x in ("ours", "BERTScore")}
    head["span"] = span_scores
    row("span P / R / F1 (character overlap with the gold span)", str(len(spanned)),
        {x: f"{v[0]:.2f} / {v[1]:.2f} / {v[2]:.2f}" for x, v in span_scores.items()},
        span=_f(span_scores["ours"][2]))
    for t in ERROR_TYPES:
        of_type = [i for i in test if i.type == t]
        if not of_type:
            continue
        labels = sorted({i.label for i in of_type}, key=LABELS.index)
        cells: dict[str, str] = {}
        for x in SYSTEMS:
            rate = sum(s.flagged(x, i) for i in of_type) / len(of_type)
            if labels == ["ok"]:
                cells[x] = f"— · {_pct(rate)}"
            else:
                auc = metrics.roc_auc([s.scores[x][i.id] for i in of_type], [s.scores[x][i.id] for i in ok_items])
                cells[x] = f"{_f(auc, 2)} · {_pct(rate)}"
        with_span = [i for i in of_type if i.span is not None]
        span_f = metrics.span_f1(metrics.span_counts(s.spans("ours", i), i.span) for i in with_span if i.span)[2] \
            if with_span else None
        row(f"{t} ({'/'.join(labels)}): AUC vs ok · flagged major+", str(len(of_type)), cells, span=_f(span_f, 2))
    # Document level.
    test_docs = [doc for doc in d.docs if doc.split == "test"]
    gold = [list(doc.gold) for doc in test_docs]
    ours_align = metrics.alignment_scores(gold, [d.ours[doc.id].beads for doc in test_docs])
    have_b = all(doc.id in d.bertalign for doc in test_docs)
    b_align = metrics.alignment_scores(gold, [d.bertalign[doc.id] for doc in test_docs]) if have_b else None
    head["align"] = (ours_align, b_align)
    n_docs = str(len(test_docs))
    for key, label in (("f1_strict", "alignment strict F1 (Vecalign score.py)"),
                       ("f1_lax", "alignment lax F1 (Vecalign score.py)")):
        row(label, n_docs, {"ours": _f(ours_align[key])}, bertalign=_f(b_align[key]) if b_align else "n/a")

    def omitted_added(beads_of: Callable[[DocCase], tuple[set[int], set[int]]]) -> tuple[metrics.PRF, metrics.PRF]:
        pred_o = {(doc.id, k) for doc in test_docs for k in beads_of(doc)[0]}
        pred_a = {(doc.id, k) for doc in test_docs for k in beads_of(doc)[1] if k not in doc.headings}
        gold_o = {(doc.id, k) for doc in test_docs for k in doc.omitted}
        gold_a = {(doc.id, k) for doc in test_docs for k in doc.added}
        return metrics.set_prf(pred_o, gold_o), metrics.set_prf(pred_a, gold_a)

    ours_oa = omitted_added(lambda doc: (d.ours[doc.id].omitted, d.ours[doc.id].added))

    def b_unaligned(doc: DocCase) -> tuple[set[int], set[int]]:
        beads = d.bertalign.get(doc.id, [])
        return ({a[0] for a, b in beads if a and not b}, {b[0] for a, b in beads if b and not a})

    b_oa = omitted_added(b_unaligned) if have_b else None
    head["omission"] = (ours_oa[0], b_oa[0] if b_oa else None)
    head["addition"] = (ours_oa[1], b_oa[1] if b_oa else None)
    for k, what in enumerate(("omission", "addition")):
        g = ours_oa[k].tp + ours_oa[k].fn
        for name in ("precision", "recall"):
            row(f"{what} {name} (sentences; inserted headings excluded)", str(g),
                {"ours": _f(getattr(ours_oa[k], name))},
                bertalign=_f(getattr(b_oa[k], name)) if b_oa else "n/a")
    cpu = {k: (1000 * statistics.mean(v) if v else None) for k, v in d.cpu.items()}
    head["cpu"] = cpu
    row("CPU ms per document: align only (same sentence vectors, median of 5)", str(len(d.docs)),
        {"ours": _f(cpu["ours align"], 1)}, bertalign=_f(cpu["Bertalign align"], 1))
    row("CPU ms per document: encode + align (cold cache)", str(len(d.docs)),
        {"ours": _f(cpu["ours encode+align"], 1)}, bertalign=_f(cpu["Bertalign encode+align"], 1))
    row("CPU ms per document: whole audit (cold cache)", str(len(d.docs)), {"ours": _f(cpu["ours audit (cold)"], 1)})
    return rows, head


def markdown(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "|".join("---" for _ in COLUMNS) + "|"]
    lines.extend("| " + " | ".join(r) + " |" for r in rows)
    return "\n".join(lines)


def targets(head: dict[str, Any]) -> list[str]:
    """The quality targets, each with met / missed and the figures behind it."""
    aucs = head["auc"]
    best_lex = max(("chrF", "BLEU", "TER"), key=lambda x: aucs[x])
    auc_ok = aucs["ours"] >= 0.90 and aucs["ours"] >= aucs[best_lex] + 0.10
    span = head["span"]["ours"][2]
    ours_align, b_align = head["align"]
    cpu = head["cpu"]
    lines = [
        f"- ROC-AUC >= 0.90 and >= best sacrebleu baseline + 0.10: **{'met' if auc_ok else 'missed'}** "
        f"(ours {aucs['ours']:.3f}; best sacrebleu {best_lex} {aucs[best_lex]:.3f})",
        f"- span F1 >= 0.6: **{'met' if span >= 0.6 else 'missed'}** (ours {span:.3f})",
    ]
    if b_align is not None and cpu["Bertalign encode+align"] is not None and cpu["ours encode+align"] is not None:
        f_ok = ours_align["f1_strict"] >= b_align["f1_strict"]
        t_ok = cpu["ours encode+align"] < cpu["Bertalign encode+align"]
        lines.append(
            f"- alignment strict F1 >= Bertalign's with lower CPU time: **{'met' if f_ok and t_ok else 'missed'}** "
            f"(strict F1 ours {ours_align['f1_strict']:.3f} vs {b_align['f1_strict']:.3f}; CPU encode+align "
            f"{cpu['ours encode+align']:.1f} vs {cpu['Bertalign encode+align']:.1f} ms/doc, align only "
            f"{cpu['ours align']:.1f} vs {cpu['Bertalign align']:.1f} ms/doc)")
    else:
        lines.append("- alignment vs Bertalign: **not measured** (Bertalign unavailable)")
    return lines


def failures(s: SentenceRun, limit: int) -> str:
    """Up to `limit` test items per type where ours is wrong at the shipped thresholds."""
    out: list[str] = []
    for t in ERROR_TYPES:
        wrong = [i for i in s.items if i.split == "test" and i.type == t and i.label != "minor"
                 and s.flagged("ours", i) != positive(i)]
        total = sum(1 for i in s.items if i.split == "test" and i.type == t and i.label != "minor")
        if not wrong:
            continue
        out.append(f"## {t}: {len(wrong)}/{total} wrong")
        for i in wrong[:limit]:
            r = s.ours[i.id]
            out.append(f"- {i.id} [{i.label}] {i.note}\n    O: {i.original}\n    C: {i.candidate}\n"
                       f"    ours: {r.severity} sim={r.min_similarity:.2f} {', '.join(r.categories)}")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--examples", type=int, default=0, help="print up to N missed items per type (stderr)")
    args = parser.parse_args(argv)
    wall = time.perf_counter()
    from scoring.pipeline import Auditor

    auditor = Auditor()
    items = build_items(args.seed)
    docs = build_docs(args.seed)
    s = score_sentences(auditor, items)
    sentence_seconds = s.seconds
    d_start = time.perf_counter()
    d = run_docs(auditor, [doc for doc in docs if doc.split == "test"])
    doc_seconds = time.perf_counter() - d_start
    rows, head = build_table(s, d)
    table = markdown(rows)
    print(table)
    target_lines = targets(head)
    print("\n".join(target_lines))
    n_split = {sp: sum(1 for i in items if i.split == sp) for sp in ("dev", "test")}
    dev_binary = [i for i in items if i.split == "dev" and (i.label == "ok" or positive(i))]
    dev_auc = {x: _auc(s, x, dev_binary, positive, lambda i: i.label == "ok") for x in SYSTEMS}
    refused = sum(1 for r in s.ours.values() if r.error)
    mismatches = sum(r.segmentation_mismatches for r in d.ours.values())
    signature = auditor.signature()["short"]
    notes = [
        f"Generated by `make bench-quality` (`.venv/bin/python -m bench.quality --seed {args.seed}`), "
        f"{time.perf_counter() - wall:.0f} s on this machine (sentence items {sentence_seconds:.0f} s, "
        f"documents {doc_seconds:.0f} s).",
        "",
        f"Auditor `{signature}` as shipped: its drift model was fitted on the dev split of these items (and on "
        f"human-judged pairs, see the last section), never on the test split. {len(items)} sentence items "
        f"(dev {n_split['dev']}, test {n_split['test']}; split by story, so a base pair never crosses splits) and "
        f"{len(docs)} documents ({sum(doc.split == 'test' for doc in docs)} test); every figure below is on the "
        "test split. CPU times are process CPU time per test document, cold caches (one run) except the "
        "align-only rows (median of 5 runs on the same vectors); the machine is shared, so wall times vary more.",
        "",
        "Columns: *ours* is the auditor's per-pair score (worst severity, then drift probability); chrF, BLEU, TER are "
        "sacrebleu sentence scores alone; *cosine* is 1 - cosine of the same model's sentence vectors; *BERTScore* "
        f"is greedy token matching with the same model's layer-{s.bert_layer} token vectors (layer chosen on dev); "
        f"*Bertalign* is {d.bertalign_info}, default parameters, on the same model's embeddings. "
        "Per-type cells read `AUC vs the ok items · share flagged major or worse`; for ok types the share is the "
        "false-alarm rate. Baseline thresholds (fitted on dev, best recall minus false-alarm rate for major or worse vs ok): "
        + ", ".join(f"{k} {v:.3f}" for k, v in s.thresholds.items())
        + f"; BERTScore span threshold {s.bert_span_threshold:.2f}.",
        "",
        "ROC-AUC on the dev split, for comparison: " + ", ".join(f"{k} {v:.3f}" for k, v in dev_auc.items())
        + " (BERTScore's layer and the baselines' thresholds were chosen there).",
        "",
        f"Pairs refused by the auditor: {refused}. Document sentences where the auditor's segmentation differs "
        f"from the gold sentences: {mismatches}. Bertalign's numba compilation ({d.compile_seconds:.1f} s CPU, "
        "once per process unless cached) is not in its times.",
    ]
    text = "# Audit quality\n\n" + "\n".join(notes) + "\n\n" + table + "\n\n## Targets\n\n" + \
        "\n".join(target_lines) + "\n"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    from bench.quality.mqm import SECTION

    previous = args.out.read_text(encoding="utf-8") if args.out.exists() else ""
    if SECTION in previous:  # `python -m bench.quality.mqm` writes that section; keep it
        text += "\n" + previous[previous.index(SECTION):]
    args.out.write_text(text, encoding="utf-8")
    print(f"\nwritten to {args.out}", file=sys.stderr)
    if args.examples:
        print(failures(s, args.examples), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
