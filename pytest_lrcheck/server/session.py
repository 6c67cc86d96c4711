"""What the server does with the open documents: check them, and publish what it finds.

A change is checked after a pause in typing (`CHANGE_DELAY`), an opened or saved document at
once; checks run one at a time in the worker process, each on the latest text when its turn
comes, so a burst of edits costs one check, not one per keystroke.  A check that outlives
`BUDGET` is stopped, reported on the document, and the document is then checked only when it
is saved.  Results for a version the editor has moved past are not published: the check of
the newer version follows.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from pytest_lrcheck.server.buffers import Documents
from pytest_lrcheck.server.diagnostics import Placed, by_document, findings_of, not_checked, place
from pytest_lrcheck.server.jobs import Checked
from pytest_lrcheck.server.positions import Encoding
from pytest_lrcheck.server.snapshot import Snapshot
from pytest_lrcheck.server.worker import JobFailed, Worker, WorkerGone

CHANGE_DELAY = 0.25  # seconds of quiet after a change before it is checked
BUDGET = 20.0  # seconds one check or fix may take
T = TypeVar("T")
logger = logging.getLogger("lrcheck.server")


@dataclass
class _State:
    snapshot: Snapshot | None = None
    placed: list[Placed] = field(default_factory=list)
    published: set[str] = field(default_factory=set)
    timer: asyncio.TimerHandle | None = None
    slow: bool = False


class Session:
    def __init__(self, server: LanguageServer, worker: Worker | None = None) -> None:
        self.server = server
        self.documents = Documents()
        self.worker = worker or Worker()
        self.encoding: Encoding = "utf-16"
        self.budget = BUDGET
        self.change_delay = CHANGE_DELAY
        self._states: dict[str, _State] = {}
        self._turn = asyncio.Lock()  # one document checked at a time
        self._worker_turn = asyncio.Lock()  # one job in the worker at a time
        self._told: set[str] = set()
        self._tasks: set[asyncio.Task[Any]] = set()
        # Whether the client asked for a shutdown before the exit (the exit status says so).
        self.shut_down = False

    def configure(self, options: dict[str, Any]) -> None:
        """The client's ``initializationOptions``: ``maxSeconds``, the budget of one check."""
        budget = options.get("maxSeconds")
        if budget is None:
            return
        if isinstance(budget, (int, float)) and not isinstance(budget, bool) and budget > 0:
            self.budget = float(budget)
        else:
            self.tell(f"lrcheck: maxSeconds must be a positive number of seconds, not {budget!r}")

    # --- what the editor does ---------------------------------------------------------------
    def opened(self, uri: str) -> None:
        self._states[uri] = _State()
        self.schedule(uri, 0.0)

    def changed(self, uri: str) -> None:
        state = self._states.setdefault(uri, _State())
        if not state.slow:
            self.schedule(uri, self.change_delay)

    def saved(self, uri: str) -> None:
        self._forget(uri)
        self.schedule(uri, 0.0)

    def closed(self, uri: str) -> None:
        state = self._states.pop(uri, None)
        if state is None:
            return
        if state.timer is not None:
            state.timer.cancel()
        for part_uri in state.published:
            self._publish(part_uri, [], None)

    def recheck_all(self) -> None:
        """The configuration may have changed: every open document again."""
        for uri in self.documents.uris():
            self._forget(uri)
            self.schedule(uri, 0.0)

    def _forget(self, uri: str) -> None:
        """Check again even at the same version: the configuration may have changed."""
        state = self._states.get(uri)
        if state is not None:
            state.snapshot = None

    # --- checking ----------------------------------------------------------------------------
    def snapshot(self, uri: str) -> Snapshot | None:
        if (text := self.documents.texts.get(uri)) is not None:
            return Snapshot.of_text(text)
        if (notebook := self.documents.notebooks.get(uri)) is not None:
            return Snapshot.of_notebook(notebook)
        return None

    def schedule(self, uri: str, delay: float) -> None:
        state = self._states.get(uri)
        if state is None:
            return
        if state.timer is not None:
            state.timer.cancel()
        loop = asyncio.get_running_loop()
        state.timer = loop.call_later(delay, self._spawn, uri)

    def _spawn(self, uri: str) -> None:
        state = self._states.get(uri)
        if state is not None:
            state.timer = None
        task = asyncio.ensure_future(self.current(uri))
        # Tasks are kept until done: the loop holds only weak references to them.
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def current(self, uri: str) -> _State | None:
        """The document's state, checked at its latest version (checking it if need be)."""
        async with self._turn:
            state = self._states.get(uri)
            snapshot = self.snapshot(uri)
            if state is None or snapshot is None:
                return None
            if state.snapshot is not None and state.snapshot.version == snapshot.version:
                return state
            checked = await self._check(snapshot, state)
            if checked is None or self._states.get(uri) is not state:
                return None
            state.snapshot = snapshot
            state.placed = place(snapshot, findings_of(snapshot, checked), self.encoding)
            latest = self.snapshot(uri)
            if latest is not None and latest.version == snapshot.version:
                self._publish_state(snapshot, state)
            return state

    async def _check(self, snapshot: Snapshot, state: _State) -> Checked | None:
        try:
            if snapshot.notebook:
                checked: Checked = await self.run("check_cells", snapshot.cells(), snapshot.path)
            else:
                checked = await self.run("check_script", snapshot.parts[0].text, snapshot.path)
        except TimeoutError:
            state.slow = True
            message = (
                f"not checked: checking took longer than {self.budget:g} s and was stopped; "
                "the file is checked again when it is saved (or run lrcheck on it)"
            )
            return Checked((not_checked(snapshot, message, "warning"),))
        except (JobFailed, WorkerGone) as failure:
            self.tell(f"lrcheck: internal error: {failure}; please report it", logged=True)
            return None
        if checked.config_error is not None:
            self.tell(f"lrcheck: {checked.config_error}")
        for error in checked.internal_errors:
            self.tell(f"lrcheck: internal error: {error}; please report it", logged=True)
        state.slow = False
        return checked

    async def run(self, job: str, *args: object) -> Any:
        """A job in the worker, within the budget (`TimeoutError` past it)."""
        loop = asyncio.get_running_loop()
        call: Callable[[], Any] = lambda: self.worker.call(job, *args)  # noqa: E731
        # One job at a time, so that the budget counts the job, not the wait for another, nor
        # a worker starting again after one was stopped.
        async with self._worker_turn:
            await loop.run_in_executor(None, self.worker.ready)
            future = loop.run_in_executor(None, call)
            try:
                return await asyncio.wait_for(future, self.budget)
            except asyncio.TimeoutError:
                self.worker.kill()
                raise TimeoutError(job) from None

    def start_worker(self) -> None:
        try:
            self.worker.start()
        except OSError as error:
            self.tell(f"lrcheck: cannot start the worker process: {error}", logged=True)

    # --- telling the editor ------------------------------------------------------------------
    def _publish_state(self, snapshot: Snapshot, state: _State) -> None:
        documents = by_document(snapshot, state.placed)
        versions = {part.uri: part.version for part in snapshot.parts}
        for uri in state.published - documents.keys():
            self._publish(uri, [], None)  # a cell that was deleted
        for uri, diagnostics in documents.items():
            self._publish(uri, diagnostics, versions.get(uri))
        state.published = set(documents)

    def _publish(self, uri: str, diagnostics: list[types.Diagnostic], version: int | None) -> None:
        params = types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version)
        self.server.text_document_publish_diagnostics(params)

    def tell(self, message: str, *, logged: bool = False) -> None:
        """Show a message once per session (a broken configuration, a bug in lrcheck)."""
        logger.warning("%s", message)
        if message in self._told:
            return
        self._told.add(message)
        kind = types.MessageType.Error
        if logged:
            self.server.window_log_message(types.LogMessageParams(kind, message))
        self.server.window_show_message(types.ShowMessageParams(kind, message))

    def close(self) -> None:
        for state in self._states.values():
            if state.timer is not None:
                state.timer.cancel()
        self.worker.close()
