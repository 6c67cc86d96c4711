"""``lrcheck run SCRIPT``: a real training script, unchanged, for a few hundred steps.

The scripts are generated here and train on scikit-learn's bundled digits with the TensorFlow
backend.  They run in this process (as the command runs them), except where the point is the
command line itself.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pytest_lrcheck.cli import main

pytestmark = pytest.mark.tensorflow

SCRIPT = """\
import sys

import keras
from sklearn.datasets import load_digits

learning_rate = float(sys.argv[1]) if len(sys.argv) > 1 else 0.001
x, y = load_digits(return_X_y=True)
x = (x / 16.0).astype("float32")
{prepare}
y = keras.utils.to_categorical(y, 10)
keras.utils.set_random_seed(0)
model = keras.Sequential(
    [
        keras.Input(shape=(64,)),
        keras.layers.Dense(32, activation="relu"),
        keras.layers.Dense(10, activation="{activation}"),
    ]
)
optimizer = keras.optimizers.Adam(learning_rate=learning_rate)
model.compile(optimizer=optimizer, loss="categorical_crossentropy")
model.fit(x, y, epochs={epochs}, batch_size=32, verbose=0)
print("after the first fit")
{after}
"""


@pytest.fixture(autouse=True)
def keras_backend() -> None:
    pytest.importorskip("tensorflow")
    pytest.importorskip("sklearn")
    if os.environ.get("KERAS_BACKEND", "tensorflow") != "tensorflow":
        # The in-process verdicts are calibrated on TensorFlow; the other backends are run
        # from the command line (test_the_command_line_on_every_keras_backend).
        pytest.skip("in-process runs use the TensorFlow backend")


def script(
    directory: Path, *, prepare: str = "", activation: str = "softmax", epochs: int = 20,
    after: str = "",
) -> Path:  # fmt: skip
    path = directory / "train.py"
    text = SCRIPT.format(prepare=prepare, activation=activation, epochs=epochs, after=after)
    path.write_text(text)
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["run", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_a_healthy_script_exits_0_and_is_stopped_before_it_saves(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
):
    import keras

    monkeypatch.chdir(tmp_path)
    original = keras.Model.fit
    path = script(tmp_path, after="open('saved.txt', 'w').write('an undertrained model')")
    status, out, err = run(capsys, str(path))
    assert keras.Model.fit is original  # the watch is gone
    assert status == 0, out + err
    assert out.startswith("fit 1 at train.py:21 (stopped at the 300-step cap):\n")
    assert "training healthy: loss" in out and "over 300 steps" in out
    assert err.startswith(f"lrcheck run: executing {path} (its code runs as written)")
    assert "the script was stopped after its first fit" in err
    assert "after the first fit" not in out
    assert not (tmp_path / "saved.txt").exists()


def test_a_capped_fit_saves_no_checkpoint_over_the_users_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    path = script(tmp_path)
    saving = (
        "checkpoint = keras.callbacks.ModelCheckpoint('best.weights.h5', save_weights_only=True)\n"
        "model.fit(x, y, epochs=20, batch_size=32, verbose=0, callbacks=[checkpoint])"
    )
    path.write_text(
        path.read_text().replace("model.fit(x, y, epochs=20, batch_size=32, verbose=0)", saving)
    )
    (tmp_path / "best.weights.h5").write_bytes(b"the weights of a real run")
    status, _, err = run(capsys, str(path))
    assert status == 0, err
    assert (tmp_path / "best.weights.h5").read_bytes() == b"the weights of a real run"
    assert "ModelCheckpoint left out of the fit at train.py:22" in err


def test_a_learning_rate_of_10_exits_1_with_the_diagnosis(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    # The script's own argument sets the learning rate: sys.argv is the script's.
    status, out, _ = run(capsys, "--steps", "100", str(script(tmp_path)), "10")
    assert status == 1
    assert "fit 1 at train.py:21 (stopped at the 100-step cap)" in out
    assert "training unhealthy: LRC502 loss-diverging" in out
    assert "learning rate 10" in out


def test_labels_shuffled_apart_from_their_images_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    shuffled = "import numpy; y = y[numpy.random.default_rng(0).permutation(len(y))]"
    status, out, _ = run(capsys, str(script(tmp_path, prepare=shuffled)))
    assert status == 1, out
    assert "training unhealthy: LRC504 stuck-at-chance" in out


def test_all_fits_goes_on_and_diagnoses_every_fit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
):
    import keras

    monkeypatch.chdir(tmp_path)
    original = keras.Model.fit
    second = "model.fit(x, y, epochs=1, batch_size=64, verbose=0)\nprint('the end')"
    status, out, err = run(
        capsys, "--all-fits", "--steps", "50", str(script(tmp_path, epochs=1, after=second))
    )
    assert status == 0, out + err
    assert "fit 1 at train.py:21 (stopped at the 50-step cap)" in out
    # 1797 samples in batches of 64: 29 steps, below the cap.
    assert "fit 2 at train.py:23 (ended by the script's epochs)" in out
    assert "after the first fit" in out and "the end" in out
    assert "stopped after its first fit" not in err
    assert keras.Model.fit is original  # the watch is gone


def test_a_script_that_raises_gets_a_clear_error_and_its_own_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    path = tmp_path / "broken.py"
    path.write_text(
        "import keras\n\n\ndef load():\n    raise FileNotFoundError('data.csv')\n\n\nload()\n"
    )
    status, out, err = run(capsys, str(path))
    assert status == 2 and out == ""
    assert f"lrcheck run: error: {path}: the script raised an exception:\n" in err
    assert "Traceback (most recent call last):" in err
    assert f'File "{path}", line 8, in <module>' in err
    assert f'File "{path}", line 5, in load' in err
    assert err.rstrip().endswith("FileNotFoundError: data.csv")
    assert "runpy" not in err and "smoke" not in err  # only the script's frames


def test_a_script_without_a_fit_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    path = tmp_path / "no_fit.py"
    path.write_text("import keras\nprint('nothing to train')\n")
    status, out, err = run(capsys, str(path))
    assert status == 2 and "nothing to train" in out
    assert "ended without a watched model.fit, so there is nothing to diagnose" in err


def test_the_script_exiting_with_an_error_status_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    path = tmp_path / "exits.py"
    path.write_text("import sys\nsys.exit(3)\n")
    status, _, err = run(capsys, str(path))
    assert status == 2 and "the script exited with status 3" in err


@pytest.mark.parametrize("missing", ["nope.py", "."])
def test_a_missing_script_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, missing
):
    monkeypatch.chdir(tmp_path)
    status, out, err = run(capsys, missing)
    assert status == 2 and out == ""
    assert err.startswith(f"lrcheck run: error: {missing}: ") and "Traceback" not in err


def test_too_few_steps_is_a_usage_error(capsys: pytest.CaptureFixture[str]):
    with pytest.raises(SystemExit) as exited:
        main(["run", "--steps", "3", "train.py"])
    assert exited.value.code == 2
    assert "at least 10" in capsys.readouterr().err


@pytest.mark.parametrize("backend", ["tensorflow", "jax", "torch"])
def test_the_command_line_on_every_keras_backend(tmp_path: Path, backend: str):
    pytest.importorskip(backend)
    path = script(tmp_path, epochs=2)
    env = {
        **os.environ,
        "KERAS_BACKEND": backend,
        "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
    }
    done = subprocess.run(
        [sys.executable, "-m", "pytest_lrcheck", "run", "--steps", "50", str(path), "10"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert "fit 1 at train.py:21 (stopped at the 50-step cap)" in done.stdout
    assert "training unhealthy" in done.stdout


def test_without_a_script_the_usage_says_what_is_missing(capsys: pytest.CaptureFixture[str]):
    with pytest.raises(SystemExit) as exited:
        main(["run"])
    assert exited.value.code == 2
    assert "give the training script to run: lrcheck run SCRIPT [ARGS...]" in (
        capsys.readouterr().err
    )


def test_options_after_the_script_are_the_scripts_own():
    from pytest_lrcheck.smoke.command import build_parser

    args = build_parser().parse_args(["--steps", "100", "train.py", "--steps", "5", "-v"])
    assert (args.steps, args.script, args.args) == (100, "train.py", ["--steps", "5", "-v"])
