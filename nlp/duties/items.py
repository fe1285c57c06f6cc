"""Colon items: "- Sở Nội vụ, Sở Giáo dục và Đào tạo: Đánh giá …", the bodies before the colon owning the text
after it; "Đối với Đoàn kiểm tra: …"; in a team's document, "Ông Nguyễn Văn A - Trưởng đoàn: …" is the team's."""
from __future__ import annotations

import re

from ..addressing import is_member_kind
from ..agencies import Mention, find_agencies, is_generic_group, strip_head_title
from ..deadlines import find_deadline
from .common import (
    ADDRESS, FRAME_TASK, FRAME_TIME, NAME_WORD, ROLE_LEAD, ROLE_SUPPORT, TITLE_GAP, RawTask, clean_task_text,
    find_supports,
)

_HEAD_AND_DUTY = re.compile(r"^(.{3,200}?)\s*:\s+(\S.*)$")
_MEMBERS = re.compile(r"^\s*(?:và|cùng)\s+(?:các\s+)?(?:tổ chức thành viên|tổ chức chính trị\s*-\s*xã hội|đoàn thể)\b[^:]*$")
_MEMBER = re.compile(rf"^{ADDRESS}\s+{NAME_WORD}")
_GIVEN = re.compile(r"^(?:Đề nghị|Giao|Yêu cầu)\b")


def colon_item(text: str, team: str | None = None) -> tuple[list[str], str, bool] | None:
    """'Sở Nội vụ, Sở Giáo dục và Đào tạo: Đánh giá …' → (agencies, duty, requested); 'Đối với Đoàn kiểm tra: …';
    'Ông Nguyễn Văn A - Trưởng đoàn: …' → the team's duty (individuals are not agencies)."""
    m = _HEAD_AND_DUTY.match(text)
    if not m:
        return None
    head = m.group(1)
    if is_member_kind(head, m.group(2)):
        return None  # "Các Bộ, cơ quan: Tài chính, Xây dựng … khẩn trương …": the members are the subjects
    if team and _MEMBER.match(head):
        return [team], m.group(2), False
    requested = bool(re.match(r"^(?:Đề nghị)\b", head))
    head = re.sub(r"^(?:Đề nghị|Giao|Đối với)\s+", "", head)
    if FRAME_TASK.match(text) or FRAME_TIME.match(text) or ROLE_LEAD.match(text) or ROLE_SUPPORT.match(text):
        return None
    mentions = find_agencies(head, allow_generic=True)
    if not mentions:
        return None
    members = _MEMBERS.match(head[mentions[-1].end:])
    if members:  # "Ủy ban MTTQ Việt Nam tỉnh và tổ chức thành viên": one body with its members
        last = mentions[-1]
        mentions[-1] = Mention(head[last.start:].strip(), last.start, len(head), last.is_group)
    if not _names_fill(head, mentions):
        return None
    names = [strip_head_title(mm.name) for mm in mentions if not is_generic_group(mm.name)]
    return (names, m.group(2), requested) if names else None


def _names_fill(head: str, mentions: list[Mention]) -> bool:
    """The head is the names and nothing else: not "Các thông số" (a cut "Các thông"), not "Xã Trường Văn"."""
    covered = sum(mm.end - mm.start for mm in mentions)
    before = head[:mentions[0].start].strip(" ,;-–+*")
    after = head[mentions[-1].end:].strip(" ,;.")
    if (before and not TITLE_GAP.fullmatch(before)) or (after and not re.fullmatch(r"\(.*\)|và .*|các .*", after)):
        return False
    return not covered < 0.7 * len(head.strip())


def item_task(item: tuple[list[str], str, bool], body: str, block_text: str, block_index: int,
              section: str | None) -> RawTask:
    """The duty of a colon item (``item``, as colon_item gives it) of a block: ``body`` its text without the label."""
    names, duty, requested = item
    duty = clean_task_text(duty)
    return RawTask(text=duty, leads=names, supports=find_supports(duty), deadline=find_deadline(duty),
                   block=block_index, start=len(block_text) - len(duty), end=len(block_text), source="bullet",
                   section=section, requested=requested, cue="trigger" if _GIVEN.match(body) else "item")
