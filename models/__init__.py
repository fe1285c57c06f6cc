"""Pydantic schemas that every part of kehoach speaks.

This package depends on nothing else of ours: readers (extract/), the plan
parser (nlp/) and the corpus graph (graph/) all exchange these models.
"""
from kehoach.models.corpus import AgencyIdentity, Duty, Jurisdiction
from kehoach.models.provenance import BBox, Provenance
from kehoach.models.source import Block, BlockKind, Cell, DocStatus, Issue, SourceDocument
from kehoach.models.plan import (
    Agency,
    AgencyRef,
    Deadline,
    DocumentMeta,
    Plan,
    Reference,
    Section,
    Signer,
    Task,
)

__all__ = [
    "Agency", "AgencyIdentity", "AgencyRef", "Duty", "Jurisdiction", "BBox", "Block", "BlockKind", "Cell", "Deadline", "DocStatus",
    "DocumentMeta", "Issue", "Plan", "Provenance", "Reference", "Section", "Signer",
    "SourceDocument", "Task",
]
