"""A line on the terminal while a training check runs.

A check trains for seconds (up to its time budget), and without a word the session looks hung.
The line goes through pytest's terminal reporter with output capture suspended for it, as
pytest's own live logging does.  Nothing is written under ``-q``, nor by a pytest-xdist worker,
whose output is not the user's terminal (the controller's summary counts its checks).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

# Told what is about to run and its limits: ("training check", " (up to 200 steps, ...)").
Progress = Callable[[str, str], None]


def progress_writer(config: pytest.Config, nodeid: str) -> Progress | None:
    """A function that announces a check of test ``nodeid``; None when nothing is shown."""
    if hasattr(config, "workerinput") or config.get_verbosity() < 0:
        return None
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    capture = config.pluginmanager.get_plugin("capturemanager")
    if reporter is None:
        return None

    def announce(what: str, limits: str) -> None:
        text = f"lrcheck: {what} of {nodeid} running{limits}"
        if capture is None:
            reporter.write_line(text)
            return
        with capture.global_and_fixture_disabled():
            reporter.write_line(text)

    return announce


def describe_check(kind: str, steps: object, max_seconds: object) -> tuple[str, str]:
    """What a check is about to do, in the words of the fixture's calls, and its limits."""
    what = {"check": "training check", "lr_range": "learning-rate range test"}.get(
        kind, "learning-rate check"
    )
    limits = [f"up to {steps} steps"] if steps is not None else []
    if max_seconds is not None:
        limits.append(f"{max_seconds} s budget")
    return what, f" ({', '.join(limits)})" if limits else ""
