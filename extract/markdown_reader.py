"""Markdown pages converted from legal portals.

The header is a pipe table flattened to lines ("|" alone on a line between
cells), bold markers wrap headings, sentences are broken mid-line, and the
portal's chrome (metadata table, login prompts, copyright) surrounds the text.
"""
from __future__ import annotations

import re
from pathlib import Path

from .base import ReadOptions, register
from .layout import Line, join_lines, list_label, to_block
from .normalize import clean, match_form
from .portal_fields import field_key, read_fields
from .portal_chrome import DOCUMENT_START, DROP_LINES, END_MARKERS, SPLIT_LABEL_WORDS, SUMMARY_END
from .text_reader import decode_bytes
from ..models import Block, BlockKind, Cell, SourceDocument

_CELL_BREAK = re.compile(r"^\s*\|?\s*\|\s*$|^\s*\|\s*$")
_RULE = re.compile(r"^\s*[-_=─]{3,}\s*$")
_EMPHASIS = re.compile(r"\*\*|__|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w)")
_HEADING = re.compile(r"^\s*#{1,6}\s*")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")


def strip_markup(line: str) -> str:
    line = _HEADING.sub("", line)
    return _EMPHASIS.sub("", line).replace("\\*", "*").strip()


def document_span(lines: list[str]) -> tuple[int, int]:
    """Index range of the document proper inside the portal page."""
    keys = [match_form(strip_markup(ln)) for ln in lines]
    start = 0
    found = False
    for i, k in enumerate(keys):
        if DOCUMENT_START in k or k.startswith("cộng hòa xã hội"):
            # back up over the issuer cell: lines since the previous cell break before it, never into
            # an editorial summary (its closing "Xem chi tiết tại …", or a sentence longer than a header line)
            j = i - 1
            while j > 0 and _CELL_BREAK.match(lines[j]):
                j -= 1
            while j > 0 and not _CELL_BREAK.match(lines[j - 1]) and not _ends_summary(keys[j - 1]) \
                    and len(keys[j - 1]) <= 80:
                j -= 1
            start = max(0, j)
            found = True
            break
    if not found:  # no Quốc hiệu: the document starts after the summary, if there is one
        ends = [i for i, k in enumerate(keys) if _ends_summary(k)]
        start = ends[-1] + 1 if ends else 0
    end = len(lines)
    for i in range(start, len(lines)):
        if any(keys[i].startswith(m) for m in END_MARKERS):
            end = i
            break
    return start, end


def _ends_summary(key: str) -> bool:
    return any(key.startswith(m) for m in SUMMARY_END)


