"""Deadlines as an iCalendar (RFC 5545) file or feed: one all-day event per dated duty, with
reminders 7, 3 and 1 days before (VALARM), as the provincial trackers remind.

UIDs are a hash of the plan, the task and the agency's role in it, so importing the file again
(or a phone re-reading the feed) updates the events instead of adding copies; when a duty's
content changes (a corrected deadline or text), its event keeps the UID and its SEQUENCE goes up
(the store keeps uid → content hash → sequence, ``Sequencer``).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Sequence

from .queries import ROLE_LABELS
from .review import progress_note
from ..models import Duty

PRODID = "-//kehoach//Lịch thời hạn nhiệm vụ//VI"
UID_DOMAIN = "kehoach.local"
REMINDER_DAYS = (7, 3, 1)  # the trackers' reminders before a deadline
FEED_PREFIX = "/lich"

Sequencer = Callable[[str, str], int]  # (uid, content hash) → SEQUENCE: 0 at first, +1 whenever the hash changes


def slug(text: str) -> str:
    """ASCII words joined by '-': "Công an tỉnh" → "cong-an-tinh" (a readable address part)."""
    from ..models.text import fold

    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:80]


def feed_path(agency: str, place: str | None) -> str:
    """The feed's address, readable and unique per agency and place: /lich/hung-yen/cong-an-tinh.ics."""
    return f"{FEED_PREFIX}/{slug(place or '') or 'toan-quoc'}/{slug(agency) or 'co-quan'}.ics"


def feed_filename(agency: str, place: str | None) -> str:
    return f"{slug(agency) or 'co-quan'}-{slug(place or '') or 'toan-quoc'}.ics"


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


def content_hash(d: Duty) -> str:
    """What an event shows: a change of any of it is a new SEQUENCE of the same event."""
    return hashlib.sha256("\x1f".join([d.deadline or "", _summary(d.text), _description(d)]).encode()).hexdigest()[:24]


def _alarms(event, d: Duty) -> None:
    from icalendar import Alarm

    for days in REMINDER_DAYS:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", dt.timedelta(days=-days))  # before the start of the all-day event
        alarm.add("description", f"Còn {days} ngày đến hạn: {_summary(d.text, 120)}")
        event.add_component(alarm)


def duties_calendar(duties: Sequence[Duty], *, name: str, stamp: dt.datetime | None = None,
                    sequence: Sequencer | None = None, url: str | None = None) -> bytes:
    """The calendar of the dated duties (undated and recurring ones have no single day), each with
    three reminders. ``stamp`` fixes DTSTAMP (tests; default now, UTC); ``sequence`` numbers each
    event's versions (default 0); ``url`` is the feed's public address (URL and SOURCE, RFC 7986)."""
    from icalendar import Calendar, Event

    stamp = stamp or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", f"Thời hạn nhiệm vụ — {name}")
    cal.add("name", f"Thời hạn nhiệm vụ — {name}")
    if url:
        cal.add("url", url)
        cal.add("source", url)
        cal.add("refresh-interval", dt.timedelta(hours=12), parameters={"VALUE": "DURATION"})
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
        ev.add("sequence", sequence(uid, content_hash(d)) if sequence else 0)
        _alarms(ev, d)
        cal.add_component(ev)
    return cal.to_ical()
