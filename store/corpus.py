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
    from collections.abc import Callable, Sequence

    import networkx as nx

    from ..graph.queries import AgencyHits, ChecklistRow, Comparison
    from ..graph.source import CorpusSource
    from ..graph.trace import TraceNode
    from ..models import (AssignedAgency, Deadline, DeleteReport, Duty, Plan, ProgressRecord, ProgressState,
                          Replacement, ReportProposal, ReviewChange, ReviewItem, ReviewRecord, TaskCorrection)
    from .review import ReviewBook


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

    # --- review: a person checks, corrects, removes and adds duties (a store only) ---------------------
    def _book(self) -> "ReviewBook":
        from ..graph.review import ReviewError

        book = getattr(self.source, "reviews", None)
        if book is None:
            raise ReviewError("Sửa đổi và tiến độ chỉ lưu được trong kho (thư mục có kehoach.db): "
                              "hãy chạy `kehoach batch` trước.")
        return book

    def _id(self, plan: str) -> str:
        from ..graph.identity import plan_id

        return plan_id(self.plan(plan))

    def refresh(self) -> None:
        """Forget what was read: the store changed (a correction saved, a batch run elsewhere)."""
        self.__dict__.pop("_plans", None)
        self.source.__dict__.pop("_names", None)

    def refresh_if_changed(self) -> None:
        changed = getattr(self.source, "changed_elsewhere", None)
        if changed is not None and changed():
            self.refresh()

    def review_queue(self, plan: str) -> list["ReviewItem"]:
        """The plan's tasks in the order to check them: the least sure first (where the parser says how
        sure it is), reviewed ones last."""
        return self._book().queue(self._id(plan))

    def correct(self, plan: str, task: int,
                change: "TaskCorrection | Callable[[TaskCorrection], TaskCorrection] | None" = None, *,
                by: str, revision: int | None = None, **edits) -> "ReviewRecord":
        """Settle one task (index in the reviewed plan): the whole task as a TaskCorrection, a function
        of the task as shown, or named edits (text, deadline, rename={old: new}, roles={name: role},
        add=[AssignedAgency], drop=[name]; see graph.review.edit_task). ``revision`` is the one the
        person started from: a save after someone else's is refused (store.review.StaleRevision)."""
        from ..graph.review import edit_task

        if change is None:
            change = lambda c: edit_task(c, **edits)  # noqa: E731
        elif not callable(change):
            whole = change
            change = lambda c: whole  # noqa: E731
        try:
            return self._book().save(self._id(plan), task, change, by=by, revision=revision)
        finally:
            self.refresh()

    def confirm(self, plan: str, task: int, *, by: str, revision: int | None = None) -> "ReviewRecord":
        """The task is right as it stands."""
        return self.correct(plan, task, lambda c: c, by=by, revision=revision)

    def remove(self, plan: str, task: int, *, by: str, agency: str | None = None,
               revision: int | None = None) -> "ReviewRecord":
        """One agency out of the task, or (no agency) the whole task: it is no duty."""
        from ..graph.review import edit_task

        change = (lambda c: edit_task(c, drop=[agency])) if agency else (lambda c: c.model_copy(update={"agencies": []}))
        return self.correct(plan, task, change, by=by, revision=revision)

    def add_task(self, plan: str, text: str, agencies: "Sequence[AssignedAgency]", *, by: str,
                 deadline: "Deadline | None" = None, after: int | None = None) -> "ReviewRecord":
        """A duty the parser missed (placed after task ``after`` for its source)."""
        from ..models import TaskCorrection

        correction = TaskCorrection(kind="added", text=" ".join(text.split()), deadline=deadline, agencies=list(agencies))
        try:
            return self._book().add(self._id(plan), correction, by=by, after=after)
        finally:
            self.refresh()

    def review_history(self, plan: str, task: int) -> list["ReviewChange"]:
        return self._book().history(self._id(plan), task)

    def review_record(self, plan: str, task: int) -> "ReviewRecord | None":
        return self._book().at_task(self._id(plan), task)

    def unmatched(self, plan: str | None = None) -> list["ReviewRecord"]:
        """Corrections and statuses whose task the document's current parse no longer has."""
        return self._book().unmatched(self._id(plan) if plan else None)

    def gold(self, plan: str) -> dict:
        """The reviewed plan in the gold format of shared/eval (score it with score.py)."""
        from ..graph.review import gold_record

        return gold_record(self.plan(plan))

    # --- progress: where each agency stands on its duties ----------------------------------------
    def progress(self, plan: str, task: int, agency: str) -> "ProgressRecord":
        return self._book().progress(self._id(plan), task, agency)

    def set_progress(self, plan: str, task: int, agency: str, state: "ProgressState", *, by: str,
                     changed_on: dt.date | None = None, report_number: str | None = None,
                     report_date: dt.date | None = None, note: str | None = None,
                     revision: int | None = None) -> "ProgressRecord":
        """Record the agency's status on the task (chưa / đang thực hiện / đã hoàn thành), the day it
        changed and the report that answers it; every entry is kept in its history."""
        from ..models import Progress

        update = Progress(state=state, changed_on=changed_on, report_number=report_number, report_date=report_date,
                          note=note)
        return self._book().set_progress(self._id(plan), task, agency, update, by=by, revision=revision)

    def progress_history(self, plan: str, task: int, agency: str) -> list["ProgressRecord"]:
        return self._book().progress_history(self._id(plan), task, agency)

    def report_proposals(self, agency: str | None = None, where: str | None = None) -> list["ReportProposal"]:
        """Reports in the store on a plan, from an agency owning duties in it, not yet recorded."""
        keys = {d.agency.key for d in self.tasks(agency, where)} if agency else None
        return self._book().report_proposals(keys)

    def accept_report(self, proposal: "ReportProposal", *, by: str) -> int:
        return self._book().accept_report(proposal, by=by)

    # --- documents a person manages ----------------------------------------------------------------
    def delete(self, plan: str, *, by: str) -> "DeleteReport":
        """A document out of the store with its duties, corrections and statuses (ask first)."""
        pid = self._id(plan)
        try:
            report = self._book().delete(pid, by=by)
        finally:
            self.refresh()
        (self.folder / "plans" / f"{pid}.json").unlink(missing_ok=True)
        return report

    def replace(self, old: str, new: str, *, reason: str) -> "Replacement":
        """``new`` is a later version of ``old``: its corrections and statuses move over where they match."""
        old_id, new_id = self._id(old), self._id(new)
        try:
            done = self._book().replace(old_id, new_id, reason)
        finally:
            self.refresh()
        (self.folder / "plans" / f"{old_id}.json").unlink(missing_ok=True)
        return done

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
