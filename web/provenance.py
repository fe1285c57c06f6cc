"""Where a duty was read: the PDF page drawn with the passage highlighted — the block's box, the
OCR'd lines' box on a scan, the row's cells for a duty read from a table row — or, for text
formats, the block's text with the duty's span marked (returned as plain parts: the template
escapes them)."""
from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..models import BBox, Block, Provenance

RENDER_SCALE = 1.5  # 108 dpi: readable, small enough to send


@dataclass
class TextSource:
    before: str
    marked: str
    after: str
    context_before: list[str]
    context_after: list[str]


def is_pdf(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(4) == b"%PDF"


def highlight_box(path: Path, prov: Provenance | None) -> tuple[BBox | None, BBox | None]:
    """(what to highlight, what to outline around it): a table row's cells inside its table, or the
    block's own box (text line or OCR'd lines) alone."""
    if prov is None or prov.bbox is None:
        return None, None
    if prov.row is not None and prov.block is not None:
        blocks = _document(str(path), path.stat().st_mtime_ns)
        block = blocks[prov.block] if 0 <= prov.block < len(blocks) else None
        row = block.rows[prov.row] if block is not None and block.rows and 0 <= prov.row < len(block.rows) else None
        boxes = [c.bbox for c in row or [] if c.bbox is not None]
        if boxes:
            return BBox(x0=min(b.x0 for b in boxes), top=min(b.top for b in boxes), x1=max(b.x1 for b in boxes),
                        bottom=max(b.bottom for b in boxes)), prov.bbox
    return prov.bbox, None


def page_png(path: Path, page: int, prov: Provenance | None) -> bytes:
    """PNG of a 1-based page, the passage's box (PDF points, top-left origin) tinted and outlined in
    red; for a table row, the table outlined in grey around it."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageDraw

    pdf = pdfium.PdfDocument(str(path))
    try:
        if not 1 <= page <= len(pdf):
            raise IndexError(f"page {page} of {len(pdf)}")
        image = pdf[page - 1].render(scale=RENDER_SCALE).to_pil().convert("RGB")
    finally:
        pdf.close()
    if prov is not None and prov.page == page:
        box, around = highlight_box(path, prov)
        s = RENDER_SCALE
        if around is not None:
            ImageDraw.Draw(image).rectangle((around.x0 * s - 2, around.top * s - 2, around.x1 * s + 2,
                                             around.bottom * s + 2), outline=(130, 130, 130), width=2)
        if box is not None:
            rect = (box.x0 * s - 4, box.top * s - 4, box.x1 * s + 4, box.bottom * s + 4)
            overlay = image.copy()
            ImageDraw.Draw(overlay).rectangle(rect, fill=(255, 230, 0))
            image = Image.blend(image, overlay, 0.35)
            ImageDraw.Draw(image).rectangle(rect, outline=(220, 0, 0), width=3)
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


@lru_cache(maxsize=16)
def _document(path: str, mtime_ns: int) -> tuple[Block, ...]:
    """The file's blocks as read without OCR (a table's cells and boxes come from the text layer)."""
    from ..extract import ReadOptions, read_document

    return tuple(read_document(Path(path), ReadOptions(ocr="never")).blocks)


def _blocks(path: str, mtime_ns: int) -> tuple[str, ...]:
    return tuple(b.text for b in _document(path, mtime_ns))


def text_source(path: Path, prov: Provenance, context: int = 2) -> TextSource | None:
    """The block the duty was read from, split around its span, with neighbouring blocks."""
    blocks = _blocks(str(path), path.stat().st_mtime_ns)
    if prov.block is None or not 0 <= prov.block < len(blocks):
        return None
    text = blocks[prov.block]
    start = max(0, min(prov.start, len(text)))
    end = max(start, min(prov.end or len(text), len(text)))
    return TextSource(text[:start], text[start:end], text[end:],
                      list(blocks[max(0, prov.block - context):prov.block]),
                      list(blocks[prov.block + 1:prov.block + 1 + context]))
