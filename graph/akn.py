"""A plan as Akoma Ntoso 3.0 (OASIS LegalDocML): a `doc` with FRBR identification, the agencies
and roles as TLCOrganization / TLCRole, the cited documents as activeRef (and `ref` in the
preamble), and the body's sections with each duty as a `point` naming its agencies.

Built with lxml, so document text is always character data, never markup.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from lxml import etree

from .identity import plan_id
from .queries import ROLE_LABELS
from ..models import Plan, Reference, Task
from ..models.text import fold

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
E = "{%s}" % AKN_NS
SOURCE = "#kehoach"
ROLE_IDS = {"lead": "role_chu-tri", "support": "role_phoi-hop", "requested": "role_duoc-de-nghi"}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "x"


def _el(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, E + tag, {k.rstrip("_"): _clean(v) for k, v in attrs.items()})
    if text is not None:
        el.text = _clean(text)
    return el


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _clean(text: str) -> str:
    """XML 1.0 cannot carry control characters; a document's stray ones are dropped."""
    return _CONTROL.sub("", text)


def _ref_uri(r: Reference) -> str:
    kind = slug(r.doc_type or "van-ban")
    year = (r.date or "")[:4] or "-"
    return f"/akn/vn/doc/{kind}/{year}/{slug(r.number or r.name)}"


def _org_id(name: str) -> str:
    return f"org_{slug(name)}"


def _frbr(parent: etree._Element, level: str, this: str, uri: str, date: str, date_name: str, author: str) -> etree._Element:
    el = _el(parent, level)
    _el(el, "FRBRthis", value=this)
    _el(el, "FRBRuri", value=uri)
    _el(el, "FRBRdate", date=date, name=date_name)
    _el(el, "FRBRauthor", href=author)
    return el


def plan_akn(plan: Plan, *, exported: dt.date | None = None) -> bytes:
    """The plan as an AKN 3.0 XML document (UTF-8 bytes)."""
    exported = exported or dt.date.today()
    doc_meta = plan.document
    number = doc_meta.number
    kind = slug(doc_meta.doc_type or "ke-hoach")
    date = doc_meta.date or exported.isoformat()
    date_name = "signature" if doc_meta.date else "export"  # an undated plan is dated by its export
    work = f"/akn/vn/doc/{kind}/{date}/{slug(number or plan_id(plan))}"
    expr = f"{work}/vie@"
    issuer = f"#{_org_id(doc_meta.issuer)}" if doc_meta.issuer else SOURCE

    root = etree.Element(E + "akomaNtoso", nsmap={None: AKN_NS})
    doc = _el(root, "doc", name=kind)
    meta = _el(doc, "meta")
    ident = _el(meta, "identification", source=SOURCE)
    w = _frbr(ident, "FRBRWork", f"{work}/!main", work, date, date_name, issuer)
    _el(w, "FRBRcountry", value="vn")
    if number:
        _el(w, "FRBRnumber", value=number)
    if doc_meta.title:
        _el(w, "FRBRname", value=doc_meta.title)
    e = _frbr(ident, "FRBRExpression", f"{expr}/!main", expr, date, date_name, issuer)
    _el(e, "FRBRlanguage", language="vie")
    _frbr(ident, "FRBRManifestation", f"{expr}/!main.xml", f"{expr}.akn", exported.isoformat(), "export", SOURCE)

    # --- references: cited documents, agencies, roles ------------------------------------
    refs = _el(meta, "references", source=SOURCE)
    for i, r in enumerate(plan.references, 1):
        _el(refs, "activeRef", eId=f"ref_{i}", href=_ref_uri(r), showAs=r.number or r.name)
    orgs: dict[str, str] = {}
    for name in _agency_names(plan):
        oid = _org_id(name)
        if oid not in orgs.values():
            orgs[name] = oid
            _el(refs, "TLCOrganization", eId=oid, href=f"/ontology/organization/vn/{slug(name)}", showAs=name)
        else:
            orgs[name] = oid
    if doc_meta.place:
        _el(refs, "TLCLocation", eId=f"place_{slug(doc_meta.place)}", href=f"/ontology/location/vn/{slug(doc_meta.place)}",
            showAs=doc_meta.place)
    _el(refs, "TLCOrganization", eId="kehoach", href="/ontology/organization/kehoach", showAs="kehoach")
    for role, rid in ROLE_IDS.items():
        _el(refs, "TLCRole", eId=rid, href=f"/ontology/role/kehoach/{role}", showAs=ROLE_LABELS[role])

    # --- preface: number, type, title, issuer, place and date ----------------------------
    preface = _el(doc, "preface")
    if doc_meta.issuer:
        p = _el(preface, "p")
        _el(p, "organization", doc_meta.issuer, eId="preface__org_issuer", refersTo=issuer)
    if number:
        _el(_el(preface, "p"), "docNumber", f"Số: {number}")
    if doc_meta.place or doc_meta.date:
        p = _el(preface, "p")
        if doc_meta.place:
            _el(p, "location", doc_meta.place, eId="preface__location", refersTo=f"#place_{slug(doc_meta.place)}")
        if doc_meta.date:
            _el(p, "docDate", doc_meta.date, date=doc_meta.date)
    _el(_el(preface, "p"), "docType", doc_meta.doc_type or "Kế hoạch")
    if doc_meta.title:
        _el(_el(preface, "p"), "docTitle", doc_meta.title)

    # --- preamble: the legal bases, each a ref ---------------------------------------------
    if plan.legal_bases:
        preamble = _el(doc, "preamble")
        for i, r in enumerate(plan.legal_bases, 1):
            p = _el(preamble, "p")
            p.text = "Căn cứ "
            _el(p, "ref", r.name or r.number or "", eId=f"preamble__ref_{i}", href=_ref_uri(r))

    # --- body: sections (by the duties' section paths) with each duty as a point ----------
    body = _el(doc, "mainBody")
    _body(body, plan, orgs)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _agency_names(plan: Plan) -> list[str]:
    names: list[str] = []
    if plan.document.issuer:
        names.append(plan.document.issuer)
    for t in plan.tasks:
        for a in [*t.lead, *t.support, *t.requested]:
            names.append(a.name)
    seen: set[str] = set()
    return [n for n in names if not (n in seen or seen.add(n))]


