"""Every block gets a zone — the part of the document it stands in — and a mode: how duties may be read there.

Zones: portal (a portal's text around the document), header, addressees, preamble, body, signature (with Nơi
nhận), and after the signature what the document issues or attaches: attachment (a plan, programme …),
regulation (a Quy chế / Quy định), list (a catalogue, a table of figures), procedure (administrative procedures),
workflow (steps of one dossier), form (a template to fill), report (an account of work done). Inside any zone a
workflow table, a form or a report table takes that zone.

Modes (what nlp/tasks.py may read as duties there): all — every shape; strict — only explicit assignments
(Giao / Đề nghị / Yêu cầu, 'có trách nhiệm', 'chịu trách nhiệm thi hành', closing formulas, assignment tables
and frames); explicit — only Giao / Đề nghị / Yêu cầu and the closing formulas; tables — only assignment tables;
none. The mode comes from the zone and the document's kind (nlp/kinds.py): a normative text assigns only in
its implementing articles ("Tổ chức thực hiện", "Trách nhiệm của …"), a decision publishing procedures in its
articles and not in the procedures, a page that is no official document nowhere."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..extract.normalize import match_form
from ..extract.portal_chrome import END_MARKERS, TAIL_MARKERS, is_portal_head as portal_head
from ..models import Block, BlockKind
from .kinds import Kind, implementation_phrases, motto_line
from .structure import Layout, block_lines
from .vocab import alternation, doc_type_names, table

NO_DUTIES = frozenset({"portal", "header", "addressees", "preamble", "signature", "procedure", "workflow", "form",
                       "report", "quotation"})
_LABEL_ARTICLE = re.compile(r"(?i)^(điều|chương|mục|phần)\b")
_RULE = re.compile(r"[-_=.*\s]+")
_NUMBER_LINE = re.compile(r"(?i)^số\s*[:.]")  # the left column read before the motto: "Số: 5973 /UBND-KT"
_TYPE_ZONES = {"kế hoạch": "attachment", "chương trình": "attachment", "đề án": "attachment", "phương án": "attachment",
               "dự án": "attachment", "quy chế": "regulation", "quy định": "regulation", "điều lệ": "regulation",
               "hướng dẫn": "regulation"}


@dataclass
class Zoning:
    zones: list[str]
    modes: list[str]
    start: int = 0  # the document proper: blocks[start:end]
    end: int = 0
    articles: dict[int, str] = field(default_factory=dict)  # block → title of the article it stands in


@lru_cache(maxsize=1)
def _cues() -> dict[str, tuple[str, ...]]:
    data = table("kinds")
    return {"workflow": tuple(match_form(c) for c in data["workflow_cells"]),
            "form": tuple(match_form(c) for c in data["form_cues"]),
            "report": tuple(match_form(c) for c in data["report_cues"])}


@lru_cache(maxsize=1)
def _attachment_rules() -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((r["zone"], tuple(match_form(p) for p in r["phrases"])) for r in table("kinds")["attachment_zones"])


def is_portal_tail(text: str) -> bool:
    key = match_form(text)
    return any(key.startswith(m) for m in TAIL_MARKERS + END_MARKERS) or bool(_caption().match(text.strip()))


@lru_cache(maxsize=1)
def _caption() -> re.Pattern[str]:
    """A portal's caption of the document after it: "Công văn 5347/CT-CS năm 2025 về miễn giảm …"."""
    return re.compile(rf"^(?:{alternation(doc_type_names())})\s+\d+[\w/.-]*/[\w/.-]+\s+năm\s+\d{{4}}\b")


def is_portal_head(text: str) -> bool:
    """A line of a portal's page before the document: its table of the document's fields, its notices."""
    return portal_head(match_form(text))


