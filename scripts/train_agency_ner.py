"""Train the agency recogniser from the gold: `spacy train` with nlp/training/agency_ner.cfg, seed 0.

Usage: .venv/bin/python scripts/train_agency_ner.py [--out nlp/models/agency_ner] [--exclude ID ...]

Every occurrence of a training document's gold agency names in that document's blocks is an AGENCY
span (nlp/ner_data.py). --exclude leaves documents out (cross-validation trains on four folds).
Needs ../shared (the gold and the documents); the built model is committed, so users do not.
"""
from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
from pathlib import Path

from goldlib import CACHE, ROOT, SHARED, doc_id, gold_files, load_gold, source_of

from kehoach.nlp.agencies import rule_agencies
from kehoach.nlp.ner import make_doc
from kehoach.nlp.ner_data import LABEL, examples, gold_names, tokens

CONFIG = ROOT / "nlp" / "training" / "agency_ner.cfg"
DEFAULT_OUT = ROOT / "nlp" / "models" / "agency_ner"


def to_docs(nlp, exs):
    from spacy.tokens import Span

    docs = []
    for ex in exs:
        toks = tokens(ex.text)
        if not toks:
            continue
        doc = make_doc(nlp, ex.text, toks)
        def span(s: int, e: int, label: str = LABEL):
            first = next((i for i, t in enumerate(toks) if t[1] >= s), None)
            last = next((i for i in range(len(toks) - 1, -1, -1) if toks[i][2] <= e), None)
            return Span(doc, first, last + 1, label=label) if first is not None and last is not None \
                and first <= last else None

        ents = [x for x in (span(s, e) for s, e in ex.spans) if x is not None]
        # what the hand extents take for an agency that no gold names is unknown, not "no agency":
        # an agency the gold had no duty for (the issuer of a cited decree) must not teach "outside"
        unsure = [x for m in rule_agencies(ex.text, allow_generic=True)
                  if not any(m.start < e and s < m.end for s, e in ex.spans)
                  for x in [span(m.start, m.end, "")] if x is not None]
        doc.set_ents(ents, missing=unsure, default="outside")
        docs.append(doc)
    return docs


def build(train_ids: list[str], out: Path, *, shared: Path = SHARED, cache: Path = CACHE,
          steps: int | None = None) -> Path:
    """Train on the gold documents ``train_ids``; the model goes to ``out`` (replaced)."""
    import spacy
    from spacy.cli.train import train
    from spacy.tokens import DocBin

    golds = {doc_id(g): g for g in gold_files(shared)}
    known = set().union(*(gold_names(load_gold(golds[i])) for i in train_ids))
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": "spacy.vi.VietnameseTokenizer",
                                                           "use_pyvi": False}}})
    per_doc = {}
    for i in sorted(train_ids):
        src = source_of(golds[i], shared, cache)
        per_doc[i] = to_docs(nlp, examples([b.text for b in src.blocks], known))
    ids = sorted(per_doc)
    random.Random(0).shuffle(ids)
    dev_ids = set(ids[: max(1, len(ids) // 7)])  # documents that pick the best checkpoint
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        DocBin(docs=[d for i in ids if i not in dev_ids for d in per_doc[i]]).to_disk(tmp / "train.spacy")
        DocBin(docs=[d for i in dev_ids for d in per_doc[i]]).to_disk(tmp / "dev.spacy")
        overrides = {"paths.train": str(tmp / "train.spacy"), "paths.dev": str(tmp / "dev.spacy")}
        if steps:
            overrides["training.max_steps"] = steps
        train(CONFIG, tmp / "out", overrides=overrides, use_gpu=-1)
        if out.exists():
            shutil.rmtree(out)
        shutil.copytree(tmp / "out" / "model-best", out)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--cache", type=Path, default=CACHE)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--exclude", nargs="*", default=[])
    ap.add_argument("--steps", type=int, default=None)
    args = ap.parse_args()
    if not (args.shared / "corpus" / "gold").is_dir():
        print(f"no gold at {args.shared}/corpus/gold: the recogniser is trained from the gold", file=sys.stderr)
        return 2
    ids = [doc_id(g) for g in gold_files(args.shared) if doc_id(g) not in set(args.exclude)]
    build(ids, args.out, shared=args.shared, cache=args.cache, steps=args.steps)
    print(f"trained on {len(ids)} documents → {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
