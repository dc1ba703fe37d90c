"""Human-judged errors: ours against cosine, chrF, TER and BERTScore-style on the
test split of the WMT21 MQM zh-en set (`bench.quality.human`), ROC-AUC of major vs
ok and the false-alarm rate (ok pairs flagged major or worse).

    .venv/bin/python -m bench.quality.mqm [--out bench/results/quality.md] [--cv]
    .venv/bin/python -m bench.quality.mqm --pair ende   # English originals, German outputs
    .venv/bin/python -m bench.quality.mqm --pair zhen-source   # Chinese sources, English outputs
    .venv/bin/python -m bench.quality.mqm --pair de-de   # German reference, German outputs

The drift model that ships was fitted on the train split only
(`bench.quality.train_drift`). Baselines have no thresholds of their own: each gets
the one that flags the same share of the train split's ok pairs as our major band
does there, applied to test. `--cv` adds a 5-fold cross-validated figure over all
1,712 pairs: the drift model refitted on four fifths of the segments (with the
generated dev items), scored on the fifth.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from bench.quality import baselines, human  # noqa: E402
from bench.quality.ours import audit_sentences  # noqa: E402
from scoring.calibrate import auc  # noqa: E402
from scoring.config import AuditConfig  # noqa: E402
from scoring.embed import ENCODERS  # noqa: E402
from scoring.pipeline import Auditor  # noqa: E402

SECTION = "## Human-judged errors (WMT21 MQM zh-en, test split)"
CROSS_SECTION = "## Human-judged errors across languages (WMT21 MQM en-de, test split)"
CROSS_ZH_SECTION = "## Human-judged errors across languages (WMT21 MQM zh-en from the Chinese source, test split)"
GERMAN_SECTION = "## Human-judged errors in one language other than English (WMT21 MQM en-de outputs, German vs German, test split)"
SYSTEMS = ("ours", "cosine", "chrF", "TER", "BERTScore")


def baseline_scores(auditor: Auditor, rows: Sequence[human.Judged], bert_layer: int | None = None
                    ) -> tuple[dict[str, dict[str, float]], int]:
    """Drift scores (higher = further apart) of every baseline; BERTScore's layer is
    the given one, or the best on these rows."""
    lexical = baselines.Lexical()
    lex = {r.id: lexical.score(r.original, r.candidate) for r in rows}
    cosine = baselines.cosine_drift(auditor.embedder, [(r.original, r.candidate) for r in rows])
    scorer = baselines.BertScorer(baselines.torch_model(auditor))
    bert = {r.id: scorer.score(r.original, r.candidate) for r in rows}
    binary = [r for r in rows if r.label != "minor"]
    if bert_layer is None:
        bert_layer = max(range(scorer.n_layers), key=lambda layer: auc(
            [1 - float(bert[r.id].f1[layer]) for r in binary], [r.label == "major" for r in binary]))
    return {
        "cosine": dict(zip([r.id for r in rows], cosine, strict=True)),
        "chrF": {r.id: lex[r.id].chrf for r in rows},
        "TER": {r.id: lex[r.id].ter for r in rows},
        "BERTScore": {r.id: 1 - float(bert[r.id].f1[bert_layer]) for r in rows},
    }, bert_layer


def evaluate(auditor: Auditor) -> tuple[list[list[str]], dict[str, float]]:
    rows = human.load()
    train, test = human.of_split(rows, "train"), human.of_split(rows, "test")
    ours = audit_sentences(auditor, [(r.id, r.original, r.candidate) for r in rows])
    base_train, layer = baseline_scores(auditor, train)
    base_test, _ = baseline_scores(auditor, test, layer)
    flagged = {r.id: ours[r.id].severity in ("major", "critical") for r in rows}
    table: list[list[str]] = []
    head: dict[str, float] = {}
    train_ok = [r for r in train if r.label == "ok"]
    train_alarm = sum(flagged[r.id] for r in train_ok) / len(train_ok)
    for system in SYSTEMS:
        score = {r.id: ours[r.id].score for r in rows} if system == "ours" else {**base_train[system], **base_test[system]}
        binary = [r for r in test if r.label != "minor"]
        value = auc([score[r.id] for r in binary], [r.label == "major" for r in binary])
        if system == "ours":
            hits = {r.id: flagged[r.id] for r in test}
        else:  # the threshold that raises as many false alarms on train as ours does there
            ok_scores = sorted((score[r.id] for r in train_ok), reverse=True)
            cut = ok_scores[min(len(ok_scores) - 1, math.floor(train_alarm * len(ok_scores)))]
            hits = {r.id: score[r.id] > cut for r in test}
        ok = [r for r in test if r.label == "ok"]
        major = [r for r in test if r.label == "major"]
        alarms = sum(hits[r.id] for r in ok) / len(ok)
        recall = sum(hits[r.id] for r in major) / len(major)
        head[system] = value
        head[f"{system} false alarms"] = alarms
        table.append([system, f"{value:.3f}", f"{alarms:.1%}", f"{recall:.1%}"])
    head["bert_layer"] = layer
    head["test pairs"] = len(test)
    return table, head


def cross_validated(auditor: Auditor, folds: int = 5) -> tuple[float, float]:
    """AUC over all rows, each scored by a drift model fitted without its segments; and
    the cosine baseline's AUC over the same rows."""
    from bench.quality import perturb
    from scoring.calibrate import LabelledPair, calibrate

    rows = human.load()
    synthetic = [LabelledPair(i.original, i.candidate, i.label, f"synthetic:{i.base}", 10.0, primary=False)
                 for i in perturb.build_items() if i.split == "dev"]
    fold_of = {r.seg_id: int(re.sub(r"\D", "", str(r.seg_id)) or 0) % folds for r in rows}
    scores: dict[str, float] = {}
    for k in range(folds):
        fit_rows = human.multi_reference([r for r in rows if fold_of[r.seg_id] != k])
        pairs = [LabelledPair(r.original, r.candidate, r.label, f"mqm:{r.seg_id}", primary=not r.id.endswith("@ref"))
                 for r in fit_rows] + synthetic
        model = calibrate(auditor, pairs).model
        fold_auditor = Auditor(auditor.config, auditor.embedder, drift_model=model)
        held = [r for r in rows if fold_of[r.seg_id] == k]
        for key, result in audit_sentences(fold_auditor, [(r.id, r.original, r.candidate) for r in held]).items():
            scores[key] = result.score
    binary = [r for r in rows if r.label != "minor"]
    cosine = baselines.cosine_drift(auditor.embedder, [(r.original, r.candidate) for r in binary])
    gold = [r.label == "major" for r in binary]
    return auc([scores[r.id] for r in binary], gold), auc(cosine, gold)


