"""The `kehoach` command (typer + rich). Nothing in the library depends on this layer."""
from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Optional, TypeVar

import typer
from rich.console import Console
from rich.table import Table

from ..batch.work import SUPPORTED
from ..store.files import write_atomic

T = TypeVar("T")

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Vietnamese official plans (Kế hoạch) → structured data and a graph of responsibilities.")
console = Console()
err = Console(stderr=True)


def _inputs(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED))
        else:
            files.append(p)
    return files


@app.command()
def extract(file: Path = typer.Argument(..., help="A PDF, DOCX, DOC, Markdown or text file"),
            as_json: bool = typer.Option(False, "--json", help="Print the SourceDocument as JSON, each block with "
                                                                "its zone and the document's kind in metadata.kind"),
            zones: bool = typer.Option(False, "--zones", help="Print each block's zone before its text"),
            ocr: str = typer.Option("auto", help="auto | always | never")) -> None:
    """Print a document's text, blocks in reading order, and what part of the document each block is."""
    from ..extract import ReadOptions, read_document
    from ..nlp import parse as parse_source

    doc = read_document(file, ReadOptions(ocr=ocr))
    if doc.status.value != "failed":
        meta = parse_source(doc).document  # the parser writes each block's zone (nlp/zones.py)
        doc.metadata["kind"] = {"doc_type": meta.doc_type, "subkind": meta.subkind, "official": meta.official}
    if as_json:
        print(doc.model_dump_json(indent=2))
    else:
        for block in doc.blocks:
            print(f"[{block.zone or '?'}] {block.text}" if zones else block.text)
    if doc.status.value != "ok":
        for issue in doc.issues:
            err.print(f"[yellow]{doc.status.value}[/]: {issue.code}: {issue.message}")
    raise typer.Exit(1 if doc.status.value == "failed" else 0)


