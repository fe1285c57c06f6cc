"""The batch layer's entry points, as the Python API exposes them (``kehoach.parse``, ``kehoach.batch``):
one file read and parsed, or a folder processed into an output folder. Heavy libraries load on first use."""
from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..store.files import remember_root

if TYPE_CHECKING:
    from ..models import Plan
    from .runner import BatchReport, FileRow


def parse(path: str | Path, *, segmenter: str = "syllable", ocr: str = "auto") -> "Plan":
    """Read and parse one file (PDF, DOCX, DOC, Markdown, text) into a Plan. A bad file gives a
    Plan with status ``failed`` and its issues, never an exception."""
    from ..extract import ReadOptions, read_document
    from ..nlp import parse as parse_source

    return parse_source(read_document(Path(path), ReadOptions(ocr=ocr)), segmenter=segmenter)


def batch(folder: str | Path, out: str | Path, *, workers: int = 0, timeout: float | None = 600.0,
          memory_mb: int | None = 4096, prune: bool = False, retry_failed: bool = False, ocr: str = "auto",
          segmenter: str = "syllable", dask: str | None = None,
          on_plan: Callable[[int, int], None] | None = None,
          on_row: "Callable[[FileRow], None] | None" = None) -> "BatchReport":
    """Process ``folder`` (recursively) into ``out``: plans/*.json, kehoach.db, report.csv/json.
    Incremental and resumable; ``on_plan(todo, total)`` once the work is known, ``on_row(row)``
    as each file is settled (status ok / partial / failed / skipped / pruned / missing, reason)."""
    from .runner import BatchOptions, run_batch
    from .work import WorkOptions

    folder, out = Path(folder), Path(out)
    if not folder.is_dir():
        raise NotADirectoryError(f"{folder} is not a folder")
    if ocr not in {"auto", "always", "never"} or segmenter not in {"underthesea", "syllable"}:
        raise ValueError("ocr is auto|always|never and segmenter underthesea|syllable")
    options = BatchOptions(workers=workers or os.cpu_count() or 1, timeout=timeout or None,
                           memory_mb=memory_mb or None, prune=prune, retry_failed=retry_failed, dask=dask,
                           work=WorkOptions(ocr=ocr, segmenter=segmenter))
    remember_root(out, folder)
    return run_batch(folder, out, options, on_plan=on_plan, on_row=on_row)
