"""Blocks written for the NLP tests as a reader would give them, and who owns what in the tasks found."""
from __future__ import annotations

from kehoach.extract.layout import label_level, list_label
from kehoach.models import Block, BlockKind


def make_blocks(*texts: str) -> list[Block]:
    """One block per text: a list item when it opens with a label ("1.", "a)", "-"), else a paragraph."""
    out = []
    for t in texts:
        label = list_label(t)
        out.append(Block(kind=BlockKind.list_item if label else BlockKind.paragraph, text=t, label=label,
                         level=label_level(label) if label else None))
    return out


def owners_of(tasks) -> dict[str, list[str]]:
    """Agency → the texts of the duties it leads, in order."""
    out: dict[str, list[str]] = {}
    for t in tasks:
        for a in t.leads:
            out.setdefault(a, []).append(t.text)
    return out


def leads_by_text(tasks) -> dict[str, set[str]]:
    """Duty text → the agencies that lead it."""
    out: dict[str, set[str]] = {}
    for t in tasks:
        out.setdefault(t.text, set()).update(t.leads)
    return out