@app.command()
def parse(paths: list[Path] = typer.Argument(..., help="Files or folders"),
          out: Path = typer.Option(Path("outputs/plans"), "--out", help="Folder for <stem>.json"),
          segmenter: str = typer.Option("syllable", help="syllable | underthesea (the Doc's tokens; same plan JSON)")) -> None:
    """Parse plans into JSON (one <file stem>.json each) and print a summary."""
    from ..batch import api

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
            plan = api.parse(f, segmenter=segmenter)
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
def batch(folder: Path = typer.Argument(..., help="Folder of documents (searched recursively)"),
          out: Path = typer.Option(Path("outputs/batch"), "--out", "-o", help="Plan JSON, kehoach.db, report.csv/json"),
          workers: int = typer.Option(0, help="Worker processes (0: one per core)"),
          timeout: float = typer.Option(600.0, help="Seconds allowed per document (0: no limit)"),
          memory_mb: int = typer.Option(4096, "--memory-mb", help="Memory allowed per worker process, MB (0: no limit)"),
          prune: bool = typer.Option(False, help="Drop files that are no longer in the folder"),
          retry_failed: bool = typer.Option(False, "--retry-failed", help="Process failed files again even if unchanged"),
          ocr: str = typer.Option("auto", help="auto | always | never"),
          segmenter: str = typer.Option("syllable", help="syllable | underthesea (same plan JSON; underthesea ~5x slower)"),
          dask: Optional[str] = typer.Option(None, "--dask", help="Dask scheduler address (needs kehoach[dask])")) -> None:
    """Process a folder incrementally into plan JSON and the SQLite store; resumable after any interruption."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

    from ..batch import api

    if not folder.is_dir():
        err.print(f"[red]{folder} is not a folder[/]")
        raise typer.Exit(1)
    if ocr not in {"auto", "always", "never"} or segmenter not in {"underthesea", "syllable"}:
        err.print("[red]--ocr is auto|always|never and --segmenter underthesea|syllable[/]")
        raise typer.Exit(1)
    state = {"pages": 0, "failed": 0, "start": 0.0}
    progress = Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                        TextColumn("{task.fields[rate]} pages/s"), TextColumn("[red]{task.fields[failed]} failed"),
                        TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(), console=console)
    task_id = None

    def on_plan(todo: int, total: int) -> None:
        nonlocal task_id
        import time

        state["start"] = time.perf_counter()
        console.print(f"{total} files, {todo} to process, {total - todo} unchanged")
        task_id = progress.add_task("batch", total=todo, rate="-", failed=0)

    def on_row(row) -> None:
        import time

        if task_id is None or row.status in {"skipped", "pruned", "missing"}:
            return
        state["pages"] += row.pages or 0
        state["failed"] += row.status == "failed"
        rate = state["pages"] / max(1e-6, time.perf_counter() - state["start"])
        progress.update(task_id, advance=1, rate=f"{rate:.1f}", failed=state["failed"])

    with progress:
        try:
            report = api.batch(folder, out, workers=workers, timeout=timeout, memory_mb=memory_mb, prune=prune,
                               retry_failed=retry_failed, ocr=ocr, segmenter=segmenter, dask=dask,
                               on_plan=on_plan, on_row=on_row)
        except RuntimeError as exc:
            err.print(f"[red]{exc}[/]")
            raise typer.Exit(1)
    counts = report.counts
    table = Table(title=f"kehoach batch → {out}")
    for col in ("status", "files"):
        table.add_column(col)
    for status in ("ok", "partial", "failed", "skipped", "pruned", "missing", "replaced"):
        if counts.get(status):
            table.add_row(status, str(counts[status]))
    console.print(table)
    for row in [r for r in report.rows if r.status == "failed"][:20]:
        console.print(f"[red]failed[/] {row.path}: {row.reason}")
    console.print(f"{report.pages} pages in {report.elapsed:.1f} s → {out / 'report.csv'}, {out / 'kehoach.db'}")
    if report.interrupted:
        err.print("[yellow]interrupted: run the same command again to finish[/]")
        raise typer.Exit(130)


# --- corpus queries -------------------------------------------------------------------------

CorpusOpt = typer.Option(Path("outputs"), "--corpus", "-c",
                         help="A folder of plan JSON (from parse) or a batch output folder / kehoach.db store")


def _source(corpus: Path):
    """The corpus to query (store.corpus.Corpus): a store when one is there, else the plan JSON files."""
    from ..store import corpus as api

    try:
        src = api.open_corpus(corpus)
    except api.CorpusNotFound as exc:
        err.print(f"[red]{exc}[/]")
        raise typer.Exit(1)
    for p in src.problems:
        err.print(f"[yellow]skipped[/] {p}")
    return src


def _not_found(exc: Exception) -> None:
    err.print(f"[red]{exc}[/]")
    raise typer.Exit(1)


def _ask(query: Callable[[], T]) -> T:
    """A corpus query whose unknown agency, plan or number is a one-line error (exit 1), not a traceback."""
    from ..graph.queries import NotFound

    try:
        return query()
    except NotFound as exc:
        _not_found(exc)
        raise  # not reached: _not_found exits


def _date(value: str | None):
    import datetime as dt

    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        err.print(f"[red]--as-of must be YYYY-MM-DD, got {value!r}[/]")
        raise typer.Exit(1)


@app.command()
def who(words: str = typer.Argument(..., help='Words of the duty, with or without diacritics: "vay vốn" = "vay von"'),
        corpus: Path = CorpusOpt, limit: int = typer.Option(10, help="Agencies to show"),
        duties_per_agency: int = typer.Option(3, "--duties", help="Duties shown per agency")) -> None:
    """Which agencies own duties matching the words, ranked."""
    from ..graph.queries import ROLE_LABELS

    ranked = _source(corpus).who(words, limit=limit)
    if not ranked:
        err.print(f"[red]no duty matches “{words}”[/]")
        raise typer.Exit(1)
    table = Table(title=f"who: {words}", show_lines=True)
    for col in ("#", "agency", "role", "plan", "section", "deadline", "duty"):
        table.add_column(col, overflow="fold")
    for rank_no, a in enumerate(ranked, 1):
        for k, d in enumerate(a.duties[:duties_per_agency]):
            table.add_row(str(rank_no) if k == 0 else "", f"{d.agency_name}\n[dim]{d.jurisdiction}[/]" if k == 0 else "",
                          ROLE_LABELS[d.role], d.plan_number or d.plan_id, (d.section or "")[:60],
                          d.deadline or (d.deadline_text or ""), d.text[:300])
    console.print(table)


@app.command()
def tasks(agency: str = typer.Option(..., "--agency", "-a", help="Agency name, e.g. \"Sở Tài chính\""),
          where: Optional[str] = typer.Option(None, "--in", help="Only agencies serving this place (Nghệ An, Tam Đường)"),
          corpus: Path = CorpusOpt) -> None:
    """Everything one agency owns or supports, across plans."""
    from ..graph.queries import ROLE_LABELS

    src = _source(corpus)
    rows = _ask(lambda: src.tasks(agency, where))
    table = Table(title=f"{agency}: {len(rows)} duties", show_lines=True)
    for col in ("agency", "role", "plan", "section", "deadline", "duty"):
        table.add_column(col, overflow="fold")
    for d in rows:
        table.add_row(f"{d.agency_name}\n[dim]{d.jurisdiction}[/]", ROLE_LABELS[d.role], d.plan_number or d.plan_id,
                      (d.section or "")[:60], d.deadline or (d.deadline_text or ""), d.text[:300])
    console.print(table)


@app.command()
def checklist(agency: Optional[str] = typer.Option(None, "--agency", "-a", help="Agency name"),
              all_agencies: bool = typer.Option(False, "--all", help="One file per agency into --out DIR"),
              as_of: Optional[str] = typer.Option(None, "--as-of", help="YYYY-MM-DD (default: today)"),
              fmt: str = typer.Option("md", "--format", "-f", help="md | xlsx | docx"),
              layout: str = typer.Option("list", "--layout", help="list | bieu01 (the trackers' self-evaluation, xlsx or docx)"),
              out: Optional[Path] = typer.Option(None, "--out", "-o", help="File (or folder with --all)"),
              where: Optional[str] = typer.Option(None, "--in", help="Only agencies serving this place"),
              corpus: Path = CorpusOpt) -> None:
    """A compliance checklist per agency: each duty with role, deadline and status as of a date."""
    from ..graph import reports
    from ..graph.queries import agency_names, checklist as make_rows

    if fmt not in {"md", "xlsx", "docx"}:
        err.print(f"[red]--format must be md, xlsx or docx, got {fmt!r}[/]")
        raise typer.Exit(1)
    if bool(agency) == all_agencies:
        err.print("[red]give --agency NAME or --all[/]")
        raise typer.Exit(1)
    if layout not in {"list", "bieu01"} or (layout == "bieu01" and fmt == "md"):
        err.print("[red]--layout is list or bieu01; bieu01 is written as --format xlsx or docx[/]")
        raise typer.Exit(1)
    day = _date(as_of)
    src = _source(corpus)
    parties = None
    if layout == "bieu01":
        from ..graph.trackers import bieu01_docx, bieu01_xlsx, task_parties

        parties = task_parties(src.duties())

    def write(name: str, rows, path: Path | None) -> None:
        if fmt == "md" and path is None:
            print(reports.checklist_markdown(name, rows, day))
            return
        assert path is not None
        path.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "md":
            write_atomic(path, reports.checklist_markdown(name, rows, day))
        elif layout == "bieu01":
            (bieu01_xlsx if fmt == "xlsx" else bieu01_docx)(name, rows, day, path, parties)
        elif fmt == "xlsx":
            reports.checklist_xlsx(name, rows, day, path)
        else:
            reports.checklist_docx(name, rows, day, path)

    if agency:
        rows = _ask(lambda: src.checklist(agency, where, as_of=day))
        if fmt != "md" and out is None:
            err.print("[red]--out FILE is needed for xlsx and docx[/]")
            raise typer.Exit(1)
        write(agency, rows, out)
        if out is not None:
            counts = reports.status_counts(rows)
            console.print(f"{out}: {len(rows)} duties · " + " · ".join(f"{k} {v}" for k, v in counts.items()))
        return
    if out is None:
        err.print("[red]--all needs --out DIR[/]")
        raise typer.Exit(1)
    duties = src.duties()
    by_key: dict[str, list] = {}
    for d in duties:
        by_key.setdefault(d.agency.key, []).append(d)
    names = agency_names(duties)
    written = 0
    for key, ds in sorted(by_key.items()):
        name = sorted(names[key], key=len)[-1]
        jur = ds[0].jurisdiction or ""
        stem = _slug(f"{name} {key.split('|')[-1]}")
        write(f"{name} ({jur})", make_rows(ds, day), out / f"{stem}.{fmt}")
        written += 1
    console.print(f"{written} checklists → {out}")


@app.command()
def report(agency: str = typer.Option(..., "--agency", "-a", help="Agency name"),
           period: str = typer.Option("week", "--period", "-p", help="week | quarter"),
           as_of: Optional[str] = typer.Option(None, "--as-of", help="A day in the period, YYYY-MM-DD (default: today)"),
           where: Optional[str] = typer.Option(None, "--in", help="Only agencies serving this place"),
           out: Path = typer.Option(..., "--out", "-o", help="The .docx file"),
           corpus: Path = CorpusOpt) -> None:
    """The agency's weekly or quarterly report (DOCX): counts by status and the duties behind them."""
    from ..graph.trackers import PERIODS, period_of, report_docx, task_parties

    if period not in PERIODS:
        err.print(f"[red]--period is week or quarter, got {period!r}[/]")
        raise typer.Exit(1)
    src = _source(corpus)
    duties = _ask(lambda: src.tasks(agency, where))
    span = period_of(period, _date(as_of))
    out.parent.mkdir(parents=True, exist_ok=True)
    counts = report_docx(agency, duties, span, out, task_parties(src.duties()))
    console.print(f"{out}: {span.label} · " + " · ".join(f"{k} {v}" for k, v in counts.items()))


