"""Writing files so that nothing half-written is ever visible."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

_UMASK = os.umask(0)
os.umask(_UMASK)


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write via a temporary file in the same folder, fsync, then rename over the target."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; give the file the usual mode
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def remove_stale_temps(folder: Path) -> int:
    """Delete the temporary files of writes that a killed run left behind (``write_atomic``'s
    ".<name>.<random>.tmp"); call before anything writes into ``folder``. Returns how many."""
    removed = 0
    for tmp in Path(folder).rglob(".*.tmp"):
        if tmp.is_file():
            tmp.unlink(missing_ok=True)
            removed += 1
    return removed


ROOTS_FILE = "roots.json"  # the folders batched into an output folder: where the original files are


def remember_root(out: Path, folder: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    roots = batch_roots(out)
    root = str(folder.resolve())
    if root not in roots:
        write_atomic(out / ROOTS_FILE, json.dumps(roots + [root], ensure_ascii=False, indent=1))


def batch_roots(out: Path) -> list[str]:
    """The folders batched into ``out`` (roots.json, else the last report's root)."""
    for name, pick in ((ROOTS_FILE, lambda d: list(d)), ("report.json", lambda d: [d["root"]])):
        f = Path(out) / name
        if f.is_file():
            try:
                return [str(Path(r).resolve()) for r in pick(json.loads(f.read_text(encoding="utf-8")))]
            except (ValueError, KeyError, TypeError):
                continue
    return []
