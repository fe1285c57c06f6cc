"""Vietnam's administrative units after the 2025 reorganisation — 34 provinces and centrally-run
cities, 3,321 communes, wards and special zones — from the maintained `vietnam-provinces` package
(the statistics office's list), read once. What older documents name (provinces merged away) is
nlp's table (nlp/data/places.json)."""
from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

CITY_PREFIX = "Thành phố "


@lru_cache(maxsize=1)
def provinces() -> dict[str, bool]:
    """Province name as written after 'tỉnh' / 'thành phố' → whether it is a centrally-run city."""
    from vietnam_provinces import Province

    return {p.name.removeprefix(CITY_PREFIX): p.division_type.value == "thành phố trung ương" for p in Province.iter_all()}


@lru_cache(maxsize=1)
def communes() -> dict[str, tuple[tuple[str, str], ...]]:
    """Commune name (without its unit word) → ((unit, province), …): one name may be in several provinces."""
    from vietnam_provinces import Province, Ward

    names = {p.code: p.name.removeprefix(CITY_PREFIX) for p in Province.iter_all()}
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for w in Ward.iter_all():
        unit = w.division_type.value
        name = w.name[len(unit):].strip() if w.name.lower().startswith(unit) else w.name
        out[name].append((unit, names[w.province_code]))
    return {k: tuple(v) for k, v in out.items()}


def is_city(province: str) -> bool:
    return provinces().get(province, False)
