"""The language server: LSP messages in, `Session` calls out.

Text documents are synchronised incrementally; notebooks with LSP 3.17 notebook
synchronisation (Python cells of any notebook type) where the client supports it.  pygls'
own document store is bypassed (`_Protocol`): `buffers.Documents` holds the text.
"""

from __future__ import annotations

from collections.abc import Generator
from pathlib import PurePath
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method

from pytest_lrcheck import __version__
from pytest_lrcheck.server.actions import FIX_ALL, code_actions, resolve
from pytest_lrcheck.server.buffers import NotebookBuffer, TextBuffer, apply_changes
from pytest_lrcheck.server.positions import Encoding
from pytest_lrcheck.server.session import Session

CONFIG_FILES = ("pyproject.toml", ".lrcheck.toml", "lrcheck.toml")
PYTHON_LANGUAGES = frozenset({"python", "python3"})
_ENCODINGS: dict[str, Encoding] = {"utf-8": "utf-8", "utf-16": "utf-16", "utf-32": "utf-32"}
Handler = Generator[Any, Any, None]


class _Protocol(LanguageServerProtocol):
    """Document synchronisation handed straight to the server's handlers."""

    def _forward(self, method: str, params: Any) -> Handler:
        if (handler := self.fm.features.get(method)) is not None:
            yield handler, (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: Any) -> Handler:
        yield from self._forward(types.TEXT_DOCUMENT_DID_OPEN, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: Any) -> Handler:
        yield from self._forward(types.TEXT_DOCUMENT_DID_CHANGE, params)

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: Any) -> Handler:
        yield from self._forward(types.TEXT_DOCUMENT_DID_CLOSE, params)

    @lsp_method(types.NOTEBOOK_DOCUMENT_DID_OPEN)
    def lsp_notebook_document__did_open(self, params: Any) -> Handler:
        yield from self._forward(types.NOTEBOOK_DOCUMENT_DID_OPEN, params)

    @lsp_method(types.NOTEBOOK_DOCUMENT_DID_CHANGE)
    def lsp_notebook_document__did_change(self, params: Any) -> Handler:
        yield from self._forward(types.NOTEBOOK_DOCUMENT_DID_CHANGE, params)

    @lsp_method(types.NOTEBOOK_DOCUMENT_DID_CLOSE)
    def lsp_notebook_document__did_close(self, params: Any) -> Handler:
        yield from self._forward(types.NOTEBOOK_DOCUMENT_DID_CLOSE, params)


def _is_config(uri: str) -> bool:
    return PurePath(uri).name in CONFIG_FILES


def _is_python(language: str, uri: str) -> bool:
    """Python source: a client configured for more languages may send others (Markdown that
    mentions Keras is no Python with a syntax error)."""
    return language.lower() in PYTHON_LANGUAGES or uri.endswith((".py", ".pyw", ".pyi"))


def create_server() -> tuple[LanguageServer, Session]:
    notebooks = types.NotebookDocumentSyncOptions(
        notebook_selector=[
            types.NotebookDocumentFilterWithCells(
                notebook="*", cells=[types.NotebookCellLanguage(language="python")]
            )
        ],
        save=True,
    )
    server = LanguageServer(
        "lrcheck",
        __version__,
        text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
        notebook_document_sync=notebooks,
        protocol_cls=_Protocol,
    )
    session = Session(server)
    documents = session.documents

    @server.feature(types.INITIALIZE)
    def initialize(params: types.InitializeParams) -> None:
        options = params.initialization_options
        if isinstance(options, dict):
            session.configure(options)

    @server.feature(types.INITIALIZED)
    async def initialized(params: types.InitializedParams) -> None:
        encoding = server.server_capabilities.position_encoding or "utf-16"
        session.encoding = _ENCODINGS.get(str(getattr(encoding, "value", encoding)), "utf-16")
        session.start_worker()  # warm: the first check should not wait for a process
        workspace = server.client_capabilities.workspace
        watched = workspace.did_change_watched_files if workspace is not None else None
        if watched is not None and watched.dynamic_registration:
            watchers = [types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_FILES]
            options = types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers)
            registration = types.Registration(
                id="lrcheck-config",
                method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=options,
            )
            await server.client_register_capability_async(types.RegistrationParams([registration]))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(params: types.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        if not _is_python(item.language_id, item.uri):
            return
        documents.texts[item.uri] = TextBuffer(item.uri, item.version, item.text, item.language_id)
        session.opened(item.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(params: types.DidChangeTextDocumentParams) -> None:
        buffer = documents.texts.get(params.text_document.uri)
        if buffer is None:
            return
        buffer.text = apply_changes(buffer.text, params.content_changes, session.encoding)
        buffer.version = params.text_document.version
        session.changed(buffer.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if _is_config(uri):
            session.recheck_all()
        elif uri in documents.texts:
            session.saved(uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(params: types.DidCloseTextDocumentParams) -> None:
        if documents.texts.pop(params.text_document.uri, None) is not None:
            session.closed(params.text_document.uri)

    @server.feature(types.NOTEBOOK_DOCUMENT_DID_OPEN)
    def notebook_open(params: types.DidOpenNotebookDocumentParams) -> None:
        buffer = NotebookBuffer.opened(params)
        documents.notebooks[buffer.uri] = buffer
        session.opened(buffer.uri)

    @server.feature(types.NOTEBOOK_DOCUMENT_DID_CHANGE)
    def notebook_change(params: types.DidChangeNotebookDocumentParams) -> None:
        buffer = documents.notebooks.get(params.notebook_document.uri)
        if buffer is None:
            return
        buffer.change(params, session.encoding)
        session.changed(buffer.uri)

    @server.feature(types.NOTEBOOK_DOCUMENT_DID_SAVE)
    def notebook_save(params: types.DidSaveNotebookDocumentParams) -> None:
        if params.notebook_document.uri in documents.notebooks:
            session.saved(params.notebook_document.uri)

    @server.feature(types.NOTEBOOK_DOCUMENT_DID_CLOSE)
    def notebook_close(params: types.DidCloseNotebookDocumentParams) -> None:
        if documents.notebooks.pop(params.notebook_document.uri, None) is not None:
            session.closed(params.notebook_document.uri)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_files(params: types.DidChangeWatchedFilesParams) -> None:
        if any(_is_config(change.uri) for change in params.changes):
            session.recheck_all()

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(
            code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL],
            resolve_provider=True,
        ),
    )
    async def code_action(params: types.CodeActionParams) -> list[types.CodeAction]:
        return await code_actions(session, params)

    @server.feature(types.CODE_ACTION_RESOLVE)
    async def code_action_resolve(params: types.CodeAction) -> types.CodeAction:
        return await resolve(session, params)

    @server.feature(types.SHUTDOWN)
    def shutdown(params: Any) -> None:
        session.shut_down = True
        session.close()

    return server, session
