"""The baseline every reader benchmark compares against: bare pdfplumber `extract_text`, and the
corpus files it is measured on."""
from __future__ import annotations

import time
from pathlib import Path

import pdfplumber

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
