"""Where a literal judged inside a function came from: the call site that handed it over.

A rate of ``1`` written at ``model(X, Y, learning_rate=1)`` and used by
``AdamOptimizer(learning_rate)`` in the body is reported where it is written, and the message
names both places; a default the call left out, or a constant handed over by name, is
reported where its literal is written.
"""

from __future__ import annotations

import ast

from pytest_lrcheck.lint.syntax import line, short
from pytest_lrcheck.lint.values import Const, Value


def given_at(value: Value | None, used: ast.AST) -> tuple[ast.AST, str]:
    """Where to report a literal used at ``used``, and a phrase saying where it came from
    (empty when it is written where it is used)."""
    if not isinstance(value, Const) or value.via is None or value.node is used:
        return used, ""
    call = value.via
    if not isinstance(call, ast.Call):
        read = short(call, 40, "a container")
        return (
            value.node,
            f"written at line {line(value.node)}, read as {read} at line {line(call)}",
        )
    callee = short(call.func, 30, "a function")
    handed = any(value.node is a for a in call.args) or any(
        value.node is kw.value for kw in call.keywords
    )
    if handed:
        phrase = f"passed to {callee}() at line {line(call)} and used at line {line(used)}"
    else:
        phrase = (
            f"written at line {line(value.node)}, reaching line {line(used)} through "
            f"the call {callee}() at line {line(call)}"
        )
    return value.node, phrase
