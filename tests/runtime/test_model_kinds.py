"""Every kind of model and input in the zoo, checked on every Keras backend.

Each backend runs in a process of its own (`tests.runtime.check_kinds`).  For every entry the
check must not crash; it must leave the model as it found it, bit for bit, and so that a
``fit`` after it trains exactly as on a twin never checked; a model ``fit`` trains well must be
judged healthy, one that silently fails unhealthy with its cause, and inputs Keras itself
cannot train on must get one clear error.  A backend that is not installed is skipped with
the line naming what to install.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.zoo import BACKENDS, ENTRIES
from tests.zoo.backends import missing, run_module

pytestmark = pytest.mark.backends

TIMEOUT = 3000.0
# The symptom each silent failure of the zoo must be reported with.
CAUSE_CODES = {"frozen": "LRC520"}
# False alarms still open, each with where it is being fixed; listed so that the rest of the
# zoo keeps its guard, and checked to still happen, so a fix removes its line.
# (backend, entry) pairs judged unhealthy although a plain fit trains them well: none known.
KNOWN_FALSE_ALARMS: set[tuple[str, str]] = set()

# The silent failures a check refuses up front instead, with the words its error must use.
CAUSE_ERRORS = {"nan-input": "contains 1 NaN value"}


def _results(backend: str) -> dict[str, dict[str, Any]]:
    reason = missing(backend)
    if reason is not None:
        pytest.skip(reason)
    done = run_module(backend, "tests.runtime.check_kinds", timeout=TIMEOUT)
    assert done.returncode == 0, done.stderr[-3000:]
    rows = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    return {row["name"]: row for row in rows}


@pytest.fixture(scope="module", params=BACKENDS)
def results(request: pytest.FixtureRequest) -> tuple[str, dict[str, dict[str, Any]]]:
    return request.param, _results(request.param)


def _table(rows: list[dict[str, Any]]) -> str:
    return "\n".join(f"  {r['name']}: {r['outcome']} {str(r.get('detail'))[:400]}" for r in rows)


def test_no_check_crashes(results: tuple[str, dict[str, dict[str, Any]]]) -> None:
    backend, rows = results
    crashed = [r for r in rows.values() if r["outcome"] == "crash"]
    assert not crashed, f"on {backend}:\n{_table(crashed)}"


def test_every_model_is_left_as_it_was(results: tuple[str, dict[str, dict[str, Any]]]) -> None:
    backend, rows = results
    changed = [r for r in rows.values() if r.get("unchanged") is False or r.get("twin") is False]
    assert not changed, f"on {backend}:\n{_table(changed)}"
    # The twin comparison ran on every array input: most of the zoo.
    assert sum(r.get("twin") is True for r in rows.values()) >= len(rows) // 2


def test_what_fit_trains_well_is_judged_healthy(
    results: tuple[str, dict[str, dict[str, Any]]],
) -> None:
    backend, rows = results
    wrong = [r for r in rows.values() if r["expect"] == "healthy" and r["outcome"] != "healthy"]
    known = [r for r in wrong if (backend, r["name"]) in KNOWN_FALSE_ALARMS]
    new = [r for r in wrong if r not in known]
    assert not new, f"false alarms on {backend}:\n{_table(new)}"
    fixed = {name for b, name in KNOWN_FALSE_ALARMS if b == backend} - {r["name"] for r in known}
    assert not fixed, f"fixed on {backend}: remove {sorted(fixed)} from KNOWN_FALSE_ALARMS"


def test_silent_failures_are_reported_with_their_cause(
    results: tuple[str, dict[str, dict[str, Any]]],
) -> None:
    backend, rows = results
    for entry in ENTRIES:
        row = rows.get(entry.name)
        if entry.expect != "unhealthy" or row is None:
            continue
        if entry.cause in CAUSE_ERRORS:
            assert row["outcome"] == "error", (backend, row)
            assert CAUSE_ERRORS[entry.cause] in row["detail"], (backend, row)
            continue
        assert row["outcome"] == "unhealthy", (backend, row)
        assert CAUSE_CODES[entry.cause or ""] in row["codes"], (backend, row)


def test_inputs_keras_cannot_train_on_get_one_clear_error(
    results: tuple[str, dict[str, dict[str, Any]]],
) -> None:
    backend, rows = results
    for entry in ENTRIES:
        row = rows.get(entry.name)
        if entry.expect != "error" or row is None:
            continue
        assert row["outcome"] == "error", (backend, row)
        assert "\n" not in row["detail"] and "Traceback" not in row["detail"], row
