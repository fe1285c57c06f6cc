"""A person's work on a parsed plan: the tasks they checked or corrected, the duties they added, and
where each agency stands on its duties. Kept apart from the parser's plan JSON and applied over it
when read, so a re-parse (or a new parser) never loses it."""
from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from .corpus import Progress
from .plan import Deadline, Role

ReviewKind = Literal["confirmed", "edited", "removed", "added"]
REVIEW_LABELS: dict[str, str] = {"confirmed": "Đã xác nhận", "edited": "Đã sửa", "removed": "Đã loại",
                                 "added": "Bổ sung"}
PROGRESS_LABELS: dict[str, str] = {"not_started": "Chưa thực hiện", "in_progress": "Đang thực hiện",
                                   "done": "Đã hoàn thành"}


class AssignedAgency(BaseModel):
    """One agency of a task and its role, as a person settled it."""

    name: str = Field(min_length=1, max_length=300)
    role: Role = "lead"


class TaskCorrection(BaseModel):
    """A task as a person settled it: the whole task, not a difference, so that it holds whatever a
    later parser makes of the same place. ``removed`` keeps the text and drops every agency."""

    kind: ReviewKind
    text: str = Field(min_length=1, max_length=20_000)
    deadline: Deadline | None = None
    agencies: list[AssignedAgency] = Field(default_factory=list)


class TaskAnchor(BaseModel):
    """Where a task a person touched stands in its document: the document's content and the task's
    place in it (block, span, table row), with its text as parsed, to find it again after a re-parse."""

    sha256: str | None = None
    block: int | None = None
    start: int = 0
    end: int = 0
    row: int | None = None
    page: int | None = None
    section: str | None = None
    text: str = ""


class ReviewRecord(BaseModel):
    """The current correction of one task, with its revision (optimistic concurrency: a save names the
    revision it started from and is refused when another save came in between)."""

    id: int = Field(description="the anchor's id: stable across re-parses")
    plan_id: str
    task_index: int | None = Field(description="index in the reviewed plan's tasks; None when it no longer matches")
    matched: bool = True
    revision: int = 0
    correction: TaskCorrection | None = None
    anchor: TaskAnchor
    by: str | None = None
    at: dt.datetime | None = None


class ReviewChange(BaseModel):
    """One save in a task's history: what was there before and what a person made of it."""

    revision: int
    kind: ReviewKind
    before: TaskCorrection | None
    after: TaskCorrection
    by: str
    at: dt.datetime


class ProgressRecord(BaseModel):
    """Where one agency stands on one task, with the revision the next save must name."""

    plan_id: str
    task_index: int | None
    agency_key: str
    agency_name: str
    revision: int
    progress: Progress


class ReviewItem(BaseModel):
    """One task of a plan in the review queue (least sure first)."""

    task_index: int
    text: str
    agencies: list[AssignedAgency]
    deadline: Deadline | None = None
    confidence: float | None = Field(default=None, description="the least sure of the task's and its pairs'")
    review: ReviewKind | None = None
    revision: int = 0


class Replacement(BaseModel):
    """A new version of a document took the place of an older one."""

    old_plan_id: str
    new_plan_id: str
    carried: int = Field(description="reviewed or followed tasks found again in the new version")
    unmatched: list[ReviewRecord] = Field(default_factory=list, description="those that no longer match")
    reason: str = Field(description="why they are versions of one document: same number and issuer, or same name")


class DeleteReport(BaseModel):
    plan_id: str
    tasks: int
    reviews: int
    progress: int
    files: list[str] = Field(default_factory=list, description="its files (paths in their batch root), remembered as deleted")


class ReportProposal(BaseModel):
    """A later document in the store that reports on a plan, from an agency that owns duties in it:
    proposed as that agency's report, for a person to accept."""

    report_plan_id: str
    report_number: str | None
    report_date: dt.date | None
    report_title: str | None
    agency_key: str
    agency_name: str
    plan_id: str
    plan_number: str | None
    open_duties: int = Field(description="the agency's duties in the plan not yet recorded done")
