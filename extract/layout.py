"""From physical lines to logical blocks: paragraph joining and list labels.

PDF text, pdftotext output and portal pages break lines inside sentences.
A line starts a new paragraph when it carries a list label, when it is
indented as a first line, when the previous line was short (a paragraph's
last line), or when the previous line closed a sentence and this one opens a
new one. Everything else is a continuation and is joined with one space.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median

from ..models.text import vi_pattern
from .ocr_correct import model, token_key
from ..models import BBox, Block, BlockKind

# Labels a reader sees at the start of an item, most specific first.
LIST_LABEL = re.compile(vi_pattern(
    r"""^(?P<label>
        (?:Điều|ĐIỀU)\s+\d+[a-z]?\.?          # Điều 1.
      | (?:Phần|PHẦN|Chương|CHƯƠNG|Mục|MỤC)\s+(?:[IVXLC]+|\d+)\.?
      | [IVXLC]{1,6}\.(?=\s)                 # I. II.
      | \d{1,2}(?:\.\d{1,2}){1,3}\.?(?=\s)   # 1.1 1.1.1.
      | \d{1,2}[.)](?=\s)                    # 1. 1)
      | [a-zđ]\)(?=\s)                       # a) b)
      | \((?:[ivx]{1,4}|\d{1,2}|[a-zđ])\)\.?(?=\s)  # (i) (ii). (1) (a)
      | [a-zđ]\.(?=\s[[:upper:]])               # a. Nội dung
      | [-+•–*∙·](?=\s)                      # - + •
    )"""),
    re.VERBOSE,
)
_SENTENCE_END = re.compile(r"(?:[.;:!?…]|\./\.|\.\)|;\))[\"”’)]*\s*$")
_UPPER_START = re.compile(vi_pattern(r"^[\"“(]?[[:upper:]]"))
# Words that need what follows them (prepositions, conjunctions, "quý"/"tháng"/"ngày" before their number):
# a line ending in one never ends a paragraph, even when the next line opens in capitals
# ("… chế độ báo cáo về" / "Ban Chỉ huy …", "Thời gian thực hiện: Quý" / "IV năm 2025 …").
DANGLING_WORDS = frozenset({
    "của", "về", "với", "và", "các", "cho", "tại", "theo", "đến", "từ", "là", "được", "trong", "những",
    "thuộc", "để", "do", "bởi", "vào", "trên", "hoặc", "cùng", "giữa", "quý", "tháng", "ngày", "số",
})


def list_label(text: str) -> str | None:
    m = LIST_LABEL.match(text.lstrip())
    return m.group("label") if m else None


def label_level(label: str) -> int:
    """Nesting depth of a label: I. → 1, 1. → 2, 1.1. → 3, a) → 4, - → 5, + → 6."""
    if re.match(r"(?i)(điều|phần|chương|mục)", label):
        return 1
    if re.fullmatch(r"[IVXLC]+\.", label):
        return 1
    if re.fullmatch(r"\d+(\.\d+)+\.?", label):
        return 2 + label.rstrip(".").count(".")
    if re.fullmatch(r"\d+[.)]", label):
        return 2
    if re.fullmatch(r"[a-zđ][).]|\((?:[ivx]{1,4}|\d{1,2}|[a-zđ])\)\.?", label):
        return 5
    if label in {"+"}:
        return 7
    return 6


def bullet_label(text: str) -> str:
    """The bullet people read for the one a word processor stores: Symbol/Wingdings bullets live in the
    private use area (DOCX) or are Latin-1 letters drawn in those fonts (Word's HTML: "·", "§", "Ø")."""
    if not text or any(0xF000 <= ord(c) <= 0xF0FF for c in text) or text in {"·", "•", "o", "§", "Ø"}:
        return "-" if text in {"\uf02d", "-", "–"} or not text else "•"
    return text.strip()


def is_upper_heading(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


@dataclass
class Line:
    text: str
    page: int | None = None
    indent: float = 0.0  # characters (text files) or points (PDF)
    x1: float | None = None  # right edge, when known
    bbox: BBox | None = None
    hard_break: bool = False  # the format says a paragraph ends after this line
    bold: bool = False
    continues: bool = False  # the format says this line continues the previous one
    table: list[list[str]] | None = None  # a whole table standing in the flow of lines
    table_boxes: list | None = None  # its cells' boxes (BBox | None), row by row, when the PDF draws them


@dataclass
class Paragraph:
    lines: list[Line] = field(default_factory=list)

    @property
    def text(self) -> str:
        out = ""
        for line in self.lines:
            t = line.text.strip()
            if not out:
                out = t
            elif out.endswith("-") and not out.endswith(" -") and t[:1].islower():
                out = out + t  # a word hyphenated across lines is rare in Vietnamese; keep the hyphen
            else:
                out = out + " " + t
        return re.sub(r"\s+", " ", out).strip()


def mark_blank_breaks(lines: list[Line]) -> list[Line]:
    """A blank line ends the paragraph above it; returns the non-blank lines."""
    for i, ln in enumerate(lines[:-1]):
        if not ln.text and i > 0:
            lines[i - 1].hard_break = True
    return [ln for ln in lines if ln.text]


def join_lines(lines: list[Line], *, indent_step: float = 3.0, heuristics: bool = True,
               short_first_lines: bool = False) -> list[Paragraph]:
    """Group physical lines into paragraphs.

    With ``heuristics=False`` only hard breaks, list labels and heading/body
    changes split: for formats whose blank lines already mark paragraphs.
    ``short_first_lines``: the format indents a paragraph's first line (portal pages), so a short first
    line that ends nothing goes on.
    """
    body = [ln for ln in lines if ln.text.strip()]
    if not body:
        return []
    lengths = [len(ln.text.strip()) for ln in body]
    widths = sorted(lengths)
    full = widths[int(len(widths) * 0.8)] if widths else 0
    rights = sorted(ln.x1 for ln in body if ln.x1 is not None)
    right_margin = rights[int(len(rights) * 0.9)] if rights else None
    base_indent = median(sorted(ln.indent for ln in body)[: max(1, len(body) // 2)])

    paragraphs: list[Paragraph] = []
    prev: Line | None = None
    for ln in body:
        opening = short_first_lines and bool(paragraphs) and len(paragraphs[-1].lines) == 1  # ``prev`` opened it
        if prev is None or (
            _starts_paragraph(prev, ln, full, right_margin, base_indent, indent_step, opening) if heuristics
            else _starts_structurally(prev, ln)
        ):
            paragraphs.append(Paragraph())
        paragraphs[-1].lines.append(ln)
        prev = ln
    return paragraphs


def _starts_structurally(prev: Line, cur: Line) -> bool:
    p, c = prev.text.strip(), cur.text.strip()
    if prev.table is None and cur.table is None and _continues_sentence(p, c):
        return False  # "Phối" / "hợp với …": a paragraph never opens in lower case mid-sentence
    if prev.table is None and cur.table is None and not prev.hard_break and (_dangling(p, c) or splits_a_word(p, c)):
        return False
    return prev.table is not None or cur.table is not None or prev.hard_break or bool(list_label(c)) or is_upper_heading(p) != is_upper_heading(c)


def continues_sentence(p: str, c: str) -> bool:
    """``c`` carries on the sentence ``p`` left open (a paragraph never opens in lower case)."""
    return _continues_sentence(p.strip(), c.strip())


def _continues_sentence(p: str, c: str) -> bool:
    if list_label(c) or is_upper_heading(p) or not c:
        return False
    if p.endswith(",") and not is_upper_heading(c):
        return True  # a line ending in a comma never ends a paragraph
    return bool(c[:1].islower() and p[-1:].isalnum() and not _SENTENCE_END.search(p))


_WORD_EDGE = re.compile(r"^\W*(\w+)|(\w+)\W*$")


def splits_a_word(p: str, c: str) -> bool:
    """The break falls inside a word: the last syllable of ``p`` and the first of ``c`` are a pair the syllable
    model has seen bound together ("… Mặt trận Tổ quốc Việt" / "Nam tiếp tục …", "Mặt trận" / "Tổ quốc"), so the
    line goes on whatever its length or case. Never after a sentence's end, never before a list label."""
    if not p or not c or _SENTENCE_END.search(p) or list_label(c) or is_upper_heading(p) or is_upper_heading(c):
        return False
    last, first = re.search(r"(\w+)\W*$", p), re.match(r"\W*(\w+)", c)
    if not last or not first or c[:1] in "(\"“-–+•*" or last.group(1).isdigit():
        return False
    lm = model()  # the committed syllable bigrams, loaded once
    if lm is None:
        return False
    a, b = token_key(last.group(1)), token_key(first.group(1))
    bound, lift = lm.logp(a, b), lm.logp(a, b) - lm.logp(None, b)
    if last.group(1)[:1].isupper() and first.group(1)[:1].isupper():  # inside a name: "Sở Công" / "Thương …"
        return bound >= _NAME_BOUND_LOGP and lift >= _NAME_BOUND_LIFT
    return bound >= _BOUND_LOGP and lift >= _BOUND_LIFT


# log P(b | a) of a syllable pair inside one word ("Việt Nam" −0.2, "Mặt trận" −1.3), and how much more likely b
# is after a than anywhere; a pair across words ("Sở Văn" −5.1, "tịch Chủ" −8.7) is far below
_BOUND_LOGP, _BOUND_LIFT = -2.0, 3.0
# between two capitalised syllables a break is inside a name more often: "Công Thương" (−4.8, lift 2.0) is
# bound, "tỉnh Sở" (−12.4) and "phố Công" (−7.3) are not
_NAME_BOUND_LOGP, _NAME_BOUND_LIFT = -5.0, 1.5


def _dangling(p: str, c: str) -> bool:
    """``p`` ends in a word that needs a complement, so ``c`` goes on with it."""
    if not p or not c or list_label(c) or is_upper_heading(p) or is_upper_heading(c) or _SENTENCE_END.search(p):
        return False
    last = p.rsplit(None, 1)[-1].strip("*_")
    return last.lower() in DANGLING_WORDS and last[:1].islower() or last in {"Quý", "Tháng"} and p == last


# three or more short capitalised names in a row: "Xây dựng, Ngoại giao, Tư pháp, …", "Hà Tĩnh, Quảng Trị, Huế, …"
_INLINE_NAMES = re.compile(r"^(?:[^\W\d_][\w-]*(?:\s+\w+){0,3}\s*,\s*){2,}[^\W\d_]")


def _names_after_colon(p: str, c: str) -> bool:
    """``p`` ends in a colon and ``c`` runs on with the names it announces, inline ("Bộ trưởng các Bộ:" /
    "Xây dựng, Ngoại giao, Tư pháp, … chịu trách nhiệm …"): one sentence, where a list would open each item
    with a label or on its own line."""
    if not p.endswith(":") or list_label(c) or is_upper_heading(p) or is_upper_heading(c):
        return False
    m = _INLINE_NAMES.match(c)
    return bool(m) and all(x.strip()[:1].isupper() for x in m.group(0).split(",") if x.strip())


def _starts_paragraph(prev: Line, cur: Line, full: int, right_margin: float | None,
                      base_indent: float, indent_step: float, opening: bool = False) -> bool:
    p, c = prev.text.strip(), cur.text.strip()
    if prev.table is not None or cur.table is not None:
        return True
    if _continues_sentence(p, c):
        return False  # even across a blank line: a paragraph never opens in lower case mid-sentence
    if prev.hard_break:
        return True
    if cur.continues or _dangling(p, c) or splits_a_word(p, c) or _names_after_colon(p, c):
        return False
    if list_label(c):
        return True
    if is_upper_heading(p) != is_upper_heading(c) and len(p) < 0.9 * max(full, 1):
        return True
    if prev.bold != cur.bold and (prev.bold or cur.bold) and len(p) < 0.9 * max(full, 1):
        return True
    short = (right_margin is not None and prev.x1 is not None and prev.x1 < right_margin - 40) or (
        right_margin is None and len(p) < 0.72 * full)
    ends = bool(_SENTENCE_END.search(p))
    if opening and short and not ends and right_margin is None and len(p) >= 25 and not list_label(p) \
            and p[-1:].isalpha() and prev.bold == cur.bold:
        # portals indent a paragraph's first line, so it is short without ending anything
        # ("Văn phòng Chính phủ thông báo để Ủy ban nhân dân tỉnh" / "Điện Biên và các Bộ … biết, thực hiện.")
        return False
    opens = bool(_UPPER_START.match(c))
    if c[:1].islower() and not ends and p[-1:] not in {":", ";"}:
        return False  # "- Xây dựng, nâng cấp hạ tầng" / "công nghệ thông tin …": a wrapped sentence
    if short and (ends or opens or not p[-1:].isalnum()):
        return True
    if short and len(p) < 0.5 * full:
        return True
    if ends and opens:
        return True
    if cur.indent - base_indent >= indent_step and cur.indent - prev.indent >= indent_step and opens:
        return True
    return False


def to_block(text: str, *, page: int | None = None, paragraph: int | None = None,
             bbox: BBox | None = None, bold: bool = False) -> Block:
    """Classify one paragraph: list item (with its label), heading, or paragraph."""
    label = list_label(text)
    if label:
        return Block(kind=BlockKind.list_item, text=text, label=label, level=label_level(label),
                     page=page, paragraph=paragraph, bbox=bbox)
    kind = BlockKind.heading if (is_upper_heading(text) and len(text) < 200) else BlockKind.paragraph
    return Block(kind=kind, text=text, page=page, paragraph=paragraph, bbox=bbox)


def join_broken_paragraphs(blocks: list[Block]) -> list[Block]:
    """Word files converted from PDF keep each printed line as a paragraph ("Bộ Nông nghiệp và Môi" /
    "trường bổ sung …"): a paragraph opening in lower case continues the one before it. Renumbers
    ``Block.paragraph`` in order."""
    out: list[Block] = []
    for b in blocks:
        prev = out[-1] if out else None
        if prev is not None and b.kind is BlockKind.paragraph and not b.label and prev.kind is not BlockKind.table \
                and prev.kind is not BlockKind.heading and continues_sentence(prev.text, b.text):
            prev.text = f"{prev.text.rstrip()} {b.text.lstrip()}"
            continue
        out.append(b)
    for i, b in enumerate(out):
        b.paragraph = i
    return out
