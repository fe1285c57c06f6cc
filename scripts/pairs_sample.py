"""Draw a seeded random sample of the (agency, duty, role) pairs a folder of plans reports, with each pair's
passage, for a person to judge: a Markdown file to read and a CSV to fill in (verdict, error, note).

Usage:
  python scripts/pairs_sample.py PLANS --out bench/pairs/inflow-2026-<commit> [--sources DIR ...] [-n 150]
         [--seed 2026] [--ids i-001,i-007 | --ids @ids.txt] [--half A|B --half-seed 7]
         [--exclude-sampled OLD.csv ...] [--index ../shared/corpus/inflow/index.csv] [--context 2]
         [--commit SHA] [--made-by 'kehoach parse …'] [--verdicts FILLED.csv]

PLANS is what `kehoach parse FILES --out DIR` writes, or a `kehoach batch` output's plans/. Each pair's source
block is re-read from the document (`kehoach.extract.read_document`), found under --sources (default: the
folders batched into PLANS/.., else ../shared/corpus/inflow). The sample is drawn from every pair of the chosen
documents, without replacement; --half splits the documents into two seeded halves (one to look at while
changing the parser, the other to measure on), --exclude-sampled leaves out documents an earlier sample showed.
--verdicts carries the judgments of an earlier run of the same sample into the new files (by pair id), so the
Markdown can be regenerated with them. The commit the plans were made at (this checkout's, unless --commit says
otherwise) and the seed go into both files' headers.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

from pydantic import BaseModel

from kehoach.extract import read_document
from kehoach.models import Block, BlockKind, Plan, SourceDocument
from kehoach.store.files import batch_roots
from yardlib import (ERRORS, INFLOW, VERDICTS, PortalRow, code_commit, kind_of, load_index, load_plans, read_table,
                     write_table)

ROLES = ("lead", "support", "requested")
COLUMNS = ("id", "document", "number", "title", "doc_type", "subkind", "portal_type", "kind", "agency", "role",
           "confidence", "task_confidence", "duty", "section", "block", "passage", "verdict", "error", "note")
CONTEXT_CHARS = 400   # a neighbouring block is clipped to this many characters
SOURCE_CHARS = 1500   # the source block is shown in a window of this many characters around the duty


class Pair(BaseModel):
    """One agency in one role on one duty, as a plan reports it."""

    id: str
    document: str
    task: int
    role: str
    agency: str
    confidence: float | None = None
    task_confidence: float | None = None
    duty: str
    section: str | None = None
    block: int | None = None
    start: int = 0
    end: int = 0
    row: int | None = None


class DocInfo(BaseModel):
    """What a reader needs to place a pair: the document's number, title and kind."""

    id: str
    number: str | None = None
    title: str | None = None
    doc_type: str | None = None
    subkind: str | None = None
    portal_type: str | None = None
    official: bool = True

    @property
    def kind(self) -> str:
        return kind_of(self.portal_type, self.doc_type)


def plan_pairs(doc_id: str, plan: Plan) -> list[Pair]:
    """Every (agency, duty, role) of one plan, in task order, lead before support before requested."""
    pairs: list[Pair] = []
    for t, task in enumerate(plan.tasks):
        prov = task.provenance
        for role in ROLES:
            for a, agency in enumerate(getattr(task, role)):
                pairs.append(Pair(id=f"{doc_id}/t{t}/{role}/{a}", document=doc_id, task=t, role=role,
                                  agency=agency.name, confidence=agency.confidence, task_confidence=task.confidence,
                                  duty=task.text, section=task.section, block=prov.block if prov else None,
                                  start=prov.start if prov else 0, end=prov.end if prov else 0,
                                  row=prov.row if prov else None))
    return pairs


def doc_info(doc_id: str, plan: Plan, portal: PortalRow | None) -> DocInfo:
    d = plan.document
    return DocInfo(id=doc_id, number=d.number, title=d.title, doc_type=d.doc_type, subkind=d.subkind,
                   portal_type=portal.portal_type if portal else None, official=d.official)


