"""Web app latency: each page served in-process (FastAPI's test client: routing, templates, escaping,
no network), against the same question asked of the Python API directly in the same run, so the
ratio is what the web layer costs on top of the query. Prints a Markdown table under bench/runinfo.py's
header (command, commit, date, machine).

Usage: .venv/bin/python bench/web.py [CORPUS_DIR] [--n 30]
       (default: the two seeds batched into a temporary folder)
"""
from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from runinfo import header, table

import kehoach
from kehoach.graph.identity import plan_id

ROOT = Path(__file__).resolve().parents[1]


def timed(fn: Callable[[], object], n: int) -> list[float]:
    fn()  # warm
    out = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", type=Path)
    ap.add_argument("--n", type=int, default=30)
    args = ap.parse_args()
    print(header("Web app"))
    from fastapi.testclient import TestClient

    from kehoach.graph import reports
    from kehoach.graph.duties import plan_duties
    from kehoach.web.app import WebConfig, create_app
    from kehoach.web.provenance import text_source

    corpus = args.corpus
    if corpus is None:
        corpus = Path(tempfile.mkdtemp(prefix="kehoach-web-bench-"))
        kehoach.batch(ROOT / "corpus" / "seeds", corpus, workers=1, timeout=None, ocr="never")
    api = kehoach.open_store(corpus)
    plans = api.plans()
    pid = plan_id(plans[0])
    agency = "Công an tỉnh"
    day = dt.date(2026, 3, 1)
    app = create_app(WebConfig(corpus=corpus))
    out = Path(tempfile.mkdtemp()) / "c.xlsx"
    source, prov = api.source_file(pid), plans[0].tasks[0].provenance
    owner = plans[0].tasks[0].lead[0].name

    # the baseline of each page: the same work through the API, without HTTP and templates
    cases = [
        ("tra-cuu vay von", "/tra-cuu?q=vay+von", lambda: api.who("vay von", limit=20)),
        ("co-quan", f"/co-quan?ten={agency}&as_of={day}", lambda: (api.tasks(agency), api.checklist(agency, as_of=day))),
        ("co-quan .xlsx", f"/co-quan/tai-ve.xlsx?ten={agency}&as_of={day}",
         lambda: reports.checklist_xlsx(agency, api.checklist(agency, as_of=day), day, out)),
        ("calendar .ics", f"/calendar/{agency}.ics", lambda: api.calendar(agency)),
        ("van-ban", f"/van-ban/{pid}", lambda: plan_duties(api.plan(pid))),
        ("nguon (text)", f"/van-ban/{pid}/nguon/0", lambda: text_source(api.source_file(pid) or source, prov)),
        ("akn .xml", f"/van-ban/{pid}/akn.xml", lambda: api.akn(pid)),
        ("so-sanh", "/so-sanh?basis=49/2020/NĐ-CP", lambda: api.compare(basis="49/2020/NĐ-CP")),
        ("duyet", f"/van-ban/{pid}/duyet", lambda: (api.review_queue(pid), api.unmatched(pid))),
        ("nhiem-vu (form)", f"/van-ban/{pid}/nhiem-vu/0", lambda: api.review_history(pid, 0)),
        ("tien-do (form)", f"/tien-do/{pid}/0?co_quan={owner}", lambda: api.progress_history(pid, 0, owner)),
    ]
    print(f"{'The two seeds batched' if args.corpus is None else f'The corpus {corpus}'}: {len(plans)} plans, "
          f"{len(api.duties())} duties; {args.n} requests per page.\n")
    rows = []
    with TestClient(app) as client:
        for name, url, direct in cases:
            assert client.get(url).status_code == 200, url
            web = timed(lambda: client.get(url), args.n)
            base = timed(direct, args.n)
            p50, b50 = statistics.median(web), statistics.median(base)
            p95 = sorted(web)[int(0.95 * (len(web) - 1))]
            rows.append([name, f"{p50:.1f}", f"{p95:.1f}", f"{b50:.1f}", f"{p50 / max(b50, 1e-3):.1f}"])
    print(table(["page", "web p50 ms", "web p95 ms", "API p50 ms (baseline)", "web / API"], rows))


if __name__ == "__main__":
    main()
