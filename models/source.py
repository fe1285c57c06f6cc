"""The readers' output: a document as ordered, located text blocks."""
from __future__ import annotations

from enum import Enum
from typing import Any

from pydantic import BaseModel, Field

from .provenance import BBox


class BlockKind(str, Enum):
    heading = "heading"
    paragraph = "paragraph"
    list_item = "list_item"
    table = "table"


class DocStatus(str, Enum):
    ok = "ok"
    partial = "partial"
    failed = "failed"


class Issue(BaseModel):
    """A problem met while reading or parsing; ``code`` is stable and machine-readable."""

    code: str
    message: str
    page: int | None = None


class Cell(BaseModel):
    text: str
    row: int
    col: int
    row_span: int = 1
    col_span: int = 1
    bbox: BBox | None = Field(default=None, description="the cell on its page, when the reader knows it")


class Block(BaseModel):
    """One unit of reading order.

    ``text`` is the clean NFC text shown to people; for a list item it carries
    the visible label too ("1. Công an huyện"), and ``label`` repeats that label
    alone. A table keeps its cells in ``rows`` and a tab/newline rendering in
    ``text`` so that text search still works.
    """

    kind: BlockKind = BlockKind.paragraph
    text: str
    label: str | None = None
    level: int | None = None
    page: int | None = None
    paragraph: int | None = None
    bbox: BBox | None = None
    rows: list[list[Cell]] | None = None
    region: str | None = Field(
        default=None, description="layout region when known: header, body, signature, recipients, stamp"
    )
    zone: str | None = Field(default=None, description="the part of the document it stands in, as the parser "
                             "decided (nlp/zones.py); readers leave it empty")


class SourceDocument(BaseModel):
    """One input file, read."""

    path: str
    format: str
    status: DocStatus = DocStatus.ok
    issues: list[Issue] = Field(default_factory=list)
    pages: int | None = None
    blocks: list[Block] = Field(default_factory=list)
    metadata: dict[str, Any] = Field(default_factory=dict)
    syllable_validity: float | None = None

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)

    def add_issue(self, code: str, message: str, *, page: int | None = None, fatal: bool = False) -> None:
        self.issues.append(Issue(code=code, message=message, page=page))
        if fatal:
            self.status = DocStatus.failed
        elif self.status is DocStatus.ok:
            self.status = DocStatus.partial
