"""The vocabulary tables (nlp/data/*.json), loaded once and compiled to matchers."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=None)
def table(name: str) -> dict[str, Any]:
    text = resources.files("kehoach.nlp").joinpath("data", f"{name}.json").read_text(encoding="utf-8")
    return json.loads(text)


def alternation(phrases: list[str]) -> str:
    """A regex alternation, longest first, with flexible spaces."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


@lru_cache(maxsize=None)
def doc_type_names() -> list[str]:
    return [t["name"] for t in table("doc_types")["types"]]


@lru_cache(maxsize=None)
def code_to_type() -> dict[str, str]:
    return table("doc_types")["code_to_type"]


@lru_cache(maxsize=None)
def agency_vocab() -> dict[str, Any]:
    return table("agencies")
