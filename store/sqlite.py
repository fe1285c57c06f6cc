"""The embedded store: SQLite in WAL mode, one transaction per document, FTS5 for search.

One storage interface (`PlanStore`), so that a national deployment can put PostgreSQL behind
the same methods; queries, checklists and comparisons read from it without re-parsing.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Protocol

import networkx as nx

from ..graph import queries
from ..graph.build import build_graph, reference_id
from ..graph.duties import plan_duties
from ..graph.identity import plan_jurisdiction
from ..models import AgencyIdentity, Duty, Plan, Progress, Provenance
from ..models.text import fold, fold_words, number_key
from .review import ReviewBook, rekey_progress, rematch, reviewed, reviewed_all
from .schema import migrate


@dataclass(frozen=True)
class FileRecord:
    path: str  # relative to the batch root
    sha256: str
    size: int
    mtime_ns: int
    plan_id: str | None
    status: str
    reason: str | None = None
    pages: int | None = None
    seconds: float | None = None
    pipeline: str | None = None


class PlanStore(Protocol):
    """What batch writes and queries read; SQLite here, PostgreSQL for a national corpus."""

    def file_record(self, path: str) -> FileRecord | None: ...
    def file_records(self) -> dict[str, FileRecord]: ...
    def save(self, record: FileRecord, plan: Plan | None) -> None: ...
    def touch(self, path: str, mtime_ns: int) -> None: ...
    def remove(self, path: str) -> None: ...


# the rows of the reviewed plans (corrections applied when written), with the progress people recorded
_DUTY_SQL = """
SELECT t.plan_id, p.number, p.title, p.date, p.jurisdiction, t.idx, t.text, t.section, t.page,
       d.date, d.precision, d.text, d.recurring, d.kind,
       a.agency_key, a.agency_name, a.role, a.provenance,
       g.name, g.function, g.function_label, g.function_now, g.level, g.jurisdiction, g.is_group,
       t.review, a.confidence,
       pr.state, pr.changed_on, pr.report_number, pr.report_date, pr.note, pr.by, pr.at
