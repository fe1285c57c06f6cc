"""A person's corrections applied over a parsed plan, found again after a re-parse, and a reviewed plan
written in the gold format of ``shared/eval`` (pure functions; the store keeps the corrections).

A correction is a whole task as a person settled it (models/review.py); the reviewed plan is the
parsed plan with those tasks put in their places and the added ones after the parser's, so a parsed
task keeps its index and every reader (queries, checklists, calendars, exports, the graph) sees the
corrected answer through the same Plan."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping, Sequence

from ..models import AgencyRef, Deadline, Plan, Provenance, Task
from ..models.corpus import Progress
from ..models.review import PROGRESS_LABELS, AssignedAgency, ReviewKind, TaskAnchor, TaskCorrection
from ..models.text import fold, fold_words

# how alike two task texts must be (word bags) to be one task: at the same place of the same content,
# or anywhere in an edited document
SAME_PLACE_SIMILARITY = 0.3
MOVED_SIMILARITY = 0.7
KEEP = "keep"  # edit_task: leave the deadline as it is


class ReviewError(ValueError):
    """A correction or a status that cannot be made, said in Vietnamese for the person who tried."""


_GROUP_WORDS = re.compile(r"^(cac|nhung)\b|\bcac (so|ban|nganh|xa|phuong|co quan|don vi|dia phuong|huyen|to chuc)\b")


# --- a task as a correction, and back ------------------------------------------------------------

def task_state(task: Task, kind: ReviewKind = "confirmed") -> TaskCorrection:
    """The task as it stands, in the shape a person corrects."""
    requested = {a.name for a in task.requested}
    agencies = [AssignedAgency(name=a.name, role="requested" if a.name in requested else "lead") for a in task.lead]
    agencies += [AssignedAgency(name=a.name, role="support") for a in task.support]
    return TaskCorrection(kind=kind, text=task.text, deadline=task.deadline, agencies=agencies)


def same_state(a: TaskCorrection, b: TaskCorrection) -> bool:
    """Equal text, deadline and agencies: a save that changes nothing confirms."""
    def key(c: TaskCorrection) -> tuple:
        d = c.deadline
        return (" ".join(c.text.split()), (d.date, d.text) if d else None,
                sorted((" ".join(x.name.split()), x.role) for x in c.agencies))
    return key(a) == key(b)


def settle_kind(parsed: TaskCorrection | None, new: TaskCorrection) -> ReviewKind:
    """What a save makes of a task: removed (no agency left), added (the parser had no such task),
    confirmed (as the parser read it) or edited."""
    if not new.agencies:
        return "removed"
    if parsed is None:
        return "added"
    return "confirmed" if same_state(parsed, new) else "edited"


def edit_task(c: TaskCorrection, *, text: str | None = None, deadline: Deadline | None | str = KEEP,
              rename: Mapping[str, str] | None = None, roles: Mapping[str, str] | None = None,
              add: Sequence[AssignedAgency] = (), drop: Sequence[str] = ()) -> TaskCorrection:
    """The task with the named changes: a new text or deadline (None: no deadline), agencies renamed
    (the wrong owner fixed), given another role, added or dropped. Names match any spelling's folding."""
    agencies = list(c.agencies)

    def where(name: str) -> list[int]:
        hits = [i for i, a in enumerate(agencies) if fold(a.name) == fold(name)]
        if not hits:
            have = ", ".join(a.name for a in agencies) or "không có cơ quan nào"
            raise ReviewError(f"Nhiệm vụ không giao cho “{name}” (có: {have}).")
        return hits

    for old, new in (rename or {}).items():
        for i in where(old):
            agencies[i] = AssignedAgency(name=new, role=agencies[i].role)
    for name, role in (roles or {}).items():
        for i in where(name):
            agencies[i] = AssignedAgency(name=agencies[i].name, role=role)  # type: ignore[arg-type]
    gone = {i for name in drop for i in where(name)}
    agencies = [a for i, a in enumerate(agencies) if i not in gone] + list(add)
    unique = list({(fold(a.name), a.role): a for a in agencies}.values())
    update: dict = {"agencies": unique}
    if text is not None:
        update["text"] = " ".join(text.split())
    if deadline != KEEP:
        update["deadline"] = deadline
    return c.model_copy(update=update)