@app.command("import-sheet")
def import_sheet(out: Path = typer.Option(..., "--out", "-o", help="The .xlsx file"),
                 as_of: Optional[str] = typer.Option(None, "--as-of", help="Status as of YYYY-MM-DD (default: today)"),
                 corpus: Path = CorpusOpt) -> None:
    """Every duty of the corpus as one XLSX sheet for a task-tracking system's import (docs/exports.md)."""
    from ..graph.trackers import import_xlsx

    src = _source(corpus)
    out.parent.mkdir(parents=True, exist_ok=True)
    n = import_xlsx(src.duties(), _date(as_of), out)
    console.print(f"{out}: {n} duties")


def _slug(text: str) -> str:
    import re

    from ..models.text import fold

    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:80] or "agency"


@app.command()
def compare(basis: Optional[str] = typer.Option(None, "--basis", "-b", help='A cited number, e.g. "49/2020/NĐ-CP"'),
            topic: Optional[str] = typer.Option(None, "--topic", "-t", help="Words of the plans' titles"),
            out: Path = typer.Option(Path("outputs/compare"), "--out", "-o", help="Folder for .md, .xlsx, .png"),
            corpus: Path = CorpusOpt) -> None:
    """How jurisdictions organise the same basis or topic: function × jurisdiction, with the differences."""
    from ..graph import reports
    if bool(basis) == bool(topic):
        err.print("[red]give --basis NUMBER or --topic WORDS[/]")
        raise typer.Exit(1)
    src = _source(corpus)
    c = _ask(lambda: src.compare(basis=basis, topic=topic))
    subject, plans = c.subject, c.plans
    out.mkdir(parents=True, exist_ok=True)
    stem = _slug(subject)
    write_atomic(out / f"{stem}.md", reports.compare_markdown(c))
    reports.compare_xlsx(c, out / f"{stem}.xlsx")
    reports.heatmap_png(c, out / f"{stem}.png")
    table = Table(title=f"compare: {subject} ({len(plans)} plans)")
    table.add_column("function")
    for j in c.jurisdictions:
        table.add_column(j, justify="right")
    for f in c.functions[:25]:
        table.add_row(c.function_labels[f], *[f"{c.lead.get((f, j), 0)}/{c.support.get((f, j), 0)}" for j in c.jurisdictions])
    console.print(table)
    for line in c.differences[:20]:
        console.print(f"• {line}")
    console.print(f"→ {out / stem}.md, .xlsx, .png")


