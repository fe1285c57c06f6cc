"""kehoach: Vietnamese official plans (Kế hoạch) → structured data and a responsibility graph.

The Python API (kehoach/api.py): ``kehoach.parse(path)``, ``kehoach.batch(folder, out)``,
``kehoach.open_store(dir)`` → a Corpus with ``.who()``, ``.tasks()``, ``.checklist()``, ``.compare()``.
Names load on first use, so ``import kehoach`` stays light.
"""
from typing import Any

__version__ = "0.1.0"
__all__ = ["parse", "batch", "open_store", "Corpus", "CorpusNotFound", "pipeline_version"]

# `kehoach.batch` is also the batch subpackage; importing it here makes the package itself
# callable (batch/__init__.py), so `kehoach.batch(folder, out)` holds whatever was imported first.
from kehoach import batch  # noqa: E402


def __getattr__(name: str) -> Any:
    if name in {"parse", "open_store", "Corpus", "CorpusNotFound"}:
        from kehoach import api

        return getattr(api, name)
    raise AttributeError(f"module 'kehoach' has no attribute {name!r}")


def pipeline_version() -> str:
    """The version of what turns a file into plan JSON: the release plus a digest of the readers',
    parser's and schemas' code and data. A batch re-processes files parsed by another version."""
    import hashlib
    from importlib import import_module
    from pathlib import Path

    digest = hashlib.sha1(__version__.encode())
    for name in ("kehoach.models", "kehoach.extract", "kehoach.nlp"):
        folder = Path(import_module(name).__file__).parent
        for f in sorted(folder.rglob("*")):
            if f.suffix in {".py", ".json", ".tsv"} and "__pycache__" not in f.parts:
                digest.update(f.relative_to(folder).as_posix().encode())
                digest.update(f.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:12]}"
