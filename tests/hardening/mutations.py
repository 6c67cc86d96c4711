"""Mutations of real Keras programs, as hypothesis strategies.

Each mutation is a change people make to working code: imports renamed or aliased, statements
reordered, deleted or repeated, calls wrapped, constants and keywords changed, the program moved
into a function, and layout changes (CRLF, tabs, non-ASCII text before the code on a line,
comments, blank lines, lines split inside brackets).  Most results still parse; some do not,
which is as interesting: the engine must report those as LRC000 and carry on.
"""

from __future__ import annotations

import ast
import keyword

from hypothesis import strategies as st

from tests.hardening.layouts import layout
from tests.hardening.seeds import seed_sources
from tests.hardening.source_edits import (
    Draw,
    parse_or_none,
    pick,
    pick_node,
    rename_tokens,
    segment,
)

_NUMBERS = ("0", "1", "2", "3", "10", "255", "255.0", "127.5", "0.001", "1e-3", "5.0", "-1", "1e9")
_WORDS = (
    "sigmoid",
    "softmax",
    "relu",
    "linear",
    "tanh",
    "categorical_crossentropy",
    "binary_crossentropy",
    "sparse_categorical_crossentropy",
    "mse",
    "accuracy",
    "adam",
    "sgd",
    "zeros",
    "",
)
_KEYWORDS = (
    "from_logits=True",
    "from_logits=False",
    'activation="softmax"',
    'activation="sigmoid"',
    "activation=None",
    "lr=0.1",
    "learning_rate=3.0",
    "axis=-1",
    'kernel_initializer="zeros"',
    "epochs=1",
    "validation_data=(x_train, y_train)",
)
_WRAPPERS = ("({})", "identity({})", "[{}][0]", "(lambda: {})()", "({} if True else None)")
# Ways to put a program's body into a block: (first line, what follows the block).
_BLOCKS = (
    ("def main():\n", "\n\nmain()\n"),
    ('if __name__ == "__main__":\n', ""),
    ("for _ in range(1):\n", ""),
    ("try:\n", "except Exception:\n    raise\n"),
    ("class Experiment:\n", ""),
    ("with open(__file__) as handle:\n", ""),
)
_NAMES = st.from_regex(r"[a-z_][a-z0-9_]{0,6}|[àéπ][a-z]{0,3}", fullmatch=True).filter(
    lambda name: not keyword.iskeyword(name) and name not in {"self", "print", "len"}
)


# --- the mutations ------------------------------------------------------------------------------
def rename_import(source: str, draw: Draw) -> str:
    """``import tensorflow as tf`` -> ``import tensorflow as t2``, every use renamed."""
    tree = parse_or_none(source)
    if tree is None:
        return source
    aliases = [
        (node, alias)
        for node in tree.body
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names
        if alias.name != "*"
    ]
    chosen = pick(draw, aliases)
    if chosen is None:
        return source
    node, alias = chosen
    bound = alias.asname or alias.name.split(".")[0]
    new = draw(_NAMES)
    if isinstance(node, ast.Import) and alias.asname is None and "." in alias.name:
        return source  # ``import a.b`` binds ``a``; renaming it changes every ``a.b.x``
    start, end = segment(source, node)
    statement = source[start:end]
    written = f"{alias.name} as {new}"
    names = [
        written if item is alias else item.name + (f" as {item.asname}" if item.asname else "")
        for item in node.names
    ]
    if isinstance(node, ast.Import):
        replacement = "import " + ", ".join(names)
    else:
        replacement = f"from {'.' * node.level}{node.module or ''} import " + ", ".join(names)
    renamed = source[:start] + replacement + source[end:]
    if statement.count("\n"):
        return source  # a parenthesised import over several lines: leave it
    return rename_tokens(renamed, bound, new, after_line=node.end_lineno or 0)


def alias_name(source: str, draw: Draw) -> str:
    """``Dense2 = Dense`` after the imports, and the later uses go through the alias."""
    tree = parse_or_none(source)
    if tree is None:
        return source
    imports = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
    if not imports:
        return source
    bound = [
        alias.asname or alias.name.split(".")[0]
        for node in imports
        for alias in node.names
        if alias.name != "*"
    ]
    name = pick(draw, bound)
    last = max(node.end_lineno or node.lineno for node in imports)
    if name is None or any(n.lineno <= last and n not in imports for n in tree.body):
        return source
    new = draw(_NAMES)
    lines = source.splitlines(keepends=True)
    lines.insert(last, f"{new} = {name}\n")
    return rename_tokens("".join(lines), name, new, after_line=last + 1)


