"""Document layout (Nghị định 30/2020/NĐ-CP): header, title, preamble, sections, signature, Nơi nhận."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..extract.layout import is_upper_heading, list_label
from ..extract.normalize import match_form
from ..extract.portal_chrome import is_portal_head
from ..models import Block, BlockKind
from ..models.text import fold, vi_pattern
from .vocab import alternation, code_to_type, doc_type_names, table
from .issuer import cut_header_noise

_NUMBER = re.compile(r"^\s*Số\s*[:.]?\s*(?P<n>[0-9A-Za-z.]*)\s*(?P<rest>/\s*[A-ZĐ0-9][\w\-–/&.]*)", re.UNICODE)
# "Số:" inside a line, as OCR reads a header whose two columns ran together ("TỈNH LÀO CAI Độc lập … số: 2338 /QĐ-UBND")
_NUMBER_INSIDE = re.compile(r"(?:^|\s)[Ss][ốổồô]\s*:\s*(?P<n>[^\s/]*)\s*(?P<rest>/\s*[A-ZĐ0-9][\w\-–/&.]*)")
# the day and month may be stamped digit by digit ("ngày 2 6 tháng 0 1 năm 2026") or left blank
_DATE = re.compile(r"(?P<place>[^,]{2,40}),\s*ngày\s*(?P<d>\d\s\d(?!\d)|\d{1,2})?\s*tháng\s*(?P<m>\d\s\d(?!\d)|\d{1,2})?"
                   r"\s*năm\s*(?P<y>\d{4})", re.IGNORECASE)
# the same line whose day or month a scan cannot read ("ngày 0Â tháng + năm 2026": handwritten digits)
_DATE_SLOT = re.compile(r",\s*ngày\s*\S{0,4}\s*tháng\s*\S{0,4}\s*năm\s*\d{4}", re.IGNORECASE)
_QUOC_HIEU = re.compile(r"cộng hòa xã hội|độc lập\s*-\s*tự do|^-{3,}$")
_PREAMBLE = re.compile(r"^(?:Căn cứ|Thực hiện|Triển khai|Theo đề nghị|Xét đề nghị|Xét|Theo|Ngày \d|Để|Nhằm|Tiếp theo)", re.I)
# "Nơi nhận:" as OCR may read it: the first letters of "Nơi" are the ones scans lose ("Moi nhận:", "Xơi nhận:")
_RECIPIENTS = re.compile(r"^(?:Nơi\s*nhận|[NMX][oơớờởỡợóòỏõọ]i\s*nh[âậa]n\s*(?=[:;]))", re.I)
# "KT." as OCR may read it: "KT," "KT:"
_SIGN_AUTH = re.compile(r"^(TM[.,:]|KT[.,:]|Q\.|TL[.,:]|TUQ[.,:]|T/M|K/T)\s*", re.I)
_TITLE_WORDS = re.compile(alternation(table("signature")["titles"]), re.I)
# the same titles with their marks gone, as a scan may read them ("KT. CHU TICH")
_TITLE_FOLDED = re.compile(alternation([fold(t) for t in table("signature")["titles"]]), re.I)
_SURNAMES = frozenset(table("signature")["surnames"])
_NAME = re.compile(vi_pattern(r"^(?:[[:upper:]][[:lower:]]+)(?:\s+[[:upper:]][[:lower:]]+){1,5}$"))
_SCRIBBLED_NAME = re.compile(vi_pattern(r"(?:^|[^\w])((?:[[:upper:]][[:lower:]]+)(?:\s+[[:upper:]][[:lower:]]+){1,5})$"))


@dataclass
class Line:
    text: str
    block: int


@dataclass
class Layout:
    number: str | None = None
    number_line: int | None = None
    place: str | None = None
    date: str | None = None
    year: int | None = None  # also of a draft dated "ngày   tháng   năm 2026"
    date_line: int | None = None
    doc_type: str | None = None
    type_source: str | None = None  # heading | code | v/v: what the type was read from
    title: str | None = None
    issuer_lines: list[str] = field(default_factory=list)
    body_start: int = 0  # first block after the preamble
    preamble: list[int] = field(default_factory=list)
    body_end: int = 0  # first block of Nơi nhận / signature
    # documents attached after the signature (the plan a Quyết định issues, appendices): block ranges
    attachments: list[tuple[int, int]] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signer_name: str | None = None
    signer_title: str | None = None
    signer_authority: str | None = None
    collective: str | None = None


def block_lines(block: Block) -> list[str]:
    """A block's lines; a layout table (issuer | Quốc hiệu, Nơi nhận | signature) read column by column."""
    if block.kind is not BlockKind.table or not block.rows:
        return [block.text]
    out: list[str] = []
    for c in range(max(len(r) for r in block.rows)):
        for row in block.rows:
            if c < len(row):
                out.extend(t.strip() for t in row[c].text.split("\n") if t.strip())
    return out


