"""Where names are bound while the interpreter runs: one frame per scope, and the paths taken.

Branches and loops are followed once; what they bind is merged with what was bound before, so
"may" and "must" facts about data stay honest, and anything else bound differently on two paths
becomes unknown.  A name read before it is bound (or never bound in the file) is one `Unknown`
per scope and name, so two reads of it are still "the same data".
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from pytest_lrcheck.lint.names import NameResolver, Scope
from pytest_lrcheck.lint.values import Block, DataVal, Unknown, Value, merge_data


class Environment:
    def __init__(self, module: ast.Module, resolver: NameResolver) -> None:
        self.module = module
        self.resolver = resolver
        self.scope: Scope = module
        self._frames: dict[Scope, dict[str, Value]] = {module: {}}
        self._depth = 0  # branches and loops entered
        self._blocks: list[Block] = []
        self._unknown_names: dict[tuple[int, str], Unknown] = {}

    @property
    def conditional(self) -> bool:
        return self._depth > 0

    @property
    def blocks(self) -> tuple[Block, ...]:
        return tuple(self._blocks)

    @contextmanager
    def branch(self) -> Iterator[None]:
        """Code that may not run, or may run several times (a branch, a loop body)."""
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1

    @contextmanager
    def block(self, statement: ast.AST, part: str) -> Iterator[None]:
        """Inside one part (``body``, ``orelse``, ``handler 0``...) of a branch or loop."""
        self._blocks.append((statement, part))
        try:
            yield
        finally:
            self._blocks.pop()

    @contextmanager
    def function_body(self) -> Iterator[None]:
        """A function body runs on its own: the branches around its caller do not apply."""
        saved = (self._depth, self._blocks)
        self._depth, self._blocks = 0, []
        try:
            yield
        finally:
            self._depth, self._blocks = saved

    def run_in(self, scope: Scope, names: dict[str, Value], action: Callable[[], None]) -> None:
        """Run ``action`` in a new frame for ``scope``, with ``names`` bound in it."""
        saved = self.scope
        self.scope = scope
        self._frames[scope] = names
        try:
            action()
        finally:
            self.scope = saved

    def bind(self, name: str, value: Value) -> None:
        frame = self._frames[self.scope]
        if self._depth:
            old = frame.get(name)
            if isinstance(old, DataVal) and isinstance(value, DataVal):
                value = merge_data(old, value)
            elif old is not None and old is not value and not isinstance(old, Unknown):
                value = Unknown("bound differently on different paths")
        frame[name] = value

    def lookup(self, name: str) -> Value:
        scope: Scope | None = self.scope
        first = True
        while scope is not None:
            frame = self._frames.get(scope)
            # Class bodies are not visible from the functions nested in them.
            visible = first or not isinstance(scope, ast.ClassDef)
            if visible and frame is not None and name in frame:
                return frame[name]
            if visible and self.resolver.is_local(name, scope):
                return self._unbound(scope, name, "is not bound yet")
            first = False
            scope = self.resolver.parent(scope)
        return self._unbound(self.module, name, "is not defined in this file")

    def _unbound(self, scope: Scope, name: str, why: str) -> Unknown:
        key = (id(scope), name)
        value = self._unknown_names.get(key)
        if value is None:
            value = self._unknown_names[key] = Unknown(f"{name} {why}")
        return value
