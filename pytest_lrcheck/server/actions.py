"""Code actions: a finding's fix, a ``# noqa`` comment, and every safe fix at once.

A safe fix is the preferred action (what an editor applies for "auto fix"); an unsafe one is
offered, not preferred, and its title says that it changes what the code does.  Actions are
listed cheaply and their edits computed when one is chosen (``codeAction/resolve``); a client
that cannot resolve gets the edits at once, and the fix-all action only when it asks for it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from lsprotocol import types

from pytest_lrcheck.lint.findings import Finding
from pytest_lrcheck.lint.noqa_edit import noqa_text
from pytest_lrcheck.server.diagnostics import SOURCE, Placed
from pytest_lrcheck.server.edits import minimal_change
from pytest_lrcheck.server.jobs import Fixed
from pytest_lrcheck.server.session import Session
from pytest_lrcheck.server.snapshot import Part, Snapshot

FIX_ALL = "source.fixAll.lrcheck"
UNREADABLE = "LRC000"


def title(finding: Finding) -> str:
    assert finding.fix is not None
    if finding.fix.safety == "safe":
        return f"{finding.fix.description} ({finding.code})"
    return f"{finding.fix.description} ({finding.code}; unsafe fix: changes what the code does)"


def _allowed(kind: str, only: Sequence[str] | None) -> bool:
    return only is None or any(kind == o or kind.startswith(o + ".") for o in only)


def _overlaps(a: types.Range, b: types.Range) -> bool:
    def key(p: types.Position) -> tuple[int, int]:
        return (p.line, p.character)

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def _named(item: Placed, known: Sequence[types.Diagnostic]) -> bool:
    diagnostic = item.diagnostic
    return any(d.code == diagnostic.code and d.range == diagnostic.range for d in known)


def _can_resolve(session: Session) -> bool:
    capabilities = session.server.client_capabilities.text_document
    code_action = capabilities.code_action if capabilities is not None else None
    support = code_action.resolve_support if code_action is not None else None
    return support is not None and "edit" in support.properties


async def code_actions(session: Session, params: types.CodeActionParams) -> list[types.CodeAction]:
    uri = params.text_document.uri
    owner = uri if uri in session.documents.texts else None
    if owner is None and (notebook := session.documents.notebook_of_cell(uri)) is not None:
        owner = notebook.uri
    if owner is None:
        return []
    state = await session.current(owner)
    if state is None or state.snapshot is None:
        return []
    only = [str(getattr(kind, "value", kind)) for kind in params.context.only or ()] or None
    quickfix = _allowed(types.CodeActionKind.QuickFix.value, only)
    # Clients send the diagnostics they show there (Neovim: all of the cursor's line).
    known = [d for d in params.context.diagnostics if d.source == SOURCE]
    actions: list[types.CodeAction] = []
    for index, item in enumerate(state.placed):
        if not quickfix or item.part.uri != uri:
            continue
        if not _overlaps(item.diagnostic.range, params.range) and not _named(item, known):
            continue
        if item.finding.fix is not None:
            actions.append(_action(state.snapshot, index, "fix", title(item.finding), item))
        if item.finding.code != UNREADABLE:
            name = f"Disable {item.finding.code} for this line"
            actions.append(_action(state.snapshot, index, "noqa", name, item))
    invoked = params.context.trigger_kind == types.CodeActionTriggerKind.Invoked
    fixable = any(p.finding.fix and p.finding.fix.safety == "safe" for p in state.placed)
    if (
        fixable
        and _allowed(FIX_ALL, only)
        and (only is not None or invoked or _can_resolve(session))
    ):
        actions.append(_action(state.snapshot, -1, "fixAll", "Fix all safe lrcheck problems", None))
    if _can_resolve(session):
        return actions
    resolved = [await resolve(session, action) for action in actions]
    return [action for action in resolved if action.edit is not None]


def _action(
    snapshot: Snapshot, index: int, what: str, name: str, item: Placed | None
) -> types.CodeAction:
    preferred = (
        item is not None
        and what == "fix"
        and item.finding.fix is not None
        and item.finding.fix.safety == "safe"
    )
    return types.CodeAction(
        title=name,
        kind=FIX_ALL if what == "fixAll" else types.CodeActionKind.QuickFix,
        diagnostics=[item.diagnostic] if item is not None else None,
        is_preferred=True if preferred else None,
        data={"uri": snapshot.uri, "version": snapshot.version, "what": what, "index": index},
    )


async def resolve(session: Session, action: types.CodeAction) -> types.CodeAction:
    """The action with its edit; without one when the document has changed since or the fix
    cannot be made (the editor then does nothing, and the reason is logged)."""
    data: Mapping[str, Any] = action.data if isinstance(action.data, Mapping) else {}
    state = await session.current(str(data.get("uri", "")))
    if state is None or state.snapshot is None or state.snapshot.version != data.get("version"):
        return action
    snapshot, what, index = state.snapshot, data.get("what"), data.get("index", -1)
    texts: dict[str, tuple[Part, str]] = {}
    if what == "fixAll":
        texts = await _fix_all(session, snapshot)
    elif isinstance(index, int) and 0 <= index < len(state.placed):
        item = state.placed[index]
        if what == "fix":
            texts = await _fix_one(session, snapshot, item.finding)
        elif what == "noqa":
            texts = _noqa(item)
    if texts:
        action.edit = _workspace_edit(session, texts)
    return action


async def _fix_one(
    session: Session, snapshot: Snapshot, finding: Finding
) -> dict[str, tuple[Part, str]]:
    part = snapshot.fix_part(finding)
    if part is None:
        return {}
    fixed = await _run_fix(session, "fix_one", part.text, finding)
    new = next(iter(fixed.texts.values()), None)
    return {part.uri: (part, new)} if new is not None else {}


async def _fix_all(session: Session, snapshot: Snapshot) -> dict[str, tuple[Part, str]]:
    if snapshot.notebook:
        fixed = await _run_fix(session, "fix_all_cells", snapshot.cells(), snapshot.path)
        parts = {n: snapshot.parts[n - 1] for n in fixed.texts if 1 <= n <= len(snapshot.parts)}
        return {part.uri: (part, fixed.texts[n]) for n, part in parts.items()}
    fixed = await _run_fix(session, "fix_all_script", snapshot.parts[0].text, snapshot.path)
    new = fixed.texts.get(0)
    return {snapshot.parts[0].uri: (snapshot.parts[0], new)} if new is not None else {}


async def _run_fix(session: Session, job: str, *args: object) -> Fixed:
    try:
        fixed: Fixed = await session.run(job, *args)
    except TimeoutError:
        session.tell(f"lrcheck: the fix took longer than {session.budget:g} s and was stopped")
        return Fixed({})
    except Exception as error:
        session.tell(
            f"lrcheck: internal error while fixing: {error}; please report it", logged=True
        )
        return Fixed({})
    for problem in fixed.problems:
        session.tell(f"lrcheck: {problem}")
    return fixed


def _noqa(item: Placed) -> dict[str, tuple[Part, str]]:
    from pytest_lrcheck.lint.notebook import to_python

    part = item.part
    code = to_python(part.text)[0] if item.finding.cell is not None else None
    new = noqa_text(part.text, item.finding, code)
    return {part.uri: (part, new)} if new is not None else {}


def _workspace_edit(
    session: Session, texts: Mapping[str, tuple[Part, str]]
) -> types.WorkspaceEdit | None:
    edits: dict[str, tuple[Part, types.TextEdit]] = {}
    for uri, (part, new) in texts.items():
        change = minimal_change(part.text, new, session.encoding)
        if change is not None:
            (start, end) = change.range
            where = types.Range(types.Position(*start), types.Position(*end))
            edits[uri] = (part, types.TextEdit(range=where, new_text=change.text))
    if not edits:
        return None
    workspace = session.server.client_capabilities.workspace
    edit_support = workspace.workspace_edit if workspace is not None else None
    if edit_support is not None and edit_support.document_changes:
        return types.WorkspaceEdit(
            document_changes=[
                types.TextDocumentEdit(
                    text_document=types.OptionalVersionedTextDocumentIdentifier(uri, part.version),
                    edits=[edit],
                )
                for uri, (part, edit) in edits.items()
            ]
        )
    return types.WorkspaceEdit(changes={uri: [edit] for uri, (_, edit) in edits.items()})
