"""Characters and words of a PDF page from pdfium's text page (pypdfium2), not pdfminer.

pdfium parses a page's content stream natively, about 16× faster than pdfminer behind
pdfplumber. This module gives what the PDF reader builds lines from:

- ``page_chars(pdf, index) -> list[Char]``: every drawn character with its box in
  pdfplumber's coordinates (points, origin top-left; ``top = bottom - font size``, as
  pdfminer computes it), its font's base name, and its code. Public: a broken-font decoder
  consumes (font, code) pairs. ``code`` is the Unicode value pdfium gives; where the font
  has no Unicode map for the glyph (``mapped`` is False) pdfium puts the raw character code
  there instead, which is what such a decoder keys on.
- ``chars_to_words(chars)``: chars grouped into words the way pdfplumber's
  ``extract_words(x_tolerance=1.5, y_tolerance=3)`` does: lines clustered by ``top``,
  sorted by ``x0``, a new word at a space or where the gap to the previous char exceeds
  ``x_tolerance`` (or the char goes backwards or jumps lines).
- ``ruled_line_count(page)``: how many line-like path objects a page draws, so that only
  pages with rules pay for pdfplumber's table finder.

The pdfium calls run through ctypes prototypes with plain ``c_void_p`` handles: the
generated bindings wrap every handle in a typed pointer, which costs more than the call.
"""
from __future__ import annotations

import ctypes
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any


@dataclass(slots=True)
class Char:
    text: str
    font: str  # base font name, subset prefix kept ("PLFVGM+TimesNewRomanPSMT")
    code: int  # Unicode value; the raw character code where ``mapped`` is False
    mapped: bool  # the font maps this glyph to Unicode
    size: float
    x0: float
    x1: float
    top: float
    bottom: float
    upright: bool = True
    symbolic: bool = False  # the font descriptor's Symbolic flag: codes, not an encoding, name glyphs
    font_id: int = 0  # the font object within its document: two subsets of one face may share a name


