"""Where an extracted item came from: file, page / paragraph, character span."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class BBox(BaseModel):
    """A rectangle on a page in PDF points, origin top-left."""

    model_config = ConfigDict(frozen=True)
    x0: float
    top: float
    x1: float
    bottom: float


class Provenance(BaseModel):
    """Points back into a SourceDocument.

    ``block`` is the index of the block in ``SourceDocument.blocks``;
    ``start``/``end`` is the character span inside that block's text.
    """

    model_config = ConfigDict(frozen=True)
    file: str
    block: int | None = None
    page: int | None = Field(default=None, description="1-based page number, when the format has pages")
    paragraph: int | None = Field(default=None, description="0-based paragraph index in the source file")
    start: int = 0
    end: int = 0
    row: int | None = Field(default=None, description="in a table block: the 0-based row of Block.rows the item comes from")
    bbox: BBox | None = None
