"""What the language server adds to a check: its round trips, as ratios to the same work done
in-process by the functions it calls, measured in one run.

1. Open: ``didOpen`` to ``publishDiagnostics`` for each bundled example, against
   `jobs.check_script` on the same text in this process (the hand-over to the worker process
   and the JSON both ways are the difference).
2. Change: an edit to ``publishDiagnostics``, less the debounce pause (`CHANGE_DELAY`), against
   the same in-process check.
3. Fix: ``codeAction/resolve`` of a fix to its edit, against `jobs.fix_one` in-process.
4. Start: ``initialize`` to the first diagnostics of a fresh server (process, imports, worker).

    python benchmarks/bench_server.py [--rounds 5]

Prints figures; never fails on them.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pytest_lrcheck.server.jobs import check_script, fix_one  # noqa: E402
from pytest_lrcheck.server.session import CHANGE_DELAY  # noqa: E402
from tests.server.lsp_client import LspClient, everything  # noqa: E402

EXAMPLES = sorted(p for p in (ROOT / "examples").glob("*.py") if not p.stem.endswith("_fixed"))


def in_process(text: str) -> float:
    start = time.perf_counter()
    check_script(text, None)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder)
        started = time.perf_counter()
        lsp = LspClient(project)
        try:
            lsp.initialize(project)
            first = (project / "first.py").as_uri()
            lsp.open(first, EXAMPLES[0].read_text())
            lsp.diagnostics(first, 1)
            startup = time.perf_counter() - started
            opened, local, changed, fixes, local_fixes = [], [], [], [], []
            for n in range(rounds):
                for example in EXAMPLES:
                    text = example.read_text()
                    uri = (project / f"{n}_{example.name}").as_uri()
                    begin = time.perf_counter()
                    lsp.open(uri, text)
                    diagnostics = lsp.diagnostics(uri, 1)
                    opened.append(time.perf_counter() - begin)
                    local.append(in_process(text))
                    edit = {
                        "range": {
                            "start": {"line": 0, "character": 0},
                            "end": {"line": 0, "character": 0},
                        },
                        "text": "#\n",
                    }
                    begin = time.perf_counter()
                    lsp.change(uri, 2, edit)
                    lsp.diagnostics(uri, 2)
                    changed.append(time.perf_counter() - begin - CHANGE_DELAY)
                    fixable = [d for d in diagnostics if (d.data or {}).get("fix")]
                    if not fixable:
                        continue
                    actions = [a for a in lsp.code_actions(uri, everything()) if a.diagnostics]
                    action = next(a for a in actions if "Disable" not in a.title)
                    begin = time.perf_counter()
                    lsp.resolve(action)
                    fixes.append(time.perf_counter() - begin)
                    checked = check_script("#\n" + text, None)
                    finding = next(f for f in checked.findings if f.fix is not None)
                    begin = time.perf_counter()
                    fix_one("#\n" + text, finding)
                    local_fixes.append(time.perf_counter() - begin)
            lsp.shutdown_and_exit()
        finally:
            lsp.close()

    def ratio(a: list[float], b: list[float]) -> float:
        return statistics.median(a) / statistics.median(b)

    def median_ms(values: list[float]) -> float:
        return statistics.median(values) * 1000

    print(f"examples: {len(EXAMPLES)}, rounds: {rounds}")
    print(f"start (process, imports, worker, first check): {startup * 1000:.0f} ms")
    print(
        f"open -> diagnostics: {median_ms(opened):.1f} ms median; in-process check "
        f"{median_ms(local):.1f} ms; ratio {ratio(opened, local):.2f}x"
    )
    print(
        f"change -> diagnostics (less the {CHANGE_DELAY * 1000:.0f} ms pause): "
        f"{median_ms(changed):.1f} ms median; ratio "
        f"{statistics.median(changed) / statistics.median(local):.2f}x the in-process check"
    )
    if fixes:
        print(
            f"resolve a fix: {median_ms(fixes):.1f} ms median; in-process fix "
            f"{median_ms(local_fixes):.1f} ms; ratio "
            f"{statistics.median(fixes) / statistics.median(local_fixes):.2f}x"
        )


if __name__ == "__main__":
    main()