def halves(ids: list[str], seed: int) -> tuple[list[str], list[str]]:
    """Two seeded halves of the documents (A takes the odd one); each in sorted order."""
    shuffled = sorted(ids)
    random.Random(seed).shuffle(shuffled)
    cut = (len(shuffled) + 1) // 2
    return sorted(shuffled[:cut]), sorted(shuffled[cut:])


def choose_documents(ids: list[str], only: set[str] | None, half: str | None, half_seed: int,
                     exclude: set[str]) -> list[str]:
    """The documents to sample from: --ids, then the chosen half, minus documents already shown."""
    chosen = sorted(i for i in ids if only is None or i in only)
    if half:
        chosen = halves(chosen, half_seed)[0 if half == "A" else 1]
    return [i for i in chosen if i not in exclude]


def draw(pairs: list[Pair], n: int, seed: int) -> list[Pair]:
    """A simple random sample without replacement, returned in the population's order (easier to read)."""
    picked = set(random.Random(seed).sample(range(len(pairs)), min(n, len(pairs))))
    return [p for i, p in enumerate(pairs) if i in picked]


def clip(text: str, limit: int) -> str:
    """At most ``limit`` characters, the middle cut out."""
    if len(text) <= limit:
        return text
    keep = (limit - 3) // 2
    return text[:keep] + " … " + text[-keep:]


def marked(text: str, start: int, end: int, limit: int = SOURCE_CHARS) -> str:
    """The text with the duty's span between ⟦ ⟧, in a window of about ``limit`` characters around it."""
    if not 0 <= start < end <= len(text):
        return clip(text, limit)
    span = text[start:end]
    room = max(0, limit - len(span)) // 2
    left = text[max(0, start - room):start]
    right = text[end:end + room]
    return ("… " if start - room > 0 else "") + left + "⟦" + clip(span, limit) + "⟧" + right + \
        (" …" if end + room < len(text) else "")


def table_row_text(block: Block, row: int | None) -> str | None:
    """A table's header row and the row the pair comes from, cells joined by ' | '."""
    if block.kind is not BlockKind.table or not block.rows or row is None or not 0 <= row < len(block.rows):
        return None
    shown = [block.rows[0]] if row > 0 else []
    shown.append(block.rows[row])
    return "\n".join(" | ".join(c.text for c in r) for r in shown)


def passage_lines(source: SourceDocument, pair: Pair, context: int) -> list[str]:
    """The source block (the duty's span marked) with ``context`` blocks either side, each line '[n] text'."""
    if pair.block is None or not 0 <= pair.block < len(source.blocks):
        return [f"(the source block {pair.block} is not in the document as read now)"]
    lines = []
    for i in range(max(0, pair.block - context), min(len(source.blocks), pair.block + context + 1)):
        b = source.blocks[i]
        if i == pair.block:
            row = table_row_text(b, pair.row)
            text = f"(table row {pair.row}) " + clip(row, SOURCE_CHARS) if row else marked(b.text, pair.start, pair.end)
            lines.append(f"▶ [{i} {b.kind.value}] {text}")
        else:
            lines.append(f"  [{i} {b.kind.value}] {clip(b.text, CONTEXT_CHARS)}")
    return lines


def source_path(plan: Plan, roots: list[Path]) -> Path | None:
    """The plan's document on disk: its recorded path, a root joined with it, or the one file of its name."""
    recorded = Path(plan.file)
    if recorded.is_absolute() and recorded.is_file():
        return recorded
    for root in roots:
        if (root / recorded).is_file():
            return root / recorded
        found = [p for p in root.rglob(recorded.name) if p.is_file()]
        if len(found) == 1:
            return found[0]
    return None


def default_roots(plans_dir: Path) -> list[Path]:
    """The folders batched into a batch output (PLANS is its plans/), else the inflow corpus."""
    roots = [Path(r) for r in batch_roots(plans_dir.parent)] if plans_dir.name == "plans" else []
    return roots or [INFLOW]


def read_sources(plans: dict[str, Plan], ids: set[str], roots: list[Path]) -> dict[str, SourceDocument | None]:
    out: dict[str, SourceDocument | None] = {}
    for doc_id in sorted(ids):
        path = source_path(plans[doc_id], roots)
        out[doc_id] = read_document(path) if path else None
        if path is None:
            print(f"{doc_id}: {plans[doc_id].file} not found under {', '.join(map(str, roots))}", file=sys.stderr)
    return out


