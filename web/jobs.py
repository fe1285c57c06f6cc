"""Batches started from the browser, run one at a time in a background thread by the same
`kehoach.batch` that the CLI runs; their progress is what the progress page polls."""
from __future__ import annotations

import json
import queue
import secrets
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..batch import api
from ..batch.runner import replacement_note
from ..batch.work import file_sha256
from ..models.text import fold
from ..store.files import write_atomic
from ..store import SQLiteStore
from ..store.review import RETIRED


@dataclass
class JobFile:
    name: str  # as shown (the client's name, or a path inside the pointed folder)
    rel: str  # the file's identity in the store (relative to the batch root)
    status: str = "queued"  # queued | ok | partial | failed | skipped
    reason: str | None = None
    pages: int | None = None
    seconds: float | None = None
    plan_id: str | None = None


@dataclass
class Job:
    id: str
    state: str = "queued"  # queued | running | done | failed
    created: float = field(default_factory=time.time)
    total: int = 0
    done: int = 0
    files: list[JobFile] = field(default_factory=list)
    refused: list[dict] = field(default_factory=list)  # {"name", "reason"}: never reached the batch
    error: str | None = None
    elapsed: float | None = None
    root: str | None = None  # a pointed folder; None for uploads (the inbox)

    def as_dict(self) -> dict:
        d = asdict(self)
        d.pop("root")
        return d


@dataclass
class BatchSettings:
    workers: int = 1
    timeout: float | None = 600.0
    ocr: str = "auto"
    segmenter: str = "syllable"


