"""`kehoach serve`: the office's web app (FastAPI + Jinja2, plain forms, one small script for the
progress bar). It reads and writes the same store as the CLI, through the same API (batch/api.py, store/corpus.py).

Pages: Nạp văn bản (upload → background batch → live progress), Tra cứu (who), Cơ quan (one
agency's checklist, XLSX/DOCX, calendar feed), Văn bản (one plan, its picture, each duty's
source), So sánh (function × jurisdiction), and a JSON API under /api (OpenAPI at /docs); the pages
where a person reviews duties, records progress and deletes documents are in review.py.
Document text is data: Jinja autoescapes everything and no template marks document text safe.
"""
from __future__ import annotations

import datetime as dt
import secrets
from collections import Counter
import tempfile
import threading
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Form, HTTPException, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException  # what request.form() gives (FastAPI's is a subclass)
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, select_autoescape
from pydantic import BaseModel, Field

from ..store import corpus as api
from ..graph.identity import plan_id
from ..graph.labels import (CUE_LABELS, JOB_STATE_LABELS, MODE_LABELS, QUALITY_CODES, SUBKIND_LABELS, ZONE_LABELS, date_vi, file_status_label, http_error_label,
                            issue_label, not_found_label, reason_label)
from ..graph.queries import ROLE_LABELS, STATUS_LABELS, NotFound
from ..models import Duty, Plan
from ..models.review import PROGRESS_LABELS, REVIEW_LABELS
from ..models.text import number_key
from . import feeds, review, security
from ..graph.calendar import feed_path
from .jobs import BatchSettings, JobRunner
from .security import is_loopback  # noqa: F401  (the CLI checks the host with it)
from .uploads import UploadLimits, UploadResult, store_upload

STATIC = Path(__file__).parent / "static"


@dataclass
class WebConfig:
    corpus: Path  # a batch output folder: kehoach.db, plans/, report.csv
    password: str | None = None  # asked on every page when set
    data: Path | None = None  # uploads and the key; default <corpus>/web
    limits: UploadLimits = field(default_factory=UploadLimits)
    workers: int = 1
    timeout: float | None = 600.0
    ocr: str = "auto"
    public_url: str | None = None  # the address phones reach the app at (calendar subscription links)
    folder_roots: tuple[Path, ...] = ()  # folders of this machine the folder import may read; none: it is off


class AppState:
    def __init__(self, config: WebConfig) -> None:
        from ..store import SQLiteStore

        self.config = config
        self.corpus_dir = Path(config.corpus)
        self.data = Path(config.data or self.corpus_dir / "web")
        self.secret = security.load_secret(self.data)
        SQLiteStore(self.corpus_dir / "kehoach.db").close()  # an empty store, so every page can open it
        self.lock = threading.RLock()
        self._corpus: api.Corpus | None = None
        self.sessions: set[str] = set()  # signed-in session ids (password mode)
        self.jobs = JobRunner(self.corpus_dir, self.data,
                              BatchSettings(workers=config.workers, timeout=config.timeout, ocr=config.ocr),
                              on_change=self.invalidate)

    def corpus(self) -> api.Corpus:
        with self.lock:
            if self._corpus is None:
                self._corpus = api.open_corpus(self.corpus_dir)
            else:
                self._corpus.refresh_if_changed()  # a batch or the CLI wrote to the store meanwhile
            return self._corpus

    def forget_uploads(self, paths: list[str]) -> None:
        """Deleted or replaced uploads: their copy in the inbox goes, and so does their file record."""
        gone = [p for p in paths if (self.jobs.inbox / p).is_file()]
        for p in gone:
            (self.jobs.inbox / p).unlink()
        store = getattr(self.corpus().source, "reviews", None)
        if store is not None and gone:
            store.forget_files(gone)

    def folder_allowed(self, folder: Path) -> bool:
        """Inside one of the folders named when the server started (links resolved first)."""
        here = folder.resolve()
        return any(here.is_relative_to(Path(root).resolve()) for root in self.config.folder_roots)

    def invalidate(self) -> None:
        with self.lock:
            if self._corpus is not None:
                conn = getattr(self._corpus.source, "conn", None)
                if conn is not None:
                    conn.close()
            self._corpus = None


