"""The editorial dashboard: server-rendered pages over the same store and API functions.

Pages: the audits list (/), a new audit (/audits/new), the review of one audit
(/audits/{id}) with its exports and printable report, the corpus of originals
(/corpus), and sign-in (/login). Verdicts are saved by the page's JavaScript through
the API (PATCH /v1/audits/{id}/flags/{flag_id}) with the session's CSRF token.

Every article string is untrusted: templates autoescape, the JavaScript writes text
with textContent only, and pages are served under a strict Content-Security-Policy
(scripts only from /static, no inline script or style).
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import jinja2
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.staticfiles import StaticFiles

from app.api.audits import audit_out, summary_of
from app.api.editorial import AlertRuleIn
from app.api.originals import original_out
from app.api.schemas import AuditCreate, OriginalCreate, RowId
from app.core.cache import Cached
from app.errors import status_of
from app.services import alerts, corpus, editorial, trends, watches, webhooks
from app.services import audits as audit_service
from app.services.audits import Submission
from app.services.runner import AuditService
from app.store.models import STATUSES, UNFINISHED
from app.store.repo import AuditFilter, Store
from app.web import view
from app.web.security import (
    CSRF_FIELD,
    PAGE_HEADERS,
    SESSION_SECONDS,
    Session,
    SessionMiddleware,
    local_request,
    retry_after,
    same_token,
)
from scoring.clean import decode
from scoring.errors import DriftauditError
from scoring.relation import RELATIONS
from scoring.report import Report
from scoring.types import SEVERITIES

HERE = Path(__file__).resolve().parent
TEMPLATES = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                               undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
SORTS = {"-created_at": "newest first", "created_at": "oldest first", "title": "title A–Z", "-title": "title Z–A",
         "outlet": "outlet A–Z", "-outlet": "outlet Z–A", "relation": "relation", "status": "status"}
CATEGORY_NAMES = {"mistranslation": "mistranslation", "omission": "omission", "addition": "addition",
                  "untranslated": "untranslated", "entity": "name", "number": "number", "negation": "negation"}


# -- helpers -------------------------------------------------------------------------
def _when(stamp: datetime | str | None) -> str:
    if stamp is None:
        return ""
    if isinstance(stamp, str):
        stamp = datetime.fromisoformat(stamp)
    if stamp.tzinfo is not None:  # stored as UTC; naive ones (SQLite) are UTC already
        stamp = stamp.astimezone(UTC)
    return stamp.strftime("%Y-%m-%d %H:%M UTC")


def _pct(value: Any) -> str:
    return "–" if value is None else f"{float(value):.0%}"


def _num(value: Any, digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{float(value):.{digits}f}"


def _http_url(value: Any) -> str:
    """The URL when it is http(s), else empty: article metadata never becomes a javascript: link."""
    text = str(value or "")
    return text if text.lower().startswith(("http://", "https://")) else ""


TEMPLATES.filters.update(when=_when, pct=_pct, num=_num, http_url=_http_url)
TEMPLATES.globals.update(category_names=CATEGORY_NAMES)


def service_of(request: Request) -> AuditService:
    service: AuditService = request.app.state.service
    return service


def store_of(request: Request) -> Store:
    return service_of(request).store


def session_of(request: Request) -> Session:
    session = getattr(request.state, "session", None)
    if session is None:  # only without the middleware (never in the app): a throwaway session
        session = Session()
        request.state.session = session
    return session


def login_required(request: Request) -> bool:
    """Sign-in is needed once any API key or user exists, or for any request that is not
    local (`local_request`: loopback configuration, socket, peer and Host name)."""
    settings = request.app.state.settings
    if not local_request(request.scope, settings):
        return True
    cache: Cached = request.app.state.web_cache
    store = store_of(request)
    return bool(cache.get("auth", lambda: store.has_keys() or store.has_users()))


def current_user(request: Request) -> str | None:
    """Who is using the page: the signed-in name, 'local' in the open mode, None when sign-in is needed."""
    user = session_of(request).user
    if user:
        return user
    return None if login_required(request) else "local"


class LoginNeeded(Exception):
    def __init__(self, path: str) -> None:
        self.path = path


def need_user(request: Request) -> str:
    user = current_user(request)
    if user is None:
        raise LoginNeeded(request.url.path + (f"?{request.url.query}" if request.url.query else ""))
    return user


def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    session = session_of(request)
    body = TEMPLATES.get_template(template).render(
        request=request, csrf=session.csrf, csrf_field=CSRF_FIELD, user=session.user or current_user(request),
        signed_in=bool(session.user), login_needed=login_required(request), path=request.url.path, **context)
    return HTMLResponse(body, status_code=status, headers=PAGE_HEADERS)


def not_found(request: Request, what: str) -> HTMLResponse:
    return page(request, "message.html", 404, title="Not found", message=what,
                hint="It may have been deleted. Go back to the list of audits.")


async def checked_form(request: Request) -> Any:
    """The posted form, after its CSRF token is checked against the session's."""
    form = await request.form()
    if not same_token(str(form.get(CSRF_FIELD) or ""), session_of(request).csrf):
        raise CsrfFailed()
    return form


