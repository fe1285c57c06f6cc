"""Pages that are no official documents (legal Q&A articles, encyclopedia and news pages of a portal) should
yield no (agency, duty) pairs. Splits ../shared/corpus/unlabeled/legal-text.txt.gz into its pages, draws a seeded
random N of them, parses each as a user would (`kehoach.parse` on a temporary .txt file: the same readers and
parser), and reports the share of pages that yield any pair (with its 95 % interval), pairs per page, time,
and the pages that yield pairs, for inspection.

Usage: python scripts/unlabeled_pages.py [-n 500] [--seed 1] [--quote 80] [--out FILE.md] [--text PATH.txt.gz]
                                          [--commit SHA]

Pages are the file's blocks separated by a blank line (its README); a page's id `u-NNNNN` is its position among
the non-empty blocks, in file order. A few pages are the full text of an official document (a number under the
header, Nơi nhận, a TM./KT. signature, "Lưu: VT"): they may assign duties and are counted apart, so that the
share that matters — pages that are no official document yet yield pairs — is shown on its own. --quote sets how many characters of each listed duty to show (0: none — use
it for anything committed: the text itself stays in ../shared).
"""
from __future__ import annotations

import argparse
import gzip
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from pydantic import BaseModel

import kehoach
from kehoach.models import Plan
from yardlib import SHARED, code_commit, emit, md_table, share_cell

TEXT = SHARED / "corpus" / "unlabeled" / "legal-text.txt.gz"
BLANK_LINE = re.compile(r"\n[ \t]*\n")
SHOWN_PAIRS = 3  # pairs listed per yielding page
# What an official document's own text carries and an article about one does not: a page with at least
# DOCUMENT_MARKS of them is the text of an official document (it may assign duties) and is counted apart.
MARKS: dict[str, re.Pattern[str]] = {
    "number": re.compile(r"\bSố\s*:\s*\d+[^\s/]*/\S+"),              # "Số: 84/2025/QĐ-UBND", looked for at the top
    "recipients": re.compile(r"(^|\n)\s*-?\s*Nơi nhận\s*:", re.IGNORECASE),
    "signature": re.compile(r"(^|\s)(TM|KT|TL|TUQ)\.\s*[A-ZĐÂĂÊÔƠƯ]"),  # "TM. ỦY BAN NHÂN DÂN", "KT. BỘ TRƯỞNG"
    "archive": re.compile(r"(^|\s)-?\s*Lưu\s*:\s*(VT|Văn thư)"),
}
HEAD_CHARS = 800  # where the number is looked for
DOCUMENT_MARKS = 2


class PageResult(BaseModel):
    id: str
    chars: int
    status: str
    seconds: float
    pairs: int
    doc_type: str | None = None
    number: str | None = None
    official: bool = True
    marks: list[str] = []  # the official document's marks the page carries (MARKS)
    first: list[tuple[str, str, str]] = []  # (agency, role, duty)


def split_pages(text: str) -> list[str]:
    """The pages: blocks separated by a blank line, stripped, empty ones dropped."""
    return [p.strip() for p in BLANK_LINE.split(text) if p.strip()]


def document_marks(page: str) -> list[str]:
    """The marks of an official document's own text that the page carries."""
    return [name for name, pattern in MARKS.items() if pattern.search(page[:HEAD_CHARS] if name == "number" else page)]


def is_document_text(result: "PageResult") -> bool:
    return len(result.marks) >= DOCUMENT_MARKS


def page_id(index: int) -> str:
    return f"u-{index:05d}"


def draw_pages(count: int, n: int, seed: int) -> list[int]:
    """A seeded random ``n`` of ``count`` page positions, in file order."""
    return sorted(random.Random(seed).sample(range(count), min(n, count)))


def plan_pairs(plan: Plan) -> list[tuple[str, str, str]]:
    return [(a.name, role, t.text) for t in plan.tasks for role in ("lead", "support", "requested")
            for a in getattr(t, role)]


