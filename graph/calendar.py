"""Deadlines as an iCalendar (RFC 5545) file or feed: one all-day event per dated duty.

UIDs are a hash of the plan, the task and the agency's role in it, so importing the file again
(or a phone re-reading the feed) updates the events instead of adding copies.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence

from .queries import ROLE_LABELS
from .review import progress_note
from ..models import Duty

PRODID = "-//kehoach//Lịch thời hạn nhiệm vụ//VI"
UID_DOMAIN = "kehoach.local"


def duty_uid(d: Duty) -> str:
    key = f"{d.plan_id}\x1f{d.task_index}\x1f{d.agency.key}\x1f{d.role}"
    return f"{hashlib.sha256(key.encode()).hexdigest()[:32]}@{UID_DOMAIN}"


def _summary(text: str, width: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _description(d: Duty) -> str:
    lines = [f"Văn bản: {d.plan_number or d.plan_id}" + (f" — {d.plan_title}" if d.plan_title else ""),
             f"Cơ quan: {d.agency_name}" + (f" ({d.jurisdiction})" if d.jurisdiction else ""),
             f"Vai trò: {ROLE_LABELS[d.role]}"]
    if d.deadline_text:
        lines.append(f"Thời hạn (nguyên văn): {d.deadline_text}")
    where = [p for p in (d.section and f"mục {d.section}", d.page and f"trang {d.page}") if p]
    lines.append("Nguồn: " + ", ".join([d.plan_id] + where))
    if d.progress is not None:
        lines.append(f"Tiến độ: {progress_note(d.progress)}")
    lines.append("")
    lines.append(" ".join(d.text.split()))
    return "\n".join(lines)


def duties_calendar(duties: Sequence[Duty], *, name: str, stamp: dt.datetime | None = None) -> bytes:
    """The calendar of the dated duties (undated and recurring ones have no single day).
    ``stamp`` fixes DTSTAMP (tests); it defaults to now, in UTC."""
    from icalendar import Calendar, Event

    stamp = stamp or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"Thời hạn nhiệm vụ — {name}")
    seen: set[str] = set()
    for d in sorted(duties, key=lambda d: (d.deadline or "", d.plan_id, d.task_index, d.role)):
        if not d.deadline:
            continue
        uid = duty_uid(d)
        if uid in seen:
            continue
        seen.add(uid)
        day = dt.date.fromisoformat(d.deadline)
        ev = Event()
        ev.add("uid", uid)
        ev.add("dtstamp", stamp)
        ev.add("dtstart", day)  # a DATE value: an all-day event
        ev.add("dtend", day + dt.timedelta(days=1))
        done = "✓ " if d.progress is not None and d.progress.state == "done" else ""
        ev.add("summary", f"{done}[{ROLE_LABELS[d.role]}] {_summary(d.text)}")
        ev.add("description", _description(d))
        ev.add("categories", [ROLE_LABELS[d.role]])
        ev.add("transp", "TRANSPARENT")
        cal.add_component(ev)
    return cal.to_ical()