class CsrfFailed(Exception):
    pass


def safe_next(target: str | None) -> str:
    """Only a path on this site: no open redirect."""
    target = target or "/"
    if not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/"
    return target


# -- sign in -------------------------------------------------------------------------
@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/") -> Response:
    if not login_required(request) and not session_of(request).user:
        return RedirectResponse(safe_next(next), 303)
    return page(request, "login.html", next=safe_next(next), error="", username="",
                has_users=store_of(request).has_users())


@router.post("/login", response_class=HTMLResponse)
async def login(request: Request) -> Response:
    """Sign in with a name and password or an API key: a new server-side session and cookie.

    Failures are counted per client address and per account (the name, or the key's prefix);
    after DRIFTAUDIT_LOGIN_MAX_FAILURES of either within DRIFTAUDIT_LOGIN_WINDOW_SECONDS the
    answer is 429 with Retry-After, without checking the password, until the oldest counted
    failure leaves the window. The attempt is recorded before the check, so parallel guesses
    count against each other; one that succeeds is forgotten with its account's failures.
    """
    form = await checked_form(request)
    store = store_of(request)
    settings = request.app.state.settings
    username = str(form.get("username") or "").strip()[:200]
    password = str(form.get("password") or "")
    api_key = str(form.get("api_key") or "").strip()
    target = safe_next(str(form.get("next") or "/"))

    def refused(status: int, error: str) -> HTMLResponse:
        return page(request, "login.html", status, next=target, username=username, has_users=store.has_users(),
                    error=error)

    if not api_key and not (username and password):
        return refused(401, "That did not work: give a name and password, or an API key.")
    client = request.scope.get("client")
    account = f"key:{api_key[:10]}" if api_key else f"user:{username.lower()}"
    subjects = (f"ip:{client[0] if client else 'unknown'}", account)
    window = settings.login_window_seconds
    attempt = await run_in_threadpool(store.note_login_attempt, subjects)
    failures = await run_in_threadpool(store.login_failures, subjects, window, attempt)
    wait = retry_after(failures, settings.login_max_failures, window)
    if wait:
        await run_in_threadpool(store.forget_login_attempts, attempt, None, window)  # a refusal is not a guess
        later = f"{-(-wait // 60)} minutes" if wait >= 90 else f"{wait} seconds"
        response = refused(429, f"Too many failed sign-ins from this address or for this account: try again in "
                                f"{later}, or ask an administrator (`driftaudit users create NAME` sets a new "
                                "password).")
        response.headers["Retry-After"] = str(wait)
        return response
    name: str | None = None
    key_prefix: str | None = None
    if api_key:
        name = await run_in_threadpool(store.verify_key, api_key)
        key_prefix = api_key[:10] if name else None
    else:
        name = username if await run_in_threadpool(store.verify_user, username, password) else None
    if not name:  # the attempt's rows stay: they are the failures counted above
        return refused(401, "That did not work: check the name and password, or the API key.")
    await run_in_threadpool(store.forget_login_attempts, attempt, account, window)
    sid = await run_in_threadpool(store.create_web_session, name, key_prefix, SESSION_SECONDS)
    # A new session (and CSRF token) on every sign-in.
    request.state.session = Session(user=name, key=key_prefix, sid=sid, changed=True)
    return RedirectResponse(target, 303)


