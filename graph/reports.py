"""Files people open: checklists (Markdown, XLSX, DOCX) and comparisons (Markdown, XLSX, heatmap).

Text from documents is data, never markup or formulas: Markdown cells are escaped, XLSX cells
are written as strings even when they start with "=", DOCX text goes through python-docx.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from .labels import date_vi
from .queries import ROLE_LABELS, STATUS_LABELS, ChecklistRow, Comparison
from .review import progress_note

CHECKLIST_COLUMNS = ["STT", "Nhiệm vụ", "Vai trò", "Thời hạn", "Trạng thái", "Nguồn (kế hoạch · mục · trang)",
                     "Đã hoàn thành"]
CHECKLIST_DOCX_WIDTHS = (1.0, 11.5, 2.3, 3.4, 2.8, 4.5, 1.2)  # cm, 26.7 on A4 landscape with 1.5 cm margins
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def md_cell(text: str | None) -> str:
    """Markdown table cell: pipes, HTML and line breaks neutralised."""
    import html
    return html.escape(text or "", quote=False).replace("|", "\\|").replace("\n", " ").strip()


def _deadline_both(d) -> str:
    """The deadline as written and as a date: "Quý II/2026 (30/06/2026)"."""
    written, day = (d.deadline_text or "").strip(), date_vi(d.deadline)
    if written and day and day not in written:
        return f"{written} ({day})"
    return written or day


def checklist_markdown(agency: str, rows: Sequence[ChecklistRow], as_of: dt.date) -> str:
    out = [f"# Danh mục nhiệm vụ: {md_cell(agency)}", "",
           f"Tính đến ngày {as_of:%d/%m/%Y} · {len(rows)} nhiệm vụ", "",
           "| " + " | ".join(CHECKLIST_COLUMNS) + " |", "|" + "---|" * len(CHECKLIST_COLUMNS)]
    for i, r in enumerate(rows, 1):
        out.append("| " + " | ".join([str(i), md_cell(r.duty.text), r.role_label, md_cell(_deadline_both(r.duty)),
                                        r.status_label, md_cell(r.source), md_cell(_done_mark(r))]) + " |")
    return "\n".join(out) + "\n"


def _done_mark(r: ChecklistRow) -> str:
    """The 'Đã hoàn thành' cell: what a person recorded (day, report), or a box to tick on paper."""
    return ("☑ " + progress_note(r.duty.progress)) if r.duty.progress and r.duty.progress.state == "done" else "☐"


def _safe_cell(cell, value) -> None:
    """Write ``value`` as a plain string even when it looks like a formula."""
    cell.value = value
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        cell.data_type = "s"
        cell.quotePrefix = True


def checklist_xlsx(agency: str, rows: Sequence[ChecklistRow], as_of: dt.date, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    wb = Workbook()
    ws = wb.active
    ws.title = "Danh mục nhiệm vụ"
    ws.append([f"{agency} — tính đến ngày {as_of:%d/%m/%Y}"])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append(CHECKLIST_COLUMNS + ["Cơ quan (như văn bản ghi)", "Địa bàn", "Thời hạn (theo văn bản)"])
    for c in ws[2]:
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="DDEBF7")
        c.alignment = Alignment(wrap_text=True, vertical="center")
    fills = {"overdue": "F8CBAD", "due_soon": "FFE699", "done_early": "C6EFCE", "done_on_time": "C6EFCE",
             "done": "C6EFCE", "done_late": "FFD7B5"}
    for i, r in enumerate(rows, 1):
        values = [i, r.duty.text, r.role_label, r.duty.deadline and dt.date.fromisoformat(r.duty.deadline),
                  r.status_label, r.source, progress_note(r.duty.progress), r.duty.agency_name, r.duty.jurisdiction or "",
                  r.duty.deadline_text or ""]
        ws.append([None] * len(values))
        for c, v in zip(ws[ws.max_row], values):
            _safe_cell(c, v)
            c.alignment = Alignment(wrap_text=True, vertical="top")
        ws.cell(ws.max_row, 4).number_format = "DD/MM/YYYY"
        if r.status in fills:
            ws.cell(ws.max_row, 5).fill = PatternFill("solid", fgColor=fills[r.status])
    for col, width in zip("ABCDEFGHIJ", (6, 80, 14, 12, 22, 40, 14, 30, 24, 24)):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A3"
    ws.auto_filter.ref = f"A2:J{max(2, ws.max_row)}"
    wb.save(path)


def checklist_docx(agency: str, rows: Sequence[ChecklistRow], as_of: dt.date, path: Path) -> None:
    """Laid out like an official appendix: A4, Times New Roman 13/12, a bordered table."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Cm, Mm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(297), Mm(210)  # A4 landscape: the table is wide
    section.orientation = WD_ORIENT.LANDSCAPE
    section.left_margin, section.right_margin = Cm(1.5), Cm(1.5)
    section.top_margin, section.bottom_margin = Cm(1.5), Cm(1.5)
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run("PHỤ LỤC\nDANH MỤC NHIỆM VỤ ĐƯỢC GIAO")
    run.bold = True
    sub = doc.add_paragraph()
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub.add_run(f"{agency} — tính đến ngày {as_of:%d/%m/%Y}").italic = True
    from .trackers import add_row, fixed_table

    table = fixed_table(doc, CHECKLIST_DOCX_WIDTHS, header_rows=0)
    add_row(table, CHECKLIST_COLUMNS, bold=True, size=11, center=range(len(CHECKLIST_COLUMNS)))
    for i, r in enumerate(rows, 1):
        add_row(table, [str(i), r.duty.text, r.role_label, _deadline_both(r.duty), r.status_label, r.source,
                        _done_mark(r)], size=11, center=(0, 6))
    doc.save(path)


