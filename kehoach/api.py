"""The Python API: what the `kehoach` command and the web app call, for people who script.

    import kehoach
    plan = kehoach.parse("42-KH-UBND.pdf")             # one file → Plan
    report = kehoach.batch("inbox/", "outputs/batch")  # a folder → plan JSON + kehoach.db
    corpus = kehoach.open_store("outputs/batch")       # a batch output folder, kehoach.db, or plan JSON
    corpus.who("vay von"); corpus.checklist("Công an tỉnh", as_of=date(2026, 3, 1))
    corpus.compare(basis="49/2020/NĐ-CP"); corpus.calendar("Công an tỉnh"); corpus.akn("42/KH-UBND")

Heavy libraries load on first use. Names and numbers that are not in the corpus raise
`kehoach.graph.queries.NotFound` (a LookupError) carrying the closest matches.
"""
from __future__ import annotations

import datetime as dt
import difflib
import json
import os
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from kehoach.fsutil import write_atomic

if TYPE_CHECKING:  # only for the annotations: importing these is what the API defers
    import networkx as nx

    from kehoach.batch.runner import BatchReport, FileRow
    from kehoach.graph.queries import AgencyHits, ChecklistRow, Comparison
    from kehoach.graph.source import CorpusSource
    from kehoach.graph.trace import TraceNode
    from kehoach.models import Duty, Plan

ROOTS_FILE = "roots.json"  # the folders batched into an output folder: where the original files are


class CorpusNotFound(FileNotFoundError):
    """A --corpus path with no store and no plan JSON."""


def parse(path: str | Path, *, segmenter: str = "syllable", ocr: str = "auto") -> "Plan":
    """Read and parse one file (PDF, DOCX, DOC, Markdown, text) into a Plan. A bad file gives a
    Plan with status ``failed`` and its issues, never an exception."""
    from kehoach.extract import ReadOptions, read_document
    from kehoach.nlp import parse as parse_source

    return parse_source(read_document(Path(path), ReadOptions(ocr=ocr)), segmenter=segmenter)


def batch(folder: str | Path, out: str | Path, *, workers: int = 0, timeout: float | None = 600.0,
          memory_mb: int | None = 4096, prune: bool = False, retry_failed: bool = False, ocr: str = "auto",
          segmenter: str = "syllable", dask: str | None = None,
          on_plan: Callable[[int, int], None] | None = None,
          on_row: "Callable[[FileRow], None] | None" = None) -> "BatchReport":
    """Process ``folder`` (recursively) into ``out``: plans/*.json, kehoach.db, report.csv/json.
    Incremental and resumable; ``on_plan(todo, total)`` once the work is known, ``on_row(row)``
    as each file is settled (status ok / partial / failed / skipped / pruned / missing, reason)."""
    from kehoach.batch.runner import BatchOptions, run_batch
    from kehoach.batch.work import WorkOptions

    folder, out = Path(folder), Path(out)
    if not folder.is_dir():
        raise NotADirectoryError(f"{folder} is not a folder")
    if ocr not in {"auto", "always", "never"} or segmenter not in {"underthesea", "syllable"}:
        raise ValueError("ocr is auto|always|never and segmenter underthesea|syllable")
    options = BatchOptions(workers=workers or os.cpu_count() or 1, timeout=timeout or None,
                           memory_mb=memory_mb or None, prune=prune, retry_failed=retry_failed, dask=dask,
                           work=WorkOptions(ocr=ocr, segmenter=segmenter))
    _remember_root(out, folder)
    return run_batch(folder, out, options, on_plan=on_plan, on_row=on_row)


