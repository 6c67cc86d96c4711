"""A language client that drives ``lrcheck server`` over stdio, as an editor does.

It is written against the protocol, not with pygls, so that the server is tested by an
independent reader of what it sends: JSON-RPC frames with a byte-counted ``Content-Length``.
Everything the server sends is kept in order; requests from the server get the answers an
editor gives.  Waits are bounded so that a hung server fails a test instead of the suite.
"""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lsprotocol import converters, types

TIMEOUT = 120.0
CONVERTER = converters.get_converter()
SERVER = [sys.executable, "-m", "pytest_lrcheck", "server"]

# What VS Code declares, in the parts the server uses.
CAPABILITIES: dict[str, Any] = {
    "general": {"positionEncodings": ["utf-16"]},
    "textDocument": {
        "synchronization": {"didSave": True, "dynamicRegistration": False},
        "publishDiagnostics": {"versionSupport": True, "codeDescriptionSupport": True},
        "codeAction": {
            "codeActionLiteralSupport": {
                "codeActionKind": {"valueSet": ["", "quickfix", "source", "source.fixAll"]}
            },
            "isPreferredSupport": True,
            "dataSupport": True,
            "resolveSupport": {"properties": ["edit"]},
        },
    },
    "workspace": {
        "workspaceEdit": {"documentChanges": True},
        "didChangeWatchedFiles": {"dynamicRegistration": True},
    },
    "notebookDocument": {"synchronization": {"executionSummarySupport": False}},
}


class ResponseError(Exception):
    def __init__(self, error: dict[str, Any]) -> None:
        super().__init__(f"{error.get('code')}: {error.get('message')}")
        self.error = error


