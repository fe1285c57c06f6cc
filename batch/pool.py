"""Worker processes that can be killed one at a time.

concurrent.futures cannot stop one running task, so a document that hangs would hang the
batch. Here each worker has its own pipe; the parent hands out one item at a time, and kills
and replaces a worker that exceeds the per-document time limit or dies (segfault, OOM killer).
The memory limit is an address-space rlimit set inside each worker, so an allocation beyond it
fails with MemoryError in that worker alone. Workers are recycled after `max_items` documents
so that memory stays flat however long the run is.
"""
from __future__ import annotations

import multiprocessing as mp
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

_STOP = None


def _worker_main(conn: Connection, fn: Callable[[Any], Any], memory_mb: int | None,
                 warmup: Callable[[], None] | None) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    if memory_mb:
        import resource

        limit = memory_mb * 1024 * 1024
        try:
            resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
        except (ValueError, OSError):
            pass
    if warmup is not None:
        warmup()
    while True:
        try:
            msg = conn.recv()
        except (EOFError, KeyboardInterrupt):
            return
        if msg is _STOP:
            return
        job_id, item = msg
        conn.send((job_id, fn(item)))


@dataclass
class _Worker:
    process: mp.Process
    conn: Connection
    job: tuple[int, Any] | None = None
    started: float = 0.0
    done: int = 0


@dataclass
class Outcome:
    item: Any
    result: Any | None  # fn(item), or None when the worker was killed or died
    error: str | None = None  # "timeout" / "worker died (exit code …)"


class KillablePool:
    def __init__(self, fn: Callable[[Any], Any], workers: int, *, timeout: float | None = None,
                 memory_mb: int | None = None, max_items: int = 200,
                 warmup: Callable[[], None] | None = None) -> None:
        self.fn, self.n, self.timeout, self.memory_mb = fn, max(1, workers), timeout, memory_mb
        self.max_items, self.warmup = max_items, warmup
        self.ctx = mp.get_context("fork")  # workers inherit the loaded modules: no start-up cost
        self.workers: list[_Worker] = []

    def _spawn(self) -> _Worker:
        parent, child = self.ctx.Pipe()
        p = self.ctx.Process(target=_worker_main, args=(child, self.fn, self.memory_mb, self.warmup),
                             daemon=True)
        p.start()
        child.close()
        return _Worker(p, parent)

    def _kill(self, w: _Worker) -> None:
        if w.process.is_alive():
            w.process.kill()
        w.process.join(timeout=5)
        w.conn.close()

    def imap_unordered(self, items: Iterable[Any]) -> Iterator[Outcome]:
        pending = iter(enumerate(items))
        exhausted = False
        self.workers = [self._spawn() for _ in range(self.n)]
        try:
            while True:
                for i, w in enumerate(self.workers):
                    if w.job is None and not exhausted:
                        nxt = next(pending, None)
                        if nxt is None:
                            exhausted = True
                            break
                        w.job, w.started = nxt, time.monotonic()
                        try:
                            w.conn.send(nxt)
                        except (BrokenPipeError, OSError):
                            self._kill(w)
                            self.workers[i] = self._spawn()
                            self.workers[i].job, self.workers[i].started = nxt, time.monotonic()
                            self.workers[i].conn.send(nxt)
                busy = [w for w in self.workers if w.job is not None]
                if not busy and exhausted:
                    return
                ready = wait([w.conn for w in busy], timeout=0.2)
                for i, w in enumerate(list(self.workers)):
                    if w.job is None:
                        continue
                    if w.conn in ready:
                        try:
                            msg = w.conn.recv()
                        except (EOFError, OSError):
                            msg = None
                        if msg is None:  # the process died mid-document
                            w.process.join(timeout=2)  # reap it, to report how it ended
                            code = w.process.exitcode
                            job = w.job
                            self._kill(w)
                            self.workers[i] = self._spawn()
                            yield Outcome(job[1], None, f"worker died (exit code {code}) while processing")
                            continue
                        job_id, result = msg
                        job = w.job
                        w.job = None
                        w.done += 1
                        if w.done >= self.max_items:  # recycle: memory stays flat over long runs
                            self._stop(w)
                            self.workers[i] = self._spawn()
                        yield Outcome(job[1], result)
                    elif self.timeout and time.monotonic() - w.started > self.timeout:
                        job = w.job
                        self._kill(w)
                        self.workers[i] = self._spawn()
                        yield Outcome(job[1], None, f"timeout: stopped after {self.timeout:.0f} s")
        finally:
            self.close()

    def _stop(self, w: _Worker) -> None:
        try:
            w.conn.send(_STOP)
            w.process.join(timeout=2)
        except (BrokenPipeError, OSError):
            pass
        self._kill(w)

    def close(self) -> None:
        for w in self.workers:
            try:
                if w.job is None and w.process.is_alive():
                    w.conn.send(_STOP)
            except (BrokenPipeError, OSError):
                pass
        deadline = time.monotonic() + 2
        for w in self.workers:
            w.process.join(timeout=max(0.0, deadline - time.monotonic()))
            self._kill(w)
        self.workers = []