def header_lines(blocks: list[Block], limit: int = 25) -> list[Line]:
    """The first lines of the document, with the block each comes from."""
    return [Line(text, i) for i, b in enumerate(blocks[:limit]) for text in block_lines(b)]


def _unspaced(text: str) -> str:
    """'S ố : 3 2 6 / Q Đ - U B N D' (glyphs set apart by letter spacing) → 'Số:326/QĐ-UBND'."""
    tokens = text.split()
    if len(tokens) >= 6 and sum(len(t) == 1 for t in tokens) >= 0.7 * len(tokens):
        return "".join(tokens)
    return text


def _type_heading(text: str) -> str | None:
    t = match_form(text).strip(" :*")
    for name in doc_type_names():
        if t == name.lower():
            return name
    return None


def analyse(blocks: list[Block]) -> Layout:
    lay = Layout()
    lines = header_lines(blocks)
    title_at: int | None = None
    for idx, ln in enumerate(lines):
        if _PREAMBLE.match(ln.text) and len(ln.text) > 60 and not is_upper_heading(ln.text):
            if lay.number_line is None and lay.date_line is None and lay.doc_type is None \
                    and any(_NUMBER.match(later.text) for later in lines[idx + 1:]):
                continue  # an editorial summary before the document ("Ngày …, Bộ X đã ban hành …"), not its preamble
            lines = lines[:idx]
            break
        m = _NUMBER.match(ln.text) or _NUMBER.match(_unspaced(ln.text)) or _NUMBER_INSIDE.search(ln.text)
        if m is None and re.fullmatch(r"\s*Số\s*[:.]?\s*", ln.text) and idx + 1 < len(lines):
            m = _NUMBER.match("Số: " + lines[idx + 1].text)  # "Số:" with the number on the next line
        if m and lay.number_line is None:
            n = m.group("n").strip(" .")
            rest = re.sub(r"\s+", "", m.group("rest"))
            lay.number = f"{n}{rest}" if n and n[0].isdigit() else None
            lay.number_line = ln.block
        dm = _DATE.search(ln.text)
        if dm and lay.date_line is None and "ngày" in ln.text.lower():
            place = dm.group("place").strip(" *")
            lay.place = re.sub(r"^.*?(?:Độc lập - Tự do - Hạnh phúc|\)|Số:.*?/\S+)\s*", "", place).strip()
            if dm.group("d") and dm.group("m"):
                try:
                    d, mo, y = (int(dm.group(g).replace(" ", "")) for g in ("d", "m", "y"))
                    if 1 <= mo <= 12 and 1 <= d <= 31:
                        lay.date = f"{y:04d}-{mo:02d}-{d:02d}"
                except ValueError:
                    pass
            y = re.sub(r"\D", "", dm.group("y") or "")
            lay.year = int(y) if len(y) == 4 else None
            lay.date_line = ln.block
        elif lay.date_line is None and _DATE_SLOT.search(ln.text):
            lay.date_line = ln.block  # the date is there, not legible: no date rather than a guessed one
        t = _type_heading(ln.text)
        if t and lay.doc_type is None:
            lay.doc_type, lay.type_source = t, "heading"
            title_at = idx
    code = re.search(r"/(?:\d{4}/)?([A-ZĐ][A-Za-zĐđ]*)(?:-|$)", lay.number or "")
    by_code = code_to_type().get(code.group(1)) if code else None
    if by_code == "Văn bản hợp nhất" or (lay.doc_type is None and by_code):
        # no type heading: the type code of the number ("…/CĐ-TTg"); a consolidated text ("92/VBHN-BQP")
        # repeats the heading of the text it consolidates
        lay.doc_type, lay.type_source = by_code, "code"
    # issuer: header lines before "Số:" that are not the Quốc hiệu
    for ln in lines:
        if _NUMBER.match(ln.text) or _type_heading(ln.text) or _DATE.search(ln.text):
            break
        text = cut_header_noise(ln.text.strip(" -_*"))  # "ỦY BAN NHÂN DÂN   CỘNG HÒA XÃ HỘI …" on one line
        if _QUOC_HIEU.search(match_form(text)) or not text or text.startswith("[") or is_portal_head(match_form(text)):
            continue  # the portal's table and banner before a document that lost its own header
        if is_upper_heading(text) or len(text) < 60:
            if lay.issuer_lines and len(lay.issuer_lines[-1].split()) == 1 and lay.issuer_lines[-1].isupper():
                lay.issuer_lines[-1] += f" {text}"  # "ỦY" / "BAN NHÂN DÂN": a line broken inside a word
            else:
                lay.issuer_lines.append(text)
    # title: lines after the type heading until the preamble or the first section
    if title_at is not None:
        parts = []
        for ln in lines[title_at + 1: title_at + 8]:
            # "TRIỂN KHAI THỰC HIỆN …" in capitals is the title; "Triển khai …" in a sentence is the preamble
            if (_PREAMBLE.match(ln.text) and not (is_upper_heading(ln.text) and not parts)) \
                    or list_label(ln.text) or ln.text.lower().startswith("kính gửi"):
                break
            parts.append(ln.text.strip(" -*"))
            if ln.text.rstrip().endswith((".", ";")):
                break
        lay.title = " ".join(parts).strip() or None
    elif any(l.text.lower().startswith("v/v") for l in lines):
        lay.doc_type, lay.type_source = "Công văn", "v/v"
        vv = next(l for l in lines if l.text.lower().startswith("v/v"))
        lay.title = vv.text[3:].strip()
    # preamble: from after the title to the first section label
    first = max([ln.block for ln in lines if ln.block is not None and (
        _NUMBER.match(ln.text) or _DATE.search(ln.text) or _type_heading(ln.text))] or [-1]) + 1
    has_sections = any(b.kind is BlockKind.list_item and b.label and b.label not in {"-", "+", "•"}
                       for b in blocks[max(first, 0):])
    i = first
    while i < len(blocks):
        b = blocks[i]
        text = b.text.strip()
        if b.kind is BlockKind.list_item and b.label and b.label not in {"-", "+", "•"}:
            break
        if re.match(r"^(QUYẾT ĐỊNH|QUYẾT NGHỊ|CHỈ THỊ)\s*:?$", text):
            i += 1
            break
        prev = blocks[lay.preamble[-1]].text.rstrip() if lay.preamble else ""
        if _PREAMBLE.match(text) or (lay.preamble and not is_upper_heading(text) and (
                has_sections or text[:1].islower() or not prev.endswith((";", ".", ":", "./.")))):
            lay.preamble.append(i)  # a basis, or the rest of one broken over lines
        elif not has_sections and (lay.preamble or (i > first and not is_upper_heading(text) and len(text) > 80)):
            break  # a Công văn has no numbered sections: its body starts after the bases
        i += 1
    if not lay.preamble and has_sections:
        # a Công điện has no bases: after its addressees, its opening paragraphs (the situation, then
        # "Thủ tướng Chính phủ yêu cầu … thực hiện các nhiệm vụ sau:") are body before the numbered items
        i = next((k for k in range(max(first, 0), i) if len(blocks[k].text) > 200
                  and not is_upper_heading(blocks[k].text)), i)
    lay.body_start = i
    # Nơi nhận and signature: from the end
    lay.body_end = len(blocks)
    for i in range(len(blocks) - 1, max(lay.body_start, 0) - 1, -1):
        t = blocks[i].text.strip()
        if _RECIPIENTS.match(t) or _SIGN_AUTH.match(t):
            lay.body_end = i
    lay.attachments = _attachments(blocks, lay.body_end)
    _signature_and_recipients(blocks, lay)
    return lay


