"""kehoach: Vietnamese official plans (Kế hoạch) → structured data and a responsibility graph."""

__version__ = "0.1.0"


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
