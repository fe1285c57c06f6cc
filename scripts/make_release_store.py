"""Make the test fixture of a store written by an earlier release: the two seeds batched by the code
checked out, and that code's answers to who / tasks / checklist, so that a later release can show
it opens, migrates and answers the same (tests/test_review_store.py).

Usage: .venv/bin/python scripts/make_release_store.py tests/fixtures/store-0.1.0
       (run on the release whose store is to be kept: 9dd0741, schema v3, made the fixture there)
"""
from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

import kehoach
from kehoach.batch.runner import BatchOptions, run_batch

ROOT = Path(__file__).resolve().parents[1]
AS_OF = dt.date(2026, 3, 1)
QUESTIONS = {"who": ["vay von", "tổ chức hội nghị"], "agencies": ["Công an tỉnh", "Sở Tài chính", "Công an huyện"]}


def answers(corpus: "kehoach.Corpus") -> dict:
    """What a user sees: the agencies and duties of each question, in order."""
    def duty(d) -> list:
        return [d.plan_id, d.task_index, d.agency.key, d.agency_name, d.role, d.text, d.deadline]

    out: dict = {"who": {}, "tasks": {}, "checklist": {}}
    for words in QUESTIONS["who"]:
        out["who"][words] = [[a.agency.key, [duty(d) for d in a.duties]] for a in corpus.who(words, limit=0)]
    for name in QUESTIONS["agencies"]:
        out["tasks"][name] = [duty(d) for d in corpus.tasks(name)]
        out["checklist"][name] = [[r.status] + duty(r.duty) for r in corpus.checklist(name, as_of=AS_OF)]
    out["plans"] = sorted(p.file for p in corpus.plans())
    return out


def main(target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        seeds = Path(tmp) / "seeds"
        shutil.copytree(ROOT / "corpus" / "seeds", seeds)
        out = Path(tmp) / "out"
        run_batch(seeds, out, BatchOptions(workers=1, timeout=None))
        with sqlite3.connect(out / "kehoach.db") as c:  # one self-contained file: WAL folded in, pages packed
            c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            c.execute("PRAGMA journal_mode=DELETE")
            c.execute("VACUUM")
            version = c.execute("PRAGMA user_version").fetchone()[0]
        shutil.copy(out / "kehoach.db", target / "kehoach.db")
        result = answers(kehoach.open_store(out))
    result["made_by"] = {"release": kehoach.__version__, "pipeline": kehoach.pipeline_version(),
                         "schema": version, "as_of": AS_OF.isoformat()}
    (target / "answers.json").write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{target}: schema v{version}, {len(result['plans'])} plans")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "tests" / "fixtures" / "store-0.1.0")