class JobRunner:
    """A queue of batches into one corpus folder. Uploads wait in ``incoming/<job>/`` and are
    moved into ``inbox/`` when their batch starts, so a running batch never sees half a file."""

    def __init__(self, corpus: Path, data: Path, settings: BatchSettings,
                 on_change: Callable[[], None] | None = None) -> None:
        self.corpus, self.data, self.settings = corpus, data, settings
        self.inbox = data / "inbox"
        self.incoming = data / "incoming"
        self.on_change = on_change
        self.jobs: dict[str, Job] = {}
        self.lock = threading.Lock()
        self._names_file = data / "names.json"
        self.names: dict[str, str] = self._load_names()  # plan id (the stored stem) → the uploaded file's name
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._thread = threading.Thread(target=self._loop, name="kehoach-batch", daemon=True)
        self._thread.start()

    def _load_names(self) -> dict[str, str]:
        try:
            return dict(json.loads(self._names_file.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return {}

    def new_upload_folder(self) -> tuple[str, Path]:
        job_id = secrets.token_urlsafe(9)
        folder = self.incoming / job_id
        folder.mkdir(parents=True, exist_ok=True)
        return job_id, folder

    def submit_upload(self, job_id: str, accepted: list[tuple[str, Path]], refused: list[dict]) -> Job:
        files: list[JobFile] = []
        fresh: list[tuple[str, Path]] = []
        known = self._known_contents()
        for name, stored in accepted:
            sha = file_sha256(stored)
            if sha in known:  # the same bytes are in the store already: one plan, not two
                stored.unlink()
                same = self.names.get(known[sha], known[sha])
                files.append(JobFile(name, stored.name, "skipped", f"đã có trong kho (cùng nội dung với {same})",
                                     plan_id=known[sha]))
                continue
            known[sha] = stored.stem
            files.append(JobFile(name, stored.name))
            fresh.append((name, stored))
        job = Job(job_id, total=len(files), done=len(files) - len(fresh), files=files, refused=refused)
        if fresh:
            with self.lock:
                self.names.update({stored.stem: name for name, stored in fresh})
                write_atomic(self._names_file, json.dumps(self.names, ensure_ascii=False, indent=0))
        else:
            job.state = "done"
            shutil.rmtree(self.incoming / job_id, ignore_errors=True)
        with self.lock:
            self.jobs[job_id] = job
        if fresh:
            self._queue.put(job_id)
        return job

    def _known_contents(self) -> dict[str, str]:
        """sha256 → plan id of the files the store holds a plan for."""
        db = self.corpus / "kehoach.db"
        if not db.is_file():
            return {}
        with SQLiteStore(db, readonly=True) as store:
            return {r.sha256: r.plan_id for r in store.file_records().values() if r.plan_id}

    def submit_folder(self, folder: Path) -> Job:
        job = Job(secrets.token_urlsafe(9), root=str(folder))
        with self.lock:
            self.jobs[job.id] = job
        self._queue.put(job.id)
        return job

    def get(self, job_id: str) -> Job | None:
        with self.lock:
            return self.jobs.get(job_id)

    def snapshot(self, job_id: str) -> dict | None:
        with self.lock:
            job = self.jobs.get(job_id)
            return job.as_dict() if job else None

    def stop(self) -> None:
        self._queue.put(None)
        self._thread.join(timeout=5)

    # --- the worker thread ------------------------------------------------------------------
    def _loop(self) -> None:
        while (job_id := self._queue.get()) is not None:
            job = self.get(job_id)
            if job is None:
                continue
            try:
                self._run(job)
            except Exception as exc:  # a batch that cannot run says why; the server goes on
                with self.lock:
                    job.state, job.error = "failed", f"{type(exc).__name__}: {exc}"
            finally:
                if self.on_change:
                    self.on_change()

    def _run(self, job: Job) -> None:
        started = time.perf_counter()
        if job.root is None:
            self.inbox.mkdir(parents=True, exist_ok=True)
            for f in job.files:
                if f.status == "queued":
                    (self.incoming / job.id / f.rel).rename(self.inbox / f.rel)
            shutil.rmtree(self.incoming / job.id, ignore_errors=True)
            root = self.inbox
        else:
            root = Path(job.root)
        mine = {f.rel: f for f in job.files if f.status == "queued"}

        def on_plan(todo: int, total: int) -> None:
            with self.lock:
                job.state = "running"
                if job.root is not None:
                    job.total = total

        def on_row(row) -> None:
            with self.lock:
                if job.root is None:
                    f = mine.get(row.path)
                    if f is None:  # the inbox's earlier files (skipped) and other roots' (missing)
                        return
                elif row.status in {"missing", "pruned"}:
                    return
                else:
                    f = JobFile(row.path, row.path)
                    job.files.append(f)
                f.status, f.reason, f.pages, f.seconds, f.plan_id = (row.status, row.reason, row.pages, row.seconds,
                                                                     row.plan_id)
                job.done += 1
            if self.on_change and row.status in {"ok", "partial"}:
                self.on_change()

        with self.lock:
            job.state = "running"
        s = self.settings
        report = api.batch(root, self.corpus, workers=s.workers, timeout=s.timeout, ocr=s.ocr, segmenter=s.segmenter,
                           on_plan=on_plan, on_row=on_row)
        if job.root is None:
            self._settle_versions(job)
        with self.lock:
            job.state = "failed" if report.interrupted else "done"
            job.elapsed = round(time.perf_counter() - started, 2)

    def _settle_versions(self, job: Job) -> None:
        """An upload named like an earlier one is its new version (unless their numbers or issuers say
        they are two documents): it takes the earlier one's place, corrections and statuses. The inbox
        copies of replaced or deleted uploads go."""
        with SQLiteStore(self.corpus / "kehoach.db") as store:
            book = store.reviews
            plans = {pid: (key, fold(issuer or "")) for pid, key, issuer in
                     store.conn.execute("SELECT id, number_key, issuer FROM plans")}
            for f in job.files:
                if f.status not in {"ok", "partial"} or f.plan_id not in plans:
                    continue
                for old, name in sorted(self.names.items()):
                    if name == f.name and old != f.plan_id and old in plans and _same_document(plans[old], plans[f.plan_id]):
                        done = book.replace(old, f.plan_id, "cùng tên tệp")
                        (self.corpus / "plans" / f"{old}.json").unlink(missing_ok=True)
                        with self.lock:
                            f.reason = replacement_note(done)
                        del plans[old]
            retired = [r.path for r in store.file_records().values()
                       if r.status in RETIRED and (self.inbox / r.path).is_file()]
            for rel in retired:
                (self.inbox / rel).unlink()
            book.forget_files(retired)


def _same_document(a: tuple[str | None, str], b: tuple[str | None, str]) -> bool:
    """Two uploads of one name are one document unless their numbers, or their issuers, differ."""
    (number_a, issuer_a), (number_b, issuer_b) = a, b
    return not (number_a and number_b and number_a != number_b) and not (issuer_a and issuer_b and issuer_a != issuer_b)
