"""The responsibility graph of a corpus (networkx MultiDiGraph).

Nodes (attribute `kind`): plan, agency, task, document (a cited document not in the corpus).
Edges (attribute `kind`):
  plan  -issued_by->  agency
  plan  -implements-> plan | document   (a legal basis)
  plan  -cites->      plan | document   (any other reference)
  plan  -contains->   task
  agency -assigns->   task              (role lead | support | requested, deadline, provenance)
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import networkx as nx

from .duties import plan_duties
from .identity import identify, plan_id, plan_jurisdiction
from ..models import AgencyRef, Plan
from ..models.text import fold, number_key


def plan_node(pid: str) -> str:
    return f"plan:{pid}"


def doc_node(key: str) -> str:
    return f"doc:{key}"


def reference_id(number: str | None, name: str) -> str:
    return number_key(number) if number else "name:" + fold(name)


def build_graph(plans: Iterable[Plan]) -> nx.MultiDiGraph:
    plans = list(plans)
    g = nx.MultiDiGraph()
    by_number = {number_key(p.document.number): plan_id(p) for p in plans if p.document.number}
    spellings: dict[str, Counter[str]] = {}
    for plan in plans:
        pid = plan_id(plan)
        jur = plan_jurisdiction(plan)
        doc = plan.document
        g.add_node(plan_node(pid), kind="plan", label=doc.number or pid, number=doc.number, title=doc.title,
                   date=doc.date, doc_type=doc.doc_type, issuer=doc.issuer, level=jur.level,
                   jurisdiction=jur.label, province=jur.province_now or jur.province, file=plan.file,
                   status=str(plan.status.value if hasattr(plan.status, "value") else plan.status))
        if doc.issuer:
            ident = identify(AgencyRef(name=doc.issuer), jur)
            _agency_node(g, ident, spellings, doc.issuer)
            g.add_edge(plan_node(pid), f"agency:{ident.key}", kind="issued_by")
        for ref in plan.references:
            key = reference_id(ref.number, ref.name)
            target = plan_node(by_number[key]) if key in by_number and by_number[key] != pid else doc_node(key)
            if target.startswith("doc:") and target not in g:
                g.add_node(target, kind="document", label=ref.number or ref.name, number=ref.number,
                           name=ref.name, doc_type=ref.doc_type, date=ref.date, issuer=ref.issuer, external=True)
            g.add_edge(plan_node(pid), target, kind="implements" if ref.is_legal_basis else "cites",
                       provenance=ref.provenance.model_dump_json() if ref.provenance else None)
        for i, task in enumerate(plan.tasks):
            d = task.deadline
            g.add_node(f"task:{pid}#{i}", kind="task", label=task.text[:60], text=task.text, plan=pid,
                       section=task.section, deadline=d.date if d else None, deadline_text=d.text if d else None,
                       page=task.provenance.page if task.provenance else None, review=task.review)
            g.add_edge(plan_node(pid), f"task:{pid}#{i}", kind="contains")
        for duty in plan_duties(plan):
            _agency_node(g, duty.agency, spellings, duty.agency_name)
            g.add_edge(f"agency:{duty.agency.key}", f"task:{pid}#{duty.task_index}", kind="assigns", role=duty.role,
                       deadline=duty.deadline, provenance=duty.provenance.model_dump_json() if duty.provenance else None)
    for key, names in spellings.items():  # display the most used spelling
        g.nodes[f"agency:{key}"]["label"] = names.most_common(1)[0][0]
        g.nodes[f"agency:{key}"]["spellings"] = sorted(names)
    return g


def _agency_node(g: nx.MultiDiGraph, ident, spellings: dict[str, Counter[str]], name: str) -> None:
    node = f"agency:{ident.key}"
    if node not in g:
        g.add_node(node, kind="agency", label=ident.name, function=ident.function, function_label=ident.function_label,
                   function_now=ident.function_now, level=ident.level, jurisdiction=ident.jurisdiction,
                   is_group=ident.is_group)
    spellings.setdefault(ident.key, Counter())[name] += 1
