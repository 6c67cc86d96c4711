"""``.gitignore`` matching agrees with git itself (``git check-ignore``) on the same tree."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from pytest_lrcheck.lint.gitignore import is_ignored, is_ignored_with_parents, parse_patterns

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

ROOT_IGNORE = """\
# comments and blank lines mean nothing

*.log
!keep.log
/top_only/
out/
docs/**/gen_*.py
sub/exact.py
\\#hash.py
trailing.py{spaces}
data/*
!data/wanted.py
[abc]_x.py
**/deep/**
""".format(spaces="   ")  # trailing spaces are not part of a pattern
PATHS = [
    "a.log", "keep.log", "x/a.log", "x/keep.log", "top_only", "x/top_only", "out", "x/out",
    "docs/gen_a.py", "docs/q/r/gen_b.py", "gen_c.py", "sub/exact.py", "x/sub/exact.py",
    "#hash.py", "trailing.py", "data/other.py", "data/wanted.py", "a_x.py", "d_x.py",
    "p/deep/q.py", "deep.py", "plain.py", "y/local.py", "y/z/local.py",
]  # fmt: skip


def _tree(root: Path) -> None:
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    (root / ".gitignore").write_text(ROOT_IGNORE)
    (root / "x").mkdir()
    (root / "x" / ".gitignore").write_text("!a.log\n")  # a deeper file re-includes
    (root / "y").mkdir()
    (root / "y" / ".gitignore").write_text("local.py\n")
    (root / ".git" / "info").mkdir(exist_ok=True)
    (root / ".git" / "info" / "exclude").write_text("plain.py\n")
    for name in PATHS:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if name in ("top_only", "x/top_only", "out", "x/out"):
            path.mkdir()
        else:
            path.write_text("")


def test_matches_what_git_ignores(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    _tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    checked = subprocess.run(
        ["git", "check-ignore", "--no-index", *PATHS], capture_output=True, text=True
    )
    git_says = set(checked.stdout.split())
    ours = {name for name in PATHS if is_ignored(name)}
    assert ours == git_says
    assert "keep.log" not in ours and "x/a.log" not in ours and "a.log" in ours  # sanity


def test_a_file_in_an_ignored_directory_is_ignored_with_its_parents(tmp_path: Path):
    _tree(tmp_path)
    (tmp_path / "out" / "train.py").write_text("")
    assert not is_ignored(tmp_path / "out" / "train.py")
    assert is_ignored_with_parents(tmp_path / "out" / "train.py")


def test_outside_a_repository_nothing_is_ignored(tmp_path: Path):
    (tmp_path / ".gitignore").write_text("*.py\n")
    (tmp_path / "train.py").write_text("")
    assert not is_ignored(tmp_path / "train.py")


def test_directory_patterns_skip_files(tmp_path: Path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_text("build/\n")
    (tmp_path / "build").write_text("a file called build")
    assert not is_ignored(tmp_path / "build")


def test_parse_skips_comments_and_blank_lines():
    assert len(parse_patterns("# a comment\n\n   \n*.py\n!keep.py\n")) == 2
