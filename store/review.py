"""A person's work in the SQLite store: task corrections, progress, document versions and deletion.

Corrections and progress live in their own tables (schema v4), each with who, when and a revision;
the query rows (tasks, assignments) are rebuilt from the parser's plan with the corrections applied
whenever either changes. A save names the revision it started from: a save that started from an
older one is refused (`StaleRevision`) with the other person's change, never merged silently."""
from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from ..graph.identity import identify, name_key, plan_jurisdiction
from ..graph.review import (ReviewError, anchor_of, apply_reviews, doubt, match_anchors, review_order, settle_kind,
                            task_state)
from ..models import AgencyRef, Plan, Progress, Provenance
from ..models.review import (PROGRESS_LABELS, DeleteReport, ProgressRecord, Replacement, ReportProposal,
                             ReviewChange, ReviewItem, ReviewRecord, TaskAnchor, TaskCorrection)
from ..models.text import fold

if TYPE_CHECKING:
    from .sqlite import SQLiteStore

RETIRED = frozenset({"deleted", "replaced"})  # file statuses kept so that an unchanged file is not read again
_ANCHOR_COLUMNS = 'sha256, block, start, "end", row, page, section, text'


class StaleRevision(Exception):
    """A save that started from an older revision than the record holds now: refused, and the
    record as the other person left it is carried for the message."""

    def __init__(self, current: ReviewRecord | ProgressRecord, expected: int) -> None:
        self.current, self.expected = current, expected
        if isinstance(current, ProgressRecord):
            by, at, rev = current.progress.by, current.progress.at, current.revision
            what = PROGRESS_LABELS[current.progress.state]
        else:
            by, at, rev = current.by, current.at, current.revision
            what = describe(current.correction) if current.correction else ""
        when = f" lúc {at.astimezone():%H:%M ngày %d/%m/%Y}" if at else ""
        super().__init__(f"Không lưu được: {by or 'người khác'} đã lưu thay đổi{when} (lần sửa {rev}) sau khi bạn mở "
                         f"trang này (lần sửa {expected}). Nội dung hiện tại: {what}. Hãy xem lại rồi lưu lần nữa.")


def describe(c: TaskCorrection) -> str:
    """One line for a message: the agencies and their roles, the deadline."""
    from ..graph.queries import ROLE_LABELS

    who = "; ".join(f"{a.name} ({ROLE_LABELS[a.role].lower()})" for a in c.agencies) or "không còn cơ quan nào"
    due = f", thời hạn {c.deadline.text or c.deadline.date}" if c.deadline and (c.deadline.text or c.deadline.date) else ""
    return who + due


def now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def person(by: str | None) -> str:
    name = " ".join((by or "").split())
    if not name:
        raise ReviewError("Hãy ghi tên người thực hiện (để biết ai đã sửa, ai đã cập nhật).")
    if len(name) > 100:
        raise ReviewError("Tên người thực hiện quá dài (tối đa 100 ký tự).")
    return name