def document_span(blocks: list[Block]) -> tuple[int, int]:
    """The document proper inside what a reader gave: when a portal's text stands before the first motto (its
    table of fields, an editorial summary), from the issuer lines above that motto; to the first line of a
    portal's page furniture after it."""
    start = 0
    for i, b in enumerate(blocks[:80]):
        if motto_line(b.text):
            if any(is_portal_head(x.text) for x in blocks[:i]):
                start = _issuer_start(blocks, i)
            break
    end = len(blocks)
    for i in range(start + 1, len(blocks)):
        if is_portal_tail(blocks[i].text):
            end = i
            break
    return start, end


def _issuer_start(blocks: list[Block], motto: int) -> int:
    """Back up from the motto over the issuer's lines: short lines in capitals ("ỦY BAN NHÂN DÂN", "TỈNH
    CAO BẰNG", "-------"); a table holding both columns starts the document itself."""
    if blocks[motto].kind is BlockKind.table:
        return motto
    j = motto
    while j > 0 and j > motto - 6:
        t = blocks[j - 1].text.strip()
        if len(t) > 80 or is_portal_head(t) or not (t.strip(" *-_").isupper() or _RULE.fullmatch(t)
                                                     or _NUMBER_LINE.match(t) or t.lower().startswith("v/v")):
            break
        j -= 1
    return j


def _heading_zone(blocks: list[Block], first: int, last: int, default: str) -> str:
    """The zone of an attachment whose heading is blocks[first]: a type heading ("KẾ HOẠCH", "QUY CHẾ")
    decides; else the phrase its heading and title lines open with ("NHIỆM VỤ … cải cách thủ tục hành chính" is
    a plan's table, "DANH MỤC THỦ TỤC HÀNH CHÍNH" procedures); else the issuing document's subkind's default."""
    heading = match_form(blocks[first].text).strip(" :*")
    for name, zone in _TYPE_ZONES.items():
        if heading == name or heading.startswith(name + " "):
            return zone
    title = " ".join(match_form(b.text) for b in blocks[first:min(last, first + 3)] if b.kind is not BlockKind.table)
    title = re.sub(r"^phụ lục(?:\s+(?:[ivxlc]+|\d+|số\s*\d+)\b)?[\s:.-]*", "", title)  # "PHỤ LỤC I": says nothing yet
    hits = [(title.find(p), -len(p), zone) for zone, phrases in _attachment_rules() for p in phrases if p in title]
    return min(hits)[2] if hits else default  # the phrase the title opens with says what it is


_APPENDIX = re.compile(r"^(?:PHỤ LỤC|Phụ lục)(?:\s+(?:[IVXLC]+|\d+|số\s*\d+)\b|\s*$|\s*[:.-])")


def _appendices(blocks: list[Block], first: int, last: int) -> list[tuple[int, int]]:
    """An attachment range cut at each appendix heading inside it ("PHỤ LỤC II"): each is zoned on its own."""
    cuts = [i for i in range(first + 1, last) if _APPENDIX.match(blocks[i].text.strip(" *"))]
    bounds = [first] + cuts + [last]
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if a < b]


# the last paragraph before the items, when it tells bodies to do them: the document's first duty
_ADDRESSING_LEAD_IN = re.compile(r"\b(?:yêu cầu|đề nghị)\s+[^:]{3,400}:\s*$", re.I)
_ISSUED_WITH = re.compile(r"(?i)^\(?\s*(?:ban hành\s+)?kèm theo\b")


def _title_end(blocks: list[Block], first: int, last: int) -> int:
    """One past an attachment's heading and title: through its "(Kèm theo Quyết định số …)" line when that
    comes within its first lines, else its heading alone."""
    for i in range(first + 1, min(last, first + 5)):
        if _ISSUED_WITH.match(blocks[i].text.strip(" *")):
            return i + 1
    return first + 1


_FOOTNOTE = re.compile(r"^\[\d{1,3}\]\s")


