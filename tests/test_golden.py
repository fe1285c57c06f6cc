"""Golden regression tests (docling-style): the seeds' plan JSON is compared on every run.

Regenerate deliberately with:  .venv/bin/python tests/regenerate_golden.py
"""
import json
from pathlib import Path

import pytest

from kehoach.extract import read_document
from kehoach.nlp import parse

from .conftest import SEEDS

GOLDEN = Path(__file__).parent / "golden"


def comparable(plan_json: dict) -> dict:
    plan_json = dict(plan_json)
    plan_json["issues"] = [i for i in plan_json.get("issues", []) if i.get("code") != "timing"]
    return plan_json


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.stem)
def test_seed_matches_golden(seed: Path):
    golden = GOLDEN / f"{seed.stem}.json"
    assert golden.exists(), "run tests/regenerate_golden.py"
    plan = parse(read_document(seed))
    got = comparable(json.loads(plan.model_dump_json()))
    want = comparable(json.loads(golden.read_text(encoding="utf-8")))
    assert got == want
