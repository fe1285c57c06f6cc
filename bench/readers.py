"""Reader speed: kehoach's PDF reader against bare pdfplumber extract_text on the same files, same run.

Usage: .venv/bin/python bench/readers.py [PDF ...]   (default: the corpus's text-layer PDFs without broken fonts)
       .venv/bin/python bench/readers.py --broken    (the broken-font PDFs only: glyph map vs OCR of every page)
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
    kehoach detects them (syllable validity) and decodes them through a glyph map learnt from a
    little OCR (extract/glyphmap.py), measured against OCR of every page (the fallback), same run."""
    from kehoach.extract.ocr_correct import model
    from kehoach.extract.syllables import measure

    files = corpus_pdfs(BROKEN_PDFS)
    if not files:
        return
    model()  # the syllable model loads once per process: not part of any file's time
    pages, base, raw_text = pdfplumber_pass(files)
    print(f"\nbroken-font PDFs: files={len(files)} pages={pages}")
    print(f"pdfplumber extract_text     : {pages / base:7.2f} pages/s, syllable validity "
          f"{measure(' '.join(raw_text)).validity:.3f}")
    timings = {}
    for label, opts in (("glyph map", ReadOptions()), ("OCR of every page", ReadOptions(glyph_map=False))):
        t0 = time.perf_counter()
        docs = [read_document(f, opts) for f in files]
        timings[label] = time.perf_counter() - t0
        per_file = ", ".join(f"{f.stem} {d.syllable_validity:.3f}" for f, d in zip(files, docs))
        print(f"kehoach ({label:17s}): {pages / timings[label]:7.2f} pages/s, syllable validity "
              f"{measure(' '.join(d.text for d in docs)).validity:.3f} ({per_file})")
    print(f"glyph map vs OCR of every page: {timings['OCR of every page'] / timings['glyph map']:.2f}x faster")


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


def broken_only() -> None:
    broken_fonts()


if __name__ == "__main__":
    if sys.argv[1:] == ["--broken"]:
        broken_only()
    else:
        main(sys.argv[1:])
