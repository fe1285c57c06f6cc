"""The HTML reader against the DOCX reader on real documents: every DOCX of ../shared/corpus/raw saved
as HTML by LibreOffice (its XHTML and its plain HTML export), both read and parsed. Prints per document
the blocks, whether the header fields agree (number, date, issuer, signer) and the (agency, role,
deadline) duties in common, as Markdown tables under bench/runinfo.py's header (command, commit, date, machine).

Usage: .venv/bin/python bench/html_parity.py   (needs soffice; the corpus's DOCX are converted to a temp folder)
"""
from __future__ import annotations

import subprocess
import tempfile
from collections import Counter
from pathlib import Path

from runinfo import header as run_header
from runinfo import table

from kehoach.extract import read_document
from kehoach.models import Plan
from kehoach.nlp import parse

RAW = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "raw"
EXPORTS = {"xhtml": "html:XHTML Writer File:UTF8", "html": "html"}


def duties(plan: Plan) -> Counter:
    out: Counter = Counter()
    for t in plan.tasks:
        for role, agencies in (("lead", t.lead), ("support", t.support), ("requested", t.requested)):
            out.update((a.name, role, t.deadline.date if t.deadline else None) for a in agencies)
    return out


def header(plan: Plan) -> tuple:
    d = plan.document
    return d.number, d.date, d.issuer, d.signer.name if d.signer else None


def main() -> None:
    print(run_header("HTML against DOCX"))
    docx = sorted(RAW.glob("*.docx"))
    if not docx:
        print("no DOCX to convert (have ../shared/corpus)")
        return
    with tempfile.TemporaryDirectory() as tmp:
        totals = Counter()
        rows = []
        for kind, filter_name in EXPORTS.items():
            out = Path(tmp) / kind
            subprocess.run(["soffice", "--headless", "--convert-to", filter_name, "--outdir", str(out),
                            *map(str, docx)], check=True, capture_output=True, timeout=600)
            for f in docx:
                ref = read_document(f)
                page = read_document(out / f"{f.stem}.html")
                a, b = parse(ref), parse(page)
                same = sum((duties(a) & duties(b)).values())
                totals[kind, "docs"] += 1
                totals[kind, "same blocks"] += len(ref.blocks) == len(page.blocks)
                totals[kind, "same header"] += header(a) == header(b)
                totals[kind, "duties"] += sum(duties(a).values())
                totals[kind, "common"] += same
                rows.append([f.stem, kind, len(ref.blocks), len(page.blocks),
                             "same" if header(a) == header(b) else "DIFFERS", sum(duties(a).values()),
                             sum(duties(b).values()), same])
        print(table(["export", "documents", "blocks alike", "header alike", "duties in common"],
                    [[kind, totals[kind, "docs"], totals[kind, "same blocks"], totals[kind, "same header"],
                      f"{totals[kind, 'common']}/{totals[kind, 'duties']}"] for kind in EXPORTS]))
        print("\nPer document:\n")
        print(table(["document", "export", "blocks (DOCX)", "blocks (HTML)", "header", "duties (DOCX)",
                     "duties (HTML)", "in common"], rows))


if __name__ == "__main__":
    main()
