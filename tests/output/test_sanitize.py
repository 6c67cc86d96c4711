"""Text from files and file names reaches a terminal harmless, and JSON keeps the data."""

from __future__ import annotations

import json

import pytest

from pytest_lrcheck.lint.findings import Finding, Span
from pytest_lrcheck.output import render
from pytest_lrcheck.output.sanitize import json_safe, printable, printable_lines

HOSTILE = "x\x1b[2J\x07\u202egnp\u2066\u2069\u2028\x9b.py"


def test_controls_bidi_and_separators_become_one_replacement_each():
    shown = printable(HOSTILE)
    assert shown == "x\ufffd[2J\ufffd\ufffdgnp\ufffd\ufffd\ufffd\ufffd.py"
    assert len(shown) == len(HOSTILE) and printable("a\tb") == "a\tb"


def test_lines_keep_their_endings_and_lose_the_rest():
    assert printable_lines("-a\x1b\r\n+b\n c") == "-a\ufffd\r\n+b\n c"
    assert printable_lines("--- new\x0aline.py\n") == "--- new\nline.py\n"


def test_json_escapes_what_it_would_write_raw_and_reads_back_the_same():
    text = json.dumps({"path": HOSTILE}, ensure_ascii=False)
    safe = json_safe(text)
    assert all(ch not in safe for ch in "\x9b\u202e\u2066\u2028")
    assert json.loads(safe) == {"path": HOSTILE}


@pytest.mark.parametrize("fmt", ["text", "concise", "github", "json", "sarif"])
def test_no_format_prints_an_unsafe_character(fmt: str):
    finding = Finding(HOSTILE, Span(1, 1, 1, 2), "LRC201", "n", f"bad {HOSTILE}", "warning")
    output = render([finding], fmt)
    assert printable_lines(output) == output
    if fmt == "json":
        assert json.loads(output)[0]["message"] == f"bad {HOSTILE}"
    if fmt == "sarif":
        assert json.loads(output)["runs"][0]["results"][0]["message"]["text"] == f"bad {HOSTILE}"
