"""The pipeline: reading, parsing, positions, LRC000 and rule isolation."""

from __future__ import annotations

from collections.abc import Iterator

from pytest_lrcheck.lint.engine import check_bytes, check_text, make_rules
from pytest_lrcheck.lint.rule import Report, Rule

RULES = make_rules()
BAD = b"import keras\nopt = keras.optimizers.Adam(learning_rate=5.0)\n"


def codes(result) -> list[tuple[str, int]]:
    return [(f.code, f.span.line) for f in result.findings]


def test_files_without_keras_are_skipped_unparsed():
    result = check_bytes(b"def broken(:\n", "other.py", RULES)
    assert result.findings == () and result.skipped


def test_syntax_error_is_one_lrc000_at_its_line():
    result = check_bytes(b"import keras\n\nx = (1,\n", "bad.py", RULES)
    assert [f.code for f in result.findings] == ["LRC000"]
    assert "cannot parse" in result.findings[0].message


def test_python2_print_is_named():
    result = check_bytes(b"import keras\nprint 'hello'\n", "old.py", RULES)
    (finding,) = result.findings
    assert finding.span.line == 2 and "Python 2" in finding.message


def test_invalid_utf8_is_lrc000_naming_the_line():
    result = check_bytes(b"import keras\nname = '\xff'\n", "latin.py", RULES)
    (finding,) = result.findings
    assert finding.code == "LRC000" and "line 2" in finding.message


def test_coding_cookie_is_honoured():
    data = b"# -*- coding: latin-1 -*-\nimport keras\nname = '\xe9'\n" + BAD
    assert codes(check_bytes(data, "latin.py", RULES)) == [("LRC301", 5)]


def test_bom_is_accepted():
    assert codes(check_bytes(b"\xef\xbb\xbf" + BAD, "bom.py", RULES)) == [("LRC301", 2)]


def test_nul_bytes_are_lrc000():
    result = check_bytes(b"import keras\x00\n", "nul.py", RULES)
    assert [f.code for f in result.findings] == ["LRC000"]


def test_deep_nesting_is_lrc000_not_a_crash():
    deep = "import keras\nx = " + "-" * 200_000 + "1\n"
    result = check_text(deep, "deep.py", RULES)
    assert [f.code for f in result.findings] == ["LRC000"]


def test_columns_count_characters_not_bytes():
    source = "import keras\nnote = 'été'; opt = keras.optimizers.Adam(learning_rate=5.0)\n"
    (finding,) = check_text(source, "x.py", RULES).findings
    line = source.splitlines()[1]
    assert finding.span.column == line.index("5.0") + 1
    assert finding.span.end_column == line.index("5.0") + 4


class _Broken(Rule):
    code = "LRC999"
    name = "broken"

    def check(self, facts) -> Iterator[Report]:
        raise KeyError("boom")


def test_a_failing_rule_is_reported_and_the_others_still_run():
    result = check_text(BAD.decode(), "x.py", [_Broken(), *RULES])
    assert codes(result) == [("LRC301", 2)]
    assert len(result.internal_errors) == 1 and "LRC999" in result.internal_errors[0]


def test_findings_are_sorted_and_unique():
    source = BAD.decode() + "other = keras.optimizers.SGD(learning_rate=-1)\n"
    result = check_text(source, "x.py", RULES)
    assert codes(result) == [("LRC301", 2), ("LRC301", 3)]
