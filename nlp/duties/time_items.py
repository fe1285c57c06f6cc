"""Deadlines given by an item of their own: "2.2. Giao Công an tỉnh … tổ chức Hội nghị" … "2.2.3. Thời gian tổ
chức: trước ngày 10/3/2026" dates the duty it is nested under."""
from __future__ import annotations

import re

from ...models import Block, BlockKind
from ..deadlines import find_deadline, parse_time_cell
from .common import RawTask, strip_label

_TIME_LINE = re.compile(r"^\W*(thời gian|thời hạn|tiến độ)[^:]{0,40}:\W*", re.I)


def inherit_deadlines(tasks: list[RawTask], blocks: list[Block], end: int) -> None:
    """A duty whose own text has no deadline takes the one of a "Thời gian …:" item nested under it
    ("2.2. Giao Công an tỉnh … tổ chức Hội nghị" … "2.2.3. Thời gian tổ chức: trước ngày 10/3/2026")."""
    for t in tasks:
        if t.deadline is not None or t.source == "table" or not (0 <= t.block < end):
            continue
        level = blocks[t.block].level
        if level is None or blocks[t.block].kind is not BlockKind.list_item:
            continue
        for b in blocks[t.block + 1:end]:
            if b.level is not None and b.level <= level:
                break
            body, _ = strip_label(b)
            if _TIME_LINE.match(body):
                t.deadline = parse_time_cell(_TIME_LINE.sub("", body)) or find_deadline(body)
                break
