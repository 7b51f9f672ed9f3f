"""Long commands show a progress bar on a terminal, and nothing when their output is not one."""

from __future__ import annotations

import io
import os
import pty
import re
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.commands.terminal import terminal_progress
from app.core.progress import SILENT, tracked

ROOT = Path(__file__).resolve().parents[2]
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_bar_counts_on_a_terminal_and_nothing_is_drawn_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    screen = _Terminal()
    with terminal_progress(screen) as progress:
        assert progress.watched
        assert list(tracked(range(40), progress, "services.csv", 40)) == list(range(40))
    assert "services.csv" in screen.getvalue() and "40/40" in screen.getvalue()
    for stream, ci in ((io.StringIO(), None), (_Terminal(), "true")):  # a pipe; a terminal under CI
        if ci:
            monkeypatch.setenv("CI", ci)
        with terminal_progress(stream) as progress:
            assert progress is SILENT
            list(tracked(range(40), progress, "services.csv", 40))
        assert stream.getvalue() == ""


def _carrefour_env(tmp_path: Path) -> dict[str, str]:
    return {
        "PATH": "/usr/bin:/bin",
        "LANG": "en_CA.UTF-8",
        "CARREFOUR_INSTANCE": str(tmp_path / "instance"),
        "TERM": "xterm",
        "COLUMNS": "100",
    }


def _run_in_a_terminal(args: list[str], env: dict[str, str]) -> str:
    """Run a command with a pseudo-terminal as its output, as a person at a terminal would; what it drew."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(args, stdin=follower, stdout=follower, stderr=follower, env=env, cwd=ROOT)
    os.close(follower)
    chunks: list[bytes] = []
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 1)
        if ready:
            try:
                data = os.read(leader, 65536)
            except OSError:  # the command ended and closed its terminal
                break
            if not data:
                break
            chunks.append(data)
        elif process.poll() is not None:
            break
    process.wait(timeout=30)
    os.close(leader)
    assert process.returncode == 0, b"".join(chunks).decode(errors="replace")
    return b"".join(chunks).decode(errors="replace")


def test_import_draws_its_bar_on_a_terminal_and_reports_the_same_through_a_pipe(tmp_path: Path) -> None:
    package = ROOT / "app" / "data" / "hsds-3.0" / "examples" / "csv"
    command = [sys.executable, "-c", "from app.main import main; main()", "import", str(package)]
    env = _carrefour_env(tmp_path)
    drawn = _run_in_a_terminal([*command, "--source", "on-a-terminal"], env)
    piped = subprocess.run(
        [*command, "--source", "through-a-pipe"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    # On the terminal: a bar per file with its counts, then cleared; through a pipe: no bar, no escape code.
    bars = [ANSI.sub("", part) for part in drawn.split("\r") if "━" in part]
    assert any(re.search(r"services\.csv\s+━+\s+\d+/\d+", bar) for bar in bars), drawn
    assert "\x1b[" in drawn
    assert "\x1b[" not in piped.stdout + piped.stderr and "━" not in piped.stdout + piped.stderr
    # The final report is the same either way (the second import of the same files under another source).
    report_line = next(line for line in piped.stdout.splitlines() if line.strip().startswith("service"))
    assert report_line.strip() in ANSI.sub("", drawn)
