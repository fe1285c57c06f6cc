"""The per-document function: one file in, one result out. It runs in worker processes or on
Dask workers, so it takes and returns plain, picklable data and never raises."""
from __future__ import annotations

import hashlib
import time
from dataclasses import asdict, dataclass
from pathlib import Path

SUPPORTED = frozenset({".pdf", ".docx", ".doc", ".rtf", ".md", ".markdown", ".txt", ".html", ".htm"})


@dataclass
class WorkItem:
    path: str  # absolute
    rel: str  # relative to the batch root: the file's identity in the store
    plan_id: str
    sha256: str
    size: int
    mtime_ns: int


@dataclass
class WorkResult:
    rel: str
    plan_id: str
    sha256: str
    size: int
    mtime_ns: int
    status: str  # ok | partial | failed
    reason: str | None
    pages: int | None
    seconds: float
    plan_json: str | None

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class WorkOptions:
    ocr: str = "auto"
    segmenter: str = "syllable"  # same plan JSON as underthesea (bench/parse.py: 62/62), 5× faster
    max_pages: int = 500
    ocr_page_timeout: float = 120.0


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def process(item: WorkItem, options: WorkOptions = WorkOptions()) -> WorkResult:
    """Read and parse one file. Bad input becomes a failed result with its reason."""
    started = time.perf_counter()
    try:
        from ..extract import ReadOptions, read_document
        from ..nlp import parse

        source = read_document(Path(item.path), ReadOptions(ocr=options.ocr, max_pages=options.max_pages,
                                                           ocr_page_timeout=options.ocr_page_timeout))
        pages = source.pages or None
        if source.status.value == "failed":
            reason = "; ".join(f"{i.code}: {i.message}" for i in source.issues)[:500]
            return _result(item, "failed", reason, pages, started, None)
        plan = parse(source, segmenter=options.segmenter)
        plan.file = item.rel
        reason = "; ".join(f"{i.code}: {i.message}" for i in plan.issues)[:500] or None
        return _result(item, plan.status.value, reason, pages, started, plan.model_dump_json(indent=2))
    except MemoryError:
        return _result(item, "failed", "memory_limit: the document needed more memory than the per-document limit",
                       None, started, None)
    except Exception as exc:  # a parser bug must not sink the batch
        # the library's message is not a reason; the exception's type says where it failed
        return _result(item, "failed", f"parse_failed: the document could not be parsed (unexpected "
                                       f"{type(exc).__name__})", None, started, None)


def _result(item: WorkItem, status: str, reason: str | None, pages: int | None, started: float,
            plan_json: str | None) -> WorkResult:
    return WorkResult(item.rel, item.plan_id, item.sha256, item.size, item.mtime_ns, status, reason, pages,
                      round(time.perf_counter() - started, 3), plan_json)
