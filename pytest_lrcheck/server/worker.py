"""The process that does the linting, so that a slow or runaway check cannot stall the server.

The server answers the editor on its event loop; checking a buffer takes milliseconds for a
training script but seconds for a generated megabyte, and fixing loads libcst.  Both run here,
one request at a time: a request that outlives its time budget is ended by ending the process,
which is started again for the next request.  The worker reads requests from its stdin and
writes results to its stdout as length-prefixed pickles; it runs only the functions named in
`jobs.JOBS` and exits when its stdin closes, that is when the server goes away.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import struct
import subprocess
import sys
import threading
from typing import IO, Any

_HEADER = struct.Struct(">Q")
# ``-c`` puts the current directory (the user's project) first on sys.path: a ``libcst.py``
# there would be imported in place of the real one.  The linter never runs the user's code.
_START = "import sys; del sys.path[0]; from pytest_lrcheck.server.worker import serve; serve()"


class WorkerGone(Exception):
    """The worker process ended (or was ended) before it answered."""


class JobFailed(Exception):
    """The job raised: a bug in lrcheck, reported as such."""


def _send(stream: IO[bytes], value: object) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _receive(stream: IO[bytes]) -> Any:
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        raise EOFError
    size = _HEADER.unpack(header)[0]
    data = stream.read(size)
    if len(data) < size:
        raise EOFError
    return pickle.loads(data)


def serve() -> None:
    """The worker's loop (runs in the child process)."""
    from pytest_lrcheck.lint.engine import make_rules
    from pytest_lrcheck.server.jobs import JOBS

    requests, replies = sys.stdin.buffer, sys.stdout.buffer
    # Nothing else may write to the reply stream.
    sys.stdout = sys.stderr
    # Every rule imported before the first request, so that no job's time budget pays for it.
    make_rules()
    _send(replies, ("ready", None))
    while True:
        try:
            name, args = _receive(requests)
        except (EOFError, OSError):
            return
        try:
            reply: tuple[str, object] = ("ok", JOBS[name](*args))
        except Exception as error:
            reply = ("error", f"{name}: {type(error).__name__}: {error}")
        try:
            _send(replies, reply)
        except OSError:
            return


def _close_pipes(process: subprocess.Popen[bytes]) -> None:
    for stream in (process.stdin, process.stdout):
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()


class Worker:
    """The server's handle on the worker process; `call` blocks, so call it from a thread."""

    def __init__(self, command: list[str] | None = None) -> None:
        self.command = command or [sys.executable, "-c", _START]
        self._process: subprocess.Popen[bytes] | None = None
        # The process whose "ready" has been read.
        self._greeted: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()

    def start(self) -> subprocess.Popen[bytes]:
        process = self._process
        if process is not None and process.poll() is not None:
            _close_pipes(process)
        if process is None or process.poll() is not None:
            process = subprocess.Popen(
                self.command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                # Its warnings go where the server's go: the editor's log.
                stderr=None,
                env={**os.environ, "PYTHONUNBUFFERED": "1"},
            )
            self._process = process
        return process

    def ready(self) -> subprocess.Popen[bytes]:
        """The process, started and done with its imports (blocks until then)."""
        with self._lock:
            return self._ready("starting")

    def _ready(self, name: str) -> subprocess.Popen[bytes]:
        try:
            process = self.start()
        except OSError as error:
            raise WorkerGone(f"{name}: cannot start the worker: {error}") from None
        if process is not self._greeted:
            assert process.stdout is not None
            try:
                _receive(process.stdout)
            except (EOFError, OSError, pickle.UnpicklingError):
                raise WorkerGone(f"{name}: the worker ended while starting") from None
            self._greeted = process
        return process

    def call(self, name: str, *args: object) -> Any:
        with self._lock:
            process = self._ready(name)
            assert process.stdin is not None and process.stdout is not None
            try:
                _send(process.stdin, (name, args))
                status, value = _receive(process.stdout)
            except (EOFError, OSError, pickle.UnpicklingError):
                raise WorkerGone(name) from None
        if status != "ok":
            raise JobFailed(value)
        return value

    def kill(self) -> None:
        """End the process now; a `call` waiting on it raises `WorkerGone`."""
        process = self._process
        if process is not None and process.poll() is None:
            process.kill()
            process.wait()

    def close(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        if process.stdin is not None:
            with contextlib.suppress(OSError):
                process.stdin.close()  # the worker's cue to exit
        try:
            process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        _close_pipes(process)
