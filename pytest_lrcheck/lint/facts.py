"""What one file says about its models and data, computed once and shared by every rule.

The interpreter runs the module's statements in source order over abstract values
(`values.py`): a ``Sequential`` grows with each ``.add``, a functional graph with each layer call,
an array collects the operations done to it through assignments and tuple unpacking.  Functions
are interpreted once, when first called or at the end, so a model built in ``build_model()`` and
trained at module level is one model.  Branches and loops are followed once; what they bind is
merged with what was there before, which keeps "may" and "must" facts honest.

Keras and data semantics live in `keras_semantics.py` and `data_semantics.py`; this module only
walks, binds and dispatches.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from pytest_lrcheck.lint.names import NameResolver, Scope
from pytest_lrcheck.lint.values import (
    Const,
    DataVal,
    FunctionVal,
    ModelFact,
    OptimizerFact,
    TupleVal,
    Unknown,
    Value,
    merge_data,
)

Handler = Callable[["Interpreter", ast.Call, str, list[Value], dict[str, Value]], Value]
MethodHandler = Callable[
    ["Interpreter", ast.Call, Value, str, list[Value], dict[str, Value]], Value
]


@dataclass(frozen=True)
class CallSite:
    """A call whose callee resolved through the file's imports."""

    qualname: str
    node: ast.Call
    scope: Scope


@dataclass(frozen=True)
class MethodCall:
    """A method call on an evaluated receiver, e.g. ``preds.argmax()``."""

    receiver: Value
    method: str
    node: ast.Call


@dataclass
class FileFacts:
    tree: ast.Module
    resolver: NameResolver
    models: list[ModelFact] = field(default_factory=list)
    optimizers: list[OptimizerFact] = field(default_factory=list)
    calls: list[CallSite] = field(default_factory=list)
    method_calls: list[MethodCall] = field(default_factory=list)
    values: dict[int, Value] = field(default_factory=dict)

    def value_of(self, expr: ast.AST | None) -> Value | None:
        """The abstract value an expression evaluated to, if the interpreter reached it."""
        return None if expr is None else self.values.get(id(expr))

    def calls_to(self, *qualnames: str) -> Iterator[CallSite]:
        wanted = set(qualnames)
        return (c for c in self.calls if c.qualname in wanted)


_BRANCHING = (ast.If, ast.For, ast.AsyncFor, ast.While, ast.Try, ast.Match)
if hasattr(ast, "TryStar"):  # Python 3.11+
    _BRANCHING = (*_BRANCHING, ast.TryStar)


