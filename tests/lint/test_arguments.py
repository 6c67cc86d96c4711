"""Binding a call's arguments to a function's parameters over abstract values."""

from __future__ import annotations

import ast

from pytest_lrcheck.lint.arguments import bind_arguments, context_key
from pytest_lrcheck.lint.values import Const, Unknown, Value


def bind(signature: str, call_source: str, args: list[Value], kwargs: dict[str, Value]):
    function = ast.parse(f"def f({signature}): pass").body[0]
    assert isinstance(function, ast.FunctionDef)
    call = ast.parse(call_source).body[0].value  # type: ignore[attr-defined]
    defaults = {
        id(d): Const(ast.literal_eval(d), d)
        for d in ast.walk(function.args)
        if isinstance(d, ast.Constant)
    }
    evaluated = lambda e: defaults.get(id(e), Unknown("not a literal"))  # noqa: E731
    return function, call, bind_arguments(function, call, args, kwargs, evaluated)


def literal(value: object) -> Const:
    return Const(value, ast.Constant(value))


def test_positional_keyword_and_default_values():
    function, call, params = bind("a, b=2, *, c=3, d", "f(x, d=y)", [literal(1)], {"d": literal(4)})
    assert {name: v.value for name, v in params.items()} == {"a": 1, "b": 2, "c": 3, "d": 4}
    # Every literal knows the call that handed it over, defaults included.
    assert all(isinstance(v, Const) and v.via is call for v in params.values())
    # A default is still the literal written in the ``def``.
    assert params["b"].node in ast.walk(function.args)


def test_star_arguments_make_the_remaining_parameters_unknown_not_default():
    _, _, params = bind("a, b=2, c=3", "f(*rest)", [literal(1)], {})
    assert all(isinstance(v, Unknown) for v in params.values())
    _, _, params = bind("a, b=2", "f(1, **options)", [literal(1)], {})
    assert params["a"].value == 1  # type: ignore[attr-defined]
    assert isinstance(params["b"], Unknown)


def test_varargs_and_kwargs_parameters_are_unknown():
    _, _, params = bind("*args, **kwargs", "f(1, k=2)", [literal(1)], {"k": literal(2)})
    assert set(params) == {"args", "kwargs"}
    assert all(isinstance(v, Unknown) for v in params.values())


def test_context_key_tells_literals_by_value_and_other_values_by_identity():
    same = context_key({"lr": literal(0.1)}) == context_key({"lr": literal(0.1)})
    other = context_key({"lr": literal(0.1)}) == context_key({"lr": literal(1.0)})
    first, second = Unknown("a"), Unknown("b")
    assert same and not other
    assert context_key({"x": first}) == context_key({"x": second})
    data_a, data_b = Value(), Value()
    assert context_key({"x": data_a}) != context_key({"x": data_b})
