"""Pydantic schemas that every part of kehoach speaks.

This package depends on nothing else of ours: readers (extract/), the plan
parser (nlp/) and the corpus graph (graph/) all exchange these models.
"""
from .corpus import AgencyIdentity, Duty, Jurisdiction, Progress, ProgressState
from .provenance import BBox, Provenance
from .source import Block, BlockKind, Cell, DocStatus, Issue, SourceDocument
from .plan import (
    Agency,
    AgencyRef,
    Deadline,
    DocumentMeta,
    Plan,
    Reference,
    Section,
    Signer,
    Task,
    Zone,
)
from .review import (
    AssignedAgency,
    DeleteReport,
    ProgressRecord,
    Replacement,
    ReportProposal,
    ReviewChange,
    ReviewItem,
    ReviewKind,
    ReviewRecord,
    TaskAnchor,
    TaskCorrection,
)

__all__ = [
    "Agency", "AgencyIdentity", "AgencyRef", "Duty", "Jurisdiction", "Progress", "ProgressState", "BBox", "Block", "BlockKind", "Cell", "Deadline", "DocStatus",
    "DocumentMeta", "Issue", "Plan", "Provenance", "Reference", "Section", "Signer",
    "SourceDocument", "Task", "Zone",
    "AssignedAgency", "DeleteReport", "ProgressRecord", "Replacement", "ReportProposal", "ReviewChange", "ReviewItem",
    "ReviewKind", "ReviewRecord", "TaskAnchor", "TaskCorrection",
]
