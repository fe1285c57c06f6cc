"""Score the parser on the gold: parse every gold document, run ../shared/eval/score.py.

Usage:
  python scripts/score_gold.py                      # the shipped pipeline on all gold documents
  python scripts/score_gold.py --agencies filter    # hand extents vetted by the trained recogniser
  python scripts/score_gold.py --cv 5               # 5 folds by document: the recogniser is trained on four
                                                    # folds and scores the fifth; mean per field beside full data
Options: --cache DIR (read SourceDocuments, keyed by content), --out DIR, --per-doc.
The table is printed in Markdown under bench/runinfo.py's header (command, commit, date, machine).
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

from goldlib import CACHE, FIELDS, ROOT, SHARED, doc_id, field_value, folds, gold_files, scorer, source_of

sys.path.insert(0, str(ROOT / "bench"))
from runinfo import header  # noqa: E402

from kehoach.nlp import parse
from kehoach.nlp.ner import AgencyRecognizer, default_model_path


def recognizer_for(mode: str, model: Path | None) -> AgencyRecognizer | None:
    return None if mode == "rules" else AgencyRecognizer.load(model or default_model_path(), mode=mode)


def predict(gold_paths: list[Path], out: Path, rec: AgencyRecognizer | None, shared: Path, cache: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for g in gold_paths:
        plan = parse(source_of(g, shared, cache), recognizer=rec)
        (out / f"{doc_id(g)}.json").write_text(plan.model_dump_json(), encoding="utf-8")


def score_subset(pred: Path, gold_paths: list[Path], shared: Path) -> dict:
    """score.py over a subset of the gold (it scores every gold file in a folder)."""
    with tempfile.TemporaryDirectory() as tmp:
        for g in gold_paths:
            shutil.copy(g, Path(tmp) / g.name)
        return scorer(shared).score(pred, Path(tmp))


def table(columns: dict[str, dict]) -> str:
    head = "| field | " + " | ".join(columns) + " |"
    rows = [head, "|" + "---|" * (len(columns) + 1)]
    for f in FIELDS:
        rows.append(f"| {f} | " + " | ".join(f"{field_value(r, f):.3f}" for r in columns.values()) + " |")
    return "\n".join(rows)


def per_document(pred: Path, gold_paths: list[Path], shared: Path) -> str:
    lines = ["| document | overall | owners | ownership | support | deadlines |", "|---|---|---|---|---|---|"]
    for g in gold_paths:
        r = score_subset(pred, [g], shared)
        lines.append(f"| {doc_id(g)} | {r['overall_f1']:.3f} | " + " | ".join(
            f"{r[k]['f1']:.3f}" for k in ("owners", "ownership", "support", "deadlines")) + " |")
    return "\n".join(lines)


def cross_validate(gold_paths: list[Path], k: int, modes: list[str], work: Path, shared: Path,
                   cache: Path, steps: int | None = None) -> dict[str, dict]:
    """Train the recogniser on k-1 folds, parse the held-out fold; every document is predicted once,
    by a model that never saw it. Returns, per mode, the score of all held-out predictions together
    and the mean of the per-fold scores."""
    from train_agency_ner import build

    by_id = {doc_id(g): g for g in gold_paths}
    outs = {m: work / f"cv-{m}" for m in modes}
    fold_results: dict[str, list[dict]] = {m: [] for m in modes}
    for n, held in enumerate(folds(list(by_id), k)):
        model = build([i for i in by_id if i not in held], work / f"model-fold{n}", shared=shared, cache=cache,
                      steps=steps)
        for m in modes:
            predict([by_id[i] for i in held], outs[m], recognizer_for(m, model), shared, cache)
            fold_results[m].append(score_subset(outs[m], [by_id[i] for i in held], shared))
        print(f"fold {n + 1}/{k} done ({', '.join(held)})", file=sys.stderr)
    result = {}
    for m in modes:
        result[f"cv {m} (pooled)"] = score_subset(outs[m], gold_paths, shared)
        mean = {}
        for f in FIELDS:
            vals = [field_value(r, f) for r in fold_results[m] if r.get(f) is not None]
            mean[f] = sum(vals) / len(vals) if vals else 0.0
        result[f"cv {m} (fold mean)"] = mean
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--cache", type=Path, default=CACHE)
    ap.add_argument("--out", type=Path, default=Path("/tmp/kehoach-gold-pred"))
    ap.add_argument("--agencies", default="rules", choices=["model", "union", "filter", "rules"],
                    help="which agency extents the full-data run uses (default: the shipped hand extents)")
    ap.add_argument("--model", type=Path, default=None, help="a recogniser other than the shipped one")
    ap.add_argument("--cv", type=int, default=0, help="k-fold cross-validation by document")
    ap.add_argument("--cv-modes", nargs="*", default=["model", "filter"])
    ap.add_argument("--cv-steps", type=int, default=None, help="training steps per fold (default: the config's)")
    ap.add_argument("--per-doc", action="store_true")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    print(header("Plan understanding on the gold"))
    gold_paths = gold_files(args.shared)
    if not gold_paths:
        print(f"no gold under {args.shared}/corpus/gold", file=sys.stderr)
        return 2
    columns: dict[str, dict] = {}
    for mode in dict.fromkeys(["rules", args.agencies] if not args.cv else ["rules"]):
        out = args.out / mode
        predict(gold_paths, out, recognizer_for(mode, args.model), args.shared, args.cache)
        columns[f"full data, {mode}"] = score_subset(out, gold_paths, args.shared)
        if args.per_doc:
            print(f"\nper document ({mode}):\n" + per_document(out, gold_paths, args.shared))
    if args.cv:
        with tempfile.TemporaryDirectory() as work:
            columns.update(cross_validate(gold_paths, args.cv, args.cv_modes, Path(work), args.shared, args.cache,
                                          args.cv_steps))
    if args.json:
        print(json.dumps(columns, ensure_ascii=False, indent=1))
    print(f"{len(gold_paths)} gold documents:\n\n" + table(columns))
    return 0


if __name__ == "__main__":
    sys.exit(main())
