"""Failures found while hardening, each kept as a plain test of the behaviour that fixed it."""

from __future__ import annotations

import gc
import io
import json
import os
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from pytest_lrcheck.cli import main
from pytest_lrcheck.config import Config
from pytest_lrcheck.lint.api import lint_source
from pytest_lrcheck.lint.autofix import fix_data
from pytest_lrcheck.lint.engine import check_text, make_rules
from pytest_lrcheck.lint.facts import build_facts
from pytest_lrcheck.lint.findings import Finding, Span
from pytest_lrcheck.lint.notebook import check_notebook_bytes
from pytest_lrcheck.lint.rule import Report, Rule
from pytest_lrcheck.lint.source import parse_python, read_source
from pytest_lrcheck.output import render
from pytest_lrcheck.output.stream import write
from pytest_lrcheck.output.text import printable

RULES = make_rules()
BAD_LR = "import keras\nopt = keras.optimizers.Adam(learning_rate=5.0)\n"
SIGMOID_HEAD = (
    "from tensorflow import keras\n"
    "model = keras.Sequential([keras.Input(shape=(4,)), "
    "keras.layers.Dense(3, activation='sigmoid')])\n"
    "model.compile(optimizer='adam', loss='categorical_crossentropy')\n"
)


def codes(source: str) -> list[tuple[str, int]]:
    return [(f.code, f.span.line) for f in lint_source(source)]


# --- reading ------------------------------------------------------------------------------------
def test_only_regular_files_are_read(tmp_path: Path):
    with pytest.raises(IsADirectoryError, match="a directory, not a regular file"):
        read_source(tmp_path)
    if hasattr(os, "mkfifo"):  # reading a pipe would wait for a writer forever
        os.mkfifo(tmp_path / "pipe.py")
        with pytest.raises(OSError, match="a named pipe, not a regular file"):
            read_source(tmp_path / "pipe.py")
    (tmp_path / "real.py").write_bytes(b"x = 1\n")
    assert read_source(tmp_path / "real.py") == b"x = 1\n"


# --- parsing ------------------------------------------------------------------------------------
def test_compiler_warnings_about_the_code_neither_leak_nor_stop_the_check():
    # "\d" is a SyntaxWarning on Python 3.12 and `1()` one on 3.8+; with warnings as errors
    # (pytest's filterwarnings = error) the file used to be reported as unparsable.
    source = 'import re\npattern = re.compile("\\d+")\nx = 1()\n' + BAD_LR
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("error")
        assert codes(source) == [("LRC301", 5)]
        notebook = {"cells": [{"cell_type": "code", "metadata": {}, "source": source}]}
        result = check_notebook_bytes(json.dumps(notebook).encode(), "nb.ipynb", RULES)
        assert [(f.code, f.cell, f.span.line) for f in result.findings] == [("LRC301", 1, 5)]
        noisy_head = source.replace(BAD_LR, SIGMOID_HEAD)
        fixed = fix_data(noisy_head.encode(), "x.py", RULES, Config(), unsafe=True)
        assert [f.code for f in fixed.applied] == ["LRC101"]
        parse_python(source)
    assert caught == []


def test_code_nested_deeper_than_the_recursion_limit_is_still_analysed():
    # Python compiles a sum of 2,500 terms; the recursive analysis used to give up at ~490.
    deep = "total = " + " + ".join(["1"] * 2500) + "\n"
    assert codes(BAD_LR + deep) == [("LRC301", 2)]
    chained = "x = f(1)" + "(2)" * 1400 + "\n"
    assert codes(BAD_LR + chained) == [("LRC301", 2)]
    assert sys.getrecursionlimit() < 30_000  # raised only while the analysis ran


def test_deeply_nested_code_is_fixed_too():
    # libcst's tree walks ran out of stack at about 400 terms.
    deep = "total = " + " + ".join(["1"] * 800) + "\n"
    fixed = fix_data((SIGMOID_HEAD + deep).encode(), "x.py", RULES, Config(), unsafe=True)
    assert [f.code for f in fixed.applied] == ["LRC101"] and fixed.problems == ()
    assert "activation='softmax'" in fixed.fixed.decode()


def test_code_deeper_than_python_compiles_is_one_lrc000():
    (finding,) = check_text("import keras\nx = " + "-" * 20_000 + "1\n", "x.py", RULES).findings
    assert finding.code == "LRC000" and "nested too deeply" in finding.message


# --- models with many layers ------------------------------------------------------------------
def _model(source: str):
    (model,) = build_facts(parse_python(source)).models
    return model


def test_a_layer_added_twice_makes_the_model_incomplete():
    shared = "import keras\nd = keras.layers.Dense(3)\nm = keras.Sequential()\nm.add(d)\n"
    assert _model(shared).complete
    assert not _model(shared + "m.add(d)\n").complete


def test_a_layer_popped_and_added_again_is_not_shared():
    source = (
        "import keras\nd = keras.layers.Dense(3, activation='softmax')\nm = keras.Sequential()\n"
        "m.add(keras.layers.Dense(8, activation='relu'))\nm.add(d)\nm.pop()\nm.add(d)\n"
    )
    model = _model(source)
    assert model.complete and [layer.units for layer in model.layers] == [8, 3]


