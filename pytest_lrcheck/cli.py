"""The ``lrcheck`` command.  Exit status: 0 clean, 1 findings, 2 usage or internal error."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from pytest_lrcheck.cli_args import build_parser
from pytest_lrcheck.output.sanitize import printable
from pytest_lrcheck.output.stream import OutputError

if TYPE_CHECKING:
    from pytest_lrcheck.cli_fix import FixReport
    from pytest_lrcheck.config import Config
    from pytest_lrcheck.lint.engine import FileResult
    from pytest_lrcheck.lint.findings import Finding
    from pytest_lrcheck.output.sources import SourceLines

__all__ = ["EXIT_CLEAN", "EXIT_ERROR", "EXIT_FINDINGS", "UsageError", "build_parser", "main"]

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
# Sub-commands: the first argument, dispatched before the linter's options are parsed.
_COMMANDS = ("server", "run")


class UsageError(Exception):
    """A mistake in how the command was called; printed without a traceback, exit 2."""


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["server"]:
        from pytest_lrcheck.server import main as serve

        return serve(arguments[1:])
    if arguments[:1] == ["run"]:
        from pytest_lrcheck.smoke.command import main as smoke

        return smoke(arguments[1:])
    parser = build_parser()
    args = parser.parse_args(arguments)
    try:
        return _run(args)
    except UsageError as error:
        print(f"lrcheck: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except OutputError as error:
        print(f"lrcheck: error: {error}", file=sys.stderr)
        _detach_stdout()
        return EXIT_ERROR
    except BrokenPipeError:
        # The reader went away (``lrcheck | head``): stop quietly, and keep Python from
        # complaining when it flushes stdout at exit.
        _detach_stdout()
        return EXIT_CLEAN
    except Exception as error:
        # Files are isolated from each other's failures; this is the last line for a bug
        # outside them.  One line that can be reported, not a traceback.
        print(f"lrcheck: internal error: {_describe(error)}", file=sys.stderr)
        return EXIT_ERROR


def _detach_stdout() -> None:
    """Point stdout at the null device, so that Python's flush at exit cannot fail again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _describe(error: Exception) -> str:
    import traceback

    frames = traceback.extract_tb(error.__traceback__)
    where = f" (at {Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
    return f"{type(error).__name__}: {error}{where}; please report this with the command run"


def _run(args: argparse.Namespace) -> int:
    from pytest_lrcheck import cli_info

    if args.explain:
        return _print(cli_info.explain(args.explain, args.output_format), args.output_format)
    stdin = _reads_stdin(args)
    paths = [args.stdin_filename or "-"] if stdin else (args.paths or ["."])
    if not stdin:
        for path in paths:
            # A dangling link, a link loop or a path lrcheck may not look at exists, and is
            # reported as a file that cannot be read (LRC000) while the other paths are checked.
            try:
                os.lstat(path)
            except (FileNotFoundError, NotADirectoryError):
                raise UsageError(f"no such file or directory: {printable(path)}") from None
            except OSError:
                pass
    config = _config(args, [] if paths == ["-"] else paths)
    if args.list_rules:
        return _print(cli_info.list_rules(config, args.output_format), args.output_format)
    if args.show_settings:
        return _print(cli_info.show_settings(config, args))
    if stdin:
        from pytest_lrcheck.cli_stdin import run_stdin

        return run_stdin(args, config)
    from pytest_lrcheck.lint.api import collect_files
    from pytest_lrcheck.lint.runner import run

    files = collect_files(
        paths,
        config,
        force_exclude=args.force_exclude,
        respect_gitignore=args.respect_gitignore,
    )
    if args.show_files:
        return _print("".join(f"{path}\n" for path in sorted(map(str, files))))
    cache_dir = None
    if not args.no_cache:
        cache_dir = Path(args.cache_dir) if args.cache_dir else config.effective_cache_dir()
    outcome = run(
        files,
        config,
        jobs=args.jobs or None,
        cache_dir=cache_dir,
        follow_imports=config.follow_imports and not args.no_follow_imports,
    )
    if args.add_noqa:
        from pytest_lrcheck.cli_noqa import add_noqa

        return add_noqa(outcome.results, quiet=args.quiet)
    report = None
    results = list(outcome.results)
    warnings = list(outcome.warnings)
    if fixing(args):
        from pytest_lrcheck.cli_fix import apply

        report = apply(results, config, unsafe=args.unsafe_fixes, write=not args.diff)
        results = list(report.results)
        warnings.extend(report.problems)
    return finish(args, results, report, warnings)


def _reads_stdin(args: argparse.Namespace) -> bool:
    """``lrcheck -`` reads standard input, as does ``--stdin-filename`` without paths (ruff)."""
    if "-" in args.paths:
        if len(args.paths) > 1:
            raise UsageError("'-' (standard input) cannot be combined with other paths")
        return True
    return bool(args.stdin_filename) and not args.paths


def fixing(args: argparse.Namespace) -> bool:
    return bool(args.fix or args.unsafe_fixes or args.diff or args.fix_only)