def _mark_tail(blocks: list[Block], zones: list[str], first: int, last: int) -> None:
    """Inside an appendix: from a footnote ("[1] Quyết định số … sửa đổi …", the notes of a consolidated text, quoting
    the texts they come from) or from the second field of a procedure sheet ("Trình tự thực hiện:", "Thời hạn giải
    quyết:" …) to its end, nothing is the document's own assignment."""
    fields = 0
    for i in range(first, last):
        key = match_form(blocks[i].text).lstrip("-–•+*0123456789.) ")
        if _FOOTNOTE.match(blocks[i].text.strip()):
            zone, at = "quotation", i
        elif any(key.startswith(f) for f in _procedure_fields()):
            fields += 1
            if fields < 2:
                continue
            zone, at = "procedure", i
        else:
            continue
        for k in range(at if zone == "quotation" else first, last):
            zones[k] = zone
        return


@lru_cache(maxsize=1)
def _procedure_fields() -> tuple[str, ...]:
    return tuple(match_form(f) for f in table("kinds")["procedure_fields"])


def _table_zone(block: Block) -> str | None:
    """A table that lays out the steps of one dossier, a form's fields, or work done."""
    rows = block.rows or []
    if not rows:
        return None
    header = " | ".join(match_form(c.text) for row in rows[:2] for c in row)
    first_col = [match_form(r[0].text) for r in rows[1:8] if r]
    if any(c in header for c in _cues()["workflow"]) or sum(c.startswith("bước") for c in first_col) >= 2:
        return "workflow"
    cells = [match_form(c.text) for row in rows[1:] for c in row]
    done = sum(any(c.startswith(r) for r in _cues()["report"][:4]) for c in cells)
    if done >= 2 and done >= 0.3 * max(1, len(rows) - 1):
        return "report"
    return None


def _is_form_block(block: Block) -> bool:
    key = match_form(block.text)
    blanks = len(re.findall(r"[.…_]{4,}", block.text))
    return blanks >= 2 or any(key.startswith(c) for c in _cues()["form"][:-1]) and blanks >= 1


def _articles(blocks: list[Block], zones: list[str], start: int, end: int) -> dict[int, str]:
    """block → the title of the article (or chapter, when the chapter's title says it) it stands in; an
    article ends with its zone (the body's last article does not run into an attached Quy định)."""
    out: dict[int, str] = {}
    chapter: str | None = None
    article: str | None = None
    for i in range(start, end):
        b = blocks[i]
        if i > start and zones[i] != zones[i - 1]:
            chapter = article = None
        label = b.label or ""
        if _LABEL_ARTICLE.match(label):
            title = match_form(b.text[len(label):]).strip(" .:*")
            if not title and i + 1 < end:
                title = match_form(blocks[i + 1].text).strip(" .:*")
            if label.lower().startswith(("chương", "phần")):
                chapter, article = title, None
            else:
                article = title
        if article is not None or chapter is not None:
            out[i] = article if article is not None and not _implements(chapter or "") else (chapter or "")
    return out


def _implements(title: str) -> bool:
    return any(title.startswith(p) for p in implementation_phrases())


