"""Where queries read a corpus from. `PlanSource` holds parsed plans in memory; the SQLite store
(kehoach.store) offers the same methods backed by its tables and FTS5 index."""
from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Protocol

import networkx as nx

from . import queries
from .build import build_graph
from .corpus import load_plans
from .duties import corpus_duties
from ..models import Duty, Plan


class CorpusSource(Protocol):
    def plans(self) -> list[Plan]: ...
    def duties(self) -> list[Duty]: ...
    def search(self, words: str) -> list[tuple[float, Duty]]: ...
    def agency_duties(self, name: str, where: str | None = None) -> list[Duty]: ...
    def graph(self) -> nx.MultiDiGraph: ...


class PlanSource:
    def __init__(self, plans: list[Plan], problems: list[str] | None = None) -> None:
        self._plans = plans
        self.problems = problems or []

    @classmethod
    def from_folder(cls, folder: Path) -> "PlanSource":
        return cls(*load_plans(folder))

    def plans(self) -> list[Plan]:
        return self._plans

    @cached_property
    def _duties(self) -> list[Duty]:
        return corpus_duties(self._plans)

    def duties(self) -> list[Duty]:
        return self._duties

    @cached_property
    def _index(self) -> queries.DutyIndex:
        return queries.DutyIndex(self._duties)

    def search(self, words: str) -> list[tuple[float, Duty]]:
        return self._index.search(words)

    def agency_duties(self, name: str, where: str | None = None) -> list[Duty]:
        return queries.agency_duties(self._duties, name, where)

    def graph(self) -> nx.MultiDiGraph:
        return build_graph(self._plans)
