"""A database file, a database folder or an instance folder that cannot be written: the command says so in
one line naming the path, in the terminal's language, exits 1, and nothing has changed.

The tests run as root here, and root writes through file permissions: a chmod'ed file would not reproduce
the fault. An immutable file or folder (`chattr +i`) refuses root as well, as a read-only mount does; run
as another user, taking the write permission away does the same. Either way the system itself refuses the
write, as it does for a user whose database is read-only (SQLite's "attempt to write a readonly database",
which the commands used to answer with an 80-line traceback).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest

from app.core.crypto import new_key
from tests.matching.builder import Spec, build

ROOT = Path(__file__).resolve().parents[2]
Unwritable = Callable[[Path], AbstractContextManager[None]]


@pytest.fixture
def unwritable() -> Unwritable:
    @contextmanager
    def refuse_writes(path: Path) -> Iterator[None]:
        if os.geteuid() == 0:
            done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True, check=False)
            if done.returncode != 0:
                pytest.skip(f"root writes through permissions and chattr +i is refused here: {done.stderr}")
            try:
                yield
            finally:
                subprocess.run(["chattr", "-i", str(path)], check=True)
        else:
            mode = path.stat().st_mode
            path.chmod(mode & ~0o222)
            try:
                yield
            finally:
                path.chmod(mode)

    return refuse_writes


def snapshot(*folders: Path) -> dict[str, str]:
    """Every file under the folders, by path, with the SHA-256 of its content."""
    return {
        str(path): hashlib.sha256(path.read_bytes()).hexdigest()
        for folder in folders
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def carrefour(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """The `carrefour` command as people run it (its entry point, in a process of its own)."""
    return subprocess.run(
        [sys.executable, "-c", "from app.main import main; main()", *args],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "LANG": "en_CA.UTF-8", **env},
        cwd=ROOT,
        check=False,
        timeout=120,
    )


@pytest.fixture
def instance(tmp_path: Path, sqlite_template: Path) -> Path:
    """An instance folder holding a migrated database and its secret key (nothing left to create)."""
    folder = tmp_path / "instance"
    folder.mkdir()
    shutil.copy(sqlite_template, folder / "carrefour.db")
    (folder / "secret_key").write_text("k" * 48 + "\n", encoding="utf-8")
    (folder / "data_key").write_text(new_key() + "\n", encoding="utf-8")  # as a first run left them
    return folder


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize("command", [["db", "upgrade"], ["import", "PACKAGE"], ["demo", "--no-serve"]])
def test_a_read_only_database_file(
    instance: Path, tmp_path: Path, unwritable: Unwritable, command: list[str]
) -> None:
    package = str(build(tmp_path / "pkg", [Spec("one")]))
    database = instance / "carrefour.db"
    before = snapshot(instance)
    with unwritable(database):
        result = carrefour(
            *[package if a == "PACKAGE" else a for a in command], env={"CARREFOUR_INSTANCE": str(instance)}
        )
    line = one_line(result)
    assert line == f"carrefour: cannot write the database file {database} (read-only); nothing was changed"
    assert snapshot(instance) == before


def test_an_unwritable_instance_folder_is_said_in_french_too(
    instance: Path, tmp_path: Path, unwritable: Unwritable
) -> None:
    package = str(build(tmp_path / "pkg", [Spec("one")]))
    before = snapshot(instance)
    with unwritable(instance):
        result = carrefour(
            "import", package, env={"CARREFOUR_INSTANCE": str(instance), "LANG": "fr_CA.UTF-8"}
        )
    line = one_line(result)
    assert line == (
        f"carrefour: impossible d'écrire dans le dossier d'instance {instance} (CARREFOUR_INSTANCE) ; "
        "rien n'a été modifié"
    )
    assert snapshot(instance) == before


def test_an_unwritable_database_folder(instance: Path, tmp_path: Path, unwritable: Unwritable) -> None:
    """SQLite writes its journal beside the database: a folder it cannot write in fails every write."""
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.move(instance / "carrefour.db", folder / "carrefour.db")
    env = {
        "CARREFOUR_INSTANCE": str(instance),
        "CARREFOUR_DATABASE_URL": f"sqlite:///{folder / 'carrefour.db'}",
    }
    before = snapshot(instance, folder)
    with unwritable(folder):
        result = carrefour("demo", "--no-serve", env=env)
    line = one_line(result)
    assert line == (
        f"carrefour: cannot write in the database folder {folder} (SQLite keeps its journal there); "
        "nothing was changed"
    )
    assert snapshot(instance, folder) == before
