"""The portal's table of a document's properties, read into a dict.

Portals show "Số hiệu:" | "5402/CT-CS" | "Loại văn bản:" | "Công văn" … above a document: label cells
each followed by its value cell (the Markdown pages flatten them one cell per line). The keys are those
of ``portal_chrome.PORTAL_FIELDS``; values are kept as written ("21/11/2025").
"""
from __future__ import annotations

from collections.abc import Iterable

from .normalize import clean, match_form
from .portal_chrome import PORTAL_FIELDS, PORTAL_PLACEHOLDERS


def field_key(text: str) -> str | None:
    """"Số hiệu:" → "number"; None for text that is not one of the portal's labels alone."""
    key = match_form(text).strip(" *")
    if not key.endswith(":"):
        return None
    return PORTAL_FIELDS.get(key[:-1].strip())


def _inline(text: str) -> tuple[str, str] | None:
    """"Số hiệu: 5402/CT-CS" in one cell → ("number", "5402/CT-CS")."""
    head, sep, value = text.partition(":")
    key = PORTAL_FIELDS.get(match_form(head).strip(" *")) if sep else None
    return (key, value) if key and value.strip(" *") else None


def read_fields(cells: Iterable[str]) -> dict[str, str]:
    """The first run of label / value cells among ``cells`` (text before it is skipped; the run ends at
    the first cell that is neither a label nor the value after one). The first value of a key wins;
    placeholders ("Đã biết") are left out."""
    fields: dict[str, str] = {}
    pending: str | None = None  # the key whose value comes next
    started = False
    for raw in cells:
        text = " ".join(clean(raw).split()).strip(" *")
        if not text:
            continue
        key = field_key(text)
        inline = None if key else _inline(text)
        if key or inline:
            started = True
            if inline:
                _put(fields, *inline)
            pending = key
            continue
        if pending is None:
            if started:
                break  # past the table
            continue
        _put(fields, pending, text)
        pending = None
    return fields


def _put(fields: dict[str, str], key: str, value: str) -> None:
    value = value.strip(" *:")
    if value and match_form(value) not in PORTAL_PLACEHOLDERS:
        fields.setdefault(key, value)