class LspClient:
    def __init__(
        self,
        cwd: Path,
        *,
        command: list[str] | None = None,
        env: dict[str, str] | None = None,
        stderr: Path | None = None,
    ) -> None:
        self._stderr_path = stderr or cwd / "server-stderr.log"
        self._stderr = self._stderr_path.open("wb")
        self.process = subprocess.Popen(
            command or SERVER,
            cwd=cwd,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
        )
        self._ids = itertools.count(1)
        self._changed = threading.Condition()  # re-entrant: predicates read under it
        self._writing = threading.Lock()
        self._responses: dict[int, dict[str, Any]] = {}
        self.messages: list[dict[str, Any]] = []  # every notification and request from the server
        self.server_requests: list[dict[str, Any]] = []
        self.replies: dict[str, Any] = {"workspace/applyEdit": {"applied": True}}
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    # --- the wire --------------------------------------------------------------------------
    def _write(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        with self._writing:
            self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            self.process.stdin.flush()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    with self._changed:
                        self._changed.notify_all()
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            assert length is not None, "a frame without Content-Length"
            message = json.loads(stream.read(length).decode("utf-8"))
            self._dispatch(message)

    def _dispatch(self, message: dict[str, Any]) -> None:
        if "method" in message and "id" in message:
            self.server_requests.append(message)
            reply = self.replies.get(message["method"])
            self._write({"id": message["id"], "result": reply})
        with self._changed:
            if "method" in message:
                self.messages.append(message)
            else:
                self._responses[message["id"]] = message
            self._changed.notify_all()

    def wait(self, predicate: Callable[[], Any], timeout: float = TIMEOUT) -> Any:
        """``predicate()`` once it is true; fails if the server ends or ``timeout`` passes."""
        with self._changed:
            self._changed.wait_for(lambda: predicate() or not self.alive, timeout)
            value = predicate()
        if not value:
            raise AssertionError(f"gave up waiting (server alive: {self.alive}): {self.stderr()}")
        return value

    # --- requests and notifications ----------------------------------------------------------
    def request(self, method: str, params: Any = None, timeout: float = TIMEOUT) -> Any:
        number = next(self._ids)
        self._write({"id": number, "method": method, "params": params})
        response = self.wait(lambda: self._responses.get(number), timeout)
        if "error" in response:
            raise ResponseError(response["error"])
        return response.get("result")

    def notify(self, method: str, params: Any = None) -> None:
        self._write({"method": method, "params": params})

    def initialize(
        self, root: Path, capabilities: dict[str, Any] | None = None, **extra: Any
    ) -> dict[str, Any]:
        result = self.request(
            "initialize",
            {
                "processId": None,
                "rootUri": root.as_uri(),
                "workspaceFolders": [{"uri": root.as_uri(), "name": root.name}],
                "capabilities": CAPABILITIES if capabilities is None else capabilities,
                **extra,
            },
        )
        self.notify("initialized", {})
        return dict(result)

    def open(self, uri: str, text: str, version: int = 1, language: str = "python") -> None:
        item = {"uri": uri, "languageId": language, "version": version, "text": text}
        self.notify("textDocument/didOpen", {"textDocument": item})

    def change(self, uri: str, version: int, *changes: dict[str, Any]) -> None:
        self.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": list(changes)},
        )

    def save(self, uri: str) -> None:
        self.notify("textDocument/didSave", {"textDocument": {"uri": uri}})

    def close_document(self, uri: str) -> None:
        self.notify("textDocument/didClose", {"textDocument": {"uri": uri}})

    # --- what the server said ----------------------------------------------------------------
    def notifications(self, method: str) -> list[dict[str, Any]]:
        with self._changed:
            return [m["params"] for m in self.messages if m.get("method") == method]

    def published(self, uri: str) -> list[types.PublishDiagnosticsParams]:
        """Every diagnostics notification for ``uri``, in order, checked against the types."""
        return [
            CONVERTER.structure(params, types.PublishDiagnosticsParams)
            for params in self.notifications("textDocument/publishDiagnostics")
            if params["uri"] == uri
        ]

    def diagnostics(
        self,
        uri: str,
        version: int | None = None,
        *,
        after: int = 0,
        timeout: float = TIMEOUT,
    ) -> list[types.Diagnostic]:
        """The first diagnostics published for ``uri`` (at ``version``, if given) after the
        first ``after`` publications for it."""

        def found() -> list[types.Diagnostic] | None:
            for params in self.published(uri)[after:]:
                if version is None or params.version == version:
                    return list(params.diagnostics)
            return None

        self.wait(lambda: found() is not None, timeout)
        result = found()
        assert result is not None
        return result

    def code_actions(
        self,
        uri: str,
        where: types.Range,
        only: list[str] | None = None,
        diagnostics: list[types.Diagnostic] = (),  # type: ignore[assignment]
        **context: Any,
    ) -> list[types.CodeAction]:
        """The actions for ``where``; ``diagnostics`` are those the editor shows there."""
        shown = [CONVERTER.unstructure(d) for d in diagnostics]
        params = {
            "textDocument": {"uri": uri},
            "range": CONVERTER.unstructure(where),
            "context": {"diagnostics": shown, **({"only": only} if only else {}), **context},
        }
        result = self.request("textDocument/codeAction", params) or []
        return [CONVERTER.structure(action, types.CodeAction) for action in result]

    def resolve(self, action: types.CodeAction) -> types.CodeAction:
        result = self.request("codeAction/resolve", CONVERTER.unstructure(action))
        return CONVERTER.structure(result, types.CodeAction)

    def stderr(self) -> str:
        self._stderr.flush()
        return self._stderr_path.read_text(encoding="utf-8", errors="replace")[-4000:]

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    # --- ending ------------------------------------------------------------------------------
    def shutdown_and_exit(self, timeout: float = TIMEOUT) -> int:
        self.request("shutdown")
        self.notify("exit")
        return self.process.wait(timeout)

    def close(self) -> None:
        if self.alive:
            self.process.kill()
            self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()
        self._stderr.close()


def _offset(text: str, line: int, character: int) -> int:
    """The string offset of a UTF-16 LSP position, computed independently of the server."""
    lines = re.findall(r"[^\r\n]*(?:\r\n|\r|\n|$)", text)
    offset = sum(len(part) for part in lines[:line])
    if line >= len(lines):
        return len(text)
    content = lines[line].rstrip("\r\n")
    encoded = content.encode("utf-16-le", "surrogatepass")[: 2 * character]
    return offset + len(encoded.decode("utf-16-le", "surrogatepass"))


def apply_edit(text: str, edit: types.TextEdit) -> str:
    """``text`` with one LSP edit applied, as an editor would."""
    start = _offset(text, edit.range.start.line, edit.range.start.character)
    end = _offset(text, edit.range.end.line, edit.range.end.character)
    return text[:start] + edit.new_text + text[end:]


def everything() -> types.Range:
    """A range covering any document."""
    return types.Range(types.Position(0, 0), types.Position(1_000_000, 0))