def evaluate_cross(auditor: Auditor, rows: Sequence[human.Judged], languages: tuple[str, str]
                   ) -> tuple[list[list[str]], dict[str, float]]:
    """A set in two languages (originals in `languages[0]`, outputs in `languages[1]`),
    its test split audited on the cross-lingual path (languages given, as the API takes
    them); ours against the multilingual encoder's cosine alone and its checks alone."""
    from bench.quality.ours import sentence_result
    from scoring.errors import DriftauditError

    o_lang, c_lang = languages
    test = human.of_split(rows, "test")
    ours: dict[str, tuple[str, float, bool]] = {}
    for r in test:
        try:
            report = auditor.audit(r.original, r.candidate, original_lang=o_lang, candidate_lang=c_lang).to_dict()
        except DriftauditError:
            ours[r.id] = ("ok", 0.0, False)
            continue
        result = sentence_result(report)
        checked = any(f["severity"] in ("major", "critical") and f["category"] in ("number", "entity", "negation")
                      for f in report["flags"])
        ours[r.id] = (result.severity, result.score, checked)
    embedder = auditor.path_for_languages(o_lang, c_lang).embedder
    cosine = dict(zip([r.id for r in test], baselines.cosine_drift(embedder, [(r.original, r.candidate)
                                                                           for r in test]), strict=True))
    ok = [r for r in test if r.label == "ok"]
    major = [r for r in test if r.label == "major"]
    binary = ok + major
    gold = [r.label == "major" for r in binary]
    flagged = {r.id: ours[r.id][0] in ("major", "critical") for r in test}
    alarms = sum(flagged[r.id] for r in ok) / len(ok)
    cut = sorted((cosine[r.id] for r in ok), reverse=True)[min(len(ok) - 1, math.floor(alarms * len(ok)))]
    table = []
    head: dict[str, float] = {"test pairs": len(test), "ok": len(ok), "major": len(major)}
    for name, score, hits in (
            ("ours", {k: v[1] for k, v in ours.items()}, flagged),
            ("multilingual cosine", cosine, {r.id: cosine[r.id] > cut for r in test}),
            ("checks alone (number, name, negation)", {k: float(v[2]) for k, v in ours.items()},
             {k: v[2] for k, v in ours.items()})):
        value = auc([score[r.id] for r in binary], gold)
        fa = sum(hits[r.id] for r in ok) / len(ok)
        recall = sum(hits[r.id] for r in major) / len(major)
        head[name] = value
        head[f"{name} false alarms"] = fa
        table.append([name, f"{value:.3f}", f"{fa:.1%}", f"{recall:.1%}"])
    return table, head


