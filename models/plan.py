"""The plan: who must do what, by when, on what basis.

Field names follow the scored contract in ``shared/eval/README.md``
(document.number / issuer / date / signer, legal_bases, references, tasks with
lead / support / deadline, recipients); everything else is extra detail.
"""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from .corpus import Jurisdiction
from .provenance import Provenance
from .source import DocStatus, Issue

Precision = Literal["day", "month", "quarter", "half", "year"]
Role = Literal["lead", "support", "requested"]


class Signer(BaseModel):
    name: str | None = None
    title: str | None = None
    authority: str | None = Field(default=None, description="TM. / KT. / Q. / TL. / TUQ. line")
    signed_at: str | None = Field(default=None, description="signing time from a digital signature")


class DocumentMeta(BaseModel):
    number: str | None = None
    doc_type: str | None = None
    type_code: str | None = None
    issuer: str | None = None
    issuer_parent: str | None = None
    place: str | None = None
    date: str | None = Field(default=None, description="ISO date; null when any part is left blank")
    title: str | None = Field(default=None, description="trích yếu")
    signer: Signer | None = None
    level: str | None = Field(default=None, description="central / province / district / commune")
    subkind: str | None = Field(default=None, description="what a document of its type does (nlp/data/kinds.json): "
                                "issues_plan, publishes_procedures, appoints, answers, not_official …")
    official: bool = Field(default=True, description="an official document (header, number or signature), "
                           "not an article or a page that quotes one")
    jurisdiction: Jurisdiction | None = None
    provenance: Provenance | None = None


class Reference(BaseModel):
    """A document cited by the plan."""

    number: str | None = None
    name: str = ""
    doc_type: str | None = None
    date: str | None = None
    issuer: str | None = None
    alias: str | None = Field(default=None, description="short name set by 'sau đây gọi tắt là'")
    is_legal_basis: bool = False
    mentions: int = 1
    provenance: Provenance | None = None


class AgencyRef(BaseModel):
    """An agency as named at one place, plus the canonical id it resolves to."""

    name: str
    canonical: str | None = None
    function: str | None = None
    level: str | None = None
    is_group: bool = False
    confidence: float | None = Field(default=None, description="in a task: how sure the parser is that this agency "
                                     "holds this role for this duty, 0–1, calibrated on the development gold")


class Agency(BaseModel):
    """One agency of the plan, with every spelling seen."""

    canonical: str
    name: str
    function: str | None = None
    level: str | None = None
    is_group: bool = False
    spellings: list[str] = Field(default_factory=list)
    mentions: int = 0


class Deadline(BaseModel):
    date: str | None = Field(default=None, description="ISO date when due; a month/quarter/half/year is its last day")
    precision: Precision | None = None
    text: str = ""
    recurring: bool = False
    kind: Literal["due", "period", "recurring", "start", "open"] = "due"


class Section(BaseModel):
    label: str | None = None
    title: str
    level: int
    path: list[str] = Field(default_factory=list)
    provenance: Provenance | None = None


class Zone(BaseModel):
    """A run of blocks in one part of the document (nlp/zones.py) and how duties may be read there."""

    zone: str = Field(description="portal, header, addressees, preamble, body, signature, attachment, regulation, "
                      "list, procedure, workflow, form, report, quotation")
    mode: str = Field(description="all | strict | explicit | tables | none: which duties the parser reads there")
    start: int = Field(description="first block")
    end: int = Field(description="one past the last block")


class Task(BaseModel):
    text: str
    lead: list[AgencyRef] = Field(default_factory=list)
    support: list[AgencyRef] = Field(default_factory=list)
    requested: list[AgencyRef] = Field(default_factory=list)
    deadline: Deadline | None = None
    section: str | None = Field(default=None, description="section path, e.g. 'III > 1'")
    product: str | None = Field(default=None, description="sản phẩm column of an assignment table")
    source: Literal["heading", "sentence", "table", "frame", "bullet"] = "sentence"
    zone: str | None = Field(default=None, description="the part of the document it stands in (body, attachment, "
                             "regulation, list …)")
    mode: str | None = Field(default=None, description="how duties are read in that zone: all, strict, explicit, tables")
    cue: str | None = Field(default=None, description="what made it a duty: trigger (Giao / Đề nghị …), responsibility, "
                            "execution, closing, subject, passive, heading, item, frame, role, table")
    confidence: float | None = Field(default=None, description="how sure the parser is that this is a duty the "
                                     "document assigns, 0–1")
    reasons: list[str] = Field(default_factory=list, description="what the confidence rests on: zone, shape, cues")
    review: Literal["confirmed", "edited", "removed", "added"] | None = Field(
        default=None, description="set when a person checked the task (kehoach review), never by the parser")
    provenance: Provenance | None = None


class Plan(BaseModel):
    """What ``kehoach parse`` writes for one file."""

    schema_version: str = "1"
    file: str
    status: DocStatus = DocStatus.ok
    issues: list[Issue] = Field(default_factory=list)
    document: DocumentMeta = Field(default_factory=DocumentMeta)
    legal_bases: list[Reference] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    agencies: list[Agency] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    recipients: list[str] = Field(default_factory=list)
    zones: list[Zone] = Field(default_factory=list, description="the document's parts, block by block")
    warnings: list[str] = Field(default_factory=list)
