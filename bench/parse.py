"""Parse speed beyond reading: each corpus document is read once (not timed), then parsed with
both tokenizers, and with the trained agency recogniser in place of the hand extents; prints seconds
per document and per page (PDFs), and the ratios between them.

Usage: .venv/bin/python bench/parse.py [FILE_OR_DIR ...]   (default: ../shared/corpus/raw + corpus/seeds)
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

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
    print(f"documents={len(sources)} characters={chars} pdf pages={pages}")
    results = {}
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
        print(f"{seg:12s}: {sum(times):6.1f} s total, mean {statistics.mean(times) * 1000:6.0f} ms/doc, "
              f"median {statistics.median(times) * 1000:6.0f} ms/doc, max {max(times):5.2f} s, "
              f"{(pdf_time / pages * 1000) if pages else 0:5.0f} ms per PDF page, "
              f"{chars / sum(times) / 1000:6.0f} k chars/s")
    print(f"underthesea tokenizer / syllable tokenizer: {results['underthesea'] / results['syllable']:.2f}x the time")
    try:
        for mode in ("model", "filter"):
            rec = AgencyRecognizer.load(mode=mode)
            parse(sources[0], segmenter="syllable", recognizer=rec)
            times = []
            for s in sources:
                t0 = time.perf_counter()
                parse(s, segmenter="syllable", recognizer=AgencyRecognizer(rec.nlp, mode))  # a cold cache each
                times.append(time.perf_counter() - t0)
            print(f"recogniser {mode:6s} (syllable tokens): mean {statistics.mean(times) * 1000:6.0f} ms/doc, "
                  f"median {statistics.median(times) * 1000:6.0f} ms/doc, max {max(times):5.2f} s; "
                  f"{sum(times) / results['syllable']:.2f}x the hand extents")
    except ModelMissing as err:
        print(f"recogniser: not measured ({err})")
    same = sum(parse(s, segmenter="syllable").model_dump_json() == parse(s, segmenter="underthesea").model_dump_json()
               for s in sources)
    print(f"plan JSON identical with either tokenizer: {same}/{len(sources)} documents")


if __name__ == "__main__":
    main(sys.argv[1:])
