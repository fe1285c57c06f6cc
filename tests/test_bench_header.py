"""The header every benchmark and score table is printed under (bench/runinfo.py): a figure pasted into docs/
carries the command that made it, the commit, the date and the machine."""
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import runinfo  # noqa: E402


def test_header_names_command_commit_date_and_machine():
    text = runinfo.header("Readers", [str(ROOT / "bench" / "readers.py"), "--broken"])
    lines = text.splitlines()
    assert lines[0] == "### Readers"
    assert "- command: `python bench/readers.py --broken`" in lines
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    commit = next(line for line in lines if line.startswith("- commit: "))
    assert commit.removeprefix("- commit: ").startswith(head or "unknown")
    assert any(re.fullmatch(r"- date: \d{4}-\d\d-\d\d \d\d:\d\d.*", line) for line in lines)
    machine = next(line for line in lines if line.startswith("- machine: "))
    assert re.search(r"\d+ × .+, Python \d+\.\d+\.\d+", machine), machine


def test_command_outside_the_repository_is_shown_as_given():
    assert runinfo.command(["/elsewhere/x.py", "a b"]) == "python /elsewhere/x.py 'a b'"


def test_table_is_markdown():
    assert runinfo.table(["a", "b"], [[1, "x"], [2.5, ""]]).splitlines() == [
        "| a | b |", "|---|---|", "| 1 | x |", "| 2.5 |  |"]