@router.post("/logout")
async def logout(request: Request) -> Response:
    """Sign out: the server-side session is deleted, so the old cookie (or a copy of it) no
    longer signs anyone in; the browser gets a fresh anonymous session."""
    await checked_form(request)
    sid = session_of(request).sid
    if sid:
        await run_in_threadpool(store_of(request).end_web_session, sid)
    request.state.session = Session(changed=True)
    return RedirectResponse("/login" if login_required(request) else "/", 303)


# -- the audits list ---------------------------------------------------------------------
@router.get("/", response_class=HTMLResponse)
def audits_page(request: Request, q: str = "", status: str = "", relation: str = "", worst_severity: str = "",
                outlet: str = "", sort: str = "-created_at", page_no: int = 1) -> Response:
    need_user(request)
    store = store_of(request)
    flt = AuditFilter(status=status if status in STATUSES else None,
                      relation=relation if relation in RELATIONS else None,
                      worst_severity=worst_severity if worst_severity in SEVERITIES else None,
                      outlet=outlet.strip()[:200] or None, q=q.strip()[:200] or None,
                      sort=sort if sort in SORTS else "-created_at")
    page_no = min(max(1, page_no), 10_000_000)  # a huge page number is an empty page, not a database error
    rows, total = store.list_audits(flt, PAGE_SIZE, (page_no - 1) * PAGE_SIZE)
    reviewed = store.reviewed_counts([a.id for a in rows])
    items = [summary_of(a, reviewed.get(a.id, 0)) for a in rows]
    params = {"q": q, "status": status, "relation": relation, "worst_severity": worst_severity, "outlet": outlet,
              "sort": flt.sort}

    def link(**changes: Any) -> str:
        merged = {k: v for k, v in (params | changes).items() if v not in ("", None, 1)}
        if merged.get("sort") == "-created_at":
            merged.pop("sort")
        return "/?" + urlencode(merged) if merged else "/"

    def sort_link(column: str) -> str:
        return link(sort=column if flt.sort != column else "-" + column, page_no=1)

    pages = max(1, math.ceil(total / PAGE_SIZE))
    return page(request, "audits.html", items=items, total=total, params=params, sorts=SORTS, statuses=STATUSES,
                relations=RELATIONS, severities=SEVERITIES, sort=flt.sort, sort_link=sort_link,
                prev_link=link(page_no=page_no - 1) if page_no > 1 else "",
                next_link=link(page_no=page_no + 1) if page_no < pages else "", page_no=page_no, pages=pages,
                filtered=any(params[k] for k in ("q", "status", "relation", "worst_severity", "outlet")),
                open_alerts=store.alerts(open_only=True, limit=20))


# -- a new audit ---------------------------------------------------------------------------
def _originals_choice(store: Store) -> list[Any]:
    rows, _ = store.list_originals(200, 0)
    return rows


def _new_form(request: Request, status: int = 200, error: str = "", hint: str = "",
              values: dict[str, Any] | None = None) -> HTMLResponse:
    values = values or {}
    defaults = {"original_mode": "text", "candidate_mode": "text", "original_text": "", "candidate_text": "",
                "original_url": "", "candidate_url": "", "original_id": "", "title": "", "outlet": "",
                "source_language": "", "original_lang": "", "candidate_lang": ""}
    return page(request, "new.html", status, error=error, hint=hint, v=defaults | values,
                originals=_originals_choice(store_of(request)))


@router.get("/audits/new", response_class=HTMLResponse)
def new_audit_page(request: Request, original_id: str = "") -> Response:
    need_user(request)
    values = {"original_mode": "stored", "original_id": original_id} if original_id else None
    return _new_form(request, values=values)


async def _article(form: Any, side: str, mode: str) -> dict[str, str] | None:
    """The {text|html|url} of one side from the form, or None (no original: find it in the corpus)."""
    if mode == "text":
        text = str(form.get(f"{side}_text") or "")
        if not text.strip():
            raise DriftauditError(f"the {side} text is empty", f"paste the {side} article, or choose another way to "
                                                                "give it")
        return {"text": text}
    if mode == "url":
        url = str(form.get(f"{side}_url") or "").strip()
        if not url:
            raise DriftauditError(f"no {side} URL given", "give an http(s) address of the article")
        return {"url": url}
    if mode == "file":
        upload = form.get(f"{side}_file")
        if not isinstance(upload, UploadFile) or not upload.filename:
            raise DriftauditError(f"no {side} file chosen", "choose a .txt or .html file")
        data = await upload.read()
        text = decode(data, name=upload.filename)
        is_html = upload.filename.lower().endswith((".html", ".htm")) or "html" in (upload.content_type or "")
        return {"html": text} if is_html else {"text": text}
    return None


