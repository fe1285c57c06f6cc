"""Signature stamps: the number and the day a signing tool draws into a signed PDF.

Vietnamese e-signing tools leave "Số:      /KH-UBND" and "ngày    tháng 11 năm 2024" blank
in the text layer and draw the number and the day as the appearance of signature widgets.
Here each small widget's rectangle (with a margin, so glyphs on its border are whole) is
drawn by pdfium's form layer alone (FPDF_FFLDraw over white): the stamp's ink without the page.
Each inked run is OCR'd in-process (tesserocr, digits whitelisted) twice — at two scales
and two page-segmentation modes — and a reading is kept only when both agree. Then:

- a stamped day or month is checked against the signature's own signing time: agreeing,
  it stays; otherwise the day is taken from the signing time and the document says so;
- a number (or anything else) read without agreement is left out, with an issue, never guessed.

The role of a stamp (number, day, month) is the text-layer word just before it on its line:
"Số:", "ngày", "tháng".
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .base import ReadError
from .normalize import match_form
from .ocr import ocr_line
from .pdf_chars import Word

DIGITS = "0123456789/.-"
SCALE = 5.0  # the ink is found at 360 dpi
# Two readings that fail differently: the document's language model on the ink at 162 dpi, and
# tesseract's English model at 360 dpi (measured on the corpus stamps, each alone misreads some:
# 807 → 07, 5 → 3; together they agree on every true digit and on nothing else).
READINGS = (("doc", 0.45, 7), ("eng", 1.0, 7))
MARGIN = 3.0  # points around the widget's rectangle, so glyphs on its border are whole
MAX_INK_HEIGHT = 16.0  # points: stamped digits are body-size; taller ink is a drawn initial
_ROLE = {"số": "number", "số:": "number", "ngày": "day", "tháng": "month"}


@dataclass
class Stamp:
    word: Word
    readings: tuple[str, str]
    signed_at: str | None = None
    role: str = "other"
    note: dict = field(default_factory=dict)

    @property
    def agreed(self) -> bool:
        return bool(self.readings[0]) and self.readings[0] == self.readings[1]


def small_widgets(widgets: list[dict]) -> list[dict]:
    """Widgets the size of a stamped number or date (the signature image is larger)."""
    return [w for w in widgets if (w["bottom"] - w["top"]) < 60 and (w["x1"] - w["x0"]) < 260]


def _digits(text: str) -> str:
    return re.sub(r"[^0-9/.\-]", "", text).strip("/.-")


def read_stamps(forms_pdf, page_index: int, widgets: list[dict], lang: str) -> list[Stamp]:
    """Stamps drawn by ``widgets`` (top-left coordinates, as ``_signature_widgets`` gives them)
    on one page of ``forms_pdf`` (a pypdfium2 document with ``init_forms()`` called)."""
    from PIL import Image

    page = forms_pdf[page_index]
    try:
        width, height = page.get_width(), page.get_height()
        stamps: list[Stamp] = []
        for w in widgets:
            x0, top = max(0.0, w["x0"] - MARGIN), max(0.0, w["top"] - MARGIN)
            x1, bottom = min(width, w["x1"] + MARGIN), min(height, w["bottom"] + MARGIN)
            if x1 - x0 < 2 or bottom - top < 2:
                continue
            crop = (x0, height - bottom, width - x1, top)  # amounts cut from left, bottom, right, top
            layer = _form_layer(page, SCALE, crop)
            mask = _without_rules(layer.point(lambda v: 255 if v < 215 else 0))
            # the ink alone, hard-edged: the readings were measured on such crops
            ink = Image.composite(layer, Image.new("L", layer.size, 255), mask)
            for gx0, gtop, gx1, gbottom in ink_groups(mask, (0, 0, mask.width, mask.height), gap=int(6 * SCALE)):
                if (gbottom - gtop) / SCALE > MAX_INK_HEIGHT:
                    continue
                pad = int(2 * SCALE)
                piece = ink.crop((max(0, gx0 - pad), max(0, gtop - pad), gx1 + pad, gbottom + pad))
                first, second = (_read(piece, lang if model == "doc" else model, scale, psm)
                                 for model, scale, psm in READINGS)
                if not first and not second:
                    continue  # ink that is not digits (a line, a seal's edge)
                word = Word(first or second, x0 + gx0 / SCALE, x0 + gx1 / SCALE, top + gtop / SCALE,
                            top + gbottom / SCALE)
                stamps.append(Stamp(word, (first, second), w.get("signed_at")))
        return stamps
    finally:
        page.close()


def _form_layer(page, scale: float, crop: tuple[float, float, float, float]):
    """The form fields alone (no page content) drawn over white, cropped: the stamps' ink.
    One FPDF_FFLDraw per widget, where a rendered page with and without forms would take two
    full renders."""
    import math

    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    src_w, src_h = math.ceil(page.get_width() * scale), math.ceil(page.get_height() * scale)
    left, bottom, right, top = (math.ceil(c * scale) for c in crop)
    w, h = src_w - left - right, src_h - bottom - top
    bitmap = pdfium.PdfBitmap.new_native(w, h, raw.FPDFBitmap_BGR)
    bitmap.fill_rect((255, 255, 255, 255), 0, 0, w, h)
    raw.FPDF_FFLDraw(page.formenv, bitmap, page, -left, -top, src_w, src_h, 0, raw.FPDF_ANNOT)
    return bitmap.to_pil().convert("L")


def _read(piece, lang: str, scale: float, psm: int) -> str:
    from PIL import Image

    if scale != 1.0:
        piece = piece.resize((max(1, int(piece.width * scale)), max(1, int(piece.height * scale))), Image.LANCZOS)
    try:
        return _digits(ocr_line(piece, lang=lang, psm=psm, whitelist=DIGITS))
    except ReadError:  # that model is not installed, or the reading timed out: no reading, no agreement
        return ""


def _without_rules(mask):
    """Clear pixel rows inked across most of the widget: rules the appearance draws above and
    below the digits would otherwise join every digit into one run and confuse the reader."""
    import numpy as np
    from PIL import Image

    a = np.asarray(mask).copy()
    if a.size == 0:
        return mask
    a[(a > 0).mean(axis=1) > 0.5] = 0
    return Image.fromarray(a)


def ink_groups(mask, box: tuple[int, int, int, int], gap: int) -> list[tuple[int, int, int, int]]:
    """Boxes of inked runs inside ``box``, split where a horizontal gap is wider than ``gap``."""
    region = mask.crop(box)
    if region.getbbox() is None:
        return []
    import numpy as np

    width, height = region.size
    columns = np.asarray(region).any(axis=0).tolist()
    groups: list[tuple[int, int]] = []
    start = last = None
    for x, on in enumerate(columns):
        if on:
            if start is None:
                start = x
            elif x - last > gap:
                groups.append((start, last))
                start = x
            last = x
    if start is not None:
        groups.append((start, last))
    out = []
    for a, b in groups:
        sub = region.crop((a, 0, b + 1, height)).getbbox()
        if sub:
            out.append((box[0] + a, box[1] + sub[1], box[0] + b + 1, box[1] + sub[3]))
    return out


def assign_roles(stamps: list[Stamp], words: list[Word]) -> None:
    """A stamp's role is the text-layer word right before it on its line ("Số:", "ngày", "tháng")."""
    for s in stamps:
        mid = (s.word.top + s.word.bottom) / 2
        before = [w for w in words if w.top - 2 <= mid <= w.bottom + 2 and w.x1 <= s.word.x0 + 2
                  and s.word.x0 - w.x1 < 80]
        if before:
            left = max(before, key=lambda w: w.x1)
            s.role = _ROLE.get(match_form(left.text), "other")


