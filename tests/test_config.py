"""``[tool.lrcheck]``: where it is found, what each key does, and errors that name the key."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from pytest_lrcheck.config import Config, ConfigError, load_config
from pytest_lrcheck.lint.api import lint_source


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_without_any_file(tmp_path: Path):
    config = load_config([tmp_path])
    assert config.source is None
    assert config.is_enabled("LRC101") and config.is_enabled("LRC301")


def test_found_by_walking_up_from_the_checked_paths(tmp_path: Path):
    pyproject = write(tmp_path / "pyproject.toml", '[tool.lrcheck]\nignore = ["LRC301"]\n')
    nested = write(tmp_path / "src" / "pkg" / "train.py", "")
    config = load_config([nested])
    assert config.source == pyproject
    assert config.root == tmp_path
    assert not config.is_enabled("LRC301")
    assert config.is_enabled("LRC101")


def test_pyproject_without_our_table_is_passed_over(tmp_path: Path):
    write(tmp_path / "pyproject.toml", '[tool.lrcheck]\nignore = ["LRC101"]\n')
    write(tmp_path / "sub" / "pyproject.toml", "[tool.ruff]\nline-length = 100\n")
    config = load_config([tmp_path / "sub"])
    assert config.source == tmp_path / "pyproject.toml"


def test_unrelated_broken_pyproject_on_the_way_is_not_an_error(tmp_path: Path):
    write(tmp_path / "sub" / "pyproject.toml", "this is [ not toml")
    assert load_config([tmp_path / "sub"]).source is None


def test_standalone_file_uses_top_level_keys(tmp_path: Path):
    write(tmp_path / "lrcheck.toml", 'select = ["LRC2"]\n')
    config = load_config([tmp_path])
    assert config.is_enabled("LRC201") and not config.is_enabled("LRC101")


def test_common_parent_of_several_paths_is_the_start(tmp_path: Path):
    write(tmp_path / "pyproject.toml", '[tool.lrcheck]\nignore = ["LRC2"]\n')
    write(tmp_path / "a" / "pyproject.toml", '[tool.lrcheck]\nignore = ["LRC1"]\n')
    one = write(tmp_path / "a" / "x.py", "")
    two = write(tmp_path / "b" / "y.py", "")
    assert load_config([one]).source == tmp_path / "a" / "pyproject.toml"
    assert load_config([one, two]).source == tmp_path / "pyproject.toml"


def test_explicit_config_file_overrides_the_search(tmp_path: Path):
    write(tmp_path / "pyproject.toml", '[tool.lrcheck]\nignore = ["LRC1"]\n')
    other = write(tmp_path / "ci" / "strict.toml", 'ignore = ["LRC3"]\n')
    config = load_config([tmp_path], other)
    assert config.is_enabled("LRC101") and not config.is_enabled("LRC301")


def test_missing_explicit_config_file_is_an_error(tmp_path: Path):
    with pytest.raises(ConfigError, match=r"config file not found: .*nope\.toml"):
        load_config([tmp_path], tmp_path / "nope.toml")
    for existing in (tmp_path, Path(os.devnull)):
        with pytest.raises(ConfigError, match="config file is not a regular file"):
            load_config([tmp_path], existing)


def test_a_deeply_nested_standalone_file_is_a_config_error(tmp_path: Path):
    write(tmp_path / ".lrcheck.toml", "a = " + "[" * 5000 + "]" * 5000 + "\n")
    with pytest.raises(ConfigError, match="nested too deeply"):
        load_config([tmp_path])


def test_an_unreadable_pyproject_on_the_way_up_is_passed_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    write(tmp_path / "pyproject.toml", '[tool.lrcheck]\nselect = ["LRC1"]\n')
    unreadable = write(tmp_path / "a" / "pyproject.toml", '[project]\nname = "x"\n')
    real = Path.read_bytes

    def denied(self: Path) -> bytes:
        if self == unreadable:
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", denied)
    assert load_config([tmp_path / "a"]).select == ("LRC1",)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[tool.lrcheck]\nselekt = ["LRC1"]\n',
         r"unknown key 'selekt' \(did you mean 'select'\?\)"),
        ('[tool.lrcheck]\nextend_select = ["LRC1"]\n', r"did you mean 'extend-select'"),
        ('[tool.lrcheck]\nselect = ["LRC999"]\n',
         r"unknown rule code or prefix 'LRC999' in .*select"),
        ('[tool.lrcheck]\nignore = "LRC101"\n', r"ignore: expected a list of strings"),
        ('[tool.lrcheck.per-file-ignores]\n"tests/*" = ["XYZ1"]\n',
         r"unknown rule code or prefix 'XYZ1' in .*per-file-ignores 'tests/\*'"),
        ('[tool.lrcheck.settings.LRC301]\nadam = "high"\n', r"LRC301.adam: expected float"),
        ('[tool.lrcheck.settings.LRC301]\nadamm = 0.5\n',
         r"unknown setting 'adamm' \(did you mean 'adam'\?\)"),
        ('[tool.lrcheck.settings.LRC999]\nx = 1\n', r"unknown rule code 'LRC999'"),
        ('[tool.lrcheck.settings.LRC101]\nx = 1\n', r"LRC101 has no settings"),
        ("[tool.lrcheck]\ncache-dir = 3\n", r"cache-dir: expected a path string"),
        ('[tool.lrcheck]\nfollow-imports = "no"\n', r"follow-imports: expected true or false"),
        ("[tool.lrcheck\n", r"invalid TOML"),
        ("[tool.lrcheck]\nx = " + "[" * 5000 + "]" * 5000 + "\n", r"nested too deeply"),
        ("[tool.lrcheck.settings.LRC301]\nadam = nan\n", r"adam: expected a positive finite"),
        ("[tool.lrcheck.settings.LRC301]\nadam = inf\n", r"adam: expected a positive finite"),
        ("[tool.lrcheck.settings.LRC301]\nadam = -1.0\n", r"adam: expected a positive finite"),
        ("[tool.lrcheck.settings.LRC301]\nadam = 0\n", r"adam: expected a positive finite"),
        ("[tool]\nlrcheck = 3\n", r"\[tool.lrcheck\] must be a table"),
    ],
)  # fmt: skip
def test_mistakes_are_errors_that_name_the_file_and_key(tmp_path: Path, text: str, message: str):
    write(tmp_path / "pyproject.toml", text)
    with pytest.raises(ConfigError, match=message) as raised:
        load_config([tmp_path])
    assert str(tmp_path / "pyproject.toml") in str(raised.value)
    assert isinstance(raised.value, ValueError)  # the pytest plugin catches ValueError


def test_extend_select_adds_to_a_narrow_select(tmp_path: Path):
    write(
        tmp_path / "pyproject.toml",
        '[tool.lrcheck]\nselect = ["LRC1"]\nextend-select = ["LRC301"]\n',
    )
    config = load_config([tmp_path])
    assert config.is_enabled("LRC101") and config.is_enabled("LRC301")
    assert not config.is_enabled("LRC201")


def test_more_specific_selector_wins():
    config = Config(select=("LRC101",), ignore=("LRC1",))
    assert config.is_enabled("LRC101")
    assert not Config(select=("LRC1",), ignore=("LRC101",)).is_enabled("LRC101")


def test_unreadable_files_are_reported_whatever_is_selected():
    assert Config(select=("LRC101",)).is_enabled("LRC000")
    assert not Config(ignore=("LRC000",)).is_enabled("LRC000")


def test_double_star_matches_any_depth_including_none(tmp_path: Path):
    config = Config(per_file_ignores=(("tests/**/*.py", ("LRC201",)),), root=tmp_path)
    for name in ("tests/test_a.py", "tests/unit/test_b.py", "tests/a/b/c.py"):
        assert not config.is_enabled_for("LRC201", tmp_path / name), name
    assert config.is_enabled_for("LRC201", tmp_path / "src" / "tests.py")


def test_per_file_ignores_match_relative_globs_and_names(tmp_path: Path):
    write(
        tmp_path / "pyproject.toml",
        '[tool.lrcheck.per-file-ignores]\n"tests/*" = ["LRC201"]\n"scratch.py" = ["ALL"]\n',
    )
    config = load_config([tmp_path])
    assert not config.is_enabled_for("LRC201", tmp_path / "tests" / "deep" / "t.py")
    assert config.is_enabled_for("LRC101", tmp_path / "tests" / "t.py")
    assert config.is_enabled_for("LRC201", tmp_path / "src" / "t.py")
    assert not config.is_enabled_for("LRC101", tmp_path / "any" / "scratch.py")


SIGMOID = """\
from tensorflow import keras

