"""VNI (VNI-Windows, fonts "VNI-Times" …): a Vietnamese letter is a base Latin letter followed by
one or two mark characters from the cp1252 range, so text typed in a VNI font reads
"Vieät Nam" once the font is gone. The table is built from the scheme's rules rather than
listed letter by letter: tone marks ø ù û õ ï (grave, acute, hook, tilde, dot below),
circumflex â and its toned forms á à å ã ä, breve ê and é è ú ü ë, and single characters
for ơ ư đ and the i / y letters that have no room for a second mark."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TONES = {"ø": "\u0300", "ù": "\u0301", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
_CIRCUMFLEX = {"â": "", "á": "\u0301", "à": "\u0300", "å": "\u0309", "ã": "\u0303", "ä": "\u0323"}
_BREVE = {"ê": "", "é": "\u0301", "è": "\u0300", "ú": "\u0309", "ü": "\u0303", "ë": "\u0323"}
# single characters: the letter itself (no mark may follow it)
_SINGLE = {"ô": "ơ", "ö": "ư", "ñ": "đ", "ó": "ĩ", "ò": "ị", "æ": "ỉ", "î": "ỵ", "ì": "ì", "í": "í"}


def _nfc(*parts: str) -> str:
    return unicodedata.normalize("NFC", "".join(parts))


@lru_cache(maxsize=None)
def table() -> dict[str, str]:
    out: dict[str, str] = {}
    for lower in (True, False):
        def case(s: str) -> str:
            return s if lower else s.upper()
        for base in "aeiouy":
            for mark, tone in _TONES.items():
                out[case(base) + case(mark)] = case(_nfc(base, tone))
        for base in "aeo":
            for mark, tone in _CIRCUMFLEX.items():
                out[case(base) + case(mark)] = case(_nfc(base, "\u0302", tone))
        for mark, tone in _BREVE.items():
            out[case("a") + case(mark)] = case(_nfc("a", "\u0306", tone))
        for code, letter in _SINGLE.items():
            out[case(code)] = case(letter)
        for code, letter in (("ô", "ơ"), ("ö", "ư")):  # ơ, ư with a tone: "ôù" = ớ
            for mark, tone in _TONES.items():
                out[case(code) + case(mark)] = case(_nfc(letter, tone))
    return out


@lru_cache(maxsize=None)
def _pattern() -> re.Pattern[str]:
    keys = sorted(table(), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, keys)))


TELLTALE = re.compile(r"[a-yA-Y][øùûõïâáàåãäêéèúüëØÙÛÕÏÂÁÀÅÃÄÊÉÈÚÜË]|[ôöñÔÖÑ]")


def decode(text: str) -> str:
    """VNI text (as cp1252 characters) → Unicode."""
    return _pattern().sub(lambda m: table()[m.group(0)], text)
