"""Readers of Python syntax: which expression a call passes for a parameter, and the like.

Pure functions over `ast` nodes: nothing here evaluates an expression or resolves a name, so
the interpreter, its semantic handlers and the rules can all use them.
"""

from __future__ import annotations

import ast


def arg(call: ast.Call, index: int | None, keyword: str) -> ast.expr | None:
    """The expression passed for a parameter, by keyword or at a positional index.

    A position at or after a ``*args`` is not known, so it gives None.
    """
    for kw in call.keywords:
        if kw.arg == keyword:
            return kw.value
    if index is not None and index < len(call.args):
        value = call.args[index]
        if not any(isinstance(a, ast.Starred) for a in call.args[: index + 1]):
            return value
    return None


def keyword(call: ast.Call, name: str) -> ast.keyword | None:
    return next((kw for kw in call.keywords if kw.arg == name), None)


def keywords(call: ast.Call) -> dict[str, ast.expr]:
    """The named keyword arguments (``**options`` has no name and is left out)."""
    return {kw.arg: kw.value for kw in call.keywords if kw.arg}


def unpacks(call: ast.Call) -> bool:
    """Whether the call passes ``*args`` or ``**kwargs``, which may fill any parameter."""
    return any(kw.arg is None for kw in call.keywords) or any(
        isinstance(a, ast.Starred) for a in call.args
    )


def parameters(args: ast.arguments) -> list[ast.arg]:
    """Every parameter a function or lambda binds, ``*args`` and ``**kwargs`` included."""
    params = [*args.posonlyargs, *args.args, *args.kwonlyargs]
    params.extend(a for a in (args.vararg, args.kwarg) if a is not None)
    return params


def string_literal(expr: ast.AST | None) -> str | None:
    """The text of a string literal; None for anything else (a name, an f-string...)."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return expr.value
    return None


def line(node: ast.AST | None) -> int:
    """The 1-based line a node starts on; 0 for nodes without one."""
    return getattr(node, "lineno", 0)


def short(node: ast.expr | None, limit: int, instead: str) -> str:
    """The source of a small expression as messages show it; ``instead`` when it is long."""
    text = ast.unparse(node) if node is not None else ""
    return text if 0 < len(text) <= limit else instead
