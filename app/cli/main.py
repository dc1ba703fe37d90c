"""The `driftaudit` command line: audit, match and batch, on `scoring.pipeline.Auditor`.

Bad input (missing file, empty, binary, not UTF-8, too large) prints one line on
stderr and exits 2; nothing else is printed on stdout in that case.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from scoring.embed import ENCODERS
from scoring.errors import BadRequest, DriftauditError

if TYPE_CHECKING:
    from scoring.pipeline import Pair

EXIT_BAD_INPUT = 2


def _auditor(args: argparse.Namespace, drift_model: Any = None) -> Any:
    from scoring.config import AuditConfig
    from scoring.pipeline import Auditor

    model = args.model or os.environ.get("DRIFTAUDIT_MODEL") or AuditConfig().model
    drift = getattr(args, "drift_model", None) or os.environ.get("DRIFTAUDIT_DRIFT_MODEL") or ""
    encoder = getattr(args, "encoder", None) or os.environ.get("DRIFTAUDIT_ENCODER") or AuditConfig().encoder
    cross_lingual = getattr(args, "cross_lingual", False)
    # --cross-lingual: the --model given is multilingual and reads both languages itself
    multilingual = "" if cross_lingual else (os.environ.get("DRIFTAUDIT_MULTILINGUAL_MODEL", "").strip()
                                             or AuditConfig().multilingual_model)
    fallback = os.environ.get("DRIFTAUDIT_MULTILINGUAL_FALLBACK_MODEL", "").strip() \
        or AuditConfig().multilingual_fallback_model
    return Auditor(AuditConfig(model=model, encoder=encoder, drift_model=drift,
                               multilingual_model="" if multilingual.lower() in ("none", "off") else multilingual,
                               multilingual_fallback_model="" if fallback.lower() in ("none", "off") else fallback),
                   cross_lingual=cross_lingual, drift_model=drift_model)


def _console(stderr: bool = False) -> Any:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def cmd_audit(args: argparse.Namespace) -> int:
    from app.cli.sources import read_source

    original = read_source(args.original, max_bytes=args.max_bytes)
    candidate = read_source(args.candidate, max_bytes=args.max_bytes)
    report = _auditor(args).audit(original, candidate, original_lang=args.original_lang,
                                  candidate_lang=args.candidate_lang)
    if args.format == "json":
        sys.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=1) + "\n")
    elif args.format == "html":
        from app.cli.render import html_report

        sys.stdout.write(html_report(report))
    else:
        from app.cli.render import print_report

        print_report(report, _console(), show_all=args.all)
    return 0


def cmd_match(args: argparse.Namespace) -> int:
    from app.cli.sources import read_source

    candidate = read_source(args.candidate, max_bytes=args.max_bytes)
    originals = {path: read_source(path, max_bytes=args.max_bytes) for path in args.originals}
    result = _auditor(args).match(candidate, originals)
    if args.format == "json":
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=1) + "\n")
    else:
        from app.cli.render import print_matches

        print_matches(result, _console())
    return 0


def _read_pairs(path: str, errors: list[tuple[int, str, str]]) -> Iterator[Pair]:
    """(id, original, candidate, original_lang, candidate_lang) per good line; bad lines
    are recorded in `errors`."""
    # bytes, each line decoded on its own: one line not in UTF-8 is that line's error
    stream = sys.stdin.buffer if path == "-" else open(path, "rb")
    try:
        for number, raw in enumerate(stream, 1):
            if not raw.strip():
                continue
            try:
                try:
                    line = raw.decode("utf-8")
                except UnicodeDecodeError as exc:
                    raise ValueError(f"not UTF-8 (byte {exc.start + 1}); convert the file, e.g. "
                                     "iconv -f windows-1252 -t utf-8") from exc
                item = json.loads(line)
                if not isinstance(item, dict):
                    raise ValueError("a line must be a JSON object")
                item_id = str(item.get("id", number))
                original, candidate = item.get("original"), item.get("candidate")
                if not isinstance(original, str) or not isinstance(candidate, str):
                    raise ValueError("'original' and 'candidate' must be strings")
            except ValueError as exc:
                errors.append((number, str(number), f"line {number}: {exc}"))
                yield (f"\0error:{number}", "", "", None, None)
                continue
            langs = [item.get(k) for k in ("original_lang", "candidate_lang")]
            try:
                for lang in langs:
                    if lang is not None:
                        _language_code(str(lang))
            except argparse.ArgumentTypeError as exc:  # the line has its id: the error keeps it
                errors.append((number, item_id, f"line {number}: {exc}"))
                yield (f"\0error:{number}", "", "", None, None)
                continue
            o_lang, c_lang = (str(x).lower() if x else None for x in langs)
            yield item_id, original, candidate, o_lang, c_lang
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()


def cmd_batch(args: argparse.Namespace) -> int:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    if args.input != "-" and not os.path.isfile(args.input):
        raise BadRequest(f"{args.input}: no such file", "give a JSONL file with one {id, original, candidate} per line")
    total = None
    if args.input != "-":
        with open(args.input, "rb") as fh:
            total = sum(1 for line in fh if line.strip())
    auditor = _auditor(args)
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    bad: list[tuple[int, str, str]] = []
    bad_by_marker = {}
    done = failed = 0
    progress = Progress(TextColumn("auditing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                        console=_console(stderr=True), transient=False, disable=args.quiet)
    try:
        with progress:
            task = progress.add_task("pairs", total=total)

            def pairs() -> Iterator[Pair]:
                for pair in _read_pairs(args.input, bad):
                    if pair[0].startswith("\0error:"):
                        bad_by_marker[pair[0]] = bad[-1]
                        # An empty pair makes the auditor yield an error in order.
                    yield pair

            for item_id, result in auditor.audit_many(pairs(), chunk=args.chunk,
                                                      on_done=lambda n: progress.advance(task, n)):
                if item_id in bad_by_marker:
                    _, number, message = bad_by_marker[item_id]
                    row: dict[str, Any] = {"id": number, "error": {"code": "bad_line", "message": message}}
                    failed += 1
                elif isinstance(result, DriftauditError):
                    row = {"id": item_id, "error": {"code": result.code, "message": str(result)}}
                    failed += 1
                else:
                    row = {"id": item_id, "report": result.to_dict()}
                    done += 1
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
                out.flush()
    finally:
        if out is not sys.stdout:
            out.close()
    print(f"audited {done} pairs, {failed} errors", file=sys.stderr)
    return 0


def cmd_calibrate(args: argparse.Namespace) -> int:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from scoring.calibrate import calibrate, read_pairs
    from scoring.drift import DriftModel

    pairs = [pair for path in args.data for pair in read_pairs(path)]
    auditor = _auditor(args, drift_model=DriftModel.neutral())
    progress = Progress(TextColumn("reading pairs"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                        console=_console(stderr=True), disable=args.quiet)
    with progress:
        task = progress.add_task("pairs", total=len(pairs))
        result = calibrate(auditor, pairs, name=args.name, false_alarm=args.false_alarm,
                           minor_false_alarm=args.minor_false_alarm,
                           trained_on=", ".join(os.path.basename(p) for p in args.data),
                           on_pair=lambda n: progress.advance(task, n))
    result.model.save(args.output)
    bands = result.model.bands
    print(f"fitted {result.model.name} on {result.pairs} pairs ({result.skipped} minor or unreadable left out)\n"
          f"out-of-fold ROC-AUC, major vs ok: {result.auc:.3f}\n"
          f"bands: minor from p={bands['minor']:.3f}, major from p={bands['major']:.3f} "
          f"(ok pairs flagged major, out of fold: {result.false_alarms:.1%})\n"
          f"wrote {args.output}; use it with --drift-model {args.output} or DRIFTAUDIT_DRIFT_MODEL={args.output}")
    return 0




def _store() -> Any:
    from sqlalchemy.exc import SQLAlchemyError

    from app.core.config import get_settings
    from app.store.db import make_engine, migrate
    from app.store.repo import Store

    settings = get_settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(settings.resolved_database_url())
    try:
        migrate(engine)
    except SQLAlchemyError as exc:
        from app.errors import DatabaseUnavailable

        cause = getattr(exc, "orig", None) or exc
        raise DatabaseUnavailable(f"cannot use the database: {type(cause).__name__}: "
                                  f"{str(cause).splitlines()[0][:200]}",
                                  "check DRIFTAUDIT_DATABASE_URL and that the server is up") from exc
    return Store(engine, settings.job_max_attempts)


def _load_settings() -> Any:
    from pydantic import ValidationError

    from app.core.config import get_settings

    try:
        return get_settings()
    except ValidationError as exc:
        problems = "; ".join(f"DRIFTAUDIT_{'.'.join(str(p) for p in e['loc']).upper()}: {e['msg']}"
                             for e in exc.errors())
        raise BadRequest(f"bad setting: {problems}", "fix the environment variable (see README, Settings)") from exc


def _check_port(host: str, port: int) -> None:
    """Fail now, in one line, if the address is taken (uvicorn would only say so after loading)."""
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise BadRequest(f"cannot listen on {host}:{port}: {exc.strerror}",
                             "stop what is using it, or choose another port with --port or DRIFTAUDIT_PORT") from exc


def cmd_serve(args: argparse.Namespace) -> int:
    from app.core.config import LOOPBACK_NAMES

    for flag, variable in ((args.host, "DRIFTAUDIT_HOST"), (args.port, "DRIFTAUDIT_PORT"),
                           (args.workers, "DRIFTAUDIT_WORKERS"), (args.data_dir, "DRIFTAUDIT_DATA_DIR")):
        if flag is not None:
            os.environ[variable] = str(flag)
    if args.load_samples:
        os.environ["DRIFTAUDIT_LOAD_SAMPLES"] = "true"
    settings = _load_settings()
    _check_port(settings.host, settings.port)
    store = _store()  # reach and migrate the database now: a clear line instead of a server traceback
    if settings.host not in LOOPBACK_NAMES and not store.has_keys():
        raise BadRequest(f"refusing to listen on {settings.host} without an API key",
                         "create one with `driftaudit keys create NAME`, or listen on 127.0.0.1")
    import uvicorn

    base = f"http://{settings.host}:{settings.port}"
    print(f"driftaudit {__import__('scoring').__version__}: dashboard {base}/  API {base}/docs  "
          f"(data in {settings.data_dir}; Ctrl+C stops)", file=sys.stderr, flush=True)
    uvicorn.run("app.main:app_factory", factory=True, host=settings.host, port=settings.port,
                workers=args.processes, log_level=settings.log_level, access_log=False,
                timeout_graceful_shutdown=30, proxy_headers=True)
    return 0


def cmd_prepare_model(args: argparse.Namespace) -> int:
    """Load the model once with the chosen encoder: for ONNX this exports (and quantises)
    its graph into the cache directory, so the service's first start does not."""
    import time

    started = time.perf_counter()
    auditor = _auditor(args)
    embedder = auditor.embedder
    where = getattr(getattr(embedder, "graph", None), "path", None) or getattr(embedder, "path", "")
    print(f"{auditor.config.model} ({auditor.config.encoder}) ready in {time.perf_counter() - started:.1f} s: {where}")
    return 0


