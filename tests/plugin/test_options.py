"""Settings of the lrcheck fixture: four sources, their precedence, and bad values from each.

The inner tests only read ``lrcheck.settings``, so nothing here trains or imports TensorFlow.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from pytest_lrcheck.plugin.options import SESSION_SPECS, SPECS, CheckSettings, OptionError
from pytest_lrcheck.plugin.values import (
    parse_directory,
    parse_positive_int,
    parse_positive_seconds,
    parse_seed,
    parse_switch,
)

SHOW_SETTINGS = """
import pytest

{marker}
def test_settings(lrcheck):
    s = lrcheck.settings
    print(f"\\nSETTINGS steps={{s.steps}} seed={{s.seed}} max_seconds={{s.max_seconds}}")
"""


def settings_test(pytester: pytest.Pytester, marker: str = "") -> None:
    pytester.makepyfile(test_settings=SHOW_SETTINGS.format(marker=marker))


def test_defaults_without_any_configuration(pytester: pytest.Pytester) -> None:
    settings_test(pytester)
    result = pytester.runpytest("-s")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*SETTINGS steps=200 seed=0 max_seconds=60.0"])


def test_ini_beats_default(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nlrcheck_steps = 40\nlrcheck_max_seconds = 2.5\n")
    settings_test(pytester)
    result = pytester.runpytest("-s")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*SETTINGS steps=40 seed=0 max_seconds=2.5"])


def test_command_line_beats_ini(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nlrcheck_steps = 40\nlrcheck_seed = 3\n")
    settings_test(pytester)
    result = pytester.runpytest("-s", "--lrcheck-steps", "30")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*SETTINGS steps=30 seed=3 max_seconds=60.0"])


def test_marker_beats_command_line_and_ini(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nlrcheck_steps = 40\nlrcheck_seed = 3\n")
    settings_test(pytester, marker="@pytest.mark.lrcheck(steps=12)")
    result = pytester.runpytest("-s", "--lrcheck-steps=30", "--lrcheck-max-seconds=9")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*SETTINGS steps=12 seed=3 max_seconds=9.0"])


def test_closest_marker_wins_per_knob(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        pytestmark = pytest.mark.lrcheck(steps=5, seed=8)

        @pytest.mark.lrcheck(steps=7)
        def test_settings(lrcheck):
            assert (lrcheck.settings.steps, lrcheck.settings.seed) == (7, 8)
        """
    )
    pytester.runpytest().assert_outcomes(passed=1)


def test_pyproject_ini_options_and_native_toml(pytester: pytest.Pytester) -> None:
    pytester.makepyprojecttoml('[tool.pytest.ini_options]\nlrcheck_seed = "11"\n')
    settings_test(pytester)
    result = pytester.runpytest("-s")
    result.stdout.fnmatch_lines(["*SETTINGS steps=200 seed=11 max_seconds=60.0"])


@pytest.mark.skipif(pytest.version_tuple < (9, 2), reason="typed ini values need pytest 9.2")
def test_native_toml_numbers(pytester: pytest.Pytester) -> None:
    pytester.makepyprojecttoml("[tool.pytest]\nlrcheck_steps = 25\nlrcheck_max_seconds = 4\n")
    settings_test(pytester)
    result = pytester.runpytest("-s")
    result.stdout.fnmatch_lines(["*SETTINGS steps=25 seed=0 max_seconds=4.0"])


@pytest.mark.parametrize(
    ("ini", "error"),
    [
        ("lrcheck_steps = abc", "ini option lrcheck_steps: expected a positive integer, got 'abc'"),
        ("lrcheck_steps = 0", "ini option lrcheck_steps: expected a positive integer, got '0'"),
        ("lrcheck_seed = -1", "ini option lrcheck_seed: expected a non-negative integer, got '-1'"),
        (
            "lrcheck_max_seconds = inf",
            "ini option lrcheck_max_seconds: expected a positive, finite number of seconds, "
            "got 'inf'",
        ),
    ],
)
def test_bad_ini_value_names_the_ini_option(
    pytester: pytest.Pytester, ini: str, error: str
) -> None:
    pytester.makeini(f"[pytest]\n{ini}\n")
    settings_test(pytester)
    result = pytester.runpytest()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([f"ERROR: {error}"])
    result.stderr.no_fnmatch_line("*Traceback*")


