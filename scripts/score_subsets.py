"""Per-field scores of parsed gold documents on subsets: all, the 10 original development documents, the
25 added later, and a held-out split (every 3rd gold document by sorted id, never read while writing rules)
against the rest; optionally per document.

Usage: python scripts/score_gold.py --out DIR && python scripts/score_subsets.py DIR [--per] [--json FILE]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from goldlib import SHARED
from score_gold import score_subset

DEV = {"000_1cdde12f011c0099", "002_6db69d9744caca0f", "kh-005", "kh-018", "kh-023", "kh-031", "kh-036", "kh-038",
       "kh-039", "kh-049"}
FIELDS = ["overall", "number", "issuer", "date", "signer", "legal_bases", "references", "owners", "support",
          "ownership", "deadlines", "recipients"]


def subset_row(pred: Path, shared: Path, ids: set[str]) -> dict[str, float | None]:
    gold = shared / "corpus" / "gold"
    r = score_subset(pred, [gold / f"{i}.gold.json" for i in sorted(ids)], shared)
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
    ids = sorted(p.name.removesuffix(".gold.json") for p in gold.glob("*.gold.json"))
    held = {d for i, d in enumerate(ids) if i % 3 == 2}
    sets = {"all": set(ids), "dev10": DEV & set(ids), "new": set(ids) - DEV, "looked": set(ids) - held, "held": held}
    if args.per:
        sets.update({i: {i} for i in ids})
    out = {}
    print("set        " + " ".join(f"{f[:7]:>7}" for f in FIELDS))
    for name, s in sets.items():
        row = out[name] = subset_row(args.pred, args.shared, s)
        tag = ("D" if name in DEV else " ") + ("H" if name in held else " ") if name in ids else "  "
        print(f"{name[:9]:9}{tag} " + " ".join(f"{row[f] if row[f] is not None else float('nan'):7.3f}" for f in FIELDS))
    if args.json:
        args.json.write_text(json.dumps(out, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