def fmt_conf(x: float | None) -> str:
    return "" if x is None else f"{x:.2f}"


def csv_row(pair: Pair, doc: DocInfo, lines: list[str], judged: dict[str, str]) -> dict[str, object]:
    source_line = next((ln for ln in lines if ln.startswith("▶")), lines[0] if lines else "")
    return {"id": pair.id, "document": pair.document, "number": doc.number, "title": doc.title,
            "doc_type": doc.doc_type, "subkind": doc.subkind, "portal_type": doc.portal_type, "kind": doc.kind,
            "agency": pair.agency, "role": pair.role, "confidence": fmt_conf(pair.confidence),
            "task_confidence": fmt_conf(pair.task_confidence), "duty": pair.duty, "section": pair.section,
            "block": pair.block, "passage": source_line.removeprefix("▶ "),
            **{k: judged.get(k, "") for k in ("verdict", "error", "note")}}


def fence(lines: list[str]) -> str:
    body = "\n".join(lines).replace("```", "'''")
    return f"```text\n{body}\n```"


def md_pair(n: int, pair: Pair, doc: DocInfo, lines: list[str], judged: dict[str, str]) -> str:
    title = (doc.title or "").strip() or "(no title read)"
    kind = f"{doc.doc_type or '(none)'}" + (f" / {doc.subkind}" if doc.subkind else "") + \
        (f"; portal: {doc.portal_type}" if doc.portal_type else "") + ("" if doc.official else "; not official")
    conf = ", ".join(f"{k} {fmt_conf(v)}" for k, v in (("pair", pair.confidence), ("duty", pair.task_confidence))
                     if v is not None) or "none"
    out = [f"### {n}. `{pair.id}`", "",
           f"- document: **{pair.document}** · {doc.number or '(no number read)'} · {kind}", f"- title: {title}",
           f"- agency: **{pair.agency}** · role **{pair.role}** · confidence: {conf}",
           f"- duty: {pair.duty}", f"- section: {pair.section or '(none)'}"]
    if judged.get("verdict"):
        verdict = judged["verdict"] + (f" — {judged['error']}" if judged.get("error") else "")
        out.append(f"- verdict: **{verdict}**" + (f" — {judged['note']}" if judged.get("note") else ""))
    out += ["", fence(lines), ""]
    return "\n".join(out)


def md_document(meta: dict[str, str], parts: list[str]) -> str:
    head = ["# (agency, duty, role) pairs to judge", ""] + [f"- {k}: {v}" for k, v in meta.items()]
    legend = ["", "Judge each pair against its passage and the document around it (../shared/eval/ANNOTATION.md): "
              "right when an office would accept \"this document gives this agency this duty in this role\". "
              "Fill in the CSV: verdict (" + " / ".join(VERDICTS) + "), for a wrong pair one error and a "
              "one-line note:", ""] + [f"- `{k}`: {v}" for k, v in ERRORS.items()]
    legend += ["", "In each passage ▶ marks the block the duty was read from, ⟦ ⟧ the duty's span in it; "
               "[n kind] is the block's index and kind.", ""]
    return "\n".join(head + legend + parts)


def parse_ids(arg: str | None) -> set[str] | None:
    if not arg:
        return None
    text = Path(arg[1:]).read_text(encoding="utf-8") if arg.startswith("@") else arg
    return {i.strip() for i in text.replace(",", "\n").splitlines() if i.strip()}


def sampled_documents(csvs: list[Path]) -> set[str]:
    return {r["document"] for f in csvs for r in read_table(f)[1] if r.get("document")}


def out_paths(prefix: Path) -> tuple[Path, Path]:
    """PREFIX.csv and PREFIX.md (a prefix given with either suffix means the same pair)."""
    stem = prefix.with_suffix("") if prefix.suffix in {".csv", ".md"} else prefix
    return stem.parent / f"{stem.name}.csv", stem.parent / f"{stem.name}.md"