@app.command()
def trace(number: str = typer.Argument(..., help="A số ký hiệu (42/KH-BCA-C11) or a plan id"),
          corpus: Path = CorpusOpt, depth: int = typer.Option(6, help="Levels to follow")) -> None:
    """The chain of plans and documents above and below one document."""
    from rich.tree import Tree

    src = _source(corpus)
    node, up, down = _ask(lambda: src.trace(number, depth=depth))

    def add(tree, items, arrow: str) -> None:
        for n in items:
            title = f" — {n.title[:90]}" if n.title else ""
            ext = " [dim](not in corpus)[/]" if n.kind == "document" else ""
            branch = tree.add(f"{arrow} [b]{n.label}[/]{title}{ext} [dim]{n.link}[/]")
            add(branch, n.children, arrow)

    root = Tree(f"[b]{node.label}[/]" + (f" — {node.title[:100]}" if node.title else ""))
    add(root.add("rests on (upwards)"), up, "↑")
    add(root.add("implemented by (downwards)"), down, "↓")
    console.print(root)


@app.command("graph")
def graph_export(out: Path = typer.Option(Path("outputs/graph.graphml"), "--out", "-o",
                                          help=".graphml, .gexf or .json (node-link)"),
                 corpus: Path = CorpusOpt) -> None:
    """Export the responsibility graph."""
    from ..graph.export import export_graph

    g = _source(corpus).graph()
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        export_graph(g, out)
    except ValueError as exc:
        _not_found(exc)
    kinds: dict[str, int] = {}
    for _, a in g.nodes(data=True):
        kinds[a.get("kind", "?")] = kinds.get(a.get("kind", "?"), 0) + 1
    console.print(f"{out}: {g.number_of_nodes()} nodes ({', '.join(f'{v} {k}' for k, v in sorted(kinds.items()))}), "
                  f"{g.number_of_edges()} edges")


