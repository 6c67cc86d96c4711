"""Running the analysis on a deep stack: results and errors come back, the limit is restored."""

from __future__ import annotations

import sys
import threading

import pytest

from pytest_lrcheck.lint.deep_stack import DEEP_RECURSION_LIMIT, call_with_deep_stack


def depth(n: int) -> int:
    return n if n == 0 else 1 + depth(n - 1)


def test_recursion_too_deep_for_the_caller_runs_on_the_deep_stack():
    too_deep = sys.getrecursionlimit() * 5
    with pytest.raises(RecursionError):
        depth(too_deep)
    assert call_with_deep_stack(depth, too_deep) == too_deep


def test_errors_come_back_to_the_caller_and_the_limit_is_restored():
    before = sys.getrecursionlimit()
    with pytest.raises(RecursionError):
        call_with_deep_stack(depth, DEEP_RECURSION_LIMIT * 2)
    with pytest.raises(KeyError, match="boom"):
        call_with_deep_stack({}.__getitem__, "boom")
    assert sys.getrecursionlimit() == before


def test_recursion_through_c_code_ends_in_recursion_error_not_a_crash():
    # Each level passes through C (map, sorted), which costs the most stack per frame: the
    # stack must be large enough for the whole limit, or the process would die.
    def through_map(n: int) -> list[int]:
        return list(map(through_map, [n + 1]))

    def through_sorted(n: int) -> list[int]:
        return sorted([n], key=through_sorted)

    for function in (through_map, through_sorted):
        with pytest.raises(RecursionError):
            call_with_deep_stack(function, 0)


def test_threads_started_afterwards_get_the_default_stack_size():
    before = threading.stack_size()
    call_with_deep_stack(depth, 10)
    assert threading.stack_size() == before


def test_without_a_deep_stack_deep_code_is_one_lrc000(monkeypatch: pytest.MonkeyPatch):
    from pytest_lrcheck.lint.deep_stack import StackUnavailable
    from pytest_lrcheck.lint.engine import check_text, make_rules

    def cannot_start(self: threading.Thread) -> None:
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(threading.Thread, "start", cannot_start)
    with pytest.raises(StackUnavailable, match="can't start new thread"):
        call_with_deep_stack(depth, 10)
    source = "import keras\nx = " + " + ".join(["1"] * 2500) + "\n"
    (finding,) = check_text(source, "deep.py", make_rules()).findings
    assert finding.code == "LRC000"
    assert finding.message == "expressions nested too deeply to analyse; the file was not checked"