# --- JSON API models ------------------------------------------------------------------------

class PlanSummary(BaseModel):
    id: str
    uploaded_as: str | None = None  # the name of the file as it was uploaded
    number: str | None
    doc_type: str | None
    title: str | None
    date: str | None
    issuer: str | None
    jurisdiction: str | None
    tasks: int
    status: str


class JobFileStatus(BaseModel):
    name: str = Field(description="the file's name as uploaded (or its path in the pointed folder)")
    rel: str = Field(description="its identity in the store: a generated name for uploads")
    status: str = Field(description="queued | ok | partial | failed | skipped, as `kehoach batch` reports")
    status_label: str | None = Field(default=None, description="the status in words, as the pages show it")
    reason: str | None = Field(default=None, description="issue codes with their messages: 'code: message; …'")
    reason_label: str | None = Field(default=None, description="the reason in words, as the pages show it")
    pages: int | None = None
    seconds: float | None = None
    plan_id: str | None = None


class JobStatus(BaseModel):
    id: str
    state: str = Field(description="queued | running | done | failed")
    state_label: str | None = None
    created: float
    total: int
    done: int
    files: list[JobFileStatus]
    refused: list[dict[str, str]] = Field(description="files refused before the batch: name and reason")
    error: str | None = None
    elapsed: float | None = None


class AgencyResult(BaseModel):
    name: str
    key: str
    jurisdiction: str | None
    score: float
    duties: list[Duty]


class ChecklistItem(BaseModel):
    status: str
    status_label: str
    duty: Duty


class CompareCell(BaseModel):
    jurisdiction: str
    lead: int
    support: int
    earliest_deadline: str | None


class CompareRow(BaseModel):
    function: str
    label: str
    cells: list[CompareCell]


class CompareResult(BaseModel):
    subject: str
    plans: list[PlanSummary]
    jurisdictions: list[str]
    rows: list[CompareRow]
    differences: list[str]


def _labelled(job: dict) -> dict:
    """A job's snapshot with the words the pages show beside its codes (the codes stay)."""
    job = dict(job, state_label=JOB_STATE_LABELS.get(job["state"], job["state"]))
    job["files"] = [dict(f, status_label=file_status_label(f["status"]), reason_label=reason_label(f.get("reason")))
                    for f in job["files"]]
    job["refused"] = [dict(r, reason_label=reason_label(r.get("reason"))) for r in job["refused"]]
    return job


def _summary(p: Plan, names: dict[str, str] | None = None) -> PlanSummary:
    d = p.document
    return PlanSummary(id=plan_id(p), uploaded_as=(names or {}).get(plan_id(p)), number=d.number, doc_type=d.doc_type,
                       title=d.title, date=d.date, issuer=d.issuer,
                       jurisdiction=d.jurisdiction.label if d.jurisdiction else None, tasks=len(p.tasks),
                       status=str(getattr(p.status, "value", p.status)))


def _place(jurisdiction: str | None) -> str | None:
    """The narrowest named place of an agency's jurisdiction key ("Lai Châu/Tam Đường" → "Tam Đường")."""
    parts = [p for p in (jurisdiction or "").split("/") if p and p not in {"*", "?", "TW"}]
    return parts[-1] if parts else None


def _as_of(value: str | None) -> dt.date:
    """A day from a form: the date field's YYYY-MM-DD, or dd/mm/yyyy as people type it."""
    if not value:
        return dt.date.today()
    try:
        if "/" in value:
            day, month, year = (int(x) for x in value.split("/"))
            return dt.date(year, month, day)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise HTTPException(400, "Ngày phải có dạng dd/mm/yyyy, ví dụ 01/03/2026.")


def _attachment(name: str) -> str:
    import re

    from ..models.text import fold

    ascii_name = re.sub(r"[^A-Za-z0-9._-]+", "-", fold(name)).strip("-") or "tep"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{urllib.parse.quote(name)}"


# --- the app --------------------------------------------------------------------------------

