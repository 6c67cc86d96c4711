"""``lrcheck -`` and ``--stdin-filename``: check (or fix) source read from standard input.

As in ruff: the configuration is the one for ``--stdin-filename``, its per-file-ignores apply to
that name and, with ``--force-exclude``, so do the exclusions (an excluded name gets no findings,
and ``--fix`` gives the source back unchanged).  Findings name the file ``--stdin-filename`` gives,
or ``-``.  With ``--fix``, ``--unsafe-fixes`` or ``--fix-only`` the fixed source goes to standard
output and what is left to standard error; ``--diff`` prints the diff.  Nothing is written to disk.
"""

from __future__ import annotations

import argparse
import sys

from pytest_lrcheck.cli import (
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    UsageError,
    finish,
    fixing,
)
from pytest_lrcheck.config import Config


def run_stdin(args: argparse.Namespace, config: Config) -> int:
    if args.add_noqa:
        raise UsageError("--add-noqa edits files; it cannot take standard input")
    display = args.stdin_filename or "-"
    if args.show_files:
        print(display)
        return EXIT_CLEAN
    data = sys.stdin.buffer.read()
    if args.force_exclude and args.stdin_filename and _excluded(args, config):
        # Excluded: nothing to report (an empty report, so that a tool reading JSON gets
        # JSON), and with --fix the source back as it came.
        if fixing(args) and not args.diff:
            _echo(data)
            return EXIT_CLEAN
        return finish(args, [], None, [])
    from pytest_lrcheck.lint.engine import make_rules
    from pytest_lrcheck.lint.runner import check_data, keep_enabled
    from pytest_lrcheck.output.sources import SourceLines

    sources = SourceLines()
    sources.remember(display, data)
    rules = make_rules(config)
    if not fixing(args):
        result = keep_enabled(check_data(data, display, rules), config)
        return finish(args, [result], None, [], sources=sources)
    from pytest_lrcheck.cli_fix import FixReport
    from pytest_lrcheck.lint.autofix import fix_data

    try:
        fixed = fix_data(data, display, rules, config, unsafe=args.unsafe_fixes)
    except Exception as error:
        # A bug while fixing: an editor that takes standard output as the new buffer must get
        # the source back, not nothing.
        if not args.diff:
            _echo(data)
        print(f"lrcheck: internal error: {display}: fixing failed: {error!r}", file=sys.stderr)
        return EXIT_ERROR
    result = fixed.result
    if fixed.changed and args.diff:
        # What is left is what the input still says.
        result = keep_enabled(check_data(data, display, rules), config)
    report = FixReport(
        (result,), fixed.applied, int(fixed.changed), fixed.diff(), tuple(fixed.problems)
    )
    if args.diff:
        return finish(args, [result], report, report.problems, sources=sources)
    _echo(fixed.fixed)
    sources.remember(display, fixed.fixed)  # what is left points into the fixed source
    if not args.fix_only:
        # The fixed source took standard output: what is left is reported on standard error.
        return finish(args, [result], report, report.problems, sources=sources, stream=sys.stderr)
    for problem in report.problems:
        print(f"lrcheck: warning: {problem}", file=sys.stderr)
    return EXIT_FINDINGS if report.applied and args.exit_non_zero_on_fix else EXIT_CLEAN


def _excluded(args: argparse.Namespace, config: Config) -> bool:
    if config.is_excluded_with_parents(args.stdin_filename):
        return True
    if args.respect_gitignore:
        from pytest_lrcheck.lint.gitignore import is_ignored_with_parents

        return is_ignored_with_parents(args.stdin_filename)
    return False


def _echo(data: bytes) -> None:
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # a text-only stream
        stream.write(data.decode("utf-8", errors="surrogateescape"))
        return
    stream.flush()
    buffer.write(data)
    buffer.flush()
