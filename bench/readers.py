"""Reader speed: kehoach's PDF reader against bare pdfplumber and bare pypdfium2 on the same files,
same run; with and without stamp OCR; and the broken-font path.

Usage: .venv/bin/python bench/readers.py [PDF ...]   (default: the corpus's text-layer PDFs without broken fonts)
       .venv/bin/python bench/readers.py --broken    (the broken-font PDFs only: glyph map vs OCR of every page)
       .venv/bin/python bench/readers.py --html      (HTML fixtures made from the seeds vs Markdown of the same text)
Prints Markdown tables (bench/runinfo.py's header: command, commit, date, machine) of pages/s for each and
the two ratios. Stamp OCR is part of reading, so it is in kehoach's time.
"""
from __future__ import annotations

import statistics
import sys
import tempfile
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


def _timed(files: list[Path], repeat: int) -> tuple[float, int]:
    """(median seconds of one pass of read_document over ``files``, characters of text read)."""
    chars = sum(len(read_document(f).text) for f in files)  # warm: imports, first-use tables
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for f in files:
            read_document(f)
        runs.append(time.perf_counter() - t0)
    return statistics.median(runs), chars


def html_vs_markdown(repeat: int = 15) -> None:
    """The HTML reader on the fixtures tests/htmlgen.py makes from each seed (Word's "Save as Web Page"
    with the assignment table, and a saved portal page) against the Markdown reader on the same text
    (and the DOCX reader on the same document), same run, read_document's whole cost."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from tests.htmlgen import ASSIGNMENTS, docx_bytes, plain_text, plan_from_text, portal_html, word_html

    seeds = sorted((Path(__file__).resolve().parents[1] / "corpus" / "seeds").glob("*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        kinds: dict[str, list[Path]] = {"word html": [], "portal html": [], "markdown": [], "docx": []}
        for i, seed in enumerate(seeds):
            plan = plan_from_text(seed.read_text(encoding="utf-8"), issuer=["ỦY BAN NHÂN DÂN", "TỈNH HƯNG YÊN"],
                                  number=f"Số: {i + 1}/KH-UBND", place_date="Hưng Yên, ngày 10 tháng 02 năm 2026",
                                  table=ASSIGNMENTS)
            for kind, name, data in (("word html", f"{i}.htm", word_html(plan)),
                                     ("docx", f"{i}.docx", docx_bytes(plan)),
                                     ("portal html", f"{i}.html", portal_html(plan, {"Số hiệu": f"{i + 1}/KH-UBND"},
                                                                              "Kế hoạch")),
                                     ("markdown", f"{i}.md", plain_text(plan).encode("utf-8"))):
                (folder / name).write_bytes(data)
                kinds[kind].append(folder / name)
        timings = {kind: _timed(files, repeat) for kind, files in kinds.items()}
        sizes = {kind: sum(f.stat().st_size for f in files) for kind, files in kinds.items()}
    base, _ = timings["markdown"]
    print(f"HTML, DOCX and Markdown of the same documents: {len(seeds)} files per kind, median of {repeat} passes, "
          "read_document's whole cost.\n")
    print(table(["reader", "KB/file", "docs/s", "M chars of text/s", "ms/doc", "× Markdown's time"],
                [[kind, f"{sizes[kind] / len(seeds) / 1024:.0f}", f"{len(seeds) / took:.1f}", f"{chars / took / 1e6:.2f}",
                  f"{took / len(seeds) * 1000:.1f}", f"{took / base:.2f}"] for kind, (took, chars) in timings.items()]))


if __name__ == "__main__":
    print(header("Readers"))
    if sys.argv[1:] == ["--broken"]:
        broken_only()
    elif sys.argv[1:] == ["--html"]:
        html_vs_markdown()
    else:
        main(sys.argv[1:])
