"""Running a recursive analysis on a deeper stack than the interpreter starts with.

Python compiles expressions nested about 3,000 levels deep (a generated sum of 2,000 terms, a
long chain of calls), but a recursive walk over such a tree exhausts the default recursion
limit of 1,000 frames long before that.  Raising the limit on the thread that runs the program
is unsafe (its C stack is fixed when it starts), so the work runs in a new thread whose stack is
made large enough for the limit it gets.  Only the rare file that needs it pays for the thread.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

# Frames allowed on the deep stack, and the stack that holds them with room to spare: a frame
# of the analysis costs well under 4 KiB of C stack (checked by the tests at this limit).
DEEP_RECURSION_LIMIT = 30_000
DEEP_STACK_BYTES = 256 * 1024 * 1024


class StackUnavailable(Exception):
    """No thread with a deep stack can be started here (a small address-space limit, a
    platform that does not let the stack size be set)."""


def call_with_deep_stack(function: Callable[..., T], *args: object) -> T:
    """``function(*args)`` on a thread with a large stack and a high recursion limit.

    Returns its result or raises what it raised.  The recursion limit is the interpreter's,
    so it is raised only while the thread runs and restored afterwards.  Raises
    `StackUnavailable` when no such thread can be started.
    """
    outcome: list[T] = []
    failure: list[BaseException] = []

    def target() -> None:
        try:
            outcome.append(function(*args))
        except BaseException as error:  # handed to the caller's thread below
            failure.append(error)

    thread = threading.Thread(target=target, name="lrcheck-deep-stack", daemon=True)
    previous_limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(previous_limit, DEEP_RECURSION_LIMIT))
    try:
        try:
            # The stack size applies to threads started from now on: only this one.
            previous_size = threading.stack_size(DEEP_STACK_BYTES)
            try:
                thread.start()
            finally:
                threading.stack_size(previous_size)
        except (RuntimeError, ValueError) as error:
            raise StackUnavailable(str(error)) from None
        thread.join()
    finally:
        sys.setrecursionlimit(previous_limit)
    if failure:
        raise failure[0]
    return outcome[0]
