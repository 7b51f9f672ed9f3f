"""The writer of a full rebuild of the embedded index, here or in a process of its own.

A large rebuild writes its file in a child process while the next documents are built here (on two cores the
two halves overlap; a writer thread would not do: it gives up the interpreter lock for every row it steps).
The child is a plain `python -m indexer.engines.embedded.writer FILE` reading pickled batches from its
standard input, which only this process holds open: when this process ends, however it ends (even
`kill -9`), the child reads end-of-file, removes its half-written file and exits. No multiprocessing
machinery (queues, semaphores, their resource tracker) is involved, so nothing else is left behind.

Frames on the child's standard input: 8 bytes of length (big-endian), then a pickled `Rows`; a length of 0
means "finish the file". The child answers one line on its standard output: `ok`, or what went wrong.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import queue
import sqlite3
import subprocess
import sys
import threading
import traceback
from pathlib import Path
from typing import BinaryIO

from indexer.engines.embedded.store import Rows, finish_index, new_index, write_rows

QUEUE_BATCHES = 4  # pickled batches waiting for the writer process at most (memory stays bounded)
_HEADER = 8
_PROJECT = Path(__file__).resolve().parents[3]  # the folder holding `indexer/`


class IndexWriter:
    """A new index file written batch by batch, here (small rebuilds) or in a process of its own."""

    def __init__(self, path: Path, separate_process: bool) -> None:
        self.path = path
        self.process: subprocess.Popen[bytes] | None = None
        self.connection: sqlite3.Connection | None = None
        if not separate_process:
            self.connection = new_index(path)
            return
        environment = dict(os.environ)
        environment["PYTHONPATH"] = os.pathsep.join(
            filter(None, [str(_PROJECT), os.environ.get("PYTHONPATH")])
        )
        self.process = subprocess.Popen(
            [sys.executable, "-m", "indexer.engines.embedded.writer", str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=environment,
        )
        # Batches go down the pipe from a thread of their own: the builder goes on building while the
        # child reads (the thread waits in `write`, without the interpreter lock).
        self.batches: queue.Queue[bytes | None] = queue.Queue(maxsize=QUEUE_BATCHES)
        self.broken: str | None = None
        self.feeder = threading.Thread(target=self._feed, name="index-writer-feeder", daemon=True)
        self.feeder.start()

    def write(self, rows: Rows) -> None:
        if self.connection is not None:
            write_rows(self.connection, rows)
            return
        self._put(pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL))

    def finish(self) -> None:
        if self.connection is not None:
            finish_index(self.connection)
            self.connection = None
            return
        self._put(None)
        self.feeder.join()
        answer = self._answer()
        if answer != "ok":
            raise RuntimeError(f"the index writer failed: {answer}")

    def abort(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None
        if self.process is None:
            return
        self.process.kill()
        self.process.wait(timeout=10)
        with contextlib.suppress(queue.Full):
            self.batches.put_nowait(None)  # a feeder waiting for a batch ends; one writing sees a broken pipe
        self.feeder.join(timeout=10)
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()

    def _put(self, data: bytes | None) -> None:
        while True:  # a writer that died must not leave the builder waiting forever
            if self.broken is not None:
                raise RuntimeError(f"the index writer stopped: {self._answer()}")
            try:
                self.batches.put(data, timeout=1.0)
                return
            except queue.Full:
                continue

    def _feed(self) -> None:
        assert self.process is not None and self.process.stdin is not None
        pipe = self.process.stdin
        try:
            while (data := self.batches.get()) is not None:
                pipe.write(len(data).to_bytes(_HEADER, "big"))
                pipe.write(data)
            pipe.write((0).to_bytes(_HEADER, "big"))
            pipe.close()
        except (OSError, ValueError) as error:  # the child is gone (or was killed by `abort`)
            self.broken = f"{error!r}"

    def _answer(self) -> str:
        """The child's one line, once it has exited."""
        assert self.process is not None and self.process.stdout is not None
        answer = self.process.stdout.read().decode("utf-8", "replace").strip()
        code = self.process.wait()
        return answer or f"exit code {code}"


# --- the child process ------------------------------------------------------------------------------------


class _ParentGone(Exception):
    """End of input before the finishing frame: the process that started this one has ended."""


def _read_exactly(stream: BinaryIO, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = stream.read(size - len(data))
        if not chunk:
            raise _ParentGone
        data += chunk
    return data


def _batches(stream: BinaryIO) -> Rows | None:
    size = int.from_bytes(_read_exactly(stream, _HEADER), "big")
    return None if size == 0 else pickle.loads(_read_exactly(stream, size))  # batches our own parent pickled


def remove_index_file(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{path}{suffix}").unlink()


def main(argv: list[str]) -> int:
    path = Path(argv[0])
    source, answer = sys.stdin.buffer, sys.stdout.buffer
    connection: sqlite3.Connection | None = None
    try:
        connection = new_index(path)
        while (rows := _batches(source)) is not None:
            write_rows(connection, rows)
        finish_index(connection)
        connection = None
        answer.write(b"ok\n")
        answer.flush()
        return 0
    except _ParentGone:
        outcome = None  # no one to tell
    except BaseException as error:  # told to the builder, which gives up the rebuild
        outcome = f"{error!r} {traceback.format_exc(limit=3)}"
    if connection is not None:
        connection.close()
    remove_index_file(path)  # a file no one will use, and no one else would remove
    if outcome is not None:
        with contextlib.suppress(OSError):
            answer.write(outcome.replace("\n", " ").encode("utf-8") + b"\n")
            answer.flush()
    return 1


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except BrokenPipeError:  # the builder went away before reading the answer: the file is no one's
        remove_index_file(Path(sys.argv[1]))
        sys.exit(1)
