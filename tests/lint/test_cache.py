"""The results cache: same answers warm as cold, misses when anything that matters changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pytest_lrcheck.config import Config
from pytest_lrcheck.lint.cache import FORMAT
from pytest_lrcheck.lint.runner import RunOutcome, run

BAD = """\
from tensorflow import keras

(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
model = keras.Sequential([keras.Input(shape=(28, 28)), keras.layers.Flatten(),
                          keras.layers.Dense(10, activation="sigmoid")])
model.compile(optimizer=keras.optimizers.SGD(learning_rate=3.0), loss="categorical_crossentropy")
model.fit(x_train, keras.utils.to_categorical(y_train))
"""


@pytest.fixture
def tree(tmp_path: Path) -> list[Path]:
    files = []
    for number in range(3):
        path = tmp_path / "src" / f"train{number}.py"
        path.parent.mkdir(exist_ok=True)
        path.write_text(BAD if number else "print('no deep learning here')\n")
        files.append(path)
    return files


def findings(outcome: RunOutcome) -> list[tuple[str, str, int, object]]:
    return [
        (Path(f.path).name, f.code, f.line, f.fix)
        for result in outcome.results
        for f in result.findings
    ]


def test_warm_run_answers_from_the_cache_with_the_same_findings(tree: list[Path], tmp_path: Path):
    cache = tmp_path / "cache"
    cold = run(tree, Config(), jobs=1, cache_dir=cache)
    warm = run(tree, Config(), jobs=1, cache_dir=cache)
    assert (cold.cache_hits, cold.cache_misses) == (0, 2)  # the file without Keras needs none
    assert (warm.cache_hits, warm.cache_misses) == (2, 0)
    assert findings(warm) == findings(cold)
    assert {f[1] for f in findings(cold)} >= {"LRC101", "LRC201", "LRC301"}
    assert any(f[3] is not None for f in findings(warm))  # fixes survive the round trip
    assert [r.path for r in warm.results] == [str(p) for p in tree]


def test_cache_directory_is_tagged_and_ignored_by_git(tree: list[Path], tmp_path: Path):
    cache = tmp_path / "cache"
    run(tree, Config(), jobs=1, cache_dir=cache)
    assert (
        (cache / "CACHEDIR.TAG")
        .read_text()
        .startswith("Signature: 8a477f597d28d172789f06886806bc55")
    )
    assert (cache / ".gitignore").read_text().splitlines()[-1] == "*"


def test_changed_file_misses(tree: list[Path], tmp_path: Path):
    cache = tmp_path / "cache"
    run(tree, Config(), jobs=1, cache_dir=cache)
    tree[1].write_text(BAD.replace('"sigmoid"', '"softmax"'))
    again = run(tree, Config(), jobs=1, cache_dir=cache)
    assert (again.cache_hits, again.cache_misses) == (1, 1)
    assert [f[1] for f in findings(again) if f[0] == "train1.py"].count("LRC101") == 0


@pytest.mark.parametrize(
    "changed",
    [Config(select=("LRC1",)), Config(settings={"LRC301": {"sgd": 5.0}})],
    ids=["selection", "settings"],
)
def test_configuration_that_changes_results_misses(
    tree: list[Path], tmp_path: Path, changed: Config
):
    cache = tmp_path / "cache"
    run(tree, Config(), jobs=1, cache_dir=cache)
    again = run(tree, changed, jobs=1, cache_dir=cache)
    assert again.cache_hits == 0
    assert "LRC301" not in {f[1] for f in findings(again)}


def test_per_file_ignores_apply_to_cached_results(tree: list[Path], tmp_path: Path):
    cache = tmp_path / "cache"
    run(tree, Config(), jobs=1, cache_dir=cache)
    config = Config(per_file_ignores=(("train1.py", ("LRC101",)),), root=tmp_path)
    again = run(tree, config, jobs=1, cache_dir=cache)
    assert again.cache_hits == 2
    codes = {(f[0], f[1]) for f in findings(again)}
    assert ("train1.py", "LRC101") not in codes and ("train2.py", "LRC101") in codes


@pytest.mark.parametrize("garbage", [b"{not json", b"[]", b'{"sha256": 1}', b"\xff\xfe"])
def test_corrupt_entries_are_misses_and_get_rewritten(
    tree: list[Path], tmp_path: Path, garbage: bytes
):
    cache = tmp_path / "cache"
    cold = run(tree, Config(), jobs=1, cache_dir=cache)
    entries = sorted((cache / f"v{FORMAT}").glob("*.json"))
    assert len(entries) == 2
    for entry in entries:
        entry.write_bytes(garbage)
    again = run(tree, Config(), jobs=1, cache_dir=cache)
    assert again.cache_hits == 0 and findings(again) == findings(cold)
    assert all(json.loads(e.read_bytes())["sha256"] for e in entries)


def test_entry_with_the_right_hash_but_broken_findings_is_a_miss(tree: list[Path], tmp_path: Path):
    cache = tmp_path / "cache"
    cold = run(tree, Config(), jobs=1, cache_dir=cache)
    for entry in (cache / f"v{FORMAT}").glob("*.json"):
        data = json.loads(entry.read_bytes())
        data["findings"] = [{"span": "nonsense"}]
        entry.write_text(json.dumps(data))
    again = run(tree, Config(), jobs=1, cache_dir=cache)
    assert again.cache_hits == 0 and findings(again) == findings(cold)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("span", [1.5, 2.5, 1.5, 3.5]),
        ("span", ["1", "1", "1", "1"]),
        ("span", [None, 1, 1, 1]),
        ("span", [0, 1, 1, 1]),
        ("code", 101),
        ("code", "not a code"),
        ("message", ["x"]),
        ("severity", "fatal"),
        ("cell", True),
        ("extra", [["key"]]),
    ],
)
def test_an_entry_with_ill_typed_fields_is_a_miss_and_rewritten(
    tree: list[Path], tmp_path: Path, field: str, value: object
):
    cache = tmp_path / "cache"
    cold = run(tree, Config(), jobs=1, cache_dir=cache)
    entries = sorted((cache / f"v{FORMAT}").glob("*.json"))
    for entry in entries:
        data = json.loads(entry.read_bytes())
        data["findings"][0][field] = value
        entry.write_text(json.dumps(data))
    again = run(tree, Config(), jobs=1, cache_dir=cache)
    assert again.cache_hits == 0 and findings(again) == findings(cold)
    healed = run(tree, Config(), jobs=1, cache_dir=cache)
    assert healed.cache_hits == 2  # the damaged entries were rewritten


def test_a_link_planted_at_an_entry_name_is_replaced_not_followed(tree: list[Path], tmp_path: Path):
    from pytest_lrcheck.lint.cache import Cache
    from pytest_lrcheck.lint.engine import make_rules

    cache = tmp_path / "shared"
    precious = tmp_path / "precious.txt"
    precious.write_text("my precious notes\n")
    for path in tree[1:]:
        entry = Cache(cache, make_rules(Config())).entry_path(path)
        entry.parent.mkdir(parents=True, exist_ok=True)
        entry.symlink_to(precious)
    outcome = run(tree, Config(), jobs=1, cache_dir=cache)
    assert outcome.warnings == () and outcome.cache_hits == 0
    assert precious.read_text() == "my precious notes\n"
    assert not any(entry.is_symlink() for entry in (cache / f"v{FORMAT}").iterdir())


def test_links_planted_at_the_marker_names_are_not_written_through(
    tree: list[Path], tmp_path: Path
):
    cache = tmp_path / "repo_cache"
    cache.mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    (cache / "CACHEDIR.TAG").symlink_to(outside / "created_by_lrcheck.txt")
    (cache / ".gitignore").symlink_to(outside / "also_created")
    run(tree, Config(), jobs=1, cache_dir=cache)
    assert list(outside.iterdir()) == []


def test_a_linked_entries_folder_is_not_written_through(tree: list[Path], tmp_path: Path):
    cache = tmp_path / "shared"
    cache.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (cache / f"v{FORMAT}").symlink_to(elsewhere)
    outcome = run(tree, Config(), jobs=1, cache_dir=cache)
    assert list(elsewhere.iterdir()) == []
    assert len(outcome.warnings) == 1 and "is a symlink" in outcome.warnings[0]


def test_unwritable_cache_is_a_warning_not_a_failure(tree: list[Path], tmp_path: Path):
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache directory should be")
    outcome = run(tree, Config(), jobs=1, cache_dir=blocker)
    assert len(outcome.warnings) == 1 and "cannot write the cache" in outcome.warnings[0]
    assert {f[1] for f in findings(outcome)} >= {"LRC101"}


def test_the_same_file_named_differently_shares_its_entry(
    tree: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    cache = tmp_path / "cache"
    run(tree, Config(), jobs=1, cache_dir=cache)
    monkeypatch.chdir(tmp_path)
    relative = [Path("src") / p.name for p in tree]
    again = run(relative, Config(), jobs=1, cache_dir=cache)
    assert again.cache_hits == 2
    # Findings name the file as this run was asked to.
    assert {r.path for r in again.results} == {str(p) for p in relative}
    assert all(f.path == r.path for r in again.results for f in r.findings)


def test_without_a_cache_directory_nothing_is_written(tree: list[Path], tmp_path: Path):
    before = sorted(p.name for p in tmp_path.iterdir())
    outcome = run(tree, Config(), jobs=1, cache_dir=None)
    assert (outcome.cache_hits, outcome.cache_misses) == (0, 0)
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_the_cache_salt_changes_with_the_keras_vocabulary(monkeypatch: pytest.MonkeyPatch):
    """Findings depend on the vocabulary as much as on the linter: editing it empties the cache."""
    from types import SimpleNamespace

    from pytest_lrcheck.lint import cache
    from pytest_lrcheck.lint.engine import make_rules

    rules = make_rules()
    before = cache.salt(rules)
    real_stat = Path.stat

    def stat(path: Path, *args: object, **kwargs: object) -> object:
        info = real_stat(path, *args, **kwargs)  # type: ignore[arg-type]
        if "keras_vocab" not in path.parts or path.suffix != ".py":
            return info
        return SimpleNamespace(st_size=info.st_size, st_mtime_ns=info.st_mtime_ns + 1)

    monkeypatch.setattr(Path, "stat", stat)
    assert cache.salt(rules) != before


MODEL = """\
from tensorflow import keras


def build():
    return keras.Sequential([keras.Input((8,)), keras.layers.Dense(10, activation="{act}")])
"""
TRAIN = """\
from model import build

model = build()
model.compile(optimizer="adam", loss="categorical_crossentropy")
"""


def test_a_cached_result_is_recomputed_when_a_module_it_imports_changes(tmp_path: Path):
    (tmp_path / "model.py").write_text(MODEL.format(act="softmax"), encoding="utf-8")
    (tmp_path / "train.py").write_text(TRAIN, encoding="utf-8")
    files, cache = [tmp_path / "train.py"], tmp_path / "cache"
    assert findings(run(files, Config(), jobs=1, cache_dir=cache)) == []
    warm = run(files, Config(), jobs=1, cache_dir=cache)
    assert warm.cache_hits == 1
    (tmp_path / "model.py").write_text(MODEL.format(act="sigmoid"), encoding="utf-8")
    changed = run(files, Config(), jobs=1, cache_dir=cache)
    assert changed.cache_hits == 0
    assert [(name, code) for name, code, _, _ in findings(changed)] == [("model.py", "LRC101")]
    again = run(files, Config(), jobs=1, cache_dir=cache)  # served from the cache, path and all
    assert again.cache_hits == 1 and findings(again) == findings(changed)
    alone = run(files, Config(), jobs=1, cache_dir=cache, follow_imports=False)
    assert alone.cache_hits == 0 and findings(alone) == []
