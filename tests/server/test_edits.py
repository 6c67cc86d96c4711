"""The minimal edit between two texts: applied by an editor, it gives the new text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lsprotocol import types

from pytest_lrcheck.server.edits import minimal_change
from tests.server.lsp_client import apply_edit


def _apply(old: str, new: str) -> str:
    change = minimal_change(old, new, "utf-16")
    assert change is not None
    (start, end) = change.range
    edit = types.TextEdit(types.Range(types.Position(*start), types.Position(*end)), change.text)
    return apply_edit(old, edit)


def test_equal_texts_need_no_edit() -> None:
    assert minimal_change("same", "same", "utf-16") is None


def test_a_changed_word_is_replaced_whole() -> None:
    change = minimal_change(
        'Dense(3, activation="sigmoid")', 'Dense(3, activation="softmax")', "utf-16"
    )
    assert change is not None
    assert change.text == "softmax"
    assert change.range == ((0, 21), (0, 28))


def test_an_insertion_is_an_empty_range() -> None:
    change = minimal_change("np.argmax(p)", "np.argmax(p, axis=-1)", "utf-16")
    assert change is not None
    assert change.range == ((0, 11), (0, 11)) and change.text == ", axis=-1"


def test_positions_count_utf16_units_after_astral_characters() -> None:
    old = '# 😀 é\nx = "sigmoid"\n'
    new = '# 😀 é\nx = "softmax"\n'
    change = minimal_change(old, new, "utf-16")
    assert change is not None and change.range == ((1, 5), (1, 12))
    same_line = minimal_change('s = "😀"; a="sigmoid"', 's = "😀"; a="softmax"', "utf-16")
    assert same_line is not None and same_line.range == ((0, 13), (0, 20))


def test_a_crlf_pair_is_never_split() -> None:
    old, new = "a\r\nb\r\n", "a\r\nc\r\nb\r\n"
    change = minimal_change(old, new, "utf-16")
    assert change is not None
    assert _apply(old, new) == new
    for line, character in change.range:
        assert character == 0 or line == 0


def test_a_change_in_a_large_text_is_small() -> None:
    old = "x = 1\n" * 200_000 + 'y = "sigmoid"\n' + "z = 2\n" * 200_000
    new = old.replace("sigmoid", "softmax")
    change = minimal_change(old, new, "utf-16")
    assert change is not None and change.text == "softmax"
    assert change.range == ((200_000, 5), (200_000, 12))


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="ab_ 😀é\r\n(", max_size=30),
    st.text(alphabet="ab_ 😀é\r\n(", max_size=30),
)
def test_applying_the_edit_gives_the_new_text(old: str, new: str) -> None:
    if old != new:
        assert _apply(old, new) == new
