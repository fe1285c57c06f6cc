"""Deadlines: the date a duty is due, with its precision; recurring and open times recognised."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}

RECURRING = re.compile(r"hằng\s+(?:năm|tháng|quý|tuần|ngày)|hàng\s+(?:năm|tháng|quý|tuần)|định\s+kỳ|thường\s+xuyên|"
                       r"hằng năm|liên tục|các năm tiếp theo|giai đoạn\s+\d{4}\s*[-–]\s*\d{4}|đến năm \d{4} và", re.I)
PERIOD = re.compile(r"(?:số liệu|kỳ báo cáo|thời gian|thời điểm)\s*(?:tính|lấy)?\s*(?:từ|tính từ)\s", re.I)

_DAY = r"(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{4})"
_DAY_WORDS = r"ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})"
_MONTH = r"tháng\s*(\d{1,2})\s*(?:/|năm)\s*(\d{4})"
_QUARTER = r"quý\s*(IV|III|II|I|[1-4])\s*(?:/|năm)\s*(\d{4})"
_HALF = r"(6|sáu)\s*tháng\s*(đầu|cuối)\s*năm\s*(\d{4})"
_YEAR = r"(?:trong\s+|hoàn thành\s+(?:trong\s+)?|cuối\s+)?năm\s*(\d{4})"



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
    t = text.strip()
    if not t or RECURRING.search(t):
        return None
    if re.search(r"\d{4}\s*[-–]\s*\d{4}", t) and not re.search(r"quý|tháng|\d{1,2}/\d{1,2}/\d{4}", t, re.I):
        return None  # multi-year span
    hits = _candidates(t)
    if not hits:
        m = re.fullmatch(r"\s*(\d{4})\s*\.?", t)
        if m:
            return DeadlineHit(f"{m.group(1)}-12-31", "year", t, 0, len(t))
        return None
    if re.search(r"\btừ\b", t, re.I) and len(hits) == 1 and not re.search(r"đến|[-–]", t):
        return None  # a start time alone
    return max(hits, key=lambda h: h.end)


def find_deadline(text: str) -> DeadlineHit | None:
    """The deadline stated inside a duty's text, if any."""
    if not text:
        return None
    for m in re.finditer(r"(trước ngày|chậm nhất(?: là)?(?: ngày| đến ngày| trước ngày| vào ngày)?|hoàn thành(?: trước| trong| xong| chậm nhất)?(?: ngày)?|"
                         r"thời (?:gian|hạn)(?: hoàn thành| thực hiện)?\s*:|xong trước|trong (?:tháng|quý|năm)|đến hết|"
                         r"tiến độ\s*:)", text, re.I):
        tail = text[m.start(): m.end() + 60]
        if RECURRING.search(tail[: len(m.group(0)) + 30]):
            continue
        hits = [h for h in _candidates(tail) if h.start <= len(m.group(0)) + 12]
        if not hits:
            continue
        hit = hits[0]
        # a span "từ … đến …" ends at its second date
        later = [h for h in _candidates(tail) if h.start > hit.start]
        if later and re.match(r"\s*(đến|[-–])\s*", tail[hit.end: later[0].start]):
            hit = later[0]
        hit.start += m.start()
        hit.end += m.start()
        hit.text = text[m.start(): hit.end]
        if PERIOD.search(text[max(0, m.start() - 40): m.start()]):
            continue
        return hit
    return None
