"""Human-readable renderings of a report: a rich terminal view and a standalone HTML page.

Both only read the typed report from `scoring` (`scoring.report.Report`); neither
computes anything.
"""

from __future__ import annotations

import html
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from scoring.report import Report, SentenceOut, SpanOut

SEVERITY_STYLE = {"ok": "green", "minor": "yellow", "major": "bold dark_orange", "critical": "bold red"}


def _highlight(sentence: SentenceOut, spans: list[SpanOut], style: str) -> Text:
    text = Text(sentence.text)
    for sp in spans:
        lo, hi = max(sp.start, sentence.start), min(sp.end, sentence.end)
        if lo < hi:
            text.stylize(f"{style} underline", lo - sentence.start, hi - sentence.start)
    return text


def print_report(report: Report, console: Console, *, show_all: bool = False) -> None:
    """Summary on top, then every flagged candidate sentence beside what the original said."""
    s = report.summary
    head = Text.assemble(
        ("driftaudit ", "bold"), (f"{report.driftaudit}  ", "dim"),
        ("relation ", "dim"), (s.relation, "bold"),
        ("  coverage ", "dim"), (f"original {s.coverage.original:.0%} / candidate {s.coverage.candidate:.0%}", "bold"),
        ("  MQM ", "dim"), (f"{s.mqm.score:.1f}", "bold"), (f" ({s.mqm.per_100_words} pts/100 words)", "dim"),
    )
    console.print(head)
    counts = "  ".join(f"{sev}: {n}" for sev, n in s.flags.items())
    console.print(Text.assemble(("flags ", "dim"), (counts, "bold"), ("   worst ", "dim"),
                                (s.worst_severity, SEVERITY_STYLE[s.worst_severity])))
    if s.relation_reason:
        console.print(Text(s.relation_reason, style="dim"))
    if s.languages:
        console.print(Text(f"original in '{s.languages.original}', candidate in '{s.languages.candidate}': compared "
                           f"with {s.languages.model}" + ("" if s.languages.checked else
                                                          "; numbers, dates and negations of this pair of languages are not checked"),
                           style="dim"))
    for w in s.warnings:
        console.print(Text(f"warning: {w}", style="yellow"))
    o_sent = {x.index: x for x in report.original.sentences}
    c_sent = {x.index: x for x in report.candidate.sentences}
    table = Table(show_lines=True, expand=True)
    table.add_column("severity", width=10)
    table.add_column("candidate", ratio=1)
    table.add_column("original says", ratio=1)
    for flag in report.flags:
        if flag.severity == "ok" and not show_all:
            continue
        style = SEVERITY_STYLE[flag.severity]
        sev = Text(f"{flag.severity}\n{flag.category}", style=style)
        if flag.side == "candidate":
            cand = Text("\n").join(_highlight(c_sent[i], flag.spans, style) for i in flag.sentences)
            orig = Text(flag.original_text or "(no source)", style="dim" if not flag.original_text else "")
        else:
            cand = Text("(missing)", style="dim")
            orig = Text("\n").join(_highlight(o_sent[i], flag.spans, style) for i in flag.sentences)
        cand.append(f"\n{flag.message.split('. Original:')[0]}", style="italic dim")
        table.add_row(sev, cand, orig)
    console.print(table)
    console.print(Text(f"signature: {report.signature['short']}", style="dim"))


def print_matches(result: dict[str, Any], console: Console) -> None:
    table = Table(title="likely originals")
    for col in ("rank", "original", "score", "candidate covered", "mean similarity", "likely"):
        table.add_column(col)
    for k, m in enumerate(result["matches"], 1):
        table.add_row(str(k), m["id"], f"{m['score']:.3f}", f"{m['coverage']['candidate']:.0%}",
                      f"{m['mean_similarity']:.2f}", Text("yes", style="bold green") if m["likely"] else "no")
    console.print(table)
    for key, err in result.get("errors", {}).items():
        console.print(Text(f"skipped {key}: {err}", style="yellow"))


def _mark(sentence: SentenceOut, spans: list[SpanOut], severity: str) -> str:
    text, start = sentence.text, sentence.start
    cuts = sorted((max(sp.start, start) - start, min(sp.end, sentence.end) - start) for sp in spans
                  if sp.start < sentence.end and sp.end > start)
    out, pos = [], 0
    for lo, hi in cuts:
        if lo < pos:
            continue
        out.append(html.escape(text[pos:lo]))
        out.append(f'<mark class="sev-{severity}">{html.escape(text[lo:hi])}</mark>')
        pos = hi
    out.append(html.escape(text[pos:]))
    return "".join(out)


def html_report(report: Report) -> str:
    """A standalone, printable HTML page of the report; every article string is escaped."""
    s = report.summary
    c_sent = {x.index: x for x in report.candidate.sentences}
    o_sent = {x.index: x for x in report.original.sentences}
    rows = []
    for flag in report.flags:
        sev = flag.severity
        if flag.side == "candidate":
            cand = "<br>".join(_mark(c_sent[i], flag.spans, sev) for i in flag.sentences)
            orig = html.escape(flag.original_text or "(no source)")
        else:
            cand = "<em>(missing)</em>"
            orig = "<br>".join(_mark(o_sent[i], flag.spans, sev) for i in flag.sentences)
        rows.append(f'<tr class="sev-{sev}"><td><b>{sev}</b><br>{html.escape(flag.category)}</td>'
                    f"<td>{cand}<div class=msg>{html.escape(flag.message)}</div></td><td>{orig}</td></tr>")
    counts = ", ".join(f"{k}: {v}" for k, v in s.flags.items())
    languages = (f" Original in <b>{html.escape(s.languages.original)}</b>, candidate in "
                 f"<b>{html.escape(s.languages.candidate)}</b> (compared with {html.escape(s.languages.model)})."
                 if s.languages else "")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>driftaudit report</title>
<style>
body{{font:15px/1.45 system-ui,sans-serif;margin:2rem;color:#222}} table{{border-collapse:collapse;width:100%}}
td{{border-top:1px solid #ddd;padding:.5rem;vertical-align:top}} .msg{{color:#666;font-size:13px;margin-top:.3rem}}
mark.sev-minor{{background:#fff3b0}} mark.sev-major{{background:#ffc58a}} mark.sev-critical{{background:#ff9a9a}}
tr.sev-critical td:first-child{{color:#b00}} tr.sev-major td:first-child{{color:#c60}}
</style></head><body>
<h1>driftaudit report</h1>
<p>Relation <b>{html.escape(s.relation)}</b>; coverage original {s.coverage.original:.0%},
candidate {s.coverage.candidate:.0%}; MQM score {s.mqm.score}; flags {html.escape(counts)}.{languages}</p>
<table><thead><tr><th>severity</th><th>candidate</th><th>original says</th></tr></thead><tbody>
{''.join(rows)}
</tbody></table>
<p><small>{html.escape(str(report.signature['short']))}</small></p>
</body></html>
"""