class Interpreter:
    def __init__(self, tree: ast.Module, resolver: NameResolver) -> None:
        from pytest_lrcheck.lint import data_semantics, keras_semantics

        self.facts = FileFacts(tree=tree, resolver=resolver)
        self.resolver = resolver
        self.env: dict[Scope, dict[str, Value]] = {tree: {}}
        self.scope: Scope = tree
        self.conditional = 0
        # The branches and loops being executed, outermost first: (statement, part) pairs.
        self.blocks: list[tuple[ast.AST, str]] = []
        self._returns: list[Value] | None = None
        self._functions: list[FunctionVal] = []
        self._unknown_names: dict[tuple[int, str], Unknown] = {}
        self._handlers: dict[str, Handler] = {**keras_semantics.HANDLERS, **data_semantics.HANDLERS}
        self._prefix_handlers: list[tuple[str, Handler]] = [
            *keras_semantics.PREFIX_HANDLERS,
            *data_semantics.PREFIX_HANDLERS,
        ]
        self._method_handlers: list[MethodHandler] = [
            keras_semantics.method_call,
            data_semantics.method_call,
        ]

    # --- running -----------------------------------------------------------------------------
    def run(self) -> FileFacts:
        self.exec_block(self.facts.tree.body)
        # Functions nobody called (methods, entry points) still hold models worth checking.
        index = 0
        while index < len(self._functions):
            function = self._functions[index]
            if not function.analysed:
                self.analyse_function(function)
            index += 1
        return self.facts

    def exec_block(self, body: list[ast.stmt]) -> None:
        for statement in body:
            self.exec_stmt(statement)

    def exec_stmt(self, stmt: ast.stmt) -> None:
        if isinstance(stmt, ast.Assign):
            value = self.eval(stmt.value)
            for target in stmt.targets:
                self.bind_target(target, value)
        elif isinstance(stmt, ast.AnnAssign):
            if stmt.value is not None:
                self.bind_target(stmt.target, self.eval(stmt.value))
        elif isinstance(stmt, ast.AugAssign):
            self._aug_assign(stmt)
        elif isinstance(stmt, ast.Expr):
            self.eval(stmt.value)
        elif isinstance(stmt, ast.Return):
            value = self.eval(stmt.value) if stmt.value is not None else Const(None, stmt)
            if self._returns is not None:
                self._returns.append(value)
        elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for expr in (*stmt.decorator_list, *stmt.args.defaults):
                self.eval(expr)
            function = FunctionVal(node=stmt, scope=self.scope)
            self._functions.append(function)
            self.bind_name(stmt.name, function if not stmt.decorator_list else Unknown("decorated"))
        elif isinstance(stmt, ast.ClassDef):
            for expr in (*stmt.bases, *stmt.decorator_list):
                self.eval(expr)
            self._in_scope(stmt, {}, lambda: self.exec_block(stmt.body))
            self.bind_name(stmt.name, Unknown("class"))
        elif isinstance(stmt, _BRANCHING):
            self._branching(stmt)
        elif isinstance(stmt, (ast.With, ast.AsyncWith)):
            for item in stmt.items:
                self.eval(item.context_expr)
                if item.optional_vars is not None:
                    self.bind_target(item.optional_vars, Unknown("with"))
            self.exec_block(stmt.body)
        elif isinstance(stmt, ast.Delete):
            for target in stmt.targets:
                self.bind_target(target, Unknown("deleted"))
        else:
            for child in ast.iter_child_nodes(stmt):
                if isinstance(child, ast.expr):
                    self.eval(child)

    def _branching(self, stmt: ast.stmt) -> None:
        self.conditional += 1
        try:
            if isinstance(stmt, (ast.For, ast.AsyncFor)):
                self.eval(stmt.iter)
                self.bind_target(stmt.target, Unknown("loop variable"))
            elif isinstance(stmt, (ast.If, ast.While)):
                self.eval(stmt.test)
            elif isinstance(stmt, ast.Match):
                self.eval(stmt.subject)
                for index, case in enumerate(stmt.cases):
                    self._exec_part(stmt, f"case {index}", case.body)
            for name in ("body", "orelse", "finalbody"):
                self._exec_part(stmt, name, getattr(stmt, name, []))
            for index, handler in enumerate(getattr(stmt, "handlers", [])):
                if handler.name:
                    self.bind_name(handler.name, Unknown("exception"))
                self._exec_part(stmt, f"handler {index}", handler.body)
        finally:
            self.conditional -= 1

    def _exec_part(self, stmt: ast.AST, part: str, body: list[ast.stmt]) -> None:
        self.blocks.append((stmt, part))
        try:
            self.exec_block(body)
        finally:
            self.blocks.pop()

    def _aug_assign(self, stmt: ast.AugAssign) -> None:
        from pytest_lrcheck.lint.data_semantics import binop

        operand = self.eval(stmt.value)
        if isinstance(stmt.target, ast.Name):
            old = self.lookup(stmt.target.id)
            self.bind_name(stmt.target.id, binop(self, stmt, old, stmt.op, operand))
        else:
            self.bind_target(stmt.target, Unknown("augmented subscript"))

    # --- binding -----------------------------------------------------------------------------
    def bind_target(self, target: ast.expr, value: Value) -> None:
        self.facts.values[id(target)] = value
        if isinstance(target, ast.Name):
            self.bind_name(target.id, value)
        elif isinstance(target, (ast.Tuple, ast.List)):
            self._unpack(target, value)
        elif isinstance(target, ast.Starred):
            self.bind_target(target.value, Unknown("starred"))
        elif isinstance(target, (ast.Subscript, ast.Attribute)):
            self._mutate(target)

    def _unpack(self, target: ast.Tuple | ast.List, value: Value) -> None:
        from pytest_lrcheck.lint.data_semantics import unpack

        items = unpack(value, len(target.elts))
        starred = any(isinstance(e, ast.Starred) for e in target.elts)
        for index, element in enumerate(target.elts):
            item = items[index] if items is not None and not starred else Unknown("unpacked")
            self.bind_target(element, item)

    def _mutate(self, target: ast.Subscript | ast.Attribute) -> None:
        """``x[mask] = 0`` or ``model.layers[-1].activation = ...``: what it held is now unknown."""
        from pytest_lrcheck.lint.values import ModelVal

        self.eval(target.value)
        if isinstance(target, ast.Subscript):
            self.eval(target.slice)
        root = target.value
        while isinstance(root, (ast.Subscript, ast.Attribute)):
            root = root.value
        if not isinstance(root, ast.Name):
            return
        held = self.lookup(root.id)
        if isinstance(held, DataVal):
            self.bind_name(root.id, held.incomplete(target))
        elif isinstance(held, ModelVal):
            held.model.complete = False
            held.model.head_known = False

    def bind_name(self, name: str, value: Value) -> None:
        env = self.env[self.scope]
        if self.conditional:
            old = env.get(name)
            if isinstance(old, DataVal) and isinstance(value, DataVal):
                value = merge_data(old, value)
            elif old is not None and old is not value and not isinstance(old, Unknown):
                value = Unknown("bound differently on different paths")
        env[name] = value

    def lookup(self, name: str) -> Value:
        scope: Scope | None = self.scope
        first = True
        while scope is not None:
            env = self.env.get(scope)
            visible = first or not isinstance(scope, ast.ClassDef)
            if visible and env is not None and name in env:
                return env[name]
            if visible and self.resolver.is_local(name, scope):
                return self._unbound(scope, name, "is not bound yet")
            first = False
            scope = self.resolver.parent(scope)
        return self._unbound(self.facts.tree, name, "is not defined in this file")

    def _unbound(self, scope: Scope, name: str, why: str) -> Unknown:
        # One object per name, so two reads of the same unknown name are still "the same data".
        key = (id(scope), name)
        value = self._unknown_names.get(key)
        if value is None:
            value = self._unknown_names[key] = Unknown(f"{name} {why}")
        return value

    # --- functions ---------------------------------------------------------------------------
    def call_function(self, function: FunctionVal) -> Value:
        if not function.analysed:
            self.analyse_function(function)
        return _fresh(function.returns) if function.returns is not None else Unknown("returns")

    def analyse_function(self, function: FunctionVal) -> None:
        function.analysed = True  # before the body: recursion sees "unknown"
        node = function.node
        params = {a.arg: Unknown(f"parameter {a.arg}") for a in _parameters(node.args)}
        returns: list[Value] = []
        saved = (self.conditional, self._returns, self.blocks)
        self.conditional, self._returns, self.blocks = 0, returns, []
        try:
            self._in_scope(node, params, lambda: self.exec_block(node.body))
        finally:
            self.conditional, self._returns, self.blocks = saved
        if len(returns) == 1 or (returns and all(r is returns[0] for r in returns)):
            function.returns = returns[0]

    def _in_scope(self, scope: Scope, env: dict[str, Value], action: Callable[[], None]) -> None:
        saved = self.scope
        self.scope = scope
        self.env[scope] = env
        try:
            action()
        finally:
            self.scope = saved

    # --- expressions -------------------------------------------------------------------------
    def eval(self, expr: ast.expr) -> Value:
        key = id(expr)
        known = self.facts.values.get(key)
        if known is not None:
            return known
        value = self._eval(expr)
        self.facts.values[key] = value
        return value

    def _eval(self, expr: ast.expr) -> Value:
        from pytest_lrcheck.lint.data_semantics import binop, subscript, unary

        if isinstance(expr, ast.Constant):
            return Const(expr.value, expr)
        if isinstance(expr, ast.Name):
            return self.lookup(expr.id)
        if isinstance(expr, (ast.Tuple, ast.List)):
            return TupleVal(tuple(self.eval(e) for e in expr.elts))
        if isinstance(expr, ast.Call):
            return self._call(expr)
        if isinstance(expr, ast.BinOp):
            return binop(self, expr, self.eval(expr.left), expr.op, self.eval(expr.right))
        if isinstance(expr, ast.UnaryOp):
            return unary(self, expr, self.eval(expr.operand))
        if isinstance(expr, ast.Attribute):
            from pytest_lrcheck.lint.keras_semantics import attribute

            return attribute(self, expr, self.eval(expr.value))
        if isinstance(expr, ast.Subscript):
            return subscript(self, expr, self.eval(expr.value), self.eval(expr.slice))
        if isinstance(expr, ast.IfExp):
            self.eval(expr.test)
            body, orelse = self.eval(expr.body), self.eval(expr.orelse)
            if isinstance(body, DataVal) and isinstance(orelse, DataVal):
                return merge_data(body, orelse)
            return Unknown("conditional expression")
        if isinstance(expr, ast.NamedExpr):
            value = self.eval(expr.value)
            self.bind_target(expr.target, value)
            return value
        if isinstance(expr, ast.Lambda):
            params = {a.arg: Unknown("lambda parameter") for a in _parameters(expr.args)}
            for default in expr.args.defaults:
                self.eval(default)
            self._in_scope(expr, params, lambda: self.eval(expr.body))
            return Unknown("lambda")
        if isinstance(expr, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            self._comprehension(expr)
            return Unknown("comprehension")
        for child in ast.iter_child_nodes(expr):
            if isinstance(child, ast.expr):
                self.eval(child)
        return Unknown(type(expr).__name__)

    def _comprehension(
        self, expr: ast.ListComp | ast.SetComp | ast.DictComp | ast.GeneratorExp
    ) -> None:
        self.eval(expr.generators[0].iter)

        def body() -> None:
            for index, generator in enumerate(expr.generators):
                if index:
                    self.eval(generator.iter)
                self.bind_target(generator.target, Unknown("comprehension variable"))
                for condition in generator.ifs:
                    self.eval(condition)
            parts = (expr.key, expr.value) if isinstance(expr, ast.DictComp) else (expr.elt,)
            for part in parts:
                self.eval(part)

        self.conditional += 1
        self.blocks.append((expr, "comprehension"))
        try:
            self._in_scope(expr, {}, body)
        finally:
            self.conditional -= 1
            self.blocks.pop()

    def _call(self, call: ast.Call) -> Value:
        qualname = self.resolver.qualname(call.func, self.scope)
        receiver: Value | None = None
        if qualname is None:
            callee = call.func
            if isinstance(callee, ast.Attribute):
                receiver = self.eval(callee.value)
            else:
                receiver = self.eval(callee)
        args = [self.eval(a.value if isinstance(a, ast.Starred) else a) for a in call.args]
        kwargs: dict[str, Value] = {}
        for keyword in call.keywords:
            value = self.eval(keyword.value)
            if keyword.arg is not None:
                kwargs[keyword.arg] = value
        if qualname is not None:
            self.facts.calls.append(CallSite(qualname, call, self.scope))
            handler = self._handlers.get(qualname)
            if handler is None:
                for prefix, candidate in self._prefix_handlers:
                    if qualname.startswith(prefix):
                        handler = candidate
                        break
            if handler is not None:
                return handler(self, call, qualname, args, kwargs)
            self._escape(args, kwargs)
            return Unknown(f"call to {qualname}")
        assert receiver is not None
        if isinstance(call.func, ast.Attribute):
            method = call.func.attr
            self.facts.method_calls.append(MethodCall(receiver, method, call))
            for method_handler in self._method_handlers:
                result = method_handler(self, call, receiver, method, args, kwargs)
                if result is not None:
                    return result
            self._escape(args, kwargs)
            return Unknown(f"method {method}")
        if isinstance(receiver, FunctionVal):
            self._escape(args, kwargs)
            return self.call_function(receiver)
        from pytest_lrcheck.lint.keras_semantics import call_value
        from pytest_lrcheck.lint.values import LayerVal, ModelVal

        if not isinstance(receiver, (LayerVal, ModelVal)):
            self._escape(args, kwargs)
        return call_value(self, call, receiver, args, kwargs)

    @staticmethod
    def _escape(args: list[Value], kwargs: dict[str, Value]) -> None:
        """A model handed to code the checker does not follow may get layers there."""
        from pytest_lrcheck.lint.values import ModelVal

        for value in (*args, *kwargs.values()):
            if isinstance(value, ModelVal):
                value.model.escapes.append(len(value.model.layers))


def _parameters(args: ast.arguments) -> list[ast.arg]:
    params = [*args.posonlyargs, *args.args, *args.kwonlyargs]
    params.extend(a for a in (args.vararg, args.kwarg) if a is not None)
    return params


def _fresh(value: Value) -> Value:
    """A copy for one call of a function, so two calls never look like the same data."""
    if isinstance(value, DataVal):
        return replace(value)
    if isinstance(value, TupleVal):
        return TupleVal(tuple(_fresh(v) for v in value.items))
    if isinstance(value, Unknown):
        return Unknown(value.reason)
    return value


def build_facts(tree: ast.Module, resolver: NameResolver | None = None) -> FileFacts:
    return Interpreter(tree, resolver or NameResolver(tree)).run()
