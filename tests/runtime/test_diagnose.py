"""The diagnosis: a table of explainers, cheapest first, run in one budgeted loop."""

from __future__ import annotations

import collections
from types import SimpleNamespace
from typing import Any

import pytest

from pytest_lrcheck.runtime import diagnose as module
from pytest_lrcheck.runtime import evidence as evidence_module
from pytest_lrcheck.runtime.codes import SYMPTOM_NAMES, VERDICT_CODES
from pytest_lrcheck.runtime.diagnose import EXPLAINERS, Diagnosis, Explainer, diagnose
from pytest_lrcheck.runtime.evidence import CANNOT_RETRAIN, Probe
from pytest_lrcheck.runtime.report import make_symptom
from tests.runtime.catalog_runs import block_of, run_block, runtime_docs
from tests.runtime.fake_session import FakeTrainer, evidence


def _cost_class(row: Explainer) -> int:
    """0: free, 1: passes over the probe batch, 2: retraining."""
    if row.needs is not None and row.needs.retrains:
        return 2
    return 0 if row.needs is None or row.needs.cost is None else 1


def test_every_symptom_is_found_by_the_curve_or_fed_by_a_row():
    fed = {code for row in EXPLAINERS for code in row.feeds}
    assert fed | VERDICT_CODES == set(SYMPTOM_NAMES)
    assert not fed & VERDICT_CODES  # the curve's codes are the verdict's, not the table's


def test_the_rows_run_cheapest_first():
    classes = [_cost_class(row) for row in EXPLAINERS]
    assert classes == sorted(classes)
    assert set(classes) == {0, 1, 2}


def _row(code: str, needs: Probe[Any] | None = None, **options: Any) -> Explainer:
    def explain(e: Any, d: Diagnosis) -> list[Any]:
        if needs is not None:
            e.get(needs)
        return [make_symptom(code, f"{code} found", {}, 0.5)]

    return Explainer((code,), explain, needs, **options)


def _probe(name: str, cost: float, retrains: bool = False) -> Probe[int]:
    return Probe(name, lambda e: 1, lambda e: cost, retrains)


def test_rows_add_their_symptoms_in_order_and_skip_what_the_budget_has_no_room_for(
    monkeypatch,
):
    monkeypatch.setattr(
        module,
        "EXPLAINERS",
        (
            _row("LRC511"),
            _row("LRC507", _probe("cheap probe", 0.01)),
            _row("LRC508", _probe("costly probe", 100.0)),
            _row("LRC509", _probe("other costly probe", 100.0)),
        ),
    )
    diagnosis = Diagnosis([make_symptom("LRC504", "stuck", {}, 0.85)])
    diagnose(evidence(seconds=30.0), diagnosis)
    assert [s.code for s in diagnosis.symptoms] == ["LRC504", "LRC511", "LRC507"]
    assert diagnosis.notes == [
        "costly probe skipped: the time budget is spent",
        "other costly probe skipped: the time budget is spent",
    ]


def test_evidence_already_gathered_costs_nothing(monkeypatch):
    cost = [0.01]
    costly = Probe("costly probe", lambda e: 1, lambda e: cost[0])
    e = evidence(seconds=30.0)
    assert e.get(costly) == 1  # gathered by the verdict, while the budget had room
    cost[0] = 100.0
    monkeypatch.setattr(module, "EXPLAINERS", (_row("LRC508", costly),))
    diagnosis = Diagnosis()
    diagnose(e, diagnosis)
    assert [s.code for s in diagnosis.symptoms] == ["LRC508"] and diagnosis.notes == []


def test_retraining_rows_are_skipped_with_one_note_when_the_model_cannot_rerun(monkeypatch):
    monkeypatch.setattr(
        module,
        "EXPLAINERS",
        (
            _row("LRC512", _probe("range test", 0.01, retrains=True)),
            _row("LRC506", _probe("lower rate", 0.01, retrains=True)),
            _row("LRC511"),
        ),
    )
    diagnosis = Diagnosis()
    diagnose(evidence(lr_schedule=True), diagnosis)
    assert [s.code for s in diagnosis.symptoms] == ["LRC511"]
    assert diagnosis.notes == [CANNOT_RETRAIN]


def test_a_row_is_skipped_when_a_code_makes_it_pointless(monkeypatch):
    monkeypatch.setattr(module, "EXPLAINERS", (_row("LRC508", skip_when=frozenset({"LRC507"})),))
    diagnosis = Diagnosis([make_symptom("LRC507", "dead", {}, 0.9)])
    diagnose(evidence(), diagnosis)
    assert [s.code for s in diagnosis.symptoms] == ["LRC507"]