@app.command()
def view(plan: str = typer.Argument(..., help="Plan id (file stem) or số ký hiệu"),
         out: Path = typer.Option(Path("outputs/views"), "--out", "-o", help="Folder for .png, .svg and .html"),
         corpus: Path = CorpusOpt) -> None:
    """A picture (PNG, SVG) and a self-contained HTML view of one plan's responsibilities."""
    from ..graph.draw import plan_html, plan_picture
    from ..graph.identity import plan_id
    p = _ask(lambda: _source(corpus).plan(plan))
    out.mkdir(parents=True, exist_ok=True)
    stem = plan_id(p)
    for path in (out / f"{stem}.png", out / f"{stem}.svg"):
        plan_picture(p, path)
    plan_html(p, out / f"{stem}.html")
    console.print(f"→ {out / stem}.png, .svg, .html")


@app.command()
def calendar(agency: str = typer.Option(..., "--agency", "-a", help="Agency name"),
             where: Optional[str] = typer.Option(None, "--in", help="Only agencies serving this place"),
             out: Optional[Path] = typer.Option(None, "--out", "-o",
                                                help="The .ics file (default: <agency>-<place>.ics here)"),
             public_url: Optional[str] = typer.Option(None, "--public-url", envvar="KEHOACH_PUBLIC_URL",
                                                      help="The web app's public address (https://…): the feed's "
                                                           "subscription address is printed and written into the file"),
             corpus: Path = CorpusOpt) -> None:
    """The agency's deadlines as an iCalendar file (.ics) that phones and Outlook import or subscribe to,
    with reminders 7, 3 and 1 days before each deadline."""
    from ..graph.calendar import feed_filename, feed_path

    src = _source(corpus)
    url = public_url.rstrip("/") + feed_path(agency, where) if public_url else None
    data = _ask(lambda: src.calendar(agency, where, url=url))
    out = out or Path(feed_filename(agency, where))
    write_atomic(out, data)
    console.print(f"{out}: {data.count(b'BEGIN:VEVENT')} events, {data.count(b'BEGIN:VALARM')} reminders")
    if url:
        console.print(f"subscribe: {url}")


