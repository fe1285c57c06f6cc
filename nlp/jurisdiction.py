"""Where a plan applies: its level and its province / district / commune, from the issuer's name,
the issuer's parent line and, for lower levels, the province the text names most."""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from ..extract.normalize import match_form
from ..models import Jurisdiction
from ..models import units
from .agencies import level_of
from .vocab import table

_UNIT = re.compile(r"\b(tỉnh|thành phố|tp\.?|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu)\s+"
                   r"((?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ][\w-]*\s?){1,4})", re.I)
_CENTRAL = re.compile(r"(?i)^(bộ|chính phủ|thủ tướng|ban chấp hành trung ương|văn phòng chính phủ|quốc hội)\b")


@lru_cache(maxsize=None)
def _provinces() -> dict[str, tuple[str, str]]:
    """match form of a name → (name, province after the 2025 merger): the 34 of today (the
    vietnam-provinces package) and the ones merged away that older documents name."""
    now = {match_form(k): (k, k) for k in units.provinces()}
    return now | {match_form(k): (k, v) for k, v in table("places")["merged_into"].items()}


@lru_cache(maxsize=None)
def _cities() -> frozenset[str]:
    return frozenset(match_form(c) for c, city in units.provinces().items() if city)


@lru_cache(maxsize=None)
def _communes() -> dict[tuple[str, str], frozenset[str]]:
    """(unit, match form of a commune's name) → the provinces that have a commune of that name."""
    out: dict[tuple[str, str], set[str]] = {}
    for name, places in units.communes().items():
        for unit, province in places:
            out.setdefault((unit, match_form(name)), set()).add(province)
    return {k: frozenset(v) for k, v in out.items()}


def commune_province(unit: str, name: str) -> str | None:
    """The province of "xã X" when only one province has a commune of that name (2025 units)."""
    found = _communes().get((unit, match_form(name)), frozenset())
    return next(iter(found)) if len(found) == 1 else None


def _known_province(words: str) -> str | None:
    """The longest known province name that ``words`` starts with."""
    parts = words.split()
    for n in range(min(4, len(parts)), 0, -1):
        hit = _provinces().get(match_form(" ".join(parts[:n])))
        if hit:
            return hit[0]
    return None


def _units(text: str) -> list[tuple[str, str]]:
    """(unit word, proper name) pairs: ("huyện", "Tam Đường")."""
    out = []
    for m in _UNIT.finditer(text):
        unit = m.group(1).lower().rstrip(".")
        name = m.group(2).strip()
        if not name[:1].isupper() or (unit == "xã" and name.lower().startswith("hội")):
            continue  # "xã Hội chủ nghĩa": the Quốc hiệu, not a commune
        out.append(("thành phố" if unit == "tp" else unit, name))
    return out


def find_jurisdiction(issuer: str | None, issuer_parent: str | None, text: str) -> Jurisdiction:
    j = Jurisdiction(level=level_of(issuer or "") if issuer else None)
    if issuer and _CENTRAL.match(issuer.strip()):
        return Jurisdiction(level="central")
    for line in (issuer_parent, issuer):
        for unit, name in _units(line or ""):
            province = _known_province(name)
            if unit == "tỉnh" or (unit == "thành phố" and province and match_form(province) in _cities()):
                j.province = province or name
            elif unit in {"huyện", "quận", "thị xã", "thành phố"}:
                j.district = name
            else:
                j.commune, j.commune_unit = name, unit
    if j.province is None and j.level != "central":
        # a district plan names its province in the text ("Công an tỉnh Lai Châu")
        counts = Counter(p for unit, name in _units(text) if unit in {"tỉnh", "thành phố"}
                         for p in [_known_province(name)] if p)
        if counts:
            j.province = counts.most_common(1)[0][0]
        elif j.commune:  # "UBND xã X" naming no province: the one province that has such a commune
            j.province = commune_province(j.commune_unit, j.commune)
    if j.province:
        j.province_now = _provinces()[match_form(j.province)][1] if match_form(j.province) in _provinces() else j.province
        if match_form(j.province) in _cities():
            j.province_unit = "thành phố"
    if j.level is None:
        j.level = "commune" if j.commune else "district" if j.district else "province" if j.province else None
    return j
