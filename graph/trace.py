"""The cascade: which documents a plan rests on (upwards) and which plans implement it (downwards)."""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field

import networkx as nx

from .queries import NotFound
from ..models.text import fold, number_key

_LINKS = {"implements", "cites"}


@dataclass
class TraceNode:
    node: str
    label: str
    title: str | None
    kind: str  # plan | document
    link: str | None = None  # implements | cites: how it hangs from its parent
    children: list["TraceNode"] = field(default_factory=list)


def find_document(g: nx.MultiDiGraph, number: str) -> str:
    key = number_key(number)
    folded = fold(number)
    for n, a in g.nodes(data=True):
        if a.get("kind") in {"plan", "document"} and a.get("number") and number_key(a["number"]) == key:
            return n
    for n, a in g.nodes(data=True):  # an unnumbered law by name, or a plan by its file id
        if a.get("kind") == "document" and fold(a.get("name") or "") == folded:
            return n
        if a.get("kind") == "plan" and n == f"plan:{number}":
            return n
    known = sorted({a["number"] for _, a in g.nodes(data=True) if a.get("number")})
    raise NotFound("document numbered", number, difflib.get_close_matches(number, known, n=5, cutoff=0.5))


def _node(g: nx.MultiDiGraph, n: str, link: str | None) -> TraceNode:
    a = g.nodes[n]
    return TraceNode(n, a.get("number") or a.get("label") or n, a.get("title") or a.get("name"), a.get("kind", "?"), link)


def _walk(g: nx.MultiDiGraph, start: str, *, up: bool, depth: int, seen: set[str]) -> list[TraceNode]:
    if depth <= 0:
        return []
    edges = g.out_edges(start, data=True) if up else g.in_edges(start, data=True)
    out: list[TraceNode] = []
    best: dict[str, str] = {}
    for u, v, a in edges:
        if a.get("kind") in _LINKS:
            other = v if up else u
            if best.get(other) != "implements":
                best[other] = a["kind"]
    for other, link in sorted(best.items(), key=lambda kv: (kv[1] != "implements", kv[0])):
        if other in seen:
            continue
        child = _node(g, other, link)
        child.children = _walk(g, other, up=up, depth=depth - 1, seen=seen | {other})
        out.append(child)
    return out


def trace(g: nx.MultiDiGraph, number: str, *, depth: int = 6) -> tuple[TraceNode, list[TraceNode], list[TraceNode]]:
    """(the document, what it rests on, what implements it)."""
    start = find_document(g, number)
    return (_node(g, start, None), _walk(g, start, up=True, depth=depth, seen={start}),
            _walk(g, start, up=False, depth=depth, seen={start}))
