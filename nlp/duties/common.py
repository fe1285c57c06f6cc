"""What every duty shape shares: the duty found (RawTask), a block's text without its label, the names a duty
gives its owners and supporters, and the cues that open a role line, a task frame or a request."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...models import Block, BlockKind
from ...models.text import vi_pattern
from ..agencies import Mention, find_agencies, is_generic_group, strip_head_title
from ..deadlines import DeadlineHit

# the marks of an unnumbered item: a bullet, not a number or a letter that opens a section or an item
BULLETS = frozenset({"-", "+", "•", "*"})
NO_LEVEL = 99  # a block outside the numbering: deeper than any item

# role lines: "Đơn vị chủ trì: X", "Cơ quan phối hợp: Y"; a task frame's lines: "Nhiệm vụ: …", "Thời gian: …"
ROLE_LEAD = re.compile(r"^(?:đơn vị|cơ quan)\s+(?:chủ trì|thực hiện|thường trực|đầu mối)"
                       r"(?:\s+(?:tham mưu|thực hiện|triển khai))*\s*:\s*", re.I)
ROLE_SUPPORT = re.compile(r"^(?:đơn vị|cơ quan)\s+phối hợp(?:\s+(?:tham mưu|thực hiện|triển khai))*\s*:\s*", re.I)
FRAME_TASK = re.compile(r"^(?:nhiệm vụ|nội dung(?: nhiệm vụ)?|nội dung thực hiện)\s*:\s*", re.I)
FRAME_TIME = re.compile(r"^(?:thời gian|thời hạn|tiến độ)(?:\s+(?:thực hiện|hoàn thành))?\s*:\s*", re.I)
# the words that give a duty to whom they name: "Giao Sở X …", "Đề nghị …", "Yêu cầu …"
TRIGGER = re.compile(r"(?:^|(?<=[\s,;.]))(Giao|giao|Đề nghị|đề nghị|Yêu cầu|yêu cầu|Ủy quyền)\s+(?=\S)")
GIVES = re.compile(r"^(?:Giao|Đề nghị|Yêu cầu)\s+\S")
SUPPORT_CUE = re.compile(r"(?<!kết quả )(?<!công tác )(?<!việc )\bphối hợp(?:\s+chặt chẽ)?(?:\s+với|\s+cùng)?\s+", re.I)
# the heads' titles before a body's name, and a generic group between them, in a list of owners
TITLE_GAP = re.compile(r"(?i)(?:thủ trưởng|người đứng đầu)\s+(?:các\s+)?(?:cơ quan|đơn vị)(?:\s*,\s*(?:cơ quan|đơn vị))*"
                       r"(?:\s+trực thuộc)?|\b(?:giám đốc|phó giám đốc|chủ tịch|thủ trưởng|chánh văn phòng|"
                       r"chánh thanh tra|trưởng ban|vụ trưởng|cục trưởng|viện trưởng|tổng cục trưởng|bộ trưởng)\s*(?:các\s*)?$")
# people are named after a title of address and a capitalised name: they are never agencies
ADDRESS = r"(?:Ông|Bà|Đồng chí|Đ/c)\.?"
NAME_WORD = vi_pattern(r"[[:upper:]]\w*")


@dataclass
class RawTask:
    text: str
    leads: list[str]
    supports: list[str] = field(default_factory=list)
    deadline: DeadlineHit | None = None
    block: int = 0
    start: int = 0
    end: int = 0
    source: str = "sentence"
    section: str | None = None
    requested: bool = False
    row: int | None = None  # a table duty's row in Block.rows
    # what made it a duty: trigger (Giao / Đề nghị / Yêu cầu X …), responsibility ('X có trách nhiệm …',
    # 'Trách nhiệm của X'), execution ('… chịu trách nhiệm thi hành'), closing ('… để X biết, thực hiện'),
    # subject (an agency as a sentence's subject), passive, heading, item ('- Sở X: …'), frame, role, table
    cue: str = "subject"


def strip_label(block: Block) -> tuple[str, int]:
    """The block's text without its label ("1.", "a)", "-"), and where that text starts in the block."""
    text = block.text
    if block.label and text.startswith(block.label):
        rest = text[len(block.label):]
        offset = len(text) - len(rest.lstrip())
        return rest.strip(), offset
    return text.strip(), 0


def clean_task_text(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ;,")
    text = re.sub(r"\./\.$", ".", text)
    return text


def block_level(block: Block) -> int:
    return block.level if block.level is not None else NO_LEVEL


def is_numbered(block: Block) -> bool:
    """A list item labelled by a number or a letter ("1.", "a)", "(i)"), not by a bullet."""
    return block.kind is BlockKind.list_item and block.label not in BULLETS


def names_of(mentions: list[Mention]) -> list[str]:
    """The bodies mentioned, each once, without their heads' titles; a generic group names none."""
    out = []
    for m in mentions:
        name = strip_head_title(m.name).strip(" ,;:.")
        if name and not is_generic_group(name) and name not in out:
            out.append(name)
    return out


_EVALUATION = re.compile(r"^\W*(?:Đánh giá|Báo cáo|Tổng kết|Sơ kết|Tổng hợp kết quả)\b", re.I)
_LIST_GAP_FIRST = re.compile(r"\s*(?:các\s+)?")
_LIST_GAP = re.compile(r"[\s,;]*(?:và|cùng|với|,)?[\s,]*(?:các\s+)?")
_ONLY_COOPERATES = re.compile(r"^\W*(?:chủ động\s+)?phối hợp(?:\s+(?:chặt chẽ|thực hiện|triển khai|tổ chức|cùng))*"
                              r"(?:\s+(?:kế hoạch|nhiệm vụ)(?:\s+này)?)?\s*[.;]?\s*$", re.I)


def only_cooperates(duty: str) -> bool:
    """"… phối hợp thực hiện." — a duty that is nothing but cooperating: its agencies support."""
    return bool(_ONLY_COOPERATES.match(duty))


def find_supports(text: str) -> list[str]:
    """Concrete agencies listed right after 'phối hợp (với)': the list ends at the first word that
    is not an agency or a separator ("… với Sở Nội vụ, Văn phòng UBND tỉnh hướng dẫn … trình Chủ
    tịch UBND tỉnh" supports are the first two only)."""
    out: list[str] = []
    if _EVALUATION.match(text):
        return out  # "Đánh giá … công tác phối hợp với X": the cooperation is what is assessed, not a role
    for m in SUPPORT_CUE.finditer(text):
        window = text[m.end(): m.end() + 300]
        concrete = {a.start for a in find_agencies(window)}
        pos = 0
        for a in find_agencies(window, allow_generic=True):
            gap = window[pos:a.start]
            if not (_LIST_GAP_FIRST if pos == 0 else _LIST_GAP).fullmatch(gap):
                break
            pos = a.end
            if a.start not in concrete:
                continue
            for name in names_of([a]):
                if name not in out:
                    out.append(name)
    return out

