"""Text normalisation shared by every reader.

``clean`` makes display text: NFC, the look-alike "Ð" (U+00D0) → "Đ", zero-width
characters dropped, odd spaces made plain. ``match_form`` is a key for
comparing, never for display: lower case, one tone-placement convention
(hoà → hòa, thuỷ → thủy), spaces folded. ``repair_legacy`` converts TCVN3
text only when the conversion makes clearly more well-formed syllables.
"""
from __future__ import annotations

import re
import unicodedata

from . import vni
from .legacy_tables import TCVN3_MEANT, TCVN3_SEEN
from .syllables import measure
from ..models import Block, SourceDocument
from ..models.text import fold

_LOOKALIKES = str.maketrans({
    "\u00d0": "Đ",  # Icelandic Eth used for Đ
    "\u00f0": "đ",
    "\u0189": "Đ",
    "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u3000": " ",
    "\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None, "\u00ad": None,
    "\u2028": "\n", "\u2029": "\n",
    "\uf0b7": "-", "\uf02d": "-", "\u2219": "-",  # Symbol-font bullets
    "\u2044": "/", "\u2215": "/", "\uff0f": "/",  # fraction / division / fullwidth slashes (OCR, some fonts)
})
_SPACES = re.compile(r"[ \t\f\v]+")


def clean(text: str, *, fold_spaces: bool = True) -> str:
    """Display form: NFC, look-alikes fixed, invisible characters gone, runs of spaces folded
    (kept with ``fold_spaces=False``: pdftotext -layout columns are told apart by wide gaps)."""
    text = unicodedata.normalize("NFC", text.translate(_LOOKALIKES))
    return _SPACES.sub(" ", text) if fold_spaces else text


# Old tone placement (hoà, thuỷ) → new (hòa, thủy), only in open syllables:
# "hoàng" keeps its mark on a in both conventions.
_OLD_TONE = re.compile(r"(?i)(?<![a-zđ])([a-zđ]*?)(o[àáảãạ]|o[èéẻẽẹ]|u[ỳýỷỹỵ])(?![a-zàáảãạăâêôơưđ])")
_MOVE = {
    "à": "a\u0300", "á": "a\u0301", "ả": "a\u0309", "ã": "a\u0303", "ạ": "a\u0323",
    "è": "e\u0300", "é": "e\u0301", "ẻ": "e\u0309", "ẽ": "e\u0303", "ẹ": "e\u0323",
    "ỳ": "y\u0300", "ý": "y\u0301", "ỷ": "y\u0309", "ỹ": "y\u0303", "ỵ": "y\u0323",
}


def _new_tone(m: re.Match[str]) -> str:
    onset, pair = m.group(1), m.group(2)
    if onset.lower() == "q":  # "quý": u belongs to the onset, the mark is already on y
        return m.group(0)
    first, second = pair[0], pair[1].lower()
    base, mark = _MOVE[second][0], _MOVE[second][1]
    return onset + unicodedata.normalize("NFC", first + mark) + base


def match_form(text: str) -> str:
    """Comparison key: lower case, new-style tone placement, single spaces."""
    text = clean(text).lower()
    text = _OLD_TONE.sub(_new_tone, text)
    return _SPACES.sub(" ", text.replace("\n", " ")).strip()


def fold_diacritics(text: str) -> str:
    """'Sở Tài chính' → 'so tai chinh': how people type without a Vietnamese keyboard."""
    return fold(clean(text))


_TCVN3 = str.maketrans(TCVN3_SEEN, TCVN3_MEANT)
_TCVN3_TELLTALE = re.compile(r"[µ¸¶·¹¨©ª«®Ö×ØÙÚÛÜÝÞßñòóôõö÷øùúûüýþ]")


def legacy_decoder(name: str):
    """The converter of a legacy encoding found by ``repair_legacy`` (to apply block by block)."""
    return {"TCVN3": lambda t: t.translate(_TCVN3), "VNI": vni.decode}[name]


_LEGACY_FONTS = re.compile(r"(?i)^(\.vn|vni[-_ ])")


def is_legacy_font(name: str | None) -> bool:
    """.VnTime, .VnTimeH (TCVN3) and VNI-Times (VNI) carry legacy-encoded text."""
    return bool(name and _LEGACY_FONTS.match(name))


def repair_legacy(text: str, *, margin: float = 0.15) -> tuple[str, str | None]:
    """Convert TCVN3- or VNI-as-Latin-1 text to Unicode when that clearly helps.

    Returns the text and the name of the encoding converted from (or None).
    Good text is never touched: the conversion must raise syllable validity
    by ``margin`` and the text must carry the encoding's telltale letters;
    of two candidate encodings the one that makes more well-formed syllables wins.
    """
    candidates: list[tuple[str, str]] = []
    if len(_TCVN3_TELLTALE.findall(text)) >= 3:
        candidates.append(("TCVN3", text.translate(_TCVN3)))
    if len(vni.TELLTALE.findall(text)) >= 3:
        candidates.append(("VNI", vni.decode(text)))
    if not candidates:
        return text, None
    before = measure(text)
    best = max(((name, converted, measure(converted)) for name, converted in candidates), key=lambda c: c[2].validity)
    name, converted, after = best
    if after.words >= 5 and after.validity - before.validity >= margin:
        return converted, name
    return text, None


LEGACY_SAMPLE = 256 * 1024  # characters enough to tell an encoding; measuring megabytes costs seconds each


def repair_legacy_blocks(blocks: list[Block], doc: SourceDocument, fonts: list[str]) -> list[Block]:
    """Decide on the text (its first LEGACY_SAMPLE characters) whether it is TCVN3 or VNI (the converter
    must clearly raise syllable validity; a little less clearly when a legacy font is named), then
    convert every block and cell with that one converter."""
    whole = "\n".join(b.text for b in blocks)[:LEGACY_SAMPLE]
    _, name = repair_legacy(whole, margin=0.1 if fonts else 0.15)
    if name is None:
        return blocks
    decode = legacy_decoder(name)
    for b in blocks:
        b.text = decode(b.text)
        for row in b.rows or []:
            for cell in row:
                cell.text = decode(cell.text)
    doc.metadata.update(legacy_encoding=name, legacy_fonts=fonts)
    return blocks
