"""Reader speed: kehoach's PDF reader against bare pdfplumber and bare pypdfium2 on the same files,
same run; with and without stamp OCR; and the broken-font path.

Usage: .venv/bin/python bench/readers.py [PDF ...]   (default: the corpus's text-layer PDFs without broken fonts)
       .venv/bin/python bench/readers.py --broken    (the broken-font PDFs only: glyph map vs OCR of every page)
Prints a Markdown table (bench/runinfo.py's header: command, commit, date, machine) of pages/s for each and
the two ratios. Stamp OCR is part of reading, so it is in kehoach's time.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

from baseline import BROKEN_PDFS, TEXT_PDFS, corpus_pdfs, pdfium_pass, pdfplumber_pass
from runinfo import header, table

from kehoach.extract import ReadOptions, read_document


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
    _, fast, fast_text = pdfium_pass(files)
    rows = [["bare pdfplumber extract_text", f"{pages / base:.2f}", f"{measure(' '.join(raw_text)).validity:.3f}", ""],
            ["bare pypdfium2 text", f"{pages / fast:.2f}", f"{measure(' '.join(fast_text)).validity:.3f}", ""]]
    timings = {}
    for label, opts in (("glyph map", ReadOptions()), ("OCR of every page", ReadOptions(glyph_map=False))):
        t0 = time.perf_counter()
        docs = [read_document(f, opts) for f in files]
        timings[label] = time.perf_counter() - t0
        per_file = ", ".join(f"{f.stem} {d.syllable_validity:.3f}" for f, d in zip(files, docs))
        rows.append([f"kehoach ({label})", f"{pages / timings[label]:.2f}",
                     f"{measure(' '.join(d.text for d in docs)).validity:.3f}", per_file])
    print(f"\nBroken-font PDFs: {len(files)} files, {pages} pages.\n")
    print(table(["reader", "pages/s", "syllable validity", "per file"], rows))
    print(f"\nglyph map vs OCR of every page: {timings['OCR of every page'] / timings['glyph map']:.2f}× faster")


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
    print(f"Text-layer PDFs: {len(files)} files, {pages} pages.\n")
    rows = [["bare pdfplumber extract_text", f"{pages / plumber:.1f}", "1.00", f"{plumber / pdfium_s:.1f}"],
            ["bare pypdfium2 text", f"{pages / pdfium_s:.1f}", f"{plumber / pdfium_s:.1f}", "1.0"]]
    for label, took in (("kehoach read (stamp OCR)", ours), ("kehoach read (ocr=never)", no_ocr)):
        rows.append([label, f"{pages / took:.1f}", f"{plumber / took:.2f}", f"{took / pdfium_s:.1f}"])
    print(table(["reader", "pages/s", "× pdfplumber's speed", "× pypdfium2's time"], rows))
    if not argv:
        broken_fonts()


def broken_only() -> None:
    broken_fonts()


if __name__ == "__main__":
    print(header("Readers"))
    if sys.argv[1:] == ["--broken"]:
        broken_only()
    else:
        main(sys.argv[1:])
