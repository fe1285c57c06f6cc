"""Batch benchmarks, with baselines in the same run.

1. Throughput on the corpus's text-layer PDFs (each in three distinct copies): `kehoach batch`
   end to end (fresh output, all cores), with and without stamp OCR, against bare pdfplumber
   `extract_text` and bare pypdfium2 text of the same files.
2. A synthetic corpus of N plans (default 10,000) generated from the sample documents: documents/s,
   peak RSS of the whole process tree and its growth over the run, a re-run with nothing changed,
   and query latency p50/p95 for `who` and `checklist` from the store.

Prints Markdown tables under bench/runinfo.py's header (command, commit, date, machine).

Usage: .venv/bin/python bench/batch.py [--n 10000] [--work /tmp/kehoach-bench] [--skip-pdf] [--skip-corpus]
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import sys
import threading
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))

from baseline import TEXT_PDFS, corpus_pdfs, distinct_copies, pdfium_pass, pdfplumber_pass  # noqa: E402
from runinfo import header, table  # noqa: E402
from synth import generate, sources  # noqa: E402

from kehoach.batch.runner import BatchOptions, run_batch  # noqa: E402
from kehoach.batch.work import WorkOptions  # noqa: E402
from kehoach.graph import queries  # noqa: E402
from kehoach.store import SQLiteStore  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


class TreeRSS(threading.Thread):
    """Samples the resident memory of this process and all its children."""

    def __init__(self, every: float = 0.25) -> None:
        super().__init__(daemon=True)
        self.every, self.peak, self.samples, self._halt = every, 0, [], threading.Event()

    def run(self) -> None:
        me = psutil.Process()
        while not self._halt.is_set():
            total = 0
            for p in [me] + me.children(recursive=True):
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)
            self.samples.append((time.perf_counter(), total))
            time.sleep(self.every)

    def stop(self) -> None:
        self._halt.set()
        self.join()


def mb(n: float) -> str:
    return f"{n / 2 ** 20:.0f} MB"


def bench_pdfs(work: Path, workers: int, copies: int = 3) -> None:
    """The corpus's text PDFs × ``copies`` distinct copies, batched end to end, against bare
    pdfplumber and bare pypdfium2 text extraction of the same files in the same run."""
    originals = corpus_pdfs(TEXT_PDFS)
    if not originals:
        print("pdf throughput: ../shared corpus not present, skipped")
        return
    folder = work / "pdfs"
    shutil.rmtree(folder, ignore_errors=True)
    files = distinct_copies(originals, folder, copies)
    # the machine is shared: the baselines run before and after kehoach, and the ratios use their mean
    pages, plumber_1, _ = pdfplumber_pass(files)
    _, pdfium_1, _ = pdfium_pass(files)
    # the parent loads the pipeline once per process; measured apart, so neither batch below carries it
    from kehoach.batch.runner import _warm_up

    t0 = time.perf_counter()
    _warm_up(WorkOptions(segmenter="syllable"))
    start_up = time.perf_counter() - t0
    runs = []
    for label, opts in [("stamp OCR, syllable tokenizer", WorkOptions(segmenter="syllable")),
                        ("ocr=never, syllable tokenizer", WorkOptions(ocr="never", segmenter="syllable"))]:
        out = work / "pdf-out"
        shutil.rmtree(out, ignore_errors=True)
        t0 = time.perf_counter()
        report = run_batch(folder, out, BatchOptions(workers=workers, work=opts))
        runs.append((label, time.perf_counter() - t0, dict(report.counts)))
    _, plumber_2, _ = pdfplumber_pass(files)
    _, pdfium_2, _ = pdfium_pass(files)
    plumber, pdfium_s = (plumber_1 + plumber_2) / 2, (pdfium_1 + pdfium_2) / 2
    print(f"#### Text PDFs, end to end\n\n{len(files)} files ({len(originals)} × {copies} distinct copies), "
          f"{pages} pages, {workers} workers. The baselines run before and after kehoach; their mean is used "
          f"(pdfplumber before {pages / plumber_1:.1f}, after {pages / plumber_2:.1f} pages/s). The pipeline load, "
          f"once per batch process, is {start_up:.1f} s: outside the kehoach rows' speed, inside the column "
          f"\"with the pipeline load\".\n")
    rows = [["bare pdfplumber extract_text (1 process)", f"{pages / plumber:.1f}", "1.00", "", f"{plumber / pdfium_s:.1f}", ""],
            ["bare pypdfium2 get_text_range (1 process)", f"{pages / pdfium_s:.1f}", f"{plumber / pdfium_s:.1f}", "",
             "1.0", ""]]
    for label, took, counts in runs:
        rows.append([f"kehoach batch, {label}", f"{pages / took:.1f}", f"{plumber / took:.2f}",
                     f"{plumber / (took + start_up):.2f}", f"{took / pdfium_s:.1f}",
                     ", ".join(f"{k} {v}" for k, v in counts.items())])
    print(table(["reader", "pages/s", "× pdfplumber's speed", "× with the pipeline load", "× pypdfium2's time",
                 "files"], rows) + "\n")


def bench_corpus(work: Path, n: int, workers: int, segmenter: str, reuse: bool = False) -> None:
    from kehoach import pipeline_version

    version = pipeline_version()  # pinned for the whole run: editing the code mid-run must not redo it
    docs = work / f"synth-{n}"
    t0 = time.perf_counter()
    files = generate(docs, n, sources(ROOT, SHARED if SHARED.exists() else None))
    size = sum(f.stat().st_size for f in files)
    print(f"#### A synthetic corpus\n\n{n} plans from bench/synth.py, {size / 2 ** 20:.0f} MB of text, "
          f"{segmenter} tokenizer, {workers} workers.\n")
    print(f"generated in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    facts: list[list[object]] = []
    out = work / f"synth-{n}-out"
    options = BatchOptions(workers=workers, work=WorkOptions(segmenter=segmenter), pipeline=version)
    if reuse and (out / "kehoach.db").exists():
        import sqlite3

        with sqlite3.connect(out / "kehoach.db") as c:  # a store made by an earlier run: adopt it as this version's
            c.execute("UPDATE files SET pipeline = ?", (version,))
        facts.append(["batch", "not measured: the store of an earlier run is reused (--reuse)"])
    else:
        shutil.rmtree(out, ignore_errors=True)
        rss = TreeRSS()
        rss.start()
        t0 = time.perf_counter()
        report = run_batch(docs, out, options)
        took = time.perf_counter() - t0
        rss.stop()
        facts.append(["batch", f"{took:.0f} s, {n / took:.1f} documents/s; {counts_text(report.counts)}"])
        samples = rss.samples
        quarters = [max((r for t, r in samples if t <= samples[0][0] + took * q / 4), default=0) for q in (1, 2, 3, 4)]
        facts.append(["peak RSS of the process tree (goal < 500 MB)", mb(rss.peak)])
        facts.append(["running peak at 25 / 50 / 75 / 100 %", " / ".join(mb(q) for q in quarters)])
    t0 = time.perf_counter()
    again = run_batch(docs, out, options)
    facts.append(["re-run with nothing changed (goal < 10 s)",
                 f"{time.perf_counter() - t0:.2f} s; {counts_text(again.counts)}"])
    store = SQLiteStore(out / "kehoach.db", readonly=True)
    facts.append(["store", f"{counts_text(store.counts())}; {mb((out / 'kehoach.db').stat().st_size)}"])
    words = ["vay vốn", "vay von", "chuyển đổi số", "tuyên truyền", "kinh phí", "hội nghị tổng kết", "báo cáo kết quả",
             "an toàn thông tin", "ma túy", "đào tạo nghề"]
    agencies = ["Sở Tài chính", "Công an tỉnh", "Sở Nội vụ", "Sở Tư pháp", "Công an huyện", "UBND các xã, thị trấn"]
    places = ["Nghệ An", "Cà Mau", "Sơn La", "Gia Lai", "Thanh Hóa", "Lai Châu"]
    who_ms, check_ms, local_ms, sizes = [], [], [], []
    for rep in range(3):
        for w in words:
            t0 = time.perf_counter()
            queries.who([], w, limit=10, hits=store.search(w))
            who_ms.append((time.perf_counter() - t0) * 1000)
        for a, place in zip(agencies, places):
            t0 = time.perf_counter()
            rows = queries.checklist(store.agency_duties(a), dt.date(2026, 3, 1))
            check_ms.append((time.perf_counter() - t0) * 1000)
            sizes.append(len(rows))
            t0 = time.perf_counter()
            try:  # what an office asks: its own agency, in its own province
                queries.checklist(store.agency_duties(a, place), dt.date(2026, 3, 1))
            except queries.NotFound:
                pass
            local_ms.append((time.perf_counter() - t0) * 1000)

    def pct(xs: list[float], p: float) -> float:
        return statistics.quantiles(xs, n=100)[int(p) - 1]

    facts.append(["`who` from the store (goal < 50 ms)", f"p50 {pct(who_ms, 50):.1f} ms, p95 {pct(who_ms, 95):.1f} ms"])
    facts.append(["checklist, one agency in one province, `--in` (goal < 50 ms)",
                 f"p50 {pct(local_ms, 50):.1f} ms, p95 {pct(local_ms, 95):.1f} ms"])
    facts.append([f"checklist, one agency in every province ({min(sizes)}–{max(sizes)} duties)",
                 f"p50 {pct(check_ms, 50):.1f} ms, p95 {pct(check_ms, 95):.1f} ms"])
    print(table(["measure", "value"], facts))


def counts_text(counts: dict) -> str:
    return ", ".join(f"{v:,} {k}" for k, v in dict(counts).items())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--work", type=Path, default=Path("/tmp/kehoach-bench"))
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--segmenter", default="syllable")
    ap.add_argument("--skip-pdf", action="store_true")
    ap.add_argument("--skip-corpus", action="store_true")
    ap.add_argument("--reuse", action="store_true", help="measure the re-run and queries on an existing store")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    print(header("Batch and store"))
    if not args.skip_pdf:
        bench_pdfs(args.work, args.workers)
    if not args.skip_corpus:
        bench_corpus(args.work, args.n, args.workers, args.segmenter, args.reuse)


if __name__ == "__main__":
    main()
