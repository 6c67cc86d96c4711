"""The failure calibration set (benchmarks/calibration) is well formed and covers its ground.

Building and running the scenarios is the benchmark's work; here only their labels are read,
so these tests import no Keras.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from benchmarks.calibration import CAUSES, SCENARIOS, Scenario, matches
from benchmarks.calibration.causes import CURVE_SHAPES
from tests.zoo import MODEL_KINDS

RULES = Path(__file__).resolve().parents[2] / "rules"


def test_there_are_at_least_forty_uniquely_named_scenarios() -> None:
    names = [s.name for s in SCENARIOS]
    assert len(names) >= 40
    assert len(names) == len(set(names))


def test_every_runtime_symptom_document_is_covered() -> None:
    documents = {path.name[:6] for path in RULES.glob("LRC5*.md")}
    covered = {code for s in SCENARIOS for code in re.findall(r"LRC5\d\d", s.source)}
    covered |= {s.cause for s in SCENARIOS}
    # "rules/LRC502,504,512" names three documents.
    covered |= {f"LRC{n}" for s in SCENARIOS for n in re.findall(r"(?<=,)(5\d\d)", s.source)}
    assert documents - covered == set()


def test_every_new_cause_and_both_verdicts_are_exercised() -> None:
    assert {s.cause for s in SCENARIOS} >= {
        label for label in CAUSES if not label.startswith("LRC")
    }
    assert {s.verdict for s in SCENARIOS} == {"fail", "warn"}
    assert any(s.runner == "watch" for s in SCENARIOS)


def test_scenarios_span_the_model_kinds() -> None:
    kinds = {s.model_kind for s in SCENARIOS}
    assert kinds <= set(MODEL_KINDS)
    assert len(kinds) >= 12


def test_a_curve_shape_is_never_an_expected_cause() -> None:
    assert not CURVE_SHAPES & {label for s in SCENARIOS for label in s.right_causes}


def test_a_scenario_with_an_unknown_cause_or_verdict_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown cause 'gremlins'"):
        Scenario("x", "gremlins", "fail", SCENARIOS[0].build, "sequential", "test")
    with pytest.raises(ValueError, match="verdict must be"):
        Scenario("x", "LRC512", "maybe", SCENARIOS[0].build, "sequential", "test")  # type: ignore[arg-type]


class _Said:
    def __init__(self, code: str, name: str) -> None:
        self.code, self.name = code, name


def test_a_symptom_matches_a_cause_by_code_or_by_its_label_as_name() -> None:
    assert matches("LRC512", _Said("LRC512", "learning-rate-too-high"))
    assert not matches("LRC512", _Said("LRC513", "learning-rate-too-low"))
    assert matches("target-scale", _Said("LRC599", "target-scale"))
    assert not matches("target-scale", _Said("LRC513", "learning-rate-too-low"))
