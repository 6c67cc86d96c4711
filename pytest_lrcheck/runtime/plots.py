"""A PNG of a report's loss curve (matplotlib is optional and imported only here)."""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import Any

from pytest_lrcheck.runtime.advice import range_test_rate
from pytest_lrcheck.runtime.detectors.curve_stats import smooth
from pytest_lrcheck.runtime.report import TrainingReport
from pytest_lrcheck.runtime.sparkline import is_log_scale


def suggested_rate(report: TrainingReport) -> float | None:
    """The rate the range test suggested, when a learning-rate cause quotes it."""
    return range_test_rate({s.code: s.evidence for s in report.symptoms})


def save_loss_plot(report: TrainingReport, path: str | os.PathLike[str]) -> Path | None:
    """Draw `loss_figure` into ``path`` (``.png`` is added when it has no suffix).

    Returns the written path, or None when matplotlib is not installed.
    """
    figure = loss_figure(report)
    if figure is None:
        return None
    target = Path(path)
    if not target.suffix:
        target = target.with_suffix(".png")
    target.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(target)
    return target


def loss_figure(report: TrainingReport) -> Any | None:
    """A matplotlib ``Figure`` of the batch losses, their rolling median, validation losses,
    the chance level, the verdict step and the range test's suggested rate (when it ran);
    None when matplotlib is not installed.  Built on the Agg canvas directly, so pyplot's
    global state and the user's backend are left alone.
    """
    try:
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError:
        return None
    figure = Figure(figsize=(7, 3.6), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot(1, 1, 1)
    steps = range(len(report.losses))
    finite = [(i, v) for i, v in zip(steps, report.losses, strict=True) if math.isfinite(v)]
    if finite:
        xs, ys = zip(*finite, strict=True)
        axes.plot(xs, ys, color="#9bb7d4", linewidth=0.8, label="batch loss")
        if len(ys) >= 3:
            window = max(3, len(ys) // 20)
            axes.plot(
                xs,
                smooth(ys, window),
                color="#1f4e79",
                linewidth=1.8,
                label=f"rolling median ({window} steps)",
            )
    bad = [i for i, v in zip(steps, report.losses, strict=True) if not math.isfinite(v)]
    if bad:
        origin = report.non_finite
        where = "" if origin is None or origin.layer is None else f" (layer {origin.layer!r})"
        axes.axvline(
            bad[0], color="#c0392b", linewidth=1.5, label=f"non-finite at step {bad[0]}{where}"
        )
    if report.val_losses:
        every = max(1, report.steps_run // len(report.val_losses))
        val_steps = [
            min(report.steps_run, (i + 1) * every) - 1 for i in range(len(report.val_losses))
        ]
        axes.plot(
            val_steps,
            report.val_losses,
            "o-",
            color="#e67e22",
            markersize=3,
            label="validation loss",
        )
    if report.chance_loss is not None:
        axes.axhline(
            report.chance_loss,
            color="#7f8c8d",
            linestyle=":",
            label=f"chance level ({report.chance_loss:.3g})",
        )
    if report.verdict_step is not None and not report.healthy:
        axes.axvline(
            report.verdict_step,
            color="#c0392b",
            linestyle="--",
            linewidth=1,
            label=f"verdict at step {report.verdict_step}",
        )
    suggested = suggested_rate(report)
    if suggested is not None:
        configured = (
            "" if report.learning_rate is None else f" (trained at {report.learning_rate:.3g})"
        )
        axes.text(
            0.99,
            0.02,
            f"range test suggests a learning rate of {suggested:.2g}{configured}",
            transform=axes.transAxes,
            ha="right",
            va="bottom",
            fontsize=7,
            color="#c0392b",
        )
    if is_log_scale(report.losses):
        axes.set_yscale("log")
    verdict = "healthy" if report.healthy else "unhealthy"
    codes = ", ".join(report.codes[:4])
    axes.set_title(f"{verdict}{': ' + codes if codes and not report.healthy else ''}", fontsize=10)
    axes.set_xlabel("step")
    axes.set_ylabel("loss")
    axes.grid(alpha=0.3)
    axes.legend(fontsize=7, loc="best")
    figure.tight_layout()
    return figure
