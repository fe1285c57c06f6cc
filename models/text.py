"""Text keys that every layer compares with (pure, no project imports)."""
from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[0-9a-z&]+")


def fold(text: str) -> str:
    """'Sở Tài chính' → 'so tai chinh': lower case, no diacritics, single spaces — how people type
    without a Vietnamese keyboard, and the key that makes both spellings meet."""
    text = unicodedata.normalize("NFD", text.lower().replace("đ", "d").replace("Đ", "d"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _SPACES.sub(" ", text).strip()


def fold_words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def number_key(number: str | None) -> str:
    """Comparison key for a số ký hiệu: '42/KH-BCA-C11' and '42/KH- BCA-C11' meet; leading zeros kept
    apart from the digits ('0124' = '124')."""
    if not number:
        return ""
    key = re.sub(r"\s+", "", unicodedata.normalize("NFC", number)).upper().replace("Đ", "D")
    return re.sub(r"^0+(?=\d)", "", key)
