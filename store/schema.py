"""The store's schema as numbered migrations. A database records the version it is at
(`PRAGMA user_version`); opening it applies whatever migrations are newer, in order, each
in its own transaction."""
from __future__ import annotations

import sqlite3

MIGRATIONS: list[tuple[int, str]] = [
    (1, """
    CREATE TABLE files (
        path TEXT PRIMARY KEY,          -- relative to the batch root
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL,
        mtime_ns INTEGER NOT NULL,
        plan_id TEXT,
        status TEXT NOT NULL,           -- ok | partial | failed
        reason TEXT,
        pages INTEGER,
        seconds REAL,
        processed_at TEXT NOT NULL
    );
    CREATE TABLE plans (
        id TEXT PRIMARY KEY,            -- the file stem (unique within the store)
        file TEXT NOT NULL,
        number TEXT,
        number_key TEXT,
        doc_type TEXT,
        title TEXT,
        date TEXT,
        issuer TEXT,
        level TEXT,
        jurisdiction TEXT,
        province TEXT,
        status TEXT NOT NULL,
        json TEXT NOT NULL              -- the plan JSON, as `kehoach parse` writes it
    );
    CREATE INDEX plans_number ON plans(number_key);
    CREATE TABLE agencies (
        key TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        function TEXT,
        function_label TEXT,
        function_now TEXT,
        level TEXT,
        jurisdiction TEXT,
        is_group INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE tasks (
        id INTEGER PRIMARY KEY,
        plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        text TEXT NOT NULL,
        section TEXT,
        page INTEGER,
        UNIQUE (plan_id, idx)
    );
    CREATE TABLE deadlines (
        task_id INTEGER PRIMARY KEY REFERENCES tasks(id) ON DELETE CASCADE,
        date TEXT,
        precision TEXT,
        text TEXT,
        recurring INTEGER NOT NULL DEFAULT 0,
        kind TEXT
    );
    CREATE INDEX deadlines_date ON deadlines(date);
    CREATE TABLE assignments (
        id INTEGER PRIMARY KEY,
        task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
        agency_key TEXT NOT NULL REFERENCES agencies(key),
        agency_name TEXT NOT NULL,      -- as this plan writes it
        role TEXT NOT NULL,             -- lead | support | requested
        provenance TEXT
    );
    CREATE INDEX assignments_agency ON assignments(agency_key);
    CREATE INDEX assignments_task ON assignments(task_id);
    CREATE TABLE refs (
        plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        number TEXT,
        name TEXT,
        doc_type TEXT,
        date TEXT,
        issuer TEXT,
        is_legal_basis INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX refs_plan ON refs(plan_id);
    CREATE INDEX refs_key ON refs(key);
    -- folded text (no diacritics, đ → d), so "vay von" finds "vay vốn"
    CREATE VIRTUAL TABLE task_fts USING fts5(text, tokenize = 'unicode61 remove_diacritics 2');
    CREATE VIRTUAL TABLE agency_fts USING fts5(key UNINDEXED, name, tokenize = 'unicode61 remove_diacritics 2');
    """),
    (2, """
    -- which pipeline made a file's plan: a file parsed by an older parser is redone
    ALTER TABLE files ADD COLUMN pipeline TEXT;
    """),
    (3, """
    -- every spelling of every agency, kept as plans come and go: resolving a name is one small scan
    CREATE TABLE agency_spellings (key TEXT NOT NULL, name TEXT NOT NULL, PRIMARY KEY (key, name)) WITHOUT ROWID;
    INSERT OR IGNORE INTO agency_spellings SELECT DISTINCT agency_key, agency_name FROM assignments;
    CREATE INDEX assignments_agency_name ON assignments(agency_key, agency_name);
    """),
    (4, """
    -- a person's work: the tasks they checked or corrected and where each agency stands on them. Kept
    -- apart from the parser's rows (which are rebuilt on every parse) and applied over them.
    -- anchors: a task a person touched, found again after a re-parse by the document's content and the
    -- task's place in it; task_idx is its index in the current parse (NULL when it no longer matches)
    CREATE TABLE anchors (
        id INTEGER PRIMARY KEY,
        plan_id TEXT NOT NULL,
        task_idx INTEGER,
        added INTEGER NOT NULL DEFAULT 0,    -- a task the parser missed, added by a person
        matched INTEGER NOT NULL DEFAULT 1,
        sha256 TEXT, block INTEGER, start INTEGER NOT NULL DEFAULT 0, "end" INTEGER NOT NULL DEFAULT 0,
        row INTEGER, page INTEGER, section TEXT, text TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE INDEX anchors_plan ON anchors(plan_id, task_idx);
    CREATE TABLE task_reviews (            -- the current correction of a task (models.review.TaskCorrection)
        anchor_id INTEGER PRIMARY KEY REFERENCES anchors(id) ON DELETE CASCADE,
        revision INTEGER NOT NULL,
        kind TEXT NOT NULL,                -- confirmed | edited | removed | added
        json TEXT NOT NULL,
        by TEXT NOT NULL,
        at TEXT NOT NULL
    );
    CREATE TABLE review_log (              -- every save, with what was there before
        anchor_id INTEGER NOT NULL REFERENCES anchors(id) ON DELETE CASCADE,
        revision INTEGER NOT NULL,
        kind TEXT NOT NULL,
        before TEXT,
        after TEXT NOT NULL,
        by TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (anchor_id, revision)
    );
    CREATE TABLE progress (                -- where one agency stands on one task: the latest entry
        anchor_id INTEGER NOT NULL REFERENCES anchors(id) ON DELETE CASCADE,
        agency_key TEXT NOT NULL,
        agency_name TEXT NOT NULL,
        revision INTEGER NOT NULL,
        state TEXT NOT NULL,               -- not_started | in_progress | done
        changed_on TEXT, report_number TEXT, report_date TEXT, note TEXT,
        by TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (anchor_id, agency_key)
    );
    CREATE TABLE progress_log (
        anchor_id INTEGER NOT NULL REFERENCES anchors(id) ON DELETE CASCADE,
        agency_key TEXT NOT NULL,
        revision INTEGER NOT NULL,
        agency_name TEXT NOT NULL,
        state TEXT NOT NULL,
        changed_on TEXT, report_number TEXT, report_date TEXT, note TEXT,
        by TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (anchor_id, agency_key, revision)
    );
    -- the query rows carry the review and the parser's confidence, and the anchor progress joins on
    ALTER TABLE tasks ADD COLUMN anchor_id INTEGER;
    ALTER TABLE tasks ADD COLUMN review TEXT;
    ALTER TABLE assignments ADD COLUMN confidence REAL;
    CREATE INDEX tasks_anchor ON tasks(anchor_id);
    """),
    (5, """
    -- calendar events as feeds last served them: a changed duty keeps its UID with a higher SEQUENCE
    CREATE TABLE calendar_events (uid TEXT PRIMARY KEY, hash TEXT NOT NULL, sequence INTEGER NOT NULL DEFAULT 0)
        WITHOUT ROWID;
    """),
]

SCHEMA_VERSION = MIGRATIONS[-1][0]


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the database to SCHEMA_VERSION; returns the version it was at."""
    (version,) = conn.execute("PRAGMA user_version").fetchone()
    if version > SCHEMA_VERSION:
        raise RuntimeError(f"store schema v{version} is newer than this kehoach (v{SCHEMA_VERSION}); upgrade kehoach")
    for number, sql in MIGRATIONS:
        if number <= version:
            continue
        with conn:
            conn.executescript("BEGIN;" + sql + f"; PRAGMA user_version = {number};")
    return version