def zone_blocks(blocks: list[Block], lay: Layout, kind: Kind, span: tuple[int, int]) -> list[str]:
    start, end = span
    zones = ["portal"] * len(blocks)
    body_from = lay.preamble[0] if lay.preamble else lay.body_start
    for i in range(start, min(lay.body_start, end)):  # "QUYẾT ĐỊNH:" after the bases is the preamble's end
        zones[i] = "header" if i < body_from else "preamble"
        if match_form(blocks[i].text).startswith("kính gửi"):
            zones[i] = "addressees"
    last = lay.body_start - 1
    if lay.preamble and start <= last < end and zones[last] == "preamble" \
            and _ADDRESSING_LEAD_IN.search(blocks[last].text):
        zones[last] = "body"  # "…, Chủ tịch UBND thành phố yêu cầu Thủ trưởng các sở, ban, ngành … như sau:"
    for i in range(max(lay.body_start, start), min(lay.body_end, end)):
        zones[i] = "body"
    for i in range(max(lay.body_end, start), end):
        zones[i] = "signature"
    for a, b in lay.attachments:
        for first, last in _appendices(blocks, max(a - 1, start), min(b, end)):
            zone = _heading_zone(blocks, first, last, kind.attachments)
            title_end = _title_end(blocks, first, last)
            for i in range(first, last):  # the attached document's own heading and title ("PHỤ LỤC I", "KẾ HOẠCH")
                zones[i] = "header" if i < title_end else zone
            _mark_tail(blocks, zones, title_end, last)
    for i in range(start, end):
        b = blocks[i]
        if zones[i] in NO_DUTIES and zones[i] != "quotation":
            continue
        if b.kind is BlockKind.table:
            zones[i] = _table_zone(b) or zones[i]
        elif _is_form_block(b):
            zones[i] = "form"
    _mark_quotes(blocks, zones, start, end)
    return zones


_OPENS_QUOTE = re.compile(r"^[\s*_]*[“\"«]")
_CLOSES_QUOTE = re.compile(r"[”\"»][\s*_.;,/)]*$")
_QUOTE_BLOCKS = 40  # a quotation longer than this is more likely an unclosed mark than a quoted text


def _mark_quotes(blocks: list[Block], zones: list[str], start: int, end: int) -> None:
    """Paragraphs wholly inside quotation marks ("… có nêu:" / "“Cục Thuế tỉnh X sẽ thực hiện …”") quote another text:
    its duties are not this document's. A quote closed inside the paragraph with more text after it (a slogan,
    a campaign's name) is the paragraph's own words."""
    i = start
    while i < end:
        if zones[i] in NO_DUTIES or blocks[i].kind is BlockKind.table or not _OPENS_QUOTE.match(blocks[i].text):
            i += 1
            continue
        text = blocks[i].text.strip()
        inner = text.lstrip(" *_“\"«")
        if re.search(r"[”\"»]", inner) and not _CLOSES_QUOTE.search(inner):
            i += 1  # closed inside with more after it
            continue
        last = next((k for k in range(i, min(end, i + _QUOTE_BLOCKS)) if _CLOSES_QUOTE.search(blocks[k].text.strip())),
                    None)
        if last is None:
            i += 1
            continue
        for k in range(i, last + 1):
            zones[k] = "quotation"
        i = last + 1


def _mode(zone: str, kind: Kind, article: str | None) -> str:
    implementing = article is not None and _implements(article)
    if not kind.official or zone in NO_DUTIES:
        return "none"
    if zone == "list":
        return "tables"
    if zone == "attachment":
        return "all"
    if zone == "regulation":
        if not kind.normative:
            return "all" if implementing or article is None else "strict"
        return "all" if implementing else "explicit"
    assign = kind.assign  # the body
    if assign == "none":
        return "none"
    if assign == "all" or implementing:
        return "all"
    return "strict" if assign == "strict" else "explicit"


def zone(blocks: list[Block], lay: Layout, kind: Kind) -> Zoning:
    span = document_span(blocks)
    zones = zone_blocks(blocks, lay, kind, span)
    articles = _articles(blocks, zones, span[0], span[1])
    modes = [_mode(z, kind, articles.get(i)) for i, z in enumerate(zones)]
    return Zoning(zones=zones, modes=modes, start=span[0], end=span[1], articles=articles)


def runs(modes: list[str]) -> list[tuple[int, int]]:
    """Contiguous ranges of blocks where some duty may be read."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(modes):
        if modes[i] == "none":
            i += 1
            continue
        j = i
        while j < len(modes) and modes[j] != "none":
            j += 1
        out.append((i, j))
        i = j
    return out


__all__ = ["Zoning", "zone", "runs", "document_span", "NO_DUTIES", "block_lines"]
