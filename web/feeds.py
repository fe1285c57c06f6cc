"""What people take away from the web app, beyond the pages: calendar feeds at readable addresses
(/lich/<place>/<agency>.ics, from the configured public base URL), the trackers' sheets of one
agency (Biểu 01, the weekly / quarterly report) and the import sheet of every duty (/xuat/…)."""
from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response

from ..graph import trackers
from ..graph.calendar import feed_filename, feed_path, slug

router = APIRouter()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _state(request: Request):
    return request.app.state.kehoach


def _place(jurisdiction: str | None) -> str | None:
    from .app import _place as place

    return place(jurisdiction)


def feed_url(request: Request, agency: str, where: str | None) -> str:
    """The subscription address: the public base URL when one is configured (phones cannot reach
    127.0.0.1), signed with the feed's own key when the app asks for a password."""
    state = _state(request)
    path = feed_path(agency, where)
    if state.config.password:
        from . import security

        path += "?k=" + security.sign(state.secret, "ics", path)
    base = state.config.public_url or str(request.base_url).rstrip("/")
    return base + path


def _resolve_feed(request: Request, place_slug: str, agency_slug: str) -> tuple[str, str | None]:
    """The agency and place a feed's address names (slugs of a spelling and a place of the store)."""
    state = _state(request)
    with state.lock:
        duties = state.corpus().duties()
    for d in duties:
        place = _place(d.agency.jurisdiction)
        if slug(d.agency_name) == agency_slug and (slug(place or "") or "toan-quoc") == place_slug:
            return d.agency_name, place
    if place_slug == "toan-quoc":
        for d in duties:
            if slug(d.agency_name) == agency_slug:
                return d.agency_name, None
    raise HTTPException(404, "Không có lịch của cơ quan này ở địa bàn này.")


@router.get("/lich/{place_slug}/{agency_slug}.ics", tags=["cơ quan"], response_class=Response,
            responses={200: {"content": {"text/calendar": {}}}})
def calendar_feed(request: Request, place_slug: str, agency_slug: str):
    """An agency's deadlines in one place as an iCalendar feed: one all-day event per dated duty,
    reminders 7, 3 and 1 days before, stable UIDs and a SEQUENCE that grows when a duty changes."""
    agency, where = _resolve_feed(request, place_slug, agency_slug)
    state = _state(request)
    with state.lock:
        data = state.corpus().calendar(agency, where, url=feed_url(request, agency, where).split("?")[0])
    return Response(data, media_type="text/calendar; charset=utf-8",
                    headers={"Content-Disposition": f'inline; filename="{feed_filename(agency, where)}"'})


def _as_of(value: str) -> dt.date:
    from .app import _as_of as parse

    return parse(value)


def _send(data: bytes, media: str, name: str) -> Response:
    from .app import _attachment

    return Response(data, media_type=media, headers={"Content-Disposition": _attachment(name)})


@router.get("/co-quan/bieu-01.{fmt}", include_in_schema=False)
def bieu01(request: Request, fmt: str, ten: str, in_: str = Query("", alias="in"), as_of: str = ""):
    if fmt not in {"xlsx", "docx"}:
        raise HTTPException(404, "Biểu 01 có dạng .xlsx và .docx")
    state, day = _state(request), _as_of(as_of)
    with state.lock:
        corpus = state.corpus()
        rows = corpus.checklist(ten, in_ or None, as_of=day)
        parties = trackers.task_parties(corpus.duties())
    title = f"{ten} ({in_})" if in_ else ten
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"bieu01.{fmt}"
        (trackers.bieu01_xlsx if fmt == "xlsx" else trackers.bieu01_docx)(title, rows, day, out, parties)
        data = out.read_bytes()
    return _send(data, XLSX if fmt == "xlsx" else DOCX, f"Biểu 01 {slug(title)} {day:%d-%m-%Y}.{fmt}")


@router.get("/co-quan/bao-cao.docx", include_in_schema=False)
def period_report(request: Request, ten: str, in_: str = Query("", alias="in"), as_of: str = "",
                  ky: str = "week"):
    if ky not in trackers.PERIODS:
        raise HTTPException(400, "Kỳ báo cáo là tuần (week) hoặc quý (quarter).")
    state, day = _state(request), _as_of(as_of)
    with state.lock:
        corpus = state.corpus()
        duties = corpus.tasks(ten, in_ or None)
        parties = trackers.task_parties(corpus.duties())
    span = trackers.period_of(ky, day)
    title = f"{ten} ({in_})" if in_ else ten
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "bao-cao.docx"
        trackers.report_docx(title, duties, span, out, parties)
        data = out.read_bytes()
    kind = "tuan" if ky == "week" else "quy"
    return _send(data, DOCX, f"Báo cáo {kind} {slug(title)} {span.end:%d-%m-%Y}.docx")


@router.get("/xuat/nhiem-vu.xlsx", include_in_schema=False)
def import_sheet(request: Request, as_of: str = ""):
    state, day = _state(request), _as_of(as_of)
    with state.lock:
        duties = state.corpus().duties()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "nhiem-vu.xlsx"
        trackers.import_xlsx(duties, day, out)
        data = out.read_bytes()
    return _send(data, XLSX, f"nhiem-vu-{day:%d-%m-%Y}.xlsx")
