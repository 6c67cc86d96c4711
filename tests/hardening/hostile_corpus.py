"""A corpus of hostile files, generated on demand: what a linter meets in a real repository.

Vendored, generated and broken files: syntax errors, Python 2, bytes that are not UTF-8, a
byte order mark, NUL bytes, a 5 MB generated module, deep nesting, symlink loops, unreadable
files, named pipes, empty files, and notebooks that are empty, not JSON, JSON but not a
notebook, with a cell missing its ``source`` or with ``source`` as a string or a list.

Each `Case` says what ``lrcheck`` must make of its file: one ``LRC000`` whose message contains
``expect`` (``outcome="lrc000"``), a skip with a reason (``"skipped"``), or an ordinary check
with exactly the findings ``codes`` (``"checked"``).  `build` writes the cases the platform can
make (no symlinks or pipes on some systems) into a directory.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

BAD_LR = "opt = keras.optimizers.Adam(learning_rate=5.0)\n"  # LRC301 on its line
KERAS = "from tensorflow import keras\n"
BIG_FILE = "generated_weights.py"
BIG_SIZE = 5 * 1024 * 1024


@dataclass(frozen=True)
class Case:
    name: str
    outcome: str  # "lrc000", "skipped" or "checked"
    expect: str = ""  # part of the LRC000 message, or of the skip reason
    codes: tuple[tuple[str, int | None, int], ...] = ()  # "checked": (code, cell, line)
    lrc000_cell: int | None = None  # an LRC000 of one notebook cell


def _write(path: Path, data: bytes | str) -> None:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def _notebook(*cells: object, **extra: object) -> str:
    document = {"cells": list(cells), "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    document.update(extra)
    return json.dumps(document, indent=1)


def _code(source: object = None, **fields: object) -> dict[str, object]:
    cell: dict[str, object] = {"cell_type": "code", "metadata": {}, "outputs": [], **fields}
    if source is not None:
        cell["source"] = source
    return cell


def generated_module(size: int = BIG_SIZE) -> str:
    """A generated module of ``size`` bytes: a table of numbers and builder functions, with
    one bad learning rate at the very end so that a finding proves it was read to the end."""
    parts = [
        KERAS,
        "import numpy as np\n\n# Generated file: do not edit.\n",
        "TABLE = np.array([\n",
    ]
    total = sum(map(len, parts))
    row = 0
    while total < size * 0.7:
        line = "    [" + ", ".join(f"{(row * 31 + c) % 997 / 997:.6f}" for c in range(12)) + "],\n"
        parts.append(line)
        total += len(line)
        row += 1
    parts.append("])\n")
    index = 0
    while total < size:
        block = (
            f"\n\ndef build_{index}(units={index % 7 + 2}):\n"
            f"    model = keras.Sequential([keras.Input(shape=({index % 5 + 1},)),"
            f" keras.layers.Dense(units, activation='relu')])\n"
            f"    model.compile(optimizer='adam', loss='mse')\n"
            "    return model\n"
        )
        parts.append(block)
        total += len(block)
        index += 1
    parts.append("\n\n" + BAD_LR)
    return "".join(parts)


def _lrc000(expect: str) -> tuple[str, str, tuple[()], None]:
    return ("lrc000", expect, (), None)


def _checked(*codes: tuple[str, int | None, int]) -> tuple[str, str, tuple, None]:
    return ("checked", "", codes, None)


def _cell_lrc000(cell: int, expect: str, *codes: tuple[str, int | None, int]) -> tuple:
    """A notebook with one LRC000 for ``cell`` and the other cells' findings ``codes``."""
    return ("checked", expect, codes, cell)


SKIPPED = ("skipped", "does not mention keras or tensorflow", (), None)
BAD_MODEL = (
    "model = keras.Sequential([keras.Input(shape=(4,)), "
    "keras.layers.Dense(3, activation='sigmoid')])\n"
    "model.compile(optimizer='adam', loss='categorical_crossentropy')\n"
)
_IMPORTS = _code(KERAS)
_NOTEBOOK_LRC101 = ("LRC101", 3, 1)


