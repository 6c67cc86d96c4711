"""Inputs of the classes of faults that cost users bytes or hung the linter, as strategies.

Python programs with form feeds (alone on a line, starting a statement), U+2028, U+0085 and
vertical tabs inside comments and strings, CR-only line endings, whitespace-only lines at the
end, and big integers (``10**400``, ``9**9**9``, a 400-digit literal, ``1e308 * 10``).
Notebooks written the ways real files are: tab or no indentation, compact separators, CR-only
line endings, a BOM, ASCII escapes, metadata with numbers Python reads as ``inf`` and with
duplicate keys, a source split into single characters, indented cells, and magic lines with a
line separator inside.  The properties: checking never fails, and a fix changes only the bytes
of what it fixes (`check_layout_kept`, `check_notebook_text_kept`).
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

from pytest_lrcheck.lint.autofix import fix_data
from pytest_lrcheck.lint.notebook_map import map_notebook
from pytest_lrcheck.lint.source import lines_with_ends
from tests.hardening.mutations import mutated_programs
from tests.hardening.notebooks import notebooks
from tests.hardening.properties import CONFIG, RULES
from tests.hardening.source_edits import Draw

SEPARATORS = ("\x0c", "\u2028", "\x85", "\x0b")
BIG_NUMBERS = ("10**400", "9**9**9", "10**10**8", "1" + "0" * 400, "1e308 * 10", "2**1024 / 3")


@st.composite
def hostile_programs(draw: Draw) -> str:
    source = draw(mutated_programs(max_mutations=2))
    for _ in range(draw(st.integers(1, 3))):
        source = _noise(source, draw)
    return source


def _noise(source: str, draw: Draw) -> str:
    lines = lines_with_ends(source)
    if not lines:
        return source
    number = draw(st.integers(0, len(lines) - 1))
    line = lines[number]
    choice = draw(st.integers(0, 5))
    if choice == 0:  # a form feed that starts a line (and the statement on it)
        lines[number] = "\x0c" + line
    elif choice == 1:  # a separator inside a comment or a string
        separator = draw(st.sampled_from(SEPARATORS))
        text = draw(st.sampled_from([f"# a{separator}b\n", f'note = "a{separator}b"\n']))
        lines.insert(number, text)
    elif choice == 2:
        return source.replace("\r\n", "\n").replace("\n", "\r")
    elif choice == 3:
        return source + draw(st.sampled_from(["\n\t\n\t", "\n \n", "\x0c\n", "\n\n  "]))
    elif choice == 4:  # a big number where a number was
        digits = [i for i, ch in enumerate(line) if ch.isdigit()]
        if digits:
            at = digits[draw(st.integers(0, len(digits) - 1))]
            lines[number] = (
                line[:at] + "(" + draw(st.sampled_from(BIG_NUMBERS)) + ")" + line[at + 1 :]
            )
    else:
        lines.insert(number, f"steps = {draw(st.sampled_from(BIG_NUMBERS))}\n")
    return "".join(lines)


def check_layout_kept(source: str, fixed: str) -> None:
    """The fixed text keeps every byte of layout the fix did not rewrite."""
    for character in (*SEPARATORS, "\r"):
        if character == "\r" and "\n" in source:
            continue  # a fix may add a line, with the file's line ending
        assert fixed.count(character) >= source.count(character), f"{character!r} was dropped"
    assert source[len(source.rstrip()) :] == fixed[len(fixed.rstrip()) :], "the end changed"
    assert _head(source) == _head(fixed), "the start changed"


def _head(text: str) -> str:
    return text[: len(text) - len(text.lstrip())]


# --- notebooks -----------------------------------------------------------------------------------
@st.composite
def notebook_variants(draw: Draw) -> bytes:
    document = json.loads(draw(notebooks()))
    code = [cell for cell in document["cells"] if cell["cell_type"] == "code"]
    if code and draw(st.booleans()):
        cell = code[draw(st.integers(0, len(code) - 1))]
        source = _joined(cell["source"])
        change = draw(st.integers(0, 2))
        if change == 0:
            cell["source"] = list(source)  # one string per character
        elif change == 1:
            indent = draw(st.sampled_from(["  ", "\t"]))
            cell["source"] = "".join(indent + line for line in lines_with_ends(source))
        else:
            separator = draw(st.sampled_from(SEPARATORS))
            cell["source"] = f"%matplotlib inline{separator}x = 1\n" + source
    layout = draw(st.sampled_from(["tab", "compact", "none", "ascii", "one"]))
    options: dict[str, Any] = {
        "tab": {"indent": "\t"},
        "compact": {"separators": (",", ":")},
        "none": {},
        "ascii": {"indent": 1, "ensure_ascii": True},
        "one": {"indent": 1},
    }[layout]
    options.setdefault("ensure_ascii", False)
    text = json.dumps(document, **options)
    if draw(st.booleans()):  # metadata Python reads as inf, and a duplicate key
        key = '"kernelspec":'  # in the notebook's own metadata, which is never empty
        at = text.rindex(key)
        text = text[:at] + '"tolerance": 1e400, "d": 1, "d": 2, ' + text[at:]
    ending = draw(st.sampled_from(["\n", "\r", "\r\n"]))
    text = text.replace("\n", ending)
    bom = "\ufeff" if draw(st.integers(0, 5)) == 0 else ""
    return (bom + text + ending).encode("utf-8")


def _joined(source: str | list[str]) -> str:
    return source if isinstance(source, str) else "".join(source)


def check_notebook_text_kept(data: bytes) -> None:
    """A fix changes the JSON text of the fixed cells' sources and nothing else."""
    fixed = fix_data(data, "fuzzed.ipynb", RULES, CONFIG, unsafe=True)
    if not fixed.changed:
        return
    touched = {f.fix.cell for f in fixed.applied if f.fix is not None}
    before, after = data.decode("utf-8"), fixed.fixed.decode("utf-8")
    assert _outside(before, touched) == _outside(after, touched)


def _outside(text: str, cells: set[int | None]) -> list[str]:
    """The pieces of ``text`` between the source values of ``cells``."""
    spans = sorted(
        span.value for number, span in map_notebook(text).sources.items() if number in cells
    )
    assert len(spans) == len(cells), "a fixed cell's source is not in the file"
    pieces, done = [], 0
    for start, end in spans:
        pieces.append(text[done:start])
        done = end
    pieces.append(text[done:])
    return pieces
