"""Where a duty was read: the PDF page drawn with the block's box highlighted, or, for text
formats, the block's text with the duty's span marked (returned as plain parts: the template
escapes them)."""
from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..models import Provenance

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


def page_png(path: Path, page: int, prov: Provenance | None) -> bytes:
    """PNG of a 1-based page, the provenance's box (PDF points, top-left origin) outlined and tinted."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageDraw

    pdf = pdfium.PdfDocument(str(path))
    try:
        if not 1 <= page <= len(pdf):
            raise IndexError(f"page {page} of {len(pdf)}")
        image = pdf[page - 1].render(scale=RENDER_SCALE).to_pil().convert("RGB")
    finally:
        pdf.close()
    if prov is not None and prov.bbox is not None and prov.page == page:
        b, s = prov.bbox, RENDER_SCALE
        box = (b.x0 * s - 4, b.top * s - 4, b.x1 * s + 4, b.bottom * s + 4)
        overlay = image.copy()
        ImageDraw.Draw(overlay).rectangle(box, fill=(255, 230, 0))
        image = Image.blend(image, overlay, 0.35)
        ImageDraw.Draw(image).rectangle(box, outline=(220, 0, 0), width=3)
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


@lru_cache(maxsize=16)
def _blocks(path: str, mtime_ns: int) -> tuple[str, ...]:
    from ..extract import ReadOptions, read_document

    doc = read_document(Path(path), ReadOptions(ocr="never"))
    return tuple(b.text for b in doc.blocks)


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
