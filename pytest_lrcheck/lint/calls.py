"""Following calls into the file's own functions: one analysis of a body per distinct set of
arguments, bounded so that the analysis stays linear in the file.

A mixin of the `Interpreter`: it runs bodies with the interpreter's own statements, and keeps
what each analysis returned on the `FunctionVal`.
"""

from __future__ import annotations

import ast

from pytest_lrcheck.lint.arguments import bind_arguments, body_nodes, context_key, escape, fresh
from pytest_lrcheck.lint.environment import Environment
from pytest_lrcheck.lint.values import FunctionVal, Unknown, Value

# Bounds on following calls into the file's functions, so that the analysis stays linear in the
# file: calls nested deeper, analyses of one function with more distinct arguments, and
# analyses in all.  Past them a call is not followed: its result is unknown.
MAX_CALL_DEPTH = 6
MAX_CONTEXTS = 8
MAX_ANALYSES = 400
# Running a body again (another call's arguments, another pass of an unrolled loop) costs its
# nodes; all of that together may cost this many nodes per line of the file, plus a floor for
# small files, so that a generated file of thousands of calls stays as fast as before.
WORK_PER_LINE = 20
WORK_FLOOR = 20_000


class FunctionCalls:
    env: Environment
    values: dict[int, Value]

    def __init__(self, lines: int) -> None:
        self._returns: list[Value] | None = None  # what the body being run returns
        self._active: list[FunctionVal] = []  # the functions being analysed, outermost first
        self._analyses = 0
        self._work = 0  # nodes run again so far
        self._budget = WORK_FLOOR + WORK_PER_LINE * lines
        self._bodies: dict[int, list[ast.AST]] = {}

    def body_of(
        self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.For | ast.AsyncFor
    ) -> list[ast.AST]:
        """The nodes of a body that runs more than once, listed once."""
        nodes = self._bodies.get(id(node))
        if nodes is None:
            nodes = self._bodies[id(node)] = list(body_nodes(node))
        return nodes

    def run_again(self, nodes: list[ast.AST], times: int = 1) -> bool:
        """Whether running these nodes ``times`` more times fits the budget (and spend it):
        their values from the previous run are forgotten, they belong to other arguments."""
        cost = len(nodes) * times
        if self._work + cost > self._budget:
            return False
        self._work += cost
        for node in nodes:
            self.values.pop(id(node), None)
        return True

    def exec_block(self, body: list[ast.stmt]) -> None:
        raise NotImplementedError

    def enter(self, node: ast.AST, call: ast.AST | None) -> ast.AST | None:
        raise NotImplementedError

    def leave(self, nodes: list[ast.AST], saved: ast.AST | None) -> None:
        raise NotImplementedError

    def call_function(
        self,
        function: FunctionVal,
        call: ast.Call | None = None,
        args: list[Value] | None = None,
        kwargs: dict[str, Value] | None = None,
        receiver: Value | None = None,
    ) -> Value:
        """Run the body with this call's arguments (and the instance a method is called on);
        what it returns, or unknown."""
        args, kwargs = args or [], kwargs or {}
        params = bind_arguments(function.node, call, args, kwargs, self._default, receiver)
        key = context_key(params)
        if key in function.contexts:
            known = function.contexts[key]
            return fresh(known) if known is not None else Unknown("returns")
        if (
            function in self._active
            or len(self._active) >= MAX_CALL_DEPTH
            or len(function.contexts) >= MAX_CONTEXTS
            or self._analyses >= MAX_ANALYSES
            or (function.analysed and not self.run_again(self.body_of(function.node)))
        ):
            # Not followed (recursion, or past the bounds that keep the analysis fast).
            escape(args, kwargs)
            return Unknown("call not followed")
        anchor = self.enter(function.node, call)
        try:
            returns = self.analyse_function(function, params)
        finally:
            self.leave(self.body_of(function.node), anchor)
        function.contexts[key] = returns
        return fresh(returns) if returns is not None else Unknown("returns")

    def analyse_function(
        self, function: FunctionVal, params: dict[str, Value] | None = None
    ) -> Value | None:
        node = function.node
        function.analysed = True
        self._analyses += 1
        if params is None:
            params = bind_arguments(node, None, [], {}, self._default)
        returns: list[Value] = []
        saved, self._returns = self._returns, returns
        self._active.append(function)
        try:
            with self.env.function_body():
                self.env.run_in(node, params, lambda: self.exec_block(node.body))
        finally:
            self._returns = saved
            self._active.pop()
        result = None
        if len(returns) == 1 or (returns and all(r is returns[0] for r in returns)):
            result = returns[0]
        function.returns = result
        return result

    def _default(self, expr: ast.expr) -> Value:
        return self.values.get(id(expr)) or Unknown("default")
