"""Cited documents: numbers in all their shapes, types, dates, aliases, unnumbered laws."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..models.text import vi_pattern
from .agencies import find_agencies
from .vocab import alternation, code_to_type, doc_type_names

# 49/2020/NĐ-CP, 1492/KH-CAT-PC10, 0124/KH-UBND, 42/2024/QH15, 92/2009/TT- BTC, 1050/QĐ-SCT, 15972/SXD-QLN& TTBĐS
_NUMBERED = (
    r"(?<![\w/])(?P<num>\d{1,5}[a-z]?(?:\.\d+)?"
    r"(?:/\d{4})?"
    r"/[A-ZĐ][A-Za-zĐđ0-9&]*(?:\s?[-–]\s?[A-ZĐ0-9](?:[A-Za-zĐđ0-9]|&(?!\s))*(?:&\s[A-ZĐ][A-Za-zĐđ0-9]*)?)*"
    r"(?:/[A-ZĐ0-9][A-Za-zĐđ0-9&]*(?:[-–][A-ZĐ0-9][A-Za-zĐđ0-9&]*)*)?)"
)
# Party documents: 57-NQ/TW, 14-KH/TU, 20-CT/TU, 34-NQ/TU
# the type codes are data (nlp/data/doc_types.json), party documents add a few of their own
_PARTY_CODES = alternation(list(code_to_type()) + ["QĐi", "CTr", "KHHĐ", "HĐ", "HD"])
_PARTY = rf"(?<![\w/])(?P<party>\d{{1,4}}-(?:{_PARTY_CODES})/[A-ZĐ][A-Za-zĐđ0-9]*)"
NUMBER_RE = re.compile(f"{_PARTY}|{_NUMBERED}")

_TYPES = alternation(doc_type_names())
_TYPE_BEFORE = re.compile(rf"(?P<type>{_TYPES})\s*(?:số\s*)?[:]?\s*$", re.IGNORECASE)
_DATE_AFTER = re.compile(r"^\s*,?\s*(?:ngày|ban hành ngày)\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{4})"
                         r"|^\s*,?\s*ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})", re.IGNORECASE)
# capitalised words, and the lower-case second syllables of the central bodies' names (Quốc hội, Chính phủ)
_ISSUER_AFTER = re.compile(vi_pattern(r"^[^;.]{0,40}?\bcủa\s+(?P<issuer>(?:[[:upper:]][\w]*(?:\s+(?:hội|phủ)\b)?\s*){1,8})"))
_ISSUER_ENDS = re.compile(r"\s+(?:về|quy định|hướng dẫn|ban hành|sửa đổi|phê duyệt|tại|đã|trong|và|cho)\b|[,;(]")


def _issuer_after(after: str) -> str | None:
    """The body after "… của": the whole agency name ("Bộ Công an", "Chính phủ"), not its capitalised words
    alone ("Bộ Công" of "Bộ Công an về …")."""
    im = _ISSUER_AFTER.match(after)
    if not im:
        return None
    rest = _ISSUER_ENDS.split(after[im.start("issuer"): im.start("issuer") + 160])[0]
    mentions = find_agencies(rest)
    if mentions and mentions[0].start == 0:
        return mentions[0].name
    return im.group("issuer").strip()


_ALIAS = re.compile(r"\((?:sau đây|dưới đây)?\s*(?:gọi|viết)\s*tắt\s*(?:là)?\s*:?\s*(?P<alias>[^)]{2,80})\)", re.IGNORECASE)

# Unnumbered laws: "Luật Thi hành án hình sự", "Luật Ngân sách Nhà nước", "Bộ luật Hình sự".
# every "Luật" starts a candidate, also inside an amending law's list (lookahead: matches overlap)
_LAW = re.compile(r"(?<!\w)(?<!Hội\s)(?<!hội\s)(?=(?P<law>(?:Bộ\s+luật|Luật)\s+(?P<body>[^\W\d_][^;:()\n]{1,400})))")
# "Luật sửa đổi, bổ sung một số điều của Luật A, Luật B và Luật C" is one law with its whole list
_AMENDING = re.compile(r"(?i)^sửa đổi,?\s+bổ sung")
_AMENDING_STOP = re.compile(r"\s+(?:ngày|được|đã)\b|\s+số\s*\d|[;(]|\.\s|\s*[.;]\s*$")
_LAW_STOP = re.compile(
    r"(?<!một)\s+(?:số|ngày|năm|về|của|theo|tại|để|được|đã|có|hiện hành|quy định|và các|và Nghị|và Luật|và văn bản|"
    r"trong|đối với|nhằm|sửa đổi|thì|khi|do|từ|đến|này|là|các văn bản|với|cho|trên|và khoản|và điều|"
    r"và pháp luật|và các|hướng dẫn|quy định)\b|\.\s+|\s*[,.;]\s*$"
)
_TCVN = re.compile(r"(?<!\w)(?P<std>(?:TCVN|QCVN)\s*\d+[\w:\-.]*\d)")


@dataclass
class Citation:
    number: str | None
    name: str
    doc_type: str | None
    date: str | None
    issuer: str | None
    alias: str | None
    start: int
    end: int


def normalise_number(num: str) -> str:
    num = re.sub(r"\s+", "", num).replace("–", "-")
    return num.rstrip(".-")


def _type_from_code(num: str) -> str | None:
    m = re.search(r"/(?:\d{4}/)?([A-ZĐ][A-Za-zĐđ]*)", num)
    party = re.match(r"\d+-([A-Za-zĐ]+)/", num)
    code = party.group(1) if party else (m.group(1) if m else None)
    return code_to_type().get(code) if code else None



def _law_name(body: str, law_word: str) -> str:
    amending = bool(_AMENDING.match(body))
    m = (_AMENDING_STOP if amending else _LAW_STOP).search(body)
    name = body[: m.start()] if m else body
    if not amending:
        name = re.split(r",\s+(?=(?:Bộ\s+luật|Luật)\b)", name)[0]  # "Luật A, Luật B": two laws
    name = re.sub(r"\s+", " ", name).strip(" ,.;")
    words = name.split()
    limit = 60 if amending else 14
    if len(words) > limit:
        name = " ".join(words[:limit])
    return f"{law_word} {name}".strip()


def find_citations(text: str) -> list[Citation]:
    """Every cited document in ``text``, in order, with its character span."""
    out: list[Citation] = []
    for m in NUMBER_RE.finditer(text):
        raw = m.group("party") or m.group("num")
        number = normalise_number(raw)
        if "/" not in number or re.fullmatch(r"\d{1,2}/\d{1,2}(/\d{2,4})?", number):
            continue  # a date, not a number
        if re.fullmatch(r"\d+/\d{4}", number):
            continue
        before = text[max(0, m.start() - 40): m.start()]
        tm = _TYPE_BEFORE.search(before)
        doc_type = _canonical_type(tm.group("type")) if tm else _type_from_code(number)
        after = text[m.end(): m.end() + 200]
        date = None
        dm = _DATE_AFTER.match(after)
        if dm:
            d, mo, y = (dm.group(1), dm.group(2), dm.group(3)) if dm.group(1) else (dm.group(4), dm.group(5), dm.group(6))
            date = _iso(y, mo, d)
        issuer = _issuer_after(after)
        am = _ALIAS.search(after[:160])
        alias = am.group("alias").strip() if am else None
        start = tm.start() + max(0, m.start() - 40) if tm else m.start()
        name = f"{doc_type} {number}" if doc_type else number
        out.append(Citation(number, name, doc_type, date, issuer, alias, start, m.end()))
    for m in _LAW.finditer(text):
        law_word = "Bộ luật" if m.group("law").lower().startswith("bộ") else "Luật"
        name = _law_name(m.group("body"), law_word)
        second = name.split()[1] if len(name.split()) > 1 else ""
        if not second or second.lower() in {"này", "định", "pháp", "hoặc", "và", "học", "sư", "gia", "trở"}:
            continue  # "Luật này", "cử nhân Luật hoặc …", "Luật sư" are not laws
        # "Luật số 42/2024/QH15" is found by number already
        if re.match(r"(?:Bộ\s+luật|Luật)\s+số\b", m.group("law")):
            continue
        end = m.start() + len(name)
        # "Luật An ninh mạng số 24/2018/QH14": the number is the reference; the name is its name
        if re.match(r"^\s*(?:,\s*)?số\s*\d", text[end:end + 12]):
            continue
        out.append(Citation(None, name, law_word, None, None, None, m.start(), end))
    for m in _TCVN.finditer(text):
        out.append(Citation(None, m.group("std"), "Tiêu chuẩn", None, None, None, m.start(), m.end()))
    out.sort(key=lambda c: c.start)
    return out


def _canonical_type(word: str) -> str:
    low = re.sub(r"\s+", " ", word).lower()
    for name in doc_type_names():
        if name.lower() == low:
            return name
    return word


def _iso(y: str, m: str, d: str) -> str | None:
    try:
        yi, mi, di = int(y), int(m), int(d)
    except ValueError:
        return None
    if not (1 <= mi <= 12 and 1 <= di <= 31 and 1900 < yi < 2200):
        return None
    return f"{yi:04d}-{mi:02d}-{di:02d}"


def reference_key(number: str | None, name: str) -> str:
    if number:
        return re.sub(r"\s+", "", number).lower()
    return re.sub(r"\s+", " ", re.sub(r"[,;:.()\"“”']", " ", name)).strip().lower()