@contextmanager
def immediate(conn: sqlite3.Connection) -> Iterator[None]:
    """One write transaction that takes the write lock before it reads: two savers are serialised."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.rollback()
        raise
    conn.commit()


# --- applying corrections over parsed plans (called by SQLiteStore) ----------------------------------

_REVIEWS_SQL = ('SELECT a.plan_id, a.id, a.task_idx, a.added, a.block, a.start, a."end", a.row, a.page, r.json '
                "FROM anchors a LEFT JOIN task_reviews r ON r.anchor_id = a.id WHERE a.matched = 1")


def apply_rows(plan: Plan, rows: list[tuple]) -> tuple[Plan, dict[int, int]]:
    """The reviewed plan from its anchor rows (`_REVIEWS_SQL`, by anchor id), and task index → anchor id."""
    by_index: dict[int, TaskCorrection] = {}
    added: list[tuple[TaskCorrection, Provenance | None]] = []
    anchor_at: dict[int, int] = {}
    for _, aid, idx, is_added, block, start, end, row, page, text in rows:
        correction = TaskCorrection.model_validate_json(text) if text else None
        if is_added:
            if correction is not None:
                anchor_at[len(plan.tasks) + len(added)] = aid
                place = Provenance(file=plan.file, block=block, start=start, end=end, row=row, page=page) \
                    if block is not None else None
                added.append((correction, place))
        elif idx is not None and idx < len(plan.tasks):
            anchor_at[idx] = aid
            if correction is not None:
                by_index[idx] = correction
    return apply_reviews(plan, by_index, added), anchor_at


def reviewed(conn: sqlite3.Connection, plan_id: str, plan: Plan) -> tuple[Plan, dict[int, int]]:
    rows = conn.execute(_REVIEWS_SQL + " AND a.plan_id = ? ORDER BY a.id", (plan_id,)).fetchall()
    return apply_rows(plan, rows)


def reviewed_all(conn: sqlite3.Connection, plans: list[tuple[str, Plan]]) -> list[Plan]:
    rows: dict[str, list[tuple]] = {}
    for r in conn.execute(_REVIEWS_SQL + " ORDER BY a.id"):
        rows.setdefault(r[0], []).append(r)
    return [apply_rows(p, rows[pid])[0] if pid in rows else p for pid, p in plans]


def rematch(conn: sqlite3.Connection, plan_id: str, plan: Plan, sha256: str | None) -> tuple[int, list[int]]:
    """Find the plan's anchored tasks again in a new parse; returns (found, ids of those not found)."""
    rows = conn.execute(f"SELECT id, {_ANCHOR_COLUMNS} FROM anchors WHERE plan_id = ? AND added = 0",
                        (plan_id,)).fetchall()
    anchors = {r[0]: TaskAnchor(sha256=r[1], block=r[2], start=r[3], end=r[4], row=r[5], page=r[6], section=r[7],
                                text=r[8]) for r in rows}
    found = match_anchors(anchors, plan.tasks, sha256)
    for aid, idx in found.items():  # the anchor follows its task: the next version is compared with this one
        a = anchor_of(plan.tasks[idx], sha256)
        conn.execute(f"UPDATE anchors SET task_idx = ?, matched = 1, ({_ANCHOR_COLUMNS}) = (?, ?, ?, ?, ?, ?, ?, ?) "
                     "WHERE id = ?", (idx, a.sha256, a.block, a.start, a.end, a.row, a.page, a.section, a.text, aid))
    lost = sorted(set(anchors) - set(found))
    conn.executemany("UPDATE anchors SET task_idx = NULL, matched = 0 WHERE id = ?", [(aid,) for aid in lost])
    return len(found), lost


def rekey_progress(conn: sqlite3.Connection, plan_id: str) -> None:
    """A status follows its agency when a re-parse names it under another identity key (same spelling)."""
    rows = conn.execute("SELECT p.anchor_id, p.agency_key, p.agency_name FROM progress p JOIN anchors a "
                        "ON a.id = p.anchor_id WHERE a.plan_id = ?", (plan_id,)).fetchall()
    for aid, key, name in rows:
        here = conn.execute("SELECT a.agency_key, a.agency_name FROM assignments a JOIN tasks t ON t.id = a.task_id "
                            "WHERE t.anchor_id = ?", (aid,)).fetchall()
        if not here or key in {k for k, _ in here}:
            continue
        same = {k for k, n in here if fold(n) == fold(name)}
        if len(same) == 1:
            (new,) = same
            for table in ("progress", "progress_log"):
                conn.execute(f"UPDATE OR IGNORE {table} SET agency_key = ? WHERE anchor_id = ? AND agency_key = ?",
                             (new, aid, key))