model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3, activation="sigmoid")])
model.compile(optimizer="adam", loss="categorical_crossentropy")
"""


def test_lint_source_applies_per_file_ignores_when_given_a_config(tmp_path: Path):
    config = Config(per_file_ignores=(("legacy/*", ("LRC101",)),), root=tmp_path)
    assert [f.code for f in lint_source(SIGMOID, str(tmp_path / "new.py"), config=config)] == [
        "LRC101"
    ]
    assert lint_source(SIGMOID, str(tmp_path / "legacy" / "old.py"), config=config) == []


def test_rule_settings_reach_the_rule(tmp_path: Path):
    source = "from tensorflow import keras\n\nopt = keras.optimizers.SGD(learning_rate=2.0)\n"
    assert [f.code for f in lint_source(source)] == ["LRC301"]
    write(tmp_path / "pyproject.toml", "[tool.lrcheck.settings.LRC301]\nsgd = 4\n")
    config = load_config([tmp_path])
    assert dict(config.rule_settings("LRC301")) == {"sgd": 4}
    assert lint_source(source, config=config) == []


def test_exclude_replaces_and_extend_exclude_adds(tmp_path: Path):
    default = Config(root=tmp_path)
    assert default.is_excluded(tmp_path / "build")
    write(tmp_path / "pyproject.toml", '[tool.lrcheck]\nextend-exclude = ["notebooks/scratch"]\n')
    extended = load_config([tmp_path])
    assert extended.is_excluded(tmp_path / "build")
    assert extended.is_excluded(tmp_path / "notebooks" / "scratch")
    assert not extended.is_excluded(tmp_path / "notebooks")
    write(tmp_path / "pyproject.toml", '[tool.lrcheck]\nexclude = ["generated_*.py"]\n')
    replaced = load_config([tmp_path])
    assert not replaced.is_excluded(tmp_path / "build")
    assert replaced.is_excluded(tmp_path / "src" / "generated_model.py")


def test_cache_dir_is_relative_to_the_config_file(tmp_path: Path):
    assert Config(root=tmp_path).effective_cache_dir() == tmp_path / ".lrcheck_cache"
    write(tmp_path / "pyproject.toml", '[tool.lrcheck]\ncache-dir = "build/lrcheck"\n')
    nested = tmp_path / "src"
    nested.mkdir()
    assert load_config([nested]).effective_cache_dir() == tmp_path / "build" / "lrcheck"


def test_config_pickles_for_worker_processes(tmp_path: Path):
    config = Config(select=("LRC1",), settings={"LRC301": {"sgd": 4.0}}, root=tmp_path, source=None)
    copy = pickle.loads(pickle.dumps(config))
    assert copy == config
    assert dict(copy.rule_settings("LRC301")) == {"sgd": 4.0}
    with pytest.raises(TypeError):
        copy.settings["LRC301"]["sgd"] = 1.0  # type: ignore[index]


def test_the_documented_configuration_loads_and_means_what_it_says(tmp_path: Path):
    import re

    usage = (Path(__file__).resolve().parents[1] / "docs" / "usage.md").read_text()
    (block,) = [
        b for b in re.findall(r"```toml\n(.*?)```", usage, flags=re.S) if "[tool.lrcheck]" in b
    ]
    write(tmp_path / "pyproject.toml", block)
    config = load_config([tmp_path])
    assert not config.is_enabled("LRC203") and config.is_enabled("LRC101")
    assert not config.is_enabled_for("LRC201", tmp_path / "tests" / "test_model.py")
    assert not config.is_enabled_for("LRC101", tmp_path / "legacy_train.py")
    assert config.is_excluded(tmp_path / "notebooks" / "scratch")
    assert config.is_excluded(tmp_path / "proto" / "model_pb2.py")
    assert dict(config.rule_settings("LRC301")) == {"sgd": 4.0, "adam": 0.3}
    assert config.effective_cache_dir() == tmp_path / ".lrcheck_cache"
