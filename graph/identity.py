"""One identity for one real agency across documents.

Inside a plan, nlp/ gives each agency a canonical key; across plans the same key can be
two agencies ("Công an tỉnh" of Hưng Yên and of Lai Châu) and one agency can carry two
keys ("Sở Tư pháp", "Sở Tư pháp tỉnh Hưng Yên"). The identity is therefore
function × level × jurisdiction, with the name as the fallback where no function is known.
"""
from __future__ import annotations

import re
from pathlib import Path

from . import taxonomy
from ..models import AgencyIdentity, AgencyRef, Jurisdiction, Plan
from ..models.text import fold

_LEVEL_WORDS = re.compile(r"\b(tinh|thanh pho|tp|huyen|quan|thi xa|xa|phuong|thi tran|dac khu|cap tinh|cap huyen|cap xa)\b.*$")
_HEAD_LEVEL = (("so ", "province"), ("phong ", "district"), ("bo ", "central"), ("cuc ", "central"))


def plan_id(plan: Plan) -> str:
    """A document's id is its file's stem (the gold and the outputs use the same)."""
    return Path(plan.file).stem


def plan_jurisdiction(plan: Plan) -> Jurisdiction:
    return plan.document.jurisdiction or Jurisdiction(level=plan.document.level)  # type: ignore[arg-type]


def agency_level(ref: AgencyRef, plan_level: str | None) -> str | None:
    if ref.level:
        return ref.level
    key = fold(ref.name)
    for head, level in _HEAD_LEVEL:
        if key.startswith(head):
            return level
    return plan_level


def agency_jurisdiction(level: str | None, plan_j: Jurisdiction) -> str:
    """The territory an agency of ``level`` named in a plan of ``plan_j`` serves.

    Keys use the province after the 2025 merger, so that the Sở of a merged province and its
    successor meet; a district agency named in a provincial plan is one of many (`*`)."""
    province = plan_j.province_now or plan_j.province or "?"
    if level == "central":
        return "TW"
    if level == "province":
        return province
    if level == "district":
        return f"{province}/{plan_j.district}" if plan_j.district else f"{province}/*"
    if level == "commune":
        if plan_j.commune:
            return f"{province}/{plan_j.district or '*'}/{plan_j.commune}"
        return f"{province}/{plan_j.district or '*'}/*"
    return plan_j.key if plan_j.key != "?" else province


def name_key(name: str) -> str:
    """The name without its level and place: 'Hội Luật gia tỉnh Hưng Yên' → 'hoi luat gia'."""
    key = fold(name)
    stripped = _LEVEL_WORDS.sub("", key).strip(" ,-")
    return stripped or key


def identify(ref: AgencyRef, plan_j: Jurisdiction) -> AgencyIdentity:
    level = agency_level(ref, plan_j.level)
    function = taxonomy.function_of(ref.name, is_group=ref.is_group)
    jurisdiction = agency_jurisdiction(level, plan_j)
    if function is not None and not ref.is_group:
        stem = function.id
    elif function is not None:
        stem = function.id  # "group:communes"
    else:
        stem = ("group:" if ref.is_group else "name:") + name_key(ref.name)
    return AgencyIdentity(
        key=f"{stem}|{level or '?'}|{jurisdiction}", name=ref.name,
        function=function.id if function else None, function_label=function.label if function else None,
        function_now=taxonomy.current(function.id) if function else None,
        level=level, jurisdiction=jurisdiction, is_group=ref.is_group)  # type: ignore[arg-type]
