"""What kind of document this is, what it does, and whether it is an official document at all.

The kind is the document's type (its type heading, else the code of its số ký hiệu, else the portal's table),
its family (directive, decision, normative …) and a subkind read from its title ("công bố thủ tục hành chính" →
publishes_procedures). Together they say where the document may assign duties (nlp/data/kinds.json): a plan
everywhere in its body, a decision publishing procedures only in its articles that give someone work, a
normative text only in its implementing articles, a page that quotes laws nowhere."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..extract.normalize import match_form
from ..models import Block
from .structure import Layout
from .vocab import table

Assign = str  # all | strict | implementation | none


@dataclass(frozen=True)
class Subkind:
    name: str
    types: frozenset[str]
    assign: Assign
    attachments: str
    phrases: tuple[str, ...]


@dataclass
class Kind:
    doc_type: str | None
    family: str
    subkind: str | None = None
    official: bool = True
    normative: bool = False
    assign: Assign = "all"
    attachments: str = "attachment"  # the zone of what it issues after its signature
    reasons: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _data() -> dict:
    return table("kinds")


@lru_cache(maxsize=1)
def subkinds() -> tuple[Subkind, ...]:
    return tuple(Subkind(s["subkind"], frozenset(s["types"]), s["assign"], s["attachments"],
                         tuple(match_form(p) for p in s["title"])) for s in _data()["subkinds"])


def family_of(doc_type: str | None) -> str:
    return _data()["families"].get(doc_type or "", "letter")


def implementation_phrases() -> tuple[str, ...]:
    return tuple(match_form(p) for p in _data()["implementation_articles"])


def is_normative_number(number: str | None) -> bool:
    return bool(number and re.match(_data()["normative_number"], number.strip()))


def subkind_of(doc_type: str | None, title: str | None) -> Subkind | None:
    """The first subkind of the document's type whose phrase its title holds."""
    key = match_form(title or "")
    if not key:
        return None
    for s in subkinds():
        if doc_type in s.types and any(p in key for p in s.phrases):
            return s
    return None


def _marks() -> dict[str, tuple[str, ...]]:
    return {k: tuple(match_form(p) for p in v) for k, v in _data()["official_marks"].items()}


def motto_line(text: str) -> str | None:
    """'quốc hiệu' or 'đảng cộng sản việt nam' when the line is a document's motto standing as a header line
    (not an article's sentence that names the Republic), possibly with the issuer's column beside it."""
    key = match_form(text).strip(" *-_")
    if len(key) > 110:
        return None
    marks = _marks()
    if any(m in key for m in marks["state_motto"]) and (key.startswith(marks["state_motto"]) or text.strip(" *").isupper()):
        return "quốc hiệu"
    if text.strip(" *").isupper() and any(m in key for m in marks["party_motto"]):
        return "đảng cộng sản việt nam"
    return None


def official_marks(blocks: list[Block], layout: Layout, portal: dict | None, limit: int = 60) -> list[str]:
    """What shows that the text is an official document: the state's or the Party's motto near its top, a
    'Số: …/…' line with a type or a date, a signing authority with a Nơi nhận, or a portal's table of the
    document's fields. An article or Q&A page that quotes laws has none of these."""
    found: list[str] = []
    motto = next((i for i, b in enumerate(blocks[:limit]) if motto_line(b.text)), None)
    if motto is not None:
        found.append(motto_line(blocks[motto].text) or "")
    if layout.number_line is not None and (layout.doc_type or layout.date_line is not None):
        found.append("số ký hiệu")
    if layout.signer_authority and layout.recipients:
        found.append("thẩm quyền ký và nơi nhận")
    if portal and sum(1 for k in _data()["official_marks"]["portal_fields"] if portal.get(k)) >= 2:
        found.append("bảng thuộc tính của cổng")
    return found


def portal_type(portal: dict | None) -> str | None:
    """The portal's own 'Loại văn bản' when it is a type of ours."""
    value = (portal or {}).get("type")
    return value.strip() if isinstance(value, str) and value.strip() in _data()["families"] else None


def classify(blocks: list[Block], layout: Layout, portal: dict | None = None) -> Kind:
    """The document's kind, from its header and title (the portal's table only where the header is silent)."""
    # a type read from the number's code alone is a guess ("5387/CT-CS" is a Công văn of the Cục Thuế, not a
    # Chỉ thị): the portal's table, where there is one, says better
    guessed = layout.type_source == "code" and layout.doc_type != "Văn bản hợp nhất"
    doc_type = (portal_type(portal) if guessed else None) or layout.doc_type or portal_type(portal)
    reasons = [f"loại: {doc_type}"] if doc_type else []
    marks = official_marks(blocks, layout, portal)
    if not marks:
        return Kind(doc_type=doc_type, family=family_of(doc_type), official=False, assign="none",
                    reasons=reasons + ["không có dấu hiệu văn bản hành chính (quốc hiệu, số ký hiệu, thẩm quyền ký)"])
    kind = Kind(doc_type=doc_type, family=family_of(doc_type), reasons=reasons + [f"văn bản: {', '.join(marks)}"])
    kind.normative = kind.family == "normative" or is_normative_number(layout.number)
    kind.assign = _data()["family_assign"].get(kind.family, "all")
    sub = subkind_of(doc_type, layout.title)
    if sub is not None:
        kind.subkind, kind.assign, kind.attachments = sub.name, sub.assign, sub.attachments
        kind.normative = kind.normative or sub.assign == "implementation"  # "Nghị quyết quy định mức chi …"
        kind.reasons.append(f"tiểu loại: {sub.name}")
    if kind.normative and kind.assign == "all" and kind.family not in {"directive"}:
        kind.assign = "implementation"  # a legal normative text assigns only in its implementing articles
    if kind.normative:
        kind.reasons.append("văn bản quy phạm pháp luật")
    return kind

