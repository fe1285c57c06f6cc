"""The share of judged (agency, duty) pairs that are right, with its Wilson 95 % interval: overall, by document
kind (the portal's type where known, else the parser's doc_type), by role, by sub-kind, and by error category.
Prints Markdown tables (for docs/accuracy.md) headed by each sample's seed, size and the commit its plans were
made at.

Usage: python scripts/pairs_report.py bench/pairs/inflow-2026-<commit>.csv [MORE.csv ...] [--out FILE.md]

Several CSVs are pooled (one sample judged in parts, or samples of the same commit). A row without a verdict is
counted as not judged; a verdict other than right / wrong, a wrong pair without a known error category, or a
right pair with one is refused with the row's id (exit status 2).
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel

from yardlib import ERRORS, VERDICTS, emit, kind_of, md_table, read_table, share_cell

KIND_MIN = 20        # the bar: every kind with at least this many pairs …
KIND_TARGET = 0.90   # … is right at least this often
OVERALL_TARGET = 0.95


class Judged(BaseModel):
    """One judged pair, as the report needs it."""

    id: str
    kind: str
    role: str
    subkind: str
    right: bool
    error: str | None


class Sample(BaseModel):
    file: str
    seed: str
    size: str
    commit: str
    population: str
    judged: int


def check_row(row: dict[str, str]) -> str | None:
    """Why a filled row cannot be counted, or None."""
    verdict, error = row.get("verdict", "").casefold(), row.get("error", "").casefold()
    if verdict not in VERDICTS:
        return f"verdict {row.get('verdict')!r} is none of {', '.join(VERDICTS)}"
    if verdict == "wrong" and error not in ERRORS:
        return f"error {row.get('error')!r} is none of {', '.join(ERRORS)}"
    if verdict == "right" and error:
        return f"a right pair has an error ({error})"
    return None


def judged_row(row: dict[str, str]) -> Judged:
    verdict, error = row["verdict"].casefold(), row.get("error", "").casefold()
    return Judged(id=row.get("id", ""), kind=row.get("kind") or kind_of(row.get("portal_type"), row.get("doc_type")),
                  role=row.get("role") or "(none)", subkind=row.get("subkind") or "(none)",
                  right=verdict == "right", error=error or None)


def load(paths: list[Path]) -> tuple[list[Sample], list[Judged], list[str]]:
    """Every sample's header, the judged pairs pooled, and the problems that keep rows from being counted."""
    samples, judged, problems = [], [], []
    for path in paths:
        meta, rows = read_table(path)
        filled = [r for r in rows if r.get("verdict")]
        for r in filled:
            why = check_row(r)
            if why:
                problems.append(f"{path.name} {r.get('id')}: {why}")
            else:
                judged.append(judged_row(r))
        samples.append(Sample(file=path.name, seed=meta.get("seed", "?"), size=meta.get("size", str(len(rows))),
                              commit=meta.get("commit", "?"), population=meta.get("population", "?"),
                              judged=len(filled)))
    return samples, judged, problems


def by(pairs: list[Judged], key: Callable[[Judged], str]) -> list[tuple[str, int, int]]:
    """(group, pairs, right) per group, the largest first."""
    total, right = Counter(key(p) for p in pairs), Counter(key(p) for p in pairs if p.right)
    return [(g, n, right[g]) for g, n in sorted(total.items(), key=lambda kv: (-kv[1], kv[0]))]


def share_table(title: str, groups: list[tuple[str, int, int]], mark_small: bool = False) -> str:
    rows = [(g, n, k, share_cell(k, n)) + (("" if n >= KIND_MIN else f"< {KIND_MIN} pairs",) if mark_small else ())
            for g, n, k in groups]
    header = (title, "pairs", "right", "share right (95 % CI)") + (("note",) if mark_small else ())
    return md_table(header, rows)


def error_table(pairs: list[Judged]) -> str:
    wrong = [p for p in pairs if not p.right]
    counts = Counter(p.error for p in wrong)
    rows = [(e, counts[e], share_cell(counts[e], len(pairs)), f"{100 * counts[e] / len(wrong):.0f} %" if wrong else "–")
            for e in ERRORS if counts[e]]
    return md_table(("error", "pairs", "share of judged pairs (95 % CI)", "share of wrong pairs"), rows)


def kind_error_table(pairs: list[Judged]) -> str:
    """Kinds × error categories: where each kind of mistake comes from."""
    used = [e for e in ERRORS if any(p.error == e for p in pairs)]
    rows = []
    for kind, n, k in by(pairs, lambda p: p.kind):
        counts = Counter(p.error for p in pairs if p.kind == kind and not p.right)
        rows.append((kind, n, k) + tuple(counts[e] or "" for e in used))
    return md_table(("kind", "pairs", "right") + tuple(used), rows)


def verdict_line(pairs: list[Judged]) -> str:
    """The issue's bar: ≥ 95 % right overall and ≥ 90 % in every kind with ≥ 20 pairs."""
    k = sum(p.right for p in pairs)
    large = [(g, n, r) for g, n, r in by(pairs, lambda p: p.kind) if n >= KIND_MIN]
    low = [f"{g} {100 * r / n:.0f} %" for g, n, r in large if r / n < KIND_TARGET]
    overall = "met" if k / len(pairs) >= OVERALL_TARGET else "not met"
    kinds = "no kind has that many" if not large else "met" if not low else "not met (" + ", ".join(low) + ")"
    return (f"Target ≥ {OVERALL_TARGET:.0%} right overall: {overall}; ≥ {KIND_TARGET:.0%} in every kind with "
            f"≥ {KIND_MIN} pairs: {kinds}.")


def report(samples: list[Sample], pairs: list[Judged]) -> str:
    parts = [md_table(("sample", "seed", "size", "judged", "plans made at", "population"),
                      [(s.file, s.seed, s.size, s.judged, s.commit, s.population) for s in samples])]
    if not pairs:
        return parts[0] + "\n\nNo judged pairs yet."
    k = sum(p.right for p in pairs)
    parts += [md_table(("pairs judged", "right", "share right (95 % CI)"), [(len(pairs), k, share_cell(k, len(pairs)))]),
              share_table("kind", by(pairs, lambda p: p.kind), mark_small=True),
              share_table("role", by(pairs, lambda p: p.role))]
    if any(p.subkind != "(none)" for p in pairs):
        parts.append(share_table("sub-kind", by(pairs, lambda p: p.subkind), mark_small=True))
    if any(not p.right for p in pairs):
        parts += [error_table(pairs), kind_error_table(pairs)]
    parts.append(verdict_line(pairs))
    return "\n\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("csv", type=Path, nargs="+", help="filled samples (pairs_sample.py's CSV)")
    ap.add_argument("--out", type=Path, help="also write the tables to this Markdown file")
    args = ap.parse_args(argv)
    missing = [str(p) for p in args.csv if not p.is_file()]
    if missing:
        print(f"no such file: {', '.join(missing)}", file=sys.stderr)
        return 2
    samples, pairs, problems = load(args.csv)
    if problems:
        print("rows that cannot be counted:\n" + "\n".join(problems), file=sys.stderr)
        return 2
    text = report(samples, pairs)
    return emit(text, args.out)


if __name__ == "__main__":
    sys.exit(main())
