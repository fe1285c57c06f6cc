"""Train the pair confidence (nlp/confidence.py) on the development gold, cross-validated by document.

Every (agency, duty, role) pair the parser reports on a gold document is labelled right when the gold gives a
compatible agency (../shared/eval/score.py's matching) that role on a duty sharing at least half of its words;
the pairs of judged inflow samples (bench/pairs/*.csv) that the parser still reports keep their verdicts.
A logistic regression over the pair's binary features is fitted on all documents (its weights go to
nlp/data/confidence.json); beside it, five folds by document give out-of-fold probabilities whose calibration
is printed: Brier score, log loss, AUC, and the share right in each confidence band.

Usage: python scripts/train_confidence.py [--folds 5] [--write] [--cache DIR]
"""
from __future__ import annotations

import argparse
import csv
import json
import re
from pathlib import Path

import numpy as np
from goldlib import CACHE, SHARED, doc_id, gold_files, load_gold, read_cached, scorer, source_of
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import brier_score_loss, log_loss, roc_auc_score

from kehoach.nlp import parse
from kehoach.nlp.confidence import contexts, features
from kehoach.nlp.kinds import family_of

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "nlp" / "data" / "confidence.json"
_WORD = re.compile(r"\w+")


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.lower()))


def gold_pairs(gold: dict, score) -> list[tuple[tuple, str, set[str]]]:
    return [(score.agency_keys(a["agency"]), "support" if a["role"] == "support" else "lead", _words(a["task"]))
            for a in gold["assignments"]]


def is_right(name: str, role: str, duty: str, gold: list, score) -> bool:
    keys, words = score.agency_keys(name), _words(duty)
    role = "support" if role == "support" else "lead"
    for gkeys, grole, gwords in gold:
        if grole == role and score._compatible(keys, gkeys) and words and \
                len(words & gwords) >= 0.5 * min(len(words), len(gwords)):
            return True
    return False


def labelled_pairs(cache: Path) -> list[tuple[str, list[str], int]]:
    """(document, features, right?) for every pair the parser reports on the gold."""
    score = scorer(SHARED)
    out = []
    for g in gold_files(SHARED):
        plan = parse(source_of(g, SHARED, cache))
        gold = gold_pairs(load_gold(g), score)
        family = family_of(plan.document.doc_type)
        for task in plan.tasks:
            for _, _, ctx in contexts(task, family):
                out.append((doc_id(g), features(ctx), int(is_right(ctx.name, ctx.role, ctx.duty, gold, score))))
    return out


def judged_pairs(samples: list[Path]) -> list[tuple[str, list[str], int]]:
    """(document, features, right?) for the pairs of judged inflow samples (bench/pairs/*.csv) that the parser
    still reports: a person's verdicts, in the features of today's parser."""
    verdicts: dict[str, dict[tuple[str, str, str], int]] = {}
    for csv_path in samples:
        lines = [ln for ln in csv_path.read_text(encoding="utf-8").splitlines(keepends=True) if not ln.startswith("#")]
        for r in csv.DictReader(lines):
            if r.get("verdict") in {"right", "wrong"}:
                key = (r["agency"], "lead" if r["role"] == "requested" else r["role"], r["duty"][:80])
                verdicts.setdefault(r["document"], {})[key] = int(r["verdict"] == "right")
    out = []
    for doc, judged in sorted(verdicts.items()):
        path = SHARED / "corpus" / "inflow" / f"{doc}.md"
        if not path.exists():
            continue
        plan = parse(read_cached(path))
        family = family_of(plan.document.doc_type)
        for task in plan.tasks:
            for role, _, ctx in contexts(task, family):
                label = judged.get((ctx.name, role, ctx.duty[:80]))
                if label is not None:
                    out.append((doc, features(ctx), label))
    return out


def fit(rows: list[tuple[str, list[str], int]]) -> tuple[DictVectorizer, LogisticRegression]:
    vec = DictVectorizer()
    x = vec.fit_transform([{f: 1 for f in feats} for _, feats, _ in rows])
    model = LogisticRegression(C=1.0, max_iter=2000)
    model.fit(x, [y for _, _, y in rows])
    return vec, model


def cross_validated(rows: list, k: int) -> np.ndarray:
    docs = sorted({d for d, _, _ in rows})
    fold_of = {d: i % k for i, d in enumerate(docs)}
    prob = np.zeros(len(rows))
    for f in range(k):
        train = [r for r in rows if fold_of[r[0]] != f]
        vec, model = fit(train)
        idx = [i for i, r in enumerate(rows) if fold_of[r[0]] == f]
        x = vec.transform([{feat: 1 for feat in rows[i][1]} for i in idx])
        prob[idx] = model.predict_proba(x)[:, 1]
    return prob


def calibration_table(y: np.ndarray, p: np.ndarray) -> str:
    lines = ["| confidence | pairs | share right |", "|---|---|---|"]
    for lo, hi in ((0, .5), (.5, .7), (.7, .8), (.8, .9), (.9, .95), (.95, 1.01)):
        sel = (p >= lo) & (p < hi)
        if sel.any():
            lines.append(f"| {lo:.2f}–{min(hi, 1):.2f} | {int(sel.sum())} | {y[sel].mean():.3f} |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--write", action="store_true", help=f"write the fitted weights to {MODEL.relative_to(ROOT)}")
    ap.add_argument("--cache", type=Path, default=CACHE)
    ap.add_argument("--judged", type=Path, nargs="*", default=sorted((ROOT / "bench" / "pairs").glob("*.csv")),
                    help="judged samples of inflow pairs to learn from as well (default: bench/pairs/*.csv)")
    args = ap.parse_args()
    rows = labelled_pairs(args.cache)
    judged = judged_pairs(args.judged)
    print(f"{len(judged)} pairs of judged samples still reported")
    rows += judged
    y = np.array([r[2] for r in rows])
    p = cross_validated(rows, args.folds)
    print(f"{len(rows)} pairs on {len({r[0] for r in rows})} gold documents, {y.mean():.3f} right")
    print(f"cross-validated by document ({args.folds} folds): Brier {brier_score_loss(y, p):.3f} "
          f"(base rate alone {brier_score_loss(y, np.full(len(y), y.mean())):.3f}), log loss {log_loss(y, p):.3f}, "
          f"AUC {roc_auc_score(y, p):.3f}")
    print(calibration_table(y, p))
    vec, model = fit(rows)
    weights = {name: round(float(w), 4) for name, w in zip(vec.get_feature_names_out(), model.coef_[0])}
    if args.write:
        old = json.loads(MODEL.read_text(encoding="utf-8")) if MODEL.exists() else {}
        MODEL.write_text(json.dumps({
            "_comment": "Pair confidence: logistic weights over nlp/confidence.py's features, fitted by "
                        "scripts/train_confidence.py on the development gold; labels are the reasons shown to people.",
            "bias": round(float(model.intercept_[0]), 4), "weights": dict(sorted(weights.items())),
            "labels": old.get("labels", {})}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {MODEL.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
