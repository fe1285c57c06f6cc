"""An HTML tree → the page's flow: paragraphs (their lines and Word's list label) and tables (rows of
cells, each cell its paragraphs), in reading order.

Only text nodes are read: scripts, styles, event handlers and attributes never reach the text. Word's
"Save as Web Page" draws automatic numbering as text inside ``<![if !supportLists]> … <![endif]>`` (and a
``mso-list:Ignore`` span): that text is the item's label. A table that lays a page out (one that holds
another table, or a single cell around everything) is read as flow, not as a table.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from .portal_chrome import HTML_NEVER_TEXT

BLOCK_TAGS = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre",
    "section", "article", "main", "header", "footer", "nav", "aside", "address", "center", "figure",
    "figcaption", "form", "fieldset", "legend", "hr", "body", "html", "caption", "tr", "td", "th", "details",
    "summary", "menu", "dir", "listing", "plaintext", "xmp", "noframes",
})
_NEVER_TEXT = frozenset(HTML_NEVER_TEXT)
_SPACE = re.compile(r"[ \t\n\r\f]+")  # HTML's white space; a no-break space is text (a Word label's gap)
MAX_SPAN = 1000  # rowspan / colspan past this is hostile, not a document's table
_LAYOUT_PARAGRAPHS = 40  # a cell with more paragraphs than this holds a page, not a table's entry


@dataclass
class Para:
    lines: list[str] = field(default_factory=lambda: [""])  # the text between <br>s, white space folded
    label: str = ""  # Word's list label, drawn as text inside the supportLists comments

    @property
    def empty(self) -> bool:
        return not any(ln.strip() for ln in self.lines) and not self.label.strip()


@dataclass
class TableCell:
    paragraphs: list[Para]
    row_span: int = 1
    col_span: int = 1


@dataclass
class Table:
    rows: list[list[TableCell]]


Item = Para | Table


def _span(value: str | None) -> int:
    try:
        return max(1, min(MAX_SPAN, int(str(value).strip() or 1)))
    except ValueError:
        return 1


def _style(el: etree._Element) -> str:
    return (el.get("style") or "").replace(" ", "").lower()


def hidden(el: etree._Element) -> bool:
    """Not shown to a reader: display:none, visibility:hidden, the hidden attribute."""
    style = _style(el)
    return "display:none" in style or "visibility:hidden" in style or el.get("hidden") is not None


class Flow:
    """Walks a tree once, collecting its items. ``drop`` says which elements are page furniture."""

    def __init__(self, drop: Callable[[etree._Element], bool], *, word: bool) -> None:
        self.drop = drop
        self.word = word
        self.items: list[Item] = []
        self.para = Para()
        self.in_label = False

    def read(self, el: etree._Element) -> list[Item]:
        self._walk(el)
        self._flush()
        return self.items

    def _flush(self) -> None:
        if not self.para.empty:
            self.items.append(self.para)
        self.para = Para()
        self.in_label = False

    def _text(self, text: str | None) -> None:
        if not text:
            return
        text = _SPACE.sub(" ", text)
        if self.in_label:
            self.para.label += text
        else:
            self.para.lines[-1] += text

    def _walk(self, el: etree._Element) -> None:
        if isinstance(el, etree._Comment):
            self._comment(el.text or "")
        elif isinstance(el, etree._Element) and isinstance(el.tag, str):
            self._element(el)
        self._text(el.tail)

    def _comment(self, text: str) -> None:
        """Word's conditional comments: ``[if !supportLists]`` opens the label, ``[endif]`` closes it."""
        key = text.strip().lower()
        if key.startswith("[if !supportlists]"):
            self.in_label = True
        elif key.startswith("[endif]"):
            self.in_label = False

    def _element(self, el: etree._Element) -> None:
        tag = el.tag.lower()
        if tag in _NEVER_TEXT or hidden(el) or self.drop(el):
            return
        if tag == "br":
            if not self.in_label and el.get("clear") is None:  # <br clear> only clears floats
                self.para.lines.append("")
            return
        if tag == "table" and not is_layout_table(el, word=self.word):
            self._flush()
            self.items.append(self._table(el))
            return
        block = tag in BLOCK_TAGS or tag == "table"
        if block:
            self._flush()
        was_label = self.in_label
        if "mso-list:ignore" in _style(el):
            self.in_label = True
        if tag == "pre":
            for line in (el.text or "").split("\n"):
                self._text(line)
                self.para.lines.append("")
        else:
            self._text(el.text)
        for child in el:
            self._walk(child)
        if "mso-list:ignore" in _style(el):
            self.in_label = was_label
        if block:
            self._flush()

    def _table(self, table: etree._Element) -> Table:
        rows: list[list[TableCell]] = []
        pending: dict[int, list[int]] = {}  # grid column → [rows still spanned, its col_span]
        for tr in table_rows(table):
            row: list[TableCell] = []
            col = 0
            for td in (c for c in tr if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")):
                if hidden(td):
                    continue
                col = _fill_spanned(row, pending, col)
                cell = TableCell(self._cell(td), row_span=_span(td.get("rowspan")), col_span=_span(td.get("colspan")))
                if cell.row_span > 1:
                    pending[col] = [cell.row_span - 1, cell.col_span]
                row.append(cell)
                col += cell.col_span
            _fill_spanned(row, pending, col, to_end=True)
            rows.append(row)
        return Table(rows)

    def _cell(self, td: etree._Element) -> list[Para]:
        inner = Flow(self.drop, word=self.word)
        inner._text(td.text)
        for child in td:
            inner._walk(child)
        inner._flush()
        out: list[Para] = []
        for item in inner.items:  # a table inside a cell is read as the cell's paragraphs
            out.extend([item] if isinstance(item, Para) else [p for r in item.rows for c in r for p in c.paragraphs])
        return out


def _fill_spanned(row: list[TableCell], pending: dict[int, list[int]], col: int, *, to_end: bool = False) -> int:
    """Put an empty cell where a cell of a row above spans down (as a DOCX's merged cell reads), from
    ``col`` on: up to the next free column, or every one left when ``to_end``."""
    while True:
        spans = [c for c in sorted(pending) if c >= col and pending[c][0] > 0]
        if not spans or (not to_end and spans[0] != col):
            return col
        at = spans[0]
        left, width = pending[at]
        row.append(TableCell([], col_span=width))
        pending[at] = [left - 1, width]
        if left - 1 == 0:
            del pending[at]
        col = at + width


def table_rows(table: etree._Element) -> list[etree._Element]:
    """The table's own rows (those of thead, tbody and tfoot too), never a nested table's."""
    out: list[etree._Element] = []
    for child in table:
        if not isinstance(child.tag, str):
            continue
        tag = child.tag.lower()
        if tag == "tr":
            out.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            out.extend(r for r in child if isinstance(r.tag, str) and r.tag.lower() == "tr")
    return out


def is_layout_table(table: etree._Element, *, word: bool) -> bool:
    """A table that lays out a page rather than tabulating: it holds another table, it is one cell
    around everything (not in a Word export, where a one-cell table is a framed box), or a cell of it
    holds a page's worth of paragraphs."""
    rows = table_rows(table)
    cells = [c for r in rows for c in r if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")]
    if next(table.iterdescendants("table"), None) is not None:
        return True
    if len(cells) == 1 and not word:
        return True
    return any(sum(1 for _ in c.iterdescendants("p")) > _LAYOUT_PARAGRAPHS for c in cells)
