"""The ``lrcheck`` command.  Exit status: 0 clean, 1 findings, 2 usage or internal error."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from pytest_lrcheck import __version__
from pytest_lrcheck.output import FORMATS, render

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class UsageError(Exception):
    """A mistake in how the command was called; printed without a traceback, exit 2."""


def _codes(value: str) -> list[str]:
    return [part.strip().upper() for part in value.split(",") if part.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lrcheck",
        description="Find the Keras/TensorFlow mistakes that make training fail silently.",
        epilog="Exit status: 0 no findings, 1 findings, 2 usage or internal error.",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or directories [.]")
    parser.add_argument(
        "--output-format", choices=FORMATS, default="text", help="how to print findings"
    )
    parser.add_argument(
        "--select",
        type=_codes,
        metavar="CODES",
        help="comma-separated codes or prefixes to check (e.g. LRC1,LRC301); default all",
    )
    parser.add_argument(
        "--ignore", type=_codes, metavar="CODES", default=[], help="codes or prefixes to skip"
    )
    parser.add_argument("--explain", metavar="CODE", help="print the document of a rule")
    parser.add_argument("--list-rules", action="store_true", help="list every rule")
    parser.add_argument("--version", action="version", version=f"lrcheck {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except UsageError as error:
        print(f"lrcheck: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_CLEAN


def _run(args: argparse.Namespace) -> int:
    from pytest_lrcheck.config import Config

    if args.explain:
        return _explain(args.explain)
    if args.list_rules:
        return _list_rules()
    known = _known_codes()
    for selector in [*(args.select or []), *args.ignore]:
        if selector != "ALL" and not any(code.startswith(selector) for code in known):
            raise UsageError(f"unknown rule code or prefix {selector!r} (see --list-rules)")
    config = Config(select=tuple(args.select or ("ALL",)), ignore=tuple(args.ignore))
    paths = args.paths or ["."]
    for path in paths:
        if not Path(path).exists():
            raise UsageError(f"no such file or directory: {path}")
    from pytest_lrcheck.lint.api import lint_results

    results = lint_results(paths, config=config)
    findings = [f for result in results for f in result.findings]
    errors = [e for result in results for e in result.internal_errors]
    output = render(findings, args.output_format)
    if args.output_format == "text":
        output += _summary(findings, len(results))
    sys.stdout.write(output)
    for error in errors:
        print(f"lrcheck: internal error: {error}", file=sys.stderr)
    if errors:
        return EXIT_ERROR
    return EXIT_FINDINGS if findings else EXIT_CLEAN


def _summary(findings: list, checked: int) -> str:
    if not findings:
        return "All checks passed!\n"
    fixable = sum(1 for f in findings if f.fix is not None)
    noun = "finding" if len(findings) == 1 else "findings"
    text = f"Found {len(findings)} {noun} in {checked} checked file(s)."
    if fixable:
        text += f" {fixable} with a fix (see --explain CODE)."
    return text + "\n"


def _known_codes() -> set[str]:
    from pytest_lrcheck.catalog import load_catalog
    from pytest_lrcheck.lint.registry import rule_names

    return {*rule_names(), *load_catalog()}


def _explain(code: str) -> int:
    from pytest_lrcheck.catalog import get_doc

    doc = get_doc(code)
    if doc is None:
        raise UsageError(f"unknown rule code {code!r} (see --list-rules)")
    sys.stdout.write(doc.text if doc.text.endswith("\n") else doc.text + "\n")
    return EXIT_CLEAN


def _list_rules() -> int:
    from pytest_lrcheck.catalog import load_catalog
    from pytest_lrcheck.lint.registry import all_rules, rule_names

    catalog = load_catalog()
    rules = all_rules()
    for code in sorted({*rule_names(), *catalog}):
        rule = rules.get(code)
        name = rule.name if rule else (catalog[code].name if code in catalog else "")
        kind = "runtime" if code.startswith("LRC5") else "static"
        fix = rule.fix_safety if rule and rule.fix_safety != "none" else "-"
        print(f"{code}  {name:<45} {kind:<8} fix: {fix}")
    return EXIT_CLEAN


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
