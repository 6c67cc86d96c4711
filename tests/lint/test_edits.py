"""Source edits for fixes keep the code's own layout: quotes, prefixes, line breaks, commas."""

from __future__ import annotations

import libcst as cst
import pytest

from pytest_lrcheck.lint.edits import (
    add_keyword,
    add_string_keyword,
    append_keyword,
    insert_after,
    quote_of,
    rename_keyword,
    replace_name,
    replace_string,
    string_like,
    unwrap_call,
)


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


def _code(node: cst.CSTNode) -> str:
    return cst.Module([]).code_for_node(node)


@pytest.mark.parametrize(
    ("literal", "after"),
    [("'relu'", "'softmax'"), ('"relu"', '"softmax"'), ("r'relu'", "r'softmax'"),
     ('"""relu"""', '"""softmax"""')],
)  # fmt: skip
def test_replace_string_keeps_quotes_and_prefix(literal: str, after: str):
    assert _code(replace_string(cst.parse_expression(literal), "softmax")) == after


def test_string_like_takes_the_quotes_of_a_string_and_double_quotes_otherwise():
    zeros = cst.parse_expression("'zeros'")
    assert _code(string_like(zeros, "glorot_uniform")) == "'glorot_uniform'"
    call = cst.parse_expression("Zeros()")
    assert _code(string_like(call, "glorot_uniform")) == '"glorot_uniform"'


def test_keyword_name_and_call_edits():
    call = cst.parse_expression("Adam(lr=0.1)")
    assert isinstance(call, cst.Call)
    assert _code(rename_keyword(call.args[0], "learning_rate")) == "learning_rate=0.1"
    assert _code(replace_name(cst.parse_expression("True"), "True", "False")) == "False"
    softmax = cst.parse_expression("tf.nn.softmax(model.predict(x))")
    assert _code(unwrap_call(softmax)) == "model.predict(x)"
    argmax = cst.parse_expression("np.argmax(p)")
    assert _code(add_keyword(argmax, "axis", "-1")) == "np.argmax(p, axis=-1)"
    dense = cst.parse_expression("Dense(8, name='d')")
    assert _code(add_string_keyword(dense, "activation", "relu")) == (
        "Dense(8, name='d', activation='relu')"
    )


def test_insert_after_keeps_the_statement_and_adds_lines():
    module = cst.parse_module("x = load()\n")
    replaced = insert_after(module.body[0], ["x = x / 255.0"])
    assert module.with_changes(body=list(replaced.nodes)).code == "x = load()\nx = x / 255.0\n"


@pytest.mark.parametrize(
    ("edit", "code"),
    [
        (lambda n: replace_string(n, "a"), "name"),
        (lambda n: replace_name(n, "True", "False"), "False"),
        (lambda n: replace_name(n, "True", "False"), "'True'"),
        (lambda n: rename_keyword(n, "a"), "f(x)"),
        (lambda n: unwrap_call(n), "f(a, b)"),
        (lambda n: add_keyword(n, "a", "1"), "name"),
        (lambda n: add_string_keyword(n, "a", "b"), "x[0]"),
        (lambda n: insert_after(n, ["y = 1"]), "x"),
    ],
)
def test_an_edit_of_the_wrong_node_raises_type_error(edit, code: str):
    with pytest.raises(TypeError):
        edit(cst.parse_expression(code))
