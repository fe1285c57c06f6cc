"""What the gold scripts share: the gold documents, their SourceDocuments (cached by content), folds, scoring.

The read cache is keyed by the file's bytes and the readers' source, so it never changes what is
scored, only how long reading takes (the scans and broken-font PDFs take minutes to OCR).
"""
from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path
from types import ModuleType

from kehoach.extract import read_document
from kehoach.models import SourceDocument

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CACHE = Path("/tmp/kehoach-read-cache")


def gold_files(shared: Path = SHARED) -> list[Path]:
    return sorted((shared / "corpus" / "gold").glob("*.gold.json"))


def doc_id(gold_path: Path) -> str:
    return gold_path.name.removesuffix(".gold.json")


def load_gold(gold_path: Path) -> dict:
    return json.loads(gold_path.read_text(encoding="utf-8"))


def read_cached(path: Path, cache: Path = CACHE) -> SourceDocument:
    cache.mkdir(parents=True, exist_ok=True)
    reader_version = b"".join(p.read_bytes() for p in sorted((ROOT / "extract").glob("*.py")))
    key = hashlib.sha256(path.read_bytes() + reader_version).hexdigest()[:16]
    cached = cache / f"{key}.json"
    if cached.exists():
        return SourceDocument.model_validate_json(cached.read_text(encoding="utf-8"))
    src = read_document(path)
    cached.write_text(src.model_dump_json(), encoding="utf-8")
    return src


def source_of(gold_path: Path, shared: Path = SHARED, cache: Path = CACHE) -> SourceDocument:
    return read_cached(shared / "corpus" / load_gold(gold_path)["file"], cache)


def folds(ids: list[str], k: int) -> list[list[str]]:
    """k folds by document, dealt in sorted order (deterministic, every fold mixes kinds)."""
    ordered = sorted(ids)
    return [ordered[i::k] for i in range(k)]


def scorer(shared: Path = SHARED) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FIELDS = ("document.number", "document.issuer", "document.date", "document.signer", "legal_bases", "references",
          "owners", "support", "ownership", "deadlines", "recipients", "overall_f1")


def field_value(result: dict, field: str) -> float:
    v = result[field]
    return v["f1"] if isinstance(v, dict) else v
