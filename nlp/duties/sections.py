"""Section titles ("I. MỤC ĐÍCH, YÊU CẦU", "2. Tiêu chí thi đua") under which a plan states no duties."""
from __future__ import annotations

import re

_SKIP_SECTIONS = re.compile(r"mục đích|yêu cầu|quan điểm|mục tiêu|căn cứ", re.I)
_CRITERIA_SECTIONS = re.compile(r"^(?:tiêu chí|tiêu chuẩn|đối tượng|hình thức khen thưởng|cơ cấu giải thưởng)\b", re.I)
_PROCESS_SECTIONS = re.compile(r"nhiệm vụ|tổ chức thực hiện|phân công|giải pháp|trách nhiệm", re.I)


def skips_duties(title: str, level: int) -> bool:
    """A top section of aims, requirements, views, targets or bases, or a section of criteria ("2. Tiêu chí thi
    đua", "III. ĐỐI TƯỢNG …": who is judged by what), unless its title speaks of duties too."""
    if _PROCESS_SECTIONS.search(title):
        return False
    return bool(level <= 1 and _SKIP_SECTIONS.search(title) or _CRITERIA_SECTIONS.match(title))
