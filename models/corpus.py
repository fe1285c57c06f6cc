"""Corpus-level records: where a plan applies, and one duty of one agency flattened for queries.

A `Duty` is the row that queries, checklists, comparisons and the store speak: one
(task, agency, role) with the plan it comes from and where in that plan.
"""
from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from .provenance import Provenance

Level = Literal["central", "province", "district", "commune"]


class Jurisdiction(BaseModel):
    """The territory a plan (or an agency) works in."""

    level: Level | None = None
    province: str | None = Field(default=None, description="province or centrally-run city, as written")
    province_unit: str = Field(default="tỉnh", description="'tỉnh', or 'thành phố' for a centrally-run city")
    province_now: str | None = Field(default=None, description="the province it belongs to after the 2025 merger")
    district: str | None = None
    commune: str | None = None
    commune_unit: str = Field(default="xã", description="'xã', 'phường', 'thị trấn' or 'đặc khu'")

    @property
    def label(self) -> str:
        if self.level == "central":
            return "Trung ương"
        parts = []
        if self.commune:
            parts.append(f"{self.commune_unit} {self.commune}")
        if self.district:
            parts.append(f"huyện {self.district}")
        if self.province:
            parts.append(self.province if parts else f"{self.province_unit} {self.province}")
        if not parts:
            return "(không rõ)"
        return parts[0] + (f" ({', '.join(parts[1:])})" if len(parts) > 1 else "")

    @property
    def key(self) -> str:
        return "/".join(p or "" for p in (self.province, self.district, self.commune)).strip("/") or "?"


class AgencyIdentity(BaseModel):
    """One real agency across documents: a function at a level in a jurisdiction."""

    key: str = Field(description="stable id: function|level|jurisdiction, or name|level|jurisdiction")
    name: str = Field(description="display name (a spelling seen in the documents)")
    function: str | None = Field(default=None, description="id in the function taxonomy (police, justice, …)")
    function_label: str | None = None
    function_now: str | None = Field(default=None, description="the function holding these duties after the 2025 reorganisation")
    level: Level | None = None
    jurisdiction: str | None = Field(default=None, description="Jurisdiction.key")
    is_group: bool = False


Role = Literal["lead", "support", "requested"]
ProgressState = Literal["not_started", "in_progress", "done"]  # chưa thực hiện / đang thực hiện / đã hoàn thành


class Progress(BaseModel):
    """Where one agency stands on one duty, as a person recorded it (the latest entry of its history)."""

    state: ProgressState = "not_started"
    changed_on: dt.date | None = Field(default=None, description="the day the state changed (for 'done': the day it was done)")
    report_number: str | None = Field(default=None, description="số ký hiệu of the report that answers the duty")
    report_date: dt.date | None = None
    note: str | None = None
    by: str | None = Field(default=None, description="who recorded it")
    at: dt.datetime | None = Field(default=None, description="when it was recorded")


class Duty(BaseModel):
    """One duty of one agency in one plan."""

    plan_id: str = Field(description="document id: the file stem")
    plan_number: str | None = None
    plan_title: str | None = None
    plan_date: str | None = None
    jurisdiction: str | None = Field(default=None, description="label of the plan's jurisdiction")
    task_index: int
    agency: AgencyIdentity
    agency_name: str = Field(description="the name as this plan writes it")
    role: Role
    text: str
    section: str | None = None
    page: int | None = None
    deadline: str | None = Field(default=None, description="ISO date")
    deadline_precision: str | None = None
    deadline_text: str | None = None
    recurring: bool = False
    confidence: float | None = Field(default=None, description="the parser's confidence in this (agency, duty, role), 0–1")
    reviewed: bool = Field(default=False, description="a person confirmed or corrected it")
    progress: Progress | None = None
    provenance: Provenance | None = None
