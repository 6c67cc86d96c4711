"""The ``lrcheck`` command line: its options, with ruff's names where ruff has the same one."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from pytest_lrcheck import __version__
from pytest_lrcheck.output import FORMATS


def _codes(value: str) -> list[str]:
    return [part.strip().upper() for part in value.split(",") if part.strip()]


def _patterns(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


def whole_number(minimum: int, too_small: str) -> Callable[[str], int]:
    """An argparse type: a whole number of at least ``minimum``, else ``too_small`` says why."""

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
        if number < minimum:
            raise argparse.ArgumentTypeError(too_small)
        return number

    return parse


_jobs = whole_number(0, "must be 0 (automatic) or more")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lrcheck",
        description="Find the Keras/TensorFlow mistakes that make training fail silently.",
        epilog="Exit status: 0 no findings, 1 findings, 2 usage or internal error.  "
        "Also: 'lrcheck run SCRIPT [ARGS...]' trains a script briefly and diagnoses it; "
        "'lrcheck server' is the language server.",
    )
    add = parser.add_argument
    add(
        "paths",
        nargs="*",
        metavar="PATH",
        help="files or directories to check [.]; '-' reads the source from standard input",
    )
    add("--config", metavar="FILE", help="read settings from FILE instead of looking for one")
    add(
        "--stdin-filename",
        metavar="NAME",
        help="the name of the file read from standard input: the configuration, its "
        "per-file-ignores and exclusions apply to it, and findings name it",
    )
    _rule_selection(parser)
    _file_selection(parser)
    _output(parser)
    _fixes(parser)
    speed = parser.add_argument_group("cache and parallelism")
    speed.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    speed.add_argument(
        "--cache-dir", metavar="DIR", help="default: .lrcheck_cache next to the config"
    )
    speed.add_argument(
        "-j", "--jobs", type=_jobs, default=0, metavar="N", help="worker processes; 0: automatic"
    )
    speed.add_argument(
        "--no-follow-imports",
        action="store_true",
        help="check each file on its own, without reading the project modules it imports",
    )
    info = parser.add_argument_group("information")
    info.add_argument(
        "--explain", metavar="RULE", help="print the document of a rule, by code or by name"
    )
    info.add_argument("--list-rules", action="store_true", help="list every rule")
    info.add_argument(
        "--show-files", action="store_true", help="list the files that would be checked, and stop"
    )
    info.add_argument(
        "--show-settings",
        action="store_true",
        help="print the settings in effect (configuration and command line), and stop",
    )
    info.add_argument("-V", "--version", action="version", version=f"lrcheck {__version__}")
    return parser


def _rule_selection(parser: argparse.ArgumentParser) -> None:
    rules = parser.add_argument_group("rule selection")
    rules.add_argument(
        "--select",
        type=_codes,
        metavar="CODES",
        help="comma-separated codes or prefixes to check (e.g. LRC1,LRC301); as in ruff, it "
        "replaces the configured select, extend-select and ignore; default all",
    )
    rules.add_argument(
        "--extend-select", type=_codes, metavar="CODES", default=[], help="check these too"
    )
    rules.add_argument(
        "--ignore", type=_codes, metavar="CODES", default=[], help="codes or prefixes to skip"
    )


def _file_selection(parser: argparse.ArgumentParser) -> None:
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
    files.add_argument(
        "--respect-gitignore",
        dest="respect_gitignore",
        action="store_true",
        default=True,
        help="skip what .gitignore, .git/info/exclude and .ignore files ignore (the default)",
    )
    files.add_argument(
        "--no-respect-gitignore",
        dest="respect_gitignore",
        action="store_false",
        help="check ignored files too",
    )


def _output(parser: argparse.ArgumentParser) -> None:
    out = parser.add_argument_group("output")
    out.add_argument("--output-format", choices=FORMATS, default="text", help="default: text")
    out.add_argument(
        "-o", "--output-file", metavar="FILE", help="write the findings to FILE, not the terminal"
    )
    out.add_argument("--statistics", action="store_true", help="count findings by code")
    out.add_argument("-q", "--quiet", action="store_true", help="print findings only")
    out.add_argument("-e", "--exit-zero", action="store_true", help="exit 0 even with findings")
    out.add_argument(
        "--exit-non-zero-on-fix",
        action="store_true",
        help="exit 1 when fixes were applied, even if nothing is left",
    )


def _fixes(parser: argparse.ArgumentParser) -> None:
    fixes = parser.add_argument_group("fixes")
    fixes.add_argument("--fix", action="store_true", help="apply safe fixes to the files")
    fixes.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="apply unsafe fixes too, which change what the program does (implies --fix)",
    )
    fixes.add_argument(
        "--fix-only",
        action="store_true",
        help="apply fixes but neither report nor fail on what is left (implies --fix)",
    )
    fixes.add_argument(
        "--diff", action="store_true", help="print the fixes as a diff; write nothing"
    )
    fixes.add_argument(
        "--show-fixes", action="store_true", help="list the fixes applied, by file and code"
    )
    fixes.add_argument(
        "--add-noqa",
        action="store_true",
        help="add '# noqa: CODE' to every line with a finding, so that a new rule or a "
        "legacy project starts clean",
    )
