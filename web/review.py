"""The pages where a person writes: review a plan's duties (least sure first), correct, remove or add
one, record where an agency stands on a duty, accept a report as its answer, delete a document.

Every POST carries the page's CSRF token; every save names the revision it started from, and a save
that comes after someone else's is refused with their change shown (HTTP 409), never merged silently.
Who saves is the name the person typed (kept in a cookie to fill the next form)."""
from __future__ import annotations

import datetime as dt
import urllib.parse
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from ..graph.identity import plan_id
from ..graph.review import ReviewError, deadline_of, read_day, task_state
from ..models import (AssignedAgency, Deadline, Plan, ProgressRecord, ReportProposal, ReviewItem, ReviewRecord,
                      TaskCorrection)
from ..store.review import StaleRevision

if TYPE_CHECKING:
    from .app import AppState

PERSON_COOKIE = "kh_nguoi"
EMPTY_AGENCY_ROWS = 3  # blank rows in the task form, to add agencies
ROLES = ("lead", "support", "requested")
STATES = ("not_started", "in_progress", "done")


def vndate(value: Any) -> str:
    """dd/mm/yyyy for a date or an ISO date string (anything else as it is)."""
    if isinstance(value, dt.datetime):
        return f"{value.astimezone():%d/%m/%Y %H:%M}"
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, str) and len(value) == 10:
        try:
            return f"{dt.date.fromisoformat(value):%d/%m/%Y}"
        except ValueError:
            pass
    return value or ""


def person_of(request: Request) -> str:
    return urllib.parse.unquote(request.cookies.get(PERSON_COOKIE, ""))


def _local(target: str | None, default: str) -> str:
    """Only a path of this site is a place to go back to."""
    return target if target and target.startswith("/") and not target.startswith("//") else default


