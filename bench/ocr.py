"""OCR benchmark that needs no hand transcription: born-digital pages are their own answer key.

Pages of the corpus's born-digital PDFs are rendered, OCR'd by tesseract (vie) and scored against
the same pages' text layers, as multisets of syllables (lower case, one tone placement; reading
order is free): syllable error rate (reference syllables the OCR did not produce), diacritic-only
errors (a missing syllable whose base letters the OCR did produce), seconds per page. Clean renders
(300 dpi) and degraded ones that stand in for scans (150 dpi, noise, blur, a 1.5° skew); raw
tesseract and tesseract + the syllable-model correction (extract/ocr_correct.py) side by side,
same run, same images. Prints Markdown tables under bench/runinfo.py's header (command, commit, date, machine).

Usage: .venv/bin/python bench/ocr.py [--pages N] [--files kh-042,kh-043,...] [--kehoach]
  --pages N   pages per file (default 1: five pages in all)
  --kehoach   also `kehoach extract --ocr always` (with and without correction) against
              `--ocr never` on the whole files, as the issue measured it
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

from baseline import RAW
from runinfo import header, table

from kehoach.extract import ReadOptions, read_document
from kehoach.extract.normalize import clean, match_form
from kehoach.extract.ocr import ocr_image
from kehoach.extract.ocr_correct import correct_text, model
from kehoach.extract.syllables import is_syllable
from kehoach.models.text import fold

FILES = ["kh-042", "kh-043", "kh-049", "kh-051", "kh-054"]
_TOKEN = re.compile(r"[^\W\d_]+")


def syllables(text: str) -> Counter[str]:
    """Well-formed Vietnamese syllables of a text, as a multiset of comparison keys."""
    return Counter(match_form(t) for t in _TOKEN.findall(clean(text)) if is_syllable(t))


def score(ref: Counter[str], hyp: Counter[str]) -> tuple[int, int, int]:
    """(reference syllables, missing from the OCR, missing only by their diacritics)."""
    missing = ref - hyp
    extra = hyp - ref
    folded_extra = Counter()
    for s, n in extra.items():
        folded_extra[fold(s)] += n
    folded_missing = Counter()
    for s, n in missing.items():
        folded_missing[fold(s)] += n
    diacritic = sum((folded_missing & folded_extra).values())
    return sum(ref.values()), sum(missing.values()), diacritic


def degrade(image, seed: int):
    """A scan stand-in: 150 dpi, sensor noise, a little blur, a 1.5° skew."""
    import numpy as np
    from PIL import Image, ImageFilter

    rng = np.random.default_rng(seed)
    img = image.convert("L").resize((image.width // 2, image.height // 2), Image.BILINEAR)
    img = img.filter(ImageFilter.GaussianBlur(0.6))
    arr = np.asarray(img, dtype=np.float32) + rng.normal(0, 14, (img.height, img.width))
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    return img.rotate(1.5, resample=Image.BICUBIC, expand=True, fillcolor=255)


def pages_of(files: list[Path], per_file: int):
    """(name, page index, clean 300 dpi render, the page's text layer)."""
    import pdfplumber
    import pypdfium2 as pdfium

    for f in files:
        pdf = pdfium.PdfDocument(str(f))
        with pdfplumber.open(f) as plumb:
            for i in range(min(per_file, len(pdf))):
                words = plumb.pages[i].extract_words(x_tolerance=1.5, y_tolerance=3)
                layer = " ".join(w["text"] for w in words)
                yield f.stem, i, pdf[i].render(scale=300 / 72).to_pil(), layer
        pdf.close()


def page_bench(files: list[Path], per_file: int) -> None:
    model()  # loaded once, outside any page's time
    totals: dict[tuple[str, str], list[float]] = {}
    pages = []
    for name, i, image, layer in pages_of(files, per_file):
        ref = syllables(layer)
        for label, img in (("clean", image), ("degraded", degrade(image, seed=i))):
            t0 = time.perf_counter()
            raw = clean(ocr_image(img, psm=4))
            t_ocr = time.perf_counter() - t0
            t0 = time.perf_counter()
            fixed = correct_text(raw)
            t_fix = time.perf_counter() - t0
            n, miss_raw, dia_raw = score(ref, syllables(raw))
            _, miss_fix, dia_fix = score(ref, syllables(fixed))
            row = totals.setdefault(("raw", label), [0, 0, 0, 0.0, 0])
            row[0] += n; row[1] += miss_raw; row[2] += dia_raw; row[3] += t_ocr; row[4] += 1  # noqa: E702
            row = totals.setdefault(("corrected", label), [0, 0, 0, 0.0, 0])
            row[0] += n; row[1] += miss_fix; row[2] += dia_fix; row[3] += t_ocr + t_fix; row[4] += 1  # noqa: E702
            pages.append([f"{name} p{i + 1}", label, n, f"{miss_raw / n:.2%}", f"{dia_raw / n:.1%}", f"{t_ocr:.1f}",
                          f"{miss_fix / n:.2%}", f"{dia_fix / n:.1%}", f"{t_ocr + t_fix:.1f}"])
    print("#### OCR of rendered pages against their own text layers\n")
    rows = []
    for label in ("clean", "degraded"):
        raw, fix = totals[("raw", label)], totals[("corrected", label)]
        rows.append([label, raw[0], f"{raw[1] / raw[0]:.2%}", f"{raw[2] / raw[0]:.2%}", f"{raw[3] / raw[4]:.2f}",
                     f"{fix[1] / fix[0]:.2%}", f"{fix[2] / fix[0]:.2%}", f"{fix[3] / fix[4]:.2f}",
                     f"{fix[1] / max(raw[1], 1):.2f}"])
    print(table(["render", "syllables", "raw tesseract: wrong", "of which only diacritics", "s/page",
                 "corrected: wrong", "of which only diacritics", "s/page", "errors, corrected / raw"], rows))
    print("\nPer page:\n")
    print(table(["page", "render", "syllables", "raw: wrong", "diacritics", "s", "corrected: wrong", "diacritics",
                 "s"], pages))


def kehoach_bench(files: list[Path]) -> None:
    """`kehoach extract --ocr always` (corrected / raw) against `--ocr never`, whole files."""
    tot = Counter()
    rows = []
    for f in files:
        ref = syllables(read_document(f, ReadOptions(ocr="never")).text)
        t0 = time.perf_counter()
        fixed = syllables(read_document(f, ReadOptions(ocr="always")).text)
        t_fix = time.perf_counter() - t0
        t0 = time.perf_counter()
        raw = syllables(read_document(f, ReadOptions(ocr="always", ocr_correct=False)).text)
        t_raw = time.perf_counter() - t0
        n, miss_raw, _ = score(ref, raw)
        _, miss_fix, _ = score(ref, fixed)
        tot.update(n=n, raw=miss_raw, fix=miss_fix)
        rows.append([f.stem, n, f"{miss_raw / n:.2%}", f"{t_raw:.1f}", f"{miss_fix / n:.2%}", f"{t_fix:.1f}"])
    rows.append(["all", tot["n"], f"{tot['raw'] / tot['n']:.2%}", "", f"{tot['fix'] / tot['n']:.2%}", ""])
    print("#### Whole files through the reader: `--ocr always` against `--ocr never`\n")
    print(table(["file", "syllables", "raw: wrong", "s", "corrected: wrong", "s"], rows))


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=1)
    ap.add_argument("--files", default=",".join(FILES))
    ap.add_argument("--kehoach", action="store_true")
    args = ap.parse_args(argv)
    print(header("OCR"))
    files = [p for p in (RAW / f"{n}.pdf" for n in args.files.split(",")) if p.exists()]
    if not files:
        print("no PDF to measure (needs ../shared/corpus)")
        return 0
    page_bench(files, args.pages)
    if args.kehoach:
        print()
        kehoach_bench(files)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
