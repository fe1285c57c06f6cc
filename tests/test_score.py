"""The plan JSON scored against the development gold (needs ../shared): a floor that must not regress,
set a little under the last measurement on all gold documents (docs/accuracy.md has the figures, the
commit and the command, `python scripts/score_gold.py`)."""
import importlib.util
import json
from pathlib import Path

from kehoach.extract import read_document
from kehoach.nlp import parse

FLOOR = {"overall_f1": 0.935, "ownership": 0.91}  # 51 documents: 0.942 / 0.917 (docs/accuracy.md)


def test_development_gold_does_not_regress(shared: Path, tmp_path: Path):
    gold_dir = shared / "corpus" / "gold"
    for g in sorted(gold_dir.glob("*.gold.json")):
        f = shared / "corpus" / json.loads(g.read_text(encoding="utf-8"))["file"]
        plan = parse(read_document(f))
        (tmp_path / f"{f.stem}.json").write_text(plan.model_dump_json(), encoding="utf-8")
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    result = score.score(tmp_path, gold_dir)
    assert result["missing_predictions"] == []
    assert result["overall_f1"] >= FLOOR["overall_f1"], result
    assert result["ownership"]["f1"] >= FLOOR["ownership"], result
