"""Per-field scores of parsed gold documents on subsets: all, the 10 original development documents, the
25 added later, and a held-out split (every 3rd gold document by sorted id, never read while writing rules)
against the rest; optionally per document.

Usage: python scripts/score_gold.py --out DIR && python scripts/score_subsets.py DIR [--per] [--json FILE]
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import tempfile
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
DEV = {"000_1cdde12f011c0099", "002_6db69d9744caca0f", "kh-005", "kh-018", "kh-023", "kh-031", "kh-036", "kh-038",
       "kh-039", "kh-049"}
FIELDS = ["overall", "number", "issuer", "date", "signer", "legal_bases", "references", "owners", "support",
          "ownership", "deadlines", "recipients"]


def _scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def score_subset(scorer, pred: Path, gold: Path, ids: set[str]) -> dict[str, float | None]:
    with tempfile.TemporaryDirectory() as d:
        for i in ids:
            os.symlink(gold / f"{i}.gold.json", Path(d) / f"{i}.gold.json")
        r = scorer.score(pred, Path(d))
    row: dict[str, float | None] = {"overall": r["overall_f1"]}
    for f in FIELDS[1:]:
        v = r.get(f, r.get(f"document.{f}"))
        row[f] = v["f1"] if isinstance(v, dict) else v
    return row


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("pred", type=Path)
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--per", action="store_true", help="one line per document too")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    gold = args.shared / "corpus" / "gold"
    scorer = _scorer(args.shared)
    ids = sorted(p.name.removesuffix(".gold.json") for p in gold.glob("*.gold.json"))
    held = {d for i, d in enumerate(ids) if i % 3 == 2}
    sets = {"all": set(ids), "dev10": DEV & set(ids), "new": set(ids) - DEV, "looked": set(ids) - held, "held": held}
    if args.per:
        sets.update({i: {i} for i in ids})
    out = {}
    print("set        " + " ".join(f"{f[:7]:>7}" for f in FIELDS))
    for name, s in sets.items():
        row = out[name] = score_subset(scorer, args.pred, gold, s)
        tag = ("D" if name in DEV else " ") + ("H" if name in held else " ") if name in ids else "  "
        print(f"{name[:9]:9}{tag} " + " ".join(f"{row[f] if row[f] is not None else float('nan'):7.3f}" for f in FIELDS))
    if args.json:
        args.json.write_text(json.dumps(out, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
