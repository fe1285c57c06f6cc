"""Readers: every input format → a SourceDocument of clean, located text blocks.

This package knows nothing of plans; it depends only on kehoach.models.
"""
from .base import ReadError, ReadOptions, read_document, sniff_format

__all__ = ["ReadError", "ReadOptions", "read_document", "sniff_format"]
