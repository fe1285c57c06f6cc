from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "corpus" / "seeds"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "corpus").is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def seed_plans():
    """The two seed plans, parsed once per session."""
    from kehoach.extract import read_document
    from kehoach.nlp import parse

    return [parse(read_document(f)) for f in sorted(SEEDS.glob("*.txt"))]


@pytest.fixture(scope="session")
def seed_plan_dir(seed_plans, tmp_path_factory) -> Path:
    """The seeds' plan JSON in a folder, as `kehoach parse` writes it."""
    from kehoach.graph.identity import plan_id

    folder = tmp_path_factory.mktemp("plans")
    for p in seed_plans:
        (folder / f"{plan_id(p)}.json").write_text(p.model_dump_json(), encoding="utf-8")
    return folder


ARTIFACTS: list[Path] = []  # files a test leaves for people to look at (browser screenshots)


def pytest_terminal_summary(terminalreporter) -> None:
    if ARTIFACTS:
        terminalreporter.section("artifacts")
        for path in ARTIFACTS:
            terminalreporter.write_line(str(path))