# --- comparison -----------------------------------------------------------------------------

def compare_markdown(c: Comparison) -> str:
    out = [f"# So sánh tổ chức thực hiện: {md_cell(c.subject)}", "",
           f"{len(c.plans)} kế hoạch · {len(c.jurisdictions)} địa bàn", "", "## Kế hoạch", ""]
    for p in c.plans:
        d = p.document
        j = d.jurisdiction.label if d.jurisdiction else "?"
        out.append(f"- {md_cell(j)}: {md_cell(d.number or p.file)} — {md_cell(d.title or '')}")
    out += ["", "## Chức năng × địa bàn (số nhiệm vụ chủ trì / phối hợp)", "",
            "| Chức năng | " + " | ".join(md_cell(j) for j in c.jurisdictions) + " |",
            "|---|" + "---|" * len(c.jurisdictions)]
    for f in c.functions:
        cells = []
        for j in c.jurisdictions:
            lead, sup = c.lead.get((f, j), 0), c.support.get((f, j), 0)
            cells.append(f"{lead} / {sup}" if lead or sup else "—")
        out.append(f"| {md_cell(c.function_labels[f])} | " + " | ".join(cells) + " |")
    out += ["", "## Khác biệt", ""]
    out += [f"- {md_cell(x)}" for x in c.differences] or ["- (không có)"]
    out += ["", "## Nhiệm vụ chỉ giao cho nhóm cơ quan (không có đơn vị chịu trách nhiệm chính)", ""]
    out += [f"- {md_cell(d.jurisdiction)}: {md_cell(d.agency_name)} — {md_cell(d.text[:200])}" for d in c.unowned] \
        or ["- (không có)"]
    return "\n".join(out) + "\n"


def compare_xlsx(c: Comparison, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Ma trận"
    ws.append(["Chức năng"] + [f"{j} (chủ trì)" for j in c.jurisdictions] + [f"{j} (phối hợp)" for j in c.jurisdictions])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True)
    for f in c.functions:
        ws.append([None] * (1 + 2 * len(c.jurisdictions)))
        row = ws[ws.max_row]
        _safe_cell(row[0], c.function_labels[f])
        for k, j in enumerate(c.jurisdictions):
            row[1 + k].value = c.lead.get((f, j), 0)
            row[1 + len(c.jurisdictions) + k].value = c.support.get((f, j), 0)
    ws.column_dimensions["A"].width = 42
    ws.freeze_panes = "B2"
    diff = wb.create_sheet("Khác biệt")
    diff.append(["Khác biệt"])
    for x in c.differences:
        diff.append([None])
        _safe_cell(diff.cell(diff.max_row, 1), x)
    diff.column_dimensions["A"].width = 120
    wb.save(path)


def heatmap_png(c: Comparison, path: Path) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = c.functions[:40]
    data = [[c.lead.get((f, j), 0) for j in c.jurisdictions] for f in rows]
    fig_h = max(3.0, 0.35 * len(rows) + 1.8)
    fig_w = max(5.0, 1.6 * len(c.jurisdictions) + 4.5)
    fig, ax = plt.subplots(figsize=(fig_w, fig_h))
    import numpy as np

    cmap = matplotlib.colormaps["YlOrRd"].with_extremes(bad="white")  # no duty: blank, not the palest colour
    grid = np.ma.masked_equal(np.array(data or [[0]], dtype=float), 0)
    im = ax.imshow(grid, cmap=cmap, aspect="auto", vmin=0)
    ax.set_xticks(range(len(c.jurisdictions)), [_wrap(j, 18) for j in c.jurisdictions], fontsize=8)
    ax.set_yticks(range(len(rows)), [c.function_labels[f][:45] for f in rows], fontsize=8)
    peak = max((v for r in data for v in r), default=0)
    for y, r in enumerate(data):
        for x, v in enumerate(r):
            if v:
                ax.text(x, y, str(v), ha="center", va="center", fontsize=7,
                        color="white" if v > peak * 0.6 else "black")
    ax.set_title(_wrap(f"Nhiệm vụ chủ trì theo chức năng × địa bàn — {c.subject}", 70), fontsize=10)
    fig.colorbar(im, ax=ax, shrink=0.6, label="số nhiệm vụ chủ trì")
    fig.tight_layout()
    fig.savefig(path, dpi=130)
    plt.close(fig)


def _wrap(text: str, width: int) -> str:
    import textwrap
    return "\n".join(textwrap.wrap(text, width)) or text


def status_counts(rows: Sequence[ChecklistRow]) -> dict[str, int]:
    counts = {k: 0 for k in STATUS_LABELS}
    for r in rows:
        counts[r.status] += 1
    return counts


__all__ = ["ROLE_LABELS", "checklist_docx", "checklist_markdown", "checklist_xlsx", "compare_markdown",
           "compare_xlsx", "heatmap_png", "status_counts"]