@router.post("/audits/new", response_class=HTMLResponse)
async def new_audit(request: Request) -> Response:
    user = need_user(request)
    form = await checked_form(request)
    values = {k: str(form.get(k) or "") for k in ("original_mode", "candidate_mode", "original_text",
                                                  "candidate_text", "original_url", "candidate_url", "original_id",
                                                  "title", "outlet", "source_language", "original_lang",
                                                  "candidate_lang")}
    original_mode = values["original_mode"] if values["original_mode"] in ("text", "file", "url", "stored", "find") \
        else "text"
    candidate_mode = values["candidate_mode"] if values["candidate_mode"] in ("text", "file", "url") else "text"
    meta = {k: values[k].strip() for k in ("title", "outlet", "source_language", "original_lang", "candidate_lang")
            if values[k].strip()}
    try:
        candidate = await _article(form, "candidate", candidate_mode)
        original = await _article(form, "original", original_mode) if original_mode in ("text", "file", "url") \
            else None
        if candidate and candidate.get("url"):
            meta["candidate_url"] = candidate["url"]
        if original and original.get("url"):
            meta["original_url"] = original["url"]
        original_id = values["original_id"] or None if original_mode == "stored" else None
        if original_mode == "stored" and not original_id:
            raise DriftauditError("no stored original chosen", "pick one from the list, or give the original")
        if candidate is None:
            raise DriftauditError("the candidate text is empty", "paste the article, or give a file or URL")
        # the API's own validation of the inputs (exactly one of text, html, url each)
        body = AuditCreate.model_validate({"candidate": candidate, "original": original,
                                           "original_id": original_id, "metadata": meta})
        submission = Submission(candidate=body.candidate.as_input(),
                                original=body.original.as_input() if body.original else None,
                                original_id=body.original_id, metadata=body.metadata.model_dump(exclude_none=True))
        submitted = await run_in_threadpool(audit_service.submit, service_of(request), submission, user,
                                            request.app.state.workers_notify)
    except ValidationError as exc:
        first = exc.errors()[0] if exc.errors() else {"msg": str(exc), "loc": ()}
        where = ".".join(str(p) for p in first.get("loc", ()))
        return _new_form(request, 422, f"{where}: {first['msg']}" if where else str(first["msg"]), "", values)
    except DriftauditError as exc:
        return _new_form(request, status_of(exc), exc.message, exc.hint, values)
    return RedirectResponse(f"/audits/{submitted.audit.id}", 303)


# -- one audit --------------------------------------------------------------------------------
def _load(request: Request, audit_id: str) -> dict[str, Any] | None:
    """The audit as GET /v1/audits/{id} answers it (report and verdicts), or None."""
    store = store_of(request)
    audit = store.get_audit(audit_id)
    if audit is None:
        return None
    return audit_out(audit, store.verdicts([audit_id])[audit_id], str(request.base_url)).model_dump(mode="json")


@router.get("/audits/{audit_id}", response_class=HTMLResponse)
def review_page(request: Request, audit_id: str) -> Response:
    user = need_user(request)
    out = _load(request, audit_id)
    if out is None:
        return not_found(request, f"There is no audit {audit_id}.")
    meta = meta_of(out)
    original = store_of(request).get_original(out["original_id"]) if out["original_id"] else None
    common: dict[str, Any] = {"audit": out, "meta": meta, "title": out_title(out), "original": original}
    if out["status"] in UNFINISHED:
        return page(request, "progress.html", **common)
    if out["status"] in ("failed", "unmatched") or not out["report"]:
        return page(request, "outcome.html", **common)
    report = Report.model_validate(out["report"])
    groups = view.build_rows(report)
    reviews = view.review_map(out["review"])
    flags = {f.id: f for f in report.flags}
    order = [f for g in groups for f in g.flags if f in flags]
    order += [f for f in flags if f not in order]
    row_of = {f: g.key for g in groups for f in g.flags}
    links = {str(link.id): link.model_dump(include={"type", "similarity", "chrf", "bleu", "ter", "length_ratio",
                                                     "severity", "category", "flags"}) for link in report.links}
    data = {"audit": out["id"], "user": user, "renamable": not session_of(request).user,
            "flags": {fid: flags[fid].model_dump(mode="json") for fid in order},
            "order": order, "rowOf": row_of, "links": links, "review": reviews}
    counts = {s: report.summary.flags.get(s, 0) for s in ("critical", "major", "minor")}
    categories = sorted({f.category for f in flags.values()})
    reviewed = sum(1 for f in flags if (reviews.get(f) or {}).get("current"))
    return page(request, "review.html", **common, report=report, groups=groups, bars=view.chart(groups),
                data=data, counts=counts, categories=categories, reviewed=reviewed, flag_total=len(flags),
                reviews=reviews, flags=flags)


