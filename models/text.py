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


def _latin_letters(upper: bool) -> str:
    """Every Latin letter of Vietnamese text in one case, for regex classes: a range such as À-Ỹ also
    holds lower-case letters (ã, đ, ạ …), so 'starts with a capital' would pass 'đã'."""
    letters = (chr(c) for c in range(0xC0, 0x1EFA))
    picked = "".join(c for c in letters if (c.isupper() if upper else c.islower())
                     and unicodedata.name(c, "").startswith("LATIN"))
    return ("A-Z" if upper else "a-z") + picked


VI_UPPER = _latin_letters(upper=True)  # use inside [...]: f"[{VI_UPPER}]"
VI_LOWER = _latin_letters(upper=False)


def vi_pattern(pattern: str) -> str:
    """Regex source with the classes [[:upper:]] / [[:lower:]] made of Vietnamese letters of one case."""
    return pattern.replace("[:upper:]", VI_UPPER).replace("[:lower:]", VI_LOWER)