def _text(form, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def _revision(form) -> int | None:
    value = _text(form, "revision")
    return int(value) if value.isdigit() else None


def _agencies(form) -> list[AssignedAgency]:
    """The agency rows of the task form: a name with a role; a row with no role is taken out."""
    out: list[AssignedAgency] = []
    for i in range(200):
        if f"ten_{i}" not in form:
            break
        name, role = " ".join(_text(form, f"ten_{i}").split()), _text(form, f"vai_{i}")
        if name and role in ROLES:
            out.append(AssignedAgency(name=name[:300], role=role))  # type: ignore[arg-type]
    return out


def _task_form(form) -> TaskCorrection:
    text = " ".join(_text(form, "noi_dung").split())
    if not text:
        raise ReviewError("Nội dung nhiệm vụ không được để trống.")
    deadline = deadline_of(read_day(_text(form, "han")), _text(form, "han_chu"))
    return TaskCorrection(kind="edited", text=text[:20_000], deadline=deadline, agencies=_agencies(form))


def _draft(form) -> TaskCorrection | None:
    """What the person typed, to show again with the reason it was refused (a date it cannot read is
    kept as written)."""
    text = " ".join(_text(form, "noi_dung").split())[:20_000]
    written = _text(form, "han_chu") or _text(form, "han")
    return TaskCorrection(kind="edited", text=text, deadline=Deadline(text=written, kind="open") if written else None,
                          agencies=_agencies(form)) if text else None


def review_router(state: "AppState", page: Callable[..., HTMLResponse],
                  check_csrf: Callable[[Request, str | None], None]) -> APIRouter:
    router = APIRouter()

    def corpus():
        return state.corpus()

    def plan_of(pid: str) -> Plan:
        with state.lock:
            return corpus().plan(pid)

    def saved(target: str, request: Request, by: str) -> RedirectResponse:
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(PERSON_COOKIE, urllib.parse.quote(by), httponly=True, samesite="strict",
                            max_age=365 * 24 * 3600)
        return response

    async def posted(request: Request):
        form = await request.form(max_files=0, max_fields=1000)
        check_csrf(request, form.get("csrf") if isinstance(form.get("csrf"), str) else None)
        return form

    # --- the review queue of a plan ---------------------------------------------------------------
    @router.get("/van-ban/{pid}/duyet", response_class=HTMLResponse, include_in_schema=False)
    def review_form(request: Request, pid: str, sau: int | None = None):
        return review_page(request, pid, sau=sau)

    def review_page(request: Request, pid: str, *, sau: int | None = None, error: str | None = None,
                    status_code: int = 200, values: dict | None = None):
        p = plan_of(pid)
        with state.lock:
            items = corpus().review_queue(plan_id(p))
            unmatched = corpus().unmatched(plan_id(p))
        done = sum(1 for it in items if it.review)
        return page(request, "review.html", status_code=status_code, plan=p, pid=plan_id(p), items=items,
                    unmatched=unmatched, done=done, after=sau, person=person_of(request), error=error,
                    values=values or {}, roles=ROLES)

    @router.post("/van-ban/{pid}/them", include_in_schema=False)
    async def add_task(request: Request, pid: str):
        form = await posted(request)
        by = _text(form, "nguoi")
        after = _text(form, "sau")
        try:
            text = " ".join(_text(form, "noi_dung").split())
            role = _text(form, "vai") if _text(form, "vai") in ROLES else "lead"
            agencies = [AssignedAgency(name=n, role=role) for n in  # type: ignore[arg-type]
                        (" ".join(x.split()) for x in _text(form, "ten").split(";")) if n]
            if not text or not agencies:
                raise ReviewError("Nhiệm vụ bổ sung cần nội dung và ít nhất một cơ quan.")
            due = deadline_of(read_day(_text(form, "han")), _text(form, "han_chu"))
            with state.lock:
                record = corpus().add_task(pid, text, agencies, by=by, deadline=due,
                                           after=int(after) if after.isdigit() else None)
        except ReviewError as exc:
            return review_page(request, pid, error=str(exc), status_code=400,
                               values={k: _text(form, k) for k in ("noi_dung", "ten", "vai", "han", "han_chu")})
        return saved(f"/van-ban/{urllib.parse.quote(pid)}#nv-{record.task_index}", request, by)

    @router.post("/van-ban/{pid}/xac-nhan", include_in_schema=False)
    async def confirm_task(request: Request, pid: str):
        """The review page's one form: the person's name, and a button per task to confirm it."""
        form = await posted(request)
        by = _text(form, "nguoi")
        task = _text(form, "xac_nhan")
        if not task.isdigit():
            raise HTTPException(400, "Chưa chọn nhiệm vụ để xác nhận.")
        rev = _text(form, f"rev_{task}")
        try:
            with state.lock:
                corpus().confirm(pid, int(task), by=by, revision=int(rev) if rev.isdigit() else None)
        except StaleRevision as exc:
            return review_page(request, pid, error=str(exc), status_code=409)
        except ReviewError as exc:
            return review_page(request, pid, error=str(exc), status_code=400)
        return saved(f"/van-ban/{urllib.parse.quote(pid)}/duyet#nv-{task}", request, by)

    # --- one task ------------------------------------------------------------------------------------
    def task_page(request: Request, pid: str, task: int, *, error: str | None = None, status_code: int = 200,
                  mine: TaskCorrection | None = None, theirs: ReviewRecord | None = None, back: str | None = None):
        p = plan_of(pid)
        if not 0 <= task < len(p.tasks):
            raise HTTPException(404, "Không có nhiệm vụ này trong văn bản.")
        with state.lock:
            record = corpus().review_record(pid, task)
            history = corpus().review_history(pid, task)
        shown = mine or task_state(p.tasks[task])
        return page(request, "review_task.html", status_code=status_code, plan=p, pid=plan_id(p), index=task,
                    task=p.tasks[task], shown=shown, blank=EMPTY_AGENCY_ROWS,
                    revision=(theirs or record).revision if (theirs or record) else 0, history=history,
                    person=person_of(request), error=error, theirs=theirs, roles=ROLES,
                    back=_local(back, f"/van-ban/{urllib.parse.quote(plan_id(p))}#nv-{task}"))

    @router.get("/van-ban/{pid}/nhiem-vu/{task}", response_class=HTMLResponse, include_in_schema=False)
    def task_form(request: Request, pid: str, task: int, next: str | None = None):
        return task_page(request, pid, task, back=next)

    @router.post("/van-ban/{pid}/nhiem-vu/{task}", include_in_schema=False)
    async def save_task(request: Request, pid: str, task: int):
        form = await posted(request)
        by = _text(form, "nguoi")
        back = _text(form, "next")
        mine = None
        try:
            mine = _task_form(form)
            if _text(form, "action") == "loai-bo":
                mine = mine.model_copy(update={"agencies": []})
            with state.lock:
                corpus().correct(pid, task, mine, by=by, revision=_revision(form))
        except StaleRevision as exc:
            return task_page(request, pid, task, error=str(exc), status_code=409, mine=mine,
                             theirs=exc.current if isinstance(exc.current, ReviewRecord) else None, back=back)
        except ReviewError as exc:
            return task_page(request, pid, task, error=str(exc), status_code=400, mine=mine or _draft(form), back=back)
        return saved(_local(back, f"/van-ban/{urllib.parse.quote(pid)}#nv-{task}"), request, by)

    # --- progress -------------------------------------------------------------------------------------
    def progress_page(request: Request, pid: str, task: int, agency: str, *, error: str | None = None,
                      status_code: int = 200, theirs: ProgressRecord | None = None, back: str | None = None,
                      values: dict | None = None):
        p = plan_of(pid)
        if not 0 <= task < len(p.tasks):
            raise HTTPException(404, "Không có nhiệm vụ này trong văn bản.")
        with state.lock:
            try:
                record = corpus().progress(pid, task, agency)
                history = corpus().progress_history(pid, task, agency)
            except ReviewError as exc:
                raise HTTPException(404, str(exc))
        return page(request, "progress.html", status_code=status_code, plan=p, pid=plan_id(p), index=task,
                    task=p.tasks[task], record=theirs or record, history=history, person=person_of(request),
                    error=error, theirs=theirs, states=STATES, values=values or {},
                    back=_local(back, f"/van-ban/{urllib.parse.quote(plan_id(p))}#nv-{task}"))

    @router.get("/tien-do/{pid}/{task}", response_class=HTMLResponse, include_in_schema=False)
    def progress_form(request: Request, pid: str, task: int, co_quan: str, next: str | None = None):
        return progress_page(request, pid, task, co_quan, back=next)

    @router.post("/tien-do/{pid}/{task}", include_in_schema=False)
    async def save_progress(request: Request, pid: str, task: int):
        form = await posted(request)
        by, agency, back = _text(form, "nguoi"), _text(form, "co_quan"), _text(form, "next")
        values = {k: _text(form, k) for k in ("trang_thai", "ngay", "so_bao_cao", "ngay_bao_cao", "ghi_chu")}
        try:
            st = values["trang_thai"] if values["trang_thai"] in STATES else "not_started"
            with state.lock:
                corpus().set_progress(pid, task, agency, st, by=by,  # type: ignore[arg-type]
                                      changed_on=read_day(values["ngay"]),
                                      report_number=values["so_bao_cao"][:100] or None,
                                      report_date=read_day(values["ngay_bao_cao"]),
                                      note=values["ghi_chu"][:2000] or None, revision=_revision(form))
        except StaleRevision as exc:
            return progress_page(request, pid, task, agency, error=str(exc), status_code=409, back=back,
                                 theirs=exc.current if isinstance(exc.current, ProgressRecord) else None,
                                 values=values)
        except ReviewError as exc:
            return progress_page(request, pid, task, agency, error=str(exc), status_code=400, back=back,
                                 values=values)
        return saved(_local(back, f"/van-ban/{urllib.parse.quote(pid)}#nv-{task}"), request, by)

    @router.post("/bao-cao/ghi-nhan", include_in_schema=False)
    async def accept_report(request: Request):
        form = await posted(request)
        by = _text(form, "nguoi") or person_of(request)
        try:
            proposal = ReportProposal.model_validate_json(_text(form, "de_xuat"))
            with state.lock:
                corpus().accept_report(proposal, by=by)
        except ReviewError as exc:
            raise HTTPException(400, str(exc))
        except ValueError:
            raise HTTPException(400, "Đề xuất không hợp lệ. Hãy tải lại trang.")
        return saved(_local(_text(form, "next"), "/co-quan"), request, by)

    # --- deleting a document ---------------------------------------------------------------------------
    @router.get("/van-ban/{pid}/xoa", response_class=HTMLResponse, include_in_schema=False)
    def delete_form(request: Request, pid: str):
        p = plan_of(pid)
        with state.lock:
            items = corpus().review_queue(plan_id(p))
        reviewed = sum(1 for it in items if it.review)
        return page(request, "delete.html", plan=p, pid=plan_id(p), reviewed=reviewed, person=person_of(request))

    @router.post("/van-ban/{pid}/xoa", include_in_schema=False)
    async def delete_plan(request: Request, pid: str):
        form = await posted(request)
        by = _text(form, "nguoi")
        try:
            with state.lock:
                report = corpus().delete(pid, by=by)
                state.forget_uploads(report.files)
        except ReviewError as exc:
            raise HTTPException(400, str(exc))
        return saved("/van-ban", request, by)

    # --- JSON ------------------------------------------------------------------------------------------
    @router.get("/api/plans/{pid}/review", tags=["duyệt"])
    def api_review(pid: str) -> list[ReviewItem]:
        """The plan's tasks in the order to review them: least sure first (where the parser gives a
        confidence), reviewed ones last, each with the revision a save must name."""
        with state.lock:
            return corpus().review_queue(pid)

    @router.get("/api/plans/{pid}/unmatched", tags=["duyệt"])
    def api_unmatched(pid: str) -> list[ReviewRecord]:
        """Corrections and statuses of the plan whose task its current parse no longer has."""
        with state.lock:
            return corpus().unmatched(pid)

    @router.get("/api/plans/{pid}/gold", tags=["duyệt"])
    def api_gold(pid: str) -> dict:
        """The reviewed plan in the gold format of shared/eval: a reviewed document becomes a test case."""
        with state.lock:
            return corpus().gold(pid)

    @router.get("/api/progress/{pid}/{task}", tags=["tiến độ"])
    def api_progress(pid: str, task: int, agency: str) -> list[ProgressRecord]:
        """The history of an agency's status on a duty (the last entry is the current one)."""
        with state.lock:
            try:
                return corpus().progress_history(pid, task, agency)
            except ReviewError as exc:
                raise HTTPException(404, str(exc))

    return router
