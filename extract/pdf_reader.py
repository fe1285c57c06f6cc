"""PDF: text layer in reading order, with OCR where the text layer is missing or broken.

- Characters, their boxes and fonts come from pdfium's text page (``pdf_chars``), ~10×
  faster than pdfminer; words are grouped the way pdfplumber's ``extract_words`` groups them.
  Lines are rebuilt from word geometry, so glyph-run splits that Word-made PDFs put in the
  text stream ("K Ế HO Ạ CH") do not survive.
- Ruled tables: only pages whose pdfium path objects draw rules go to pdfplumber's table
  finder, and it is fed pdfium's edges and chars (``_TablePage``), so pdfminer never parses
  the page for it. pdfplumber itself is opened only where it still earns it, lazily: the
  signature dictionaries of pages with widgets, and the words (and tables) of a page whose
  simple symbolic font pdfium decodes by its codes (pdfminer follows the font's cmap there).
- Two-column regions (issuer | Quốc hiệu, Số | place and date, Nơi nhận | signature) are
  read left column first, then right column. Page numbers and running headers are dropped.
- Text drawn by signature widgets (the số ký hiệu and the day, stamped at signing) is
  rendered from the widget's rectangle alone, OCR'd in-process twice and kept only when
  both readings agree; a stamped day or month is checked against the signature's signing
  time (``pdf_stamps``).
- Pages whose text layer is not Vietnamese (no Unicode map, lost diacritics) or that are
  images only are OCR'd with tesseract's Vietnamese model.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from .base import ReadError, ReadOptions, register
from .glyphmap import PdfGlyphDecoder, covered_spaces, glyphs_of, has_broken_glyphs
from .layout import Line, join_lines, mark_blank_breaks, to_block
from .normalize import clean
from .ocr import ocr_image, tesseract_path
from .ocr_correct import correct_text
from .pdf_chars import Char, Word, _chars, _foreign, chars_to_words, has_graphics, page_chars, page_edges, \
    plumber_chars, ruled_line_count, widget_count
from .syllables import measure
from .text_reader import split_columns
from ..models import BBox, Block, BlockKind, Cell, DocStatus, SourceDocument

__all__ = ["Char", "Word", "page_chars", "chars_to_words", "page_lines", "PdfReader"]

_PAGE_NUMBER = re.compile(r"^(?:-\s*)?(?:trang\s*)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*-)?$", re.I)
_MIN_RULES = 3  # fewer rule-like paths than this cannot draw a table of three columns


def _cluster_lines(words: list[Word], tolerance: float = 3.0) -> list[list[Word]]:
    rows: list[list[Word]] = []
    for w in sorted(words, key=lambda w: ((w.top + w.bottom) / 2, w.x0)):
        mid = (w.top + w.bottom) / 2
        if rows:
            last = rows[-1]
            lmid = sum((x.top + x.bottom) / 2 for x in last) / len(last)
            if abs(mid - lmid) <= tolerance:
                last.append(w)
                continue
        rows.append([w])
    return [sorted(r, key=lambda w: w.x0) for r in rows]


def _segments(row: list[Word], gap: float) -> list[list[Word]]:
    segs: list[list[Word]] = [[row[0]]]
    for w in row[1:]:
        if w.x0 - segs[-1][-1].x1 > gap:
            segs.append([w])
        else:
            segs[-1].append(w)
    return segs


def _seg_text(seg: list[Word]) -> str:
    return " ".join(w.text for w in seg)


def page_lines(words: list[Word], page_no: int, width: float) -> list[Line]:
    """Reading-order lines of one page; side-by-side columns read left then right."""
    rows = _cluster_lines(words)
    centre = width / 2
    out: list[Line] = []
    left: list[Line] = []
    right: list[Line] = []

    def line_of(seg: list[Word], hard: bool) -> Line:
        box = BBox(x0=min(w.x0 for w in seg), top=min(w.top for w in seg),
                   x1=max(w.x1 for w in seg), bottom=max(w.bottom for w in seg))
        return Line(_seg_text(seg), page=page_no, indent=box.x0, x1=box.x1, bbox=box, hard_break=hard)

    def flush() -> None:
        out.extend(left + right)
        left.clear()
        right.clear()

    for row in rows:
        segs = _segments(row, gap=24.0)
        two_columns = len(segs) >= 2 and segs[0][-1].x1 < centre + 40 and segs[-1][0].x0 > centre - 60
        one_sided = len(segs) == 1 and (segs[0][-1].x1 < centre or segs[0][0].x0 > centre)
        if two_columns:
            left.append(line_of([w for s in segs[:-1] for w in s], True))
            right.append(line_of(segs[-1], True))
        elif one_sided and (left or right):
            (left if segs[0][-1].x1 < centre else right).append(line_of(segs[0], True))
        else:
            flush()
            out.append(line_of(row, False))
    flush()
    return out


def _drop_furniture(pages: list[list[Line]], heights: list[float]) -> list[list[Line]]:
    """Page numbers and lines repeated at the same place on most pages."""
    repeated: Counter[str] = Counter()
    for lines in pages:
        seen = {ln.text for ln in lines[:2] + lines[-2:]}
        repeated.update(seen)
    many = max(3, int(len(pages) * 0.6))
    cleaned = []
    for lines, height in zip(pages, heights):
        keep = []
        for i, ln in enumerate(lines):
            edge = ln.bbox is not None and (ln.bbox.top < 0.08 * height or ln.bbox.bottom > 0.92 * height)
            if edge and _PAGE_NUMBER.match(ln.text.strip()):
                continue
            if (i < 2 or i >= len(lines) - 2) and len(pages) >= 3 and repeated[ln.text] >= many:
                continue
            keep.append(ln)
        # a page number standing alone at the top of the page (Vietnamese style: centred, page ≥ 2)
        if keep and _PAGE_NUMBER.match(keep[0].text.strip()) and len(keep[0].text.strip()) <= 3:
            keep = keep[1:]
        cleaned.append(keep)
    return cleaned


def _in_box(w: Word, box: BBox) -> bool:
    cx, cy = (w.x0 + w.x1) / 2, (w.top + w.bottom) / 2
    return box.x0 - 1 <= cx <= box.x1 + 1 and box.top - 1 <= cy <= box.bottom + 1


TableBoxes = list[list[BBox | None]]  # one box per logical cell of each row


def _ruled_tables(page, *, min_cols: int = 3) -> list[tuple[BBox, list[list[str]], TableBoxes]]:
    """Tables drawn with ruling lines (assignment tables: TT | Nhiệm vụ | Cơ quan chủ trì | …), with
    each cell's box on the page (so a duty's source can show its row).

    Physical columns that the header leaves empty (a spanned "Nhiệm vụ") are folded into the
    column on their left; a row without a first cell continues the row above (a row split by
    a page or a tall cell). A box around a paragraph (one column) is not a table."""
    out: list[tuple[BBox, list[list[str]], TableBoxes]] = []
    try:
        found = page.find_tables()
    except Exception:  # a malformed drawing never costs the page its text
        return out
    for t in found:
        raw = [[(c or "").replace("\n", " ").strip() if c is not None else None for c in row] for row in t.extract()]
        if len(raw) < 2:
            continue
        header = raw[0]
        owner: list[int] = []  # physical column → logical column
        logical = -1
        for c, h in enumerate(header):
            if h:
                logical += 1
            owner.append(max(logical, 0))
        width = logical + 1
        if width < min_cols:
            continue
        physical = [list(r.cells) for r in t.rows] if len(t.rows) == len(raw) else [[None] * len(r) for r in raw]
        rows: list[list[str]] = []
        boxes: TableBoxes = []
        for r, cell_boxes in zip(raw, physical):
            cells = [""] * width
            here: list[BBox | None] = [None] * width
            for c, v in enumerate(r):
                k = owner[c] if c < len(owner) else width - 1
                if v:
                    cells[k] = f"{cells[k]} {v}".strip()
                if c < len(cell_boxes) and cell_boxes[c] is not None:
                    here[k] = _union(here[k], BBox(x0=cell_boxes[c][0], top=cell_boxes[c][1], x1=cell_boxes[c][2],
                                                   bottom=cell_boxes[c][3]))
            if rows and r and r[0] is None and any(cells):
                rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], cells)]
                boxes[-1] = [_union(a, b) for a, b in zip(boxes[-1], here)]
            elif any(cells):
                rows.append(cells)
                boxes.append(here)
        x0, top, x1, bottom = t.bbox
        out.append((BBox(x0=x0, top=top, x1=x1, bottom=bottom), rows, boxes))
    return out


def _union(a: BBox | None, b: BBox | None) -> BBox | None:
    if a is None or b is None:
        return a or b
    return BBox(x0=min(a.x0, b.x0), top=min(a.top, b.top), x1=max(a.x1, b.x1), bottom=max(a.bottom, b.bottom))


def _signature_widgets(page, path: Path | None = None) -> list[dict]:
    """Widgets on a pdfplumber page: rect (top-left origin), signing time, signer name.
    Read through pdfminer, which exposes the signature dictionary (/V: /M, /Name)."""
    from pdfminer.pdftypes import resolve1

    out = []
    raw = resolve1(page.page_obj.annots) or []
    for ref in raw if isinstance(raw, list) else []:
        try:
            annot = resolve1(ref)
            if not isinstance(annot, dict) or str(resolve1(annot.get("Subtype"))) != "/'Widget'":
                continue
            x0, y0, x1, y1 = (float(resolve1(v)) for v in resolve1(annot.get("Rect")))
            info = {"x0": min(x0, x1), "x1": max(x0, x1), "top": page.height - max(y0, y1),
                    "bottom": page.height - min(y0, y1)}
            fast = _signature_keys(page.pdf.doc, annot.get("V"), path) if path is not None else None
            if fast is not None:
                info.update(fast)
            else:
                value = resolve1(annot.get("V"))
                if isinstance(value, dict):
                    info["signed_at"] = _pdf_date(resolve1(value.get("M")))
                    info["signer"] = _pdf_str(resolve1(value.get("Name")))
            out.append(info)
        except Exception:  # a malformed annotation must not sink the page
            continue
    return out


# the tokens that matter for reading top-level keys of a dictionary: nesting, names, strings
_DICT_TOKEN = re.compile(rb"<<|>>|\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>|/[^\s/<>\[\]()]*")


def _signature_keys(pdf_doc, ref, path: Path) -> dict | None:
    """/M and /Name of a signature dictionary read from its own bytes: decoding its /Contents
    (a PKCS#7 blob in hex, tens of KB) is most of what pdfminer would spend on it. None when
    the dictionary sits in an object stream or does not look like one: pdfminer reads it then."""
    from io import BytesIO

    from pdfminer.pdftypes import PDFObjRef
    from pdfminer.psparser import PSBaseParser

    if not isinstance(ref, PDFObjRef):
        return None
    for xref in pdf_doc.xrefs:
        try:
            stream_id, pos, _ = xref.get_pos(ref.objid)
        except KeyError:
            continue
        if stream_id is not None:
            return None
        with path.open("rb") as fh:
            fh.seek(pos)
            body = fh.read(1 << 18)
        end = body.find(b"endobj")
        head = body[: end if end > 0 else len(body)]
        if not re.match(rb"\s*\d+\s+\d+\s+obj\s*<<", head):
            return None
        found: dict[bytes, bytes] = {}
        depth, key = 0, None
        for m in _DICT_TOKEN.finditer(head):
            token = m.group(0)
            if token == b"<<":
                depth, key = depth + 1, None
            elif token == b">>":
                depth, key = depth - 1, None
                if depth == 0:
                    break
            elif token.startswith(b"/"):
                key = token[1:] if depth == 1 and token[1:] in (b"M", b"Name") else None
            else:  # a string: the value of the key before it, if that is a top-level /M or /Name
                if key is not None:
                    found.setdefault(key, token)
                key = None

        def value(key: bytes):
            token = found.get(key)
            return PSBaseParser(BytesIO(token)).nexttoken()[1] if token else None

        return {"signed_at": _pdf_date(value(b"M")), "signer": _pdf_str(value(b"Name"))}
    return None


def _pdf_str(v) -> str | None:
    if isinstance(v, bytes):
        if v.startswith(b"\xfe\xff"):
            return v[2:].decode("utf-16-be", "replace")
        return v.decode("latin-1")
    return v if isinstance(v, str) else None


def _pdf_date(v) -> str | None:
    s = _pdf_str(v)
    m = re.match(r"D:(\d{4})(\d{2})(\d{2})(\d{2})?(\d{2})?(\d{2})?", s or "")
    if not m:
        return None
    y, mo, d, hh, mm, ss = (g or "00" for g in m.groups())
    return f"{y}-{mo}-{d}T{hh}:{mm}:{ss}"


def _snap_stamps(stamps: list[Word], words: list[Word]) -> None:
    """Give each stamp the vertical position of the text line it sits on."""
    for s in stamps:
        near = [w for w in words if w.top - 12 <= (s.top + s.bottom) / 2 <= w.bottom + 12]
        if near:
            best = min(near, key=lambda w: abs((w.top + w.bottom) / 2 - (s.top + s.bottom) / 2))
            s.top, s.bottom = best.top, best.bottom


@lru_cache(maxsize=20_000)
def _clean_word(text: str) -> str:
    return clean(text)  # a page repeats its words: clean each spelling once


def _overstamped(word: Word, stamp: Word) -> bool:
    """A text-layer word the stamp is drawn over (a corrected month: "tháng 4" stamped "5")."""
    overlap = min(word.x1, stamp.x1) - max(word.x0, stamp.x0)
    same_line = abs((word.top + word.bottom) / 2 - (stamp.top + stamp.bottom) / 2) < 3
    return same_line and overlap > 0.3 * min(word.x1 - word.x0, stamp.x1 - stamp.x0)


def decoding_suspect(chars: list[Char]) -> bool:
    """pdfium reads a simple symbolic font without an encoding by its raw codes, where pdfminer
    follows the embedded font's own cmap (kh-057: the 'à' drawn by code 0x87 comes out '‡')."""
    return sum(1 for c in chars if c.symbolic and c.mapped and _foreign(c.text)) >= 3


class _TablePage:
    """What pdfplumber's TableFinder reads of a page (bbox, edges, chars), filled from pdfium."""

    def __init__(self, width: float, height: float, chars: list[dict], edges: list[dict]) -> None:
        self.bbox = (0, 0, width, height)
        self.chars = chars
        self.edges = edges

    def find_tables(self, table_settings: dict | None = None):
        from pdfplumber.table import TableFinder, TableSettings

        tables = TableFinder(self, TableSettings.resolve(table_settings)).tables
        for t in tables:  # each table reads its cells from its own chars, not the whole page's
            x0, top, x1, bottom = t.bbox
            t.page = _TablePage(self.bbox[2], self.bbox[3], [
                c for c in self.chars if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom
            ], [])
        return tables


class _Sources:
    """What a document opens only when a page needs it: pdfplumber (tables, signature
    dictionaries, a page pdfium decodes differently) and a pdfium copy with forms (stamps)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._plumber = None
        self._plumber_failed = False
        self._forms = None
        self.decoder: PdfGlyphDecoder | None = None

    def glyph_decoder(self, options: ReadOptions) -> PdfGlyphDecoder:
        """The document's glyph map for broken fonts, learnt once from a little OCR (over pdfium's
        chars, which keep the fonts' codes) and shared by every page of the file."""
        if self.decoder is None:
            self.decoder = PdfGlyphDecoder(self.path, lang=options.ocr_lang, dpi=options.glyph_dpi,
                                           max_pages=options.max_pages, timeout=options.ocr_page_timeout)
        return self.decoder

    def _open_plumber(self):
        if self._plumber is None and not self._plumber_failed:
            import pdfplumber

            try:
                self._plumber = pdfplumber.open(str(self.path))
            except Exception:  # pdfium read it; pdfminer may not: the page keeps pdfium's text
                self._plumber_failed = True
        return self._plumber

    def plumber_page(self, index: int):
        if self._open_plumber() is None:
            return None
        try:
            return self._plumber.pages[index]
        except Exception:
            return None

    def forms(self):
        if self._forms is None:
            import pypdfium2 as pdfium

            self._forms = pdfium.PdfDocument(str(self.path))
            self._forms.init_forms()
        return self._forms

    def close(self) -> None:
        if self._plumber is not None:
            self._plumber.close()
        if self._forms is not None:
            self._forms.close()
        if self.decoder is not None:
            self.decoder.close()


def _ocr_page(page, page_index: int, options: ReadOptions, doc: SourceDocument) -> list[Line]:
    """A scanned page: tesseract's text, corrected, each line located by tesseract's word boxes (so a
    duty's source can be drawn on the scan), the words' confidences kept for the document's measure."""
    from .ocr import LOW_CONFIDENCE, ocr_page_lines

    image = page.render(scale=options.ocr_dpi / 72).to_pil()
    raw, located = ocr_page_lines(image, lang=options.ocr_lang, psm=4, timeout=options.ocr_page_timeout)
    text = clean(raw)
    if options.ocr_correct:  # correction hook: the syllable model fixes OCR'd diacritics
        text = correct_text(text)
    lines = split_columns(text.split("\n"))
    boxes = _line_boxes(text, located, 72 / options.ocr_dpi)
    for ln in lines:
        ln.page = page_index + 1
        queue = boxes.get(ln.text.strip())
        if queue:
            ln.bbox = queue.pop(0)  # the box only: indents stay as the text path measures them
    confidences = [c for ol in located for c in ol.confidences]
    doc.metadata.setdefault("ocr_quality", {})[page_index + 1] = {
        "words": len(confidences), "confidence": round(sum(confidences) / max(1, len(confidences)), 1),
        "uncertain": sum(c < LOW_CONFIDENCE for c in confidences)}
    # tesseract separates blocks with blank lines: those are paragraph ends
    return mark_blank_breaks(lines)


def _line_boxes(text: str, located: list, scale: float) -> dict[str, list[BBox]]:
    """Each non-empty line of the (cleaned, corrected) text → its box in PDF points, matched by
    order with tesseract's lines (cleaning and correcting change letters, not lines)."""
    out: dict[str, list[BBox]] = {}
    kept = [ln.strip() for ln in text.split("\n") if ln.strip()]
    for line, ol in zip(kept, located):
        x0, top, x1, bottom = ol.box
        out.setdefault(line, []).append(BBox(x0=x0 * scale, top=top * scale, x1=x1 * scale, bottom=bottom * scale))
    return out


def _open(path: Path):
    """A pypdfium2 document, or the specific reason it cannot be opened."""
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as err:
        code = getattr(err, "err_code", None)
        if code in (4, 5):  # FPDF_ERR_PASSWORD, FPDF_ERR_SECURITY
            raise ReadError("encrypted_pdf", f"{path.name}: the PDF is password-protected") from err
        raise ReadError("damaged_pdf", f"{path.name}: the PDF is damaged or truncated, or its page tree holds "
                                       "no readable page") from err
    except (OSError, ValueError) as err:
        raise ReadError("damaged_pdf", f"{path.name}: the PDF cannot be opened") from err


def _cells(rows: list[list[str]], boxes: TableBoxes | None, base: int = 0) -> list[list[Cell]]:
    """A table's rows as Cells, each with its box on the page when the table finder drew it."""
    return [[Cell(text=t, row=base + r, col=c, bbox=boxes[r][c] if boxes and r < len(boxes) and c < len(boxes[r])
                  else None) for c, t in enumerate(row)] for r, row in enumerate(rows)]


def _looks_like_header(row: list[str]) -> bool:
    return bool(row) and not re.match(r"^\s*(\d+|[IVX]+)\.?\s*$", row[0] or "") and \
        any(re.search(r"(?i)nhiệm vụ|nội dung|chủ trì|phối hợp|thời gian", c) for c in row)


@register
class PdfReader:
    name = "pdf"
    extensions = (".pdf",)

    def read(self, path: Path, options: ReadOptions) -> SourceDocument:
        doc = SourceDocument(path=str(path), format="pdf")
        pdf = _open(path)
        src = _Sources(path)
        try:
            n_pages = len(pdf)
            doc.pages = n_pages
            if n_pages > options.max_pages:
                doc.add_issue("too_many_pages",
                              f"{n_pages} pages; only the first {options.max_pages} were read (limit max_pages)")
            pages: list[list[Line]] = []
            heights: list[float] = []
            signatures: list[dict] = []
            ocr_pages: list[int] = []
            glyph_pages: list[int] = []
            for i in range(min(n_pages, options.max_pages)):
                try:
                    page = pdf[i]
                except Exception:  # pdfium counted the page but cannot load it
                    doc.add_issue("page_failed", "the page cannot be loaded (damaged page object)", page=i + 1)
                    pages.append([])
                    heights.append(842.0)
                    continue
                try:
                    heights.append(float(page.get_height()))
                    lines, how = self._read_page(src, page, i, options, doc, signatures)
                except ReadError as err:
                    doc.add_issue(err.code, err.message, page=i + 1)
                    lines, how = [], "failed"
                except MemoryError:
                    raise
                except Exception as err:
                    doc.add_issue("page_failed", f"the page could not be read ({type(err).__name__})", page=i + 1)
                    lines, how = [], "failed"
                finally:
                    page.close()
                if how == "ocr":
                    ocr_pages.append(i + 1)
                elif how == "glyphmap":
                    glyph_pages.append(i + 1)
                pages.append(lines)
            if n_pages and all(i.code == "page_failed" for i in doc.issues if i.page) and \
                    sum(1 for i in doc.issues if i.code == "page_failed") >= min(n_pages, options.max_pages):
                raise ReadError("damaged_pdf", f"{path.name}: no page of the PDF can be loaded (its page tree is "
                                               "broken or loops)")
        finally:
            src.close()
            pdf.close()
        pages = _drop_furniture(pages, heights)
        blocks: list[Block] = []
        all_lines = [ln for lines in pages for ln in lines]
        paragraphs = join_lines(all_lines)
        for p in paragraphs:
            first = p.lines[0]
            if first.table is not None:
                prev = blocks[-1] if blocks else None
                rows = first.table
                if prev is not None and prev.kind is BlockKind.table and prev.rows and len(prev.rows[0]) == len(rows[0]) \
                        and prev.page is not None and first.page == prev.page + 1 and not _looks_like_header(rows[0]):
                    # the table goes on over the page break
                    base = len(prev.rows)
                    prev.rows.extend(_cells(rows, None, base))  # boxes of another page than the block's: none
                    prev.text += "\n" + "\n".join("\t".join(r) for r in rows)
                    continue
                blocks.append(Block(kind=BlockKind.table, text=first.text, page=first.page, paragraph=len(blocks),
                                    bbox=first.bbox, rows=_cells(rows, first.table_boxes)))
                continue
            boxes = [ln.bbox for ln in p.lines if ln.bbox is not None and ln.page == first.page]
            bbox = BBox(x0=min(b.x0 for b in boxes), top=min(b.top for b in boxes),
                        x1=max(b.x1 for b in boxes), bottom=max(b.bottom for b in boxes)) if boxes else None
            blocks.append(to_block(p.text, page=first.page, paragraph=len(blocks), bbox=bbox))
        doc.blocks = blocks
        doc.metadata.update(ocr_pages=ocr_pages, signatures=signatures)
        if glyph_pages and src.decoder is not None:
            doc.metadata.update(glyphmap_pages=glyph_pages, glyphmap=src.decoder.summary())
        if ocr_pages and doc.status is DocStatus.ok:
            doc.metadata["text_source"] = "ocr" if len(ocr_pages) == len(pages) else "mixed"
        return doc

    def _read_page(self, src: _Sources, page, index: int, options: ReadOptions, doc: SourceDocument,
                   signatures: list[dict]) -> tuple[list[Line], str]:
        width = float(page.get_width())
        chars = _chars(page)
        # a page of broken fonts goes to the glyph map, which reads pdfium's chars: no pdfminer pass for it
        glyph_route = options.ocr == "auto" and options.glyph_map and has_broken_glyphs(glyphs_of(chars)) \
            and tesseract_path() is not None
        if decoding_suspect(chars) and not glyph_route and (plumber := src.plumber_page(index)) is not None:
            raw_words = plumber.extract_words(x_tolerance=1.5, y_tolerance=3, keep_blank_chars=False,
                                              use_text_flow=False)
            words = [Word(clean(w["text"]), w["x0"], w["x1"], w["top"], w["bottom"]) for w in raw_words]
        else:
            words = [Word(_clean_word(w.text), w.x0, w.x1, w.top, w.bottom) for w in chars_to_words(chars)]
        words = [w for w in words if w.text]
        text = " ".join(w.text for w in words)
        quality = measure(text)
        unmapped = sum(1 for c in chars if not c.mapped)
        needs_ocr = options.ocr == "always" or (
            options.ocr == "auto" and (len(text.strip()) < 20 or quality.looks_broken() or unmapped > 10
                                       or text.count("(cid:") > 10))
        how = "text"
        # glyph-map hook: a broken font is decoded through the map learnt from a little OCR, not OCR'd
        if needs_ocr and glyph_route and (decoder := src.glyph_decoder(options)) \
                and (decoded := decoder.decode_page(index)) is not None:
            chars = decoded
            covered = covered_spaces(chars)
            words = [Word(clean(w.text), w.x0, w.x1, w.top, w.bottom)
                     for w in chars_to_words([c for k, c in enumerate(chars) if k not in covered])]
            words = [w for w in decoder.fill_unknown(words, index) if w.text]
            text = " ".join(w.text for w in words)
            needs_ocr = len(text.strip()) < 20 or measure(text).looks_broken()
            how = "glyphmap"
        if needs_ocr and not text.strip() and not has_graphics(page):
            return [], "empty"  # a blank page: nothing to OCR (a scan always carries an image)
        if needs_ocr and options.ocr != "never":
            if tesseract_path() is None:
                doc.add_issue("tesseract_missing",
                              "page needs OCR but tesseract is not installed; install the Debian packages "
                              f"'tesseract-ocr' and 'tesseract-ocr-{options.ocr_lang}'", page=index + 1)
                if len(text.strip()) < 20:
                    return [], "failed"
            else:
                return _ocr_page(page, index, options, doc), "ocr"
        widgets: list[dict] = []
        if widget_count(page) and (plumber := src.plumber_page(index)) is not None:
            widgets = _signature_widgets(plumber, src.path)
        for w in widgets:
            signatures.append({k: v for k, v in w.items() if k in ("signed_at", "signer")} | {"page": index + 1})
        if widgets and options.ocr != "never":
            from .ocr import ocr_available
            from .pdf_stamps import assign_roles, check, read_stamps, small_widgets

            small = small_widgets(widgets)
            if small and ocr_available(options.ocr_lang):
                found = read_stamps(src.forms(), index, small, options.ocr_lang)
                _snap_stamps([s.word for s in found], words)
                assign_roles(found, words)
                signed = next((s.get("signed_at") for s in signatures if s.get("signed_at")), None)
                kept, issues = check(found, signed)
                for code, message in issues:
                    doc.add_issue(code, message, page=index + 1)
                words = [w for w in words if not any(_overstamped(w, k) for k in kept)]
                words.extend(kept)
                doc.metadata.setdefault("stamped_text", []).extend(w.text for w in kept)
                doc.metadata.setdefault("stamps", []).extend(s.note | {"text": s.word.text, "page": index + 1}
                                                             for s in found)
        tables = []
        if ruled_line_count(page) >= _MIN_RULES:
            # pdfplumber's table finder, fed pdfium's edges and chars (identical tables on the
            # corpus, without pdfminer parsing the page); pdfminer's own page where its text wins
            suspect = how != "glyphmap" and decoding_suspect(chars) and src.plumber_page(index) is not None
            tables = _ruled_tables(src.plumber_page(index) if suspect else
                                   _TablePage(width, float(page.get_height()), plumber_chars(chars), page_edges(page)))
        if tables:
            words = [w for w in words if not any(_in_box(w, b) for b, _, _ in tables)]
        if not words and not tables:
            return [], "empty"
        lines = page_lines(words, index + 1, width)
        for box, rows, cell_boxes in tables:  # each table stands where it is drawn
            marker = Line("\n".join("\t".join(r) for r in rows), page=index + 1, indent=box.x0, x1=box.x1, bbox=box,
                          hard_break=True, table=rows, table_boxes=cell_boxes)
            at = next((k for k, ln in enumerate(lines) if ln.bbox is not None and ln.bbox.top > box.top), len(lines))
            lines.insert(at, marker)
        return lines, how
