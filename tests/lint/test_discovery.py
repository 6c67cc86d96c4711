"""Which files ``lrcheck PATH...`` checks."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pytest_lrcheck.config import Config
from pytest_lrcheck.lint.api import collect_files


def touch(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("")


def names(files: list[Path], root: Path) -> list[str]:
    return [p.relative_to(root).as_posix() for p in files]


def test_walks_python_files_and_notebooks_in_a_stable_order(tmp_path: Path):
    touch(tmp_path, "b.py", "a.ipynb", "sub/c.py", "notes.txt", "data.json", "sub/z/d.py")
    assert names(collect_files([tmp_path]), tmp_path) == [
        "a.ipynb", "b.py", "sub/c.py", "sub/z/d.py",
    ]  # fmt: skip


def test_skips_tooling_build_and_virtualenv_directories(tmp_path: Path):
    touch(
        tmp_path,
        "keep.py",
        ".git/hooks/x.py",
        "build/lib/x.py",
        "__pycache__/x.py",
        "lib/site-packages/x.py",
        ".ipynb_checkpoints/x-checkpoint.ipynb",
        "pkg.egg-info/x.py",
        "my-env/lib/x.py",
        "my-env/pyvenv.cfg",
    )
    assert names(collect_files([tmp_path]), tmp_path) == ["keep.py"]


def test_a_file_named_explicitly_is_checked_unless_force_exclude(tmp_path: Path):
    touch(tmp_path, "build/gen.py", "scratch.py")
    config = Config(extend_exclude=("scratch.py",), root=tmp_path)
    explicit = [tmp_path / "build" / "gen.py", tmp_path / "scratch.py"]
    assert collect_files(explicit, config) == explicit
    assert collect_files(explicit, config, force_exclude=True) == []


def test_force_exclude_looks_at_parent_directories_below_the_root(tmp_path: Path):
    touch(tmp_path / "project", "vendor/lib/x.py", "src/y.py")
    root = tmp_path / "project"
    config = Config(extend_exclude=("vendor",), root=root)
    files = [root / "vendor" / "lib" / "x.py", root / "src" / "y.py"]
    assert collect_files(files, config, force_exclude=True) == [files[1]]


def test_configured_exclude_replaces_the_defaults(tmp_path: Path):
    touch(tmp_path, "build/x.py", "gen/y.py", "z.py")
    config = Config(exclude=("gen",), root=tmp_path)
    # A directory's files come before its subdirectories'.
    assert names(collect_files([tmp_path], config), tmp_path) == ["z.py", "build/x.py"]


def test_exclude_globs_match_relative_paths_and_names(tmp_path: Path):
    touch(tmp_path, "notebooks/scratch/a.ipynb", "notebooks/b.ipynb", "src/old_model.py")
    config = Config(extend_exclude=("notebooks/scratch", "old_*.py"), root=tmp_path)
    assert names(collect_files([tmp_path], config), tmp_path) == ["notebooks/b.ipynb"]


def test_each_file_once_even_when_named_twice(tmp_path: Path):
    touch(tmp_path, "a.py")
    files = collect_files([tmp_path, tmp_path / "a.py", f"{tmp_path}/./a.py"])
    assert names(files, tmp_path) == ["a.py"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_a_symlink_loop_does_not_hang(tmp_path: Path):
    touch(tmp_path, "pkg/a.py")
    (tmp_path / "pkg" / "loop").symlink_to(tmp_path / "pkg", target_is_directory=True)
    assert names(collect_files([tmp_path]), tmp_path) == ["pkg/a.py"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may read anything")
@pytest.mark.parametrize("mode", [0o000, 0o600])
def test_a_directory_that_may_not_be_searched_is_listed_not_fatal(tmp_path: Path, mode: int):
    touch(tmp_path, "train.py", "data/a.py")
    (tmp_path / "data").chmod(mode)
    try:
        found = names(collect_files([tmp_path], Config()), tmp_path)
        named = collect_files([tmp_path / "data" / "a.py"], Config())
    finally:
        (tmp_path / "data").chmod(0o700)
    assert "train.py" in found
    assert named == [tmp_path / "data" / "a.py"]


def test_a_venv_probe_that_fails_does_not_stop_the_walk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from pytest_lrcheck.lint import discovery

    touch(tmp_path, "train.py", "data/a.py")
    real_is_file = Path.is_file

    def denied(self: Path) -> bool:
        if self.name == "pyvenv.cfg":
            raise PermissionError(13, "Permission denied")
        return real_is_file(self)

    monkeypatch.setattr(discovery.Path, "is_file", denied)
    assert names(collect_files([tmp_path], Config()), tmp_path) == ["train.py", "data/a.py"]


def test_a_named_path_that_cannot_be_looked_at_is_kept_to_be_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from pytest_lrcheck.lint import discovery

    def denied(self: Path) -> bool:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(discovery.Path, "is_dir", denied)
    assert collect_files([tmp_path / "data" / "a.py"], Config()) == [tmp_path / "data" / "a.py"]