META_KEYS = ("title", "outlet", "source_language", "original_lang", "candidate_lang", "original_url", "candidate_url",
             "external_id", "submitted_by")


def meta_of(out: dict[str, Any]) -> dict[str, Any]:
    """The audit's metadata with every known key present (empty when not given)."""
    return dict.fromkeys(META_KEYS, "") | (out.get("metadata") or {})


def out_title(out: dict[str, Any]) -> str:
    meta = out.get("metadata") or {}
    report = out.get("report") or {}
    return str(meta.get("title") or (report.get("candidate") or {}).get("title") or "Untitled audit")


@router.get("/audits/{audit_id}/flags.csv")
def export_csv(request: Request, audit_id: str) -> Response:
    need_user(request)
    out = _load(request, audit_id)
    if out is None or not out["report"]:
        return not_found(request, f"There is no finished audit {audit_id}.")
    rows = view.flag_rows(Report.model_validate(out["report"]), view.review_map(out["review"]))
    return Response(view.flags_csv(rows), media_type="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="driftaudit-{audit_id}-flags.csv"', **PAGE_HEADERS})


@router.get("/audits/{audit_id}/flags.json")
def export_json(request: Request, audit_id: str) -> Response:
    need_user(request)
    out = _load(request, audit_id)
    if out is None or not out["report"]:
        return not_found(request, f"There is no finished audit {audit_id}.")
    report = Report.model_validate(out["report"])
    reviews = view.review_map(out["review"])
    flags = [f.model_dump(mode="json") | {"verdict": (reviews.get(f.id) or {}).get("current"),
                                          "history": (reviews.get(f.id) or {}).get("history", [])}
             for f in report.flags]
    body = {"audit": {"id": out["id"], "title": out_title(out), "metadata": out["metadata"],
                      "created_at": out["created_at"], "finished_at": out["finished_at"],
                      "summary": report.summary.model_dump(mode="json"), "signature": report.signature.get("short")},
            "flags": flags}
    return JSONResponse(body, headers={"Content-Disposition": f'attachment; filename="driftaudit-{audit_id}-flags.json"',
                                       **PAGE_HEADERS})


@router.get("/audits/{audit_id}/report", response_class=HTMLResponse)
def printable(request: Request, audit_id: str) -> Response:
    need_user(request)
    out = _load(request, audit_id)
    if out is None or not out["report"]:
        return not_found(request, f"There is no finished audit {audit_id}.")
    report = Report.model_validate(out["report"])
    flags = {f.id: f for f in report.flags}
    order = [f for g in view.build_rows(report) for f in g.flags if f in flags]  # the review table's order
    items = [(flags[f], view.Cell(flags[f].side, view.flag_sentences(report, flags[f]))) for f in order]
    return page(request, "report.html", audit=out, meta=meta_of(out), title=out_title(out), report=report,
                items=items, reviews=view.review_map(out["review"]), original=None,
                counts={s: report.summary.flags.get(s, 0) for s in ("critical", "major", "minor")})


# -- the corpus ---------------------------------------------------------------------------------
@router.get("/corpus", response_class=HTMLResponse)
def corpus_page(request: Request, q: str = "", page_no: int = 1) -> Response:
    need_user(request)
    return _corpus(request, q=q, page_no=page_no)


def _corpus(request: Request, q: str = "", page_no: int = 1, status: int = 200, error: str = "", hint: str = "",
            values: dict[str, str] | None = None) -> HTMLResponse:
    store = store_of(request)
    page_no = min(max(1, page_no), 10_000_000)  # a huge page number is an empty page, not a database error
    rows, total = store.list_originals(PAGE_SIZE, (page_no - 1) * PAGE_SIZE, q.strip()[:200] or None)
    audits = {r.id: len(store.audits_of_original(r.id)) for r in rows}
    pages = max(1, math.ceil(total / PAGE_SIZE))

    def link(n: int) -> str:
        return "/corpus?" + urlencode({k: v for k, v in {"q": q, "page_no": n}.items() if v not in ("", 1)})

    defaults = {"mode": "text", "text": "", "url": "", "title": "", "outlet": "", "source_url": ""}
    return page(request, "corpus.html", status, items=[original_out(r) for r in rows], total=total, q=q,
                audits=audits, error=error, hint=hint, v=defaults | (values or {}),
                prev_link=link(page_no - 1) if page_no > 1 else "",
                next_link=link(page_no + 1) if page_no < pages else "", page_no=page_no, pages=pages)


@router.post("/corpus", response_class=HTMLResponse)
async def corpus_add(request: Request) -> Response:
    need_user(request)
    form = await checked_form(request)
    values = {k: str(form.get(k) or "") for k in ("mode", "text", "title", "outlet", "source_url")}
    values["url"] = str(form.get("original_url") or "")
    mode = values["mode"] if values["mode"] in ("text", "file", "url") else "text"
    try:
        article = await _article(form, "original", mode) if mode != "text" else (
            {"text": values["text"]} if values["text"].strip() else None)
        if article is None:
            raise DriftauditError("the original's text is empty", "paste the article, or give a file or URL")
        meta = {k: values[k].strip() or None for k in ("title", "outlet", "source_url")}
        body = OriginalCreate(**article, **meta)  # the API's own validation
        row = await run_in_threadpool(corpus.add, service_of(request), body.as_input(), body.meta())
    except ValidationError as exc:
        first = exc.errors()[0] if exc.errors() else {"msg": str(exc)}
        return _corpus(request, status=422, error=str(first["msg"]), values=values)
    except DriftauditError as exc:
        return _corpus(request, status=status_of(exc), error=exc.message,
                       hint=exc.hint, values=values)
    return RedirectResponse(f"/corpus/{row.id}", 303)


@router.get("/corpus/{original_id}", response_class=HTMLResponse)
def original_page(request: Request, original_id: str) -> Response:
    need_user(request)
    store = store_of(request)
    row = store.get_original(original_id)
    if row is None:
        return not_found(request, f"There is no original {original_id}.")
    audits = store.audits_of_original(original_id)
    reviewed = store.reviewed_counts([a.id for a in audits])
    return page(request, "original.html", original=original_out(row), text=row.text,
                items=[summary_of(a, reviewed.get(a.id, 0)) for a in audits])


# -- glossary and suppression rules ------------------------------------------------------------
GLOSSARY_FIELDS = ("source", "target", "outlet", "severity", "note")


def _glossary(request: Request, outlet: str | None = None, status: int = 200, error: str = "", hint: str = "",
              notice: str = "", values: dict[str, str] | None = None) -> HTMLResponse:
    store = store_of(request)
    outlet = outlet.strip()[:200] if outlet and outlet.strip() else None
    defaults = {"source": "", "target": "", "outlet": outlet or "", "severity": "major", "note": ""}
    return page(request, "glossary.html", status, entries=store.glossary(outlet), rules=store.rules(outlet),
                outlet=outlet, outlets=store.outlets(), error=error, hint=hint, notice=notice,
                v=defaults | (values or {}))


@router.get("/glossary", response_class=HTMLResponse)
def glossary_page(request: Request, outlet: str = "") -> Response:
    need_user(request)
    return _glossary(request, outlet)


@router.get("/glossary.csv")
def glossary_csv(request: Request, outlet: str | None = None) -> Response:
    need_user(request)
    text = editorial.export_csv(store_of(request), outlet.strip()[:200] if outlet is not None else None)
    return Response(text, media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="glossary.csv"'})


@router.post("/glossary", response_class=HTMLResponse)
async def glossary_add(request: Request) -> Response:
    user = need_user(request)
    form = await checked_form(request)
    values = {k: str(form.get(k) or "") for k in GLOSSARY_FIELDS}
    try:
        await run_in_threadpool(editorial.add_entries, store_of(request), [values], user)
    except DriftauditError as exc:
        return _glossary(request, status=status_of(exc), error=exc.message, hint=exc.hint, values=values)
    return RedirectResponse("/glossary?" + urlencode({"outlet": values["outlet"].strip()}), 303)


@router.post("/glossary/import", response_class=HTMLResponse)
async def glossary_import(request: Request) -> Response:
    user = need_user(request)
    form = await checked_form(request)
    upload, outlet = form.get("file"), str(form.get("outlet") or "").strip()
    try:
        if not isinstance(upload, UploadFile):
            raise DriftauditError("no CSV file was sent", "choose a .csv file")
        raw = await upload.read(2_000_001)
        if len(raw) > 2_000_000:
            raise DriftauditError("the CSV is larger than 2 MB", "split it into several files")
        rows = await run_in_threadpool(editorial.import_csv, store_of(request), editorial.decode_csv(raw), user,
                                       outlet or None)
    except DriftauditError as exc:
        return _glossary(request, outlet, status=status_of(exc), error=exc.message, hint=exc.hint)
    return _glossary(request, outlet, notice=f"Imported {len(rows)} entries.")


@router.post("/glossary/{entry_id}/delete", response_class=HTMLResponse)
async def glossary_delete(request: Request, entry_id: RowId) -> Response:
    need_user(request)
    await checked_form(request)
    try:
        editorial.delete_entry(store_of(request), entry_id)
    except DriftauditError as exc:
        return _glossary(request, status=status_of(exc), error=exc.message, hint=exc.hint)
    return RedirectResponse("/glossary", 303)


@router.post("/rules/{rule_id}/delete", response_class=HTMLResponse)
async def rule_delete(request: Request, rule_id: RowId) -> Response:
    need_user(request)
    await checked_form(request)
    try:
        editorial.delete_rule(store_of(request), rule_id)
    except DriftauditError as exc:
        return _glossary(request, status=status_of(exc), error=exc.message, hint=exc.hint)
    return RedirectResponse("/glossary#rules", 303)


# -- outlets ------------------------------------------------------------------------------------
@router.get("/outlets/{outlet}", response_class=HTMLResponse)
def outlet_page(request: Request, outlet: str, days: int = 90) -> Response:
    need_user(request)
    return _outlet(request, outlet, days)


def _outlet(request: Request, outlet: str, days: int = 90, status: int = 200, error: str = "",
            hint: str = "") -> HTMLResponse:
    store = store_of(request)
    days = days if days in (7, 30, 90, 365) else 90
    t = trends.outlet_trends(store, outlet[:200], days)
    return page(request, "outlet.html", status, t=t, chart=trends.chart_svg(t),
                bucket_css=trends.BUCKET_CSS,
                rule=store.alert_rule(t.outlet), open_alert=store.open_alert(t.outlet), error=error, hint=hint)


@router.post("/outlets/{outlet}/alert", response_class=HTMLResponse)
async def outlet_alert(request: Request, outlet: str) -> Response:
    user = need_user(request)
    form = await checked_form(request)
    store = store_of(request)
    if form.get("action") == "delete":
        store.delete_alert_rule(outlet[:200])
        store.close_alerts(outlet[:200])
    else:
        try:
            values = AlertRuleIn(below=form.get("below") or 80, share=float(form.get("share_percent") or 10) / 100,
                                 days=form.get("days") or 7, min_audits=form.get("min_audits") or 5)
        except (ValidationError, ValueError) as exc:
            message = exc.errors()[0]["msg"] if isinstance(exc, ValidationError) and exc.errors() else str(exc)
            return _outlet(request, outlet, status=422, error=f"alert threshold: {message}")
        rule = alerts.set_rule(store, outlet, values.below, values.share, values.days, values.min_audits, user)
        alerts.check(store, rule.outlet, service_of(request).webhook_wake)
    return RedirectResponse(f"/outlets/{quote(outlet[:200])}", 303)


# -- webhooks -------------------------------------------------------------------------------------
def _webhooks(request: Request, status: int = 200, error: str = "", hint: str = "", secret: str = "",
              created_id: int | None = None) -> HTMLResponse:
    store = store_of(request)
    hooks = store.webhooks()
    return page(request, "webhooks.html", status, hooks=hooks, deliveries={h.id: store.deliveries(h.id, 20) for h in hooks},
                events=webhooks.EVENTS, error=error, hint=hint, secret=secret, created_id=created_id)


@router.get("/webhooks", response_class=HTMLResponse)
def webhooks_page(request: Request) -> Response:
    need_user(request)
    return _webhooks(request)


@router.post("/webhooks", response_class=HTMLResponse)
async def webhooks_add(request: Request) -> Response:
    user = need_user(request)
    form = await checked_form(request)
    try:
        row, secret = webhooks.create(store_of(request), str(form.get("url") or "").strip(),
                                      [str(e) for e in form.getlist("events")], user,
                                      allow=request.app.state.settings.fetch_allow)
    except DriftauditError as exc:
        return _webhooks(request, status=status_of(exc), error=exc.message, hint=exc.hint)
    return _webhooks(request, status=201, secret=secret, created_id=row.id)


@router.post("/webhooks/{webhook_id}/delete", response_class=HTMLResponse)
async def webhooks_delete(request: Request, webhook_id: RowId) -> Response:
    need_user(request)
    await checked_form(request)
    try:
        webhooks.delete(store_of(request), webhook_id)
    except DriftauditError as exc:
        return _webhooks(request, status=status_of(exc), error=exc.message, hint=exc.hint)
    return RedirectResponse("/webhooks", 303)


# -- watched pages -------------------------------------------------------------------------------
def _watches(request: Request, status: int = 200, error: str = "", hint: str = "") -> HTMLResponse:
    store = store_of(request)
    originals, _ = store.list_originals(200, 0)
    return page(request, "watches.html", status, items=store.watches(), originals=originals, error=error, hint=hint)


@router.get("/watches", response_class=HTMLResponse)
def watches_page(request: Request) -> Response:
    need_user(request)
    return _watches(request)


@router.post("/watches", response_class=HTMLResponse)
async def watches_add(request: Request) -> Response:
    user = need_user(request)
    form = await checked_form(request)
    fields = {k: str(form.get(k) or "").strip() for k in ("candidate_url", "original_id", "original_url", "outlet",
                                                          "every_minutes")}
    try:
        minutes = float(fields["every_minutes"] or 60)
        row = await run_in_threadpool(watches.create, service_of(request), fields | {"every_minutes": minutes}, user)
    except ValueError:
        return _watches(request, status=422, error="the interval is not a number of minutes")
    except DriftauditError as exc:
        return _watches(request, status=status_of(exc), error=exc.message, hint=exc.hint)
    return RedirectResponse(f"/watches/{row.id}", 303)


@router.post("/watches/{watch_id}/check", response_class=HTMLResponse)
async def watches_check(request: Request, watch_id: RowId) -> Response:
    need_user(request)
    await checked_form(request)
    service = service_of(request)
    row = service.store.get_watch(watch_id)
    if row is None:
        return not_found(request, f"There is no watch {watch_id}.")
    await run_in_threadpool(watches.check, service, row, request.app.state.workers_notify)
    return RedirectResponse(f"/watches/{watch_id}", 303)


@router.get("/watches/{watch_id}", response_class=HTMLResponse)
def watch_page(request: Request, watch_id: RowId) -> Response:
    need_user(request)
    service = service_of(request)
    row = service.store.get_watch(watch_id)
    if row is None:
        return not_found(request, f"There is no watch {watch_id}.")
    return page(request, "watch.html", w=row, **watches.history(service, row))


# -- wiring ---------------------------------------------------------------------------------------
def install(app: FastAPI) -> None:
    """Add the dashboard to the app: its pages, static files, sessions and error pages."""
    app.state.web_cache = Cached(5.0)
    app.include_router(router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    def live_key_prefixes(scope: Any) -> set[str]:
        state = scope["app"].state
        store = state.service.store
        return state.web_cache.get("key_prefixes", lambda: {k.prefix for k in store.list_keys() if not k.revoked_at})

    # Added before the app's other middleware, so innermost: they see every request, the routes
    # see the session.
    app.add_middleware(SessionMiddleware, settings=app.state.settings, live_key_prefixes=live_key_prefixes)

    @app.exception_handler(LoginNeeded)
    async def _login(_: Request, exc: LoginNeeded) -> Response:
        return RedirectResponse("/login?" + urlencode({"next": exc.path}), 303)

    @app.exception_handler(CsrfFailed)
    async def _csrf(request: Request, _: CsrfFailed) -> Response:
        return page(request, "message.html", 403, title="This form expired",
                    message="The form's security token did not match your session.",
                    hint="Go back, reload the page and send the form again.")
