"""The `kehoach` command (typer + rich). Nothing in the library depends on this layer."""
from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Vietnamese official plans (Kế hoạch) → structured data and a graph of responsibilities.")
console = Console()
err = Console(stderr=True)

SUPPORTED = {".pdf", ".docx", ".doc", ".rtf", ".md", ".markdown", ".txt"}


def _inputs(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED))
        else:
            files.append(p)
    return files


def write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file and rename, so that no half-written file is ever visible."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@app.command()
def extract(file: Path = typer.Argument(..., help="A PDF, DOCX, DOC, Markdown or text file"),
            as_json: bool = typer.Option(False, "--json", help="Print the SourceDocument as JSON"),
            ocr: str = typer.Option("auto", help="auto | always | never")) -> None:
    """Print a document's text, blocks in reading order."""
    from kehoach.extract import ReadOptions, read_document

    doc = read_document(file, ReadOptions(ocr=ocr))
    if as_json:
        print(doc.model_dump_json(indent=2))
    else:
        for block in doc.blocks:
            print(block.text)
    if doc.status.value != "ok":
        for issue in doc.issues:
            err.print(f"[yellow]{doc.status.value}[/]: {issue.code}: {issue.message}")
    raise typer.Exit(1 if doc.status.value == "failed" else 0)


@app.command()
def parse(paths: list[Path] = typer.Argument(..., help="Files or folders"),
          out: Path = typer.Option(Path("outputs/plans"), "--out", help="Folder for <stem>.json"),
          segmenter: str = typer.Option("underthesea", help="underthesea | syllable")) -> None:
    """Parse plans into JSON (one <file stem>.json each) and print a summary."""
    from kehoach.extract import read_document
    from kehoach.nlp import parse as parse_plan

    files = _inputs(paths)
    if not files:
        err.print("[red]no input files[/]")
        raise typer.Exit(1)
    table = Table(title=f"kehoach parse → {out}")
    for col in ("file", "status", "tasks", "agencies", "references", "warnings / reason"):
        table.add_column(col)
    failed = 0
    for f in files:
        try:
            plan = parse_plan(read_document(f), segmenter=segmenter)
        except Exception as exc:  # one bad file never stops the others
            failed += 1
            table.add_row(f.name, "[red]failed[/]", "-", "-", "-", f"{type(exc).__name__}: {exc}"[:120])
            continue
        write_atomic(out / f"{f.stem}.json", plan.model_dump_json(indent=2))
        status = plan.status.value
        failed += status == "failed"
        reason = "; ".join(i.message for i in plan.issues)[:120] or "; ".join(plan.warnings)[:120]
        color = {"ok": "green", "partial": "yellow", "failed": "red"}[status]
        table.add_row(f.name, f"[{color}]{status}[/]", str(len(plan.tasks)), str(len(plan.agencies)),
                      str(len(plan.references)), reason)
    console.print(table)
    raise typer.Exit(1 if failed == len(files) else 0)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the plan JSON."""
    from kehoach.models import Plan

    print(json.dumps(Plan.model_json_schema(), ensure_ascii=False, indent=2))


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        err.print("[red]interrupted[/]")
        sys.exit(130)


if __name__ == "__main__":
    main()