def parse_page(index: int, text: str, folder: Path) -> PageResult:
    """Parse one page as a text document a user drops in; the temporary file is removed after."""
    path = folder / f"{page_id(index)}.txt"
    path.write_text(text + "\n", encoding="utf-8")
    started = time.perf_counter()
    plan = kehoach.parse(path)
    seconds = time.perf_counter() - started
    path.unlink()
    pairs = plan_pairs(plan)
    return PageResult(id=page_id(index), chars=len(text), status=plan.status.value, seconds=seconds, pairs=len(pairs),
                      doc_type=plan.document.doc_type, number=plan.document.number, official=plan.document.official,
                      marks=document_marks(text), first=pairs[:SHOWN_PAIRS])


def yield_cell(results: list[PageResult]) -> str:
    yielding = sum(1 for r in results if r.pairs)
    return f"{yielding} of {len(results)} — {share_cell(yielding, len(results))}"


def summary(results: list[PageResult], total_pages: int, seed: int, wall: float, commit: str) -> str:
    n = len(results)
    articles = [r for r in results if not is_document_text(r)]
    pairs = sum(r.pairs for r in results)
    yielding = sum(1 for r in results if r.pairs)
    times = [r.seconds for r in results]
    statuses = ", ".join(f"{s} {sum(r.status == s for r in results)}" for s in ("ok", "partial", "failed")
                         if any(r.status == s for r in results))
    rows = [("pages in the file", total_pages), ("pages drawn (seed)", f"{n} ({seed})"), ("code at", commit),
            ("pages yielding any pair", yield_cell(results)),
            (f"… of the pages that are no official document's text (< {DOCUMENT_MARKS} marks)", yield_cell(articles)),
            (f"… of the pages that are one (≥ {DOCUMENT_MARKS} marks: {', '.join(MARKS)})",
             yield_cell([r for r in results if is_document_text(r)])),
            ("pairs", pairs), ("pairs per page", f"{pairs / n:.2f}" if n else "–"),
            ("pairs per yielding page", f"{pairs / yielding:.1f}" if yielding else "–"),
            ("pages read as official", sum(r.official for r in results)), ("status", statuses),
            ("parse time per page, median / max", f"{statistics.median(times):.3f} s / {max(times):.2f} s" if times else "–"),
            ("wall time", f"{wall:.0f} s")]
    return md_table(("measure", "value"), rows) + \
        "\n\nTarget: ≤ 1 % of the pages that are no official document yield any pair."


def listing(results: list[PageResult], quote: int) -> str:
    def first(r: PageResult) -> str:
        return "; ".join(f"{a} ({role})" + (f": {d[:quote]}" + ("…" if len(d) > quote else "") if quote else "")
                         for a, role, d in r.first)

    rows = [(r.id, r.chars, r.pairs, r.doc_type or "", r.number or "", "yes" if r.official else "no",
             ", ".join(r.marks), first(r)) for r in sorted(results, key=lambda r: -r.pairs) if r.pairs]
    return md_table(("page", "chars", "pairs", "doc_type", "number", "read as official", "document marks",
                     "first pairs"), rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=500, help="pages to draw (default 500)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--quote", type=int, default=80, help="characters of each listed duty to show (0: none)")
    ap.add_argument("--text", type=Path, default=TEXT, help="the gzipped pages")
    ap.add_argument("--commit", help="the commit of the code measured (default: this checkout's)")
    ap.add_argument("--out", type=Path, help="also write the report to this Markdown file")
    args = ap.parse_args(argv)
    if not args.text.is_file():
        print(f"{args.text}: no such file (the unlabeled text lives in ../shared)", file=sys.stderr)
        return 2
    with gzip.open(args.text, "rt", encoding="utf-8") as f:
        pages = split_pages(f.read())
    chosen = draw_pages(len(pages), args.n, args.seed)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        results = []
        for done, i in enumerate(chosen, 1):
            results.append(parse_page(i, pages[i], Path(tmp)))
            if done % 50 == 0:
                print(f"{done}/{len(chosen)} pages", file=sys.stderr, flush=True)
    text = summary(results, len(pages), args.seed, time.perf_counter() - started, args.commit or code_commit()) + \
        "\n\nPages that yield pairs, the most first:\n\n" + listing(results, args.quote)
    return emit(text, args.out)


if __name__ == "__main__":
    sys.exit(main())
