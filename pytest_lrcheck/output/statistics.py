"""``--statistics``: how many findings of each code, most frequent first."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence

from pytest_lrcheck.lint.findings import Finding


def statistics(findings: Sequence[Finding]) -> list[dict[str, object]]:
    counts = Counter(f.code for f in findings)
    first: dict[str, Finding] = {}
    for finding in findings:
        first.setdefault(finding.code, finding)
    rows = []
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        finding = first[code]
        fixes = [f.fix for f in findings if f.code == code and f.fix is not None]
        safe = sum(1 for fix in fixes if fix.safety == "safe")
        rows.append(
            {"code": code, "name": finding.name, "count": count, "fixable": len(fixes),
             "safe_fixes": safe}
        )  # fmt: skip
    return rows


def render_statistics(findings: Sequence[Finding], fmt: str = "text") -> str:
    """The counts in output format ``fmt``: a JSON list; a SARIF log whose run carries them as
    ``properties.statistics`` beside the results (a SARIF reader expects results); notices for
    GitHub; a table otherwise."""
    rows = statistics(findings)
    if fmt == "json":
        return json.dumps(rows, indent=2) + "\n"
    if fmt == "sarif":
        from pytest_lrcheck.output.sarif import render_sarif

        return render_sarif(findings, properties={"statistics": rows})
    if fmt == "github":
        return "".join(
            f"::notice title=lrcheck statistics::{row['count']} {row['code']} {row['name']}\n"
            for row in rows
        )
    width = max((len(str(row["count"])) for row in rows), default=1)
    lines = []
    for row in rows:
        # [*] as in the findings: fixable by --fix without --unsafe-fixes.
        marker = "[*]" if row["safe_fixes"] else "   "
        lines.append(f"{row['count']:>{width}}  {row['code']}  {marker} {row['name']}")
    return "".join(line + "\n" for line in lines)
