"""The sheets offices take to their task-tracking systems: Biểu 01 (XLSX, landscape DOCX that
LibreOffice lays out on ≤ 2 pages for the seed's Công an tỉnh), the import sheet of every duty, the
weekly / quarterly report, and deadlines both as written and as a date everywhere."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kehoach.cli.app import app
from kehoach.graph import queries, reports, trackers
from kehoach.graph.duties import corpus_duties
from kehoach.models import Progress
from tests.conftest import ROOT

AS_OF = dt.date(2026, 3, 1)
runner = CliRunner()


@pytest.fixture(scope="module")
def duties(seed_plans):
    return corpus_duties(seed_plans)


@pytest.fixture(scope="module")
def police(duties):
    return queries.agency_duties(duties, "Công an tỉnh", "Hưng Yên")


def _with_progress(police):
    """The conference (due 10/03/2026) done on the 9th, another duty done late, one in progress."""
    out = []
    for d in police:
        if d.deadline == "2026-03-10":
            d = d.model_copy(update={"progress": Progress(state="done", changed_on=dt.date(2026, 3, 9),
                                                          report_number="15/BC-CAT", report_date=dt.date(2026, 3, 9))})
        out.append(d)
    return out


def test_biue01_xlsx_has_the_trackers_columns_and_ticks(police, duties, tmp_path):
    from openpyxl import load_workbook

    rows = queries.checklist(_with_progress(police), AS_OF)
    path = tmp_path / "b01.xlsx"
    trackers.bieu01_xlsx("Công an tỉnh", rows, AS_OF, path, trackers.task_parties(duties))
    ws = load_workbook(path).active
    top = [ws.cell(3, c).value for c in range(1, len(trackers.BIEU01_COLUMNS) + 1)]
    sub = [ws.cell(4, c).value for c in range(1, len(trackers.BIEU01_COLUMNS) + 1)]
    for key, header, group, *_ in trackers.BIEU01_COLUMNS:
        assert (group and group in top and header in sub) or header in top, header
    for needed in ("Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Ngày hoàn thành", "Trước hạn", "Đúng hạn"):
        assert needed in top + sub
    body = [[ws.cell(r, c).value for c in range(1, 15)] for r in range(5, 5 + len(rows))]
    conference = next(r for r in body if r[6] == dt.datetime(2026, 3, 10))
    assert conference[5] == "10/3/2026"  # as written, and as a date beside it
    assert conference[7] == dt.datetime(2026, 3, 9) and conference[8] == "x"  # done early
    assert "15/BC-CAT" in conference[13]
    assert ws.cell(5, 7).number_format == "DD/MM/YYYY"
    assert "Công an tỉnh" in conference[3].split("; ")  # the owners of the task, this agency among them
    assert any(r[4] for r in body)  # and its supporters, from every duty row of the task
    total = ws.cell(5 + len(rows), 2).value
    assert total == "Tổng cộng"
    ticks = sum(1 for r in body for v in r[8:13] if v == "x")
    assert ticks == len(rows)  # every duty counted once: done (with a deadline) or not yet


def test_bieu01_docx_widths_sit_on_the_table_grid(police, duties, tmp_path):
    from docx import Document
    from docx.oxml.ns import qn

    path = tmp_path / "b01.docx"
    trackers.bieu01_docx("Công an tỉnh", queries.checklist(police, AS_OF), AS_OF, path, trackers.task_parties(duties))
    doc = Document(str(path))
    section = doc.sections[0]
    assert section.page_width > section.page_height  # landscape
    table = doc.tables[0]
    grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert grid == [int(c[4] * 567) for c in trackers.BIEU01_COLUMNS]
    usable = section.page_width - section.left_margin - section.right_margin
    assert sum(grid) * 635 <= usable  # twips → EMU: the table fits between the margins
    assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("layout", ["bieu01", "list"])
def test_libreoffice_lays_the_seed_police_duties_on_two_landscape_pages(police, duties, tmp_path, layout):
    import pypdfium2 as pdfium

    rows = queries.checklist(police, AS_OF)
    assert len(rows) == 6
    path = tmp_path / f"{layout}.docx"
    if layout == "bieu01":
        trackers.bieu01_docx("Công an tỉnh", rows, AS_OF, path, trackers.task_parties(duties))
    else:
        reports.checklist_docx("Công an tỉnh", rows, AS_OF, path)
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(path)], check=True, capture_output=True, timeout=240)
    pdf = pdfium.PdfDocument(str(path.with_suffix(".pdf")))
    width, height = pdf[0].get_size()
    print(f"{layout}: {len(pdf)} pages, {width:.0f}×{height:.0f} pt")
    assert width > height and len(pdf) <= 2


def test_import_sheet_has_the_documented_columns(duties, tmp_path):
    from openpyxl import load_workbook

    path = tmp_path / "import.xlsx"
    n = trackers.import_xlsx(duties, AS_OF, path)
    wb = load_workbook(path)
    ws = wb["Nhiệm vụ"]
    headers = [c.value for c in ws[1]]
    assert headers == [h for h, _ in trackers.IMPORT_COLUMNS]
    assert n == len(duties) == ws.max_row - 1
    documented = (ROOT / "docs" / "exports.md").read_text(encoding="utf-8")
    for header in headers:
        assert f"| {header} |" in documented, header
    col = {h: i for i, h in enumerate(headers)}
    dated = [r for r in ws.iter_rows(min_row=2, values_only=True) if r[col["Thời hạn (ngày)"]]]
    assert dated and all(r[col["Thời hạn (theo văn bản)"]] for r in dated)
    ids = [r[0] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert len(set(ids)) == len(ids)  # one stable id per (plan, task, agency, role)


def test_report_counts_add_up_to_the_listed_duties(police, tmp_path):
    from docx import Document

    span = trackers.period_of("quarter", AS_OF)
    assert (span.start, span.end) == (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    week = trackers.period_of("week", dt.date(2026, 3, 4))
    assert (week.start, week.end) == (dt.date(2026, 3, 2), dt.date(2026, 3, 8))
    path = tmp_path / "r.docx"
    counts = trackers.report_docx("Công an tỉnh", _with_progress(police), span, path)
    statuses = {k: v for k, v in counts.items() if k in queries.STATUS_LABELS.values()}
    assert sum(statuses.values()) == len(police)
    assert counts["Hoàn thành trong kỳ"] == 1 and counts["Đến hạn trong kỳ"] == 1
    doc = Document(str(path))
    listed = sum(len(t.rows) - 1 for t in doc.tables[1:])
    assert listed == len(police)
    assert "Hoàn thành trước hạn (1)" in "\n".join(p.text for p in doc.paragraphs)


def test_cli_writes_bieu01_report_and_import_sheet(seed_plan_dir, tmp_path):
    from openpyxl import load_workbook

    args = ["--corpus", str(seed_plan_dir)]
    r = runner.invoke(app, ["checklist", "--agency", "Công an tỉnh", "--layout", "bieu01", "--format", "xlsx",
                            "--as-of", "2026-03-01", "--out", str(tmp_path / "b.xlsx"), *args])
    assert r.exit_code == 0, r.output
    assert load_workbook(tmp_path / "b.xlsx").active.title == "Biểu 01"
    r = runner.invoke(app, ["report", "--agency", "Công an tỉnh", "--period", "week", "--as-of", "2026-03-10",
                            "--out", str(tmp_path / "r.docx"), *args])
    assert r.exit_code == 0 and (tmp_path / "r.docx").stat().st_size > 0, r.output
    r = runner.invoke(app, ["import-sheet", "--out", str(tmp_path / "i.xlsx"), *args])
    assert r.exit_code == 0 and "duties" in r.output, r.output
    bad = runner.invoke(app, ["checklist", "--agency", "Công an tỉnh", "--layout", "bieu01", *args])
    assert bad.exit_code == 1 and "bieu01" in bad.output


def test_every_checklist_file_says_the_deadline_as_written_and_as_a_date(police, tmp_path):
    from docx import Document

    rows = queries.checklist(police, AS_OF)
    md = reports.checklist_markdown("Công an tỉnh", rows, AS_OF)
    assert "10/3/2026 (10/03/2026)" in md
    reports.checklist_docx("Công an tỉnh", rows, AS_OF, tmp_path / "c.docx")
    cells = [c.text for row in Document(str(tmp_path / "c.docx")).tables[0].rows for c in row.cells]
    assert "10/3/2026 (10/03/2026)" in cells
