"""The ``lrcheck`` command.  Exit status: 0 clean, 1 findings, 2 usage or internal error."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pytest_lrcheck import __version__
from pytest_lrcheck.output import FORMATS
from pytest_lrcheck.output.sanitize import printable
from pytest_lrcheck.output.stream import OutputError

if TYPE_CHECKING:
    from pytest_lrcheck.cli_fix import FixReport
    from pytest_lrcheck.config import Config
    from pytest_lrcheck.lint.findings import Finding

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    """A mistake in how the command was called; printed without a traceback, exit 2."""


def _codes(value: str) -> list[str]:
    return [part.strip().upper() for part in value.split(",") if part.strip()]


def _patterns(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def _jobs(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if number < 0:
        raise argparse.ArgumentTypeError("must be 0 (automatic) or more")
    return number


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lrcheck",
        description="Find the Keras/TensorFlow mistakes that make training fail silently.",
        epilog="Exit status: 0 no findings, 1 findings, 2 usage or internal error.",
    )
    add = parser.add_argument
    add("paths", nargs="*", metavar="PATH", help="files or directories to check [.]")
    add("--config", metavar="FILE", help="read settings from FILE instead of looking for one")
    rules = parser.add_argument_group("rule selection")
    rules.add_argument(
        "--select",
        type=_codes,
        metavar="CODES",
        help="comma-separated codes or prefixes to check (e.g. LRC1,LRC301), replacing the "
        "configured selection; default all",
    )
    rules.add_argument(
        "--extend-select", type=_codes, metavar="CODES", default=[], help="check these too"
    )
    rules.add_argument(
        "--ignore", type=_codes, metavar="CODES", default=[], help="codes or prefixes to skip"
    )
    files = parser.add_argument_group("file selection")
    files.add_argument(
        "--exclude", type=_patterns, metavar="GLOBS", help="replace the excluded paths"
    )
    files.add_argument(
        "--extend-exclude", type=_patterns, metavar="GLOBS", default=[], help="exclude more paths"
    )
    files.add_argument(
        "--force-exclude",
        action="store_true",
        help="apply the exclusions to files named on the command line too (for pre-commit)",
    )
    out = parser.add_argument_group("output")
    out.add_argument("--output-format", choices=FORMATS, default="text", help="default: text")
    out.add_argument("--statistics", action="store_true", help="count findings by code")
    out.add_argument("-q", "--quiet", action="store_true", help="print findings only")
    out.add_argument("--exit-zero", action="store_true", help="exit 0 even with findings")
    fixes = parser.add_argument_group("fixes")
    fixes.add_argument("--fix", action="store_true", help="apply safe fixes to the files")
    fixes.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="apply unsafe fixes too, which change what the program does (implies --fix)",
    )
    fixes.add_argument(
        "--diff", action="store_true", help="print the fixes as a diff; write nothing"
    )
    speed = parser.add_argument_group("cache and parallelism")
    speed.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    speed.add_argument(
        "--cache-dir", metavar="DIR", help="default: .lrcheck_cache next to the config"
    )
    speed.add_argument(
        "-j", "--jobs", type=_jobs, default=0, metavar="N", help="worker processes; 0: automatic"
    )
    info = parser.add_argument_group("information")
    info.add_argument("--explain", metavar="CODE", help="print the document of a rule")
    info.add_argument("--list-rules", action="store_true", help="list every rule")
    info.add_argument("--version", action="version", version=f"lrcheck {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    if list(sys.argv[1:2] if argv is None else argv[:1]) == ["server"]:
        from pytest_lrcheck.server import main as serve

        return serve(sys.argv[2:] if argv is None else argv[1:])
    parser = build_parser()
    args = parser.parse_args(argv)
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
    if args.statistics and args.output_format in ("sarif", "github"):
        raise UsageError(f"--statistics prints text or json, not {args.output_format}")
    paths = args.paths or ["."]
    for path in paths:
        # A dangling link, a link loop or a path lrcheck may not look at exists, and is
        # reported as a file that cannot be read (LRC000) while the other paths are checked.
        try:
            os.lstat(path)
        except (FileNotFoundError, NotADirectoryError):
            raise UsageError(f"no such file or directory: {printable(path)}") from None
        except OSError:
            pass
    config = _config(args, paths)
    if args.list_rules:
        return _print(cli_info.list_rules(config, args.output_format), args.output_format)
    from pytest_lrcheck.lint.api import collect_files
    from pytest_lrcheck.lint.runner import run

    files = collect_files(paths, config, force_exclude=args.force_exclude)
    cache_dir = None
    if not args.no_cache:
        cache_dir = Path(args.cache_dir) if args.cache_dir else config.effective_cache_dir()
    outcome = run(files, config, jobs=args.jobs or None, cache_dir=cache_dir)
    results = list(outcome.results)
    warnings = list(outcome.warnings)
    fixing = args.fix or args.unsafe_fixes or args.diff
    report = None
    if fixing:
        from pytest_lrcheck.cli_fix import apply

        report = apply(results, config, unsafe=args.unsafe_fixes, write=not args.diff)
        results = list(report.results)
        warnings.extend(report.problems)
    findings = [f for result in results for f in result.findings]
    errors = [e for result in results for e in result.internal_errors]
    if args.diff:
        assert report is not None
        _write(report.diff)
        if not args.quiet:
            print(report.would_fix_summary(), file=sys.stderr)
    else:
        _show(args, findings, len(results), report, failed=len(errors))
    for warning in warnings:
        print(f"lrcheck: warning: {printable(warning)}", file=sys.stderr)
    for error in errors:
        print(f"lrcheck: internal error: {printable(error)}", file=sys.stderr)
    if errors:
        return EXIT_ERROR
    if args.diff:
        assert report is not None
        return EXIT_FINDINGS if report.applied and not args.exit_zero else EXIT_CLEAN
    return EXIT_FINDINGS if findings and not args.exit_zero else EXIT_CLEAN


def _config(args: argparse.Namespace, paths: Sequence[str]) -> Config:
    """The configuration for ``paths`` with the command line's rule and file options on top:
    ``--select`` replaces the selection, ``--extend-select`` and ``--ignore`` add to it."""
    from pytest_lrcheck.config import ConfigError, check_selectors, load_config

    try:
        config = load_config(paths, args.config)
        select, extend_select, ignore = config.select, config.extend_select, config.ignore
        if args.select is not None:
            select, extend_select = check_selectors(args.select, "--select", required=True), ()
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


def _color() -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout is not None and sys.stdout.isatty()


def _show(
    args: argparse.Namespace,
    findings: list[Finding],
    checked: int,
    report: FixReport | None,
    *,
    failed: int = 0,
) -> None:
    from pytest_lrcheck.output import render

    fmt = args.output_format
    if args.statistics:
        from pytest_lrcheck.output.statistics import render_statistics

        _write(render_statistics(findings, "json" if fmt == "json" else "text"), fmt)
        return
    color = _color() if fmt in ("text", "concise") else False
    output = render(findings, fmt, color=color)
    if fmt in ("text", "concise") and not args.quiet:
        if output and fmt == "text":
            output += "\n"
        output += _summary(findings, checked, report, failed)
    _write(output, fmt)


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


def _print(text: str, fmt: str = "text") -> int:
    _write(text if text.endswith("\n") else text + "\n", fmt)
    return EXIT_CLEAN


def _write(text: str, fmt: str = "text") -> None:
    from pytest_lrcheck.output.stream import write

    write(text, sys.stdout, json_text=fmt in ("json", "sarif"))


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