def create_app(config: WebConfig) -> FastAPI:
    from fastapi_offline import FastAPIOffline

    state = AppState(config)
    # FastAPIOffline: /docs (Swagger UI) and /redoc from files the package ships — the browser has no CDN
    app: FastAPI = FastAPIOffline(title="kehoach", version="0.1.0",
                                  description="Kế hoạch → ai chịu trách nhiệm việc gì, khi nào. "
                                              "JSON API of the office web app.")
    app.state.kehoach = state
    env = Environment(loader=PackageLoader("kehoach.web", "templates"), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["ngay"] = date_vi
    env.globals.update(ROLE_LABELS=ROLE_LABELS, STATUS_LABELS=STATUS_LABELS, place=_place, issue_label=issue_label,
                       QUALITY_CODES=QUALITY_CODES, file_status_label=file_status_label,
                       JOB_STATE_LABELS=JOB_STATE_LABELS,
                       uploaded=lambda pid: state.jobs.names.get(pid),
                       quote=lambda s: urllib.parse.quote(s or "", safe=""),
                       REVIEW_LABELS=REVIEW_LABELS, PROGRESS_LABELS=PROGRESS_LABELS,
                       ZONE_LABELS=ZONE_LABELS, MODE_LABELS=MODE_LABELS, CUE_LABELS=CUE_LABELS,
                       SUBKIND_LABELS=SUBKIND_LABELS)
    env.filters["vndate"] = review.vndate
    templates = Jinja2Templates(env=env)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    def page(request: Request, name: str, status_code: int = 200, **ctx: Any) -> HTMLResponse:
        ctx.update(request=request, csrf=security.sign(state.secret, "csrf", request.state.sid),
                   password=bool(config.password), nav=name.split(".")[0])
        ctx.setdefault("person", review.person_of(request))
        return templates.TemplateResponse(request, name, ctx, status_code=status_code)

    def check_csrf(request: Request, token: str | None) -> None:
        if not security.same(token, security.sign(state.secret, "csrf", request.state.sid)):
            raise HTTPException(403, "Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ (CSRF). "
                                     "Hãy tải lại trang.")


    # --- sessions, password, headers ------------------------------------------------------
    @app.middleware("http")
    async def guard(request: Request, call_next):
        sid = request.cookies.get(security.SESSION_COOKIE)
        fresh = not sid
        request.state.sid = sid or secrets.token_urlsafe(24)
        path = request.url.path
        open_path = path == "/dang-nhap" or path.startswith("/static/")
        if config.password and not open_path and request.state.sid not in state.sessions:
            feed = path.startswith("/lich/") and path.endswith(".ics")  # phones have no session: the link is signed
            if not (feed and security.same(request.query_params.get("k"), security.sign(state.secret, "ics", path))):
                if path.startswith("/api/") or path == "/openapi.json":
                    response: Response = JSONResponse({"detail": "Cần đăng nhập"}, status_code=401)
                else:
                    target = path + (f"?{request.url.query}" if request.url.query else "")
                    response = RedirectResponse("/dang-nhap?next=" + urllib.parse.quote(target, safe=""), status_code=303)
                return _headers(response, request, fresh, path)
        response = await call_next(request)
        return _headers(response, request, fresh, path)

    def _headers(response: Response, request: Request, fresh: bool, path: str) -> Response:
        response.headers["Content-Security-Policy"] = security.CSP_DOCS if path in {"/docs", "/redoc"} else security.CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["X-Frame-Options"] = "DENY"
        if fresh:
            response.set_cookie(security.SESSION_COOKIE, request.state.sid, httponly=True, samesite="strict")
        return response

    @app.exception_handler(StarletteHTTPException)  # FastAPI's HTTPException and the router's 404 / 405 alike
    async def http_error(request: Request, exc: StarletteHTTPException):
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return page(request, "error.html", status_code=exc.status_code,
                    message=http_error_label(exc.status_code, exc.detail))

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound):
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(exc), "suggestions": exc.suggestions}, status_code=404)
        return page(request, "error.html", status_code=404, message=not_found_label(exc.what, exc.query),
                    suggestions=exc.suggestions, what=exc.what)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError):
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": jsonable_encoder(exc.errors())}, status_code=422)
        return page(request, "error.html", status_code=422, message=http_error_label(422, ""))

    @app.exception_handler(ValueError)
    async def bad_value(request: Request, exc: ValueError):
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(exc)}, status_code=400)
        return page(request, "error.html", status_code=400, message=http_error_label(400, ""))

    @app.get("/dang-nhap", response_class=HTMLResponse, include_in_schema=False)
    def login_form(request: Request, next: str = "/"):
        return page(request, "login.html", next=next if next.startswith("/") and not next.startswith("//") else "/")

    @app.post("/dang-nhap", include_in_schema=False)
    def login(request: Request, password: str = Form(""), csrf: str = Form(""), next: str = Form("/")):
        check_csrf(request, csrf)
        if not config.password or not security.same(password, config.password):
            return page(request, "login.html", status_code=401, next=next, error="Mật khẩu không đúng.")
        sid = secrets.token_urlsafe(24)  # a new session id on sign-in
        state.sessions.add(sid)
        target = next if next.startswith("/") and not next.startswith("//") else "/"
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(security.SESSION_COOKIE, sid, httponly=True, samesite="strict")
        return response

    # --- Nạp văn bản --------------------------------------------------------------------------
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request):
        corpus = state.corpus()
        with state.lock:
            plans = [_summary(p, state.jobs.names) for p in corpus.plans()]
        jobs = sorted(state.jobs.jobs.values(), key=lambda j: -j.created)[:10]
        return page(request, "upload.html", plans=plans, jobs=jobs, limits=config.limits,
                    allow_folder=bool(config.folder_roots), folder_roots=[str(r) for r in config.folder_roots])

    @app.post("/nap", include_in_schema=False)
    async def upload(request: Request):
        form = await request.form(max_files=config.limits.max_files + 1, max_fields=20)
        try:
            check_csrf(request, form.get("csrf") if isinstance(form.get("csrf"), str) else None)
            folder = form.get("folder")
            if isinstance(folder, str) and folder.strip():
                if not config.folder_roots:
                    raise HTTPException(403, "Máy chủ này không cho nạp theo thư mục (người quản trị bật bằng "
                                             "kehoach serve --folder-root THƯ_MỤC).")
                path = Path(folder.strip()).expanduser()
                if not state.folder_allowed(path):
                    raise HTTPException(403, f"Không được nạp thư mục “{folder.strip()}”: chỉ được nạp trong các thư mục "
                                             f"{', '.join(str(r) for r in config.folder_roots)}.")
                if not path.is_dir():
                    raise HTTPException(400, "Không có thư mục này trên máy.")
                job = state.jobs.submit_folder(path)
                return RedirectResponse(f"/nap/{job.id}", status_code=303)
            files = [f for f in form.getlist("files") if isinstance(f, UploadFile) and (f.filename or f.size)]
            if not files:
                raise HTTPException(400, "Chưa chọn tệp nào.")
            if len(files) > config.limits.max_files:
                raise HTTPException(400, f"Tối đa {config.limits.max_files} tệp mỗi lần nạp.")
            job_id, incoming = state.jobs.new_upload_folder()
            result = UploadResult()
            for f in files:
                store_upload(f.file, f.filename, incoming, config.limits, result)
            job = state.jobs.submit_upload(job_id, [(a.name, a.stored) for a in result.accepted],
                                           [{"name": r.name, "reason": r.reason} for r in result.refused])
            return RedirectResponse(f"/nap/{job.id}", status_code=303)
        finally:
            await form.close()

    @app.get("/nap/{job_id}", response_class=HTMLResponse, include_in_schema=False)
    def job_page(request: Request, job_id: str):
        job = state.jobs.snapshot(job_id)
        if job is None:
            raise HTTPException(404, "Không có lượt nạp này.")
        return page(request, "job.html", job=_labelled(job))

    @app.get("/api/jobs/{job_id}", tags=["nạp"])
    def job_status(job_id: str) -> JobStatus:
        """One batch's progress: state, counts and each file's status and reason (as `kehoach batch` reports)."""
        job = state.jobs.snapshot(job_id)
        if job is None:
            raise HTTPException(404, "Không có lượt nạp này.")
        return _labelled(job)

    # --- Tra cứu ------------------------------------------------------------------------------
    def who(q: str, limit: int) -> list[AgencyResult]:
        from ..graph.directory import owners_first

        with state.lock:
            ranked = owners_first(state.corpus().who(q, limit=0), limit or None)
        return [AgencyResult(name=a.name, key=a.agency.key, jurisdiction=a.agency.jurisdiction, score=round(a.score, 3),
                             duties=a.duties) for a in ranked]

    @app.get("/tra-cuu", response_class=HTMLResponse, include_in_schema=False)
    def who_page(request: Request, q: str = "", trang: int = 1):
        from ..graph.directory import highlight

        results = who(q, 0) if q.strip() else []
        shown, at = _paged(results, trang, RESULTS_PER_PAGE)
        return page(request, "who.html", q=q, results=shown, total=len(results), at=at,
                    last=max(1, -(-len(results) // RESULTS_PER_PAGE)), marks=lambda text: highlight(text, q))

    @app.get("/api/who", tags=["tra cứu"])
    def api_who(q: str = Query(..., description='words of the duty, diacritics optional: "vay von"'),
                limit: int = 10) -> list[AgencyResult]:
        """Agencies owning duties that match the words, best first, with their matching duties."""
        return who(q, limit)

    # --- Cơ quan ------------------------------------------------------------------------------
    def agency_rows(ten: str, where: str | None, as_of: dt.date, plan: str | None, status: str | None):
        with state.lock:
            corpus = state.corpus()
            everywhere = corpus.tasks(ten)
            rows = corpus.checklist(ten, where or None, as_of=as_of)
        places = sorted({p for d in everywhere if (p := _place(d.agency.jurisdiction))})
        plans = sorted({(r.duty.plan_id, r.duty.plan_number or r.duty.plan_id) for r in rows}, key=lambda x: x[1])
        if plan:
            rows = [r for r in rows if r.duty.plan_id == plan]
        if status:
            rows = [r for r in rows if r.status == status]
        return rows, places, plans

    @app.get("/co-quan", response_class=HTMLResponse, include_in_schema=False)
    def agency_page(request: Request, ten: str = "", in_: str = Query("", alias="in"), as_of: str = "",
                    plan: str = "", status: str = "", trang: int = 1):
        if not ten.strip():
            from ..graph.directory import directory

            with state.lock:
                duties = state.corpus().duties()
            listing = directory(duties, _place)
            pages, at = _paged(listing, trang, AGENCIES_PER_PAGE)
            return page(request, "agencies.html", agencies=pages, total=len(listing), at=at,
                        last=max(1, -(-len(listing) // AGENCIES_PER_PAGE)))
        day = _as_of(as_of)
        rows, places, plans = agency_rows(ten, in_, day, plan, status)
        counts = {s: sum(r.status == s for r in rows) for s in STATUS_LABELS}
        params = urllib.parse.urlencode({k: v for k, v in {"ten": ten, "in": in_, "as_of": day.isoformat(),
                                                            "plan": plan, "status": status}.items() if v})
        url = feeds.feed_url(request, ten, in_ or None)
        feed = url[len(config.public_url or str(request.base_url).rstrip("/")):]
        with state.lock:
            proposals = state.corpus().report_proposals(ten, in_ or None)
        here = "/co-quan?" + urllib.parse.urlencode({k: v for k, v in {"ten": ten, "in": in_, "as_of": as_of,
                                                                         "plan": plan, "status": status}.items() if v})
        return page(request, "agency.html", ten=ten, where=in_, as_of=day.isoformat(), plan=plan, status=status,
                    rows=rows, places=places, plans=plans, counts=counts, params=params, feed=feed,
                    feed_url=url, public_url=config.public_url, proposals=proposals, here=here)

    @app.get("/co-quan/tai-ve.{fmt}", include_in_schema=False)
    def agency_download(fmt: str, ten: str, in_: str = Query("", alias="in"), as_of: str = "", plan: str = "",
                        status: str = ""):
        from ..graph import reports

        if fmt not in {"xlsx", "docx"}:
            raise HTTPException(404, "Chỉ có .xlsx và .docx")
        day = _as_of(as_of)
        rows, _, _ = agency_rows(ten, in_, day, plan, status)
        title = f"{ten} ({in_})" if in_ else ten
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / f"checklist.{fmt}"
            (reports.checklist_xlsx if fmt == "xlsx" else reports.checklist_docx)(title, rows, day, out)
            data = out.read_bytes()
        media = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}[fmt]
        return Response(data, media_type=media,
                        headers={"Content-Disposition": _attachment(f"{title} {day.isoformat()}.{fmt}")})

    @app.get("/calendar/{agency:path}.ics", include_in_schema=False)
    def old_calendar_feed(agency: str, in_: str = Query("", alias="in")):
        """Feeds moved to readable addresses (/lich/<place>/<agency>.ics)."""
        return RedirectResponse(feed_path(agency, in_ or None), status_code=301)

    @app.get("/api/agency", tags=["cơ quan"])
    def api_agency(ten: str = Query(..., description="agency name, any spelling"),
                   in_: str = Query("", alias="in", description="only agencies serving this place"),
                   as_of: str = Query("", description="YYYY-MM-DD, default today"), plan: str = "",
                   status: str = Query("", description="done_early | done_on_time | done_late | done | overdue | due_soon "
                                                       "| open | no_deadline")) -> list[ChecklistItem]:
        """One agency's duties across plans with status as of a date."""
        rows, _, _ = agency_rows(ten, in_, _as_of(as_of), plan, status)
        return [ChecklistItem(status=r.status, status_label=r.status_label, duty=r.duty) for r in rows]

    # --- Văn bản ------------------------------------------------------------------------------
    def plan_of(pid: str) -> Plan:
        with state.lock:
            return state.corpus().plan(pid)

    @app.get("/van-ban", response_class=HTMLResponse, include_in_schema=False)
    def plans_page(request: Request):
        with state.lock:
            plans = [_summary(p, state.jobs.names) for p in state.corpus().plans()]
        return page(request, "plans.html", plans=plans)

    @app.get("/van-ban/{pid}", response_class=HTMLResponse, include_in_schema=False)
    def plan_page(request: Request, pid: str):
        from ..graph.duties import plan_duties

        p = plan_of(pid)
        with state.lock:
            known = {number_key(q.document.number): plan_id(q) for q in state.corpus().plans() if q.document.number}
        lanes = _lanes(plan_duties(p))
        return page(request, "plan.html", plan=p, pid=plan_id(p), lanes=lanes, known=known, number_key=number_key)

    @app.get("/van-ban/{pid}/akn.xml", include_in_schema=False)
    def plan_akn(pid: str):
        with state.lock:
            data = state.corpus().akn(pid)
        return Response(data, media_type="application/akn+xml",
                        headers={"Content-Disposition": _attachment(f"{pid}.akn.xml")})

    @app.get("/van-ban/{pid}/nguon/{task}", response_class=HTMLResponse, include_in_schema=False)
    def source_page(request: Request, pid: str, task: int):
        from . import provenance

        p = plan_of(pid)
        if not 0 <= task < len(p.tasks):
            raise HTTPException(404, "Không có nhiệm vụ này trong văn bản.")
        t = p.tasks[task]
        with state.lock:
            path = state.corpus().source_file(plan_id(p))
        prov = t.provenance
        kind, text = "missing", None
        if path is not None and prov is not None:
            if provenance.is_pdf(path) and prov.page:
                kind = "pdf"
            else:
                text = provenance.text_source(path, prov)
                kind = "text" if text else "missing"
        return page(request, "source.html", plan=p, pid=plan_id(p), task=t, index=task, prov=prov, kind=kind,
                    text=text)

    @app.get("/van-ban/{pid}/nguon/{task}/trang.png", include_in_schema=False)
    def source_png(pid: str, task: int):
        from . import provenance

        p = plan_of(pid)
        if not 0 <= task < len(p.tasks) or p.tasks[task].provenance is None:
            raise HTTPException(404, "Không có nhiệm vụ này")
        prov = p.tasks[task].provenance
        with state.lock:
            path = state.corpus().source_file(plan_id(p))
        if path is None or not provenance.is_pdf(path) or not prov.page:
            raise HTTPException(404, "Không có trang PDF gốc")
        return Response(provenance.page_png(path, prov.page, prov), media_type="image/png")

    @app.get("/truy-vet", response_class=HTMLResponse, include_in_schema=False)
    def trace_page(request: Request, so: str):
        with state.lock:
            node, up, down = state.corpus().trace(so)
            known = {number_key(q.document.number): plan_id(q) for q in state.corpus().plans() if q.document.number}
        return page(request, "trace.html", so=so, node=node, up=up, down=down, known=known, number_key=number_key)

    @app.get("/api/plans", tags=["văn bản"])
    def api_plans() -> list[PlanSummary]:
        """Every plan in the store."""
        with state.lock:
            return [_summary(p, state.jobs.names) for p in state.corpus().plans()]

    @app.get("/api/plans/{pid}", tags=["văn bản"])
    def api_plan(pid: str) -> Plan:
        """One plan as `kehoach parse` writes it (by id or số ký hiệu)."""
        return plan_of(pid)

    # --- So sánh ------------------------------------------------------------------------------
    def comparison(basis: str, topic: str) -> CompareResult:
        with state.lock:
            c = state.corpus().compare(basis=basis or None, topic=topic or None)
        rows = [CompareRow(function=f, label=c.function_labels[f], cells=[
            CompareCell(jurisdiction=j, lead=c.lead.get((f, j), 0), support=c.support.get((f, j), 0),
                        earliest_deadline=c.deadlines.get((f, j))) for j in c.jurisdictions]) for f in c.functions]
        return CompareResult(subject=c.subject, plans=[_summary(p, state.jobs.names) for p in c.plans],
                             jurisdictions=c.jurisdictions,
                             rows=rows, differences=c.differences)

    @app.get("/so-sanh", response_class=HTMLResponse, include_in_schema=False)
    def compare_page(request: Request, basis: str = "", topic: str = ""):
        from ..graph.queries import cited_bases

        with state.lock:
            plans = state.corpus().plans()
        cited = cited_bases(plans)
        bases = list(cited)
        result = comparison(basis, topic) if (basis.strip() or topic.strip()) and not (basis and topic) else None
        top = max([c.lead for r in (result.rows if result else []) for c in r.cells] or [1])
        return page(request, "compare.html", basis=basis, topic=topic, bases=bases, cited=cited, result=result,
                    heat=lambda n: 0 if not n else min(5, 1 + (4 * n) // max(1, top)))

    @app.get("/api/compare", tags=["so sánh"])
    def api_compare(basis: str = Query("", description='a cited number, e.g. "49/2020/NĐ-CP"'),
                    topic: str = Query("", description="words of the plans' titles")) -> CompareResult:
        """How jurisdictions organise the same basis or topic: duties led / supported per function."""
        if bool(basis) == bool(topic):
            raise HTTPException(400, "give basis or topic")
        return comparison(basis, topic)

    app.include_router(feeds.router)
    app.include_router(review.review_router(state, page, check_csrf))
    app.add_middleware(security.BodyLimit, limit=config.limits.max_total_bytes)
    app.router.on_shutdown.append(state.jobs.stop)
    return app


AGENCIES_PER_PAGE = 50
RESULTS_PER_PAGE = 8


def _paged(items: list, page_no: int, size: int) -> tuple[list, int]:
    """One page of a long list (1-based, clamped)."""
    last = max(1, -(-len(items) // size))
    at = min(max(1, page_no), last)
    return items[(at - 1) * size: at * size], at


def _lanes(duties: list[Duty]) -> list[dict]:
    """The plan's picture as lanes: one per agency (owners first, most duties first), each with
    its duties in plan order — readable where a bipartite drawing would be a hairball."""
    lanes: dict[str, dict] = {}
    for d in duties:
        lane = lanes.setdefault(d.agency.key, {"name": d.agency_name, "group": d.agency.is_group, "items": [],
                                               "lead": 0, "support": 0})
        lane["items"].append(d)
        lane["lead" if d.role != "support" else "support"] += 1
    return sorted(lanes.values(), key=lambda l: (-l["lead"], -l["support"], l["name"]))
