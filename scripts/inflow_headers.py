"""Header fields at scale: each inflow document's number, date, signer and kind, as the parser reads them,
against the portal's own table (../shared/corpus/inflow/index.csv). Prints the accuracy of each field with its
95 % interval, the kind's accuracy per portal type, and every miss (id, ours, the portal's).

Usage: python scripts/inflow_headers.py [--plans DIR] [--inflow DIR] [--kinds scripts/portal_kinds.json]
                                        [--out FILE.md]

Without --plans every document is parsed here (`kehoach.parse`); with it, the plan JSON of a `kehoach parse
--out` folder or a batch's plans/ is read (a document without a plan counts as a miss). Values are compared
after normalising spaces and case only (a number's spaces are dropped altogether); the portal's dd/mm/yyyy
date is compared with the plan's ISO date. The kind counts only documents whose portal type has a kind of
ours (portal_kinds.json; 'Văn bản khác' has none).
"""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel

import kehoach
from kehoach.models import Plan
from yardlib import INFLOW, PortalRow, code_commit, emit, load_index, load_plans, md_table, norm_text, share_cell

KINDS = Path(__file__).with_name("portal_kinds.json")
FIELDS = ("number", "date", "signer", "kind")


class KindRule(BaseModel):
    doc_types: list[str] = []
    subkinds: list[str] = []


class Outcome(BaseModel):
    """One field of one document: what we read, what the portal says, whether they agree."""

    id: str
    field: str
    ours: str | None
    portal: str
    right: bool


def load_kinds(path: Path) -> dict[str, KindRule | None]:
    table = json.loads(path.read_text(encoding="utf-8"))["portal_types"]
    return {name: None if rule is None else KindRule.model_validate(rule) for name, rule in table.items()}


def portal_date_iso(day_month_year: str) -> str | None:
    """'21/11/2025' → '2025-11-21'; None when it is not a dd/mm/yyyy date."""
    parts = day_month_year.strip().split("/")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return None
    d, m, y = parts
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"


def norm_number(s: str | None) -> str:
    return norm_text(s).replace(" ", "")


def our_kind(plan: Plan) -> str | None:
    d = plan.document
    return " / ".join(x for x in (d.doc_type, d.subkind) if x) or None


def kind_matches(plan: Plan, rule: KindRule) -> bool:
    d = plan.document
    return norm_text(d.doc_type) in {norm_text(t) for t in rule.doc_types} or \
        (d.subkind is not None and norm_text(d.subkind) in {norm_text(s) for s in rule.subkinds})


def field_outcomes(row: PortalRow, plan: Plan | None, kinds: dict[str, KindRule | None]) -> list[Outcome]:
    """The four fields of one document; the kind only when the portal's type has a kind of ours."""
    d = plan.document if plan else None
    signer = d.signer.name if d and d.signer else None
    compare: list[tuple[str, str | None, str, Callable[[str | None], str]]] = [
        ("number", d.number if d else None, row.number, norm_number),
        ("date", d.date if d else None, portal_date_iso(row.date) or row.date, norm_text),
        ("signer", signer, row.signer, norm_text)]
    out = [Outcome(id=row.id, field=f, ours=ours, portal=portal, right=ours is not None and norm(ours) == norm(portal))
           for f, ours, portal, norm in compare]
    rule = kinds.get(row.portal_type)
    if rule is not None:
        out.append(Outcome(id=row.id, field="kind", ours=our_kind(plan) if plan else None, portal=row.portal_type,
                           right=plan is not None and kind_matches(plan, rule)))
    return out


def accuracy_table(outcomes: list[Outcome]) -> str:
    rows = []
    for f in FIELDS:
        got = [o for o in outcomes if o.field == f]
        k = sum(o.right for o in got)
        rows.append((f, len(got), k, share_cell(k, len(got))))
    return md_table(("field", "documents", "right", "accuracy (95 % CI)"), rows)


def kind_by_type(outcomes: list[Outcome]) -> str:
    kinds = [o for o in outcomes if o.field == "kind"]
    rows = []
    for t in sorted({o.portal for o in kinds}, key=lambda t: -sum(o.portal == t for o in kinds)):
        got = [o for o in kinds if o.portal == t]
        k = sum(o.right for o in got)
        rows.append((t, len(got), k, share_cell(k, len(got))))
    return md_table(("portal type", "documents", "kind right", "accuracy (95 % CI)"), rows)


def misses(outcomes: list[Outcome]) -> str:
    parts = []
    for f in FIELDS:
        missed = [o for o in outcomes if o.field == f and not o.right]
        if missed:
            rows = [(o.id, "(none read)" if o.ours is None else o.ours, o.portal) for o in missed]
            parts.append(f"Misses, {f} ({len(missed)}):\n\n" + md_table(("id", "ours", "the portal's"), rows))
    return "\n\n".join(parts) or "No misses."


def plans_for(index: dict[str, PortalRow], inflow: Path, folder: Path | None) -> dict[str, Plan]:
    if folder is not None:
        return load_plans(folder)
    return {i: kehoach.parse(inflow / Path(row.file).name) for i, row in index.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--plans", type=Path, help="a folder of plan JSON (default: parse the inflow documents)")
    ap.add_argument("--inflow", type=Path, default=INFLOW)
    ap.add_argument("--kinds", type=Path, default=KINDS, help="the portal types → kinds of ours table")
    ap.add_argument("--commit", help="the commit the plans were made at (default: this checkout's)")
    ap.add_argument("--out", type=Path, help="also write the report to this Markdown file")
    args = ap.parse_args(argv)
    index = load_index(args.inflow / "index.csv")
    if not index:
        print(f"{args.inflow}/index.csv: not found or empty", file=sys.stderr)
        return 2
    kinds = load_kinds(args.kinds)
    plans = plans_for(index, args.inflow, args.plans)
    outcomes = [o for i, row in index.items() for o in field_outcomes(row, plans.get(i), kinds)]
    unknown = sorted({r.portal_type for r in index.values()} - set(kinds))
    left_out = sorted({r.portal_type for r in index.values() if r.portal_type in kinds and kinds[r.portal_type] is None})
    text = "\n\n".join([
        f"{len(index)} inflow documents; plans made at {args.commit or code_commit()}"
        + (f" (read from {args.plans})" if args.plans else " (parsed here)") + ".",
        accuracy_table(outcomes),
        "Kind, per portal type (not counted: " + (", ".join(left_out + unknown) or "none") + "):",
        kind_by_type(outcomes),
        "Target: kind ≥ 97 %; number, date and signer ≥ 0.99 each.",
        misses(outcomes)])
    return emit(text, args.out)


if __name__ == "__main__":
    sys.exit(main())