class ReviewBook:
    """The reviewing, progress and document-management side of one store."""

    def __init__(self, store: "SQLiteStore") -> None:
        self.store = store
        self.conn = store.conn

    # --- reading ------------------------------------------------------------------------------
    def parsed(self, plan_id: str) -> Plan:
        row = self.conn.execute("SELECT json FROM plans WHERE id = ?", (plan_id,)).fetchone()
        if row is None:
            raise ReviewError(f"Không có văn bản “{plan_id}” trong kho.")
        return Plan.model_validate_json(row[0])

    def _sha(self, plan_id: str) -> str | None:
        row = self.conn.execute("SELECT sha256 FROM files WHERE plan_id = ?", (plan_id,)).fetchone()
        return row[0] if row else None

    def record(self, aid: int) -> ReviewRecord:
        row = self.conn.execute(
            f"SELECT a.plan_id, a.matched, {', '.join('a.' + c for c in _ANCHOR_COLUMNS.split(', '))}, "
            "r.revision, r.json, r.by, r.at, (SELECT idx FROM tasks WHERE anchor_id = a.id) "
            "FROM anchors a LEFT JOIN task_reviews r ON r.anchor_id = a.id WHERE a.id = ?", (aid,)).fetchone()
        plan_id, matched, sha, block, start, end, trow, page, section, text, rev, js, by, at, idx = row
        return ReviewRecord(id=aid, plan_id=plan_id, task_index=idx, matched=bool(matched), revision=rev or 0,
                            correction=TaskCorrection.model_validate_json(js) if js else None,
                            anchor=TaskAnchor(sha256=sha, block=block, start=start, end=end, row=trow, page=page,
                                              section=section, text=text),
                            by=by, at=dt.datetime.fromisoformat(at) if at else None)

    def _task_row(self, plan_id: str, index: int) -> int | None:
        row = self.conn.execute("SELECT anchor_id FROM tasks WHERE plan_id = ? AND idx = ?", (plan_id, index)).fetchone()
        if row is None:
            self.parsed(plan_id)  # no such plan: says so
            raise ReviewError(f"Văn bản “{plan_id}” không có nhiệm vụ số {index + 1}.")
        return row[0]

    def at_task(self, plan_id: str, index: int) -> ReviewRecord | None:
        aid = self._task_row(plan_id, index)
        return self.record(aid) if aid is not None else None

    def queue(self, plan_id: str) -> list[ReviewItem]:
        """The plan's tasks in the order to review them: least sure first, reviewed last."""
        plan, _ = reviewed(self.conn, plan_id, self.parsed(plan_id))
        revisions = dict(self.conn.execute("SELECT t.idx, r.revision FROM tasks t JOIN task_reviews r "
                                           "ON r.anchor_id = t.anchor_id WHERE t.plan_id = ?", (plan_id,)).fetchall())
        out = []
        for i in review_order(plan.tasks):
            t = plan.tasks[i]
            out.append(ReviewItem(task_index=i, text=t.text, agencies=task_state(t).agencies, deadline=t.deadline,
                                  confidence=doubt(t), review=t.review, revision=revisions.get(i, 0)))
        return out

    def history(self, plan_id: str, index: int) -> list[ReviewChange]:
        aid = self._task_row(plan_id, index)
        if aid is None:
            return []
        rows = self.conn.execute("SELECT revision, kind, before, after, by, at FROM review_log WHERE anchor_id = ? "
                                 "ORDER BY revision", (aid,)).fetchall()
        return [ReviewChange(revision=r, kind=k, before=TaskCorrection.model_validate_json(b) if b else None,
                             after=TaskCorrection.model_validate_json(a), by=by, at=dt.datetime.fromisoformat(at))
                for r, k, b, a, by, at in rows]

    def unmatched(self, plan_id: str | None = None) -> list[ReviewRecord]:
        """Reviewed or followed tasks that the current parse of their document no longer has (or whose
        document is gone): reported, never dropped."""
        sql = "SELECT id FROM anchors WHERE (matched = 0 OR plan_id NOT IN (SELECT id FROM plans))"
        args: tuple = ()
        if plan_id is not None:
            sql, args = sql + " AND plan_id = ?", (plan_id,)
        return [self.record(aid) for (aid,) in self.conn.execute(sql + " ORDER BY id", args).fetchall()]

    # --- corrections ----------------------------------------------------------------------------
    def _ensure_anchor(self, plan_id: str, index: int) -> int:
        aid = self._task_row(plan_id, index)
        if aid is not None:
            return aid
        task = self.parsed(plan_id).tasks[index]  # a task without an anchor is a parsed one
        a = anchor_of(task, self._sha(plan_id))
        aid = self.conn.execute(
            f"INSERT INTO anchors (plan_id, task_idx, added, matched, {_ANCHOR_COLUMNS}, created_at) "
            "VALUES (?, ?, 0, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (plan_id, index, a.sha256, a.block, a.start, a.end, a.row, a.page, a.section, a.text,
             now().isoformat())).lastrowid
        self.conn.execute("UPDATE tasks SET anchor_id = ? WHERE plan_id = ? AND idx = ?", (aid, plan_id, index))
        return aid

    def save(self, plan_id: str, index: int, change: Callable[[TaskCorrection], TaskCorrection], *, by: str,
             revision: int | None = None) -> ReviewRecord:
        """Settle one task: ``change`` gets the task as it is shown now and returns it as the person
        wants it (the whole task). ``revision`` is the one the person saw (None: the current one)."""
        by = person(by)
        with immediate(self.conn):
            aid = self._ensure_anchor(plan_id, index)
            current = self.record(aid)
            if revision is not None and revision != current.revision:
                raise StaleRevision(current, revision)
            parsed = self.parsed(plan_id)
            added = index >= len(parsed.tasks)
            original = None if added else task_state(parsed.tasks[index])
            shown = current.correction or original
            assert shown is not None  # an added task always has its correction
            new = change(shown.model_copy(deep=True))
            new = new.model_copy(update={"kind": settle_kind(original, new)})
            self._write_review(aid, current.revision + 1, shown, new, by)
            self.store.rebuild(plan_id, parsed)
        return self.record(aid)

    def add(self, plan_id: str, correction: TaskCorrection, *, by: str, after: int | None = None) -> ReviewRecord:
        """A duty the parser missed, placed (for the source view) where the task ``after`` stands."""
        by = person(by)
        if not correction.agencies:
            raise ReviewError("Nhiệm vụ bổ sung cần ít nhất một cơ quan.")
        with immediate(self.conn):
            parsed = self.parsed(plan_id)
            near = parsed.tasks[after] if after is not None and 0 <= after < len(parsed.tasks) else None
            a = anchor_of(near, self._sha(plan_id)) if near else TaskAnchor(sha256=self._sha(plan_id))
            aid = self.conn.execute(
                f"INSERT INTO anchors (plan_id, task_idx, added, matched, {_ANCHOR_COLUMNS}, created_at) "
                "VALUES (?, NULL, 1, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (plan_id, a.sha256, a.block, a.start, a.end, a.row, a.page, a.section, correction.text,
                 now().isoformat())).lastrowid
            self._write_review(aid, 1, None, correction.model_copy(update={"kind": "added"}), by)
            self.store.rebuild(plan_id, parsed)
        return self.record(aid)

    def _write_review(self, aid: int, revision: int, before: TaskCorrection | None, after: TaskCorrection,
                      by: str) -> None:
        at = now().isoformat()
        body = after.model_dump_json(exclude_none=True)
        self.conn.execute("INSERT OR REPLACE INTO task_reviews VALUES (?, ?, ?, ?, ?, ?)",
                          (aid, revision, after.kind, body, by, at))
        self.conn.execute("INSERT INTO review_log VALUES (?, ?, ?, ?, ?, ?, ?)",
                          (aid, revision, after.kind, before.model_dump_json(exclude_none=True) if before else None,
                           body, by, at))

    # --- progress ---------------------------------------------------------------------------------
    def _agency(self, plan_id: str, index: int, agency: str) -> tuple[str, str]:
        """The (key, name) of the task's agency named ``agency`` (its key, or any spelling)."""
        rows = self.conn.execute("SELECT DISTINCT a.agency_key, a.agency_name FROM assignments a JOIN tasks t "
                                 "ON t.id = a.task_id WHERE t.plan_id = ? AND t.idx = ?", (plan_id, index)).fetchall()
        for match in (lambda k, n: k == agency, lambda k, n: fold(n) == fold(agency),
                      lambda k, n: name_key(n) == name_key(agency)):
            hits = {(k, n) for k, n in rows if match(k, n)}
            if len({k for k, _ in hits}) == 1:
                return sorted(hits)[0]
        names = ", ".join(sorted({n for _, n in rows})) or "không có cơ quan nào"
        raise ReviewError(f"Nhiệm vụ số {index + 1} của văn bản “{plan_id}” không giao cho “{agency}” (có: {names}).")

    def progress(self, plan_id: str, index: int, agency: str) -> ProgressRecord:
        key, name = self._agency(plan_id, index, agency)
        aid = self._task_row(plan_id, index)
        row = self.conn.execute("SELECT agency_name, revision, state, changed_on, report_number, report_date, note, by, "
                                "at FROM progress WHERE anchor_id = ? AND agency_key = ?", (aid, key)).fetchone() \
            if aid is not None else None
        if row is None:
            return ProgressRecord(plan_id=plan_id, task_index=index, agency_key=key, agency_name=name, revision=0,
                                  progress=Progress())
        return self._progress_record(plan_id, index, key, row)

    @staticmethod
    def _progress_record(plan_id: str, index: int | None, key: str, row: tuple) -> ProgressRecord:
        name, rev, state, changed_on, number, report_date, note, by, at = row
        return ProgressRecord(plan_id=plan_id, task_index=index, agency_key=key, agency_name=name, revision=rev,
                              progress=Progress(state=state, changed_on=changed_on, report_number=number,
                                                report_date=report_date, note=note, by=by, at=at))

    def set_progress(self, plan_id: str, index: int, agency: str, update: Progress, *, by: str,
                     revision: int | None = None) -> ProgressRecord:
        """Record where the agency stands on the task (a new entry of its history)."""
        by = person(by)
        with immediate(self.conn):
            current = self.progress(plan_id, index, agency)
            if revision is not None and revision != current.revision:
                raise StaleRevision(current, revision)
            aid = self._ensure_anchor(plan_id, index)
            changed_on = update.changed_on
            if changed_on is None and update.state != current.progress.state:
                changed_on = dt.date.today()
            elif changed_on is None:
                changed_on = current.progress.changed_on
            values = (aid, current.agency_key, current.revision + 1, current.agency_name, update.state,
                      changed_on.isoformat() if changed_on else None, (update.report_number or "").strip() or None,
                      update.report_date.isoformat() if update.report_date else None,
                      (update.note or "").strip() or None, by, now().isoformat())
            self.conn.execute("INSERT INTO progress_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values)
            self.conn.execute("INSERT OR REPLACE INTO progress (anchor_id, agency_key, revision, agency_name, state, "
                              "changed_on, report_number, report_date, note, by, at) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values)
        return self.progress(plan_id, index, agency)

    def progress_history(self, plan_id: str, index: int, agency: str) -> list[ProgressRecord]:
        key, _ = self._agency(plan_id, index, agency)
        aid = self._task_row(plan_id, index)
        rows = self.conn.execute("SELECT agency_name, revision, state, changed_on, report_number, report_date, note, by, "
                                 "at FROM progress_log WHERE anchor_id = ? AND agency_key = ? ORDER BY revision",
                                 (aid, key)).fetchall() if aid is not None else []
        return [self._progress_record(plan_id, index, key, r) for r in rows]

    # --- documents --------------------------------------------------------------------------------
    def delete(self, plan_id: str, *, by: str) -> DeleteReport:
        """The document, its duties, corrections and statuses; its file is remembered as deleted, so an
        unchanged file is not read into the store again."""
        by = person(by)
        with immediate(self.conn):
            self.parsed(plan_id)
            count = lambda sql: self.conn.execute(sql, (plan_id,)).fetchone()[0]  # noqa: E731
            report = DeleteReport(
                plan_id=plan_id, tasks=count("SELECT count(*) FROM tasks WHERE plan_id = ?"),
                reviews=count("SELECT count(*) FROM task_reviews r JOIN anchors a ON a.id = r.anchor_id WHERE a.plan_id = ?"),
                progress=count("SELECT count(*) FROM progress p JOIN anchors a ON a.id = p.anchor_id WHERE a.plan_id = ?"),
                files=[r[0] for r in self.conn.execute("SELECT path FROM files WHERE plan_id = ?", (plan_id,))])
            self.conn.execute("DELETE FROM anchors WHERE plan_id = ?", (plan_id,))  # cascades to reviews and progress
            self.store.drop_plan(plan_id)
            self.conn.execute("UPDATE files SET status = 'deleted', plan_id = NULL, reason = ? WHERE plan_id = ?",
                              (f"đã xóa khỏi kho ({by}, {now().astimezone():%d/%m/%Y %H:%M})", plan_id))
        return report

    def replace(self, old: str, new: str, reason: str) -> Replacement:
        """``new`` is a later version of ``old``: the corrections and statuses of ``old`` move to the
        tasks of ``new`` that still match, the others are kept and listed; ``old`` leaves the store."""
        with immediate(self.conn):
            self.conn.execute("UPDATE anchors SET plan_id = ? WHERE plan_id = ?", (new, old))
            parsed = self.parsed(new)
            found, lost = rematch(self.conn, new, parsed, self._sha(new))
            added = self.conn.execute("SELECT count(*) FROM anchors WHERE plan_id = ? AND added = 1", (new,)).fetchone()[0]
            self.store.drop_plan(old)
            self.conn.execute("UPDATE files SET status = 'replaced', plan_id = NULL, reason = ? WHERE plan_id = ?",
                              (f"thay bằng phiên bản mới {new}", old))
            self.store.rebuild(new, parsed)
        return Replacement(old_plan_id=old, new_plan_id=new, carried=found + added,
                           unmatched=[self.record(aid) for aid in lost], reason=reason)

    def forget_files(self, paths: list[str]) -> None:
        """Drop the records of deleted or replaced files whose file is gone too (an upload's copy)."""
        with self.conn:
            self.conn.executemany("DELETE FROM files WHERE path = ? AND status IN ('deleted', 'replaced')",
                                  [(p,) for p in paths])

    def versions_of(self, plan_id: str) -> list[str]:
        """Other plans with the same number and issuer: versions of one document."""
        row = self.conn.execute("SELECT number_key, issuer FROM plans WHERE id = ?", (plan_id,)).fetchone()
        if row is None or not re.match(r"\d", row[0] or "") or not row[1]:
            return []
        others = self.conn.execute("SELECT id, issuer FROM plans WHERE number_key = ? AND id != ? ORDER BY id",
                                   (row[0], plan_id)).fetchall()
        return [pid for pid, issuer in others if fold(issuer or "") == fold(row[1])]

    def supersede(self, plan_id: str) -> list[Replacement]:
        """Settle the versions of a plan just saved: the file changed last is the current version."""
        out: list[Replacement] = []
        for other in self.versions_of(plan_id):
            if self._mtime(plan_id) >= self._mtime(other):
                out.append(self.replace(other, plan_id, "cùng số ký hiệu và cơ quan ban hành"))
            else:
                out.append(self.replace(plan_id, other, "cùng số ký hiệu và cơ quan ban hành"))
                break
        return out

    def _mtime(self, plan_id: str) -> int:
        row = self.conn.execute("SELECT mtime_ns FROM files WHERE plan_id = ?", (plan_id,)).fetchone()
        return row[0] if row else 0

    # --- reports that answer a plan -------------------------------------------------------------------
    def report_proposals(self, agency_keys: set[str] | None = None) -> list[ReportProposal]:
        """Báo cáo in the store that cite a plan in which their issuer owns duties not yet recorded done,
        and are not yet recorded as that agency's report."""
        rows = self.conn.execute(
            "SELECT r.plan_id, p.number, p.date, p.title, p.doc_type, p.issuer, p.json, t.id, t.number "
            "FROM refs r JOIN plans p ON p.id = r.plan_id JOIN plans t ON t.number_key = r.key AND t.id != p.id "
            "WHERE r.key != '' AND p.issuer IS NOT NULL").fetchall()
        out: list[ReportProposal] = []
        for rid, number, date, title, doc_type, issuer, js, target, target_number in rows:
            if not _is_report(doc_type, title):
                continue
            key = identify(AgencyRef(name=issuer), plan_jurisdiction(Plan.model_validate_json(js))).key
            if agency_keys is not None and key not in agency_keys:
                continue
            duties = self.conn.execute(
                "SELECT DISTINCT t.idx, a.agency_name, pr.state, pr.report_number FROM assignments a "
                "JOIN tasks t ON t.id = a.task_id LEFT JOIN progress pr ON pr.anchor_id = t.anchor_id "
                "AND pr.agency_key = a.agency_key WHERE t.plan_id = ? AND a.agency_key = ? AND a.role != 'support'",
                (target, key)).fetchall()
            open_ = [d for d in duties if d[2] != "done" and d[3] != number]
            if open_:
                out.append(ReportProposal(report_plan_id=rid, report_number=number, report_date=date,
                                          report_title=title, agency_key=key, agency_name=open_[0][1], plan_id=target,
                                          plan_number=target_number, open_duties=len({d[0] for d in open_})))
        return out

    def accept_report(self, proposal: ReportProposal, *, by: str) -> int:
        """Record the report as the agency's answer to each of its open duties in the plan: done on the
        report's day. Returns how many duties it settled. A proposal the store no longer makes (accepted
        already, or its documents changed) is refused."""
        same = proposal.model_dump(exclude={"open_duties"})
        if same not in [p.model_dump(exclude={"open_duties"}) for p in self.report_proposals({proposal.agency_key})]:
            raise ReviewError("Đề xuất này không còn: đã được ghi nhận, hoặc văn bản đã thay đổi. Hãy tải lại trang.")
        rows = self.conn.execute(
            "SELECT DISTINCT t.idx FROM assignments a JOIN tasks t ON t.id = a.task_id WHERE t.plan_id = ? "
            "AND a.agency_key = ? AND a.role != 'support' ORDER BY t.idx", (proposal.plan_id, proposal.agency_key))
        settled = 0
        for (idx,) in rows.fetchall():
            if self.progress(proposal.plan_id, idx, proposal.agency_key).progress.state == "done":
                continue
            day = proposal.report_date or dt.date.today()
            self.set_progress(proposal.plan_id, idx, proposal.agency_key, Progress(
                state="done", changed_on=day, report_number=proposal.report_number, report_date=proposal.report_date,
                note=f"Theo báo cáo {proposal.report_number or proposal.report_plan_id}"), by=by)
            settled += 1
        return settled


def _is_report(doc_type: str | None, title: str | None) -> bool:
    return fold(doc_type or "").startswith("bao cao") or (not doc_type and fold(title or "").startswith("bao cao"))