def _contents(big: bool) -> dict[str, tuple[bytes | str, tuple]]:
    """File name -> (content, (outcome, expect, codes, lrc000 cell))."""
    k = KERAS.encode()
    files: dict[str, tuple[bytes | str, tuple]] = {
        "syntax_error.py": (KERAS + "model = keras.Sequential(\n", _lrc000("cannot parse")),
        "python2_print.py": (KERAS + 'print "training"\n', _lrc000("Python 2")),
        "python2_except.py": (
            KERAS + "try:\n    pass\nexcept Exception, e:\n    pass\n",
            _lrc000("cannot parse"),
        ),
        "latin1_bytes.py": (
            k + b"name = '\xe9t\xe9'\n",
            _lrc000("not valid utf-8 (byte 0xe9 on line 2)"),
        ),
        "bom.py": (b"\xef\xbb\xbf" + k + BAD_LR.encode(), _checked(("LRC301", None, 2))),
        "bom_and_latin1_cookie.py": (
            b"\xef\xbb\xbf# coding: latin-1\n" + k,
            _lrc000("cannot determine the file's encoding"),
        ),
        "unknown_cookie.py": ("# coding: klingon\n" + KERAS, _lrc000("encoding")),
        "utf16_cookie.py": ("# coding: utf-16\n" + KERAS, _lrc000("cannot parse")),
        "lone_surrogate.py": (
            "# coding: unicode_escape\n" + KERAS + 'name = "\\ud800"\n',
            _lrc000("lone surrogate"),
        ),
        "nul_bytes.py": (k + b"x = 1\x00\n", _lrc000("null bytes")),
        "escape_sequences.py": (
            KERAS + "x = 1 \x1b[2J\x1b[31m\n",
            _lrc000("non-printable character U+001B"),
        ),
        "binary.py": (bytes(range(256)) * 4 + b"keras", _lrc000("not valid utf-8")),
        "empty.py": (b"", SKIPPED),
        "only_a_comment.py": ("# keras\n", _checked()),
        "old_mac_line_endings.py": (
            (KERAS + "x = 1\n" + BAD_LR).replace("\n", "\r"),
            _checked(("LRC301", None, 3)),
        ),
        "form_feeds.py": (KERAS + "\x0c\nx = 1\n\x0c" + BAD_LR, _checked(("LRC301", None, 4))),
        "one_long_line.py": (
            KERAS + "DATA = [" + "1.5, " * 50_000 + "]\n" + BAD_LR,
            _checked(("LRC301", None, 3)),
        ),
        "deep_parentheses.py": (
            KERAS + "x = " + "(" * 300 + "1" + ")" * 300 + "\n",
            _lrc000("too many nested parentheses"),
        ),
        "deep_blocks.py": (
            KERAS + "".join("    " * i + "if x:\n" for i in range(101)) + " " * 404 + "pass\n",
            _lrc000("too many levels of indentation"),
        ),
        # Python compiles these; the analysis must not give up on them.
        "deep_sum.py": (
            KERAS + "x = " + " + ".join(["1"] * 2500) + "\n" + BAD_LR,
            _checked(("LRC301", None, 3)),
        ),
        "deep_calls.py": (
            KERAS + "x = f(1)" + "(2)" * 1400 + "\n" + BAD_LR,
            _checked(("LRC301", None, 3)),
        ),
        "too_deep.py": (KERAS + "x = " + "-" * 20_000 + "1\n", _lrc000("nested too deeply")),
        # Notebooks.
        "empty.ipynb": (b"", SKIPPED),
        "no_cells.ipynb": (_notebook(metadata={"note": "keras"}), _checked()),
        "not_json.ipynb": ("keras, but not JSON {", _lrc000("not valid JSON")),
        "json_list.ipynb": ('["keras"]', _lrc000("not a Jupyter notebook")),
        "json_string.ipynb": ('"keras"', _lrc000("not a Jupyter notebook")),
        "cells_not_a_list.ipynb": ('{"cells": {"keras": 1}}', _lrc000("not a Jupyter notebook")),
        "cell_not_an_object.ipynb": (
            '{"cells": ["keras"]}',
            _lrc000("cell 1 is not a JSON object"),
        ),
        "nbformat3.ipynb": (
            '{"nbformat": 3, "cells": [], "worksheets": ["keras"]}',
            _lrc000("nbformat 3"),
        ),
        "not_utf8.ipynb": (b'{"cells": [], "x": "keras \xff"}', _lrc000("not valid UTF-8")),
        "deep_json.ipynb": (
            '{"keras": ' + "[" * 100_000 + "]" * 100_000 + "}",
            _lrc000("nested too deeply"),
        ),
        "huge_integer.ipynb": ('{"keras": ' + "7" * 5000 + "}", _lrc000("4300 digits")),
        "missing_source.ipynb": (
            _notebook(_IMPORTS, _code(execution_count=1), _code(BAD_MODEL)),
            _cell_lrc000(2, "no 'source'", _NOTEBOOK_LRC101),
        ),
        "source_of_numbers.ipynb": (
            _notebook(_IMPORTS, _code([1, 2]), _code(BAD_MODEL)),
            _cell_lrc000(2, "'source' is not text", _NOTEBOOK_LRC101),
        ),
        "source_as_string.ipynb": (
            _notebook(_IMPORTS, _code(BAD_MODEL)),
            _checked(("LRC101", 2, 1)),
        ),
        "source_as_list.ipynb": (
            _notebook(_IMPORTS, _code(BAD_MODEL.splitlines(keepends=True))),
            _checked(("LRC101", 2, 1)),
        ),
        "lone_surrogate.ipynb": (
            _notebook(_IMPORTS, _code('x = "\ud800"\n'), _code(BAD_MODEL)),
            _cell_lrc000(2, "lone surrogate", _NOTEBOOK_LRC101),
        ),
        "broken_cell.ipynb": (
            _notebook(_IMPORTS, _code("def broken(:\n"), _code(BAD_MODEL)),
            _cell_lrc000(2, "cannot parse", _NOTEBOOK_LRC101),
        ),
        "r_kernel.ipynb": (
            _notebook(_IMPORTS, metadata={"kernelspec": {"language": "R", "name": "ir"}}),
            ("skipped", "not a Python notebook", (), None),
        ),
    }
    if big:
        files[BIG_FILE] = (generated_module(), _checked(("LRC301", None, -1)))
    return files


