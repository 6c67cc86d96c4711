"""What ruff parity costs, as ratios measured in one run.

1. ``.gitignore``: walking a generated tree inside a git repository with and without
   ``respect_gitignore`` (every file and directory is asked about).
2. JSON ``edits``: rendering the findings of a file with one safe fix per line as ``json``
   (each fix spelled as an edit, from one libcst pass over the file) against applying each fix
   alone with the fixer, which is what the edits cost before.

    python benchmarks/bench_ruff_parity.py [--files 600] [--fixes 100] [--repeat 5]

Prints figures; never fails on them.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pytest_lrcheck.lint import gitignore
from pytest_lrcheck.lint.api import collect_files, lint_file
from pytest_lrcheck.lint.fixer import apply_fixes
from pytest_lrcheck.output import render


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def walk(root: Path, files: int, repeat: int) -> None:
    subprocess.run(["git", "init", "-q", str(root)], check=True)
    (root / ".gitignore").write_text("*_scratch.py\ngenerated/\n")
    for index in range(files):
        folder = root / f"pkg{index % 20}" / f"sub{index % 7}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"module{index}.py").write_text("import keras\n")
    plain = median_seconds(lambda: collect_files([root]), repeat)

    def ignoring() -> object:
        # Each run reads the .gitignore files afresh, as one lrcheck command does.
        gitignore._pattern_file.cache_clear()
        gitignore._pattern_files.cache_clear()
        return collect_files([root], respect_gitignore=True)

    respected = median_seconds(ignoring, repeat)
    print(f"walk of {files} files: {plain * 1000:.1f} ms plain, {respected * 1000:.1f} ms with "
          f".gitignore ({respected / plain:.2f}x)")  # fmt: skip


def edits(root: Path, fixes: int, repeat: int) -> None:
    lines = ["from tensorflow import keras"]
    lines += [f"optimizer{i} = keras.optimizers.SGD(lr=0.01)" for i in range(fixes)]
    path = root / "many.py"
    path.write_text("\n".join(lines) + "\n")
    findings = lint_file(path)
    text = path.read_text()
    alone = median_seconds(lambda: [apply_fixes(text, [f]) for f in findings], 1)
    as_json = median_seconds(lambda: render(findings, "json"), repeat)
    print(f"{len(findings)} fixable findings: json with edits {as_json * 1000:.0f} ms, each fix "
          f"applied alone {alone * 1000:.0f} ms ({alone / as_json:.0f}x more)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=600)
    parser.add_argument("--fixes", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        walk(Path(directory) / "tree", args.files, args.repeat)
        edits(Path(directory), args.fixes, args.repeat)


if __name__ == "__main__":
    main()
