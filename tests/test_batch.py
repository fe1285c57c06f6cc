"""kehoach batch: incremental, resumable after a real kill -9, bounded per document, on Dask too;
and the store it writes (schema versions, FTS5 search equal to the in-memory queries)."""
from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kehoach.batch.pool import KillablePool
from kehoach.batch.runner import BatchOptions, run_batch
from kehoach.graph import queries
from kehoach.graph.source import PlanSource
from kehoach.store import SQLiteStore
from kehoach.store.schema import SCHEMA_VERSION

from .conftest import SEEDS

PROVINCES = ["Thái Bình", "Nam Định", "Nghệ An", "Lạng Sơn", "Cà Mau", "Sơn La", "Gia Lai", "Bắc Giang"]


def make_corpus(folder: Path, copies: int) -> Path:
    """Variants of the seeds: other provinces and plan numbers, same layout."""
    folder.mkdir(parents=True, exist_ok=True)
    seeds = sorted(SEEDS.glob("*.txt"))
    for i in range(copies):
        src = seeds[i % len(seeds)]
        text = src.read_text(encoding="utf-8")
        province = PROVINCES[i % len(PROVINCES)]
        text = text.replace("Hưng Yên", province).replace("Lai Châu", province).replace("1492/KH-CAT-PC10", f"{1500 + i}/KH-CAT-PC10")
        sub = folder / ("tinh" if i % 2 else "huyen")
        sub.mkdir(exist_ok=True)
        (sub / f"plan-{i:03d}.txt").write_text(text, encoding="utf-8")
    return folder


def outputs(out: Path) -> tuple[dict, dict[str, str]]:
    with SQLiteStore(out / "kehoach.db") as store:
        snap = store.snapshot()
    plans = {p.name: p.read_text(encoding="utf-8") for p in sorted((out / "plans").glob("*.json"))}
    return snap, plans


def test_incremental_skip_change_prune(tmp_path: Path):
    docs = make_corpus(tmp_path / "in", 3)
    out = tmp_path / "out"
    first = run_batch(docs, out, BatchOptions(workers=1, timeout=None))
    assert first.counts == {"ok": 3}
    assert {r["status"] for r in json.loads((out / "report.json").read_text())["files"]} == {"ok"}
    again = run_batch(docs, out, BatchOptions(workers=1, timeout=None))
    assert again.counts == {"skipped": 3}
    # a touched but unchanged file is still skipped; a changed one is redone and its rows replaced
    victim = next(docs.rglob("plan-000.txt"))
    os.utime(victim, None)
    text = victim.read_text(encoding="utf-8")
    victim.write_text(text.replace("Sở Tài chính phối hợp", "Sở Tư pháp phối hợp"), encoding="utf-8")
    assert victim.read_text(encoding="utf-8") != text
    changed = run_batch(docs, out, BatchOptions(workers=1, timeout=None))
    assert changed.counts == {"ok": 1, "skipped": 2}
    fresh = tmp_path / "fresh"
    run_batch(docs, fresh, BatchOptions(workers=1, timeout=None))
    assert outputs(out) == outputs(fresh)  # replaced, not duplicated
    # a file parsed by another pipeline version is redone
    with sqlite3.connect(out / "kehoach.db") as c:
        c.execute("UPDATE files SET pipeline = '0.0.1+old' WHERE path LIKE '%plan-001.txt'")
    assert run_batch(docs, out, BatchOptions(workers=1, timeout=None)).counts == {"ok": 1, "skipped": 2}
    victim.unlink()
    kept = run_batch(docs, out, BatchOptions(workers=1, timeout=None))
    assert kept.counts["missing"] == 1 and (out / "plans" / "plan-000.json").exists()
    pruned = run_batch(docs, out, BatchOptions(workers=1, timeout=None, prune=True))
    assert pruned.counts["pruned"] == 1 and not (out / "plans" / "plan-000.json").exists()
    with SQLiteStore(out / "kehoach.db") as store:
        assert store.counts()["plans"] == 2 and store.counts()["files"] == 2


def test_bad_files_fail_alone(tmp_path: Path):
    docs = make_corpus(tmp_path / "in", 1)
    (docs / "empty.pdf").write_bytes(b"")
    (docs / "broken.docx").write_bytes(b"not a zip at all")
    (docs / "notes.xyz").write_text("ignored: not a document type")
    report = run_batch(docs, tmp_path / "out", BatchOptions(workers=2, timeout=120))
    rows = {r.path: r for r in report.rows}
    assert rows["empty.pdf"].status == "failed" and "empty" in rows["empty.pdf"].reason
    assert rows["broken.docx"].status == "failed" and "not_a_docx" in rows["broken.docx"].reason
    assert report.counts["ok"] == 1 and "notes.xyz" not in rows


def _slow(item):
    if item == "hang":
        time.sleep(60)
    if item == "crash":
        os._exit(3)
    if item == "hog":
        try:
            bytearray(2 * 1024 ** 3)  # beyond the worker's memory limit
        except MemoryError:
            return "memory_error"
    return f"done {item}"


