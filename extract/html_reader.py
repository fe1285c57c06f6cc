"""HTML: a Word "Save as Web Page" export, or a page saved from a legal portal in the browser.

The bytes are decoded as the page declares (``<meta charset>``, ``http-equiv``, the XML declaration),
after a BOM, else as UTF-8 or the Vietnamese code page; entities are decoded by the parser, text made
NFC, and TCVN3 / VNI text typed in a legacy font converted. lxml parses with no network, no DTD, no
entity expansion and its depth limit; a declared DTD with entities is refused as a possible entity bomb.

A Word export reads like the same document's DOCX: paragraphs, Word's list labels, tables with their
rows and cells (a cell's paragraphs one per line). A portal page loses its furniture (menus, bars,
footers, related-document boxes, login and share widgets) and keeps the document from its header to
the portal's own sections after it, as the Markdown pages do; the portal's table of the document's
properties goes to ``metadata["portal"]``.
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from lxml import etree, html

from .base import ReadError, ReadOptions, register
from .html_flow import Flow, Item, Para, Table
from .layout import Line, bullet_label, join_broken_paragraphs, join_lines, to_block
from .normalize import clean, match_form, repair_legacy_blocks
from .portal_chrome import (DOCUMENT_START, DROP_LINES, END_MARKERS, HTML_CHROME_ROLES, HTML_CHROME_TAGS,
                            HTML_CHROME_WORDS, HTML_END_HEADINGS, HTML_NEVER_TEXT, SUMMARY_END)
from .portal_fields import field_key, read_fields
from ..models import Block, BlockKind, Cell, SourceDocument

_PRESCAN = 64 * 1024  # where a page declares its encoding
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""", re.I)
_INTERNAL_SUBSET = re.compile(rb"<!DOCTYPE[^>\[]*\[|<!ENTITY", re.I)
_LEGACY_FONT = re.compile(r"""(?i)(?:font-family\s*:\s*|face\s*=\s*)["']?\s*(\.vn[\w ]*|vni[-_ ][\w ]*)""")
# labels that say "Windows-1252" in practice (the WHATWG encoding standard), and UTF-16 declared
# inside bytes that are not UTF-16
_AS_CP1252 = {"ascii", "latin-1", "iso8859-1", "cp1252"}
_WORD_PRODUCERS = ("microsoft word", "word.document")


