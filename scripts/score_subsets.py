"""Per-field scores of parsed gold documents on subsets, as a Markdown table under bench/runinfo.py's header
(command, commit, date, machine): all, the 35 kh-… documents and seeds, the 16 f-… documents, the 10 original
development documents, and the held-out split (11 of the 35, never read while writing rules) against the
other 24; optionally one row per document.

Usage: python scripts/score_gold.py --out DIR && python scripts/score_subsets.py DIR/rules [--per] [--json FILE]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from goldlib import ROOT, SHARED
from score_gold import score_subset

sys.path.insert(0, str(ROOT / "bench"))
from runinfo import header, table  # noqa: E402

DEV = {"000_1cdde12f011c0099", "002_6db69d9744caca0f", "kh-005", "kh-018", "kh-023", "kh-031", "kh-036", "kh-038",
       "kh-039", "kh-049"}
# every 3rd of the 35 kh-… and seed documents by sorted id, fixed when they were the whole gold: a set named
# here, not recomputed, so that gold added later does not move documents in or out of it
HELD_OUT = {"kh-003", "kh-009", "kh-016", "kh-020", "kh-025", "kh-033", "kh-038", "kh-047", "kh-054", "kh-061",
            "kh-064"}
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


def subsets(ids: list[str]) -> dict[str, set[str]]:
    """Named subsets of the gold ids present."""
    present = set(ids)
    earlier = {i for i in present if not i.startswith("f-")}
    return {"all": present, "kh-… and seeds": earlier, "f-…": present - earlier, "first 10": DEV & present,
            "looked at": earlier - HELD_OUT, "held out": HELD_OUT & present}


def tag(doc: str) -> str:
    return " ".join(t for t, member in (("first 10", doc in DEV), ("held out", doc in HELD_OUT)) if member)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("pred", type=Path)
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--per", action="store_true", help="one line per document too")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    print(header("Plan understanding by subset of the gold"))
    gold = args.shared / "corpus" / "gold"
    ids = sorted(p.name.removesuffix(".gold.json") for p in gold.glob("*.gold.json"))
    sets = subsets(ids)
    if args.per:
        sets.update({i: {i} for i in ids})
    out, rows = {}, []
    for name, members in sets.items():
        row = out[name] = subset_row(args.pred, args.shared, members)
        label = f"{name} ({tag(name)})" if name in ids and tag(name) else name
        rows.append([label, len(members)] + ["" if row[f] is None else f"{row[f]:.3f}" for f in FIELDS])
    print(table(["documents", "n"] + FIELDS, rows))
    if args.json:
        args.json.write_text(json.dumps(out, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
