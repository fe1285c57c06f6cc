"""Parse speed beyond reading: each corpus document is read once (not timed), then parsed with
both tokenizers, and with the trained agency recogniser in place of the hand extents; prints seconds
per document and per page (PDFs), and the ratios between them, as a Markdown table under bench/runinfo.py's
header (command, commit, date, machine).

Usage: .venv/bin/python bench/parse.py [FILE_OR_DIR ...]   (default: ../shared/corpus/raw + corpus/seeds)
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from runinfo import header, table

from kehoach.extract import read_document
from kehoach.nlp import parse
from kehoach.nlp.ner import AgencyRecognizer, ModelMissing
from kehoach.nlp.pipeline import build_pipeline

ROOT = Path(__file__).resolve().parents[1]


def inputs(argv: list[str]) -> list[Path]:
    roots = [Path(a) for a in argv] or [ROOT.parent / "shared" / "corpus" / "raw", ROOT / "corpus" / "seeds"]
    files: list[Path] = []
    for r in roots:
        files += sorted(p for p in r.rglob("*") if p.is_file()) if r.is_dir() else [r]
    return [f for f in files if f.suffix.lower() in {".pdf", ".docx", ".doc", ".md", ".txt"}]


def main(argv: list[str]) -> None:
    sources = [read_document(f) for f in inputs(argv)]
    sources = [s for s in sources if s.status.value != "failed"]
    chars = sum(len(s.text) for s in sources)
    pages = sum(s.pages or 0 for s in sources if s.format == "pdf")
    print(header("Parsing beyond reading"))
    print(f"{len(sources)} documents, {chars:,} characters, {pages} PDF pages; each read once (not timed).\n")
    results = {}
    rows = []
    for seg in ("syllable", "underthesea"):
        build_pipeline(seg)
        parse(sources[0], segmenter=seg)  # warm caches
        times = []
        for s in sources:
            t0 = time.perf_counter()
            parse(s, segmenter=seg)
            times.append(time.perf_counter() - t0)
        pdf_time = sum(t for t, s in zip(times, sources) if s.format == "pdf")
        results[seg] = sum(times)
        rows.append([f"{seg} tokenizer, hand extents", f"{statistics.median(times) * 1000:.0f}",
                     f"{statistics.mean(times) * 1000:.0f}", f"{max(times):.2f}",
                     f"{(pdf_time / pages * 1000) if pages else 0:.0f}", f"{chars / sum(times) / 1000:.0f}",
                     f"{sum(times):.1f}", f"{sum(times) / results['syllable']:.2f}"])
    notes = []
    try:
        for mode in ("model", "filter"):
            rec = AgencyRecognizer.load(mode=mode)
            parse(sources[0], segmenter="syllable", recognizer=rec)
            times = []
            for s in sources:
                t0 = time.perf_counter()
                parse(s, segmenter="syllable", recognizer=AgencyRecognizer(rec.nlp, mode))  # a cold cache each
                times.append(time.perf_counter() - t0)
            rows.append([f"syllable tokenizer, recogniser {mode}", f"{statistics.median(times) * 1000:.0f}",
                         f"{statistics.mean(times) * 1000:.0f}", f"{max(times):.2f}", "", "", f"{sum(times):.1f}",
                         f"{sum(times) / results['syllable']:.2f}"])
    except ModelMissing:
        notes.append("The trained agency recogniser is not measured: no model is built "
                     "(`python scripts/train_agency_ner.py` builds one).")
    print(table(["parse", "median ms/doc", "mean ms/doc", "max s", "ms per PDF page", "k chars/s", "total s",
                 "× syllable tokenizer's time"], rows))
    same = sum(parse(s, segmenter="syllable").model_dump_json() == parse(s, segmenter="underthesea").model_dump_json()
               for s in sources)
    notes.append(f"Plan JSON identical with either tokenizer: {same}/{len(sources)} documents.")
    print("\n" + "\n".join(notes))


if __name__ == "__main__":
    main(sys.argv[1:])