@dataclass(slots=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


class _Rect(ctypes.Structure):
    _fields_ = [("left", ctypes.c_float), ("top", ctypes.c_float),
                ("right", ctypes.c_float), ("bottom", ctypes.c_float)]


class _Matrix(ctypes.Structure):
    _fields_ = [(k, ctypes.c_float) for k in "abcdef"]


@lru_cache(maxsize=1)
def _api() -> dict[str, Any]:
    """Prototypes over the pdfium library pypdfium2 has loaded."""
    import pypdfium2_raw.bindings as b

    lib = b._libs["pdfium"]
    vp, i, d = ctypes.c_void_p, ctypes.c_int, ctypes.c_double

    def fn(name: str, res, *args):
        return ctypes.CFUNCTYPE(res, *args)((name, lib))

    return {
        "unicode": fn("FPDFText_GetUnicode", ctypes.c_uint, vp, i),
        "generated": fn("FPDFText_IsGenerated", i, vp, i),
        "map_error": fn("FPDFText_HasUnicodeMapError", i, vp, i),
        "loose_box": fn("FPDFText_GetLooseCharBox", i, vp, i, ctypes.POINTER(_Rect)),
        "text_object": fn("FPDFText_GetTextObject", vp, vp, i),
        "font_size": fn("FPDFText_GetFontSize", d, vp, i),
        "matrix": fn("FPDFText_GetMatrix", i, vp, i, ctypes.POINTER(_Matrix)),
        "font_info": fn("FPDFText_GetFontInfo", ctypes.c_ulong, vp, i, ctypes.c_char_p, ctypes.c_ulong,
                        ctypes.POINTER(ctypes.c_int)),
        "object_font": fn("FPDFTextObj_GetFont", vp, vp),
        "font_flags": fn("FPDFFont_GetFlags", i, vp),
        "count_objects": fn("FPDFPage_CountObjects", i, vp),
        "annot_count": fn("FPDFPage_GetAnnotCount", i, vp),
        "annot": fn("FPDFPage_GetAnnot", vp, vp, i),
        "annot_subtype": fn("FPDFAnnot_GetSubtype", i, vp),
        "annot_close": fn("FPDFPage_CloseAnnot", None, vp),
        "get_object": fn("FPDFPage_GetObject", vp, vp, i),
        "object_type": fn("FPDFPageObj_GetType", i, vp),
        "object_bounds": fn("FPDFPageObj_GetBounds", i, vp, ctypes.POINTER(ctypes.c_float),
                            ctypes.POINTER(ctypes.c_float), ctypes.POINTER(ctypes.c_float),
                            ctypes.POINTER(ctypes.c_float)),
        "segment_count": fn("FPDFPath_CountSegments", i, vp),
        "segment": fn("FPDFPath_GetPathSegment", vp, vp, i),
        "segment_point": fn("FPDFPathSegment_GetPoint", i, vp, ctypes.POINTER(ctypes.c_float),
                            ctypes.POINTER(ctypes.c_float)),
        "segment_type": fn("FPDFPathSegment_GetType", i, vp),
        "segment_close": fn("FPDFPathSegment_GetClose", i, vp),
        "object_matrix": fn("FPDFPageObj_GetMatrix", i, vp, ctypes.POINTER(_Matrix)),
        "form_count": fn("FPDFFormObj_CountObjects", i, vp),
        "form_object": fn("FPDFFormObj_GetObject", vp, vp, ctypes.c_ulong),
    }


def _handle(obj) -> int:
    return ctypes.cast(obj.raw, ctypes.c_void_p).value or 0


def page_chars(pdf: str | Path | Any, index: int, raw_codes: bool = False) -> list[Char]:
    """Every drawn character of page ``index`` (0-based); ``pdf`` is a path or a pypdfium2
    ``PdfDocument``. Spaces the PDF draws are kept (as word breaks); spaces and line ends
    pdfium invents are not."""
    import pypdfium2 as pdfium

    own = not isinstance(pdf, pdfium.PdfDocument)
    doc = pdfium.PdfDocument(str(pdf)) if own else pdf
    try:
        page = doc[index]
        try:
            return _chars(page, raw_codes)
        finally:
            page.close()
    finally:
        if own:
            doc.close()


def _chars(page, raw_codes: bool = False) -> list[Char]:
    """The page's chars. ``raw_codes``: keep the glyphs a font does not map whose codes fall on
    control characters (a broken font's digits are codes 19–28): a glyph decoder keys on them."""
    api = _api()
    height = page.get_height()
    textpage = page.get_textpage()
    try:
        tp = _handle(textpage)
        n = textpage.count_chars()
        text = textpage.get_text_range() if n else ""
        rect = _Rect()
        rect_p = ctypes.pointer(rect)
        matrix = _Matrix()
        matrix_p = ctypes.pointer(matrix)
        buf = ctypes.create_string_buffer(256)
        flags = ctypes.c_int()
        fonts: dict[int, tuple[str, float, bool, bool, int]] = {}
        unicode, generated, map_error = api["unicode"], api["generated"], api["map_error"]
        loose_box, text_object = api["loose_box"], api["text_object"]
        out: list[Char] = []
        # get_text_range() gives one UTF-16 unit per char index unless a char is outside the BMP
        aligned = len(text) == n
        for k in range(n):
            ch = text[k] if aligned else chr(unicode(tp, k))
            if ch.isspace() and generated(tp, k):
                # pdfium's own line ends are dropped; its spaces stand for a gap in the text (or a
                # space glyph it re-made) and break words as the PDF's own spaces do, on the line
                # of the char before them
                if ch == " " and out:
                    prev = out[-1]
                    loose_box(tp, k, rect_p)
                    out.append(Char(" ", prev.font, 32, True, prev.size, rect.left, rect.left, prev.top, prev.bottom,
                                    prev.upright, prev.symbolic, prev.font_id))
                continue
            elif raw_codes and ch < " " and map_error(tp, k):
                pass  # a glyph without Unicode, named by its code
            elif ch == "\ufffe" or ch == "\x02":
                ch = "-"  # pdfium marks a hyphen that ends a line
            elif ch < " ":
                continue
            obj = text_object(tp, k) or 0
            info = fonts.get(obj)
            if info is None:
                size = api["font_size"](tp, k)
                length = api["font_info"](tp, k, buf, 256, ctypes.byref(flags))
                name = buf.value.decode("latin-1") if 0 < length <= 256 else ""
                api["matrix"](tp, k, matrix_p)
                font = api["object_font"](obj) if obj else None
                symbolic = bool(font) and bool(api["font_flags"](font) & 4)
                # upright as pdfminer has it: not turned or mirrored; a slant (synthetic italic, c ≠ 0) stays upright
                upright = matrix.a * matrix.d > 0 and matrix.b * matrix.c <= 0 and abs(matrix.b) < 1e-3
                info = (name, size, upright, symbolic, font or 0)
                fonts[obj] = info
            name, size, upright, symbolic, font_id = info
            loose_box(tp, k, rect_p)
            bottom = height - rect.bottom
            mapped = not map_error(tp, k)
            out.append(Char(ch, name, ord(ch), mapped, size, rect.left, rect.right,
                            bottom - size if upright else height - rect.top, bottom, upright, symbolic, font_id))
        return out
    finally:
        textpage.close()


def _cluster(values: list[float], tolerance: float) -> dict[float, int]:
    """pdfplumber's cluster_list: sorted values chained while each is within ``tolerance`` of the last."""
    groups: dict[float, int] = {}
    g, last = -1, None
    for v in sorted(set(values)):
        if last is None or v > last + tolerance:
            g += 1
        groups[v] = g
        last = v
    return groups


def chars_to_words(chars: list[Char], x_tolerance: float = 1.5, y_tolerance: float = 3.0) -> list[Word]:
    """Words as pdfplumber's ``extract_words(x_tolerance, y_tolerance)`` makes them from upright
    text (rotated characters — marginal notes, stamps turned on their side — are left out)."""
    upright = [c for c in chars if c.upright]
    if not upright:
        return []
    line_of = _cluster([c.top for c in upright], y_tolerance)
    lines: dict[int, list[Char]] = {}
    for c in upright:
        lines.setdefault(line_of[c.top], []).append(c)
    words: list[Word] = []
    for g in sorted(lines):
        current: list[Char] = []
        for c in sorted(lines[g], key=lambda c: c.x0):
            if c.text.isspace():
                if current:
                    words.append(_merge(current))
                current = []
                continue
            if current:
                p = current[-1]
                if c.x0 < p.x0 or c.x0 > p.x1 + x_tolerance or abs(c.top - p.top) > y_tolerance:
                    words.append(_merge(current))
                    current = []
            current.append(c)
        if current:
            words.append(_merge(current))
    return words


def _merge(chars: list[Char]) -> Word:
    return Word("".join(c.text for c in chars), min(c.x0 for c in chars), max(c.x1 for c in chars),
                min(c.top for c in chars), max(c.bottom for c in chars))


def ruled_line_count(page) -> int:
    """Rules a page draws: thin horizontal or vertical paths count one each, a box or a grid
    drawn as one path counts by its segments. Text-only pages have none or one (an underline
    under the Quốc hiệu); a ruled table has dozens."""
    api = _api()
    handle = _handle(page)
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    count = 0
    for k in range(api["count_objects"](handle)):
        obj = api["get_object"](handle, k)
        if api["object_type"](obj) != 2:  # FPDF_PAGEOBJ_PATH
            continue
        if not api["object_bounds"](obj, ctypes.byref(left), ctypes.byref(bottom), ctypes.byref(right),
                                    ctypes.byref(top)):
            continue
        w, h = right.value - left.value, top.value - bottom.value
        if (w >= 10 and h <= 3) or (h >= 10 and w <= 3):
            count += 1
        elif w >= 10 and h >= 8:  # a cell box, or a whole grid drawn as one path of many segments
            count += max(1, api["segment_count"](obj) // 5)
    return count


def has_graphics(page) -> bool:
    """The page draws something besides text (an image, a path): a scan or a drawing to OCR."""
    api = _api()
    handle = _handle(page)
    return any(api["object_type"](api["get_object"](handle, k)) != 1  # FPDF_PAGEOBJ_TEXT
               for k in range(api["count_objects"](handle)))


def widget_count(page) -> int:
    """Widget annotations (form fields, signature fields) on a page."""
    api = _api()
    handle = _handle(page)
    n = 0
    for k in range(api["annot_count"](handle)):
        annot = api["annot"](handle, k)
        if annot:
            n += api["annot_subtype"](annot) == 20  # FPDF_ANNOT_WIDGET
            api["annot_close"](annot)
    return n


_EPS = 1e-3


def _compose(m: tuple, n: tuple) -> tuple:
    """The matrix applying ``m`` then ``n`` (PDF row-vector convention: a b c d e f)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _path_edges(api, obj, matrix: tuple, height: float, out: list[dict]) -> None:
    x, y = ctypes.c_float(), ctypes.c_float()
    a, b, c, d, e, f = matrix
    subpaths: list[tuple[list[tuple[float, float]], bool, bool]] = []  # points, all straight, closed
    for k in range(api["segment_count"](obj)):
        seg = api["segment"](obj, k)
        if not seg or not api["segment_point"](seg, ctypes.byref(x), ctypes.byref(y)):
            continue
        kind = api["segment_type"](seg)
        pt = (a * x.value + c * y.value + e, height - (b * x.value + d * y.value + f))
        if kind == 2 or not subpaths:  # FPDF_SEGMENT_MOVETO
            subpaths.append(([pt], True, False))
        else:
            pts, straight, _ = subpaths[-1]
            pts.append(pt)
            subpaths[-1] = (pts, straight and kind == 0, False)
        if api["segment_close"](seg):
            pts, straight, _ = subpaths[-1]
            subpaths[-1] = (pts, straight, True)
    for pts, straight, closed in subpaths:
        out.extend(_subpath_edges(pts, straight, closed))


def _subpath_edges(pts: list[tuple[float, float]], straight: bool, closed: bool) -> list[dict]:
    """Edges as pdfminer + pdfplumber make them: a two-point path is a line, an axis-aligned
    four-sided closed path a rectangle (its four sides), anything else a curve whose
    consecutive points are joined."""
    def edge(kind: str, x0: float, top: float, x1: float, bottom: float, orientation: str | None) -> dict:
        x0, x1, top, bottom = min(x0, x1), max(x0, x1), min(top, bottom), max(top, bottom)
        return {"object_type": kind, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top,
                "width": x1 - x0, "height": bottom - top, "orientation": orientation}

    if len(pts) == 2 and straight:
        (x0, y0), (x1, y1) = pts
        return [edge("line", x0, y0, x1, y1, "h" if abs(y0 - y1) < _EPS else "v")]
    ring = pts[:-1] if len(pts) == 5 and abs(pts[0][0] - pts[4][0]) < _EPS and abs(pts[0][1] - pts[4][1]) < _EPS \
        else pts
    if straight and len(ring) == 4 and (closed or len(pts) == 5):
        sides = list(zip(ring, ring[1:] + ring[:1]))
        if all(abs(p[0] - q[0]) < _EPS or abs(p[1] - q[1]) < _EPS for p, q in sides):
            xs, ys = [p[0] for p in ring], [p[1] for p in ring]
            x0, x1, top, bottom = min(xs), max(xs), min(ys), max(ys)
            return [edge("rect_edge", x0, top, x1, top, "h"), edge("rect_edge", x0, bottom, x1, bottom, "h"),
                    edge("rect_edge", x0, top, x0, bottom, "v"), edge("rect_edge", x1, top, x1, bottom, "v")]
    return [edge("curve_edge", p[0], p[1], q[0], q[1],
                 "v" if abs(p[0] - q[0]) < _EPS else ("h" if abs(p[1] - q[1]) < _EPS else None))
            for p, q in zip(pts, pts[1:])]


def page_edges(page) -> list[dict]:
    """The ruling edges of a page in pdfplumber's form (what its table finder reads from
    ``page.edges``), from pdfium's path objects, Form XObjects included."""
    api = _api()
    height = page.get_height()
    out: list[dict] = []
    m = _Matrix()

    def walk(objects, matrix: tuple, depth: int) -> None:
        for obj in objects:
            kind = api["object_type"](obj)
            if kind not in (2, 5):  # FPDF_PAGEOBJ_PATH, FPDF_PAGEOBJ_FORM
                continue
            own = (m.a, m.b, m.c, m.d, m.e, m.f) if api["object_matrix"](obj, ctypes.pointer(m)) else (1, 0, 0, 1, 0, 0)
            if kind == 2:
                _path_edges(api, obj, _compose(own, matrix), height, out)
            elif depth < 8:
                walk((api["form_object"](obj, k) for k in range(api["form_count"](obj))), _compose(own, matrix),
                     depth + 1)

    handle = _handle(page)
    walk((api["get_object"](handle, k) for k in range(api["count_objects"](handle))), (1, 0, 0, 1, 0, 0), 0)
    return out


def plumber_chars(chars: list[Char]) -> list[dict]:
    """Chars in pdfplumber's form, for its table finder's cell text."""
    return [{"object_type": "char", "text": c.text, "fontname": c.font, "size": c.size, "x0": c.x0, "x1": c.x1,
             "top": c.top, "bottom": c.bottom, "doctop": c.top, "width": c.x1 - c.x0, "height": c.bottom - c.top,
             "upright": c.upright} for c in chars]


def _foreign(ch: str) -> bool:
    """Not a letter of Vietnamese, ASCII or đ."""
    if ord(ch) < 0x80 or ch in "đĐ":
        return False
    parts = unicodedata.normalize("NFD", ch)
    return not (parts[0].isascii() and parts[0].isalpha() and all(m in _VIETNAMESE_MARKS for m in parts[1:]))


_VIETNAMESE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u0302", "\u0306", "\u031b"}


def _winansi(ch: str) -> str | None:
    try:
        return ch.encode("mac_roman").decode("cp1252")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None


def mac_read_fonts(chars: list[Char]) -> set[int]:
    """Symbolic fonts (``font_id``) that pdfium reads through their Mac Roman cmap where WinAnsi codes
    were meant: inside a word of theirs stands a sign that is no Vietnamese letter and becomes one read
    as WinAnsi ("L‡o" → "Lào"; a run of "…" between blanks is no evidence)."""
    def letter(k: int, font_id: int) -> bool:
        return 0 <= k < len(chars) and chars[k].font_id == font_id and chars[k].text.isalpha()

    out: set[int] = set()
    for i, c in enumerate(chars):
        if c.font_id not in out and c.symbolic and c.mapped and _foreign(c.text) \
                and (w := _winansi(c.text)) is not None and not _foreign(w) and w.isalpha() \
                and (letter(i - 1, c.font_id) or letter(i + 1, c.font_id)):
            out.add(c.font_id)
    return out


def winansi_codes(chars: list[Char], fonts: set[int] | None = None) -> list[Char]:
    """pdfium reads a symbolic TrueType font without an /Encoding through its Mac Roman cmap ("Lào"
    comes out "L‡o"); the PDF spec, and pdfminer, read such a font's codes as WinAnsi. The chars
    of ``fonts`` (by default the page's ``mac_read_fonts``) are read again as WinAnsi codes."""
    fonts = mac_read_fonts(chars) if fonts is None else fonts
    if not fonts:
        return chars
    out = []
    for c in chars:
        if c.font_id in fonts and c.mapped and ord(c.text[0]) >= 0x80 and (w := _winansi(c.text)) is not None:
            c = replace(c, text=w, code=ord(w))
        out.append(c)
    return out
