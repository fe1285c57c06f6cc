"""kehoach: Vietnamese official plans (Kế hoạch) → structured data and a responsibility graph.

The Python API: ``kehoach.parse(path)`` (batch/api.py), ``kehoach.batch(folder, out)`` (batch/api.py),
``kehoach.open_store(dir)`` → a Corpus with ``.who()``, ``.tasks()``, ``.checklist()``, ``.compare()``
(store/corpus.py). Names load on first use, so ``import kehoach`` stays light.
"""
from importlib import import_module
from typing import Any

__all__ = ["__version__", "parse", "batch", "open_store", "Corpus", "CorpusNotFound", "pipeline_version"]

# public name → (module under this package, attribute); `batch` is also the callable batch subpackage
_PUBLIC = {
    "parse": ("batch.api", "parse"),
    "open_store": ("store.corpus", "open_corpus"),
    "Corpus": ("store.corpus", "Corpus"),
    "CorpusNotFound": ("store.corpus", "CorpusNotFound"),
    "pipeline_version": ("batch.version", "pipeline_version"),
}


def __getattr__(name: str) -> Any:
    if name == "__version__":
        return import_module(f"{__name__}.batch.version").release()
    if name == "batch":  # the subpackage, callable as kehoach.batch(folder, out) (batch/__init__.py)
        return import_module(f"{__name__}.batch")
    if name in _PUBLIC:
        module, attr = _PUBLIC[name]
        return getattr(import_module(f"{__name__}.{module}"), attr)
    raise AttributeError(f"module 'kehoach' has no attribute {name!r}")