def main_cross_zh(args: argparse.Namespace, started: float) -> int:
    """The zh-en set read across languages: a language pair the cross-lingual drift
    model never saw (it was fitted on en-de), in the other direction."""
    return _main_set(args, started, CROSS_ZH_SECTION, human.chinese_sources(), ("zh", "en"), (
        "Generated by `.venv/bin/python -m bench.quality.mqm --pair zhen-source`. The Chinese source sentences "
        "(`source_zh`) against the English outputs of 8 systems, with the same professional MQM labels (judged "
        "against that source), and the error-free reference translation as one more ok output per segment; "
        "{pairs} test pairs ({ok} ok, {major} major; the same test segments as above). Audited on the "
        "cross-lingual path with the drift model `{model}`, which was fitted on en-de only: nothing here was "
        "fitted on Chinese. The cosine baseline is cut where it flags as many ok pairs as ours does."))


def main_german(args: argparse.Namespace, started: float) -> int:
    """The en-de set read in one language: German reference against German outputs."""
    return _main_set(args, started, GERMAN_SECTION, human.german_references(), ("de", "de"), (
        "Generated by `.venv/bin/python -m bench.quality.mqm --pair de-de`. A pair in one language other than "
        "English: per segment, the first human reference rated error-free as a German original against every "
        "other German output (8 systems, the other references) with its label; {pairs} test pairs ({ok} ok, "
        "{major} major). Audited as a German pair (multilingual encoder, German tables, drift model `{model}`). "
        "The cosine baseline is the multilingual encoder's, cut where it flags as many ok pairs as ours does."))


def _cross_auditor(args: argparse.Namespace) -> Auditor:
    """The auditor of a set in another language: the multilingual encoder asked for, alone."""
    return Auditor(AuditConfig(encoder=args.encoder, multilingual_model=args.multilingual_model,
                               multilingual_fallback_model=""))


def _main_set(args: argparse.Namespace, started: float, section: str, rows: Sequence[human.Judged],
              languages: tuple[str, str], intro: str) -> int:
    auditor = _cross_auditor(args)
    table, head = evaluate_cross(auditor, rows, languages)
    model = auditor.path_for_languages(*languages).drift_model
    lines = [section, "", intro.format(pairs=int(head["test pairs"]), ok=int(head["ok"]), major=int(head["major"]),
                                       model=model.name), "",
             "| system | ROC-AUC major vs ok | false alarms (ok flagged major+) | recall of major |",
             "|---|---|---|---|"]
    lines += [f"| {' | '.join(row)} |" for row in table]
    lines += [""]
    text = "\n".join(lines)
    print(text)
    _write_section(Path(args.out), section, text)
    print(f"[{time.perf_counter() - started:.0f} s] -> {args.out}", file=sys.stderr)
    return 0


