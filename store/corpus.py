"""A corpus to query: a batch output folder (its kehoach.db) or a folder of plan JSON, behind one
class whose methods the CLI, the web app and scripts call (``kehoach.open_store``). Names and numbers
that are not in the corpus raise ``graph.queries.NotFound`` (a LookupError) carrying the closest matches."""
from __future__ import annotations

import datetime as dt
import difflib
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .files import batch_roots

if TYPE_CHECKING:  # only for the annotations: importing these is what opening a corpus defers
    import networkx as nx

    from ..graph.queries import AgencyHits, ChecklistRow, Comparison
    from ..graph.source import CorpusSource
    from ..graph.trace import TraceNode
    from ..models import Duty, Plan


class CorpusNotFound(FileNotFoundError):
    """A --corpus path with no store and no plan JSON."""


def open_corpus(path: str | Path) -> "Corpus":
    """A corpus to query: a batch output folder (or its kehoach.db), or a folder of plan JSON."""
    from ..graph.source import PlanSource

    path = Path(path)
    if not path.exists():
        raise CorpusNotFound(f"no corpus at {path}: run `kehoach parse … --out {path}` or `kehoach batch` first")
    db = path if path.suffix == ".db" else path / "kehoach.db"
    if db.is_file():
        from . import StoreSource

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
        from ..graph.identity import plan_id
        from ..graph.queries import NotFound
        from ..models.text import number_key

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
        from ..graph.queries import who

        # ranked from the source's own search (FTS5 in the store); the full duty list is not needed
        return who([], words, limit=limit, hits=self.source.search(words))

    def tasks(self, agency: str, where: str | None = None) -> list["Duty"]:
        """Every duty of the agency (any spelling), optionally in one place, by deadline."""
        return self.source.agency_duties(agency, where)

    def checklist(self, agency: str, where: str | None = None, *, as_of: dt.date | None = None) -> list["ChecklistRow"]:
        """The agency's duties with status as of a date: overdue / due_soon / open / no_deadline."""
        from ..graph.queries import checklist

        return checklist(self.tasks(agency, where), as_of or dt.date.today())

    def compare(self, *, basis: str | None = None, topic: str | None = None) -> "Comparison":
        """Plans citing ``basis`` (or on ``topic``): the function × jurisdiction matrix and the differences."""
        from ..graph.queries import compare, select_plans

        if bool(basis) == bool(topic):
            raise ValueError("give a basis or a topic")
        plans = select_plans(self.plans(), basis=basis, topic=topic)
        return compare(plans, self.duties(), subject=basis or topic or "")

    def trace(self, number: str, *, depth: int = 6) -> "tuple[TraceNode, list[TraceNode], list[TraceNode]]":
        from ..graph.trace import trace

        return trace(self.graph(), number, depth=depth)

    def graph(self) -> "nx.MultiDiGraph":
        return self.source.graph()

    # --- exports --------------------------------------------------------------------------
    def calendar(self, agency: str, where: str | None = None, *, url: str | None = None) -> bytes:
        """An RFC 5545 calendar: one all-day event per dated duty of the agency, three reminders each;
        from a store, a changed duty's event keeps its UID with a higher SEQUENCE."""
        from ..graph.calendar import duties_calendar

        sequence = getattr(self.source, "event_sequence", None)
        return duties_calendar(self.tasks(agency, where), name=f"{agency} ({where})" if where else agency,
                               sequence=sequence, url=url)

    def akn(self, plan: str) -> bytes:
        """The plan as an Akoma Ntoso 3.0 ``doc``."""
        from ..graph.akn import plan_akn

        return plan_akn(self.plan(plan))

    # --- original files -------------------------------------------------------------------
    def source_file(self, plan: str) -> Path | None:
        """The original file a plan was parsed from, when this machine still has it. Paths come from
        the store and the batch roots, never from a caller: a path outside every root is refused."""
        from ..graph.identity import plan_id

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
