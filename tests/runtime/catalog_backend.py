"""Run every runtime example of the catalog on one Keras backend, in a process of its own.

    KERAS_BACKEND=torch python -m tests.runtime.catalog_backend [--only LRC501,...] [--examples]

prints one JSON object per block (a document's Example and its Use instead): its code, the
block, the verdict the document promises, and whether the check's report keeps that promise
(``ok``), with the report's codes and warnings; an error is a row too, never a crash.
``--examples`` runs the Example blocks only (the documented failures).
`tests/runtime/test_backend_parity.py` starts one per backend.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import traceback
import warnings

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

from tests.runtime.catalog_runs import assert_verdict, run_block, runtime_docs

KINDS = ("example", "use instead")


def _row(code: str, kind: str) -> dict[str, object]:
    doc = next(doc for doc in runtime_docs() if doc.code == code)
    block = doc.examples[0] if kind == "example" else doc.good_examples[0]
    began = time.perf_counter()
    row: dict[str, object] = {"block": f"{code} {kind}", "code": code, "kind": kind}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            expected, report = run_block(doc, block)
        row.update(
            expected=expected,
            healthy=report.healthy,
            codes=list(report.codes),
            warnings=list(report.warning_codes),
        )
        assert_verdict(doc, kind, report)
        row["ok"] = True
    except AssertionError as failed:
        row.update(ok=False, detail=str(failed)[-600:])
    except Exception:  # a crash is a result of this run, reported with the rest
        row.update(ok=False, detail=traceback.format_exc()[-1500:])
    row["seconds"] = round(time.perf_counter() - began, 2)
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", default="", help="comma-separated codes (default: all)")
    parser.add_argument("--examples", action="store_true", help="only the Example blocks")
    args = parser.parse_args(argv)
    kinds = KINDS[:1] if args.examples else KINDS
    wanted = set(filter(None, args.only.split(",")))
    for doc in runtime_docs():
        if wanted and doc.code not in wanted:
            continue
        for kind in kinds:
            print(json.dumps(_row(doc.code, kind)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