def arguments(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("plans", type=Path, help="folder of plan JSON")
    ap.add_argument("--out", type=Path, required=True, help="prefix of the .csv and .md to write")
    ap.add_argument("--sources", type=Path, nargs="*", default=None, help="folders holding the documents")
    ap.add_argument("-n", type=int, default=150, help="pairs to draw (default 150)")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--ids", help="only these documents: 'i-001,i-002' or @file with one id a line")
    ap.add_argument("--half", choices=("A", "B"), help="only one seeded half of the documents")
    ap.add_argument("--half-seed", type=int, default=None, help="seed of the halves (default: --seed)")
    ap.add_argument("--exclude-sampled", type=Path, nargs="*", default=[], help="earlier samples' CSVs")
    ap.add_argument("--index", type=Path, default=INFLOW / "index.csv", help="the portal's index.csv")
    ap.add_argument("--context", type=int, default=2, help="blocks shown either side of the source block")
    ap.add_argument("--commit", help="the commit the plans were made at (default: this checkout's)")
    ap.add_argument("--made-by", help="how the plans were made (the command), for the header")
    ap.add_argument("--verdicts", type=Path, help="a filled CSV of the same sample whose judgments to keep")
    return ap.parse_args(argv)


def subset_words(args: argparse.Namespace, half_seed: int) -> str:
    words = []
    if args.ids:
        words.append(f"ids {args.ids}")
    if args.half:
        words.append(f"half {args.half} of the documents (seed {half_seed})")
    if args.exclude_sampled:
        words.append("documents of " + ", ".join(p.name for p in args.exclude_sampled) + " left out")
    return "; ".join(words) or "all documents"


def header(args: argparse.Namespace, half_seed: int, population: list[Pair], ids: list[str], size: int) -> dict[str, str]:
    """The `# key: value` lines both files start with: where the plans come from, the commit, seed and size."""
    with_pairs = len({p.document for p in population})
    return {"plans": str(args.plans) + (f" ({args.made_by})" if args.made_by else ""),
            "commit": args.commit or code_commit(), "seed": str(args.seed), "size": str(size),
            "population": f"{len(population)} pairs in {with_pairs} of {len(ids)} documents",
            "subset": subset_words(args, half_seed), "drawn": dt.date.today().isoformat()}


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    if not args.plans.is_dir():
        print(f"{args.plans}: no such folder", file=sys.stderr)
        return 2
    plans = load_plans(args.plans)
    portal = load_index(args.index)
    half_seed = args.seed if args.half_seed is None else args.half_seed
    ids = choose_documents(list(plans), parse_ids(args.ids), args.half, half_seed,
                           sampled_documents(args.exclude_sampled))
    population = [p for i in ids for p in plan_pairs(i, plans[i])]
    sample = draw(population, args.n, args.seed)
    docs = {i: doc_info(i, plans[i], portal.get(i)) for i in ids}
    sources = read_sources(plans, {p.document for p in sample}, args.sources or default_roots(args.plans))
    judged = {}
    if args.verdicts:
        judged = {r["id"]: r for r in read_table(args.verdicts)[1] if r.get("verdict")}
        lost = set(judged) - {p.id for p in sample}
        if lost:  # the plans or the options differ from the judged sample's: say so rather than drop verdicts quietly
            print(f"{len(lost)} judged pairs are not in this sample (other plans or options?): "
                  f"{', '.join(sorted(lost)[:5])}", file=sys.stderr)
    meta = header(args, half_seed, population, ids, len(sample))
    lines = {p.id: passage_lines(sources[p.document], p, args.context) if sources[p.document]
             else ["(the document was not found)"] for p in sample}
    rows = [csv_row(p, docs[p.document], lines[p.id], judged.get(p.id, {})) for p in sample]
    csv_path, md_path = out_paths(args.out)
    write_table(csv_path, meta, COLUMNS, rows)
    parts = [md_pair(n, p, docs[p.document], lines[p.id], judged.get(p.id, {})) for n, p in enumerate(sample, 1)]
    md_path.write_text(md_document(meta, parts), encoding="utf-8")
    print(f"{len(sample)} of {len(population)} pairs (seed {args.seed}, commit {meta['commit']}) → {csv_path}, {md_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
