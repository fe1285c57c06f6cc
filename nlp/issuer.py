"""The issuing body, from the header block (or, when the header is missing, the body and the signature)."""
from __future__ import annotations

import re

from ..extract.normalize import match_form
from ..models.text import fold, fold_words, vi_pattern
from .vocab import agency_vocab

_LEVEL = re.compile(r"\b(tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu)\b")


def expand(text: str) -> str:
    abbr = agency_vocab()["abbreviations"]
    return re.sub(r"(?<![\w&])(UBND|HĐND|MTTQ)(?![\w&])", lambda m: abbr[m.group(1).lower()], text)


def _known_team(line: str) -> str | None:
    """A header line that is a team's name (also as OCR misspells it) → its proper spelling, in capitals."""
    folded = " ".join(fold_words(line))
    for team in agency_vocab()["teams"]:
        if folded == " ".join(fold_words(team)):
            return team.upper()
    return None


def sentence_case(text: str) -> str:
    """'ỦY BAN NHÂN DÂN TỈNH NINH BÌNH' → 'Ủy ban nhân dân tỉnh Ninh Bình'; numbers keep their case."""
    numbers = {n.lower(): n for n in re.findall(r"\d[\w/\-.]*", text)}
    cased = _sentence_case(text)
    return re.sub(r"\d[\w/\-.]*", lambda m: numbers.get(m.group(0), m.group(0)), cased)


def _sentence_case(text: str) -> str:
    words = match_form(expand(text)).split()
    out: list[str] = []
    place = False
    for i, w in enumerate(words):
        if i == 0:
            out.append(w[:1].upper() + w[1:])
            continue
        prev2 = " ".join(words[max(0, i - 2):i])
        if place or _LEVEL.fullmatch(words[i - 1]) or prev2 in {"thành phố", "thị xã", "thị trấn", "đặc khu"}:
            if not _LEVEL.fullmatch(w) and w not in {"phố", "xã", "trấn", "khu"}:
                out.append(w[:1].upper() + w[1:])
                place = True
                continue
        place = False
        if i == 1 and out[0].lower() in {"sở", "phòng", "ban", "trung", "cục", "chi", "văn", "đoàn", "tổ", "bộ"}:
            out.append(w[:1].upper() + w[1:])
            continue
        out.append(w)
    return " ".join(out)


def _has_place(text: str) -> bool:
    return bool(_LEVEL.search(match_form(expand(text))))


# What shares the header's lines with the issuer and is not it: the Quốc hiệu (also as OCR
# misreads it: "CỘNG HOA", "Cộng Hõa"), the motto and the số ký hiệu.
_NOT_ISSUER = re.compile(r"cong ho|xa hoi chu nghia|chu nghia viet|doc lap|(?<![a-z])s\s?o\s*[:.]|kinh gui|^\s*\d+\s*/")


def cut_header_noise(line: str) -> str:
    folded = "".join(fold(c)[:1] or " " for c in line)  # one character per character: positions agree
    m = _NOT_ISSUER.search(folded)
    return line[:m.start()].strip(" -_*,;") if m else line


def issuer_from_header(lines: list[str]) -> str | None:
    lines = [cut_header_noise(x.strip(" -_*")) for x in lines]
    lines = [l for l in lines if l and not re.fullmatch(r"[-_─=]+", l) and sum(c.isalpha() for c in l) >= 3]
    if not lines:
        return None
    lines = [_known_team(line) or line for line in lines]
    # "ỦY BAN NHÂN DÂN" / "TỈNH NINH BÌNH": one name on two lines; "ĐOÀN KIỂM TRA" / "THEO QUYẾT ĐỊNH" /
    # "SỐ 1050/QĐ-SCT": a team named by the decision that set it up
    merged: list[str] = []
    for line in lines:
        if merged and (_LEVEL.match(match_form(line)) and not _has_place(merged[-1])
                       or re.match(r"(?i)^(theo|số)\b", line) and len(merged) > 1):
            merged[-1] = f"{merged[-1]} {line}"
        else:
            merged.append(line)
    if len(merged) == 1:
        return sentence_case(merged[0])
    parent, body = merged[0], merged[-1]
    name = sentence_case(body)
    if not _has_place(body) and _has_place(parent):
        m = _LEVEL.search(match_form(expand(parent)))
        place = sentence_case(expand(parent))[m.start():] if m else ""
        # keep the case of the place words from the cased parent
        cased_parent = sentence_case(parent)
        idx = match_form(cased_parent).find(m.group(0)) if m else -1
        place = cased_parent[idx:] if idx >= 0 else place
        name = f"{name} {place}".strip()
    return name


def issuer_from_body(text: str, place: str | None, collective: str | None) -> str | None:
    """'UBND huyện Tam Đường ban hành Kế hoạch' → 'Ủy ban nhân dân huyện Tam Đường'."""
    m = re.search(vi_pattern(r"(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(tỉnh|thành phố|huyện|quận|thị xã|xã|phường)"
                             r"((?:\s+[[:upper:]]\w*)*)\s+(?:ban hành|xây dựng|triển khai)"), text)
    if m:
        place_words = m.group(3).strip() or (place or "")
        return f"Ủy ban nhân dân {m.group(2)} {place_words}".strip()
    if collective:
        return sentence_case(collective) + (f" {place}" if place else "")
    return None
