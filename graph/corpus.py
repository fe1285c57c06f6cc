"""A corpus of parsed plans read back from the plan JSON that `kehoach parse` / `batch` write."""
from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from ..models import Plan


def load_plans(folder: Path) -> tuple[list[Plan], list[str]]:
    """Every plan JSON under ``folder``; files that are not plan JSON are reported, not fatal."""
    plans: list[Plan] = []
    problems: list[str] = []
    for f in sorted(Path(folder).rglob("*.json")):
        if f.name in {"report.json"} or f.name.startswith("."):
            continue
        try:
            plans.append(Plan.model_validate_json(f.read_bytes()))
        except (ValidationError, ValueError, UnicodeDecodeError) as e:
            problems.append(f"{f}: not a plan JSON ({type(e).__name__})")
    return plans, problems
