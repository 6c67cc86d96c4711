"""The training checks give the documented verdicts on every Keras backend.

Each backend runs in a process of its own (`tests.zoo.backends`): the catalog's runtime
examples (`tests.runtime.catalog_backend`, the blocks of `CATALOG_KINDS`; TensorFlow runs
them in the main suite, in `test_symptom_docs` and `test_stability`), the other public
checks (`tests.runtime.api_backend`) and the ``lrcheck`` fixture in a pytest run of its own.
A backend that is not installed is skipped with the line naming what to install.
"""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path
from typing import Any

import pytest

from tests.zoo import BACKENDS
from tests.zoo.backends import missing, run_module

pytestmark = pytest.mark.backends

TIMEOUT = 1800.0
# Examples whose documented code another backend reports as a different one, listed so the
# rest keep their guard and checked to still differ, so that a fix removes its line.  Under
# JAX and torch, Keras computes the cross-entropy of a softmax output from its clipped
# probabilities (TensorFlow from the logits behind it), and a clipped row passes no gradient.
# These three examples start with saturated outputs (raw pixels, a too-wide initializer), so
# there the loss sits far above chance level from the first step and training barely moves
# it: the report says so, as a loss that does not fall (LRC503, the outputs confidently
# wrong) or, where every prediction is one class, a collapse onto it (LRC504), where
# TensorFlow, still learning from the logits, sees the swings (LRC505), the rate-bound level
# (LRC506) or the growing gradient (LRC509) the documents show.
CLIPPED = frozenset({"LRC503", "LRC504"})
KNOWN_DIFFERENCES = {
    (backend, code): CLIPPED
    for backend in ("jax", "torch")
    for code in ("LRC505", "LRC506", "LRC509")
}


def _rows(
    backend: str, module: str, key: str, args: tuple[str, ...] = ()
) -> dict[str, dict[str, Any]]:
    reason = missing(backend)
    if reason is not None:
        pytest.skip(reason)
    done = run_module(backend, module, args, timeout=TIMEOUT)
    assert done.returncode == 0, done.stderr[-3000:]
    rows = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    assert rows, done.stdout[-2000:]
    return {str(row[key]): row for row in rows}


# The blocks each backend runs here: TensorFlow runs them all in the main suite; PyTorch,
# the slowest here, the Example blocks only (its healthy models are the zoo's to guard).
CATALOG_KINDS = {"jax": ("example", "use instead"), "torch": ("example",)}


@pytest.fixture(scope="module", params=sorted(CATALOG_KINDS))
def catalog(request: pytest.FixtureRequest) -> tuple[str, dict[str, dict[str, Any]]]:
    backend = request.param
    args = ("--examples",) if CATALOG_KINDS[backend] == ("example",) else ()
    return backend, _rows(backend, "tests.runtime.catalog_backend", "block", args)


@pytest.fixture(scope="module", params=BACKENDS)
def api(request: pytest.FixtureRequest) -> tuple[str, dict[str, dict[str, Any]]]:
    return request.param, _rows(request.param, "tests.runtime.api_backend", "name")


def _show(rows: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"  {r['block']}: codes {r.get('codes')} warnings {r.get('warnings')} "
        f"{str(r.get('detail', ''))[-400:]}"
        for r in rows
    )


def test_every_runtime_example_runs(catalog: tuple[str, dict[str, dict[str, Any]]]) -> None:
    from tests.runtime.catalog_runs import runtime_docs

    backend, rows = catalog
    kinds = CATALOG_KINDS[backend]
    expected = {f"{doc.code} {kind}" for doc in runtime_docs() for kind in kinds}
    assert set(rows) == expected, backend
    crashed = [r for r in rows.values() if "codes" not in r]
    assert not crashed, f"on {backend}:\n{_show(crashed)}"


def test_examples_keep_their_documented_verdicts(
    catalog: tuple[str, dict[str, dict[str, Any]]],
) -> None:
    backend, rows = catalog
    wrong = [
        r
        for r in rows.values()
        if "codes" in r and not r["ok"] and (backend, r["code"]) not in KNOWN_DIFFERENCES
    ]
    assert not wrong, f"on {backend}:\n{_show(wrong)}"


def test_known_differences_still_differ_as_described(
    catalog: tuple[str, dict[str, dict[str, Any]]],
) -> None:
    backend, rows = catalog
    for (where, code), instead in KNOWN_DIFFERENCES.items():
        if where != backend:
            continue
        row = rows[f"{code} example"]
        assert not row["healthy"], row  # still a failure, named differently
        assert instead & set(row["codes"]) and code not in row["codes"], (
            f"{code} on {backend} now reports {row['codes']}: remove it from KNOWN_DIFFERENCES"
        )
        healthy = rows.get(f"{code} use instead")
        assert healthy is None or healthy["ok"], healthy


def _case(api: tuple[str, dict[str, dict[str, Any]]], name: str) -> dict[str, Any]:
    backend, rows = api
    row = rows[name]
    assert "error" not in row, f"{name} on {backend}:\n{row['error']}"
    assert row.get("unchanged", True), f"{name} on {backend} changed the model"
    return row