def cmd_reindex(args: argparse.Namespace) -> int:
    """Multilingual document vectors for originals stored before there were any."""
    from app.services.runner import AuditService

    settings = _load_settings()
    if not settings.multilingual_model:
        raise BadRequest("the multilingual encoder is off (DRIFTAUDIT_MULTILINGUAL_MODEL=none): nothing to index",
                         "unset DRIFTAUDIT_MULTILINGUAL_MODEL to use the bundled one")
    print(f"database: {settings.resolved_database_url().split('@')[-1]}", file=sys.stderr)
    service = AuditService(settings, _store())
    count = [0]

    def done(n: int) -> None:
        count[0] += n
        if count[0] % 100 == 0:
            print(f"{count[0]} originals read", file=sys.stderr)

    given, unreadable = service.backfill_multilingual(done)
    print(f"{given} originals given a multilingual vector" + (f", {unreadable} could not be read" if unreadable else ""),
          file=sys.stderr)
    return 0


def cmd_keys(args: argparse.Namespace) -> int:
    _load_settings()
    store = _store()
    if args.action == "create":
        key = store.create_key(args.name)
        print(key)
        print(f"API key '{args.name}' created; it is shown only this once.", file=sys.stderr)
    elif args.action == "list":
        for row in store.list_keys():
            state = f"revoked {row.revoked_at:%Y-%m-%d}" if row.revoked_at else "active"
            print(f"{row.name}\t{row.prefix}…\t{row.created_at:%Y-%m-%d %H:%M}\t{state}")
    else:
        count = store.revoke_key(args.name)
        if not count:
            raise BadRequest(f"no active key named {args.name!r}", "see `driftaudit keys list`")
        print(f"revoked {count} key(s)", file=sys.stderr)
    return 0


