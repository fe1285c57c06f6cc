"""The hostile folder at full size: 1,000 files of which ~100 are hostile (empty, truncated and
junk PDFs, junk and zip-bomb DOCX, XML entity bombs, 60 MB texts, English, binary named .md,
invalid UTF-8, looping page trees, markup in agency names; HTML entity bombs, pages nested 100,000 deep, huge
pages, binary named .html, pages of scripts only), batched end to end.

Prints whether every file is in the report with its expected reason, every good one processed,
and the peak resident memory of the whole process tree (goal < 1 GB), as a Markdown table under
bench/runinfo.py's header (command, commit, date, machine).
Usage: .venv/bin/python bench/hostile.py [--work /tmp/kehoach-hostile] [--workers 2]
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from batch import TreeRSS, mb  # noqa: E402
from runinfo import header, table  # noqa: E402

from kehoach.batch.runner import BatchOptions, run_batch  # noqa: E402
from tests.hostile import build  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", type=Path, default=Path("/tmp/kehoach-hostile"))
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--good", type=int, default=904)
    ap.add_argument("--copies", type=int, default=8)  # 17 kinds × 8 = 136 hostile files
    ap.add_argument("--big-mb", type=int, default=60)
    args = ap.parse_args()
    print(header("Hostile inputs"))
    shutil.rmtree(args.work, ignore_errors=True)
    folder, out = args.work / "in", args.work / "out"
    t0 = time.perf_counter()
    expected = build(folder, good=args.good, copies=args.copies, big_mb=args.big_mb)
    size = sum(p.stat().st_size for p in folder.iterdir())
    hostile = sum(1 for r in expected.values() if r)
    print(f"Folder built in {time.perf_counter() - t0:.0f} s (not timed below).\n", file=sys.stderr)
    rss = TreeRSS()
    rss.start()
    t0 = time.perf_counter()
    report = run_batch(folder, out, BatchOptions(workers=args.workers, timeout=300))
    took = time.perf_counter() - t0
    rss.stop()
    rows = {r["path"]: r for r in json.loads((out / "report.json").read_text(encoding="utf-8"))["files"]}
    missing = set(expected) - set(rows)
    wrong = {n: (want, (rows[n]["reason"] or "")[:80]) for n, want in expected.items() if n in rows and (
        (want is None and (rows[n]["status"] == "failed" or not rows[n]["plan_id"]))
        or (want is not None and not ((rows[n]["reason"] or "").startswith(want) or f"; {want}:" in (rows[n]["reason"] or ""))))}
    print(table(["files", "hostile", "size", "workers", "batch", "in the report", "unexpected status or reason",
                 "peak RSS of the process tree (goal < 1 GB)"],
                [[len(expected), hostile, f"{size / 2 ** 20:.0f} MB", args.workers, f"{took:.0f} s",
                  f"{len(rows)}/{len(expected)}", len(wrong), mb(rss.peak)]]))
    print(f"\nCounts: {dict(report.counts)}; missing from the report: {len(missing)}.")
    for n, w in list(wrong.items())[:10]:
        print(f"- unexpected: {n} {w}")


if __name__ == "__main__":
    main()
