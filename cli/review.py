"""`kehoach review …`, `kehoach progress …` and `kehoach delete`: what a person checks, corrects and
follows, in the store a batch wrote. A task is named by its number on the plan page (1 = the first)."""
from __future__ import annotations

import datetime as dt
import getpass
from collections.abc import Callable
from pathlib import Path
from typing import Optional, TypeVar

import typer
from rich.console import Console
from rich.table import Table

T = TypeVar("T")

review_app = typer.Typer(no_args_is_help=True, help="Check and correct the duties the parser read (least sure first).")
progress_app = typer.Typer(no_args_is_help=True, help="Where each agency stands on its duties, with its history.")
console = Console()
err = Console(stderr=True)

CorpusOpt = typer.Option(Path("outputs"), "--corpus", "-c", help="A batch output folder (kehoach.db)")
ByOpt = typer.Option(None, "--by", help="Who makes the change (default: the logged-in user)")
RevisionOpt = typer.Option(None, "--revision", help="The revision you started from: refused if someone saved since")
ROLE_WORDS = {"lead": "lead", "chu tri": "lead", "support": "support", "phoi hop": "support",
              "requested": "requested", "duoc de nghi": "requested", "de nghi": "requested"}
STATE_WORDS = {"not_started": "not_started", "chua thuc hien": "not_started", "in_progress": "in_progress",
               "dang thuc hien": "in_progress", "done": "done", "da hoan thanh": "done"}


def _by(by: str | None) -> str:
    return by or getpass.getuser()


def _run(action: Callable[[], T]) -> T:
    """A corpus action whose refusal (unknown plan, task or agency, a bad date, a stale revision) is
    one line in red and exit status 1."""
    from ..graph.queries import NotFound
    from ..graph.review import ReviewError
    from ..store.review import StaleRevision

    try:
        return action()
    except (NotFound, ReviewError, StaleRevision) as exc:
        err.print(f"[red]{exc}[/]")
        raise typer.Exit(1)


def _corpus(corpus: Path):
    from .app import _source

    return _source(corpus)


def _word(table: dict[str, str], value: str, what: str) -> str:
    from ..models.text import fold

    key = fold(value).replace("-", " ").replace("_", " ")
    found = table.get(key) or table.get(key.replace(" ", "_"))
    if not found:
        err.print(f"[red]{what} “{value}” không hợp lệ; dùng: {', '.join(sorted(set(table.values())))}[/]")
        raise typer.Exit(1)
    return found


def _day(value: str | None) -> dt.date | None:
    from ..graph.review import read_day

    return _run(lambda: read_day(value))


def _agency_arg(value: str):
    """'Công an tỉnh' or 'Công an tỉnh:phối hợp' → AssignedAgency."""
    from ..models import AssignedAgency

    name, _, role = value.partition(":")
    return AssignedAgency(name=name.strip(), role=_word(ROLE_WORDS, role, "Vai trò") if role else "lead")


def _pairs(values: list[str], what: str) -> dict[str, str]:
    out = {}
    for v in values:
        old, sep, new = v.partition("=")
        if not sep or not old.strip() or not new.strip():
            err.print(f"[red]{what} phải có dạng CŨ=MỚI, nhận được “{v}”[/]")
            raise typer.Exit(1)
        out[old.strip()] = new.strip()
    return out


def _show(record) -> None:
    from ..graph.queries import ROLE_LABELS
    from ..models.review import REVIEW_LABELS

    c = record.correction
    where = f"nhiệm vụ {record.task_index + 1}" if record.task_index is not None else "không còn khớp"
    console.print(f"{record.plan_id} · {where} · lần sửa {record.revision} · "
                  f"{REVIEW_LABELS[c.kind] if c else ''} ({record.by})")
    if c:
        for a in c.agencies:
            console.print(f"  {ROLE_LABELS[a.role]}: {a.name}")


@review_app.command("list")
def review_list(plan: str = typer.Argument(..., help="Plan id or số ký hiệu"), corpus: Path = CorpusOpt) -> None:
    """The plan's tasks in the order to check them: least sure first, reviewed ones last."""
    from ..graph.queries import ROLE_LABELS
    from ..models.review import REVIEW_LABELS

    items = _run(lambda: _corpus(corpus).review_queue(plan))
    table = Table(title=f"review: {plan}", show_lines=True)
    for col in ("#", "review", "sure", "agencies", "deadline", "duty"):
        table.add_column(col, overflow="fold")
    for it in items:
        table.add_row(str(it.task_index + 1), REVIEW_LABELS[it.review] if it.review else "",
                      f"{it.confidence:.2f}" if it.confidence is not None else "",
                      "\n".join(f"{ROLE_LABELS[a.role]}: {a.name}" for a in it.agencies),
                      (it.deadline.date or it.deadline.text) if it.deadline else "", it.text[:300])
    console.print(table)