def _special_cases(root: Path) -> list[Case]:
    """Links, pipes and permissions, where the platform and the user allow them."""
    cases = []
    attempts: list[tuple[Case, Callable[[], None]]] = [
        (
            Case("link_loop.py", "lrc000", "symbolic links"),
            lambda: os.symlink("link_loop.py", root / "link_loop.py"),
        ),
        (
            Case("ping.py", "lrc000", "symbolic links"),
            lambda: (
                os.symlink("pong.py", root / "ping.py"),
                os.symlink("ping.py", root / "pong.py"),
            ),
        ),
        (Case("pong.py", "lrc000", "symbolic links"), lambda: None),
        (
            Case("dangling.py", "lrc000", "No such file or directory"),
            lambda: os.symlink("nowhere.py", root / "dangling.py"),
        ),
        (
            Case("named_pipe.py", "lrc000", "a named pipe, not a regular file"),
            lambda: os.mkfifo(root / "named_pipe.py"),
        ),
        (
            Case("named_pipe.ipynb", "lrc000", "a named pipe, not a regular file"),
            lambda: os.mkfifo(root / "named_pipe.ipynb"),
        ),
    ]
    made = set()
    for case, make in attempts:
        try:
            make()
        except (OSError, NotImplementedError, AttributeError):
            continue
        if case.name != "pong.py" or "ping.py" in made:
            made.add(case.name)
            cases.append(case)
    # Named explicitly or walked, a directory's loop back to its parent is never followed.
    (root / "sub").mkdir()
    with contextlib.suppress(OSError, NotImplementedError):
        os.symlink("..", root / "sub" / "parent", target_is_directory=True)
    if can_deny_reading():
        _write(root / "unreadable.py", KERAS + BAD_LR)
        os.chmod(root / "unreadable.py", 0)
        cases.append(Case("unreadable.py", "lrc000", "Permission denied"))
    return cases


def can_deny_reading() -> bool:
    """chmod 000 stops the current user from reading (not so for root, nor on Windows)."""
    return sys.platform != "win32" and hasattr(os, "geteuid") and os.geteuid() != 0


def build(root: Path, *, big: bool = True) -> list[Case]:
    """Write the corpus into ``root`` (which must exist) and return its cases."""
    cases = []
    for name, (content, (outcome, expect, codes, cell)) in _contents(big).items():
        _write(root / name, content)
        cases.append(Case(name, outcome, expect, codes, cell))
    return [*cases, *_special_cases(root)]
