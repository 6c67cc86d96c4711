from __future__ import annotations

import builtins
import math

import pytest

from pytest_lrcheck.runtime.plots import loss_figure, save_loss_plot
from pytest_lrcheck.runtime.report import NonFiniteOrigin, TrainingReport, make_symptom


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
    assert loss_figure(_report([1.0, 0.5])) is None
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


def _marks(figure):
    """(label, x) of every vertical line and the texts drawn on the plot's axes."""
    (axes,) = figure.axes
    lines = {
        line.get_label(): tuple(line.get_xdata())
        for line in axes.get_lines()
        if not line.get_label().startswith("_")
    }
    return lines, [text.get_text() for text in axes.texts]


def test_the_figure_marks_the_verdict_step_and_the_suggested_rate():
    pytest.importorskip("matplotlib")
    rate = make_symptom("LRC512", "too high", {"learning_rate": 1.0, "suggested": 0.0026}, 0.8)
    losses = [2.3, 1.9, 30.0, 80.0, 95.0, 90.0]
    report = TrainingReport(
        healthy=False,
        symptoms=(make_symptom("LRC502", "up", {}, 0.8), rate),
        losses=tuple(losses),
        steps_run=len(losses),
        verdict_step=3,
        learning_rate=1.0,
    )
    lines, texts = _marks(loss_figure(report))
    assert lines["verdict at step 3"] == (3, 3)
    assert texts == ["range test suggests a learning rate of 0.0026 (trained at 1)"]
    assert lines["batch loss"] == tuple(range(len(losses)))


def test_a_healthy_run_and_a_run_without_a_range_test_mark_neither():
    pytest.importorskip("matplotlib")
    lines, texts = _marks(loss_figure(TrainingReport(True, (), (2.3, 1.0, 0.5), steps_run=3)))
    assert not any(label.startswith("verdict") for label in lines) and texts == []
    lines, texts = _marks(loss_figure(_report([2.3, 5.0, math.nan], verdict_step=2)))
    assert lines["verdict at step 2"] == (2, 2) and lines["non-finite at step 2"] == (2, 2)
    assert texts == []


def test_the_non_finite_mark_names_the_layer_where_it_started():
    pytest.importorskip("matplotlib")
    origin = NonFiniteOrigin(2, "output", "log", "Lambda")
    report = _report([2.3, 5.0, math.nan], verdict_step=2, non_finite=origin)
    lines, _ = _marks(loss_figure(report))
    assert lines["non-finite at step 2 (layer 'log')"] == (2, 2)


def test_the_saved_file_is_the_figure_drawn(tmp_path):
    pytest.importorskip("matplotlib")
    from matplotlib.image import imread

    def red_pixels(report, name):
        image = imread(save_loss_plot(report, tmp_path / name))
        width, height = loss_figure(report).canvas.get_width_height()
        assert image.shape[:2] == (height, width)
        return int(((image[..., 0] > 0.7) & (image[..., 1] < 0.3) & (image[..., 2] < 0.3)).sum())

    losses = (2.3, 5.0, 40.0, 900.0, 1000.0)
    unhealthy = _report(losses, verdict_step=3)
    healthy = TrainingReport(True, (), losses, steps_run=len(losses), verdict_step=3)
    # Only the verdict line is drawn in red: the healthy run's file has none of it.
    assert red_pixels(unhealthy, "sick") > 50 and red_pixels(healthy, "fine") == 0
