"""The layers hold (import-linter's contracts in pyproject.toml), and a wrong arrow is caught."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
PACKAGES = ("app", "importers", "indexer", "bench")


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    # lint-imports reads the contracts from root/pyproject.toml and finds the packages from root first.
    return subprocess.run(
        [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command as c; c()"],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_project_keeps_its_layers() -> None:
    result = _lint(PROJECT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The packages' Python files and the contracts, copied where a wrong import can be written."""
    root = tmp_path_factory.mktemp("layers")
    for package in PACKAGES:
        shutil.copytree(
            PROJECT / package,
            root / package,
            ignore=lambda folder, names: [
                n for n in names if not (n.endswith(".py") or Path(folder, n).is_dir())
            ],
        )
    shutil.copy(PROJECT / "pyproject.toml", root / "pyproject.toml")
    return root


@pytest.mark.parametrize(
    ("module", "wrong_import", "contract"),
    [
        ("app/core/hours.py", "from app.web import extensions", "Layers"),  # the core reaching up
        ("importers/run.py", "import indexer.query", "Layers"),  # two independent siblings
        ("app/web/security.py", "import app.directory.params", "Layers"),  # the web layer above a blueprint
        ("indexer/query.py", "import flask", "No web below the web layer"),  # Flask below the web layer
        ("app/matching/weights.py", "from flask_babel import gettext", "No web below the web layer"),
    ],
)
def test_a_wrong_import_breaks_a_contract(copy: Path, module: str, wrong_import: str, contract: str) -> None:
    path = copy / module
    original = path.read_text(encoding="utf-8")
    path.write_text(original + f"\n{wrong_import}  # deliberately wrong\n", encoding="utf-8")
    try:
        result = _lint(copy)
    finally:
        path.write_text(original, encoding="utf-8")
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{contract} BROKEN" in result.stdout, result.stdout