def declared_encoding(head: bytes) -> str | None:
    """The codec the page declares in its first bytes, by Python's name; None if none or unknown."""
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if not m:
        return None
    try:
        name = codecs.lookup(m.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    if name in _AS_CP1252:
        return "cp1252"
    return "utf-8" if name.startswith("utf-16") or name.startswith("utf-32") else name


def decode_html(data: bytes) -> tuple[str, str]:
    """(text, encoding used): a BOM, else UTF-8 if the bytes are valid UTF-8, else the declaration, else
    UTF-8 with a few damaged bytes, else the Vietnamese code page (or Windows-1252 when the page names a
    TCVN3 / VNI font, whose letters are cp1252 bytes)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    declared = declared_encoding(data[:_PRESCAN])
    try:
        # bytes that are valid UTF-8 beyond ASCII are UTF-8 whatever an old template declares: text in a
        # single-byte code page almost never forms UTF-8's multi-byte sequences (ASCII reads the same in both)
        return data.decode("utf-8"), (declared or "utf-8") if data.isascii() else "utf-8"
    except UnicodeDecodeError:
        pass
    if declared and declared != "utf-8":
        return data.decode(declared, errors="replace"), declared
    lenient = data.decode("utf-8", errors="replace")
    if declared or lenient.count("\ufffd") <= 0.1 * max(1, sum(ord(c) > 127 for c in lenient)):
        return lenient, "utf-8"  # a few damaged bytes in UTF-8, not another code page
    fallback = "cp1252" if _LEGACY_FONT.search(data[:_PRESCAN * 4].decode("latin-1")) else "cp1258"
    return data.decode(fallback, errors="replace"), fallback


def parse_tree(text: str, name: str) -> etree._Element | None:
    """The page's tree (None for a page without any element). No network, no DTD, no entity
    expansion, libxml2's depth limit: a page nested past it is refused, not read in part."""
    parser = html.HTMLParser(encoding="utf-8", remove_comments=False, remove_pis=True, no_network=True,
                             collect_ids=False, default_doctype=False, huge_tree=False)
    try:
        root = html.document_fromstring(text.encode("utf-8", errors="replace"), parser=parser)
    except etree.ParserError:
        return None
    if any(e.type_name == "ERR_RESOURCE_LIMIT" or "excessive depth" in e.message.lower() for e in parser.error_log):
        raise ReadError("too_deeply_nested", f"{name}: its markup nests deeper than any document's "
                                             "(libxml2's limit of 256 levels); refused")
    return root


def refuse_entities(data: bytes, name: str) -> None:
    """An HTML page never declares a DTD or entities; a page that does is refused as a possible
    "billion laughs" entity bomb (the parser would not expand them, but nothing good comes of it)."""
    if _INTERNAL_SUBSET.search(data[:_PRESCAN]):
        raise ReadError("xml_entity_bomb", f"{name}: declares a DTD or entities, which no HTML page needs; "
                                           "refused as a possible entity bomb")


def made_by_word(root: etree._Element) -> bool:
    """Word's "Save as Web Page" names itself in <meta name=Generator / ProgId / Originator>."""
    for meta in root.iter("meta"):
        if (meta.get("name") or "").lower() in ("generator", "progid", "originator") \
                and any(w in (meta.get("content") or "").lower() for w in _WORD_PRODUCERS):
            return True
    return False


# ---------------------------------------------------------------- page furniture

_NOTE_LINK = re.compile(r"^#(?:_ftn|_edn|_msocom|sdfootnote|sdendnote|ftn|edn)\d", re.I)
_NOTE_BOX = re.compile(r"^(?:sdfootnote|sdendnote|ftn|edn)\d+$", re.I)
_NOTE_BACK_LINK = re.compile(r"^#(?:_ftnref|_ednref|body_ftn|body_edn|sdfootnote\d+anc|sdendnote\d+anc)", re.I)


def note(el: etree._Element) -> bool:
    """Footnotes, endnotes and comments, which the DOCX reader leaves out too: Word's lists of them
    (mso-element) and its marks in the text (links to #_ftn1 …), LibreOffice's (#sdfootnote1sym …)."""
    style = (el.get("style") or "").replace(" ", "").lower()
    if "mso-element:" in style and any(k in style for k in ("comment-list", "footnote-list", "endnote-list")):
        return True
    if el.tag == "a" and _NOTE_LINK.match(el.get("href") or ""):
        return True
    if el.tag == "p":  # a paragraph that opens with a link back to its mark is the note itself
        link = next(el.iter("a"), None)
        if link is None or not _NOTE_BACK_LINK.match(link.get("href") or ""):
            return False
        before = "".join(el.itertext()).partition(link.text_content() or "\0")[0]
        return not before.strip()
    return el.tag == "div" and bool(_NOTE_BOX.match(el.get("id") or ""))


_WORD_SPLIT = re.compile(r"[a-z]+")
_CAMEL = re.compile(r"([a-z])([A-Z])")
_LONG_CHROME_WORDS = tuple(w for w in HTML_CHROME_WORDS if len(w) >= 6)


def chrome_words(el: etree._Element) -> bool:
    """Its class or id says menu, footer, related documents …: as words ("main-menu", "boxVanBanLienQuan")
    or, for the longer words, inside one ("vanbanlienquan2")."""
    classes = [c for c in (el.get("class") or "").split() if not c.lower().startswith("mso")]
    names = " ".join(classes + [el.get("id") or ""]).strip()
    if not names:
        return False
    words = _WORD_SPLIT.findall(_CAMEL.sub(r"\1 \2", names).lower())
    joined = "".join(words)
    return any(w in HTML_CHROME_WORDS for w in words) or any(w in joined for w in _LONG_CHROME_WORDS)


def _link_list(el: etree._Element) -> bool:
    """A list of links (a menu, a list of other documents): three links or more carrying most of its text."""
    links = [a for a in el.iter("a")]
    if len(links) < 3:
        return False
    text = len("".join(el.itertext()).strip())
    return text == 0 or sum(len("".join(a.itertext()).strip()) for a in links) >= 0.8 * text


class Furniture:
    """Says which elements of a portal page are furniture. Never an element that holds the document's
    Quốc hiệu or most of the page's text: a wrapper named "content-with-sidebar" holds the document."""

    def __init__(self, root: etree._Element) -> None:
        self.page_chars = max(1, len(" ".join(root.itertext())))

    def __call__(self, el: etree._Element) -> bool:
        tag = el.tag.lower()
        if note(el):
            return True
        candidate = (
            tag in HTML_CHROME_TAGS
            or (el.get("role") or "").lower() in HTML_CHROME_ROLES
            or (tag == "header" and not any(a.tag in ("article", "main") for a in el.iterancestors()))
            or chrome_words(el)
            or (tag in ("ul", "ol") and _link_list(el))
        )
        if not candidate:
            return False
        text = " ".join(el.itertext())
        return len(text) < 0.5 * self.page_chars and DOCUMENT_START not in match_form(text)


# ---------------------------------------------------------------- items → blocks

def _lines(para: Para) -> list[str]:
    return [t for t in (clean(ln).strip() for ln in para.lines) if t]


def _label(para: Para) -> str:
    label = clean(para.label).strip()
    return bullet_label(label) if label else ""


def _cell_text(paras: list[Para]) -> str:
    """A cell's paragraphs one per line, a paragraph's own line breaks kept (as the DOCX reader)."""
    out: list[str] = []
    for p in paras:
        lines = _lines(p)
        if lines:
            label = _label(p)
            out.append("\n".join(lines) if not label else f"{label} " + "\n".join(lines))
    return "\n".join(out)


def para_blocks(para: Para, *, word: bool) -> list[Block]:
    """A Word paragraph is one block, its manual line breaks spaces (as the DOCX reader); a web page's
    <br> lines are joined where a sentence goes on and split at a label or a heading."""
    lines = _lines(para)
    if not lines:
        return []
    label = _label(para)
    if label:
        lines[0] = f"{label} {lines[0]}"
    if word:
        return [to_block(" ".join(lines))]
    return [to_block(p.text) for p in join_lines([Line(t) for t in lines], heuristics=False)]


def table_block(table: Table) -> Block | None:
    rows = [[Cell(text=_cell_text(c.paragraphs), row=0, col=0, row_span=c.row_span, col_span=c.col_span)
             for c in row] for row in table.rows]
    rows = [row for row in rows if any(c.text for c in row)]  # Word's hidden sizing row, empty rows
    if not rows:
        return None
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            cell.row, cell.col = r, c
    text = "\n".join("\t".join(c.text.replace("\n", " ") for c in row) for row in rows)
    return Block(kind=BlockKind.table, text=text, rows=rows)


def is_property_table(table: Table) -> bool:
    """The portal's table of the document's properties: two of its cells are the portal's labels."""
    labels = sum(1 for row in table.rows for c in row if field_key(_cell_text(c.paragraphs)))
    return labels >= 2


# ---------------------------------------------------------------- the document inside the page

_KEY_CHARS = 400  # the markers stand at a block's start; a long block is never one of the portal's lines


def _key(block: Block) -> str:
    return match_form(block.text[:_KEY_CHARS])


def _dropped(block: Block) -> bool:
    """One of the portal's lines dropped wherever it stands ("Đang tải văn bản…")."""
    return len(block.text) <= _KEY_CHARS and any(d in _key(block) for d in DROP_LINES)


def _starts_document(key: str) -> bool:
    return DOCUMENT_START in key


def _ends_document(key: str, caption: str | None) -> bool:
    return any(key.startswith(m) for m in END_MARKERS) or key.rstrip(" :") in HTML_END_HEADINGS \
        or bool(caption and key.startswith(caption) and key.rstrip(" .").endswith("ban hành"))


def portal_caption(fields: dict[str, str]) -> str | None:
    """The line a portal puts under a document: "Công văn 39712/CHQ-GSQL năm 2025 … do Cục Hải quan ban
    hành" starts with its type and number (compared in match_form)."""
    if fields.get("type") and fields.get("number"):
        return match_form(f"{fields['type']} {fields['number']} ")
    return None


def document_range(blocks: list[Block], after_properties: int, caption: str | None = None) -> tuple[int, int]:
    """[start, end) of the document among a page's blocks: from its issuer (the header table holding
    the Quốc hiệu, or the short lines above a Quốc hiệu paragraph), else after an editorial summary,
    else after the portal's properties; up to the portal's own text after it (its caption of the
    document, its sections, its notices)."""
    keys = [_key(b) for b in blocks]
    start = next((i for i, k in enumerate(keys) if _starts_document(k)), None)
    if start is not None and blocks[start].kind is not BlockKind.table:
        while start > 0 and start - 1 >= after_properties and len(keys[start - 1]) <= 80 \
                and blocks[start - 1].kind is not BlockKind.table \
                and not any(keys[start - 1].startswith(m) for m in SUMMARY_END):
            start -= 1
    if start is None:
        summaries = [i for i, k in enumerate(keys) if any(k.startswith(m) for m in SUMMARY_END)]
        start = summaries[-1] + 1 if summaries else after_properties
    end = next((i for i in range(start, len(blocks)) if _ends_document(keys[i], caption)), len(blocks))
    return start, end


_VIETNAMESE_BEYOND_LATIN1 = re.compile("[ăĂđĐơƠưƯ\u1ea0-\u1ef9]")


def unicode_vietnamese(blocks: list[Block], sample: int = 20_000) -> bool:
    """The text is Vietnamese in Unicode already: TCVN3 or VNI bytes read in a Western code page never
    give letters beyond Latin-1 (ă đ ơ ư ạ … ỹ), and Vietnamese has one in every few words. Spares
    measuring every page three times for a legacy encoding it does not have."""
    text = "\n".join(b.text for b in blocks)[:sample]
    letters = sum(1 for c in text if c.isalpha())
    return letters > 0 and len(_VIETNAMESE_BEYOND_LATIN1.findall(text)) >= 0.02 * letters


def _texts(blocks: list[Block]) -> list[str]:
    return [c.text for b in blocks for row in (b.rows or [[Cell(text=b.text, row=0, col=0)]]) for c in row]


def refuse_long_text(items: list[Item], options: ReadOptions, name: str) -> None:
    """The page's text over the limit is refused here, before any work is spent on it."""
    paras = [p for item in items for p in ([item] if isinstance(item, Para) else
                                           [p for row in item.rows for c in row for p in c.paragraphs])]
    size = sum(len(line) for p in paras for line in p.lines)
    if size > options.max_text_bytes:
        raise ReadError("too_large", f"{name}: its text is {size:,} characters, over the limit of "
                                     f"{options.max_text_bytes:,} (ReadOptions.max_text_bytes)")


@register
class HtmlReader:
    name = "html"
    extensions = (".html", ".htm")

    def read(self, path: Path, options: ReadOptions) -> SourceDocument:
        data = path.read_bytes()
        refuse_entities(data, path.name)
        text, encoding = decode_html(data)
        doc = SourceDocument(path=str(path), format="html")
        doc.metadata["encoding"] = encoding
        root = parse_tree(text, path.name)
        if root is None:
            return doc
        word = made_by_word(root)
        title = root.find(".//title")
        doc.metadata.update(producer="word" if word else "web page",
                            title=" ".join((title.text_content() if title is not None else "").split()) or None)
        etree.strip_elements(root, *HTML_NEVER_TEXT, with_tail=False)  # code and styling are never text
        items = Flow(note if word else Furniture(root), word=word).read(root)  # a Word export has no furniture
        refuse_long_text(items, options, path.name)
        blocks, properties, after_properties = self._blocks(items, word=word)
        if not word:
            fields = read_fields(properties) if properties else {}
            start, end = document_range(blocks, after_properties, portal_caption(fields))
            fields = fields or read_fields(_texts(blocks[:start]))
            blocks = [b for b in blocks[start:end] if not _dropped(b)]
            doc.metadata["html_span"] = [start, end]
            if fields:
                doc.metadata["portal"] = fields
        fonts = sorted({m.group(1).strip() for m in _LEGACY_FONT.finditer(text[:_PRESCAN * 4])})
        if fonts or not unicode_vietnamese(blocks):
            blocks = repair_legacy_blocks(blocks, doc, fonts)
        doc.blocks = join_broken_paragraphs(blocks)
        return doc

    def _blocks(self, items: list[Item], *, word: bool) -> tuple[list[Block], list[str], int]:
        """The blocks of the page's items; the cells of the portal's property tables (kept out of the
        blocks) and how many blocks come before the last of them."""
        blocks: list[Block] = []
        properties: list[str] = []
        after = 0
        for item in items:
            if isinstance(item, Para):
                blocks.extend(para_blocks(item, word=word))
            elif not word and is_property_table(item):
                properties.extend(_cell_text(c.paragraphs) for row in item.rows for c in row)
                after = len(blocks)
            elif (block := table_block(item)) is not None:
                blocks.append(block)
        return blocks, properties, after