def analyse_span(blocks: list[Block], start: int, end: int) -> Layout:
    """The layout of the document proper, blocks[start:end] (nlp/zones.py finds it inside a portal's page),
    with block indices into the whole list."""
    if (start, end) == (0, len(blocks)):
        return analyse(blocks)
    lay = analyse(blocks[start:end])

    def at(i: int | None) -> int | None:
        return None if i is None else i + start

    lay.number_line, lay.date_line = at(lay.number_line), at(lay.date_line)
    lay.body_start, lay.body_end = lay.body_start + start, lay.body_end + start
    lay.preamble = [i + start for i in lay.preamble]
    lay.attachments = [(a + start, b + start) for a, b in lay.attachments]
    return lay


_ATTACHMENT = re.compile(r"^(PHỤ LỤC|Phụ lục)\b")
_ENDS_ATTACHMENT = _RECIPIENTS


def _attachments(blocks: list[Block], start: int) -> list[tuple[int, int]]:
    """After the signature: an attached document starts at a type heading ("KẾ HOẠCH" issued by the
    Quyết định above it) or "PHỤ LỤC", and runs to its own Nơi nhận / signature or the end."""
    out: list[tuple[int, int]] = []
    i = start
    while i < len(blocks):
        text = blocks[i].text.strip()
        if _type_heading(text) or _ATTACHMENT.match(text) or (
                is_upper_heading(text) and len(text.split()) >= 5 and not _SIGN_AUTH.match(text)
                and not text.startswith(("-", "+", "•")) and not _QUOC_HIEU.search(match_form(text))
                and not _TITLE_WORDS.search(text)):  # "TRƯỞNG BAN BAN CHÍNH SÁCH,": the signer's title
            j = i + 1
            while j < len(blocks) and not _ENDS_ATTACHMENT.match(blocks[j].text.strip()) \
                    and not (_SIGN_AUTH.match(blocks[j].text.strip()) and j > i + 3):
                j += 1
            out.append((i + 1, j))
            i = j
        i += 1
    return out