def _signing_date(value: str | None) -> date | None:
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value or "")
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None
    except ValueError:
        return None


def check(stamps: list[Stamp], fallback_signed_at: str | None) -> tuple[list[Word], list[tuple[str, str]]]:
    """The words to insert and the issues to report, after agreement and signing-time checks."""
    words: list[Word] = []
    issues: list[tuple[str, str]] = []
    for s in stamps:
        signed = _signing_date(s.signed_at or fallback_signed_at)
        a, b = s.readings
        s.note = {"role": s.role, "readings": [a, b], "signed_at": s.signed_at or fallback_signed_at}
        if s.role in ("day", "month") and signed is not None:
            truth = signed.day if s.role == "day" else signed.month
            if s.agreed and a.isdigit() and int(a) == truth:
                s.note["source"] = "ocr, agrees with the signing time"
                words.append(s.word)
                continue
            s.word.text = f"{truth:02d}" if s.role == "day" else str(truth)
            s.note["source"] = "signing time"
            issues.append(("stamp_date_from_signature",
                           f"the stamped {s.role} read as {a or '?'}/{b or '?'} does not agree with the signing time "
                           f"{signed.isoformat()}; the {s.role} is taken from the signing time"))
            words.append(s.word)
            continue
        if s.agreed:
            s.note["source"] = "ocr, two readings agree"
            words.append(s.word)
            continue
        s.note["source"] = "left out"
        issues.append(("stamp_unread",
                       f"a stamped {s.role if s.role != 'other' else 'text'} read as {a or '?'} and {b or '?'} "
                       "(two readings disagree); left out rather than guessed"))
    return words, issues
