"""Deadlines: the date a duty is due, with its precision; recurring and open times recognised.

A time phrase is read after its lines are joined ("Quý" / "IV năm 2025 và các năm tiếp theo" is one phrase);
recurring times ("hằng năm", "định kỳ", "thường xuyên"), open or multi-year spans ("… và các năm tiếp theo",
"giai đoạn 2026–2030"), times relative to an event, reporting periods, a start time alone and a scheduled
event's clock time give no due date wherever they fall in the phrase; a bounded span's end is its due date.
The phrase vocabulary is data: nlp/data/deadlines.json.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from .vocab import alternation, table

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_V = table("deadlines")

RECURRING = re.compile("|".join([alternation(_V["recurring"] + _V["open_spans"])] + _V["open_patterns"]), re.I)
_RELATIVE = re.compile(alternation(_V["relative"]), re.I)
_EVENT = re.compile(_V["event_pattern"], re.I)
PERIOD = re.compile(rf"(?:{alternation(_V['periods'])})\s", re.I)
_CUE = re.compile(f"(?:{alternation(_V['cues'])})", re.I)
_JOINER = "|".join(re.escape(j) for j in _V["span_joiners"])

_DAY = r"(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{4})"
_DAY_WORDS = r"ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})"
_MONTH = r"tháng\s*(\d{1,2})\s*(?:/|năm)\s*(\d{4})"
_QUARTER = rf"(?:{alternation(_V['quarter_words'])})\s*(IV|III|II|I|[1-4])\s*(?:/|-|–|năm)\s*(\d{{4}})"
_HALF = r"(6|sáu)\s*tháng\s*(đầu|cuối)\s*năm\s*(\d{4})"
_YEAR = r"(?:trong\s+|hoàn thành\s+(?:trong\s+)?|cuối\s+)?năm\s*(\d{4})"


def join_phrase(text: str) -> str:
    """A time phrase with its line breaks joined ("Quý\nIV năm 2025" → "Quý IV năm 2025"), one character for
    one, so that positions in it are positions in the text."""
    return re.sub(r"[\r\n\t\f\v]", " ", text or "")


def no_due_date(phrase: str) -> bool:
    """The phrase names a time with no due date: recurring, open, relative to an event, or a clock time."""
    return bool(RECURRING.search(phrase) or _RELATIVE.search(phrase) or _EVENT.search(phrase))


@dataclass
class DeadlineHit:
    date: str
    precision: str
    text: str
    start: int
    end: int


def _last_day(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _valid(y: int, m: int, d: int) -> bool:
    return 1 <= m <= 12 and 1 <= d <= _last_day(y, m) and 1990 <= y <= 2100


def _candidates(text: str) -> list[DeadlineHit]:
    hits: list[DeadlineHit] = []
    for pat in (_DAY, _DAY_WORDS):
        for m in re.finditer(pat, text, re.I):
            d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
            if _valid(y, mo, d):
                hits.append(DeadlineHit(f"{y:04d}-{mo:02d}-{d:02d}", "day", m.group(0), m.start(), m.end()))
    for m in re.finditer(_MONTH, text, re.I):
        mo, y = int(m.group(1)), int(m.group(2))
        if _valid(y, mo, 1) and not _inside(hits, m):
            hits.append(DeadlineHit(f"{y:04d}-{mo:02d}-{_last_day(y, mo):02d}", "month", m.group(0), m.start(), m.end()))
    # "tháng 11 - 12/2025", "Tháng 11 – 12/2025": a span ending in a month
    for m in re.finditer(r"tháng\s*(\d{1,2})\s*[-–]\s*(\d{1,2})\s*/\s*(\d{4})", text, re.I):
        mo, y = int(m.group(2)), int(m.group(3))
        if _valid(y, mo, 1):
            hits.append(DeadlineHit(f"{y:04d}-{mo:02d}-{_last_day(y, mo):02d}", "month", m.group(0), m.start(), m.end()))
    for m in re.finditer(r"(?<![\d/])(\d{1,2})\s*/\s*(\d{4})(?![\d/])", text):
        mo, y = int(m.group(1)), int(m.group(2))
        if _valid(y, mo, 1) and not _inside(hits, m) and re.search(r"tháng\s*$", text[max(0, m.start() - 8):m.start()], re.I):
            hits.append(DeadlineHit(f"{y:04d}-{mo:02d}-{_last_day(y, mo):02d}", "month", m.group(0), m.start(), m.end()))
    for m in re.finditer(_QUARTER, text, re.I):
        q, y = _ROMAN[m.group(1).lower()], int(m.group(2))
        mo = q * 3
        hits.append(DeadlineHit(f"{y:04d}-{mo:02d}-{_last_day(y, mo):02d}", "quarter", m.group(0), m.start(), m.end()))
    for m in re.finditer(_HALF, text, re.I):
        y = int(m.group(3))
        date = f"{y:04d}-06-30" if m.group(2).lower() == "đầu" else f"{y:04d}-12-31"
        hits.append(DeadlineHit(date, "half", m.group(0), m.start(), m.end()))
    for m in re.finditer(_YEAR, text, re.I):
        y = int(m.group(1))
        if 1990 <= y <= 2100 and not _inside(hits, m):
            hits.append(DeadlineHit(f"{y:04d}-12-31", "year", m.group(0), m.start(), m.end()))
    hits.sort(key=lambda h: h.start)
    return hits


def _inside(hits: list[DeadlineHit], m: re.Match[str]) -> bool:
    return any(h.start <= m.start() < h.end or m.start() <= h.start < m.end() for h in hits)


def parse_time_cell(text: str) -> DeadlineHit | None:
    """A time column or 'Thời gian hoàn thành: …' value: the end of the span it names."""
    t = join_phrase(text).strip()
    if not t or no_due_date(t):
        return None
    hits = _candidates(t)
    if not hits:
        m = re.fullmatch(r"\s*(\d{4})\s*\.?", t)
        if m:
            return DeadlineHit(f"{m.group(1)}-12-31", "year", t, 0, len(t))
        return None
    if re.search(r"\btừ\b", t, re.I) and len(hits) == 1 and not re.search(rf"\s(?:{_JOINER})\s|[-–]", t):
        return None  # a start time alone
    return max(hits, key=lambda h: h.end)


def find_deadline(text: str) -> DeadlineHit | None:
    """The deadline stated inside a duty's text, if any."""
    if not text:
        return None
    text = join_phrase(text)
    for m in _CUE.finditer(text):
        tail = text[m.start(): m.end() + 60]
        hits = [h for h in _candidates(tail) if h.start <= len(m.group(0)) + 12]
        if not hits:
            continue
        hit = hits[0]
        # a span "từ … đến …" ends at its second date
        later = [h for h in _candidates(tail) if h.start > hit.start]
        spans = bool(later and re.match(rf"\s*(?:{_JOINER})\s*", tail[hit.end: later[0].start]))
        if spans:
            hit = later[0]
        # the phrase: from the cue to its date and what qualifies it, up to the clause's end
        phrase = re.split(r"[;.,](?:\s|$)", tail[hit.end:], maxsplit=1)[0]
        if no_due_date(tail[: hit.end] + phrase[:30]):
            continue
        if not spans and re.search(r"\btừ\b", tail[len(m.group(0)): hit.start], re.I):
            continue  # "từ ngày 01/7/2025" alone is a start
        if PERIOD.search(text[max(0, m.start() - 40): m.start()]):
            continue
        hit.start += m.start()
        hit.end += m.start()
        hit.text = text[m.start(): hit.end]
        return hit
    return None
