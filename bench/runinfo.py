"""What every benchmark and score table is printed under: the command that made it, the commit, the date and
the machine, so that a table pasted into docs/ is a fact about one version; and the Markdown table itself.

The bench scripts import it from their own folder; scripts/score_gold.py and scripts/score_subsets.py put
bench/ on their path for it. Standard library only: it must not change what is measured.
"""
from __future__ import annotations

import datetime as dt
import os
import platform
import shlex
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def commit() -> str:
    """The short commit of the checkout, marked when tracked files differ from it."""
    head = _git("rev-parse", "--short", "HEAD") or "unknown"
    return head + (" + uncommitted changes" if _git("status", "--porcelain", "--untracked-files=no") else "")


def command(argv: Sequence[str] | None = None) -> str:
    """The command line as a reader types it from the repository root."""
    argv = list(sys.argv if argv is None else argv)
    script = Path(argv[0]).resolve()
    shown = script.relative_to(ROOT).as_posix() if script.is_relative_to(ROOT) else argv[0]
    return shlex.join(["python", shown, *argv[1:]])


def _cpuinfo() -> tuple[int, str]:
    """(logical CPUs, model name) from /proc/cpuinfo."""
    try:
        lines = Path("/proc/cpuinfo").read_text().splitlines()
    except OSError:
        return os.cpu_count() or 0, platform.processor() or "unknown CPU"
    models = [line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")]
    count = sum(1 for line in lines if line.startswith("processor")) or os.cpu_count() or 0
    return count, models[0] if models else platform.processor() or "unknown CPU"


def _memory_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 2 ** 20
    except OSError:
        pass
    return None


def machine() -> str:
    cpus, model = _cpuinfo()
    memory = _memory_gib()
    parts = [f"{cpus} × {model}"] + ([f"{memory:.0f} GiB"] if memory else [])
    parts.append(f"Python {platform.python_version()}")
    if hasattr(os, "getloadavg"):
        parts.append(f"load average {os.getloadavg()[0]:.2f} at the start")
    return ", ".join(parts)


def header(title: str, argv: Sequence[str] | None = None) -> str:
    """A Markdown heading and the four facts a figure needs to be reproduced."""
    return "\n".join([
        f"### {title}",
        "",
        f"- command: `{command(argv)}`",
        f"- commit: {commit()}",
        f"- date: {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z}",
        f"- machine: {machine()}",
        "",
    ])


def table(columns: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A Markdown table; cells are printed as given (format numbers before)."""
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)
