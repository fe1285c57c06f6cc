"""Task frames and role lines. A frame names its duty first: "Nhiệm vụ: … / Đơn vị chủ trì: … / Đơn vị phối hợp: …
/ Thời gian: …". Role lines may also come after the duties they own: "- duty" bullets, then "Đơn vị chủ trì: X",
"Đơn vị phối hợp: Y", "Thời gian: Z"; and a line may be nothing but a role: "Cơ quan tổ chức lập: UBND thành phố X."."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator, NamedTuple

from ...models import Block
from ..addressing import split_addressees
from ..agencies import find_agencies
from ..deadlines import DeadlineHit, find_deadline, parse_time_cell
from .common import (
    BULLETS, FRAME_TIME, ROLE_LEAD, ROLE_SUPPORT, SUPPORT_CUE, RawTask, clean_task_text, find_supports, names_of,
)

FRAME_AGENCIES = re.compile(r"^(?:cơ quan|đơn vị)\s+thực hiện\s*:?\s*$", re.I)  # only introduces the role lines


def role_value(value: str) -> tuple[list[str], list[str]]:
    """The owners and the supporters a "Cơ quan thực hiện: Sở X chủ trì, phối hợp với Sở Y, Sở Z" line
    names: those before "phối hợp" lead, the concrete ones after it support."""
    cue = SUPPORT_CUE.search(value)
    leads = names_of(find_agencies(value[:cue.start()] if cue else value, allow_generic=True))
    if cue and not leads:  # "Phối hợp: Sở Y" as the only content names no owner
        return [], []
    return leads, [n for n in find_supports(value) if n not in leads] if cue else []


@dataclass
class Frame:
    """A "Nhiệm vụ: …" line and the role and time lines under it."""
    level: int
    text: str = ""
    block: int = 0
    leads: list[str] = field(default_factory=list)
    supports: list[str] = field(default_factory=list)
    deadline: DeadlineHit | None = None
    section: str | None = None
    items: list[tuple[int, str]] = field(default_factory=list)  # "- …" bullets under "Nhiệm vụ:": one duty each

    def read(self, body: str, label: str | None, block_index: int, level: int) -> bool:
        """Take a line of the frame (a role, its time, the duty's next lines); False when the frame has ended."""
        if FRAME_AGENCIES.match(body):
            return True
        if ROLE_LEAD.match(body):
            self.leads, inline = role_value(ROLE_LEAD.sub("", body))
            self.supports += [n for n in inline if n not in self.supports]
            return True
        if ROLE_SUPPORT.match(body):
            self.supports = names_of(find_agencies(ROLE_SUPPORT.sub("", body)))
            return True
        if FRAME_TIME.match(body):
            self.deadline = parse_time_cell(FRAME_TIME.sub("", body))
            return True
        if not self.leads and level > self.level:
            if label in BULLETS:
                self.items.append((block_index, body))
            elif self.items:
                self.items[-1] = (self.items[-1][0], f"{self.items[-1][1]} {body}")
            else:
                self.text += " " + body
            return True
        return False

    def duties(self) -> Iterator[RawTask]:
        """One duty per bullet under "Nhiệm vụ:", or the frame's text; none when no line named an owner."""
        if not self.leads or not (self.text or self.items):
            return
        for block_index, text in (self.items or [(self.block, self.text)]):
            inline = [n for n in find_supports(text) if n not in self.supports and n not in self.leads]
            yield RawTask(text=clean_task_text(text), leads=self.leads, supports=self.supports + inline,
                          deadline=self.deadline or find_deadline(text), block=block_index,
                          source="frame", section=self.section, cue="frame")


class Bullet(NamedTuple):
    """An item naming no owner yet: a role line after it may give it one."""
    block: int
    text: str
    offset: int
    section: str | None


def bullets_owned(bullets: list[Bullet], role: str, blocks: list[Block]) -> list[RawTask]:
    """The bullets' duties, owned by the "Đơn vị chủ trì: X" line ``role`` after them; none if it names no owner."""
    leads, inline = role_value(ROLE_LEAD.sub("", role))
    return [RawTask(text=clean_task_text(pb), leads=leads, supports=inline, deadline=find_deadline(pb),
                    block=pbi, start=poff, end=len(blocks[pbi].text), source="frame", section=psec, cue="frame")
            for pbi, pb, poff, psec in bullets] if leads else []


def role_supporters(line: str) -> list[str]:
    """The supporters a "Đơn vị phối hợp: …" line names."""
    value = ROLE_SUPPORT.sub("", line)
    # "Ủy ban nhân dân các huyện: Hoa Lư, Nho Quan; các sở, ban, ngành liên quan": bodies one by one
    return split_addressees(value) if re.search(r"[:;]", value) else names_of(find_agencies(value))