def swap_statements(source: str, draw: Draw) -> str:
    """Two neighbouring statements of one block change places."""
    tree = parse_or_none(source)
    if tree is None:
        return source
    blocks = [
        body
        for node in ast.walk(tree)
        for body in (getattr(node, "body", None), getattr(node, "orelse", None))
        if isinstance(body, list) and len(body) >= 2 and isinstance(body[0], ast.stmt)
    ]
    body = pick(draw, blocks)
    if body is None:
        return source
    index = draw(st.integers(0, len(body) - 2))
    first, second = body[index], body[index + 1]
    start_first = min([first.lineno, *(d.lineno for d in getattr(first, "decorator_list", []))])
    start_second = min([second.lineno, *(d.lineno for d in getattr(second, "decorator_list", []))])
    if first.end_lineno is None or second.end_lineno is None or first.end_lineno >= start_second:
        return source  # on one line (``a; b``): leave it
    lines = source.splitlines(keepends=True)
    if not lines[second.end_lineno - 1].endswith(("\n", "\r")):
        lines[second.end_lineno - 1] += "\n"
    a = lines[start_first - 1 : first.end_lineno]
    between = lines[first.end_lineno : start_second - 1]
    b = lines[start_second - 1 : second.end_lineno]
    lines[start_first - 1 : second.end_lineno] = b + between + a
    return "".join(lines)


def drop_or_repeat_statement(source: str, draw: Draw) -> str:
    node = pick_node(source, draw, lambda n: isinstance(n, ast.stmt))
    if node is None:
        return source
    start, end = segment(source, node)
    if draw(st.booleans()):
        return source[:start] + "pass" + source[end:]
    indent = source[source.rfind("\n", 0, start) + 1 : start]
    if indent.strip():
        return source  # after ``x = 1;`` on the same line
    return source[:end] + "\n" + indent + source[start:end] + source[end:]


def wrap_call(source: str, draw: Draw) -> str:
    """A call wrapped: parentheses, an identity function, a list index, a lambda, a ternary."""
    node = pick_node(source, draw, lambda n: isinstance(n, ast.Call))
    if node is None:
        return source
    start, end = segment(source, node)
    wrapper = draw(st.sampled_from(_WRAPPERS))
    return source[:start] + wrapper.format(source[start:end]) + source[end:]


def _is_editable_constant(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Constant)
        and isinstance(node.value, (int, float, str))
        and not isinstance(node.value, bool)
    )


def change_constant(source: str, draw: Draw) -> str:
    node = pick_node(source, draw, _is_editable_constant)
    if not isinstance(node, ast.Constant) or getattr(node, "end_lineno", None) != node.lineno:
        return source
    start, end = segment(source, node)
    if isinstance(node.value, str):
        if source[start] not in "\"'" or source[start:end].startswith(('"""', "'''")):
            return source  # an f-string part, a docstring or a prefixed string
        new = repr(draw(st.sampled_from(_WORDS)))
    else:
        new = draw(st.sampled_from(_NUMBERS))
    return source[:start] + new + source[end:]


def add_keyword(source: str, draw: Draw) -> str:
    node = pick_node(source, draw, lambda n: isinstance(n, ast.Call))
    if node is None:
        return source
    _, end = segment(source, node)
    closing = end - 1
    if source[closing] != ")":
        return source
    keyword_text = draw(st.sampled_from(_KEYWORDS))
    name = keyword_text.split("=")[0]
    if any(k.arg == name for k in node.keywords):
        return source
    separator = ", " if node.args or node.keywords else ""
    inside = source[:closing].rstrip()
    if inside.endswith(","):
        separator = " "
    return inside + separator + keyword_text + source[closing:]


def into_function(source: str, draw: Draw) -> str:
    """The code after the imports moves into ``def main():`` (or under ``if __name__ ...``)."""
    tree = parse_or_none(source)
    if tree is None or not tree.body:
        return source
    lines = source.splitlines(keepends=True)
    head = 0
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)) or (
            isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
        ):
            head = node.end_lineno or head
        else:
            break
    body = lines[head:]
    if not any(line.strip() for line in body):
        return source
    # Lines inside a multi-line string must not be indented: only indent statement lines.
    strings = {
        number
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        for number in range(node.lineno + 1, (node.end_lineno or node.lineno) + 1)
    }
    indented = [
        line if (head + offset + 1) in strings or not line.strip() else "    " + line
        for offset, line in enumerate(body)
    ]
    if indented and not indented[-1].endswith(("\n", "\r")):
        indented[-1] += "\n"
    opening, closing = draw(st.sampled_from(_BLOCKS))
    return "".join([*lines[:head], opening, *indented, closing])


MUTATIONS = (
    rename_import,
    alias_name,
    swap_statements,
    drop_or_repeat_statement,
    wrap_call,
    change_constant,
    add_keyword,
    into_function,
    layout,
)


@st.composite
def mutated_programs(draw: Draw, max_mutations: int = 4) -> str:
    """A seed program with up to ``max_mutations`` mutations applied in turn."""
    seeds = seed_sources()
    source = seeds[draw(st.integers(0, len(seeds) - 1))]
    for mutation in draw(st.lists(st.sampled_from(MUTATIONS), max_size=max_mutations)):
        source = mutation(source, draw)
    return source
