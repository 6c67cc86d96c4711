"""``lrcheck run``: its options, running the script, and what it prints.

Exit status: 0 every watched fit trained healthily, 1 one did not, 2 the script could not be
run, raised an exception, or never called ``fit``.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from types import TracebackType

from pytest_lrcheck.cli_args import whole_number
from pytest_lrcheck.smoke.watch import FirstFitDone, RunWatch, WatchedFit

EXIT_HEALTHY, EXIT_UNHEALTHY, EXIT_ERROR = 0, 1, 2
DEFAULT_STEPS = 300


_steps = whole_number(10, "at least 10: fewer steps say nothing about the loss")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lrcheck run",
        description="Run a training script with every model.fit watched and capped to a few "
        "hundred steps, then diagnose its loss curve.  This executes the script.",
        epilog="Exit status: 0 healthy, 1 unhealthy training, 2 the script could not be run, "
        "failed, or never called fit.",
    )
    # Optional for argparse only, so that a missing script gets its own message (argparse
    # would also call the script's arguments required).
    parser.add_argument(
        "script", nargs="?", metavar="SCRIPT", help="the training script, run as __main__"
    )
    parser.add_argument(
        "args", nargs=argparse.REMAINDER, metavar="ARGS", help="the script's own arguments"
    )
    parser.add_argument(
        "--steps",
        type=_steps,
        default=DEFAULT_STEPS,
        help=f"training steps each fit may run [{DEFAULT_STEPS}]",
    )
    parser.add_argument(
        "--all-fits",
        action="store_true",
        help="go on through the script's later fits (and whatever it does after them) "
        "instead of stopping it when the first watched fit ends",
    )
    return parser


def main(argv: Sequence[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.script is None:
        parser.error("give the training script to run: lrcheck run SCRIPT [ARGS...]")
    script = args.script
    if not os.path.isfile(script):
        what = "a directory" if os.path.isdir(script) else "no such file"
        print(f"lrcheck run: error: {script}: {what}; give a Python script", file=sys.stderr)
        return EXIT_ERROR
    stops = "stopped when the first fit ends" if not args.all_fits else "run to its end"
    print(
        f"lrcheck run: executing {script} (its code runs as written); every model.fit is "
        f"watched and capped at {args.steps} steps, and the script is {stops}",
        file=sys.stderr,
        flush=True,
    )
    watch = RunWatch(script, steps=args.steps, all_fits=args.all_fits)
    try:
        failure = _execute(script, list(args.args), watch)
    except KeyboardInterrupt:
        return 130
    return _conclude(script, watch, failure, all_fits=args.all_fits)


def _execute(script: str, arguments: list[str], watch: RunWatch) -> str | None:
    """Run the script; None when it ended (or was stopped) normally, else why it failed."""
    import runpy

    saved_argv, saved_path = sys.argv[:], sys.path[:]
    sys.argv = [script, *arguments]
    sys.path.insert(0, os.path.dirname(os.path.abspath(script)))
    watch.start()
    try:
        runpy.run_path(script, run_name="__main__")
    except FirstFitDone:
        return None
    except SystemExit as exit_:
        if exit_.code in (None, 0):
            return None
        return f"the script exited with status {exit_.code}"
    except KeyboardInterrupt:
        raise
    except BaseException as error:  # the script's own failure, shown as Python would
        return _script_traceback(script, error)
    finally:
        watch.stop()
        sys.argv, sys.path[:] = saved_argv, saved_path
    return None


def _script_traceback(script: str, error: BaseException) -> str:
    """The traceback from the script's first frame on: lrcheck's and runpy's frames are not
    the user's business."""
    tb: TracebackType | None = error.__traceback__
    target = os.path.abspath(script)
    while tb is not None and os.path.abspath(tb.tb_frame.f_code.co_filename) != target:
        tb = tb.tb_next
    lines = traceback.format_exception(type(error), error, tb or error.__traceback__)
    return "the script raised an exception:\n" + "".join(lines).rstrip("\n")


def _conclude(script: str, watch: RunWatch, failure: str | None, *, all_fits: bool) -> int:
    for number, fit in enumerate(watch.fits, start=1):
        print(_describe(number, fit, watch.steps))
    if failure is not None:
        print(f"lrcheck run: error: {script}: {failure}", file=sys.stderr)
        return EXIT_ERROR
    if not watch.fits:
        print(
            f"lrcheck run: error: {script} ended without a watched model.fit, so there is "
            "nothing to diagnose (only Keras 3 models are watched, and a fit whose callbacks "
            "are not a list)",
            file=sys.stderr,
        )
        return EXIT_ERROR
    if not all_fits:
        print(
            "lrcheck run: the script was stopped after its first fit, before it could save or "
            "evaluate the capped model (--all-fits runs on)",
            file=sys.stderr,
        )
    unhealthy = [fit for fit in watch.fits if not fit.report.healthy]
    return EXIT_UNHEALTHY if unhealthy else EXIT_HEALTHY


def _describe(number: int, fit: WatchedFit, steps: int) -> str:
    ended = f"stopped at the {steps}-step cap" if fit.capped else "ended by the script's epochs"
    return f"fit {number} at {fit.where} ({ended}):\n{fit.report.explain()}"