@review_app.command("confirm")
def review_confirm(plan: str, task: int = typer.Argument(..., help="Task number (1 = first)"),
                   by: Optional[str] = ByOpt, revision: Optional[int] = RevisionOpt, corpus: Path = CorpusOpt) -> None:
    """The task is right as the parser read it (or as last corrected)."""
    src = _corpus(corpus)
    _show(_run(lambda: src.confirm(plan, task - 1, by=_by(by), revision=revision)))


@review_app.command("edit")
def review_edit(plan: str, task: int = typer.Argument(..., help="Task number (1 = first)"),
                owner: list[str] = typer.Option([], "--owner", help="A wrong agency fixed: OLD=NEW (repeatable)"),
                role: list[str] = typer.Option([], "--role", help="NAME=lead|support|requested (repeatable)"),
                add: list[str] = typer.Option([], "--add", help="An agency to add: NAME or NAME:ROLE"),
                drop: list[str] = typer.Option([], "--drop", help="An agency to take out"),
                text: Optional[str] = typer.Option(None, "--text", help="The duty's text"),
                deadline: Optional[str] = typer.Option(None, "--deadline", help="dd/mm/yyyy (or YYYY-MM-DD)"),
                deadline_text: Optional[str] = typer.Option(None, "--deadline-text", help="The deadline as written"),
                no_deadline: bool = typer.Option(False, "--no-deadline", help="The duty has no deadline"),
                by: Optional[str] = ByOpt, revision: Optional[int] = RevisionOpt, corpus: Path = CorpusOpt) -> None:
    """Correct a task: its agencies (owner, roles), text or deadline."""
    from ..graph.review import KEEP, deadline_of

    due = None if no_deadline else deadline_of(_day(deadline), deadline_text) if (deadline or deadline_text) else KEEP
    roles = {k: _word(ROLE_WORDS, v, "Vai trò") for k, v in _pairs(role, "--role").items()}
    src = _corpus(corpus)
    _show(_run(lambda: src.correct(plan, task - 1, by=_by(by), revision=revision, text=text, deadline=due,
                                   rename=_pairs(owner, "--owner"), roles=roles,
                                   add=[_agency_arg(a) for a in add], drop=drop)))


@review_app.command("remove")
def review_remove(plan: str, task: int = typer.Argument(..., help="Task number (1 = first)"),
                  agency: Optional[str] = typer.Option(None, "--agency", "-a", help="Only this agency (default: the task)"),
                  by: Optional[str] = ByOpt, revision: Optional[int] = RevisionOpt, corpus: Path = CorpusOpt) -> None:
    """Not a duty (or not this agency's): taken out of queries, checklists and calendars."""
    src = _corpus(corpus)
    _show(_run(lambda: src.remove(plan, task - 1, by=_by(by), agency=agency, revision=revision)))


@review_app.command("add")
def review_add(plan: str, text: str = typer.Option(..., "--text", help="The duty as the document writes it"),
               agency: list[str] = typer.Option(..., "--agency", "-a", help="NAME or NAME:ROLE (repeatable)"),
               deadline: Optional[str] = typer.Option(None, "--deadline", help="dd/mm/yyyy"),
               deadline_text: Optional[str] = typer.Option(None, "--deadline-text"),
               after: Optional[int] = typer.Option(None, "--after", help="The task it follows in the document"),
               by: Optional[str] = ByOpt, corpus: Path = CorpusOpt) -> None:
    """A duty the parser missed."""
    from ..graph.review import deadline_of

    due = deadline_of(_day(deadline), deadline_text)
    src = _corpus(corpus)
    _show(_run(lambda: src.add_task(plan, text, [_agency_arg(a) for a in agency], by=_by(by), deadline=due,
                                    after=after - 1 if after else None)))


@review_app.command("history")
def review_history(plan: str, task: int = typer.Argument(..., help="Task number (1 = first)"),
                   corpus: Path = CorpusOpt) -> None:
    """Who changed the task, when, and what was there before."""
    from ..store.review import describe

    changes = _run(lambda: _corpus(corpus).review_history(plan, task - 1))
    table = Table(title=f"history: {plan} #{task}")
    for col in ("revision", "by", "at", "before", "after"):
        table.add_column(col, overflow="fold")
    for c in changes:
        table.add_row(str(c.revision), c.by, f"{c.at.astimezone():%d/%m/%Y %H:%M}",
                      describe(c.before) if c.before else "", f"{c.kind}: {describe(c.after)}")
    console.print(table)


