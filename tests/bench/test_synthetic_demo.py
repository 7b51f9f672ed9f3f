"""The demo directory is written by the synthetic generator: regenerating it gives the committed files, byte
for byte, and the checker finds nothing wrong with them."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.demo.load import DEMO_DIR
from bench.synthetic.check_demo import Checker
from bench.synthetic.demo import write_demo


def _files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}


def test_regenerating_the_demo_writes_exactly_the_committed_files(tmp_path: Path) -> None:
    write_demo(tmp_path / "demo")
    committed, regenerated = _files(DEMO_DIR), _files(tmp_path / "demo")
    assert sorted(regenerated) == sorted(committed)
    different = [name for name in committed if regenerated[name] != committed[name]]
    assert not different, f"regenerated files differ from app/demo/data/: {different}"


def test_the_checker_finds_no_problem_in_the_committed_demo(capsys: pytest.CaptureFixture[str]) -> None:
    checker = Checker(DEMO_DIR)
    assert checker.run() == 0, checker.problems[:10]
    assert capsys.readouterr().out.rstrip().endswith("OK")


def test_the_checker_reports_a_broken_demo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken"
    write_demo(broken)
    (broken / "phones.csv").unlink()
    services = broken / "services.csv"
    services.write_text(services.read_text(encoding="utf-8").replace(",active,", ",open,", 1), "utf-8")
    checker = Checker(broken)
    assert checker.run() == 1
    assert "phones.csv is missing" in checker.problems
    assert any("status" in problem and "open" in problem for problem in checker.problems), checker.problems