def test_fast_steps_are_train_on_batch_steps(
    api: tuple[str, dict[str, dict[str, Any]]],
) -> None:
    row = _case(api, "steps as train_on_batch")
    assert row["same"], row
    assert row["held"] == (api[0] == "jax"), row  # the state is held between steps on JAX


def test_the_fast_compile_trains_as_keras_compile_does(
    api: tuple[str, dict[str, dict[str, Any]]],
) -> None:
    """Under JAX the check's train function is compiled without XLA's optimizing passes: the
    same losses as Keras' own compile to float rounding; Keras' compile takes over when the
    steps left are worth it, and when the fast compile fails."""
    jax = api[0] == "jax"
    fast = _case(api, "fast compile")
    assert fast["close"] and fast["held"] == jax and fast["fast"] == jax, fast
    switched = _case(api, "fast compile, then Keras'")
    assert switched["close"] and not switched["fast"], switched
    refused = _case(api, "fast compile refused")
    assert refused["close"] and not refused["fast"], refused
    if not jax:  # nothing changes on the other backends: Keras' own steps, bit for bit
        assert fast["same"] and switched["same"] and refused["same"], (fast, switched)


def test_check_step_judges_a_custom_loop(api: tuple[str, dict[str, dict[str, Any]]]) -> None:
    assert _case(api, "check_step healthy") == {
        "name": "check_step healthy",
        "healthy": True,
        "codes": [],
    }
    frozen = _case(api, "check_step frozen")
    # The loss of an untrained net: at chance level (LRC504) or, where the backend's initial
    # weights start it above chance, merely not falling (LRC503).
    assert not frozen["healthy"] and {"LRC503", "LRC504"} & set(frozen["codes"]), frozen


def test_lr_range_finds_the_same_rates(api: tuple[str, dict[str, dict[str, Any]]]) -> None:
    row = _case(api, "lr_range")
    assert row["blew_up"] and 1e-4 <= row["suggested"] <= 1e-2, row
    assert row["suggested"] < row["largest_stable"] < 1.0, row


def test_assess_learning_rate_flags_a_rate_far_too_high(
    api: tuple[str, dict[str, dict[str, Any]]],
) -> None:
    assert _case(api, "assess_learning_rate 1e-3")["ok"]
    high = _case(api, "assess_learning_rate 10")
    assert not high["ok"] and "above the largest stable rate" in high["message"], high


def test_loss_watcher_judges_a_fit(api: tuple[str, dict[str, dict[str, Any]]]) -> None:
    assert _case(api, "LossWatcher healthy fit")["healthy"]
    frozen = _case(api, "LossWatcher frozen fit")
    assert not frozen["healthy"] and {"LRC503", "LRC504"} & set(frozen["codes"]), frozen
    blown = _case(api, "LossWatcher blown-up fit")
    assert not blown["healthy"] and blown["codes"][0] == "LRC501", blown
    nan = _case(api, "LossWatcher NaN layer")
    assert nan["codes"][:1] == ["LRC501"] and "LRC521" in nan["codes"], nan
    assert nan["layer"] == "log_features", nan


FIXTURE_TESTS = """
    import keras
    import numpy as np
    from sklearn.datasets import load_digits

    def _data(scale):
        digits = load_digits()
        return digits.images * scale, keras.utils.to_categorical(digits.target, 10)

    def _model(rate):
        keras.utils.set_random_seed(0)
        model = keras.Sequential([
            keras.Input((8, 8)),
            keras.layers.Flatten(),
            keras.layers.Dense(32, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ])
        model.compile(optimizer=keras.optimizers.Adam(rate), loss="categorical_crossentropy")
        return model

    def test_healthy(lrcheck):
        lrcheck(_model(1e-3), *_data(1 / 16))

    def test_rate_ok(lrcheck):
        lrcheck.assert_lr_ok(_model(1e-3), *_data(1 / 16))

    def test_unscaled_and_too_fast(lrcheck):
        lrcheck(_model(10.0), *_data(1.0))

    def test_rate_far_too_high(lrcheck):
        lrcheck.assert_lr_ok(_model(10.0), *_data(1 / 16))
"""


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_fixture_passes_and_fails_tests(backend: str, tmp_path: Path) -> None:
    reason = missing(backend)
    if reason is not None:
        pytest.skip(reason)
    (tmp_path / "test_user.py").write_text(textwrap.dedent(FIXTURE_TESTS), encoding="utf-8")
    done = run_module(
        backend,
        "pytest",
        [
            str(tmp_path),
            "-p",
            "lrcheck",
            "-p",
            "no:cacheprovider",
            "-q",
            "--rootdir",
            str(tmp_path),
        ],
        timeout=TIMEOUT,
    )
    out = done.stdout
    # On CI pytest does not truncate the summary, so a FAILED line goes on with " - <message>".
    failed = set(re.findall(r"^FAILED \S+::(\w+)", out, flags=re.MULTILINE))
    assert failed == {"test_unscaled_and_too_fast", "test_rate_far_too_high"}, out[-3000:]
    assert "2 failed, 2 passed" in out, out[-3000:]
    assert "test_unscaled_and_too_fast: training unhealthy: LRC5" in out, out[-3000:]
    assert "above the largest stable rate" in out, out[-3000:]
