"""Constants are folded within bounds: no constant hangs the linter or ends a file in an error.

``steps = 9**9**9`` compiles in a millisecond and takes hours to compute; ``10**400`` is a
valid int no float holds.  Folding refuses what CPython's optimizer refuses (ints wider than
128 bits), and conversions give "unknown" instead of raising.
"""

from __future__ import annotations

import ast
import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pytest_lrcheck.lint.engine import check_text, make_rules
from pytest_lrcheck.lint.folding import MAX_INT_BITS, as_float, as_int, fold_binary

BIG_LITERAL = "1" + "0" * 400  # a literal int: nothing folds it, and no float holds it


@pytest.mark.parametrize(
    ("op", "left", "right", "expected"),
    [
        (ast.Add(), 1, 2, 3),
        (ast.Div(), 1, 255, 1 / 255),
        (ast.Pow(), 10, -3, 10**-3),
        (ast.Pow(), 2, MAX_INT_BITS - 1, 2 ** (MAX_INT_BITS - 1)),
        (ast.Mult(), 2**64, 2**63, 2**127),
        (ast.Pow(), 1, 10**30, 1),
        (ast.Pow(), -1, 10**30 + 1, -1),
        (ast.FloorDiv(), 7.5, 2, 3.0),
        (ast.Add(), True, 1, 2),  # what Python computes
    ],
)
def test_folds_what_python_computes(op: ast.operator, left: object, right: object, expected):
    assert fold_binary(op, left, right) == expected


@pytest.mark.parametrize(
    ("op", "left", "right"),
    [
        (ast.Pow(), 2, MAX_INT_BITS),  # one bit too wide
        (ast.Pow(), 10, 100_000),  # would take a moment and 40 KB: refused before computing
        (ast.Mult(), 2**100, 2**100),
        (ast.Add(), int(BIG_LITERAL), 1),  # a literal too wide to fold into
        (ast.Mult(), int(BIG_LITERAL), 1.0),  # no float holds it
        (ast.Pow(), 2.0, 10**100),  # float overflow
        (ast.Mult(), 1e308, 10),  # float overflow without an error: inf
        (ast.Div(), 1, 0),
        (ast.Pow(), -8, 0.5),  # complex
        (ast.Mod(), 7, 2),  # not an operator the rules need
        (ast.Mult(), "a", 10**9),  # strings are not folded
    ],
)
def test_refuses_what_is_too_big_or_not_a_number(op: ast.operator, left: object, right: object):
    assert fold_binary(op, left, right) is None


def test_conversions_give_none_instead_of_raising():
    assert as_float(int(BIG_LITERAL)) is None
    assert as_float(-int(BIG_LITERAL)) is None
    assert as_float(3) == 3.0 and as_float(0.5) == 0.5
    assert as_float(True) is None and as_float("3") is None
    assert as_float(math.inf) == math.inf  # a float literal such as 1e999 is what it is
    assert as_int(64.0) == 64 and as_int(64) == 64
    for value in (math.inf, -math.inf, math.nan, 2.5, True, None, "64"):
        assert as_int(value) is None


ATTACKS = {
    "power_tower": "steps = 9**9**9\n",
    "tower_of_ten": "steps = 10**10**8\n",
    "learning_rate": "opt = keras.optimizers.Adam(learning_rate=10**5000)\n",
    "divisor": "(x, y), _ = keras.datasets.mnist.load_data()\nx = x / 10**400\n",
    "literal_divisor": f"(x, y), _ = keras.datasets.mnist.load_data()\nx = x / {BIG_LITERAL}\n",
    "literal_rate": f"opt = keras.optimizers.Adam({BIG_LITERAL})\n",
    "units": f"m = keras.Sequential([keras.layers.Dense({BIG_LITERAL})])\n",
    "infinite_units": "m = keras.Sequential([keras.layers.Dense(1e999, input_dim=1e999)])\n",
    "classes": f"y = keras.utils.to_categorical([1, 2], {BIG_LITERAL})\n",
    "slice": f"(x, y), _ = keras.datasets.mnist.load_data()\nx = x[0:{BIG_LITERAL}]\n",
    "constant_initializer": (
        "m = keras.Sequential([\n"
        f"    keras.layers.Dense(4, kernel_initializer=keras.initializers.Constant(\n"
        f"        {BIG_LITERAL})),\n"
        "    keras.layers.Dense(4, kernel_initializer='zeros'),\n"
        "])\n"
        "m.compile(loss='mse')\n"
    ),
}


@pytest.mark.parametrize(
    "body", [pytest.param(b, id=k) for k, b in ATTACKS.items() if "tower" not in k]
)
def test_big_constants_are_unknown_values_not_internal_errors(body: str):
    result = check_text(f"from tensorflow import keras\n{body}", "attack.py", make_rules())
    assert result.internal_errors == ()
    assert [f.code for f in result.findings if f.code in {"LRC000", "LRC301"}] == []


def test_a_huge_rate_is_not_mistaken_for_a_known_one():
    source = "from tensorflow import keras\nopt = keras.optimizers.Adam(1e999)\n"
    (finding,) = check_text(source, "rate.py", make_rules()).findings
    assert finding.code == "LRC301" and "inf" in finding.message


def _lrcheck() -> list[str]:
    script = shutil.which("lrcheck", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "pytest_lrcheck"]


def test_the_command_finishes_every_attack_cleanly(tmp_path: Path):
    """End to end, in a process of its own: a regression would hang, so it runs under a timeout
    far above the second it takes (a hang guard, not a speed test)."""
    for name, body in ATTACKS.items():
        (tmp_path / f"{name}.py").write_text(f"from tensorflow import keras\n{body}")
    env = {**os.environ, "NO_COLOR": "1"}
    completed = subprocess.run(
        [*_lrcheck(), "--no-cache", "--select", "LRC000,LRC301", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "internal error" not in completed.stderr
    assert "All checks passed!" in completed.stdout


def _truth(test: str, constants: dict[str, object]) -> bool | None:
    from pytest_lrcheck.lint.folding import UNKNOWN, truth

    expr = ast.parse(test, mode="eval").body

    def constant(node: ast.expr) -> object:
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, ast.Name):
            return constants.get(node.id, UNKNOWN)
        return UNKNOWN

    return truth(expr, constant)


@pytest.mark.parametrize(
    ("test", "expected"),
    [
        ("activation is not None", False),
        ("activation is None", True),
        ("dropout", True),
        ("not dropout", False),
        ("units > 1", True),
        ("units == 1 or augment", None),
        ("units == 64 or augment", True),
        ("augment and units == 1", False),
        ("augment and units == 64", None),
        ("name == 'relu'", False),
        ("units < 'a'", None),  # the program fails there: not settled
        ("name is 'x'", None),  # identity of strings is not guaranteed
        ("a < b < c", None),
    ],
)
def test_truth_settles_conditions_from_known_constants(test: str, expected: bool | None):
    constants = {"activation": None, "dropout": 0.2, "units": 64, "name": "tanh"}
    assert _truth(test, constants) is expected