def main_cross(args: argparse.Namespace, started: float) -> int:
    auditor = _cross_auditor(args)
    table, head = evaluate_cross(auditor, human.load(human.ENDE), ("en", "de"))
    model = auditor.path_for_languages("en", "de").drift_model
    lines = [CROSS_SECTION, "",
             "Generated by `.venv/bin/python -m bench.quality.mqm --pair ende`. English source sentences against "
             f"German outputs of 8 systems and 3 human references; {int(head['test pairs'])} test pairs "
             f"({int(head['ok'])} ok, {int(head['major'])} major; a third of the segments by a hash of seg_id). Each "
             "pair is audited on the cross-lingual path (multilingual USE v3 vectors, per-word vectors, the "
             f"cross-lingual checks) with the drift model `{model.name}`, fitted on the other two thirds. The "
             "cosine baseline is cut where it flags as many ok pairs as ours does.", "",
             "| system | ROC-AUC major vs ok | false alarms (ok flagged major+) | recall of major |",
             "|---|---|---|---|"]
    lines += [f"| {' | '.join(row)} |" for row in table]
    lines += ["", f"Targets: AUC >= 0.75 (ours {head['ours']:.3f}: {'met' if head['ours'] >= 0.75 else 'not met'}), "
                  f"false alarms <= 15% (ours {head['ours false alarms']:.1%}: "
                  f"{'met' if head['ours false alarms'] <= 0.15 else 'not met'}).",
              "", "Most major errors in this set are word-sense and fluency errors inside well-aligned sentences "
                  "(\"cycle\" as \"Zyklus\", \"a turn\" as \"eine Wendung\"); a sentence encoder and fact checks do not see "
                  "them: the multilingual cosine ranks them below chance, and the fitted model's out-of-fold AUC "
                  "on train is near 0.54. What the cross-lingual path does catch is shown on the German seed story "
                  "(tests/scoring/test_cross_lingual.py): changed numbers, names, dates, negations, dropped and "
                  "invented sentences, text left in English.", ""]
    text = "\n".join(lines)
    print(text)
    _write_section(Path(args.out), CROSS_SECTION, text)
    print(f"[{time.perf_counter() - started:.0f} s] -> {args.out}", file=sys.stderr)
    return 0


def _write_section(out: Path, section: str, text: str) -> None:
    """Replace `section` (up to the next section) in `out`, or append it."""
    current = out.read_text(encoding="utf-8") if out.exists() else ""
    if section in current:
        before, _, rest = current.partition(section)
        after = rest[rest.find("\n## "):] if "\n## " in rest else ""
        current = before.rstrip() + "\n\n" + text.rstrip() + "\n" + after
    else:
        current = current.rstrip() + "\n\n" + text
    out.write_text(current, encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "quality.md"))
    ap.add_argument("--cv", action="store_true")
    ap.add_argument("--encoder", default="onnx-int8", choices=ENCODERS,
                    help="backend that runs the model (default onnx-int8, as the service does)")
    ap.add_argument("--pair", choices=("zhen", "ende", "zhen-source", "de-de"), default="zhen",
                    help="zhen: English reference vs English output; ende: English source vs German output; "
                         "zhen-source: Chinese source vs English output; de-de: German reference vs German output")
    ap.add_argument("--multilingual-model", default="use-multilingual-v3",
                    help="with --pair ende/zhen-source/de-de: the multilingual encoder (use-multilingual-v3 or "
                         "multilingual-e5-small; give --out a file of its own for the other one)")
    args = ap.parse_args()
    started = time.perf_counter()
    if args.pair == "ende":
        return main_cross(args, started)
    if args.pair == "zhen-source":
        return main_cross_zh(args, started)
    if args.pair == "de-de":
        return main_german(args, started)
    auditor = Auditor(AuditConfig(encoder=args.encoder))
    table, head = evaluate(auditor)
    lines = [SECTION, "",
             f"Generated by `.venv/bin/python -m bench.quality.mqm{' --cv' if args.cv else ''}"
             f"{'' if args.encoder == 'onnx-int8' else ' --encoder ' + args.encoder}` (encoder {args.encoder}). "
             f"{int(head['test pairs'])} test pairs (a third of the 214 segments, by a hash of seg_id; the drift "
             f"model `{auditor.drift_model.name}` was fitted on the other two thirds and on generated dev items). "
             f"BERTScore-style uses layer {int(head['bert_layer'])} (best on train). Baselines are cut where they "
             "flag as many train ok pairs as ours does.", "",
             "| system | ROC-AUC major vs ok | false alarms (ok flagged major+) | recall of major |",
             "|---|---|---|---|"]
    lines += [f"| {' | '.join(row)} |" for row in table]
    if args.cv:
        value, cosine = cross_validated(auditor)
        lines += ["", f"5-fold cross-validated ROC-AUC of ours over all 1,712 pairs (folds by segment, the drift model "
                      f"refitted on each training part): {value:.3f}; cosine over the same pairs {cosine:.3f}."]
    lines += ["", f"Targets: AUC >= 0.80 (ours {head['ours']:.3f}: {'met' if head['ours'] >= 0.8 else 'not met'}), "
                  f"false alarms <= 10% (ours {head['ours false alarms']:.1%}: "
                  f"{'met' if head['ours false alarms'] <= 0.10 else 'not met'}).", ""]
    text = "\n".join(lines)
    print(text)
    out = Path(args.out)
    _write_section(out, SECTION, text)
    print(f"[{time.perf_counter() - started:.0f} s] -> {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
