"""Rewrite tests/golden/<seed>.json from the current pipeline. Review the diff before committing."""
from pathlib import Path

from kehoach.extract import read_document
from kehoach.nlp import parse

ROOT = Path(__file__).resolve().parents[1]

for seed in sorted((ROOT / "corpus" / "seeds").glob("*.txt")):
    plan = parse(read_document(seed))
    out = ROOT / "tests" / "golden" / f"{seed.stem}.json"
    out.write_text(plan.model_dump_json(indent=2) + "\n", encoding="utf-8")
    print("wrote", out.relative_to(ROOT))