def test_a_model_with_thousands_of_add_calls_is_analysed_to_its_head():
    adds = "".join(
        f"m.add(keras.layers.Dense({n % 50 + 1}, activation='relu'))\n" for n in range(5000)
    )
    source = (
        "from tensorflow import keras\nm = keras.Sequential()\n"
        + adds
        + "m.add(keras.layers.Dense(10, activation='sigmoid'))\n"
        "m.compile(loss='categorical_crossentropy')\n"
    )
    assert codes(source) == [("LRC101", 5003)]


# --- output -------------------------------------------------------------------------------------
def test_control_characters_and_surrogates_are_shown_as_replacement_characters():
    assert printable("a\x1b[31mb\tc\x00\ud800\x85") == "a\ufffd[31mb\tc\ufffd\ufffd\ufffd"


def _finding(path: str, message: str = "m") -> Finding:
    return Finding(path, Span(1, 1, 1, 2), "LRC301", "learning-rate-too-high", message)


def test_a_stream_that_cannot_encode_gets_escapes_not_an_exception():
    stream = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    write("caf\u00e9 \udcff\n", stream)
    as_json = render([_finding("caf\u00e9_\udcff.py", "\u00e9t\u00e9 \U0001f600")], "json")
    write(as_json, stream, json_text=True)
    stream.flush()
    text, document = stream.buffer.getvalue().decode("ascii").split("\n", 1)  # type: ignore[attr-defined]
    assert text == "caf\\xe9 \\udcff"
    (record,) = json.loads(document)
    assert (
        record["path"] == "caf\u00e9_\udcff.py" and record["message"] == "\u00e9t\u00e9 \U0001f600"
    )


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="needs byte file names")
def test_a_file_name_that_is_not_utf8_works_in_every_format_and_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    name = os.fsdecode(b"caf\xe9.py")
    try:
        (tmp_path / name).write_text(BAD_LR, encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        pytest.skip("the file system refuses names that are not UTF-8")
    monkeypatch.chdir(tmp_path)
    for fmt in ("text", "concise", "json", "sarif", "github"):
        for _ in range(2):  # the second run answers from the cache
            assert main(["--output-format", fmt, "."]) == 1
            out, err = capsys.readouterr()
            assert err == "" and "LRC301" in out
    assert main(["--output-format", "sarif", "--no-cache", "."]) == 1
    uri = json.loads(capsys.readouterr().out)["runs"][0]["results"][0]["locations"][0]
    assert uri["physicalLocation"]["artifactLocation"]["uri"] == "caf%E9.py"


# --- the command ---------------------------------------------------------------------------------
def test_an_unexpected_error_is_one_line_and_exit_2(monkeypatch, capsys, tmp_path: Path):
    from pytest_lrcheck.lint import api

    def broken(*args: object, **kwargs: object) -> list[Path]:
        raise RuntimeError("the walk broke")

    monkeypatch.setattr(api, "collect_files", broken)
    assert main([str(tmp_path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("lrcheck: internal error: RuntimeError: the walk broke (at ")
    assert err.count("\n") == 1 and "Traceback" not in err


def test_a_crash_while_fixing_one_file_leaves_it_alone_and_fixes_the_others(
    monkeypatch, capsys, tmp_path: Path
):
    from pytest_lrcheck.lint import autofix

    (tmp_path / "a.py").write_text(SIGMOID_HEAD, encoding="utf-8")
    (tmp_path / "b.py").write_text(SIGMOID_HEAD, encoding="utf-8")
    real = autofix.fix_data

    def flaky(data: bytes, display: str, *args: object, **kwargs: object):
        if display.endswith("a.py"):
            raise KeyError("boom")
        return real(data, display, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(autofix, "fix_data", flaky)
    assert main(["--no-cache", "--unsafe-fixes", str(tmp_path)]) == 2
    out, err = capsys.readouterr()
    assert f"lrcheck: internal error: {tmp_path / 'a.py'}: fixing failed: KeyError: 'boom'" in err
    assert (tmp_path / "a.py").read_text(encoding="utf-8") == SIGMOID_HEAD
    assert "'softmax'" in (tmp_path / "b.py").read_text(encoding="utf-8")
    assert "a.py:2:" in out  # its finding is still reported


class _RecordsCollector(Rule):
    code = "LRC998"
    name = "records-collector"
    seen: ClassVar[list[bool]] = []

    def check(self, facts: object) -> Iterator[Report]:
        self.seen.append(gc.isenabled())
        return iter(())


def test_the_garbage_collector_pauses_during_a_file_and_resumes_after():
    # Paused: the analysis of a large file no longer grows faster than the file.
    assert gc.isenabled()
    check_text(BAD_LR, "x.py", [_RecordsCollector()])
    assert _RecordsCollector.seen == [False] and gc.isenabled()
    gc.disable()
    try:
        check_text(BAD_LR, "x.py", [_RecordsCollector()])
        assert not gc.isenabled()  # a caller's choice is kept
    finally:
        gc.enable()
