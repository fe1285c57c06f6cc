"""Folder → store. The package is callable: ``kehoach.batch(folder, out, ...)`` is
``batch.api.batch`` (the subpackage and the API function share the name)."""
import sys
from types import ModuleType
from typing import Any


class _CallableModule(ModuleType):
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from .api import batch

        return batch(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
