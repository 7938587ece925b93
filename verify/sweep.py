"""Compare a printed formula (data) with an independently computed truth over a grid."""

from __future__ import annotations

from typing import Any, Callable, Iterable

from .model import Outcome, failed, passed


def compare_over(
    cases: Iterable[tuple[Any, ...]],
    printed: Callable[..., Any],
    truth: Callable[..., Any],
    what: str,
    how: str,
) -> Outcome:
    """Evaluate ``printed(*case)`` and ``truth(*case)`` exactly on every case; the first
    disagreement (cases are expected in increasing size) is the minimal counterexample."""
    n = 0
    rows = []
    for case in cases:
        p, t = printed(*case), truth(*case)
        n += 1
        if len(rows) < 12:
            rows.append([", ".join(map(str, case)), str(p), str(t)])
        if p != t:
            return failed(
                f"{what}: printed value {p} differs from {how} {t} at {case}",
                counterexample={"case": list(case), "printed": p, "truth": t},
                cases=n,
                tables=[{"title": f"{what}: first cases", "columns": ["case", "printed", how], "rows": rows}],
            )
    return passed(
        f"{what}: printed value equals {how} exactly on all {n} cases",
        cases=n,
        tables=[{"title": f"{what}: first cases", "columns": ["case", "printed", how], "rows": rows}],
    )
