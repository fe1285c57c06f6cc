"""Plans flattened to duties: one row per (task, agency, role), with the agency's identity."""
from __future__ import annotations

from collections.abc import Iterable

from .identity import identify, plan_id, plan_jurisdiction
from ..models import AgencyRef, Duty, Plan


def plan_duties(plan: Plan) -> list[Duty]:
    pid = plan_id(plan)
    jur = plan_jurisdiction(plan)
    out: list[Duty] = []
    for i, task in enumerate(plan.tasks):
        requested = {a.canonical or a.name for a in task.requested}
        roles: list[tuple[str, AgencyRef]] = []
        for a in task.lead:
            roles.append(("requested" if (a.canonical or a.name) in requested else "lead", a))
        roles += [("support", a) for a in task.support]
        seen: set[tuple[str, str]] = set()
        for role, ref in roles:
            ident = identify(ref, jur)
            if (ident.key, role) in seen:
                continue
            seen.add((ident.key, role))
            d = task.deadline
            out.append(Duty(
                plan_id=pid, plan_number=plan.document.number, plan_title=plan.document.title,
                plan_date=plan.document.date, jurisdiction=jur.label, task_index=i, agency=ident,
                agency_name=ref.name, role=role, text=task.text, section=task.section,  # type: ignore[arg-type]
                page=task.provenance.page if task.provenance else None,
                deadline=d.date if d and not d.recurring and d.kind == "due" else None,
                deadline_precision=d.precision if d else None, deadline_text=d.text if d else None,
                recurring=bool(d and d.recurring), provenance=task.provenance,
                confidence=ref.confidence if ref.confidence is not None else task.confidence,
                reviewed=task.review is not None))
    return out


def corpus_duties(plans: Iterable[Plan]) -> list[Duty]:
    return [d for p in plans for d in plan_duties(p)]
