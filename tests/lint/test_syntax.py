"""Readers of call syntax: which expression fills a parameter, without evaluating anything."""

from __future__ import annotations

import ast

import pytest

from pytest_lrcheck.lint.syntax import arg, keyword, keywords, parameters, short, unpacks


def call(code: str) -> ast.Call:
    node = ast.parse(code, mode="eval").body
    assert isinstance(node, ast.Call)
    return node


@pytest.mark.parametrize(
    ("code", "index", "name", "expected"),
    [
        ("Dense(8)", 0, "units", "8"),
        ("Dense(units=8)", 0, "units", "8"),
        ("Dense(4, units=8)", 0, "units", "8"),  # the keyword wins (Python would raise)
        ("Dense(8)", 1, "activation", None),
        ("Dense(*shape)", 0, "units", None),  # which argument *shape fills is unknown
        ("Dense(8, *rest)", 0, "units", "8"),
        ("Dense(8, *rest, 'relu')", 2, "activation", None),
        ("Softmax(axis=1)", None, "axis", "1"),
        ("Softmax(1)", None, "axis", None),  # keyword only
    ],
)
def test_arg(code: str, index: int | None, name: str, expected: str | None):
    found = arg(call(code), index, name)
    assert (None if found is None else ast.unparse(found)) == expected


def test_keywords_and_unpacking():
    node = call("Adam(1e-3, lr=0.1, **options)")
    assert keyword(node, "lr") is not None and keyword(node, "decay") is None
    assert list(keywords(node)) == ["lr"]
    assert unpacks(node) and unpacks(call("f(*a)")) and not unpacks(call("f(a, b=1)"))


def test_parameters_include_star_args():
    function = ast.parse("def f(a, /, b, *args, c, **kw): pass").body[0]
    assert isinstance(function, ast.FunctionDef)
    assert [p.arg for p in parameters(function.args)] == ["a", "b", "c", "args", "kw"]


def test_short_shows_small_expressions_only():
    node = ast.parse("x_train[:1000]", mode="eval").body
    assert short(node, 30, "the data") == "x_train[:1000]"
    assert short(node, 5, "the data") == "the data"
    assert short(None, 30, "the data") == "the data"
