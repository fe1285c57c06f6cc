"""The package's folders import one another by relative path (``from ..models import Plan``), so a reader
and the tools follow an import to its folder; the dependencies run one way (the brief's layering)."""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ["models", "extract", "nlp", "graph", "store", "batch", "cli", "web", "kehoach"]
# what each folder may import of the others; nothing imports cli/ or web/
ALLOWED = {
    "models": set(),
    "extract": {"models"},
    "nlp": {"models", "extract"},
    "graph": {"models"},
    "store": {"models", "graph"},
    "batch": {"models", "extract", "nlp", "graph", "store"},
    "cli": {"models", "extract", "nlp", "graph", "store", "batch", "web"},  # `kehoach serve` starts the app
    "web": {"models", "extract", "nlp", "graph", "store", "batch"},
    "kehoach": set(),
}


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, 0, alias.name
        elif isinstance(node, ast.ImportFrom):
            yield node.lineno, node.level, node.module or ""


def _modules():
    for folder in FOLDERS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            yield folder, path


@pytest.mark.parametrize("folder,path", list(_modules()), ids=lambda v: str(v.relative_to(ROOT)) if isinstance(v, Path) else v)
def test_no_absolute_import_of_the_package(folder, path):
    bad = [f"{path.relative_to(ROOT)}:{line} imports {name}" for line, level, name in _imports(path)
           if level == 0 and (name == "kehoach" or name.startswith("kehoach."))]
    assert not bad, bad


def _target(path: Path, level: int, module: str) -> Path:
    """Where a relative import lands, by path: '..models' from nlp/pipeline.py is models/."""
    base = path.parent
    for _ in range(level - 1):
        base = base.parent
    return (base / module.replace(".", "/")).resolve()


@pytest.mark.parametrize("folder,path", list(_modules()), ids=lambda v: str(v.relative_to(ROOT)) if isinstance(v, Path) else v)
def test_relative_imports_land_on_a_folder_and_run_one_way(folder, path):
    for line, level, module in _imports(path):
        if level == 0:
            continue
        where = f"{path.relative_to(ROOT)}:{line}"
        landing = _target(path, level, module)
        assert landing.is_relative_to(ROOT), f"{where}: '{'.' * level}{module}' leaves the repository"
        target = landing.relative_to(ROOT).parts[0] if landing != ROOT else None
        assert target in FOLDERS, f"{where}: '{'.' * level}{module}' names no folder of the package"
        assert landing.is_dir() or landing.with_suffix(".py").is_file() or (landing.parent / "__init__.py").is_file(), \
            f"{where}: no module at {landing.relative_to(ROOT)}"
        if target != folder:
            assert target in ALLOWED[folder], f"{where}: {folder}/ may not import {target}/"