FROM assignments a
JOIN tasks t ON t.id = a.task_id
JOIN plans p ON p.id = t.plan_id
JOIN agencies g ON g.key = a.agency_key
LEFT JOIN deadlines d ON d.task_id = t.id
LEFT JOIN progress pr ON pr.anchor_id = t.anchor_id AND pr.agency_key = a.agency_key
"""


def _duty(row: tuple) -> Duty:
    """A Duty from a row; the row was validated when it was written, so it is built without
    re-validation (model_construct): checklists over thousands of rows stay fast."""
    (plan_id, number, title, date, jur, idx, text, section, page, dl_date, dl_prec, dl_text, recurring, kind,
     key, name, role, prov, g_name, function, f_label, f_now, level, g_jur, is_group, review, confidence,
     *progress) = row
    agency = AgencyIdentity.model_construct(key=key, name=g_name, function=function, function_label=f_label,
                                            function_now=f_now, level=level, jurisdiction=g_jur,
                                            is_group=bool(is_group))
    return Duty.model_construct(
        plan_id=plan_id, plan_number=number, plan_title=title, plan_date=date, jurisdiction=jur, task_index=idx,
        agency=agency, agency_name=name, role=role, text=text, section=section, page=page,
        deadline=dl_date if dl_date and not recurring and kind == "due" else None,
        deadline_precision=dl_prec, deadline_text=dl_text, recurring=bool(recurring),
        confidence=confidence, reviewed=review is not None, progress=_progress(*progress),
        provenance=Provenance.model_construct(**json.loads(prov)) if prov else None)


def _progress(state, changed_on, number, report_date, note, by, at) -> Progress | None:
    if state is None:
        return None
    day = dt.date.fromisoformat
    return Progress.model_construct(state=state, changed_on=day(changed_on) if changed_on else None,
                                    report_number=number, report_date=day(report_date) if report_date else None,
                                    note=note, by=by, at=dt.datetime.fromisoformat(at) if at else None)


def fts_query(words: str) -> str | None:
    """Folded words, each quoted (FTS5 syntax characters in user text are data), implicitly ANDed."""
    toks = fold_words(words)
    return " ".join(f'"{t}"' for t in toks) or None


class SQLiteStore:
    def __init__(self, path: Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        if readonly:
            self.conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(self.path, check_same_thread=False)
            self.conn.execute("PRAGMA journal_mode=WAL")
            migrate(self.conn)
        self.conn.execute("PRAGMA foreign_keys=ON")
        self.conn.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: durable at checkpoints, never corrupt

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "SQLiteStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- files --------------------------------------------------------------------------
    def file_record(self, path: str) -> FileRecord | None:
        row = self.conn.execute("SELECT path, sha256, size, mtime_ns, plan_id, status, reason, pages, seconds, pipeline "
                                "FROM files WHERE path = ?", (path,)).fetchone()
        return FileRecord(*row) if row else None

    def file_records(self) -> dict[str, FileRecord]:
        rows = self.conn.execute("SELECT path, sha256, size, mtime_ns, plan_id, status, reason, pages, seconds, pipeline "
                                 "FROM files")
        return {r[0]: FileRecord(*r) for r in rows}

    def touch(self, path: str, mtime_ns: int) -> None:
        with self.conn:
            self.conn.execute("UPDATE files SET mtime_ns = ? WHERE path = ?", (mtime_ns, path))

    # --- writing ------------------------------------------------------------------------
    def save(self, record: FileRecord, plan: Plan | None) -> None:
        """Replace everything known about one file in one transaction: a run killed at any
        moment leaves either the old state or the new one. The corrections and statuses people
        recorded on its tasks are found again in the new parse (or kept and reported)."""
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        with self.conn:
            old = self.conn.execute("SELECT plan_id FROM files WHERE path = ?", (record.path,)).fetchone()
            if old and old[0]:
                self._delete_plan(old[0])
                if record.plan_id and old[0] != record.plan_id:
                    self.conn.execute("UPDATE anchors SET plan_id = ? WHERE plan_id = ?", (record.plan_id, old[0]))
            if plan is not None and record.plan_id:
                self._delete_plan(record.plan_id)
                rematch(self.conn, record.plan_id, plan, record.sha256)
                self._insert_plan(record.plan_id, plan)
            self.conn.execute(
                "INSERT OR REPLACE INTO files (path, sha256, size, mtime_ns, plan_id, status, reason, pages, seconds, "
                "processed_at, pipeline) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (record.path, record.sha256, record.size, record.mtime_ns, record.plan_id if plan else None,
                 record.status, record.reason, record.pages, record.seconds, now, record.pipeline))

    def remove(self, path: str) -> None:
        with self.conn:
            old = self.conn.execute("SELECT plan_id FROM files WHERE path = ?", (path,)).fetchone()
            if old and old[0]:
                self._delete_plan(old[0])
            self.conn.execute("DELETE FROM files WHERE path = ?", (path,))

    def rebuild(self, plan_id: str, plan: Plan) -> None:
        """Write the plan's query rows again (its corrections changed); inside the caller's transaction."""
        self._delete_plan(plan_id)
        self._insert_plan(plan_id, plan)

    def drop_plan(self, plan_id: str) -> None:
        """The plan's rows out of the store; inside the caller's transaction."""
        self._delete_plan(plan_id)

    @cached_property
    def reviews(self) -> ReviewBook:
        return ReviewBook(self)

    def changed_elsewhere(self) -> bool:
        """Whether another connection (a batch, the CLI) committed since the last call."""
        (version,) = self.conn.execute("PRAGMA data_version").fetchone()
        seen, self._data_version = getattr(self, "_data_version", version), version
        return version != seen

    def _delete_plan(self, plan_id: str) -> None:
        self.__dict__.pop("_names", None)  # the agencies' spellings change with the plan's rows
        c = self.conn
        named = c.execute("SELECT DISTINCT a.agency_key, a.agency_name FROM assignments a JOIN tasks t ON t.id = a.task_id "
                          "WHERE t.plan_id = ?", (plan_id,)).fetchall()
        c.execute("DELETE FROM task_fts WHERE rowid IN (SELECT id FROM tasks WHERE plan_id = ?)", (plan_id,))
        c.execute("DELETE FROM plans WHERE id = ?", (plan_id,))  # cascades to tasks, deadlines, assignments, refs
        c.executemany("DELETE FROM agency_spellings WHERE key = ? AND name = ? AND NOT EXISTS "
                      "(SELECT 1 FROM assignments WHERE agency_key = ? AND agency_name = ?)",
                      [(k, n, k, n) for k, n in named])
        # agencies no longer named by any plan go too
        gone = [r[0] for r in c.execute("SELECT key FROM agencies WHERE key NOT IN (SELECT agency_key FROM assignments)")]
        c.executemany("DELETE FROM agencies WHERE key = ?", [(k,) for k in gone])
        c.executemany("DELETE FROM agency_fts WHERE key = ?", [(k,) for k in gone])

    def _insert_plan(self, plan_id: str, plan: Plan) -> None:
        """The parser's plan JSON, and the query rows of the plan as reviewed."""
        c = self.conn
        doc = plan.document
        jur = plan_jurisdiction(plan)
        c.execute("INSERT INTO plans VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                  (plan_id, plan.file, doc.number, number_key(doc.number), doc.doc_type, doc.title, doc.date,
                   doc.issuer, jur.level, jur.label, jur.province_now or jur.province,
                   str(getattr(plan.status, "value", plan.status)), plan.model_dump_json()))
        plan, anchor_at = reviewed(c, plan_id, plan)
        task_ids: dict[int, int] = {}
        for i, t in enumerate(plan.tasks):
            cur = c.execute("INSERT INTO tasks (plan_id, idx, text, section, page, anchor_id, review) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?)",
                            (plan_id, i, t.text, t.section, t.provenance.page if t.provenance else None,
                             anchor_at.get(i), t.review))
            task_ids[i] = cur.lastrowid
            c.execute("INSERT INTO task_fts (rowid, text) VALUES (?, ?)", (cur.lastrowid, fold(t.text)))
            if t.deadline is not None:
                d = t.deadline
                c.execute("INSERT INTO deadlines VALUES (?, ?, ?, ?, ?, ?)",
                          (cur.lastrowid, d.date, d.precision, d.text, int(d.recurring), d.kind))
        for duty in plan_duties(plan):
            a = duty.agency
            new = c.execute("INSERT OR IGNORE INTO agencies VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                            (a.key, a.name, a.function, a.function_label, a.function_now, a.level, a.jurisdiction,
                             int(a.is_group))).rowcount
            if new:
                c.execute("INSERT INTO agency_fts (key, name) VALUES (?, ?)", (a.key, fold(a.name)))
            c.execute("INSERT INTO assignments (task_id, agency_key, agency_name, role, provenance, confidence) "
                      "VALUES (?, ?, ?, ?, ?, ?)",
                      (task_ids[duty.task_index], a.key, duty.agency_name, duty.role,
                       duty.provenance.model_dump_json() if duty.provenance else None, duty.confidence))
            c.execute("INSERT OR IGNORE INTO agency_spellings VALUES (?, ?)", (a.key, duty.agency_name))
        c.executemany("INSERT INTO refs VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                      [(plan_id, reference_id(r.number, r.name), r.number, r.name, r.doc_type, r.date, r.issuer,
                        int(r.is_legal_basis)) for r in plan.references])
        rekey_progress(c, plan_id)

    # --- reading (the CorpusSource interface of kehoach.graph.source) --------------------
    def plans(self) -> list[Plan]:
        """Every plan as reviewed: the parser's JSON with the corrections people made."""
        parsed = [(pid, Plan.model_validate_json(text)) for pid, text in self.conn.execute(
            "SELECT id, json FROM plans ORDER BY id").fetchall()]
        return reviewed_all(self.conn, parsed)

    def iter_plans(self) -> Iterator[Plan]:
        for pid, text in self.conn.execute("SELECT id, json FROM plans ORDER BY id").fetchall():
            yield reviewed(self.conn, pid, Plan.model_validate_json(text))[0]

    def duties(self) -> list[Duty]:
        return [_duty(r) for r in self.conn.execute(_DUTY_SQL + " ORDER BY t.plan_id, t.idx, a.id")]

    def search(self, words: str, *, limit: int = 200) -> list[tuple[float, Duty]]:
        """The duties of the ``limit`` best-matching tasks (FTS5 bm25 over folded text), in one query."""
        q = fts_query(words)
        if q is None:
            return []
        sql = ("WITH hits(rowid, rank) AS (SELECT rowid, bm25(task_fts) FROM task_fts WHERE task_fts MATCH ? "
               "ORDER BY bm25(task_fts) LIMIT ?) SELECT -hits.rank, " + _DUTY_SQL.split("SELECT", 1)[1].replace(
                   "FROM assignments a", "FROM hits JOIN assignments a ON a.task_id = hits.rowid", 1))
        out = [(row[0], _duty(row[1:])) for row in self.conn.execute(sql, (q, limit))]
        out.sort(key=lambda h: (-h[0], h[1].plan_id, h[1].task_index))
        return out

    @cached_property
    def _names(self) -> dict[str, set[str]]:
        names: dict[str, set[str]] = defaultdict(set)
        for key, name in self.conn.execute("SELECT key, name FROM agency_spellings"):
            names[key].add(name)
        return names

    def agency_duties(self, name: str, where: str | None = None) -> list[Duty]:
        keys = queries.resolve_agency(self._names, name)
        keys = queries.in_jurisdiction(keys, where)
        marks = ",".join("?" * len(keys))
        rows = self.conn.execute(_DUTY_SQL + f" WHERE a.agency_key IN ({marks})", keys).fetchall()
        return sorted((_duty(r) for r in rows), key=queries.by_deadline)

    def event_sequence(self, uid: str, content: str) -> int:
        """The SEQUENCE of a calendar event: 0 when first served, one more each time its content changes."""
        with self.conn:
            row = self.conn.execute("SELECT hash, sequence FROM calendar_events WHERE uid = ?", (uid,)).fetchone()
            if row is None:
                self.conn.execute("INSERT INTO calendar_events VALUES (?, ?, 0)", (uid, content))
                return 0
            if row[0] == content:
                return row[1]
            self.conn.execute("UPDATE calendar_events SET hash = ?, sequence = ? WHERE uid = ?", (content, row[1] + 1, uid))
            return row[1] + 1

    def graph(self) -> nx.MultiDiGraph:
        return build_graph(self.iter_plans())

    def counts(self) -> dict[str, int]:
        return {t: self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("files", "plans", "tasks", "assignments", "agencies", "refs", "deadlines")}

    def snapshot(self) -> dict[str, list]:
        """The store's content without row ids and timestamps: equal for equal corpora."""
        q = {
            "files": "SELECT path, sha256, plan_id, status, reason, pages FROM files ORDER BY path",
            "plans": "SELECT id, file, number, json FROM plans ORDER BY id",
            "tasks": "SELECT plan_id, idx, text, section, page FROM tasks ORDER BY plan_id, idx",
            "assignments": "SELECT t.plan_id, t.idx, a.agency_key, a.agency_name, a.role FROM assignments a "
                           "JOIN tasks t ON t.id = a.task_id ORDER BY 1, 2, 3, 5",
            "agencies": "SELECT * FROM agencies ORDER BY key",
            "refs": "SELECT * FROM refs ORDER BY plan_id, key",
            "fts": "SELECT count(*) FROM task_fts",
        }
        return {k: [tuple(r) for r in self.conn.execute(sql)] for k, sql in q.items()}


def open_store(path: Path, *, readonly: bool = False) -> SQLiteStore:
    return SQLiteStore(path, readonly=readonly)

