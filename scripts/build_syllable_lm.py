"""Build the syllable language model that corrects OCR (extract/data/syllable_lm.npz).

Counts syllable unigrams and bigrams over ../shared/corpus/unlabeled/legal-text.txt.gz (streamed;
128 M characters of legal Vietnamese) and underthesea's word list (Viet74K, shipped in its wheel:
every dictionary word adds its syllable pairs once, so word-internal pairs rare in legal prose are
still known). Tokens are syllable keys (lower case, new tone placement), "<n>" for a number,
"<u>" for anything that is not a Vietnamese syllable, "<s>" / "</s>" at phrase edges (punctuation
ends a phrase). Pruned: syllables seen fewer than MIN_UNI times, pairs fewer than MIN_BI times.

Usage: .venv/bin/python scripts/build_syllable_lm.py [--max-chars N] [--out PATH]
"""
from __future__ import annotations

import argparse
import gzip
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

from kehoach.extract.ocr_correct import BOS, EOS, LM_PATH, phrase_tokens

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "unlabeled" / "legal-text.txt.gz"


def word_list() -> list[str]:
    import underthesea

    path = Path(underthesea.__file__).parent / "corpus" / "data" / "Viet74K.txt"
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--max-chars", type=int, default=0, help="stop after this many characters (0: all)")
    ap.add_argument("--min-uni", type=int, default=3)
    ap.add_argument("--min-bi", type=int, default=3)
    ap.add_argument("--out", type=Path, default=LM_PATH)
    args = ap.parse_args()
    if not args.corpus.exists():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 1
    uni: Counter[str] = Counter()
    bi: Counter[tuple[str, str]] = Counter()
    chars = 0
    t0 = time.perf_counter()
    with gzip.open(args.corpus, "rt", encoding="utf-8", errors="replace") as fh:
        for line in fh:
            chars += len(line)
            for phrase in phrase_tokens(line):
                seq = [BOS, *phrase, EOS]
                uni.update(phrase)
                bi.update(zip(seq, seq[1:]))
            if args.max_chars and chars >= args.max_chars:
                break
    print(f"corpus: {chars:,} characters, {sum(uni.values()):,} tokens, {len(uni):,} types, "
          f"{len(bi):,} pairs in {time.perf_counter() - t0:.0f}s")
    words = 0
    for entry in word_list():
        for phrase in phrase_tokens(entry):
            if len(phrase) >= 2 and "<u>" not in phrase and "<n>" not in phrase:
                words += 1
                for s in phrase:
                    uni[s] += 1
                for pair in zip(phrase, phrase[1:]):
                    bi[pair] += args.min_bi  # a dictionary word's pair is known even if legal prose lacks it
    print(f"word list: {words:,} multi-syllable words")
    vocab = sorted(s for s, c in uni.items() if c >= args.min_uni or s in ("<n>", "<u>"))
    vocab = [BOS, EOS, *[s for s in vocab if s not in (BOS, EOS)]]
    index = {s: i for i, s in enumerate(vocab)}
    assert len(vocab) < 65536, len(vocab)
    keys, counts = [], []
    for (a, b), c in bi.items():
        if c >= args.min_bi and a in index and b in index:
            keys.append((index[a] << 16) | index[b])
            counts.append(c)
    order = np.argsort(np.array(keys, dtype=np.uint32))
    bi_keys = np.array(keys, dtype=np.uint32)[order]
    bi_counts = np.minimum(np.array(counts, dtype=np.int64)[order], 2**32 - 1).astype(np.uint32)
    uni_counts = np.array([uni.get(s, 0) for s in vocab], dtype=np.uint32)
    # continuation counts (how many distinct left neighbours a syllable has) for Kneser-Ney-style backoff
    right = (bi_keys & 0xFFFF).astype(np.int64)
    cont = np.bincount(right, minlength=len(vocab)).astype(np.uint32)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(args.out, vocab=np.array("\n".join(vocab)), uni=uni_counts, cont=cont,
                        bi_keys=bi_keys, bi_counts=bi_counts, chars=np.int64(chars))
    print(f"wrote {args.out}: {len(vocab):,} syllables, {len(bi_keys):,} pairs, "
          f"{args.out.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