def is_group_name(name: str) -> bool:
    """'các sở, ban, ngành', 'UBND các xã' name a kind of agency, not one body."""
    return bool(_GROUP_WORDS.search(fold(name)))


def corrected_task(original: Task | None, c: TaskCorrection, place: Provenance | None = None) -> Task:
    """The task a person settled, keeping the parser's place, section and what it knew of each name;
    an added task stands at ``place`` (where it was added from), when known."""
    known = {a.name: a for a in original.lead + original.support} if original else {}

    def ref(name: str) -> AgencyRef:
        return known[name].model_copy() if name in known else AgencyRef(name=name, is_group=is_group_name(name))

    lead = [ref(a.name) for a in c.agencies if a.role in ("lead", "requested")]
    base = original.model_copy() if original else Task(text=c.text, provenance=place)
    return base.model_copy(update={
        "text": c.text, "deadline": c.deadline, "lead": lead,
        "support": [ref(a.name) for a in c.agencies if a.role == "support"],
        "requested": [ref(a.name) for a in c.agencies if a.role == "requested"],
        "review": c.kind})


def apply_reviews(plan: Plan, by_index: Mapping[int, TaskCorrection],
                  added: Sequence[tuple[TaskCorrection, Provenance | None]] = ()) -> Plan:
    """The reviewed plan: corrected tasks in their places, added ones (with where they were added
    from) after the parser's."""
    if not by_index and not added:
        return plan
    tasks = [corrected_task(t, by_index[i]) if i in by_index else t for i, t in enumerate(plan.tasks)]
    tasks += [corrected_task(None, c, place) for c, place in added]
    return plan.model_copy(update={"tasks": tasks})


# --- finding a task again ------------------------------------------------------------------------

def anchor_of(task: Task, sha256: str | None) -> TaskAnchor:
    p = task.provenance
    return TaskAnchor(sha256=sha256, block=p.block if p else None, start=p.start if p else 0, end=p.end if p else 0,
                      row=p.row if p else None, page=p.page if p else None, section=task.section, text=task.text)


def similarity(a: str, b: str) -> float:
    """Shared words over all words (folded bags): 1 for the same text, cheap for long plans."""
    x, y = Counter(fold_words(a)), Counter(fold_words(b))
    total = sum((x | y).values())
    return sum((x & y).values()) / total if total else 0.0


def _same_place(a: TaskAnchor, p: Provenance | None) -> bool:
    if p is None or a.block is None or p.block != a.block or (a.row is not None and p.row != a.row):
        return False
    return max(a.start, p.start) < min(a.end, p.end) or (a.start, a.end) == (p.start, p.end)


def match_anchors(anchors: Mapping[int, TaskAnchor], tasks: Sequence[Task], sha256: str | None) -> dict[int, int]:
    """Anchor id → index of the task it is in ``tasks`` (one task per anchor, surest pairs first):
    in the same content, the task at the same place whose text is close enough; else, in an edited
    document, a task whose text is nearly the same. Anchors found nowhere are left out."""
    texts = [t.text for t in tasks]
    exact: dict[str, list[int]] = {}
    for i, t in enumerate(texts):
        exact.setdefault(fold(t), []).append(i)
    pairs: list[tuple[float, int, int]] = []
    for aid, a in anchors.items():
        here = sha256 is not None and a.sha256 == sha256
        for i in exact.get(fold(a.text), []):
            pairs.append((3.0 if here and _same_place(a, tasks[i].provenance) else 2.0, aid, i))
        for i, t in enumerate(tasks):
            s = similarity(a.text, texts[i])
            if here and _same_place(a, t.provenance) and s >= SAME_PLACE_SIMILARITY:
                pairs.append((1.0 + s, aid, i))
            elif s >= MOVED_SIMILARITY:
                pairs.append((s, aid, i))
    found: dict[int, int] = {}
    taken: set[int] = set()
    for _, aid, i in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if aid not in found and i not in taken:
            found[aid] = i
            taken.add(i)
    return found