@app.command()
def export(akn: Optional[str] = typer.Option(None, "--akn", help="Plan id or số ký hiệu: Akoma Ntoso 3.0 XML"),
           gold: Optional[str] = typer.Option(None, "--gold", help="The reviewed plan in the gold format of shared/eval"),
           plan_json: Optional[str] = typer.Option(None, "--json", help="The reviewed plan as plan JSON"),
           out: Path = typer.Option(..., "--out", "-o", help="The file"),
           corpus: Path = CorpusOpt) -> None:
    """One plan (as reviewed) as Akoma Ntoso 3.0 XML, as a gold file (a reviewed document becomes a test
    case: score it with shared/eval/score.py) or as plan JSON."""
    if sum(x is not None for x in (akn, gold, plan_json)) != 1:
        err.print("[red]give one of --akn, --gold, --json[/]")
        raise typer.Exit(1)
    src = _source(corpus)
    if akn:
        write_atomic(out, _ask(lambda: src.akn(akn)))
        console.print(f"{out}: Akoma Ntoso 3.0")
    elif gold:
        record = _ask(lambda: src.gold(gold))
        write_atomic(out, json.dumps(record, ensure_ascii=False, indent=2))
        console.print(f"{out}: gold format, {len(record['assignments'])} assignments")
    else:
        plan = _ask(lambda: src.plan(plan_json))
        write_atomic(out, plan.model_dump_json(indent=2))
        console.print(f"{out}: plan JSON, {len(plan.tasks)} tasks")


@app.command()
def serve(corpus: Path = typer.Option(Path("outputs"), "--corpus", "-c",
                                     help="The batch output folder the app reads and writes"),
          host: str = typer.Option("127.0.0.1", help="Address to listen on; anything but loopback needs a password"),
          port: int = typer.Option(8080, help="Port"),
          password: Optional[str] = typer.Option(None, "--password", envvar="KEHOACH_PASSWORD",
                                                 help="Password asked on every page (or env KEHOACH_PASSWORD)"),
          workers: int = typer.Option(1, help="Worker processes for uploaded batches"),
          public_url: Optional[str] = typer.Option(None, "--public-url", envvar="KEHOACH_PUBLIC_URL",
                                                   help="The address phones reach the app at (https://…), for "
                                                        "calendar subscription links"),
          folder_root: list[Path] = typer.Option([], "--folder-root",
                                                 help="A folder of this machine the app may read documents from "
                                                      "(repeatable; none: the folder import is off)")) -> None:
    """The web app for the office: upload plans, ask who owns what, review and follow duties, take away
    checklists and calendars."""
    import uvicorn

    from ..web.app import WebConfig, create_app, is_loopback

    if not is_loopback(host) and not password:
        err.print(f"[red]{host} is not a loopback address: give --password (or KEHOACH_PASSWORD)[/]")
        raise typer.Exit(1)
    if public_url and not public_url.startswith(("http://", "https://")):
        err.print("[red]--public-url starts with http:// or https://[/]")
        raise typer.Exit(1)
    missing = [str(f) for f in folder_root if not f.is_dir()]
    if missing:
        err.print(f"[red]--folder-root: not a folder: {', '.join(missing)}[/]")
        raise typer.Exit(1)
    config = WebConfig(corpus=corpus, password=password or None, workers=workers,
                       public_url=public_url.rstrip("/") if public_url else None,
                       folder_roots=tuple(f.resolve() for f in folder_root))
    console.print(f"kehoach → http://{host}:{port}/  (corpus {corpus})")
    uvicorn.run(create_app(config), host=host, port=port, log_level="warning")


@app.command()
def schema() -> None:
    """Print the JSON Schema of the plan JSON."""
    from ..models import Plan

    print(json.dumps(Plan.model_json_schema(), ensure_ascii=False, indent=2))


from .review import delete, progress_app, review_app  # noqa: E402  (they read the corpus through _source above)

app.add_typer(review_app, name="review")
app.add_typer(progress_app, name="progress")
app.command("delete")(delete)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        err.print("[red]interrupted[/]")
        sys.exit(130)


if __name__ == "__main__":
    main()
