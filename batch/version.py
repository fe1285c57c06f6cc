"""The version of what turns a file into plan JSON: the release plus a digest of the readers',
parser's and schemas' code and data. A batch re-processes files parsed by another version."""
from __future__ import annotations

import hashlib
from importlib import import_module, metadata
from pathlib import Path

_PARSING = ("..models", "..extract", "..nlp")  # what a plan depends on, relative to this package


def release() -> str:
    try:
        return metadata.version("kehoach")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "0.0.0"


def pipeline_version() -> str:
    digest = hashlib.sha1(release().encode())
    for name in _PARSING:
        folder = Path(import_module(name, __package__).__file__).parent
        for f in sorted(folder.rglob("*")):
            if f.suffix in {".py", ".json", ".tsv"} and "__pycache__" not in f.parts:
                digest.update(f.relative_to(folder).as_posix().encode())
                digest.update(f.read_bytes())
    return f"{release()}+{digest.hexdigest()[:12]}"