# --- the review queue ------------------------------------------------------------------------------

def doubt(task: Task) -> float | None:
    """The least sure of the task's confidence and its pairs' (None when the parser gave none)."""
    values = [task.confidence] + [a.confidence for a in task.lead + task.support + task.requested]
    known = [v for v in values if v is not None]
    return min(known) if known else None


def review_order(tasks: Sequence[Task]) -> list[int]:
    """Unreviewed tasks first, the least sure of them first where the parser says how sure it is,
    then in the document's order; reviewed ones last."""
    def key(i: int) -> tuple:
        d = doubt(tasks[i])
        return (tasks[i].review is not None, d is None, d if d is not None else 0.0, i)
    return sorted(range(len(tasks)), key=key)


# --- progress in words -------------------------------------------------------------------------------

def progress_note(p: Progress | None) -> str:
    """'Đã hoàn thành 12/03/2026 · Báo cáo 45/BC-CAT ngày 12/03/2026' (empty when nothing was recorded)."""
    if p is None:
        return ""
    parts = [PROGRESS_LABELS[p.state] + (f" {p.changed_on:%d/%m/%Y}" if p.changed_on else "")]
    if p.report_number or p.report_date:
        parts.append(" ".join(x for x in ("Báo cáo", p.report_number, p.report_date and f"ngày {p.report_date:%d/%m/%Y}") if x))
    if p.note:
        parts.append(p.note)
    return " · ".join(parts)


# --- input a person types ----------------------------------------------------------------------------

def read_day(text: str | None) -> dt.date | None:
    """'12/3/2026', '12/03/2026' or '2026-03-12' → a date; empty → None; anything else → ValueError
    with a message in Vietnamese."""
    text = (text or "").strip()
    if not text:
        return None
    m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
    try:
        if m:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise ReviewError(f"Ngày “{text}” không đúng dạng ngày/tháng/năm (ví dụ 12/03/2026).")


def deadline_of(day: dt.date | None, text: str | None = None) -> Deadline | None:
    """A deadline a person set: a day (with the words they wrote, or the day itself)."""
    text = (text or "").strip()
    if day is None:
        return Deadline(text=text, kind="open") if text else None
    return Deadline(date=day.isoformat(), precision="day", text=text or f"{day:%d/%m/%Y}", kind="due")


# --- the gold format -----------------------------------------------------------------------------------

def gold_record(plan: Plan) -> dict:
    """The plan in the gold format of ``shared/eval/README.md``: a reviewed document becomes a test case."""
    doc = plan.document
    document: dict = {"number": doc.number, "issuer": doc.issuer, "date": doc.date}
    if doc.signer and doc.signer.name:
        document["signer"] = doc.signer.name

    def cited(refs) -> list[str]:
        return list(dict.fromkeys(k for r in refs if (k := (r.number or r.name or "").strip())))

    assignments: list[dict] = []
    for t in plan.tasks:
        due = t.deadline.date if t.deadline and t.deadline.date else None
        for a in t.lead:
            row = {"agency": a.name, "role": "lead", "task": t.text}
            if due:
                row.update(deadline=due, deadline_precision=t.deadline.precision or "day")
            assignments.append(row)
        assignments += [{"agency": a.name, "role": "support", "task": t.text} for a in t.support]
    return {"file": plan.file, "document": document, "legal_bases": cited(plan.legal_bases),
            "references": cited(plan.references), "assignments": assignments, "recipients": list(plan.recipients)}
