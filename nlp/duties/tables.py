"""Assignment tables (nội dung | cơ quan chủ trì | cơ quan phối hợp | thời gian): one duty per data row."""
from __future__ import annotations

import re

from ...models import Block
from ...models.text import fold_words
from ..agencies import find_agencies
from ..deadlines import find_deadline, parse_time_cell
from ..vocab import agency_vocab
from .common import ADDRESS, NAME_WORD, SUPPORT_CUE, RawTask, clean_task_text, find_supports, names_of

_COL_TASK = re.compile(r"nội dung|nhiệm vụ|tên nhiệm vụ|công việc|hoạt động|giải pháp", re.I)
_COL_LEAD = re.compile(r"chủ trì|thực hiện|đơn vị thực hiện|cơ quan thực hiện|thường trực|phụ trách|người thực hiện", re.I)
_COL_SUPPORT = re.compile(r"phối hợp", re.I)
_COL_TIME = re.compile(r"thời gian|thời hạn|tiến độ|hoàn thành", re.I)
_PERSON = re.compile(rf"^(?:{ADDRESS}\s+)?(?:{NAME_WORD}\s*){{2,}}$")
_AGENCY_COLUMNS = {"lead", "support"}

Header = tuple[int, dict[str, int]]  # the header's row index (-1: a table going on without it), column by role


def team_of(context: str) -> str | None:
    """The team a table of individuals belongs to, from the title above it
    ("PHÂN CÔNG NHIỆM VỤ CỦA TỔ CÔNG TÁC …" → "Tổ công tác")."""
    folded = f" {' '.join(fold_words(context))} "  # also as OCR spells it: "ĐOÀN KIÊM TRA"
    hits = [(folded.find(f" {' '.join(fold_words(t))} "), t) for t in agency_vocab()["teams"]]
    hits = [(pos, t) for pos, t in hits if pos >= 0]
    return min(hits)[1] if hits else None


def table_header(rows: list) -> Header | None:
    """(row index of the header, column of task / lead / support / time) of an assignment table."""
    for r, row in enumerate(rows[:4]):
        texts = [c.text for c in row]
        found: dict[str, int] = {}
        for c, t in enumerate(texts):
            if _COL_TASK.match(t.strip()) and "task" not in found:  # "Nhiệm vụ thực hiện" is the duty column
                found["task"] = c
            elif _COL_SUPPORT.search(t) and "support" not in found:
                found["support"] = c
            elif _COL_LEAD.search(t) and "lead" not in found:
                found["lead"] = c
            elif _COL_TIME.search(t) and "time" not in found:
                found["time"] = c
            elif _COL_TASK.search(t) and "task" not in found:
                found["task"] = c
        if "lead" in found and "task" in found:
            return r, found
    return None


def table_width(rows: list) -> int:
    return max((len(r) for r in rows), default=0)


def table_tasks(block: Block, bi: int, context: str = "", header: Header | None = None) -> list[RawTask]:
    """Assignment tables: one duty per data row. A duty given to named people belongs to the
    team the table is about (individuals are not agencies). ``header`` overrides the table's own
    (a table going on without its header row)."""
    rows = block.rows or []
    header = header or table_header(rows)
    if header is None:
        return []
    header_idx, cols = header
    out: list[RawTask] = []
    for row_index, row in enumerate(rows[header_idx + 1:], start=header_idx + 1):
        task = _row_task([c.text for c in row], cols, context, bi, row_index)
        if task is not None:
            out.append(task)
    return out


def _row_task(cells: list[str], cols: dict[str, int], context: str, bi: int, row_index: int) -> RawTask | None:
    """A data row's duty: its task cell owned by the agencies of its lead cell."""
    text = clean_task_text(_cell(cells, cols, "task"))
    lead_text = _cell(cells, cols, "lead")
    if not text or not lead_text or text == lead_text:
        return None
    leads, extra_supports = _row_owners(lead_text, context)
    if not leads:
        return None  # a cell naming no agency (a misaligned column, a topic) owns nothing
    supports = names_of(find_agencies(_cell(cells, cols, "support"))) + [n for n in extra_supports if n not in leads]
    deadline = parse_time_cell(_cell(cells, cols, "time")) if "time" in cols else find_deadline(text)
    return RawTask(text=text, leads=leads, supports=supports, deadline=deadline, block=bi, source="table",
                   row=row_index, cue="table")


def _row_owners(lead_text: str, context: str) -> tuple[list[str], list[str]]:
    """The leads of a lead cell, and the supporters it names after "phối hợp" ("Công an Thành phố chủ trì phối hợp
    với Bộ Tư lệnh …" in one cell); people named in it stand for the team the table is about."""
    cue = SUPPORT_CUE.search(lead_text)
    extra_supports = find_supports(lead_text[cue.start():]) if cue else []
    leads = names_of(find_agencies(lead_text[:cue.start()] if cue else lead_text, allow_generic=True))
    people = [x.strip() for x in lead_text.split(";") if x.strip()]
    if not leads and people and all(_PERSON.match(x) for x in people) and (team := team_of(context)):
        leads = [team]
    return leads, extra_supports


def _cell(cells: list[str], cols: dict[str, int], key: str) -> str:
    """The cell's text; a cell's lines are joined, except in agency columns where each line
    may name another agency ("Các sở, ngành\nSở Khoa học và Công nghệ")."""
    i = cols.get(key)
    text = cells[i].strip() if i is not None and i < len(cells) else ""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    if key not in _AGENCY_COLUMNS or not lines:
        return " ".join(lines)
    out = lines[0]
    for ln in lines[1:]:  # a new line opening in capitals after a complete name is another agency
        wrapped = ln[:1].islower() or re.search(r"(?:\bvà|\bcác|[,-])\s*$", out)
        out += (" " if wrapped else "; ") + ln
    return out
