"""DOCX: body order with tables in place, Word's automatic numbering rendered.

python-docx does not expose the labels that Word draws for automatic
numbering ("I.", "1.1.", "a)", "-"); they are computed here from
numbering.xml, per numbering instance and level, with restarts. Headers,
footers, comments and deleted (tracked) text are left out.
"""
from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from .base import ReadError, ReadOptions, register
from .layout import bullet_label, join_broken_paragraphs, to_block
from .normalize import clean, is_legacy_font, repair_legacy_blocks
from ..models import Block, BlockKind, Cell, SourceDocument

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


_PROLOG = 4096  # an XML part's DOCTYPE stands before its root element, in the first bytes


def check_zip(path: Path, options: ReadOptions) -> None:
    """Refuse archives that are not zips, that would inflate beyond the limits, or whose XML
    declares entities (Word never writes a DTD; entity expansion is the "billion laughs" bomb)."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            total = sum(i.file_size for i in infos)
            packed = sum(i.compress_size for i in infos) or 1
            names = {i.filename for i in infos}
            if total > options.max_unzipped_bytes or total / packed > options.max_zip_ratio:
                raise ReadError("zip_bomb", f"{path.name}: unpacks to {total} bytes "
                                f"({total / packed:.0f}× its size); refused as a possible zip bomb")
            if "word/document.xml" not in names:
                raise ReadError("not_a_docx", f"{path.name}: a zip package without word/document.xml")
            for info in infos:
                if info.filename.endswith((".xml", ".rels")):
                    with zf.open(info) as part:
                        prolog = part.read(_PROLOG)
                    if b"<!ENTITY" in prolog or b"<!DOCTYPE" in prolog:
                        raise ReadError("xml_entity_bomb", f"{path.name}: {info.filename} declares a DTD or XML "
                                        "entities, which Word never writes; refused as a possible entity bomb")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, NotImplementedError) as err:
        raise ReadError("not_a_docx", f"{path.name}: not a valid Word (.docx) package (damaged zip)") from err
    except (zlib.error, OSError) as err:
        raise ReadError("not_a_docx", f"{path.name}: a part of the Word package cannot be unpacked") from err


# ---------------------------------------------------------------- numbering

def _roman(n: int) -> str:
    vals = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
            (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for v, s in vals:
        while n >= v:
            out, n = out + s, n - v
    return out


def _letters(n: int) -> str:
    # Vietnamese documents letter items a, b, c … with đ after d in some offices;
    # Word itself counts a…z, so follow Word.
    s = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        s = chr(97 + r) + s
    return s


def format_number(n: int, fmt: str) -> str:
    if fmt in ("decimal", "decimalZero"):
        return f"{n:02d}" if fmt == "decimalZero" else str(n)
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerLetter":
        return _letters(n)
    return str(n)


@dataclass
class Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass
class Numbering:
    abstract: dict[str, dict[int, Level]] = field(default_factory=dict)
    nums: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)  # numId → (abstractId, start overrides)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def from_part(cls, element) -> "Numbering":
        nb = cls()
        if element is None:
            return nb
        for an in element.iter(f"{W}abstractNum"):
            levels: dict[int, Level] = {}
            for lvl in an.iter(f"{W}lvl"):
                ilvl = int(lvl.get(f"{W}ilvl", "0"))
                lv = Level()
                if (e := lvl.find(f"{W}numFmt")) is not None:
                    lv.fmt = e.get(f"{W}val", "decimal")
                if (e := lvl.find(f"{W}lvlText")) is not None:
                    lv.text = e.get(f"{W}val", "")
                if (e := lvl.find(f"{W}start")) is not None:
                    lv.start = int(e.get(f"{W}val", "1"))
                levels[ilvl] = lv
            nb.abstract[an.get(f"{W}abstractNumId")] = levels
        for num in element.iter(f"{W}num"):
            aid = num.find(f"{W}abstractNumId")
            overrides: dict[int, int] = {}
            for ov in num.iter(f"{W}lvlOverride"):
                so = ov.find(f"{W}startOverride")
                if so is not None:
                    overrides[int(ov.get(f"{W}ilvl", "0"))] = int(so.get(f"{W}val", "1"))
            if aid is not None:
                nb.nums[num.get(f"{W}numId")] = (aid.get(f"{W}val"), overrides)
        return nb

    def label(self, num_id: str, ilvl: int) -> str | None:
        """Advance the counter of (num_id, ilvl) and return the label Word shows."""
        if num_id not in self.nums or num_id == "0":
            return None
        aid, overrides = self.nums[num_id]
        levels = self.abstract.get(aid, {})
        lv = levels.get(ilvl)
        if lv is None:
            return None
        # Word keeps counting across numIds that share an abstract list unless overridden.
        key = num_id if overrides else aid
        counts = self.counters.setdefault(key, {})
        start = overrides.get(ilvl, lv.start)
        counts[ilvl] = counts.get(ilvl, start - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]
        if lv.fmt == "bullet":
            return bullet_label(lv.text)
        if lv.fmt == "none":
            return lv.text or None

        def sub(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            lvk = levels.get(k, Level())
            n = counts.get(k, overrides.get(k, lvk.start))
            return format_number(n, lvk.fmt if k != ilvl else lv.fmt)

        return re.sub(r"%(\d)", sub, lv.text).strip() or None


# ---------------------------------------------------------------- body

def _paragraph_text(p) -> str:
    parts: list[str] = []
    for el in p.iter():
        tag = el.tag
        if tag == f"{W}t":
            if _inside(el, p, f"{W}del"):
                continue
            parts.append(el.text or "")
        elif tag == f"{W}tab":
            parts.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
    return "".join(parts)


def _inside(el, stop, tag: str) -> bool:
    parent = el.getparent()
    while parent is not None and parent is not stop:
        if parent.tag == tag:
            return True
        parent = parent.getparent()
    return False


def _num_pr(p, styles: dict[str, tuple[str, int]]) -> tuple[str, int] | None:
    ppr = p.find(f"{W}pPr")
    if ppr is not None:
        numpr = ppr.find(f"{W}numPr")
        if numpr is not None:
            nid = numpr.find(f"{W}numId")
            ilvl = numpr.find(f"{W}ilvl")
            if nid is not None:
                return nid.get(f"{W}val"), int(ilvl.get(f"{W}val", "0")) if ilvl is not None else 0
        style = ppr.find(f"{W}pStyle")
        if style is not None:
            return styles.get(style.get(f"{W}val", ""))
    return None


def _style_numbering(document) -> dict[str, tuple[str, int]]:
    out: dict[str, tuple[str, int]] = {}
    try:
        styles_el = document.styles.element
    except Exception:
        return out
    for st in styles_el.iter(f"{W}style"):
        numpr = st.find(f"{W}pPr/{W}numPr")
        if numpr is None:
            continue
        nid = numpr.find(f"{W}numId")
        ilvl = numpr.find(f"{W}ilvl")
        if nid is not None:
            out[st.get(f"{W}styleId", "")] = (nid.get(f"{W}val"), int(ilvl.get(f"{W}val", "0")) if ilvl is not None else 0)
    return out


def _legacy_fonts(document) -> list[str]:
    """Fonts that carry TCVN3 / VNI text (.VnTime, VNI-Times), named anywhere in the document."""
    names = {v for el in document.element.iter(f"{W}rFonts") for k, v in el.attrib.items() if k.endswith("}ascii")}
    try:
        names |= {v for el in document.styles.element.iter(f"{W}rFonts") for k, v in el.attrib.items()
                  if k.endswith("}ascii")}
    except Exception:
        pass
    return sorted(n for n in names if is_legacy_font(n))


@register
class DocxReader:
    name = "docx"
    extensions = (".docx",)

    def read(self, path: Path, options: ReadOptions) -> SourceDocument:
        check_zip(path, options)
        import docx  # lazy: python-docx pulls lxml

        try:
            document = docx.Document(str(path))
        except Exception as err:
            raise ReadError("not_a_docx", f"{path.name}: not a readable Word document (its package or XML is "
                            "damaged)") from err
        try:
            numbering_el = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            numbering_el = None
        numbering = Numbering.from_part(numbering_el)
        styles = _style_numbering(document)
        doc = SourceDocument(path=str(path), format="docx")
        blocks: list[Block] = []
        body = document.element.body
        for index, child in enumerate(body.iterchildren()):
            if child.tag == f"{W}p":
                block = self._paragraph(child, numbering, styles, index)
                if block is not None:
                    blocks.append(block)
            elif child.tag == f"{W}tbl":
                blocks.append(self._table(child, numbering, styles, index))
            elif child.tag == f"{W}sdt":  # content controls wrap ordinary paragraphs
                for p in child.iter(f"{W}p"):
                    block = self._paragraph(p, numbering, styles, index)
                    if block is not None:
                        blocks.append(block)
        doc.blocks = join_broken_paragraphs(repair_legacy_blocks(blocks, doc, _legacy_fonts(document)))
        core = document.core_properties
        doc.metadata.update(title=core.title or None, author=core.author or None)
        return doc

    def _render(self, p, numbering: Numbering, styles) -> str:
        text = clean(_paragraph_text(p)).strip()
        npr = _num_pr(p, styles)
        if npr and text:
            label = numbering.label(*npr)
            if label:
                text = f"{label} {text}"
        return text

    def _paragraph(self, p, numbering: Numbering, styles, index: int) -> Block | None:
        text = self._render(p, numbering, styles)
        if not text:
            return None
        parts = [t.strip() for t in text.split("\n") if t.strip()]
        return to_block(" ".join(parts), paragraph=index)

    def _table(self, tbl, numbering: Numbering, styles, index: int) -> Block:
        rows: list[list[Cell]] = []
        for r, tr in enumerate(tbl.iter(f"{W}tr")):
            row: list[Cell] = []
            for c, tc in enumerate(tr.iter(f"{W}tc")):
                paras = [self._render(p, numbering, styles) for p in tc.iter(f"{W}p")]
                span = tc.find(f"{W}tcPr/{W}gridSpan")
                row.append(Cell(text="\n".join(t for t in paras if t), row=r, col=c,
                                col_span=int(span.get(f"{W}val", "1")) if span is not None else 1))
            rows.append(row)
        text = "\n".join("\t".join(cell.text.replace("\n", " ") for cell in row) for row in rows)
        return Block(kind=BlockKind.table, text=text, rows=rows, paragraph=index)
