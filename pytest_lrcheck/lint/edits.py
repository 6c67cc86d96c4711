"""Source edits for fixes, made with libcst so the rest of the file keeps every byte.

A fixable rule's ``rewrite`` is one call to a function here: replace a string literal's text,
rename a keyword, add a keyword argument, unwrap a call, insert statements.  Only fixes call
these, and libcst is imported on first use, so checking files never loads it.  Each function
checks the node it is given and raises `TypeError` for another kind: the fixer then skips the
fix and keeps the file.

Layout is kept: a string keeps its quotes and prefix; a one-line call gains ``, name=value``;
a call written one argument per line gains a line with the same indentation, and a trailing
comma stays trailing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import libcst as cst


def replace_string(node: cst.CSTNode, text: str) -> cst.SimpleString:
    """A string literal with new contents, in the same quotes and prefix."""
    import libcst as cst

    if not isinstance(node, cst.SimpleString):
        raise TypeError(f"expected a string literal, got {type(node).__name__}")
    return node.with_changes(value=f"{node.prefix}{node.quote}{text}{node.quote}")


def string_like(node: cst.CSTNode, text: str) -> cst.SimpleString:
    """A string literal replacing ``node``: in its quotes when it is a string, else in ``"``."""
    import libcst as cst

    quote = node.quote[-1] if isinstance(node, cst.SimpleString) else '"'
    return cst.SimpleString(f"{quote}{text}{quote}")


def replace_name(node: cst.CSTNode, old: str, new: str) -> cst.Name:
    """The name (or ``True``/``False``/``None``) ``old`` replaced by ``new``."""
    import libcst as cst

    if not (isinstance(node, cst.Name) and node.value == old):
        raise TypeError(f"expected {old}, got {type(node).__name__}")
    return node.with_changes(value=new)


def rename_keyword(node: cst.CSTNode, name: str) -> cst.Arg:
    """A keyword argument under another name: ``lr=0.1`` -> ``learning_rate=0.1``."""
    import libcst as cst

    if not (isinstance(node, cst.Arg) and node.keyword is not None):
        raise TypeError(f"expected a keyword argument, got {type(node).__name__}")
    return node.with_changes(keyword=node.keyword.with_changes(value=name))


def unwrap_call(node: cst.CSTNode) -> cst.BaseExpression:
    """The single argument of a call, in place of the call: ``f(x)`` -> ``x``."""
    import libcst as cst

    if not isinstance(node, cst.Call) or len(node.args) != 1:
        raise TypeError("expected a call with one argument")
    return node.args[0].value


def insert_after(
    node: cst.CSTNode, statements: Sequence[str]
) -> cst.FlattenSentinel[cst.BaseStatement]:
    """A statement followed by new ones (each a line of source), at its indentation."""
    import libcst as cst

    if not isinstance(node, cst.SimpleStatementLine):
        raise TypeError(f"expected a statement line, got {type(node).__name__}")
    added = [cst.parse_statement(f"{text}\n") for text in statements]
    return cst.FlattenSentinel([node, *added])


def add_keyword(node: cst.CSTNode, name: str, source: str) -> cst.Call:
    """A call with ``name=<source>`` added after its last argument."""
    import libcst as cst

    if not isinstance(node, cst.Call):
        raise TypeError(f"expected a call, got {type(node).__name__}")
    return append_keyword(node, name, cst.parse_expression(source))


def add_string_keyword(node: cst.CSTNode, name: str, text: str) -> cst.Call:
    """A call with ``name="<text>"`` added, in the quotes the call's own strings use."""
    import libcst as cst

    if not isinstance(node, cst.Call):
        raise TypeError(f"expected a call, got {type(node).__name__}")
    quote = quote_of(node)
    return append_keyword(node, name, cst.SimpleString(f"{quote}{text}{quote}"))


def append_keyword(call: cst.Call, name: str, value: cst.BaseExpression) -> cst.Call:
    """``call`` with ``name=value`` added after its last argument."""
    import libcst as cst

    new = cst.Arg(
        value=value,
        keyword=cst.Name(name),
        equal=cst.AssignEqual(
            whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace("")
        ),
    )
    args = list(call.args)
    if not args:
        return call.with_changes(args=[new])
    last = args[-1]
    # What followed the last argument (``f( a )``'s space) now follows the new one.
    new = new.with_changes(whitespace_after_arg=last.whitespace_after_arg)
    last = last.with_changes(whitespace_after_arg=cst.SimpleWhitespace(""))
    if isinstance(last.comma, cst.Comma):
        # ``f(a,)`` or one argument per line: the new argument takes over the trailing comma
        # (and the line break before the closing parenthesis); the old last argument gets a
        # comma followed by the whitespace that precedes it, so both sit on lines alike.
        before = _spacing(call.whitespace_before_args if len(args) == 1 else _after_comma(args[-2]))
        args[-1] = last.with_changes(
            comma=cst.Comma(whitespace_before=last.comma.whitespace_before, whitespace_after=before)
        )
        args.append(new.with_changes(comma=last.comma))
    else:
        args[-1] = last.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
        args.append(new)
    return call.with_changes(args=args)


def _after_comma(arg: cst.Arg) -> cst.BaseParenthesizableWhitespace:
    import libcst as cst

    comma = arg.comma
    return comma.whitespace_after if isinstance(comma, cst.Comma) else cst.SimpleWhitespace("")


def _spacing(whitespace: cst.BaseParenthesizableWhitespace) -> cst.BaseParenthesizableWhitespace:
    """The same line break and indentation without a comment, or else a single space."""
    import libcst as cst

    if isinstance(whitespace, cst.ParenthesizedWhitespace):
        return whitespace.with_changes(first_line=cst.TrailingWhitespace(), empty_lines=[])
    if isinstance(whitespace, cst.SimpleWhitespace) and whitespace.value:
        return whitespace
    return cst.SimpleWhitespace(" ")


def quote_of(call: cst.Call) -> str:
    """The quote character the call's own strings use; double quotes when it has none."""
    import libcst as cst

    for arg in call.args:
        if isinstance(arg.value, cst.SimpleString):
            return arg.value.quote[-1]
    return '"'