def test_bad_command_line_value_names_the_flag(pytester: pytest.Pytester) -> None:
    settings_test(pytester)
    result = pytester.runpytest("--lrcheck-max-seconds", "soon")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        [
            "ERROR: command line option --lrcheck-max-seconds: "
            "expected a positive, finite number of seconds, got 'soon'"
        ]
    )


def test_an_ini_value_the_command_line_overrides_is_never_read(
    pytester: pytest.Pytester,
) -> None:
    # The command line wins, so the broken ini value is never used: no error for it.
    pytester.makeini("[pytest]\nlrcheck_steps = abc\n")
    settings_test(pytester)
    result = pytester.runpytest("-s", "--lrcheck-steps=3")
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(["*SETTINGS steps=3 *"])


@pytest.mark.parametrize(
    ("marker", "error"),
    [
        (
            "@pytest.mark.lrcheck(steps=-5)",
            "@pytest.mark.lrcheck(steps=...): expected a positive integer, got -5",
        ),
        (
            "@pytest.mark.lrcheck(seed='x')",
            "@pytest.mark.lrcheck(seed=...): expected a non-negative integer, got 'x'",
        ),
        (
            "@pytest.mark.lrcheck(step=5)",
            "@pytest.mark.lrcheck(step=...): unknown option 'step'; "
            "expected one of steps, seed, max_seconds, strict",
        ),
        ("@pytest.mark.lrcheck(50)", "@pytest.mark.lrcheck(50,): takes keyword arguments only*"),
    ],
)
def test_bad_marker_errors_the_test_naming_the_marker(
    pytester: pytest.Pytester, marker: str, error: str
) -> None:
    settings_test(pytester, marker=marker)
    result = pytester.runpytest()
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines([error])
    result.stdout.no_fnmatch_line("*During handling*")
    result.stdout.no_fnmatch_line("*Traceback*")