def test_pool_bounds_each_item():
    pool = KillablePool(_slow, workers=2, timeout=3, memory_mb=1024, max_items=2)
    started = time.monotonic()
    outcomes = {o.item: o for o in pool.imap_unordered(["a", "hang", "b", "crash", "hog", "c", "d"])}
    assert time.monotonic() - started < 30
    assert outcomes["hang"].result is None and outcomes["hang"].error.startswith("timeout")
    assert outcomes["crash"].result is None and "exit code 3" in outcomes["crash"].error
    assert outcomes["hog"].result == "memory_error"
    assert [outcomes[k].result for k in "abcd"] == [f"done {k}" for k in "abcd"]


def test_resume_after_kill_9_equals_an_uninterrupted_run(tmp_path: Path):
    docs = make_corpus(tmp_path / "in", 10)
    out, ref = tmp_path / "killed", tmp_path / "ref"
    cmd = [sys.executable, "-m", "kehoach.cli.app", "batch", str(docs), "--out", str(out), "--workers", "2"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    db = out / "kehoach.db"
    deadline = time.monotonic() + 240
    done = 0
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists():
            try:
                with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as c:
                    done = c.execute("SELECT count(*) FROM files").fetchone()[0]
            except sqlite3.OperationalError:
                done = 0
            if done >= 3:
                break
        time.sleep(0.1)
    assert proc.poll() is None, "the run finished before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)  # the parent and its workers, mid-run
    proc.wait()
    with sqlite3.connect(db) as c:
        partial = c.execute("SELECT count(*) FROM files").fetchone()[0]
    assert 3 <= partial < 10
    resumed = run_batch(docs, out, BatchOptions(workers=2))
    assert resumed.counts["skipped"] == partial and resumed.counts["ok"] == 10 - partial
    run_batch(docs, ref, BatchOptions(workers=2))
    assert outputs(out) == outputs(ref)
    assert not list(out.rglob("*.tmp"))  # nothing half-written left behind


def test_dask_local_cluster_gives_the_same_store(tmp_path: Path):
    distributed = pytest.importorskip("dask.distributed")
    docs = make_corpus(tmp_path / "in", 3)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        report = run_batch(docs, tmp_path / "dask", BatchOptions(dask=cluster.scheduler_address))
    assert report.counts == {"ok": 3}
    run_batch(docs, tmp_path / "local", BatchOptions(workers=1, timeout=None))
    assert outputs(tmp_path / "dask") == outputs(tmp_path / "local")


def test_store_queries_equal_the_in_memory_ones(tmp_path: Path, seed_plan_dir: Path):
    out = tmp_path / "out"
    run_batch(SEEDS, out, BatchOptions(workers=1, timeout=None))
    store = SQLiteStore(out / "kehoach.db")
    memory = PlanSource.from_folder(seed_plan_dir)
    for words in ("vay von", "vay vốn", "tổ chức hội nghị", '"quote" AND OR NEAR('):
        a = [(x.agency.key, len(x.duties)) for x in queries.who(store.duties(), words, limit=0, hits=store.search(words))]
        b = [(x.agency.key, len(x.duties)) for x in queries.who(memory.duties(), words, limit=0, hits=memory.search(words))]
        assert sorted(a) == sorted(b)
    assert [d.text for d in store.agency_duties("Công an tỉnh")] == [d.text for d in memory.agency_duties("Công an tỉnh")]
    assert len(store.duties()) == len(memory.duties())
    assert store.graph().number_of_nodes() == memory.graph().number_of_nodes()


def test_migration_from_v1(tmp_path: Path):
    from kehoach.store.schema import MIGRATIONS

    db = tmp_path / "old.db"
    with sqlite3.connect(db) as c:
        c.executescript(MIGRATIONS[0][1] + "; PRAGMA user_version = 1;")
        c.execute("INSERT INTO files (path, sha256, size, mtime_ns, status, processed_at) VALUES ('a.txt', 'x', 1, 1, 'ok', 'now')")
    with SQLiteStore(db) as store:
        assert store.file_record("a.txt").pipeline is None  # kept, and marked for re-processing
    with sqlite3.connect(db) as c:
        assert c.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_schema_versions(tmp_path: Path):
    db = tmp_path / "k.db"
    SQLiteStore(db).close()
    with sqlite3.connect(db) as c:
        assert c.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert c.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        c.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(RuntimeError, match="newer"):
        SQLiteStore(db)


def test_cli_batch_then_query(tmp_path: Path):
    from typer.testing import CliRunner

    from kehoach.cli.app import app

    runner = CliRunner()
    shutil.copytree(SEEDS, tmp_path / "in")
    r = runner.invoke(app, ["batch", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--workers", "1"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["who", "vay von", "-c", str(tmp_path / "out")])
    assert r.exit_code == 0 and "Ngân hàng" in r.output
    r = runner.invoke(app, ["tasks", "-a", "Sở Tài chánh", "-c", str(tmp_path / "out")])
    assert r.exit_code == 1 and "Sở Tài chính" in r.output
