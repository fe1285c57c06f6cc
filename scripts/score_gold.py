"""Score the parser on the development gold: parse every gold document, run ../shared/eval/score.py.

Usage: python scripts/score_gold.py [--cache DIR] [--out DIR]
The read SourceDocuments are cached (keyed by file content hash) so parser work iterates fast;
the cache never changes what is scored, only how long reading takes.
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import sys
from pathlib import Path

from kehoach.extract import read_document
from kehoach.models import SourceDocument
from kehoach.nlp import parse

SHARED = Path(__file__).resolve().parents[2] / "shared"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--cache", type=Path, default=Path("/tmp/kehoach-read-cache"))
    ap.add_argument("--out", type=Path, default=Path("/tmp/kehoach-gold-pred"))
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    gold_dir = args.shared / "corpus" / "gold"
    args.cache.mkdir(parents=True, exist_ok=True)
    args.out.mkdir(parents=True, exist_ok=True)
    # a change to any reader's source invalidates the cache
    reader_version = b"".join(p.read_bytes() for p in sorted((Path(__file__).parents[1] / "extract").glob("*.py")))
    for g in sorted(gold_dir.glob("*.gold.json")):
        f = args.shared / "corpus" / json.loads(g.read_text(encoding="utf-8"))["file"]
        key = hashlib.sha256(f.read_bytes() + reader_version).hexdigest()[:16]
        cached = args.cache / f"{key}.json"
        if cached.exists():
            src = SourceDocument.model_validate_json(cached.read_text(encoding="utf-8"))
        else:
            src = read_document(f)
            cached.write_text(src.model_dump_json(), encoding="utf-8")
        (args.out / f"{f.stem}.json").write_text(parse(src).model_dump_json(), encoding="utf-8")
    spec = importlib.util.spec_from_file_location("score", args.shared / "eval" / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    result = score.score(args.out, gold_dir)
    print(json.dumps({k: v for k, v in result.items() if k not in {"per_document"}}, ensure_ascii=False, indent=1)[:3000])
    if args.verbose:
        print(json.dumps(result.get("per_document", {}), ensure_ascii=False, indent=1)[:20000])
    return 0


if __name__ == "__main__":
    sys.exit(main())
