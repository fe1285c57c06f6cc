"""Reader speed: kehoach's PDF reader against bare pdfplumber and bare pypdfium2 on the same files,
same run; with and without stamp OCR; and the broken-font path.

Usage: .venv/bin/python bench/readers.py [PDF ...]   (default: the corpus's text-layer PDFs without broken fonts)
Prints pages/s for each and the two ratios. Stamp OCR is part of reading, so it is in kehoach's time.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from baseline import BROKEN_PDFS, TEXT_PDFS, corpus_pdfs, pdfium_pass, pdfplumber_pass

from kehoach.extract import ReadOptions, read_document


def broken_fonts() -> None:
    """The repair side: pages whose text layer is glyph ids. Bare extraction is fast and useless;
    kehoach detects them (syllable validity, unmapped glyphs) and OCRs them."""
    from kehoach.extract.syllables import measure

    files = corpus_pdfs(BROKEN_PDFS)
    if not files:
        return
    pages, base, raw_text = pdfplumber_pass(files)
    _, fast, fast_text = pdfium_pass(files)
    t0 = time.perf_counter()
    docs = [read_document(f, ReadOptions()) for f in files]
    ours = time.perf_counter() - t0
    print(f"\nbroken-font PDFs: files={len(files)} pages={pages}")
    print(f"bare pdfplumber extract_text : {pages / base:7.1f} pages/s, syllable validity {measure(' '.join(raw_text)).validity:.2f}")
    print(f"bare pypdfium2 text          : {pages / fast:7.1f} pages/s, syllable validity {measure(' '.join(fast_text)).validity:.2f}")
    print(f"kehoach (detect + OCR)       : {pages / ours:7.1f} pages/s, syllable validity "
          f"{measure(' '.join(d.text for d in docs)).validity:.2f}  {base / ours:.3f}x pdfplumber's speed")


def main(argv: list[str]) -> None:
    files = [f for f in map(Path, argv) if f.exists()] if argv else corpus_pdfs(TEXT_PDFS)
    if not files:
        print("no PDF to measure (give paths, or have ../shared/corpus)")
        return
    read_document(files[0], ReadOptions())  # imports and the OCR engine, outside the timings
    pages, plumber, _ = pdfplumber_pass(files)
    _, pdfium_s, _ = pdfium_pass(files)
    t0 = time.perf_counter()
    for f in files:
        read_document(f, ReadOptions())
    ours = time.perf_counter() - t0
    t0 = time.perf_counter()
    for f in files:
        read_document(f, ReadOptions(ocr="never"))
    no_ocr = time.perf_counter() - t0
    print(f"files={len(files)} pages={pages}")
    print(f"bare pdfplumber extract_text : {pages / plumber:7.1f} pages/s")
    print(f"bare pypdfium2 text          : {pages / pdfium_s:7.1f} pages/s  ({plumber / pdfium_s:.1f}x pdfplumber)")
    for label, took in (("kehoach read (stamp OCR)", ours), ("kehoach read (ocr=never)", no_ocr)):
        print(f"{label:29s}: {pages / took:7.1f} pages/s  {plumber / took:.2f}x pdfplumber's speed, "
              f"{took / pdfium_s:.1f}x pypdfium2's time")
    if not argv:
        broken_fonts()


if __name__ == "__main__":
    main(sys.argv[1:])
