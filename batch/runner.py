"""`kehoach batch`: a folder of documents → plan JSON files + the SQLite store, incrementally.

The store is the checkpoint. Each finished document is committed on its own (its JSON first,
atomically, then its rows in one transaction), so a run killed at any moment loses only the
documents in flight, and the next run redoes exactly those: an unchanged file whose record is
in the store is skipped, a changed one is re-processed and its old rows replaced.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .version import pipeline_version
from .pool import KillablePool
from .work import SUPPORTED, WorkItem, WorkOptions, WorkResult, file_sha256, process
from ..store.files import remove_stale_temps, write_atomic
from ..models import Plan, Replacement
from ..store import FileRecord, SQLiteStore
from ..store.review import RETIRED

DB_NAME = "kehoach.db"


@dataclass
class BatchOptions:
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    timeout: float | None = 600.0  # seconds per document
    memory_mb: int | None = 4096  # per worker process
    prune: bool = False
    retry_failed: bool = False
    dask: str | None = None  # scheduler address
    work: WorkOptions = field(default_factory=WorkOptions)
    pipeline: str | None = None  # the pipeline version to record and compare (default: this code's)


@dataclass
class FileRow:
    path: str
    status: str  # ok | partial | failed | skipped | pruned | missing | replaced
    reason: str | None = None
    pages: int | None = None
    seconds: float | None = None
    plan_id: str | None = None


@dataclass
class BatchReport:
    root: str
    out: str
    rows: list[FileRow] = field(default_factory=list)
    elapsed: float = 0.0
    interrupted: bool = False

    @property
    def counts(self) -> Counter[str]:
        return Counter(r.status for r in self.rows)

    @property
    def pages(self) -> int:
        return sum(r.pages or 0 for r in self.rows if r.status in {"ok", "partial", "failed"})


def scan(root: Path, exclude: Path | None = None) -> list[Path]:
    """Every readable file under ``root`` (hidden folders and the output folder left out)."""
    out: list[Path] = []
    excluded = exclude.resolve() if exclude else None
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and (here / d).resolve() != excluded)
        out.extend(here / f for f in sorted(filenames) if Path(f).suffix.lower() in SUPPORTED and not f.startswith("."))
    return out


def assign_ids(rels: list[str]) -> dict[str, str]:
    """Plan id = the file stem, as `kehoach parse` and the gold use; stems shared by several files
    get a short hash of their path, so ids never depend on the order files are met."""
    stems = Counter(Path(r).stem for r in rels)
    return {r: Path(r).stem if stems[Path(r).stem] == 1 else f"{Path(r).stem}~{hashlib.sha1(r.encode()).hexdigest()[:6]}"
            for r in rels}


def plan_path(out: Path, plan_id: str) -> Path:
    return out / "plans" / f"{plan_id}.json"


def run_batch(root: Path, out: Path, options: BatchOptions | None = None, *,
              on_plan: Callable[[int, int], None] | None = None,
              on_row: Callable[[FileRow], None] | None = None) -> BatchReport:
    """Process ``root`` into ``out``. ``on_plan(todo, total)`` is called once the work is known,
    ``on_row`` for every file as it is settled."""
    options = options or BatchOptions()
    root, out = Path(root), Path(out)
    out.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(out)  # a run killed mid-write leaves its temporary file; the plan itself is redone
    started = time.perf_counter()
    report = BatchReport(str(root), str(out))

    def settle(row: FileRow) -> None:
        report.rows.append(row)
        if on_row:
            on_row(row)

    store = SQLiteStore(out / DB_NAME)
    try:
        files = scan(root, exclude=out)
        rels = {f: f.relative_to(root).as_posix() for f in files}
        ids = assign_ids(list(rels.values()))
        records = store.file_records()
        version = options.pipeline or pipeline_version()
        todo: list[WorkItem] = []
        for f, rel in rels.items():
            st = f.stat()
            rec = records.get(rel)
            retired = rec is not None and rec.status in RETIRED  # deleted by a person, or an older version
            retry = rec is not None and not retired and (
                (options.retry_failed and rec.status == "failed") or rec.pipeline != version)
            if rec and not retry and rec.size == st.st_size and rec.mtime_ns == st.st_mtime_ns:
                settle(FileRow(rel, "skipped", rec.reason if retired else "unchanged", rec.pages, 0.0, rec.plan_id))
                continue
            sha = file_sha256(f)
            if rec and not retry and rec.sha256 == sha:  # touched, not changed
                store.touch(rel, st.st_mtime_ns)
                settle(FileRow(rel, "skipped", rec.reason if retired else "unchanged content", rec.pages, 0.0,
                               rec.plan_id))
                continue
            todo.append(WorkItem(str(f.resolve()), rel, ids[rel], sha, st.st_size, st.st_mtime_ns))
        for rel in sorted(set(records) - set(rels.values())):
            if options.prune:
                if records[rel].plan_id:
                    plan_path(out, records[rel].plan_id).unlink(missing_ok=True)
                store.remove(rel)
                settle(FileRow(rel, "pruned", "file no longer in the folder", plan_id=records[rel].plan_id))
            else:
                settle(FileRow(rel, "missing", "file no longer in the folder (use --prune to drop it)",
                               plan_id=records[rel].plan_id))
        if on_plan:
            on_plan(len(todo), len(files))
        try:
            for result in _results(todo, options):
                settle(_commit(result, out, store, version))
        except KeyboardInterrupt:
            report.interrupted = True
    finally:
        report.elapsed = round(time.perf_counter() - started, 3)
        store.close()
        write_reports(report, out)
    return report


def _results(todo: list[WorkItem], options: BatchOptions) -> Iterator[WorkResult]:
    if not todo:
        return
    if options.dask:
        yield from _dask_results(todo, options)
        return
    if options.workers <= 1 and not options.timeout:
        for item in todo:
            yield process(item, options.work)
        return
    _warm_up(options.work)  # load the pipeline once, before forking: the workers share it
    pool = KillablePool(_Processor(options.work), options.workers, timeout=options.timeout,
                        memory_mb=options.memory_mb)
    for outcome in pool.imap_unordered(todo):
        if outcome.result is not None:
            yield outcome.result
        else:
            item: WorkItem = outcome.item
            yield WorkResult(item.rel, item.plan_id, item.sha256, item.size, item.mtime_ns, "failed",
                             outcome.error, None, options.timeout or 0.0, None)


class _Processor:
    """Picklable callable: process(item) with fixed options."""

    def __init__(self, options: WorkOptions) -> None:
        self.options = options

    def __call__(self, item: WorkItem) -> WorkResult:
        return process(item, self.options)


def _warm_up(options: WorkOptions) -> None:
    from ..nlp.pipeline import build_pipeline

    build_pipeline(options.segmenter)
    for fmt in ("text", "markdown", "pdf", "docx"):
        try:
            from ..extract.base import _backend

            _backend(fmt)
        except Exception:  # a backend that cannot load fails its own documents, not the batch
            pass
    try:  # what the PDF reader loads on first use, so that no worker pays for it again
        from ..extract.ocr import prepare
        from ..extract.pdf_chars import _api

        _api()
        prepare()
        import docx  # noqa: F401
        import pdfplumber  # noqa: F401
        from PIL import Image  # noqa: F401
    except Exception:
        pass


def _dask_results(todo: list[WorkItem], options: BatchOptions) -> Iterator[WorkResult]:
    """The same per-document function on a Dask cluster; results come back to this process,
    which alone writes the store."""
    try:
        from dask.distributed import Client, as_completed
    except ImportError as exc:
        raise RuntimeError("--dask needs the optional extra: pip install 'kehoach[dask]'") from exc
    with Client(options.dask) as client:
        futures = client.map(process, todo, options=options.work, pure=False)
        item_of = dict(zip(futures, todo))
        for fut in as_completed(futures):
            item = item_of[fut]
            try:
                yield fut.result()
            except Exception as exc:  # a worker lost mid-document
                yield WorkResult(item.rel, item.plan_id, item.sha256, item.size, item.mtime_ns, "failed",
                                 f"dask: {type(exc).__name__}: {exc}"[:500], None, 0.0, None)


def _commit(r: WorkResult, out: Path, store: SQLiteStore, version: str) -> FileRow:
    plan: Plan | None = None
    path = plan_path(out, r.plan_id)
    if r.plan_json is not None:
        plan = Plan.model_validate_json(r.plan_json)
        write_atomic(path, r.plan_json)
    else:
        path.unlink(missing_ok=True)  # a file that used to parse and now fails: its old plan goes
    store.save(FileRecord(r.rel, r.sha256, r.size, r.mtime_ns, r.plan_id, r.status, r.reason, r.pages, r.seconds,
                          version), plan)
    row = FileRow(r.rel, r.status, r.reason, r.pages, r.seconds, r.plan_id if plan else None)
    if plan is not None:
        for done in store.reviews.supersede(r.plan_id):  # a new version of a document replaces the old one
            if done.old_plan_id == r.plan_id:  # this file is the older version
                path.unlink(missing_ok=True)
                row.status, row.plan_id = "replaced", None
                row.reason = f"phiên bản cũ của {done.new_plan_id} ({done.reason})"
            else:
                plan_path(out, done.old_plan_id).unlink(missing_ok=True)
                row.reason = replacement_note(done)
    return row


def replacement_note(done: Replacement) -> str:
    lost = f", {len(done.unmatched)} không còn khớp" if done.unmatched else ""
    return (f"thay phiên bản cũ {done.old_plan_id} ({done.reason}): giữ {done.carried} nhiệm vụ đã duyệt "
            f"hoặc theo dõi{lost}")


REPORT_FIELDS = ["path", "status", "reason", "pages", "seconds", "plan_id"]


def write_reports(report: BatchReport, out: Path) -> None:
    rows = sorted(report.rows, key=lambda r: r.path)
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=REPORT_FIELDS)
    w.writeheader()
    for r in rows:
        w.writerow(asdict(r))
    write_atomic(out / "report.csv", buf.getvalue())
    summary = {"root": report.root, "out": report.out, "elapsed_seconds": report.elapsed,
               "interrupted": report.interrupted, "counts": dict(report.counts), "pages": report.pages,
               "files": [asdict(r) for r in rows]}
    write_atomic(out / "report.json", json.dumps(summary, ensure_ascii=False, indent=1))