def finish(
    args: argparse.Namespace,
    results: Sequence[FileResult],
    report: FixReport | None,
    warnings: Sequence[str],
    *,
    sources: SourceLines | None = None,
    stream: TextIO | None = None,
) -> int:
    """Print what the run found (and fixed), its warnings and errors; the exit status.

    ``sources`` holds text that is not on disk (standard input); ``stream`` replaces standard
    output (when the fixed source of standard input takes it)."""
    findings = [f for result in results for f in result.findings]
    errors = [e for result in results for e in result.internal_errors]
    with _report_stream(args, stream) as out:
        if args.diff:
            assert report is not None
            out.write(report.diff)
            if not args.quiet:
                hidden = () if args.unsafe_fixes else findings
                print(report.would_fix_summary(hidden), file=sys.stderr)
        elif args.fix_only:
            assert report is not None
            if not args.quiet:
                out.write(report.fixed_summary())
        else:
            out.write(_report(args, findings, len(results), report, sources, failed=len(errors)))
        if args.show_fixes and report is not None and not args.diff:
            out.write(report.show_fixes())
    for warning in warnings:
        print(f"lrcheck: warning: {printable(warning)}", file=sys.stderr)
    for error in errors:
        print(f"lrcheck: internal error: {printable(error)}", file=sys.stderr)
    if errors:
        return EXIT_ERROR
    applied = bool(report is not None and report.applied)
    if args.diff:
        return EXIT_FINDINGS if applied and not args.exit_zero else EXIT_CLEAN
    if applied and args.exit_non_zero_on_fix:
        return EXIT_FINDINGS
    if args.fix_only:
        return EXIT_CLEAN
    return EXIT_FINDINGS if findings and not args.exit_zero else EXIT_CLEAN


def _config(args: argparse.Namespace, paths: Sequence[str]) -> Config:
    """The configuration for ``paths`` with the command line's rule and file options on top.

    As in ruff, the command line is a later layer: its ``--select`` replaces the configured
    ``select``, ``extend-select`` and ``ignore``; without it, ``--extend-select`` and
    ``--ignore`` add to them."""
    from pytest_lrcheck.config import ConfigError, check_selectors, load_config

    try:
        config = load_config(paths, args.config)
        select, extend_select, ignore = config.select, config.extend_select, config.ignore
        if args.select is not None:
            select, extend_select, ignore = (
                check_selectors(args.select, "--select", required=True),
                (),
                (),
            )
        extend_select += check_selectors(args.extend_select, "--extend-select")
        ignore += check_selectors(args.ignore, "--ignore")
    except ConfigError as error:
        raise UsageError(str(error)) from None
    exclude = tuple(args.exclude) if args.exclude is not None else config.exclude
    return dataclasses.replace(
        config,
        select=select,
        extend_select=extend_select,
        ignore=ignore,
        exclude=exclude,
        extend_exclude=(*config.extend_exclude, *args.extend_exclude),
    )


def _color(args: argparse.Namespace) -> bool:
    if args.output_file:
        return False
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout is not None and sys.stdout.isatty()


def _report(
    args: argparse.Namespace,
    findings: list[Finding],
    checked: int,
    report: FixReport | None,
    sources: SourceLines | None,
    *,
    failed: int = 0,
) -> str:
    from pytest_lrcheck.output import render

    fmt = args.output_format
    if args.statistics:
        from pytest_lrcheck.output.statistics import render_statistics

        return render_statistics(findings, fmt)
    color = _color(args) if fmt in ("text", "concise") else False
    output = render(findings, fmt, color=color, sources=sources)
    if fmt in ("text", "concise") and not args.quiet:
        if output and fmt == "text":
            output += "\n"
        output += _summary(findings, checked, report, failed)
    return output


def _summary(
    findings: list[Finding], checked: int, report: FixReport | None, failed: int = 0
) -> str:
    fixed = len(report.applied) if report is not None else 0
    if fixed:
        total = fixed + len(findings)
        noun = "finding" if total == 1 else "findings"
        return (
            f"Found {total} {noun} in {checked} checked file(s) "
            f"({fixed} fixed, {len(findings)} remaining).\n"
        )
    if not findings and failed:
        return f"No findings, but {failed} of {checked} file(s) could not be checked.\n"
    if not findings:
        return "All checks passed!\n"
    noun = "finding" if len(findings) == 1 else "findings"
    text = f"Found {len(findings)} {noun} in {checked} checked file(s)."
    safe = sum(1 for f in findings if f.fix is not None and f.fix.safety == "safe")
    unsafe = sum(1 for f in findings if f.fix is not None and f.fix.safety == "unsafe")
    if safe:
        text += f"\n[*] {safe} fixable with --fix."
    if unsafe:
        text += f"\n{unsafe} more fixable with --unsafe-fixes (they change what the code does)."
    return text + "\n"


class _Output:
    """Where the report goes: standard output, or ``--output-file``."""

    def __init__(self, stream: TextIO, fmt: str) -> None:
        self.stream, self.fmt = stream, fmt

    def write(self, text: str) -> None:
        from pytest_lrcheck.output.stream import write

        write(text, self.stream, json_text=self.fmt in ("json", "sarif"))


@contextmanager
def _report_stream(args: argparse.Namespace, stream: TextIO | None) -> Iterator[_Output]:
    """``--output-file``, created with its directory, or ``stream``, or standard output."""
    path: str | None = args.output_file
    if path is None:
        yield _Output(stream or sys.stdout, args.output_format)
        return
    try:
        parent = os.path.dirname(path)
        if parent:
            os.makedirs(parent, exist_ok=True)
        file = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed by the with below
    except OSError as error:
        reason = error.strerror or str(error)
        raise UsageError(f"cannot write the output file {path}: {reason}") from None
    with file:
        yield _Output(file, args.output_format)


def _print(text: str, fmt: str = "text") -> int:
    _write(text if text.endswith("\n") or not text else text + "\n", fmt)
    return EXIT_CLEAN


def _write(text: str, fmt: str = "text") -> None:
    from pytest_lrcheck.output.stream import write

    write(text, sys.stdout, json_text=fmt in ("json", "sarif"))


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
