"""The graph in the formats other tools read: GraphML (yEd, Gephi), GEXF (Gephi), node-link JSON (d3)."""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx

FORMATS = ("graphml", "gexf", "json")


def _flat(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """GraphML and GEXF take scalars only: None dropped, lists as JSON text."""
    out = nx.MultiDiGraph()

    def clean(attrs: dict) -> dict:
        return {k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v)
                for k, v in attrs.items() if v is not None}

    out.add_nodes_from((n, clean(a)) for n, a in g.nodes(data=True))
    out.add_edges_from((u, v, k, clean(a)) for u, v, k, a in g.edges(keys=True, data=True))
    return out


def export_graph(g: nx.MultiDiGraph, path: Path, fmt: str | None = None) -> Path:
    fmt = fmt or path.suffix.lstrip(".").lower()
    if fmt == "graphml":
        nx.write_graphml(_flat(g), path)
    elif fmt == "gexf":
        nx.write_gexf(_flat(g), path)
    elif fmt == "json":
        path.write_text(json.dumps(nx.node_link_data(g, edges="links"), ensure_ascii=False, default=str), encoding="utf-8")
    else:
        raise ValueError(f"unknown graph format {fmt!r}; use one of {', '.join(FORMATS)}")
    return path


def load_graph(path: Path) -> nx.MultiDiGraph:
    fmt = path.suffix.lstrip(".").lower()
    if fmt == "graphml":
        return nx.read_graphml(path, force_multigraph=True)
    if fmt == "gexf":
        return nx.read_gexf(path)
    if fmt == "json":
        return nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="links")
    raise ValueError(f"unknown graph format {fmt!r}")