def _remember_root(out: Path, folder: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    roots = batch_roots(out)
    root = str(folder.resolve())
    if root not in roots:
        write_atomic(out / ROOTS_FILE, json.dumps(roots + [root], ensure_ascii=False, indent=1))


def batch_roots(out: Path) -> list[str]:
    """The folders batched into ``out`` (roots.json, else the last report's root)."""
    for name, pick in ((ROOTS_FILE, lambda d: list(d)), ("report.json", lambda d: [d["root"]])):
        f = Path(out) / name
        if f.is_file():
            try:
                return [str(Path(r).resolve()) for r in pick(json.loads(f.read_text(encoding="utf-8")))]
            except (ValueError, KeyError, TypeError):
                continue
    return []


def open_store(path: str | Path) -> "Corpus":
    """A corpus to query: a batch output folder (or its kehoach.db), or a folder of plan JSON."""
    from kehoach.graph.source import PlanSource

    path = Path(path)
    if not path.exists():
        raise CorpusNotFound(f"no corpus at {path}: run `kehoach parse … --out {path}` or `kehoach batch` first")
    db = path if path.suffix == ".db" else path / "kehoach.db"
    if db.is_file():
        from kehoach.store import StoreSource

        return Corpus(StoreSource(db), db.parent)
    src = PlanSource.from_folder(path)
    if not src.plans():
        raise CorpusNotFound(f"no plan JSON under {path}")
    return Corpus(src, path, problems=src.problems)


class Corpus:
    """Queries over one corpus; the same methods whether plans come from the store or JSON files."""

    def __init__(self, source: "CorpusSource", folder: Path, problems: list[str] | None = None) -> None:
        self.source = source
        self.folder = Path(folder)
        self.problems = problems or []

    # --- plans ----------------------------------------------------------------------------
    def plans(self) -> list["Plan"]:
        return self._plans

    @cached_property
    def _plans(self) -> list["Plan"]:
        return self.source.plans()

    def plan(self, plan: str) -> "Plan":
        """A plan by id (file stem) or số ký hiệu."""
        from kehoach.graph.identity import plan_id
        from kehoach.graph.queries import NotFound
        from kehoach.models.text import number_key

        plans = self.plans()
        for p in plans:
            if plan_id(p) == plan:
                return p
        for p in plans:
            if p.document.number and number_key(p.document.number) == number_key(plan):
                return p
        known = [plan_id(p) for p in plans] + [p.document.number for p in plans if p.document.number]
        raise NotFound("plan", plan, difflib.get_close_matches(plan, known, n=5, cutoff=0.5))

    def duties(self) -> list["Duty"]:
        return self.source.duties()

    # --- questions ------------------------------------------------------------------------
    def who(self, words: str, *, limit: int = 10) -> list["AgencyHits"]:
        """Agencies owning duties that match the words (diacritics optional), best first."""
        from kehoach.graph.queries import who

        # ranked from the source's own search (FTS5 in the store); the full duty list is not needed
        return who([], words, limit=limit, hits=self.source.search(words))

    def tasks(self, agency: str, where: str | None = None) -> list["Duty"]:
        """Every duty of the agency (any spelling), optionally in one place, by deadline."""
        return self.source.agency_duties(agency, where)

    def checklist(self, agency: str, where: str | None = None, *, as_of: dt.date | None = None) -> list["ChecklistRow"]:
        """The agency's duties with status as of a date: overdue / due_soon / open / no_deadline."""
        from kehoach.graph.queries import checklist

        return checklist(self.tasks(agency, where), as_of or dt.date.today())

    def compare(self, *, basis: str | None = None, topic: str | None = None) -> "Comparison":
        """Plans citing ``basis`` (or on ``topic``): the function × jurisdiction matrix and the differences."""
        from kehoach.graph.queries import compare, select_plans

        if bool(basis) == bool(topic):
            raise ValueError("give a basis or a topic")
        plans = select_plans(self.plans(), basis=basis, topic=topic)
        return compare(plans, self.duties(), subject=basis or topic or "")

    def trace(self, number: str, *, depth: int = 6) -> "tuple[TraceNode, list[TraceNode], list[TraceNode]]":
        from kehoach.graph.trace import trace

        return trace(self.graph(), number, depth=depth)

    def graph(self) -> "nx.MultiDiGraph":
        return self.source.graph()

    # --- exports --------------------------------------------------------------------------
    def calendar(self, agency: str, where: str | None = None) -> bytes:
        """An RFC 5545 calendar: one all-day event per dated duty of the agency."""
        from kehoach.graph.calendar import duties_calendar

        return duties_calendar(self.tasks(agency, where), name=agency)

    def akn(self, plan: str) -> bytes:
        """The plan as an Akoma Ntoso 3.0 ``doc``."""
        from kehoach.graph.akn import plan_akn

        return plan_akn(self.plan(plan))

    # --- original files -------------------------------------------------------------------
    def source_file(self, plan: str) -> Path | None:
        """The original file a plan was parsed from, when this machine still has it. Paths come from
        the store and the batch roots, never from a caller: a path outside every root is refused."""
        from kehoach.graph.identity import plan_id

        p = self.plan(plan)
        rel = p.file
        conn = getattr(self.source, "conn", None)  # the SQLite store knows the file's path in its root
        if conn is not None:
            row = conn.execute("SELECT path FROM files WHERE plan_id = ?", (plan_id(p),)).fetchone()
            rel = row[0] if row else rel
        for root in batch_roots(self.folder):
            base = Path(root).resolve()
            candidate = (base / rel).resolve()
            if candidate.is_file() and candidate.is_relative_to(base):
                return candidate
        return None
