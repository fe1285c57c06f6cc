"""The sheets the provincial task-tracking systems take: the Biểu 01 self-evaluation per agency
(XLSX and a landscape DOCX), an import sheet of every duty of a batch, and a weekly or quarterly
report per agency (DOCX) with counts by status and the duties behind each count.

Every export carries the deadline twice: as the document writes it ("Quý II/2026") and as a date
(30/06/2026). Columns are data (the tables below), so the sheets, the DOCX and docs/exports.md
name the same things."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .calendar import duty_uid
from .labels import date_vi
from .queries import DONE_STATUSES, ROLE_LABELS, STATUS_LABELS, ChecklistRow, checklist
from ..models import Duty

Parties = dict[tuple[str, int], tuple[list[str], list[str]]]  # (plan, task) → (leads, supporters)

# Biểu 01: which result column a status ticks ("x"); a duty done without a deadline ticks none
BIEU01_RESULT = {"done_early": "ht_early", "done_on_time": "ht_on_time", "done_late": "ht_late",
                 "overdue": "open_late", "due_soon": "open_in_time", "open": "open_in_time", "no_deadline": "open_in_time"}
# (key, header, group header or None, XLSX width in characters, DOCX width in cm): 27.6 cm, A4 landscape with 1 cm margins
BIEU01_COLUMNS: list[tuple[str, str, str | None, float, float]] = [
    ("stt", "STT", None, 5, 0.9),
    ("task", "Nhiệm vụ", None, 60, 6.4),
    ("source", "Văn bản giao", None, 18, 2.4),
    ("lead", "Cơ quan chủ trì", None, 22, 2.4),
    ("support", "Cơ quan phối hợp", None, 22, 2.4),
    ("deadline_text", "Thời hạn (theo văn bản)", None, 18, 1.9),
    ("deadline", "Thời hạn (ngày)", None, 12, 2.1),
    ("done_on", "Ngày hoàn thành", None, 12, 2.1),
    ("ht_early", "Trước hạn", "Đã hoàn thành", 8, 1.1),
    ("ht_on_time", "Đúng hạn", "Đã hoàn thành", 8, 1.1),
    ("ht_late", "Quá hạn", "Đã hoàn thành", 8, 1.1),
    ("open_in_time", "Trong hạn", "Chưa hoàn thành", 8, 1.1),
    ("open_late", "Quá hạn", "Chưa hoàn thành", 8, 1.1),
    ("note", "Ghi chú", None, 24, 1.4),
]

# the import sheet: (header, what it holds) — docs/exports.md lists the same
IMPORT_COLUMNS: list[tuple[str, str]] = [
    ("Mã nhiệm vụ", "mã ổn định của (văn bản, nhiệm vụ, cơ quan, vai trò); nạp lại thì cập nhật, không nhân đôi"),
    ("Số ký hiệu văn bản", "số ký hiệu của văn bản giao nhiệm vụ"),
    ("Ngày văn bản", "ngày ban hành, dd/mm/yyyy"),
    ("Trích yếu", "trích yếu của văn bản"),
    ("Địa bàn", "địa bàn của văn bản (tỉnh, xã, Trung ương)"),
    ("Mục", "mục, khoản của văn bản chứa nhiệm vụ"),
    ("Trang", "trang trong tệp gốc"),
    ("Nội dung nhiệm vụ", "nhiệm vụ như văn bản viết"),
    ("Cơ quan", "cơ quan của dòng này, như văn bản ghi"),
    ("Mã cơ quan", "mã cơ quan thống nhất giữa các văn bản (ghép chức năng, cấp và địa bàn)"),
    ("Vai trò", "Chủ trì / Phối hợp / Được đề nghị"),
    ("Cơ quan chủ trì", "mọi cơ quan chủ trì nhiệm vụ, cách nhau bằng dấu chấm phẩy"),
    ("Cơ quan phối hợp", "mọi cơ quan phối hợp, cách nhau bằng dấu chấm phẩy"),
    ("Thời hạn (theo văn bản)", "thời hạn nguyên văn: “Quý II/2026”, “trước ngày 30/6/2026”"),
    ("Thời hạn (ngày)", "thời hạn thành ngày (ô kiểu ngày, hiển thị dd/mm/yyyy); quý, tháng, năm lấy ngày cuối"),
    ("Định kỳ", "“Có” khi nhiệm vụ lặp lại (hằng năm, định kỳ, thường xuyên)"),
    ("Tình trạng", "tình trạng tính đến ngày xuất"),
    ("Ngày hoàn thành", "ngày hoàn thành đã ghi nhận"),
    ("Số báo cáo", "số ký hiệu báo cáo kết quả đã ghi nhận"),
    ("Ghi chú", "ghi chú đã ghi nhận"),
]

PERIODS = ("week", "quarter")


@dataclass(frozen=True)
class Period:
    kind: str  # week | quarter
    start: dt.date
    end: dt.date

    @property
    def label(self) -> str:
        if self.kind == "week":
            return f"tuần {self.start.isocalendar()[1]} năm {self.start.isocalendar()[0]} " \
                   f"(từ {date_vi(self.start)} đến {date_vi(self.end)})"
        return f"quý {(self.start.month - 1) // 3 + 1} năm {self.start.year} (từ {date_vi(self.start)} đến {date_vi(self.end)})"


def period_of(kind: str, day: dt.date) -> Period:
    """The week (Monday–Sunday) or the quarter holding ``day``."""
    if kind == "week":
        start = day - dt.timedelta(days=day.weekday())
        return Period(kind, start, start + dt.timedelta(days=6))
    if kind == "quarter":
        first = dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
        nxt = dt.date(first.year + (first.month == 10), (first.month + 3 - 1) % 12 + 1, 1)
        return Period(kind, first, nxt - dt.timedelta(days=1))
    raise ValueError(f"period is week or quarter, not {kind!r}")


def task_parties(duties: Iterable[Duty]) -> Parties:
    """Who leads and who supports each task, from every duty row of the corpus."""
    out: dict[tuple[str, int], tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    for d in duties:
        leads, supports = out[(d.plan_id, d.task_index)]
        bucket = supports if d.role == "support" else leads
        if d.agency_name not in bucket:
            bucket.append(d.agency_name)
    return dict(out)


def _parties(d: Duty, parties: Parties | None) -> tuple[str, str]:
    leads, supports = (parties or {}).get((d.plan_id, d.task_index), ([], []))
    if not leads and not supports:
        leads, supports = ([], [d.agency_name]) if d.role == "support" else ([d.agency_name], [])
    return "; ".join(leads), "; ".join(supports)


def _source(d: Duty) -> str:
    return " ".join(x for x in (d.plan_number or d.plan_id, f"ngày {date_vi(d.plan_date)}" if d.plan_date else "") if x)


def _note(d: Duty) -> str:
    p = d.progress
    if p is None:
        return ""
    parts = [f"Báo cáo {p.report_number}" + (f" ngày {date_vi(p.report_date)}" if p.report_date else "")
             if p.report_number else "", p.note or ""]
    return "; ".join(x for x in parts if x)


def _done_on(r: ChecklistRow) -> dt.date | None:
    p = r.duty.progress
    if r.status not in DONE_STATUSES or p is None:
        return None
    return p.changed_on or (p.at.date() if p.at else None)


def bieu01_values(i: int, r: ChecklistRow, parties: Parties | None) -> dict[str, object]:
    d = r.duty
    lead, support = _parties(d, parties)
    values: dict[str, object] = {"stt": i, "task": d.text, "source": _source(d), "lead": lead, "support": support,
                                 "deadline_text": d.deadline_text or "",
                                 "deadline": dt.date.fromisoformat(d.deadline) if d.deadline else None,
                                 "done_on": _done_on(r), "note": _note(d)}
    ticked = BIEU01_RESULT.get(r.status)
    for key, *_ in BIEU01_COLUMNS[8:13]:
        values[key] = "x" if key == ticked else ""
    return values


# --- XLSX -----------------------------------------------------------------------------------

def _safe(cell, value) -> None:
    from .reports import _safe_cell

    _safe_cell(cell, value)


def _two_row_header(ws, columns: Sequence[tuple[str, str, str | None, float, float]], top: int) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin")
    for c, (_, header, group, width, _) in enumerate(columns, 1):
        ws.cell(top, c, group or header)
        ws.cell(top + 1, c, header if group else None)
        ws.column_dimensions[get_column_letter(c)].width = width
    c = 1
    while c <= len(columns):
        group = columns[c - 1][2]
        span = 1
        while group and c + span <= len(columns) and columns[c + span - 1][2] == group:
            span += 1
        if group:
            ws.merge_cells(start_row=top, start_column=c, end_row=top, end_column=c + span - 1)
        else:
            ws.merge_cells(start_row=top, start_column=c, end_row=top + 1, end_column=c)
        c += span
    for row in ws.iter_rows(min_row=top, max_row=top + 1, max_col=len(columns)):
        for cell in row:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDEBF7")
            cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)


def bieu01_xlsx(agency: str, rows: Sequence[ChecklistRow], as_of: dt.date, path: Path,
                parties: Parties | None = None) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "Biểu 01"
    ws.append(["Biểu 01. TỰ ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NHIỆM VỤ ĐƯỢC GIAO"])
    ws.append([f"Cơ quan: {agency} — tính đến ngày {date_vi(as_of)}"])
    ws["A1"].font = Font(bold=True, size=13)
    _two_row_header(ws, BIEU01_COLUMNS, 3)
    for i, r in enumerate(rows, 1):
        values = bieu01_values(i, r, parties)
        ws.append([None] * len(BIEU01_COLUMNS))
        for cell, (key, *_rest) in zip(ws[ws.max_row], BIEU01_COLUMNS):
            _safe(cell, values[key])
            cell.alignment = Alignment(wrap_text=True, vertical="top",
                                       horizontal="center" if key in BIEU01_RESULT.values() or key == "stt" else None)
            if isinstance(values[key], dt.date):
                cell.number_format = "DD/MM/YYYY"
    total = ws.max_row + 1
    ws.cell(total, 2, "Tổng cộng").font = Font(bold=True)
    for c, (key, *_rest) in enumerate(BIEU01_COLUMNS, 1):
        if key in BIEU01_RESULT.values():
            ws.cell(total, c, sum(BIEU01_RESULT.get(r.status) == key for r in rows)).font = Font(bold=True)
    ws.freeze_panes = "C5"
    ws.auto_filter.ref = f"A4:{get_column_letter(len(BIEU01_COLUMNS))}{max(4, total - 1)}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.print_title_rows = "3:4"
    wb.save(path)


def import_rows(duties: Sequence[Duty], as_of: dt.date) -> list[list[object]]:
    parties = task_parties(duties)
    out = []
    for r in checklist(duties, as_of):
        d = r.duty
        lead, support = _parties(d, parties)
        p = d.progress
        out.append([duty_uid(d).split("@")[0], d.plan_number or "", _as_date(d.plan_date), d.plan_title or "",
                    d.jurisdiction or "", d.section or "", d.page, d.text, d.agency_name, d.agency.key,
                    ROLE_LABELS[d.role], lead, support, d.deadline_text or "", _as_date(d.deadline),
                    "Có" if d.recurring else "", STATUS_LABELS[r.status], _done_on(r),
                    (p.report_number or "") if p else "", (p.note or "") if p else ""])
    return out


def _as_date(iso: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(iso) if iso else None
    except ValueError:
        return None


def import_xlsx(duties: Sequence[Duty], as_of: dt.date, path: Path) -> int:
    """Every duty of the corpus, one row each, for a task-tracking system's import; returns the rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Nhiệm vụ"
    ws.append([h for h, _ in IMPORT_COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    rows = import_rows(duties, as_of)
    for values in rows:
        ws.append([None] * len(values))
        for cell, v in zip(ws[ws.max_row], values):
            _safe(cell, v)
            if isinstance(v, dt.date):
                cell.number_format = "DD/MM/YYYY"
    for c, width in enumerate((34, 18, 12, 40, 22, 16, 6, 70, 30, 30, 12, 30, 30, 22, 12, 8, 22, 12, 18, 30), 1):
        ws.column_dimensions[ws.cell(1, c).column_letter].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{ws.cell(1, len(IMPORT_COLUMNS)).column_letter}{max(1, ws.max_row)}"
    doc = wb.create_sheet("Cột")
    doc.append(["Cột", "Nội dung"])
    for header, meaning in IMPORT_COLUMNS:
        doc.append([header, meaning])
    doc.column_dimensions["A"].width, doc.column_dimensions["B"].width = 26, 100
    wb.save(path)
    return len(rows)


# --- DOCX -----------------------------------------------------------------------------------

def _landscape_document(margin_cm: float = 1.5):
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Cm, Mm, Pt

    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Cm(margin_cm)
    section.top_margin = section.bottom_margin = Cm(1.5)
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
    style.paragraph_format.space_after = Pt(0)
    return doc


def _heading(doc, lines: Sequence[str], bold: bool = True, italic: bool = False) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    for line in lines:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(line)
        run.bold, run.italic = bold, italic


def fixed_table(doc, widths_cm: Sequence[float], header_rows: int = 1):
    """A bordered table whose widths live on its grid (w:tblGrid) and a fixed layout, as well as on
    each cell: LibreOffice sizes columns by the grid and ignores the cells' widths alone."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    table = doc.add_table(rows=header_rows, cols=len(widths_cm))
    table.style = "Table Grid"
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    total = OxmlElement("w:tblW")
    total.set(qn("w:w"), str(int(sum(widths_cm) * 567)))
    total.set(qn("w:type"), "dxa")
    for old in tbl_pr.findall(qn("w:tblW")):
        tbl_pr.remove(old)
    tbl_pr.append(total)
    margins = OxmlElement("w:tblCellMar")  # narrow cell padding: the columns are narrow
    for side in ("left", "right"):
        pad = OxmlElement(f"w:{side}")
        pad.set(qn("w:w"), "57")
        pad.set(qn("w:type"), "dxa")
        margins.append(pad)
    tbl_pr.append(margins)
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths_cm):
        col.set(qn("w:w"), str(int(width * 567)))  # twentieths of a point: 1 cm = 567
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm):
            cell.width = Cm(width)
    table.widths_cm = list(widths_cm)
    return table


def add_row(table, values: Sequence[str], *, bold: bool = False, size: float = 11, center: Sequence[int] = ()):
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    cells = table.add_row().cells
    for k, (cell, value) in enumerate(zip(cells, values)):
        cell.width = Cm(table.widths_cm[k])
        run = cell.paragraphs[0].add_run(value)
        run.bold, run.font.size = bold, Pt(size)
        if k in center:
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    return cells


def _repeat_header(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    mark = OxmlElement("w:tblHeader")
    mark.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(mark)


def _bieu01_header(table) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    top, sub = table.rows[0].cells, table.rows[1].cells
    for k, (_, header, group, *_w) in enumerate(BIEU01_COLUMNS):
        for cell, text in ((top[k], group or header), (sub[k], header if group else "")):
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            if text and not cell.text:
                run = cell.paragraphs[0].add_run(text)
                run.bold, run.font.size = True, Pt(9.5)
    k = 0
    while k < len(BIEU01_COLUMNS):
        group = BIEU01_COLUMNS[k][2]
        span = 1
        while group and k + span < len(BIEU01_COLUMNS) and BIEU01_COLUMNS[k + span][2] == group:
            span += 1
        if group:
            top[k].merge(top[k + span - 1])
            for extra in top[k].paragraphs[1:]:
                extra._p.getparent().remove(extra._p)
        else:
            top[k].merge(sub[k])
            for extra in top[k].paragraphs[1:]:
                extra._p.getparent().remove(extra._p)
        k += span
    for row in table.rows[:2]:
        _repeat_header(row)


def bieu01_docx(agency: str, rows: Sequence[ChecklistRow], as_of: dt.date, path: Path,
                parties: Parties | None = None) -> None:
    """Biểu 01 on A4 landscape, Times New Roman, the widths of BIEU01_COLUMNS on the table grid."""
    doc = _landscape_document(1.0)
    _heading(doc, ["Biểu 01", "TỰ ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NHIỆM VỤ ĐƯỢC GIAO"])
    _heading(doc, [f"Cơ quan: {agency} — tính đến ngày {date_vi(as_of)}", ""], bold=False, italic=True)
    table = fixed_table(doc, [c[4] for c in BIEU01_COLUMNS], header_rows=2)
    _bieu01_header(table)
    center = [k for k, c in enumerate(BIEU01_COLUMNS) if c[0] in BIEU01_RESULT.values() or c[0] in {"stt", "deadline", "done_on"}]
    for i, r in enumerate(rows, 1):
        values = bieu01_values(i, r, parties)
        add_row(table, [_text(values[c[0]]) for c in BIEU01_COLUMNS], size=10, center=center)
    totals = ["", "Tổng cộng"] + [""] * 6 + [str(sum(BIEU01_RESULT.get(r.status) == c[0] for r in rows))
                                             for c in BIEU01_COLUMNS[8:13]] + [""]
    add_row(table, totals, bold=True, size=10, center=center)
    doc.save(path)


def _text(value: object) -> str:
    if isinstance(value, dt.date):
        return date_vi(value)
    return "" if value is None else str(value)


# --- weekly / quarterly report ----------------------------------------------------------------

# the report's counts: (label, does a row belong to it) — the rows of each count are listed after
REPORT_COUNTS: list[tuple[str, Callable[[ChecklistRow, Period], bool]]] = [
    ("Hoàn thành trong kỳ", lambda r, p: r.status in DONE_STATUSES and _in(_done_on(r), p)),
    ("Đến hạn trong kỳ", lambda r, p: _in(_as_date(r.duty.deadline), p)),
    ("Quá hạn chưa hoàn thành", lambda r, p: r.status == "overdue"),
]


def _in(day: dt.date | None, p: Period) -> bool:
    return day is not None and p.start <= day <= p.end


def report_docx(agency: str, duties: Sequence[Duty], period: Period, path: Path,
                parties: Parties | None = None) -> dict[str, int]:
    """The agency's report for a week or a quarter, as of the period's last day: counts by status
    (they add up to the duties listed), the period's counts, and the list behind every count."""
    rows = checklist(duties, period.end)
    doc = _landscape_document(2.0)
    _heading(doc, ["BÁO CÁO", f"Tình hình thực hiện nhiệm vụ được giao {period.label}"])
    _heading(doc, [f"Cơ quan: {agency} — tính đến ngày {date_vi(period.end)}", ""], bold=False, italic=True)
    counts = {s: sum(r.status == s for r in rows) for s in STATUS_LABELS}
    doc.add_paragraph().add_run(f"I. Tổng hợp theo tình trạng ({len(rows)} nhiệm vụ)").bold = True
    table = fixed_table(doc, [14.0, 3.0], header_rows=0)
    add_row(table, ["Tình trạng", "Số nhiệm vụ"], bold=True)
    for s, label in STATUS_LABELS.items():
        if counts[s]:
            add_row(table, [label, str(counts[s])], center=[1])
    add_row(table, ["Tổng cộng", str(len(rows))], bold=True, center=[1])
    doc.add_paragraph()
    doc.add_paragraph().add_run("II. Trong kỳ").bold = True
    period_counts: dict[str, int] = {}
    for label, belongs in REPORT_COUNTS:
        period_counts[label] = sum(belongs(r, period) for r in rows)
        doc.add_paragraph(f"- {label}: {period_counts[label]} nhiệm vụ")
    doc.add_paragraph()
    doc.add_paragraph().add_run("III. Danh sách nhiệm vụ theo tình trạng").bold = True
    for s, label in STATUS_LABELS.items():
        chosen = [r for r in rows if r.status == s]
        if chosen:
            _report_list(doc, f"{label} ({len(chosen)})", chosen, parties)
    doc.save(path)
    return {STATUS_LABELS[s]: n for s, n in counts.items() if n} | period_counts


def _report_list(doc, title: str, rows: Sequence[ChecklistRow], parties: Parties | None) -> None:
    doc.add_paragraph().add_run(title).italic = True
    table = fixed_table(doc, [0.9, 10.5, 3.0, 3.4, 2.2, 2.2, 3.5], header_rows=0)
    add_row(table, ["STT", "Nhiệm vụ", "Văn bản giao", "Vai trò", "Thời hạn (theo văn bản)", "Thời hạn (ngày)",
                    "Ghi chú"], bold=True, size=10.5)
    _repeat_header(table.rows[0])
    for i, r in enumerate(rows, 1):
        d = r.duty
        add_row(table, [str(i), d.text, _source(d), ROLE_LABELS[d.role], d.deadline_text or "", date_vi(d.deadline),
                        _note(d) or (f"Hoàn thành {date_vi(_done_on(r))}" if _done_on(r) else "")], size=10.5, center=[0])
    doc.add_paragraph()
