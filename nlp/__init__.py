"""Plan understanding: SourceDocument → Plan (metadata, legal bases, agencies, tasks, deadlines).

Depends on kehoach.models (and the text helpers of kehoach.extract); knows nothing of the corpus graph.
"""
from __future__ import annotations


def parse(source, segmenter: str = "syllable", recognizer=None):
    from .pipeline import parse as _parse

    return _parse(source, segmenter=segmenter, recognizer=recognizer)


__all__ = ["parse"]
