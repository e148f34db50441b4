"""The CI gate: fail when a headline metric of the system under test is below its floor.

thresholds.json:

    {"floors":   {"accuracy": 0.0, "hit@5": 0.0, ...},     fractions (MRR too): the metric must be ≥ the floor
     "ceilings": {"latency_p95_ms": null, ...}}            milliseconds: the metric must be ≤ the ceiling (null: none)

A metric the report could not measure (n/a, e.g. retrieval when scoring
answers produced elsewhere) fails only a floor above 0.
"""

from __future__ import annotations

import json
from pathlib import Path


def check(report: dict, thresholds: dict) -> list[str]:
    """One line per violated threshold; empty when the gate passes."""
    overall = report["systems"][report["primary"]]["overall"]
    failures = []
    for metric, floor in (thresholds.get("floors") or {}).items():
        if floor is None:
            continue
        if metric not in overall:
            failures.append(f"{metric}: unknown metric (floor {floor})")
            continue
        value = overall[metric]
        if value is None:
            if floor > 0:
                failures.append(f"{metric}: not measured, floor {floor}")
        elif value < floor:
            failures.append(f"{metric}: {value:.4f} is below its floor {floor}")
    for metric, ceiling in (thresholds.get("ceilings") or {}).items():
        if ceiling is None:
            continue
        value = overall.get(metric)
        if value is not None and value > ceiling:
            failures.append(f"{metric}: {value:.1f} is above its ceiling {ceiling}")
    return failures


def gate(report_path: str | Path, thresholds_path: str | Path) -> tuple[bool, list[str]]:
    report = json.loads(Path(report_path).read_text(encoding="utf-8"))
    thresholds = json.loads(Path(thresholds_path).read_text(encoding="utf-8"))
    failures = check(report, thresholds)
    return not failures, failures