def _signature_and_recipients(blocks: list[Block], lay: Layout) -> None:
    tail: list[str] = []
    for b in blocks[lay.body_end:]:
        tail.extend(t.strip() for t in block_lines(b))
        if (_ATTACHMENT.match(b.text.strip()) or _type_heading(b.text)) and len(tail) > 3:
            break
    in_recipients = False
    closed = False  # the Nơi nhận list ended with its "Lưu: …" line
    for t in tail:
        m = _RECIPIENTS.match(t)
        if m:
            in_recipients = True
            t = t[m.end():].lstrip(" :;")
            if not t:
                continue
        if _SIGN_AUTH.match(t):
            in_recipients = False
            lay.signer_authority = t
            lay.collective = _SIGN_AUTH.sub("", t).strip() if t.upper().startswith(("TM", "T/M")) else lay.collective
            rest = _SIGN_AUTH.sub("", t)
            if _TITLE_WORDS.search(rest) and not t.upper().startswith(("TM", "T/M")) and _TITLE_WORDS.split(rest)[-1]:
                lay.signer_title = _last_title(rest)
            continue
        if in_recipients and lay.signer_name is None and not t.lstrip().startswith(("-", "–", "•", "+")) \
                and _NAME.match(t) and t.split()[0] in _SURNAMES and len(t.split()) >= 2:
            lay.signer_name = t  # the signer's name read in the middle of Nơi nhận: two columns interleaved
            continue
        if in_recipients:
            items = re.split(r"(?:^|;)\s*[-–•+]\s*", t) if t.lstrip().startswith(("-", "–", "•", "+")) else [t]
            for item in items:
                item = item.strip().strip(";.").strip()
                item = re.sub(r"^[-–•+]\s*", "", item).strip().rstrip(";.,:")  # ':' an OCR'd ';'
                if re.match(r"^L[ưuư]u\s*:", item, re.I):  # "Luu: VT" as a scan reads "Lưu: VT"
                    in_recipients, closed = False, True
                    continue
                if not item or re.match(r"^Lưu\s*:?", item, re.I):
                    if item:
                        in_recipients, closed = False, True  # "Lưu: VT" closes Nơi nhận
                    continue
                if _TITLE_WORDS.fullmatch(item.split(" ")[0]) and item.isupper():
                    continue
                lay.recipients.append(item)
            continue
        if (_TITLE_WORDS.search(t) or _TITLE_FOLDED.search(fold(t))) and t.isupper() and len(t) < 60:
            lay.signer_title = _last_title(t)
            continue
        scribbled = _SCRIBBLED_NAME.search(t)  # "'©22 c2, Hoàng Văn Thuân": the signature's strokes OCR'd
        if scribbled and not _NAME.match(t) and scribbled.group(1).split()[0] in _SURNAMES \
                and not re.search(r"[^\W\d_]{3,}", t[:scribbled.start(1)]):
            t = scribbled.group(1)
        if _NAME.match(t) and lay.signer_name is None and (
                lay.signer_title or lay.signer_authority or (closed and t.split()[0] in _SURNAMES and len(t.split()) >= 3)):
            # a person's name after the closed Nơi nhận is the signer's, even where the title above it
            # was not read (a red seal over it in a scan); three words at least: "Hà Nội" is a place
            lay.signer_name = t


def _last_title(text: str) -> str:
    t = re.sub(r"^(TM[.,:]|KT[.,:]|Q\.|TL[.,:]|TUQ[.,:])\s*", "", text.strip(), flags=re.I)
    # "KT. CHỦ TỊCH PHÓ CHỦ TỊCH" → "Phó Chủ tịch"
    m = re.search(r"(PHÓ\s+)?(CHỦ TỊCH|GIÁM ĐỐC|TRƯỞNG BAN|CHÁNH VĂN PHÒNG|BỘ TRƯỞNG|THỨ TRƯỞNG|TRƯỞNG ĐOÀN|CỤC TRƯỞNG|TRƯỞNG PHÒNG|"
                  r"CHÁNH THANH TRA|BÍ THƯ|THỦ TƯỚNG|CHỦ NHIỆM)\s*$", t.upper())
    title = m.group(0) if m else t
    return title.capitalize().replace("chủ tịch", "Chủ tịch").replace("giám đốc", "Giám đốc")