def test_a_row_adding_a_code_it_does_not_declare_is_an_internal_error(monkeypatch):
    liar = Explainer(("LRC511",), lambda e, d: [make_symptom("LRC512", "x", {}, 0.5)])
    monkeypatch.setattr(module, "EXPLAINERS", (liar,))
    with pytest.raises(RuntimeError, match="added LRC512"):
        diagnose(evidence(), Diagnosis())


def test_the_model_is_settled_even_when_a_row_fails(monkeypatch):
    trainer = FakeTrainer()
    e = evidence(trainer=trainer)

    def fails(e: Any, d: Diagnosis) -> list[Any]:
        e.rewind(0.5)
        raise KeyError("boom")

    rerun = _probe("rerun", 0.01, retrains=True)
    monkeypatch.setattr(module, "EXPLAINERS", (Explainer(("LRC506",), fails, rerun),))
    with pytest.raises(KeyError):
        diagnose(e, Diagnosis())
    assert trainer.calls[-2:] == [("restore", "end of run"), ("rate", 0.01)]


# Each probe of one check, counted where it is computed.
COUNTED = {
    "mismatch check": ("pytest_lrcheck.runtime.detectors.mismatch", "config_mismatch"),
    "predictions": ("pytest_lrcheck.runtime.probes", "summarize_predictions"),
    "activity probe": ("pytest_lrcheck.runtime.probes", "layer_activity"),
    "gradient probe": ("pytest_lrcheck.runtime.probes", "layer_gradients"),
    "input statistics": ("pytest_lrcheck.runtime.detectors.data", "input_scale"),
    "range test": ("pytest_lrcheck.runtime.lr_range", "sweep"),
}


@pytest.fixture
def probes_run(monkeypatch) -> SimpleNamespace:
    """``calls``: how often each counted function ran; ``gathered``: each check's own count
    of the probes it gathered."""
    import importlib

    counter: collections.Counter[str] = collections.Counter()
    for what, (name, attribute) in COUNTED.items():
        owner = importlib.import_module(name)
        original = getattr(owner, attribute)

        def counted(*args: Any, _what: str = what, _original: Any = original, **kw: Any) -> Any:
            counter[_what] += 1
            return _original(*args, **kw)

        monkeypatch.setattr(owner, attribute, counted)
    gathered: list[collections.Counter[str]] = []
    init = evidence_module.Evidence.__init__

    def remember(self: Any, *args: Any, **kw: Any) -> None:
        init(self, *args, **kw)
        gathered.append(self.gathered)

    monkeypatch.setattr(evidence_module.Evidence, "__init__", remember)
    return SimpleNamespace(calls=counter, gathered=gathered)


def _doc(code: str) -> Any:
    return next(doc for doc in runtime_docs() if doc.code == code)


@pytest.mark.tensorflow
@pytest.mark.parametrize(
    ("code", "seed"),
    [
        # The outputs contradict the loss (a verdict from the trained model), then the diagnosis
        # explains it: the mismatch check used to run four times here.
        ("LRC516", 0),
        # A stall behind a saturated layer: the activity probe gives the verdict and the
        # diagnosis reads the same probe (it used to run twice).
        ("LRC515", 1),
    ],
)
def test_every_probe_runs_at_most_once_per_check(keras, probes_run, code, seed):
    _, report = run_block(_doc(code), block_of(_doc(code), "example"), seed)
    assert not report.healthy and code in report.codes, report.explain()
    # The verdict came from the trained model, not the curve, and the diagnosis ran after it.
    assert not set(report.codes) & VERDICT_CODES, report.explain()
    calls = probes_run.calls
    assert calls["mismatch check"] == 1
    assert calls["predictions"] == 1
    assert calls["activity probe"] == 1
    assert calls["gradient probe"] <= 1 and calls["range test"] <= 1
    assert calls["input statistics"] == 1
    (gathered,) = probes_run.gathered
    assert gathered["unit activity probe"] == 1 and max(gathered.values()) == 1


@pytest.mark.tensorflow
def test_a_healthy_check_gathers_only_what_its_verdict_needs(keras, probes_run):
    _, report = run_block(_doc("LRC516"), block_of(_doc("LRC516"), "use instead"))
    assert report.healthy
    calls = probes_run.calls
    assert calls["predictions"] == 1 and calls["mismatch check"] == 1
    assert calls["activity probe"] == calls["gradient probe"] == calls["range test"] == 0
    # The warnings tier reads the data once (free: no pass of the model); no probe twice.
    assert calls["input statistics"] == 1
