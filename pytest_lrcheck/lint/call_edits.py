"""libcst edits of a call's arguments, for fixes that add a keyword (``axis=-1``...).

Only fixes import this module (from a rule's ``rewrite``), so checking files never loads libcst.
The edits keep the call's layout: a one-line call gains ``, name=value``; a call written one
argument per line gains a line with the same indentation, and a trailing comma stays trailing.
"""

from __future__ import annotations

import libcst as cst


def append_keyword(call: cst.Call, name: str, value: cst.BaseExpression) -> cst.Call:
    """``call`` with ``name=value`` added after its last argument."""
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
    comma = arg.comma
    return comma.whitespace_after if isinstance(comma, cst.Comma) else cst.SimpleWhitespace("")


def _spacing(whitespace: cst.BaseParenthesizableWhitespace) -> cst.BaseParenthesizableWhitespace:
    """The same line break and indentation without a comment, or else a single space."""
    if isinstance(whitespace, cst.ParenthesizedWhitespace):
        return whitespace.with_changes(first_line=cst.TrailingWhitespace(), empty_lines=[])
    if isinstance(whitespace, cst.SimpleWhitespace) and whitespace.value:
        return whitespace
    return cst.SimpleWhitespace(" ")


def quote_of(call: cst.Call) -> str:
    """The quote character the call's own strings use; double quotes when it has none."""
    for arg in call.args:
        if isinstance(arg.value, cst.SimpleString):
            return arg.value.quote[-1]
    return '"'
