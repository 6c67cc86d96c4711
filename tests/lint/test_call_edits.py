"""Adding a keyword argument to a call keeps the call's own layout."""

from __future__ import annotations

import libcst as cst
import pytest

from pytest_lrcheck.lint.call_edits import append_keyword, quote_of


def _add(code: str, name: str = "axis", value: str = "-1") -> str:
    call = cst.parse_expression(code)
    assert isinstance(call, cst.Call)
    return cst.Module([]).code_for_node(append_keyword(call, name, cst.parse_expression(value)))


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("f()", "f(axis=-1)"),
        ("f(a)", "f(a, axis=-1)"),
        ("f(a, b=1)", "f(a, b=1, axis=-1)"),
        ("f(a,)", "f(a, axis=-1,)"),
        ("f( a )", "f( a, axis=-1 )"),
        ("f(\n    a,\n)", "f(\n    a,\n    axis=-1,\n)"),
        ("f(\n    a,\n    b,\n)", "f(\n    a,\n    b,\n    axis=-1,\n)"),
        ("f(a,\n  b,\n)", "f(a,\n  b,\n  axis=-1,\n)"),
        ("f(a,  # note\n  b,\n)", "f(a,  # note\n  b,\n  axis=-1,\n)"),
        ("f(*args)", "f(*args, axis=-1)"),
    ],
)
def test_append_keyword(before: str, after: str):
    assert _add(before) == after


def test_the_result_is_valid_python_for_every_layout():
    for code in ("f(\n    a\n)", "f(a, # c\n)", "obj.m(\n  x, y,\n  z)"):
        compile(_add(code), "<test>", "eval")


@pytest.mark.parametrize(
    ("code", "quote"),
    [("f(1, 'a')", "'"), ('f(x="b")', '"'), ("f(1)", '"'), ("f('''a''')", "'")],
)
def test_quote_of(code: str, quote: str):
    call = cst.parse_expression(code)
    assert isinstance(call, cst.Call)
    assert quote_of(call) == quote


def test_a_comment_before_the_first_argument_is_not_copied():
    assert _add("f(  # note\n    a,\n)") == "f(  # note\n    a,\n    axis=-1,\n)"
