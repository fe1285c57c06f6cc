"""The function taxonomy (graph/data/functions.json) compiled to matchers.

A function is what an agency does whatever its level and place: "Sở Tư pháp" (tỉnh) and
"Phòng Tư pháp" (huyện) are both `justice`. `successor` maps the 2025 reorganisation.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..models.text import fold


@dataclass(frozen=True)
class Function:
    id: str
    label: str
    patterns: tuple[re.Pattern[str], ...]
    successor: str | None = None
    successor_note: str | None = None


@lru_cache(maxsize=None)
def _table() -> dict:
    return json.loads(resources.files("kehoach.graph").joinpath("data", "functions.json").read_text(encoding="utf-8"))


def _compile(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(rf"(?<![a-z0-9]){re.escape(p)}(?![a-z0-9])") for p in patterns)


@lru_cache(maxsize=None)
def functions() -> tuple[Function, ...]:
    return tuple(Function(f["id"], f["label"], _compile(f["patterns"]), f.get("successor"), f.get("successor_note"))
                 for f in _table()["functions"])


@lru_cache(maxsize=None)
def group_functions() -> tuple[Function, ...]:
    return tuple(Function(f"group:{k}", v["label"], _compile(v["patterns"]))
                 for k, v in _table()["group_functions"].items() if not k.startswith("_"))


@lru_cache(maxsize=None)
def by_id() -> dict[str, Function]:
    return {f.id: f for f in functions() + group_functions()}


def function_of(name: str, *, is_group: bool = False) -> Function | None:
    """The first function whose pattern occurs in the folded name (groups: group functions first)."""
    key = fold(name)
    order = group_functions() + functions() if is_group else functions()
    for f in order:
        if any(p.search(key) for p in f.patterns):
            return f
    return None


def current(function_id: str | None) -> str | None:
    """The function that holds these duties now (after the 2025 reorganisation)."""
    seen = set()
    while function_id and function_id not in seen:
        seen.add(function_id)
        f = by_id().get(function_id)
        if f is None or not f.successor:
            return function_id
        function_id = f.successor
    return function_id


def label(function_id: str | None) -> str | None:
    f = by_id().get(function_id or "")
    return f.label if f else None