@review_app.command("unmatched")
def review_unmatched(plan: Optional[str] = typer.Argument(None, help="Only this plan"), corpus: Path = CorpusOpt) -> None:
    """Corrections and statuses whose task a re-parse or a new version no longer has."""
    records = _run(lambda: _corpus(corpus).unmatched(plan))
    for r in records:
        _show(r)
        console.print(f"  [dim]{r.anchor.text[:200]}[/]")
    console.print(f"{len(records)} no longer match")


@progress_app.command("set")
def progress_set(plan: str, task: int = typer.Argument(..., help="Task number (1 = first)"),
                 agency: str = typer.Option(..., "--agency", "-a"),
                 state: str = typer.Option(..., "--state", help="not_started | in_progress | done"),
                 on: Optional[str] = typer.Option(None, "--on", help="The day it changed (done: the day it was done)"),
                 report: Optional[str] = typer.Option(None, "--report", help="Số ký hiệu of the report answering it"),
                 report_date: Optional[str] = typer.Option(None, "--report-date", help="dd/mm/yyyy"),
                 note: Optional[str] = typer.Option(None, "--note"),
                 by: Optional[str] = ByOpt, revision: Optional[int] = RevisionOpt, corpus: Path = CorpusOpt) -> None:
    """Record where an agency stands on a duty."""
    from ..models.review import PROGRESS_LABELS

    src = _corpus(corpus)
    rec = _run(lambda: src.set_progress(plan, task - 1, agency, _word(STATE_WORDS, state, "Trạng thái"),  # type: ignore[arg-type]
                                        by=_by(by), changed_on=_day(on), report_number=report,
                                        report_date=_day(report_date), note=note, revision=revision))
    p = rec.progress
    console.print(f"{rec.agency_name}: {PROGRESS_LABELS[p.state]}"
                  + (f" ngày {p.changed_on:%d/%m/%Y}" if p.changed_on else "")
                  + (f", báo cáo {p.report_number}" if p.report_number else "") + f" (lần cập nhật {rec.revision})")


@progress_app.command("show")
def progress_show(plan: str, task: int = typer.Argument(..., help="Task number (1 = first)"),
                  agency: str = typer.Option(..., "--agency", "-a"), corpus: Path = CorpusOpt) -> None:
    """The history of an agency's status on a duty."""
    from ..models.review import PROGRESS_LABELS

    rows = _run(lambda: _corpus(corpus).progress_history(plan, task - 1, agency))
    table = Table(title=f"progress: {plan} #{task} · {agency}")
    for col in ("revision", "state", "on", "report", "note", "by", "at"):
        table.add_column(col, overflow="fold")
    for r in rows:
        p = r.progress
        table.add_row(str(r.revision), PROGRESS_LABELS[p.state], f"{p.changed_on:%d/%m/%Y}" if p.changed_on else "",
                      " ".join(x for x in (p.report_number, p.report_date and f"{p.report_date:%d/%m/%Y}") if x),
                      p.note or "", p.by or "", f"{p.at.astimezone():%d/%m/%Y %H:%M}" if p.at else "")
    console.print(table)


@progress_app.command("proposals")
def progress_proposals(agency: Optional[str] = typer.Option(None, "--agency", "-a"),
                       accept: bool = typer.Option(False, "--accept", help="Record each as the agency's report"),
                       by: Optional[str] = ByOpt, corpus: Path = CorpusOpt) -> None:
    """Reports in the store on a plan, from an agency owning duties in it: proposed as its answer."""
    src = _corpus(corpus)
    proposals = _run(lambda: src.report_proposals(agency))
    for p in proposals:
        line = (f"{p.report_number or p.report_plan_id} ({p.agency_name}) → {p.plan_number or p.plan_id}: "
                f"{p.open_duties} duties open")
        if accept:
            line += f" · {_run(lambda: src.accept_report(p, by=_by(by)))} recorded done"
        console.print(line)
    console.print(f"{len(proposals)} proposals")


def delete(plan: str = typer.Argument(..., help="Plan id or số ký hiệu"),
           yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask"),
           by: Optional[str] = ByOpt, corpus: Path = CorpusOpt) -> None:
    """Delete a document from the store, with its duties, corrections and statuses."""
    src = _corpus(corpus)
    p = _run(lambda: src.plan(plan))
    if not yes:
        typer.confirm(f"Xóa {p.document.number or plan} ({len(p.tasks)} nhiệm vụ) cùng các sửa đổi và tiến độ?",
                      abort=True)
    report = _run(lambda: src.delete(plan, by=_by(by)))
    console.print(f"{report.plan_id}: deleted ({report.tasks} tasks, {report.reviews} corrections, "
                  f"{report.progress} statuses)")