def cmd_users(args: argparse.Namespace) -> int:
    import getpass

    _load_settings()
    password = os.environ.get("DRIFTAUDIT_NEW_PASSWORD") or getpass.getpass(f"password for {args.name}: ")
    if len(password) < 8:
        raise BadRequest("the password is shorter than 8 characters", "choose a longer one")
    _store().create_user(args.name, password)
    print(f"user '{args.name}' can now sign in to the dashboard", file=sys.stderr)
    return 0


def _redacted(name: str, value: Any) -> Any:
    """Secrets are not printed: the key as '***', a database URL without its password."""
    if name == "secret_key" and value:
        return "***"
    if name == "database_url" and value:
        from sqlalchemy.engine import make_url

        return make_url(str(value)).render_as_string(hide_password=True)
    return value


def cmd_settings(args: argparse.Namespace) -> int:
    from app.core.config import settings_table

    if args.markdown:
        print(settings_table())
    else:
        settings = _load_settings()
        for name, value in settings.model_dump().items():
            print(f"DRIFTAUDIT_{name.upper()}={_redacted(name, value)}")
    return 0


def _language_code(value: str) -> str:
    from scoring.languages import language_code

    try:
        return language_code(value)
    except DriftauditError as exc:
        raise argparse.ArgumentTypeError(f"{value!r} is not a language code such as en or de") from exc


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="driftaudit", description="Audit machine-translated articles for drift.")
    parser.add_argument("--version", action="version", version="driftaudit 0.1.0")
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--model", help="sentence-transformers model: local directory or cached name "
                                       "(default all-MiniLM-L6-v2, bundled; env DRIFTAUDIT_MODEL)")
        p.add_argument("--encoder", choices=ENCODERS,
                       help="backend that runs the model (default onnx-int8; env DRIFTAUDIT_ENCODER)")
        p.add_argument("--max-bytes", type=int, default=2_000_000, help="largest input accepted (default 2 MB)")
        p.add_argument("--cross-lingual", action="store_true",
                       help="the --model given is multilingual: audit pairs in two languages with it instead of the "
                            "bundled multilingual encoder (env DRIFTAUDIT_MULTILINGUAL_MODEL; 'none' refuses such pairs)")
        p.add_argument("--drift-model", help="drift model file written by `driftaudit calibrate` "
                                             "(default: the one shipped; env DRIFTAUDIT_DRIFT_MODEL)")

    p = sub.add_parser("audit", help="audit a candidate article against its original")
    p.add_argument("original", help="file, - for stdin, or http(s) URL")
    p.add_argument("candidate", help="file, - for stdin, or http(s) URL")
    p.add_argument("--format", choices=("text", "json", "html"), default="text")
    p.add_argument("--all", action="store_true", help="text format: also list ok links")
    p.add_argument("--original-lang", type=_language_code, help="language of the original (e.g. de; default: identified)")
    p.add_argument("--candidate-lang", type=_language_code,
                   help="language of the candidate (e.g. en); two languages are audited with the multilingual encoder")
    common(p)
    p.set_defaults(func=cmd_audit)

    p = sub.add_parser("match", help="rank possible originals of a candidate article")
    p.add_argument("candidate")
    p.add_argument("originals", nargs="+")
    p.add_argument("--format", choices=("text", "json"), default="text")
    common(p)
    p.set_defaults(func=cmd_match)

    p = sub.add_parser("batch", help="audit many pairs from a JSONL file ({id, original, candidate} per line, "
                                     "optionally original_lang and candidate_lang)")
    p.add_argument("input", help="JSONL file or - for stdin")
    p.add_argument("--format", choices=("jsonl",), default="jsonl")
    p.add_argument("-o", "--output", help="write JSONL here instead of stdout")
    p.add_argument("--chunk", type=int, default=32, help="pairs encoded together (default 32)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    common(p)
    p.set_defaults(func=cmd_batch)

    p = sub.add_parser("calibrate", help="refit the drift model from labelled pairs "
                                         "({original, candidate, label: ok|minor|major} per JSONL line)")
    p.add_argument("data", nargs="+", help="JSONL files; a 'group' (or 'seg_id') field keeps related pairs in one fold")
    p.add_argument("-o", "--output", default="drift-custom.json", help="where to write the model (default %(default)s)")
    p.add_argument("--name", default="drift-custom", help="the model's name in report signatures")
    p.add_argument("--false-alarm", type=float, default=0.08,
                   help="share of ok pairs the major band may flag (default %(default)s)")
    p.add_argument("--minor-false-alarm", type=float, default=0.30,
                   help="share of ok pairs the minor band may flag (default %(default)s)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    common(p)
    p.set_defaults(func=cmd_calibrate)

    p = sub.add_parser("serve", help="run the HTTP service and dashboard (settings: DRIFTAUDIT_* variables)")
    p.add_argument("--host", help="address to listen on (default 127.0.0.1; others need an API key)")
    p.add_argument("--port", type=int, help="port (default 8000)")
    p.add_argument("--workers", type=int, help="background audit threads per process (default 1)")
    p.add_argument("--processes", type=int, default=1, help="server processes (use Postgres for more than 1)")
    p.add_argument("--data-dir", help="data directory (default ./data)")
    p.add_argument("--load-samples", action="store_true", help="with an empty database, load the sample audits")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("reindex", help="give stored originals a multilingual vector (those stored before it), so "
                                       "candidates in other languages find them")
    p.set_defaults(func=cmd_reindex)

    p = sub.add_parser("keys", help="API keys: create NAME, list, revoke NAME")
    p.add_argument("action", choices=("create", "list", "revoke"))
    p.add_argument("name", nargs="?", default="")
    p.set_defaults(func=cmd_keys)

    p = sub.add_parser("users", help="dashboard users: create NAME (asks for the password)")
    p.add_argument("action", choices=("create",))
    p.add_argument("name")
    p.set_defaults(func=cmd_users)

    p = sub.add_parser("prepare-model", help="load the model once; with an ONNX encoder, export its graph into "
                                             "the cache directory (DRIFTAUDIT_CACHE_DIR) now rather than at first start")
    common(p)
    p.set_defaults(func=cmd_prepare_model)

    p = sub.add_parser("settings", help="print the effective settings (or --markdown: the table of all settings)")
    p.add_argument("--markdown", action="store_true")
    p.set_defaults(func=cmd_settings)
    return parser


def _show_model_progress() -> None:
    """One stderr line per slow model step (the ONNX export at a first run takes ~15 s)."""
    import logging

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("driftaudit: %(message)s"))
    embed_log = logging.getLogger("driftaudit.embed")
    if not embed_log.handlers:
        embed_log.addHandler(handler)
        embed_log.setLevel(logging.INFO)
        embed_log.propagate = False


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command != "serve":  # the service logs through its own logging setup
        _show_model_progress()
    if args.command == "audit" and args.original == "-" and args.candidate == "-":
        parser.error("only one of ORIGINAL and CANDIDATE can be read from stdin")
    if args.command == "keys" and args.action in ("create", "revoke") and not args.name:
        parser.error(f"keys {args.action} needs a NAME")
    try:
        return int(args.func(args))
    except DriftauditError as exc:
        print(f"driftaudit: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("driftaudit: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
