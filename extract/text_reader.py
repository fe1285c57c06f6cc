"""Plain text: UTF-8/UTF-16 or legacy 8-bit, hard-wrapped lines, pdftotext -layout headers."""
from __future__ import annotations

import re
from pathlib import Path

from .base import ReadError, ReadOptions, register
from .layout import Line, join_lines, mark_blank_breaks, to_block
from .normalize import clean, repair_legacy
from .syllables import measure
from ..models import SourceDocument

_COLUMN_GAP = re.compile(r"\S(\s{4,})\S")


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode text bytes; returns (text, encoding used)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    lenient = data.decode("utf-8", errors="replace")
    if lenient.count("\ufffd") <= 0.1 * max(1, sum(ord(c) > 127 for c in lenient)):
        return lenient, "utf-8"  # UTF-8 with a few damaged bytes, not an 8-bit code page
    if data.count(b"\x00") > len(data) // 4:
        raise ReadError("binary_file", "the file holds binary data, not text")
    text = data.decode("cp1258", errors="replace")  # Vietnamese Windows code page
    return text, "cp1258"


def split_columns(raw_lines: list[str], header_lines: int = 12) -> list[Line]:
    """pdftotext -layout puts the issuer and the Quốc hiệu side by side: read the left
    column of the header first, then the right one."""
    left: list[Line] = []
    right: list[Line] = []
    out: list[Line] = []
    in_header = True
    for i, raw in enumerate(raw_lines):
        stripped = raw.rstrip()
        indent = len(stripped) - len(stripped.lstrip())
        m = _COLUMN_GAP.search(stripped)
        if in_header and i < header_lines and m:
            cut = m.start(1)
            left.append(Line(stripped[:cut].strip(), indent=indent, hard_break=True))
            right.append(Line(stripped[m.end(1) - 1:].strip(), indent=cut, hard_break=True))
            continue
        if in_header and (left or right) and stripped.strip() and i >= 2 and not m:
            in_header = False
            out.extend(left + right)
            left, right = [], []
        if not stripped.strip():
            out.append(Line("", indent=0))
            continue
        out.append(Line(stripped.strip(), indent=indent))
    out = _split_signature(out) if any(_RECIPIENTS.match(ln.text) for ln in out) else out
    return left + right + out if (left or right) else out


_RECIPIENTS = re.compile(r"^Nơi\s*nhận", re.I)
_TAIL_END = re.compile(r"^(PHỤ LỤC|Phụ lục)\b")


def _split_signature(lines: list[Line]) -> list[Line]:
    """From "Nơi nhận" on, pdftotext -layout puts the recipients (left) beside the signature (right):
    read the left column, then the right one, so neither breaks the other's lines."""
    start = next(i for i, ln in enumerate(lines) if _RECIPIENTS.match(ln.text))
    end = next((i for i in range(start + 1, len(lines)) if _TAIL_END.match(lines[i].text)), len(lines))
    left: list[Line] = []
    right: list[Line] = []
    for ln in lines[start:end]:
        m = _COLUMN_GAP.search(ln.text)
        if m:
            left.append(Line(ln.text[:m.start(1)].strip(), indent=ln.indent, hard_break=True))
            right.append(Line(ln.text[m.end(1) - 1:].strip(), indent=m.start(1), hard_break=True))
        elif ln.indent > 30:
            right.append(Line(ln.text, indent=ln.indent, hard_break=True))
        else:
            left.append(ln)
    if not right:
        return lines
    return lines[:start] + left + [Line("", indent=0)] + right + lines[end:]


def lines_to_blocks(lines: list[Line], *, blank_is_break: bool) -> list:
    """Blank lines end paragraphs unless the text is double-spaced (a blank after every line)."""
    lines = mark_blank_breaks(lines) if blank_is_break else [ln for ln in lines if ln.text]
    paragraphs = join_lines(lines)
    return [to_block(p.text, paragraph=i) for i, p in enumerate(paragraphs)]


def is_double_spaced(raw_lines: list[str]) -> bool:
    nonblank = [i for i, ln in enumerate(raw_lines) if ln.strip()]
    if len(nonblank) < 10:
        return False
    gaps = sum(1 for a, b in zip(nonblank, nonblank[1:]) if b - a == 2)
    return gaps >= 0.7 * (len(nonblank) - 1)


@register
class TextReader:
    name = "text"
    extensions = (".txt", ".text")

    def read(self, path: Path, options: ReadOptions) -> SourceDocument:
        data = path.read_bytes()
        text, encoding = decode_bytes(data)
        text, legacy = repair_legacy(clean(text, fold_spaces=False))
        if encoding == "cp1258":
            # 8-bit text typed in a .VnTime (TCVN3) or VNI-Times font: its bytes are cp1252 letters,
            # which cp1258 would turn into combining marks. Keep whichever reading is more Vietnamese.
            carried, carried_legacy = repair_legacy(clean(data.decode("cp1252", errors="replace"), fold_spaces=False))
            if carried_legacy is not None and measure(carried).validity > measure(text).validity:
                text, legacy, encoding = carried, carried_legacy, "cp1252"
        raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        double = is_double_spaced(raw_lines)
        lines = split_columns(raw_lines)
        for ln in lines:
            ln.text = clean(ln.text).strip()
        doc = SourceDocument(path=str(path), format="text")
        doc.blocks = lines_to_blocks(lines, blank_is_break=not double)
        doc.metadata.update(encoding=encoding, legacy_encoding=legacy, double_spaced=double)
        return doc
