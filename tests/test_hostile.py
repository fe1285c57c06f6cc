"""The cost model on a hostile folder: every file in the report with its own specific reason,
every good one processed, document text escaped in the HTML the project writes."""
from __future__ import annotations

import json
from pathlib import Path

from kehoach.batch.runner import BatchOptions, run_batch
from kehoach.graph.draw import plan_html
from kehoach.models import Plan

from .hostile import MARKUP, SCRIPT_TEXT, build


def test_hostile_folder(tmp_path: Path):
    folder = tmp_path / "in"
    expected = build(folder, good=160, copies=3)
    assert sum(1 for r in expected.values() if r) == 51
    assert sum(1 for n in expected if n.startswith("good-") and n.endswith((".html", ".htm"))) == 40
    out = tmp_path / "out"
    run_batch(folder, out, BatchOptions(workers=2, timeout=120))
    rows = {r["path"]: r for r in json.loads((out / "report.json").read_text(encoding="utf-8"))["files"]}
    assert set(rows) == set(expected)
    for name, reason in expected.items():
        row = rows[name]
        if reason is None:
            assert row["status"] in ("ok", "partial") and row["plan_id"], (name, row)
            continue
        assert row["reason"] and row["reason"].startswith(reason) or f"; {reason}:" in (row["reason"] or ""), \
            (name, reason, row["reason"])
        # the reason is ours, never a library's internal message
        assert "Traceback" not in row["reason"] and "E088" not in row["reason"], row["reason"]
    marked = 0
    for path in (out / "plans").glob("*.json"):
        assert SCRIPT_TEXT not in path.read_text(encoding="utf-8")  # a page's scripts never reach a plan
        plan = Plan.model_validate_json(path.read_text(encoding="utf-8"))
        if MARKUP not in path.read_text(encoding="utf-8").replace('\\"', '"'):
            continue
        marked += 1
        html = plan_html(plan, tmp_path / f"{path.stem}.html").read_text(encoding="utf-8")
        assert "<script>alert" not in html and "<b onmouseover" not in html
        assert "&lt;script&gt;alert" in html
    assert marked >= 10  # the markup reached agency names and the HTML of those plans
