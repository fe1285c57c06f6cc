"""What the yardstick scripts share: the inflow index, plan folders, the commit plans were made at, sample tables
with a header of `# key: value` lines, the Wilson interval and the vocabulary of verdicts and errors.

The scripts (pairs_sample.py, pairs_report.py, unlabeled_pages.py, inflow_headers.py) measure what a user gets at
scale; they read ../shared and never copy its text into the repository.
"""
from __future__ import annotations

import csv
import io
import math
import subprocess
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

from pydantic import BaseModel, ValidationError

from kehoach.models import Plan

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
INFLOW = SHARED / "corpus" / "inflow"
CODE_DIRS = ("kehoach", "models", "extract", "nlp", "graph", "store", "batch")  # what makes a plan

VERDICTS = ("right", "wrong")
# why a pair is wrong; one per wrong pair, the first that applies in this order
ERRORS: dict[str, str] = {
    "not_a_duty": "the text is no duty the document assigns: portal text, a procedure step or sheet, a form, "
                  "a heading or goal, a legal basis, a narrative",
    "quoted_or_reported": "a duty quoted from another document, or work reported as done or under way",
    "name_cut_or_run_on": "the agency's name is cut short or runs on into the duty or into other words",
    "not_an_agency": "the 'agency' is no agency or kind: a person, a place, a group naming no kind, a thing",
    "wrong_agency": "a real agency named whole, but the duty is another body's",
    "wrong_role": "right agency and duty, wrong role (lead / support / requested)",
    "other": "anything else (say what in the note)",
}


class PortalRow(BaseModel):
    """One row of inflow/index.csv: the portal's own fields, not a reading of the document."""

    id: str
    file: str
    portal_type: str
    number: str
    issuer: str
    signer: str
    date: str


def load_index(path: Path | None) -> dict[str, PortalRow]:
    """The portal's fields by document id; empty when the index is absent."""
    if path is None or not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as f:
        return {r["id"]: PortalRow.model_validate(r) for r in csv.DictReader(f)}


def load_plans(folder: Path) -> dict[str, Plan]:
    """Plan JSON by document id (the file's stem, as `kehoach parse` and `kehoach batch` name them).
    Files that are no plan are skipped with a word on why."""
    plans: dict[str, Plan] = {}
    for f in sorted(folder.glob("*.json")):
        try:
            plans[f.stem] = Plan.model_validate_json(f.read_text(encoding="utf-8"))
        except (ValidationError, UnicodeDecodeError) as exc:
            print(f"skipped {f.name}: not a plan ({type(exc).__name__})", flush=True)
    return plans


def code_commit(root: Path = ROOT) -> str:
    """The short commit of the code that makes plans, '-dirty' when that code has uncommitted changes."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True,
                              check=True).stdout.strip()
        status = subprocess.run(["git", "status", "--porcelain", "--", *CODE_DIRS], cwd=root, capture_output=True,
                                text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head + ("-dirty" if status else "")


def kind_of(portal_type: str | None, doc_type: str | None) -> str:
    """The kind a pair is reported under: the portal's type where known, else the parser's doc_type."""
    return portal_type or doc_type or "(none)"


def norm_text(s: str | None) -> str:
    """Spaces and case only (and one Unicode form, so that composed and decomposed letters are one)."""
    return " ".join(unicodedata.normalize("NFC", s or "").split()).casefold()


def wilson(k: int, n: int, z: float = 1.959964) -> tuple[float, float]:
    """Wilson score interval of k successes in n trials (95 % by default); (0, 1) for n = 0."""
    if n == 0:
        return 0.0, 1.0
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def share_cell(k: int, n: int) -> str:
    """'51.3 % (43.4–59.2)' — a share with its 95 % interval, in percent."""
    if n == 0:
        return "–"
    lo, hi = wilson(k, n)
    return f"{100 * k / n:.1f} % ({100 * lo:.1f}–{100 * hi:.1f})"


def emit(text: str, out: Path | None) -> int:
    """Print a report and, when asked, keep it in a file; the scripts' exit status."""
    print(text)
    if out:
        out.write_text(text + "\n", encoding="utf-8")
    return 0


def md_table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c).replace("|", "\\|").replace("\n", " ") for c in r) + " |" for r in rows]
    return "\n".join(lines)


def write_table(path: Path, meta: dict[str, str], columns: Sequence[str], rows: Iterable[dict[str, object]]) -> None:
    """A CSV whose first lines are `# key: value` (the sample's seed, size, commit …), then the header row."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        for k, v in meta.items():
            f.write(f"# {k}: {v}\n")
        w = csv.DictWriter(f, fieldnames=list(columns), extrasaction="ignore")
        w.writeheader()
        w.writerows({c: ("" if r.get(c) is None else r.get(c)) for c in columns} for r in rows)


def read_table(path: Path) -> tuple[dict[str, str], list[dict[str, str]]]:
    """The header lines and rows of a table written by write_table — also after a spreadsheet saved it again
    (which pads the `# …` lines with empty cells)."""
    meta: dict[str, str] = {}
    body: list[str] = []
    with path.open(encoding="utf-8-sig", newline="") as f:
        lines = list(io.StringIO(f.read(), newline=""))  # line ends only, never the separators inside a cell
    header_done = False
    for row_text in lines:
        if not header_done and row_text.startswith("#"):
            first = next(csv.reader([row_text]))[0]
            key, _, value = first.lstrip("#").partition(":")
            meta[key.strip()] = value.strip()
            continue
        header_done = True
        body.append(row_text)
    rows = [{k: (v or "").strip() for k, v in r.items() if k is not None} for r in csv.DictReader(body)]
    return meta, rows
