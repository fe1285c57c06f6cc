"""Reader speed: kehoach's PDF reader against bare pdfplumber extract_text on the same files, same run.

Usage: .venv/bin/python bench/readers.py [PDF ...]   (default: the corpus's text-layer PDFs without broken fonts)
Prints pages/s for both and the ratio. Stamp OCR is included in kehoach's time (it is part of reading).
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from baseline import BROKEN_PDFS, TEXT_PDFS, corpus_pdfs, pdfplumber_pass

from kehoach.extract import ReadOptions, read_document

ROOT = Path(__file__).resolve().parents[1]




def broken_fonts() -> None:
    """The repair side: pages whose text layer is glyph ids. Bare extraction is fast and useless;
    kehoach detects them (syllable validity) and OCRs them. The glyph-map decoder that would
    learn the font from one OCR'd page is not built, so OCR is the repair measured here."""
    from kehoach.extract.syllables import measure

    files = corpus_pdfs(BROKEN_PDFS)
    if not files:
        return
    pages, base, raw_text = pdfplumber_pass(files)
    t0 = time.perf_counter()
    docs = [read_document(f, ReadOptions()) for f in files]
    ours = time.perf_counter() - t0
    print(f"\nbroken-font PDFs: files={len(files)} pages={pages}")
    print(f"pdfplumber extract_text : {pages / base:7.1f} pages/s, syllable validity {measure(' '.join(raw_text)).validity:.2f}")
    print(f"kehoach (detect + OCR)  : {pages / ours:7.1f} pages/s, syllable validity "
          f"{measure(' '.join(d.text for d in docs)).validity:.2f}  ratio {base / ours:.3f}x")


def main(argv: list[str]) -> None:
    files = [f for f in map(Path, argv) if f.exists()] if argv else corpus_pdfs(TEXT_PDFS)
    if not files:
        print("no PDF to measure (give paths, or have ../shared/corpus)")
        return
    pages, base, _ = pdfplumber_pass(files)
    t0 = time.perf_counter()
    for f in files:
        read_document(f, ReadOptions())
    ours = time.perf_counter() - t0
    t0 = time.perf_counter()
    for f in files:
        read_document(f, ReadOptions(ocr="never"))
    no_ocr = time.perf_counter() - t0
    print(f"files={len(files)} pages={pages}")
    print(f"pdfplumber extract_text : {pages / base:7.1f} pages/s")
    print(f"kehoach read (stamps)   : {pages / ours:7.1f} pages/s  ratio {base / ours:.2f}x")
    print(f"kehoach read (ocr=never): {pages / no_ocr:7.1f} pages/s  ratio {base / no_ocr:.2f}x")
    if not argv:
        broken_fonts()


if __name__ == "__main__":
    main(sys.argv[1:])