class _Node:
    def __init__(self, title: str) -> None:
        self.title = title
        self.children: dict[str, _Node] = {}
        self.tasks: list[tuple[int, Task]] = []


def _tree(tasks: Iterable[Task]) -> _Node:
    root = _Node("")
    for i, t in enumerate(tasks):
        node = root
        for part in [p.strip() for p in (t.section or "").split(" > ") if p.strip()]:
            node = node.children.setdefault(part, _Node(part))
        node.tasks.append((i, t))
    return root


def _labels(plan: Plan) -> dict[str, str]:
    """Section titles (as the duties' paths cut them) → their labels ("II.", "1.")."""
    out: dict[str, str] = {}
    for s in plan.sections:
        if s.label:
            out.setdefault(s.title[:100].strip(), s.label)
    return out


def _body(body: etree._Element, plan: Plan, orgs: dict[str, str]) -> None:
    labels = _labels(plan)
    root = _tree(plan.tasks)

    def label_of(title: str) -> str | None:
        for t, lab in labels.items():
            if t == title[:100].strip() or t.startswith(title.rstrip("…").strip()):
                return lab
        return None

    def container(parent: etree._Element, node: _Node, eid: str, tag: str) -> None:
        el = _el(parent, tag, eId=eid)
        lab = label_of(node.title)
        if lab:
            _el(el, "num", lab)
        _el(el, "heading", node.title)
        fill(el, node, eid)

    def fill(el: etree._Element, node: _Node, eid: str) -> None:
        for k, (i, t) in enumerate(node.tasks, 1):
            _duty(el, i, t, f"{eid}__point_{k}" if eid else f"point_{k}", orgs)
        for k, child in enumerate(node.children.values(), 1):
            container(el, child, f"{eid}__lvl_{k}" if eid else f"sec_{k}", "level" if eid else "section")

    if not plan.tasks:
        _el(_el(body, "p"), "span", "(Không có nhiệm vụ được phân công)")
        return
    fill(body, root, "")


def _duty(parent: etree._Element, index: int, task: Task, eid: str, orgs: dict[str, str]) -> None:
    point = _el(parent, "point", eId=eid)
    _el(point, "num", f"{index + 1}.")
    content = _el(point, "content")
    _el(content, "p", task.text)
    requested = {a.canonical or a.name for a in task.requested}
    groups = [("lead", [a for a in task.lead if (a.canonical or a.name) not in requested]),
              ("requested", task.requested), ("support", task.support)]
    for role, agencies in groups:
        if not agencies:
            continue
        p = _el(content, "p")
        _el(p, "role", ROLE_LABELS[role], eId=f"{eid}__role_{role}", refersTo=f"#{ROLE_IDS[role]}").tail = ": "
        for k, a in enumerate(agencies, 1):
            org = _el(p, "organization", a.name, eId=f"{eid}__{role}_{k}", refersTo=f"#{orgs.get(a.name, _org_id(a.name))}")
            org.tail = ", " if k < len(agencies) else None
    d = task.deadline
    if d and (d.text or d.date):
        p = _el(content, "p")
        p.text = "Thời hạn: "
        if d.date:
            _el(p, "date", d.text or d.date, date=d.date, eId=f"{eid}__date")
        else:
            p.text += _clean(d.text)
