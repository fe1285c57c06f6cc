"""The agency directory: one entry per agency as people name it and place it.

Identity keys can split one agency (a group keyed by function in one plan, by name in another), so
entries are merged by the name people read and the place; pieces of names (a bare head, a head
whose complement was cut off) are not agencies and are left out; places are said in words."""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..models import Duty
from ..models.text import fold
from ..models.units import is_city


@lru_cache(maxsize=1)
def _fragments() -> dict[str, frozenset[str]]:
    data = json.loads((Path(__file__).parent / "data" / "fragments.json").read_text(encoding="utf-8"))
    return {k: frozenset(v) for k, v in data.items() if not k.startswith("_")}


def _folded(name: str) -> str:
    return " ".join(fold(name).replace(",", " , ").split()).replace(" ,", ",")


def is_fragment(name: str) -> bool:
    """A piece of a name: a bare head ("Văn phòng", "Sở, Ngành") or one cut before its complement
    ("Trung tâm Phát triển", "Ban Quản lý các")."""
    key = _folded(name).strip(" ,.;:-")
    if not key or key in _fragments()["bare"]:
        return True
    words = key.split()
    return len(words) <= 4 and any(key.endswith(" " + end) for end in _fragments()["dangling_end"])


def place_words(jurisdiction: str | None) -> str:
    """An identity's place key in words: 'Đồng Nai/*/*' → 'các xã, phường (Đồng Nai)'."""
    parts = (jurisdiction or "").split("/")
    if not jurisdiction or jurisdiction == "?":
        return ""
    if jurisdiction == "TW":
        return "Trung ương"
    province = parts[0] if parts[0] not in {"", "?", "*"} else ""
    where = f"{'thành phố' if is_city(province) else 'tỉnh'} {province}" if province else ""
    if len(parts) == 1:
        return where
    inner = [p for p in parts[1:] if p not in {"", "?"}]
    if inner and inner[-1] == "*":
        what = "các xã, phường" if len(parts) == 3 else "các huyện"
        named = [p for p in inner[:-1] if p != "*"]
        return f"{what} ({', '.join(named + [province] if province else named)})" if (named or province) else what
    named = [p for p in inner if p != "*"]
    return ", ".join(named + ([province] if province else []))


@dataclass
class Entry:
    name: str
    place: str  # in words
    link_place: str | None  # the place the agency page filters by
    keys: set[str] = field(default_factory=set)
    spellings: Counter = field(default_factory=Counter)
    lead: int = 0
    support: int = 0
    plans: set[str] = field(default_factory=set)


def directory(duties: Iterable[Duty], place_of) -> list[Entry]:
    """Entries by (name as read, place), fragments left out, owners of most duties first.
    ``place_of`` gives the place an agency page filters by (web/app.py's ``_place``)."""
    by_key: dict[str, list[Duty]] = {}
    for d in duties:
        by_key.setdefault(d.agency.key, []).append(d)
    entries: dict[tuple[str, str], Entry] = {}
    for key, ds in by_key.items():
        spellings = Counter(d.agency_name for d in ds)
        name = min(spellings, key=lambda n: (-spellings[n], len(n), n))
        if is_fragment(name):
            continue
        place = place_words(ds[0].agency.jurisdiction)
        e = entries.setdefault((_folded(name), place), Entry(name, place, place_of(ds[0].agency.jurisdiction)))
        e.keys.add(key)
        e.spellings.update(spellings)
        for d in ds:
            e.lead += d.role != "support"
            e.support += d.role == "support"
            e.plans.add(d.plan_id)
    return sorted(entries.values(), key=lambda e: (-e.lead, e.name, e.place))


def highlight(text: str, words: str) -> list[tuple[str, bool]]:
    """The text cut into (piece, found) where a query word (diacritics optional) occurs."""
    from ..models.text import fold_words

    wanted = set(fold_words(words))
    if not wanted:
        return [(text, False)]
    import re

    out: list[tuple[str, bool]] = []
    for piece in re.split(r"(\w+)", text):
        found = bool(piece) and fold(piece) in wanted
        if out and out[-1][1] == found:
            out[-1] = (out[-1][0] + piece, found)
        elif piece:
            out.append((piece, found))
    return out


def owners_first(ranked: Sequence, limit: int | None = None) -> list:
    """Search results with the agencies that own a matching duty before those that only support."""
    out = sorted(ranked, key=lambda a: (all(d.role == "support" for d in a.duties), -a.score))
    return [a for a in out if not is_fragment(a.name)][:limit] if limit else [a for a in out if not is_fragment(a.name)]
