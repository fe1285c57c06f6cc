"""How sure the parser is of each (agency, duty, role) pair, and why.

Each pair is described by what the parser saw — the zone and its mode, what made the text a duty (its cue and
shape), the document's family, and the name itself (a whole agency name, a bare word, a generic group, odd
characters) — as binary features. A logistic model over them, trained by `scripts/train_confidence.py` on the
development gold (labels: is the pair in the gold?) and cross-validated by document, turns them into a
probability; its weights are data (nlp/data/confidence.json), so inference is a sum and a sigmoid. The reasons
a person reads are the features that weigh most, in words."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from ..models import Task
from .agencies import find_agencies, is_generic_group
from .vocab import table

_ODD = re.compile(r"[\[\]|*#<>{}=]|\d")
_FUNCTION_END = re.compile(r"(?i)\b(?:và|của|các|với|cho|tại|theo|về|là|thì|để)$")
_BARE = frozenset({"văn phòng", "tỉnh", "sở", "bộ", "ban", "phòng", "cục", "thành phố", "huyện", "xã", "trường",
                   "trung tâm", "chi cục", "ủy ban", "thanh tra", "hội"})


@dataclass(frozen=True)
class PairContext:
    """What the parser knew when it reported one pair."""

    zone: str
    mode: str
    cue: str
    shape: str  # RawTask.source: heading, sentence, bullet, frame, table
    family: str
    role: str
    name: str
    duty: str
    has_deadline: bool


def name_features(name: str) -> list[str]:
    low = name.lower().strip()
    words = low.split()
    out = []
    if is_generic_group(name):
        out.append("name:generic")
    if low in _BARE:
        out.append("name:bare")
    elif len(words) == 1:
        out.append("name:one_word")
    if len(words) >= 10:
        out.append("name:long")
    mentions = find_agencies(name, allow_generic=True)
    if not (len(mentions) == 1 and mentions[0].start == 0 and mentions[0].end >= len(name.rstrip(" .,;:")) - 1):
        out.append("name:not_whole")
    if _ODD.search(name):
        out.append("name:odd_chars")
    if _FUNCTION_END.search(low):
        out.append("name:dangling")
    if name.isupper() and len(name) > 4:
        out.append("name:capitals")
    if low.startswith("các ") or " các " in low:
        out.append("name:group")
    return out


def duty_features(duty: str, has_deadline: bool) -> list[str]:
    words = duty.split()
    out = []
    if len(words) < 6:
        out.append("duty:short")
    elif len(words) > 60:
        out.append("duty:long")
    if duty[:1].islower():
        out.append("duty:lower_start")
    if duty.rstrip().endswith(":"):
        out.append("duty:lead_in")
    if has_deadline:
        out.append("duty:deadline")
    return out


def features(ctx: PairContext) -> list[str]:
    return [f"zone:{ctx.zone}", f"mode:{ctx.mode}", f"cue:{ctx.cue}", f"shape:{ctx.shape}",
            f"family:{ctx.family}", f"role:{ctx.role}"] + name_features(ctx.name) + duty_features(ctx.duty, ctx.has_deadline)


@lru_cache(maxsize=1)
def _model() -> dict:
    try:
        return table("confidence")
    except FileNotFoundError:  # not trained: every pair is as sure as the gold's base rate
        return {"bias": 0.0, "weights": {}, "labels": {}}


def confidence(ctx: PairContext) -> tuple[float, list[str]]:
    """The probability that the pair is right, and its reasons (the features that weigh most), in words."""
    model = _model()
    feats = features(ctx)
    weights = model["weights"]
    z = model["bias"] + sum(weights.get(f, 0.0) for f in feats)
    p = 1.0 / (1.0 + math.exp(-z))
    ranked = sorted((f for f in feats if weights.get(f)), key=lambda f: -abs(weights[f]))
    labels = model.get("labels", {})
    reasons = [f"{'+' if weights[f] > 0 else '−'} {labels.get(f, f)}" for f in ranked[:4]]
    return round(p, 3), reasons


def contexts(task: Task, family: str) -> list[tuple[str, int, PairContext]]:
    """(role, index in that role's list, context) for every pair of a task."""
    out = []
    for role, refs in (("lead", task.lead), ("support", task.support)):
        for i, a in enumerate(refs):
            shown = "requested" if role == "lead" and task.requested else role
            out.append((role, i, PairContext(zone=task.zone or "body", mode=task.mode or "all", cue=task.cue or "subject",
                                             shape=task.source, family=family, role=shown, name=a.name, duty=task.text,
                                             has_deadline=task.deadline is not None)))
    return out


def rate(task: Task, family: str) -> Task:
    """Each pair's confidence; the task's is its least sure owner's, with that one's reasons."""
    rated = []
    for role, i, ctx in contexts(task, family):
        ref = (task.lead if role == "lead" else task.support)[i]
        ref.confidence, reasons = confidence(ctx)
        rated.append((ref.confidence, role, reasons))
    owners = [r for r in rated if r[1] == "lead"] or rated
    if owners:
        task.confidence, _, task.reasons = min(owners, key=lambda r: r[0])
    for a in task.requested:
        a.confidence = next((x.confidence for x in task.lead if x.canonical == a.canonical), None)
    return task