def test_bad_fixture_keyword_fails_naming_the_call(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        def test_call(lrcheck):
            lrcheck.check(object(), [1], [1], steps="many")
        """
    )
    result = pytester.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["lrcheck(steps=...): expected a positive integer, got 'many'"])


def test_marker_is_registered_for_strict_markers(pytester: pytest.Pytester) -> None:
    settings_test(pytester, marker="@pytest.mark.lrcheck(seed=1)")
    pytester.runpytest("--strict-markers").assert_outcomes(passed=1)
    result = pytester.runpytest("--markers")
    result.stdout.fnmatch_lines(
        ["@pytest.mark.lrcheck(steps=N, seed=SEED, max_seconds=S, strict=BOOL):*"]
    )


def test_one_help_text_for_flag_and_ini_option(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "400")  # one line per option: no wrapping inside the help
    result = pytester.runpytest("--help")
    lines = result.stdout.lines

    def help_of(name: str) -> list[str]:
        # A long option name gets its help on the next line.
        return [
            " ".join(lines[i : i + 2])
            for i, line in enumerate(lines)
            if line.strip().split("=")[0].split(" ")[0] == name
        ]

    for spec in SPECS:
        for name in (spec.flag, spec.ini_name):
            found = help_of(name)
            assert len(found) == 1 and spec.help in found[0], (name, found)


def test_settings_merge_keeps_unset_knobs() -> None:
    base = CheckSettings(steps=10, seed=2, max_seconds=3.0)
    merged = base.merged({"seed": "4"}, lambda name: f"test({name})")
    assert merged == CheckSettings(steps=10, seed=4, max_seconds=3.0)
    with pytest.raises(OptionError, match=r"^test\(steps\): expected a positive integer"):
        base.merged({"steps": 1.5}, lambda name: f"test({name})")


@pytest.mark.parametrize("value", [True, 1.0, "1.5", "", None, [], -3, 0])
def test_positive_int_rejects(value: object) -> None:
    with pytest.raises(ValueError, match="expected a positive integer"):
        parse_positive_int(value)


@pytest.mark.parametrize(("value", "parsed"), [(3, 3), (" 7 ", 7), ("12", 12)])
def test_positive_int_accepts(value: object, parsed: int) -> None:
    assert parse_positive_int(value) == parsed


def test_seed_accepts_zero_and_seconds_accept_ints() -> None:
    assert parse_seed("0") == 0
    assert parse_positive_seconds(2) == 2.0
    assert parse_positive_seconds("0.25") == 0.25
    for bad in (math.nan, math.inf, -1, 0, "never", False):
        with pytest.raises(ValueError, match="positive, finite number of seconds"):
            parse_positive_seconds(bad)


def test_every_flag_has_an_ini_twin_with_the_same_help(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "400")
    lines = pytester.runpytest("--help").stdout.lines
    # An entry is its line and the next: a long name gets its help on the next line.
    entries = [" ".join(lines[i : i + 2]).strip() for i in range(len(lines))]
    flags = [entry for entry in entries if entry.startswith("--lrcheck")]
    inis = [entry for entry in entries if entry.startswith("lrcheck")]
    for spec in (*SESSION_SPECS, *SPECS):
        (flag,) = [f for f in flags if f.split(" ")[0].split("=")[0].rstrip(",") == spec.flag]
        (ini,) = [i for i in inis if i.split(" ")[0] == spec.ini_name]
        assert spec.help in flag and spec.help in ini, (flag, ini)
    # Every flag pytest shows for lrcheck is one of the specs: none is defined elsewhere.
    shown = {f.split(" ")[0].split("=")[0].rstrip(",") for f in flags}
    assert shown == {spec.flag for spec in (*SESSION_SPECS, *SPECS)}
    negated = {f"--no-{spec.flag[2:]}" for spec in SESSION_SPECS if spec.metavar is None}
    assert negated <= {part.rstrip(",") for flag in flags for part in flag.split(" ")}


SHOW_MODE = """
def test_mode(request):
    pass
"""


def test_ini_switches_turn_the_plugin_on(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nlrcheck = true\nlrcheck_strict = yes\n")
    pytester.makepyfile(test_mode=SHOW_MODE)
    result = pytester.runpytest("-v")
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(["lrcheck: lint + fit watch (strict); *", "*::LRCHECK PASSED*"])
    # The command line beats the ini file, both ways.
    result = pytester.runpytest("-v", "--no-lrcheck-strict")
    result.stdout.fnmatch_lines(["lrcheck: lint + fit watch; *"])
    result = pytester.runpytest("-v", "--no-lrcheck")
    result.assert_outcomes(passed=1)
    result.stdout.no_fnmatch_line("lrcheck:*")


@pytest.mark.skipif(pytest.version_tuple < (9, 2), reason="typed ini values need pytest 9.2")
def test_native_toml_switches(pytester: pytest.Pytester) -> None:
    pytester.makepyprojecttoml("[tool.pytest]\nlrcheck = true\nlrcheck_skip_training = false\n")
    pytester.makepyfile(test_mode=SHOW_MODE)
    result = pytester.runpytest("-v")
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(["lrcheck: lint + fit watch; *"])


def test_bad_ini_switch_names_the_ini_option(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nlrcheck_strict = maybe\n")
    pytester.makepyfile(test_mode=SHOW_MODE)
    result = pytester.runpytest()
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(
        ["ERROR: ini option lrcheck_strict: expected true or false, got 'maybe'"]
    )


def test_plots_directory_from_ini_is_relative_to_the_ini_file(pytester: pytest.Pytester) -> None:
    pytester.makeini("[pytest]\nlrcheck_plots = curves\n")
    pytester.makepyfile(test_mode=SHOW_MODE)
    elsewhere = pytester.mkdir("elsewhere")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(elsewhere)
        result = pytester.runpytest(
            f"--rootdir={pytester.path}", "-c", str(pytester.path / "tox.ini")
        )
        result.stdout.fnmatch_lines([f"lrcheck: plots to {pytester.path / 'curves'}; *"])
        # On the command line, relative to where pytest runs.
        result = pytester.runpytest(
            f"--rootdir={pytester.path}",
            "-c",
            str(pytester.path / "tox.ini"),
            "--lrcheck-plots=out",
        )
        result.stdout.fnmatch_lines([f"lrcheck: plots to {elsewhere / 'out'}; *"])


@pytest.mark.parametrize(
    ("value", "parsed"),
    [(True, True), (False, False), ("true", True), (" On ", True), ("0", False), ("no", False)],
)
def test_switch_values(value: object, parsed: bool) -> None:
    assert parse_switch(value) is parsed


@pytest.mark.parametrize("value", ["maybe", "", 1, None, "2"])
def test_switch_rejects(value: object) -> None:
    with pytest.raises(ValueError, match="expected true or false"):
        parse_switch(value)


def test_directory_values() -> None:
    assert parse_directory(" plots ") == Path("plots")
    for bad in ("", "   ", None, 3):
        with pytest.raises(ValueError, match="expected a directory"):
            parse_directory(bad)
