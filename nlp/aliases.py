"""Short forms a document defines for a body ("Ủy ban nhân dân tỉnh Điện Biên (sau đây gọi tắt là Tỉnh)"): a duty
given under the short form is that body's (ANNOTATION.md), so the plan names the body whole."""
from __future__ import annotations

import re

from ..extract.normalize import match_form
from ..models import Block
from .agencies import find_agencies

_DEFINES = re.compile(r"\(\s*(?:sau đây|dưới đây)?\s*(?:được\s+)?(?:gọi|viết)\s+tắt\s+(?:là\s*)?:?\s*[“\"']?"
                      r"(?P<alias>[^)”\"']{1,40}?)[”\"']?\s*\)", re.I)


def defined_short_forms(blocks: list[Block]) -> dict[str, str]:
    """match form of a short form → the body it stands for, for every definition whose bracket follows a body."""
    out: dict[str, str] = {}
    for block in blocks:
        for m in _DEFINES.finditer(block.text):
            before = block.text[max(0, m.start() - 160):m.start()].rstrip()
            mentions = find_agencies(before)
            if mentions and mentions[-1].end >= len(before) - 1:
                alias = match_form(m.group("alias")).strip(" .,;")
                if alias and alias != match_form(mentions[-1].name):
                    out[alias] = mentions[-1].name
    return out


def resolve(name: str, short_forms: dict[str, str]) -> str:
    """The body a short form stands for ("Tỉnh" → "Ủy ban nhân dân tỉnh Điện Biên"), else the name itself."""
    return short_forms.get(match_form(name).strip(" .,;"), name)
