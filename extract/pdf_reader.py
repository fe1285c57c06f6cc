"""PDF: text layer in reading order, with OCR where the text layer is missing or broken.

- Lines are rebuilt from word geometry (pdfplumber), so glyph-run splits that
  Word-made PDFs put in the text stream ("K Ế HO Ạ CH") do not survive.
- Two-column regions (issuer | Quốc hiệu, Số | place and date, Nơi nhận |
  signature) are read left column first, then right column.
- Page numbers and running headers/footers are dropped.
- Text drawn by signature widgets (the số ký hiệu and the day, stamped at
  signing) is recovered by OCR of the widget and put where it is drawn.
- Pages whose text layer is not Vietnamese (no Unicode map, lost diacritics)
  or that are images only are OCR'd with tesseract's Vietnamese model.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from kehoach.extract.base import ReadError, ReadOptions, register
from kehoach.extract.glyphmap import PdfGlyphDecoder, has_broken_glyphs, without_covered_spaces
from kehoach.extract.layout import Line, join_lines, mark_blank_breaks, to_block
from kehoach.extract.normalize import clean
from kehoach.extract.ocr import ocr_image, tesseract_path
from kehoach.extract.ocr_correct import correct_text
from kehoach.extract.syllables import measure
from kehoach.extract.text_reader import split_columns
from kehoach.models import BBox, Block, BlockKind, Cell, DocStatus, SourceDocument

_PAGE_NUMBER = re.compile(r"^(?:-\s*)?(?:trang\s*)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*-)?$", re.I)


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float


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


def _ruled_tables(page, *, min_cols: int = 3) -> list[tuple[BBox, list[list[str]]]]:
    """Tables drawn with ruling lines (assignment tables: TT | Nhiệm vụ | Cơ quan chủ trì | …).

    Physical columns that the header leaves empty (a spanned "Nhiệm vụ") are folded into the
    column on their left; a row without a first cell continues the row above (a row split by
    a page or a tall cell). A box around a paragraph (one column) is not a table."""
    out: list[tuple[BBox, list[list[str]]]] = []
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
        rows: list[list[str]] = []
        for r in raw:
            cells = [""] * width
            for c, v in enumerate(r):
                if v:
                    k = owner[c] if c < len(owner) else width - 1
                    cells[k] = f"{cells[k]} {v}".strip()
            if rows and r and r[0] is None and any(cells):
                rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], cells)]
            elif any(cells):
                rows.append(cells)
        x0, top, x1, bottom = t.bbox
        out.append((BBox(x0=x0, top=top, x1=x1, bottom=bottom), rows))
    return out


def _signature_widgets(page) -> list[dict]:
    """Signature fields on a page: rect (top-left origin), signing time, signer name."""
    from pdfminer.pdftypes import resolve1

    out = []
    raw = resolve1(page.page_obj.annots) or []
    for ref in raw if isinstance(raw, list) else []:
        try:
            annot = resolve1(ref)
            if not isinstance(annot, dict) or str(resolve1(annot.get("Subtype"))) != "/'Widget'":
                continue
            ft = resolve1(annot.get("FT"))
            value = resolve1(annot.get("V"))
            if ft is None and isinstance(value, dict):
                ft = resolve1(value.get("Type"))
            x0, y0, x1, y1 = (float(resolve1(v)) for v in resolve1(annot.get("Rect")))
            info = {"x0": min(x0, x1), "x1": max(x0, x1), "top": page.height - max(y0, y1),
                    "bottom": page.height - min(y0, y1)}
            if isinstance(value, dict):
                m = resolve1(value.get("M"))
                name = resolve1(value.get("Name"))
                info["signed_at"] = _pdf_date(m)
                info["signer"] = _pdf_str(name)
            out.append(info)
        except Exception:  # a malformed annotation must not sink the page
            continue
    return out


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


def _stamp_words(pdf_path: Path, page_index: int, widgets: list[dict], options: ReadOptions) -> list[Word]:
    """Text that signature widgets draw (the number, the day), as words at their place.

    The page is rendered with and without its form fields; the difference is
    the stamps' ink alone, which is OCR'd per widget and placed at the ink's box.
    """
    small = [w for w in widgets if (w["bottom"] - w["top"]) < 60 and (w["x1"] - w["x0"]) < 260]
    if not small or tesseract_path() is None:
        return []
    import pypdfium2 as pdfium
    from PIL import Image, ImageChops

    scale = 5.0
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        pdf.init_forms()
        page = pdf[page_index]
        with_forms = page.render(scale=scale, may_draw_forms=True).to_pil().convert("RGB")
        without = page.render(scale=scale, may_draw_forms=False).to_pil().convert("RGB")
    finally:
        pdf.close()
    mask = ImageChops.difference(with_forms, without).convert("L").point(lambda v: 255 if v > 40 else 0)
    ink = Image.composite(with_forms, Image.new("RGB", with_forms.size, "white"), mask)
    words: list[Word] = []
    for w in small:
        box = (int(w["x0"] * scale), int(w["top"] * scale), int(w["x1"] * scale), int(w["bottom"] * scale))
        for x0, top, x1, bottom in _ink_groups(mask, box, gap=int(6 * scale)):
            pad = int(2 * scale)
            crop = ink.crop((max(0, x0 - pad), max(0, top - pad), x1 + pad, bottom + pad))
            # stamps carry numbers and days: read digits first, anything else if that fails
            text = clean(ocr_image(crop, lang=options.ocr_lang, psm=7, timeout=30,
                                   whitelist="0123456789/.-")).strip()
            if not re.search(r"\d", text):
                text = clean(ocr_image(crop, lang=options.ocr_lang, psm=7, timeout=30)).strip()
            text = re.sub(r"[^\w/\-.]", "", text)
            if text:
                words.append(Word(text, x0 / scale, x1 / scale, top / scale, bottom / scale))
    return words


def _ink_groups(mask, box: tuple[int, int, int, int], gap: int) -> list[tuple[int, int, int, int]]:
    """Boxes of inked runs inside ``box``, split where a horizontal gap is wider than ``gap``."""
    region = mask.crop(box)
    if region.getbbox() is None:
        return []
    width, height = region.size
    pixels = region.load()
    columns = [any(pixels[x, y] for y in range(height)) for x in range(width)]
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


def _snap_stamps(stamps: list[Word], words: list[Word]) -> None:
    """Give each stamp the vertical position of the text line it sits on."""
    for s in stamps:
        near = [w for w in words if w.top - 12 <= (s.top + s.bottom) / 2 <= w.bottom + 12]
        if near:
            best = min(near, key=lambda w: abs((w.top + w.bottom) / 2 - (s.top + s.bottom) / 2))
            s.top, s.bottom = best.top, best.bottom


def _ocr_page(pdf_path: Path, page_index: int, options: ReadOptions) -> list[Line]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        image = pdf[page_index].render(scale=options.ocr_dpi / 72, may_draw_forms=True).to_pil()
    finally:
        pdf.close()
    text = clean(ocr_image(image, lang=options.ocr_lang, psm=4, timeout=options.ocr_page_timeout))
    if options.ocr_correct:  # correction hook: the syllable model fixes OCR'd diacritics
        text = correct_text(text)
    lines = split_columns(text.split("\n"))
    for ln in lines:
        ln.page = page_index + 1
    # tesseract separates blocks with blank lines: those are paragraph ends
    return mark_blank_breaks(lines)


def _looks_like_header(row: list[str]) -> bool:
    return bool(row) and not re.match(r"^\s*(\d+|[IVX]+)\.?\s*$", row[0] or "") and \
        any(re.search(r"(?i)nhiệm vụ|nội dung|chủ trì|phối hợp|thời gian", c) for c in row)


@register
class PdfReader:
    name = "pdf"
    extensions = (".pdf",)

    def read(self, path: Path, options: ReadOptions) -> SourceDocument:
        import pdfplumber
        from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
        from pdfminer.pdfparser import PDFSyntaxError

        doc = SourceDocument(path=str(path), format="pdf")
        try:
            pdf = pdfplumber.open(str(path))
        except (PDFPasswordIncorrect, PDFEncryptionError) as err:
            raise ReadError("encrypted_pdf", f"{path.name}: the PDF is password-protected") from err
        except PDFSyntaxError as err:
            raise ReadError("damaged_pdf", f"{path.name}: the PDF is damaged or truncated ({err})") from err
        except Exception as err:
            # pdfplumber wraps pdfminer's errors: look at the wrapped one too
            inner = err.args[0] if err.args and isinstance(err.args[0], BaseException) else err.__cause__
            if isinstance(inner, (PDFPasswordIncorrect, PDFEncryptionError)):
                raise ReadError("encrypted_pdf", f"{path.name}: the PDF is password-protected") from err
            if isinstance(inner, PDFSyntaxError):
                raise ReadError("damaged_pdf", f"{path.name}: the PDF is damaged or truncated ({inner})") from err
            if "password" in str(err).lower() or "encrypt" in type(err).__name__.lower():
                raise ReadError("encrypted_pdf", f"{path.name}: the PDF is password-protected") from err
            raise ReadError("damaged_pdf", f"{path.name}: the PDF cannot be opened ({type(err).__name__}: {err})") from err
        with pdf:
            try:
                n_pages = len(pdf.pages)
            except Exception as err:
                raise ReadError("damaged_pdf", f"{path.name}: the page tree cannot be read ({err})") from err
            doc.pages = n_pages
            if n_pages == 0:
                raise ReadError("no_pages", f"{path.name}: the PDF has no pages")
            if n_pages > options.max_pages:
                doc.add_issue("too_many_pages",
                              f"{n_pages} pages; only the first {options.max_pages} were read (limit max_pages)")
            pages: list[list[Line]] = []
            heights: list[float] = []
            signatures: list[dict] = []
            ocr_pages: list[int] = []
            glyph_pages: list[int] = []
            # broken fonts: a glyph map learnt from a little OCR, shared by every page of the file
            decoder = PdfGlyphDecoder(path, pdf, lang=options.ocr_lang, dpi=options.ocr_dpi,
                                      max_pages=options.max_pages, timeout=options.ocr_page_timeout)
            for i, page in enumerate(pdf.pages[: options.max_pages]):
                heights.append(float(page.height))
                try:
                    lines, how = self._read_page(path, page, i, options, doc, signatures, decoder)
                except ReadError as err:
                    doc.add_issue(err.code, err.message, page=i + 1)
                    lines, how = [], "failed"
                except Exception as err:
                    doc.add_issue("page_failed", f"{type(err).__name__}: {err}"[:300], page=i + 1)
                    lines, how = [], "failed"
                if how == "ocr":
                    ocr_pages.append(i + 1)
                elif how == "glyphmap":
                    glyph_pages.append(i + 1)
                pages.append(lines)
                page.flush_cache()
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
                    prev.rows.extend([Cell(text=t, row=base + r, col=c) for c, t in enumerate(row)]
                                     for r, row in enumerate(rows))
                    prev.text += "\n" + "\n".join("\t".join(r) for r in rows)
                    continue
                blocks.append(Block(kind=BlockKind.table, text=first.text, page=first.page, paragraph=len(blocks),
                                    bbox=first.bbox, rows=[[Cell(text=t, row=r, col=c) for c, t in enumerate(row)]
                                                           for r, row in enumerate(rows)]))
                continue
            boxes = [ln.bbox for ln in p.lines if ln.bbox is not None and ln.page == first.page]
            bbox = BBox(x0=min(b.x0 for b in boxes), top=min(b.top for b in boxes),
                        x1=max(b.x1 for b in boxes), bottom=max(b.bottom for b in boxes)) if boxes else None
            blocks.append(to_block(p.text, page=first.page, paragraph=len(blocks), bbox=bbox))
        doc.blocks = blocks
        doc.metadata.update(ocr_pages=ocr_pages, signatures=signatures)
        if glyph_pages:
            doc.metadata.update(glyphmap_pages=glyph_pages, glyphmap=decoder.summary())
        if ocr_pages and doc.status is DocStatus.ok:
            doc.metadata["text_source"] = "ocr" if len(ocr_pages) == len(pages) else "mixed"
        return doc

    def _read_page(self, path: Path, page, index: int, options: ReadOptions,
                   doc: SourceDocument, signatures: list[dict],
                   decoder: PdfGlyphDecoder | None = None) -> tuple[list[Line], str]:
        def extract(pg=page) -> tuple[list[Word], str, bool]:
            raw_words = pg.extract_words(x_tolerance=1.5, y_tolerance=3, keep_blank_chars=False,
                                           use_text_flow=False)
            words = [Word(clean(w["text"]), w["x0"], w["x1"], w["top"], w["bottom"]) for w in raw_words]
            text = " ".join(w.text for w in words)
            broken = len(text.strip()) < 20 or measure(text).looks_broken() or text.count("(cid:") > 10
            return words, text, broken

        words, text, broken = extract()
        needs_ocr = options.ocr == "always" or (options.ocr == "auto" and broken)
        how = "text"
        # glyph-map hook: a broken font is decoded through the map learnt from a little OCR, not OCR'd
        if needs_ocr and options.ocr == "auto" and options.glyph_map and decoder is not None and tesseract_path() \
                is not None and has_broken_glyphs(page) and decoder.decode_page(page):
            words, text, broken = extract(without_covered_spaces(page))
            words = decoder.fill_unknown(words, index)
            text = " ".join(w.text for w in words)
            needs_ocr = len(text.strip()) < 20 or measure(text).looks_broken()
            how = "glyphmap"
        if needs_ocr and not text.strip() and not page.images and not page.rects and not page.curves:
            return [], "empty"  # a blank page: nothing to OCR (a scan always carries an image)
        if needs_ocr and options.ocr != "never":
            if tesseract_path() is None:
                doc.add_issue("tesseract_missing",
                              "page needs OCR but tesseract is not installed; install the Debian packages "
                              f"'tesseract-ocr' and 'tesseract-ocr-{options.ocr_lang}'", page=index + 1)
                if len(text.strip()) < 20:
                    return [], "failed"
            else:
                return _ocr_page(path, index, options), "ocr"
        widgets = _signature_widgets(page)
        for w in widgets:
            signatures.append({k: v for k, v in w.items() if k in ("signed_at", "signer")} | {"page": index + 1})
        stamps = _stamp_words(path, index, widgets, options) if widgets and options.ocr != "never" else []
        if stamps:
            _snap_stamps(stamps, words)
            words.extend(stamps)
            doc.metadata.setdefault("stamped_text", []).extend(s.text for s in stamps)
        tables = _ruled_tables(page)
        if tables:
            inside = [(t_box, rows) for t_box, rows in tables]
            words = [w for w in words if not any(_in_box(w, b) for b, _ in inside)]
        if not words and not tables:
            return [], "empty"
        lines = page_lines(words, index + 1, float(page.width))
        for box, rows in tables:  # each table stands where it is drawn
            marker = Line("\n".join("\t".join(r) for r in rows), page=index + 1, indent=box.x0, x1=box.x1, bbox=box,
                          hard_break=True, table=rows)
            at = next((k for k, ln in enumerate(lines) if ln.bbox is not None and ln.bbox.top > box.top), len(lines))
            lines.insert(at, marker)
        return lines, how