def join_split_labels(lines: list[str]) -> list[str]:
    """"**Điều" / "14. Trách nhiệm của Sở …**" → "**Điều 14. Trách nhiệm của Sở …**": a label word
    wrapped away from its number is one label (else "14." reads as an item of the article before)."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if match_form(strip_markup(line)) in SPLIT_LABEL_WORDS and i + 1 < len(lines) \
                and re.match(r"^\s*(?:\*\*)?\s*(?:\d+|[IVXLC]+)\b", lines[i + 1]):
            out.append(f"{line.rstrip()} {lines[i + 1].lstrip()}")
            i += 2
            continue
        if _BARE_LABEL.match(line) and i + 1 < len(lines) and lines[i + 1].strip() \
                and not _CELL_BREAK.match(lines[i + 1]) and not _BARE_LABEL.match(lines[i + 1]):
            out.append(f"{line.rstrip()} {lines[i + 1].lstrip()}")  # "2." / "Các đơn vị …": the item's own label
            i += 2
            continue
        out.append(line)
        i += 1
    return out


# a line that is a list label alone ("2.", "b)", "II.", "(3)"), wrapped away from its item's text
_BARE_LABEL = re.compile(r"^\s*(?:\*\*)?\s*(?:\d{1,2}(?:\.\d{1,2})*[.)]|[a-zđ]\)|[IVXLC]{1,6}\.|\((?:\d{1,2}|[a-zđ]|[ivx]{1,4})\))"
                         r"\s*(?:\*\*)?\s*$")


@register
class MarkdownReader:
    name = "markdown"
    extensions = (".md", ".markdown")

    def read(self, path: Path, options: ReadOptions) -> SourceDocument:
        text, encoding = decode_bytes(path.read_bytes())
        raw = clean(text).replace("\r\n", "\n").split("\n")
        start, end = document_span(raw)
        doc = SourceDocument(path=str(path), format="markdown")
        blocks: list[Block] = []
        lines: list[Line] = []

        body = join_split_labels(raw[start:end])
        blank_separated = sum(1 for ln in body if not ln.strip()) >= 0.15 * max(1, len(body))
        in_emphasis = False

        def flush() -> None:
            for p in join_lines(lines, heuristics=not blank_separated, short_first_lines=True):
                blocks.append(to_block(p.text, paragraph=len(blocks), bold=False))
            lines.clear()

        table_rows: list[list[str]] = []
        cell_tables = find_cell_tables(body)
        skip_to = -1
        for line_no, raw_line in enumerate(body):
            if line_no < skip_to:
                continue
            if line_no in cell_tables:
                flush()
                end, rows = cell_tables[line_no]
                blocks.append(_table_block(rows, len(blocks)))
                skip_to = end
                continue
            if _TABLE_ROW.match(raw_line) and raw_line.count("|") >= 3:
                cells = [strip_markup(c) for c in raw_line.strip().strip("|").split("|")]
                if all(re.fullmatch(r"\s*:?-{2,}:?\s*", c) for c in cells):
                    continue
                flush()
                table_rows.append(cells)
                continue
            if table_rows:
                blocks.append(_table_block(table_rows, len(blocks)))
                table_rows = []
            key = match_form(raw_line)
            if any(d in key for d in DROP_LINES):
                continue
            if _CELL_BREAK.match(raw_line) or _RULE.match(raw_line) or not raw_line.strip():
                if lines:
                    lines[-1].hard_break = True
                in_emphasis = False  # emphasis never spans a paragraph break in Markdown
                continue
            content = strip_markup(raw_line)
            if not content:
                if lines:
                    lines[-1].hard_break = True
                continue
            # A line break inside **…** or *…* is a wrapped line; entering or
            # leaving emphasis starts a new paragraph.
            # a line in emphasis from its start to its end (a bold heading), or opening a span that
            # goes on; "*Đơn vị phối hợp: *Sở Tư" only marks its label and is body text
            stripped = raw_line.strip()
            opens_span = (stripped.count("**") % 2 == 1) or (stripped.replace("**", "").count("*") % 2 == 1)
            starts_marked = stripped.startswith("*") and (stripped.endswith("*") or opens_span)
            if lines and not in_emphasis and starts_marked != lines[-1].bold:
                lines[-1].hard_break = True
            was_in_emphasis = in_emphasis
            in_emphasis = (int(in_emphasis) + raw_line.count("**") + raw_line.replace("**", "").count("*")) % 2 == 1
            line = Line(content, bold=starts_marked or in_emphasis or was_in_emphasis)
            # "**2. Sở Tài\nchính**": a short emphasis span wrapped once is one heading
            line.continues = bool(lines) and was_in_emphasis and not in_emphasis \
                and len(lines[-1].text) + len(content) < 120 and not list_label(content)
            lines.append(line)
        flush()
        if table_rows:
            blocks.append(_table_block(table_rows, len(blocks)))
        doc.blocks = blocks
        doc.metadata.update(encoding=encoding, portal_span=[start, end], total_lines=len(raw))
        fields = read_fields(cell_texts(raw[:start] if start else raw))
        if fields:
            doc.metadata["portal"] = fields
        return doc


def cell_texts(lines: list[str]) -> list[str]:
    """The page's cells in order: lines between "|" separators (or blank lines), markup stripped; a
    portal label ("**Số hiệu:**") is a cell of its own even where no separator sets it apart."""
    cells: list[str] = []
    current: list[str] = []
    for line in lines:
        text = strip_markup(line) if not _CELL_BREAK.match(line) else ""
        if not text or field_key(text):
            if current:
                cells.append(" ".join(current))
                current = []
            if text:
                cells.append(text)
            continue
        current.append(text)
    if current:
        cells.append(" ".join(current))
    return cells


def _is_sep(line: str) -> bool:
    return bool(_CELL_BREAK.match(line))


def find_cell_tables(lines: list[str], *, min_cols: int = 3) -> dict[int, tuple[int, list[list[str]]]]:
    """Tables the portals flatten to one cell per line: cells end at a "|" line and a row ends at
    two "|" lines in a row. A table starts at a row of ≥ ``min_cols`` short cells (the header) and
    runs while rows keep no more cells than the header and are not a lone long paragraph.
    Returns {first line: (line after the table, rows)}; the issuer | Quốc hiệu header (2 cells) is left alone."""
    # (first line, line after, cells, closed by "|" "|", first line of each cell)
    rows: list[tuple[int, int, list[str], bool, list[int]]] = []
    cell: list[str] = []
    row: list[str] = []
    starts: list[int] = []
    row_start = cell_start = None
    for i, line in enumerate(lines):
        if _is_sep(line):
            if cell:
                row.append("\n".join(cell))  # a cell keeps its lines: "Sở A\nSở B" lists two agencies
                starts.append(cell_start)
                cell = []
            elif row:  # a second separator: the row ends
                rows.append((row_start, i + 1, row, True, starts))
                row, starts, row_start = [], [], None
            continue
        if not line.strip():
            if cell:  # a blank line after text ends the row: a paragraph is not a cell of a table
                rows.append((row_start, i, row + ["\n".join(cell)], False, starts + [cell_start]))
                cell, row, starts, row_start = [], [], [], None
            continue
        if row_start is None:
            row_start = i
        if not cell:
            cell_start = i
        cell.append(strip_markup(line))
    tables: dict[int, tuple[int, list[list[str]]]] = {}
    k = 0
    while k < len(rows):
        start, _, header, _, cell_starts = rows[k]
        header = [" ".join(c.split()) for c in header]
        # the header is the last run of short cells of its row: text before it ("(Kèm theo Kế hoạch …)", or a
        # whole page when the portal put no blank line) ran into that row
        cut = len(header)
        while cut > 0 and 0 < len(header[cut - 1]) <= 80:
            cut -= 1
        if 0 < cut <= len(header) - min_cols and len(cell_starts) == len(header):
            header, cell_starts = header[cut:], cell_starts[cut:]
            start = cell_starts[0] - 1 if cell_starts[0] > 0 and _is_sep(lines[cell_starts[0] - 1]) else cell_starts[0]
        if len(header) >= min_cols and all(0 < len(c) <= 80 for c in header):
            width = len(header)
            out = [header]
            end = rows[k][1]
            j = k + 1
            while j < len(rows) and rows[j][0] <= end + 2:  # contiguous rows only
                cells = rows[j][2]
                if not rows[j][3] or len(cells) > width or (len(cells) == 1 and len(cells[0]) > 300):
                    break
                if len(cells) == width - 1 and re.fullmatch(r"(?i)s?tt", header[0]) and not re.fullmatch(r"\d+\.?", cells[0]):
                    cells = [""] + cells  # a row continuing the numbered one above (merged TT cell)
                out.append(cells)
                end = rows[j][1]
                j += 1
            if len(out) >= 2 and any(len(r) >= min_cols for r in out[1:]):
                tables[start] = (end, out)
                k = j
                continue
        k += 1
    return tables


def _table_block(rows: list[list[str]], index: int) -> Block:
    cells = [[Cell(text=t, row=r, col=c) for c, t in enumerate(row)] for r, row in enumerate(rows)]
    text = "\n".join("\t".join(" ".join(t.split()) for t in row) for row in rows)
    return Block(kind=BlockKind.table, text=text, rows=cells, paragraph=index)
