"""Posts inside a committee or team ("Trưởng Ban Chỉ đạo", "Phó Trưởng ban Thường trực", "Các thành viên Tổ công
tác"): individuals are not agencies, so a duty given to a post belongs to the committee (ANNOTATION.md) — the one the
heading names after the post, or, when it names none, the committee the document speaks of."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..extract.normalize import match_form
from .agencies import find_agencies
from .vocab import agency_vocab, alternation


@dataclass(frozen=True)
class Post:
    title: str  # the post, as written
    committee: str | None  # the committee the heading names after it, if any


@lru_cache(maxsize=1)
def _post_re() -> re.Pattern[str]:
    posts = alternation(agency_vocab()["committee_posts"])
    return re.compile(rf"^(?:các\s+)?(?P<post>{posts})(?:\s*(?:,|và)\s*(?:{posts}))*\b\s*(?P<rest>.*?)\s*:?\s*$", re.I)


def post_heading(text: str) -> Post | None:
    """The post a heading names ("1.1. Trưởng Ban Chỉ đạo", "b) Các thành viên"), with its committee when written."""
    m = _post_re().match(text.strip(" *"))
    if not m or len(text.split()) > 14:
        return None
    post, rest = m.group("post"), m.group("rest").strip(" ,;:-–")
    if not rest or match_form(rest) in {"thường trực", "chuyên trách", "kiêm nhiệm"}:
        return Post(post, None)
    # "Trưởng Ban Chỉ đạo": the post's last word may open the committee's name
    words = post.split()
    for committee in (f"{' '.join(words[-2:])} {rest}", f"{words[-1]} {rest}", rest):
        if _is_committee(committee):
            return Post(post, committee)
    return None


def _is_committee(text: str) -> bool:
    mentions = find_agencies(text, allow_generic=True)
    if mentions and mentions[0].start == 0 and mentions[-1].end >= len(text) - 1:
        return True
    team = committee_of(text)
    return team is not None and match_form(text).startswith(match_form(team))


def committee_of(context: str) -> str | None:
    """The committee a stretch of text speaks of ("Nhiệm vụ của thành viên Ban Chỉ đạo" → "Ban Chỉ đạo")."""
    key = f" {match_form(context)} "
    hits = [(key.find(f" {match_form(t)} "), t) for t in agency_vocab()["teams"]]
    hits = [(pos, t) for pos, t in hits if pos >= 0]
    return min(hits)[1] if hits else None
