"""The baselines every reader benchmark compares against, measured in the same run: bare
pdfplumber `extract_text` and bare pypdfium2 `get_text_range`; and the corpus files they run on."""
from __future__ import annotations

import shutil
import time
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium

RAW = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "raw"
TEXT_PDFS = ["kh-042", "kh-043", "kh-044", "kh-049", "kh-050", "kh-051", "kh-052", "kh-054", "kh-055", "kh-057"]
BROKEN_PDFS = ["kh-038", "kh-058", "kh-059", "kh-060"]  # fonts without a Unicode map


def corpus_pdfs(names: list[str]) -> list[Path]:
    return [p for p in (RAW / f"{n}.pdf" for n in names) if p.exists()]


def pdfplumber_pass(files: list[Path]) -> tuple[int, float, list[str]]:
    """(pages, seconds, page texts) of extracting every page with bare pdfplumber."""
    texts: list[str] = []
    t0 = time.perf_counter()
    for f in files:
        with pdfplumber.open(f) as pdf:
            texts.extend(p.extract_text() or "" for p in pdf.pages)
    return len(texts), time.perf_counter() - t0, texts


def pdfium_pass(files: list[Path]) -> tuple[int, float, list[str]]:
    """(pages, seconds, page texts) of extracting every page with bare pypdfium2."""
    texts: list[str] = []
    t0 = time.perf_counter()
    for f in files:
        pdf = pdfium.PdfDocument(str(f))
        try:
            for page in pdf:
                tp = page.get_textpage()
                texts.append(tp.get_text_range())
                tp.close()
                page.close()
        finally:
            pdf.close()
    return len(texts), time.perf_counter() - t0, texts


def distinct_copies(files: list[Path], folder: Path, copies: int = 3) -> list[Path]:
    """``copies`` copies of each file whose content hashes differ (a PDF comment appended after
    %%EOF), so an incremental batch cannot skip any of them."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for k in range(copies):
        for f in files:
            target = folder / f"{f.stem}-copy{k}{f.suffix}"
            shutil.copy(f, target)
            with target.open("ab") as fh:
                fh.write(f"\n% copy {k}\n".encode())
            out.append(target)
    return out
