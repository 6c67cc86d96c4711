from __future__ import annotations

import builtins
import math

import pytest

from pytest_lrcheck.runtime.plots import save_loss_plot
from pytest_lrcheck.runtime.report import TrainingReport, make_symptom


def _report(losses, **kw):
    return TrainingReport(
        healthy=False,
        symptoms=(make_symptom("LRC501", "m", {}, 0.9),),
        losses=tuple(losses),
        steps_run=len(losses),
        **kw,
    )


def test_writes_a_png_and_adds_the_suffix(tmp_path):
    pytest.importorskip("matplotlib")
    report = _report(
        [2.3, 5.0, 40.0, 900.0, math.nan], verdict_step=4, chance_loss=2.3, val_losses=(2.2, 3.0)
    )
    written = save_loss_plot(report, tmp_path / "sub" / "model")
    assert written == tmp_path / "sub" / "model.png"
    data = written.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000


def test_leaves_pyplot_alone(tmp_path):
    pytest.importorskip("matplotlib")
    import matplotlib

    before = matplotlib.get_backend()
    save_loss_plot(_report([1.0, 0.5, 0.25]), tmp_path / "b.png")
    assert matplotlib.get_backend() == before


def test_returns_none_without_matplotlib(tmp_path, monkeypatch):
    real_import = builtins.__import__

    def no_matplotlib(name, *args, **kwargs):
        if name.startswith("matplotlib"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_matplotlib)
    assert save_loss_plot(_report([1.0, 0.5]), tmp_path / "c.png") is None
    assert not (tmp_path / "c.png").exists()


def test_the_range_tests_suggested_rate_is_read_from_a_rate_cause():
    from pytest_lrcheck.runtime.plots import suggested_rate
    from pytest_lrcheck.runtime.report import TrainingReport, make_symptom

    rate = make_symptom("LRC512", "too high", {"learning_rate": 1.0, "suggested": 0.0026}, 0.8)
    other = make_symptom("LRC507", "dead", {"suggested": 5.0}, 0.9)
    report = TrainingReport(healthy=False, symptoms=(other, rate), losses=(1.0, 2.0), steps_run=2)
    assert suggested_rate(report) == 0.0026
    assert suggested_rate(TrainingReport(True, (), (1.0, 0.5))) is None


def test_a_report_with_a_suggested_rate_still_plots(tmp_path):
    pytest.importorskip("matplotlib")
    rate = make_symptom("LRC512", "too high", {"suggested": 0.0026}, 0.8)
    report = TrainingReport(
        healthy=False, symptoms=(rate,), losses=(2.3, 9.0, 80.0), steps_run=3, learning_rate=1.0
    )
    assert save_loss_plot(report, tmp_path / "rate").read_bytes()[:4] == b"\x89PNG"
