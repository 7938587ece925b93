"""Benchmark: closed forms vs enumeration vs the literal definitional sums for T(r,m), G(r,m).

``python -m verify bench [--budget SECONDS]`` grows m (with r = ⌈m/2⌉, the hardest middle
range) for each method until one evaluation takes longer than the budget, then prints
the largest size each method reached and the speed ratio against the literal printed sum
at the largest size all methods reached.  Speed targets belong here, not in timed tests.
"""

from __future__ import annotations

import json
import math
import sys
import time
from typing import Callable

from .combinatorics import G_egf, G_printed_sum, T_egf, T_printed_sum, count_objects
from .printed_formula import integer_function

G_CLOSED = "=Sum(binomial(r, i)*(-1)**(r - i)*i**m, (i, 1, r))"
T_CLOSED = "=G(r, m) + Sum(binomial(m, u)*G(r, m - u)*g(u), (u, 1, m - r))"
g_PRINTED = "=Sum(G(j, u)/factorial(j), (j, 1, u))"


def _methods() -> dict[str, dict[str, Callable[[int, int], int]]]:
    G = integer_function(G_CLOSED, ("r", "m"))
    g = integer_function(g_PRINTED, ("u",), {"G": G})
    T = integer_function(T_CLOSED, ("r", "m"), {"G": G, "g": g})
    return {
        "G": {"printed sum": G_printed_sum, "enumeration": lambda r, m: count_objects("G", r, m),
              "EGF": G_egf, "closed form": G},
        "T": {"printed sum": T_printed_sum, "enumeration": lambda r, m: count_objects("T", r, m),
              "EGF": T_egf, "closed form": T},
    }


def _time(fn: Callable[[int, int], int], r: int, m: int) -> float:
    t = time.perf_counter()
    fn(r, m)
    return time.perf_counter() - t


def run(budget: float = 1.0, max_m: int = 400) -> dict:
    results: dict = {}
    for count, methods in _methods().items():
        results[count] = {}
        for name, fn in methods.items():
            timings = {}
            m = 1
            while m <= max_m:
                r = math.ceil(m / 2)
                dt = _time(fn, r, m)
                timings[m] = dt
                print(f"  {count} {name:<12} m={m:<4} r={r:<4} {dt * 1e3:9.2f} ms", file=sys.stderr, flush=True)
                if dt > budget:
                    break
                m = m + 1 if m < 12 else int(m * 1.5)
            results[count][name] = timings
    return results


def summarise(results: dict) -> str:
    lines = []
    for count, methods in results.items():
        common = min(max(t) for t in methods.values())
        base = methods["printed sum"].get(common)
        lines.append(f"\n{count}(r, m), r = ceil(m/2): largest m within budget, and time at m = {common}")
        lines.append(f"| method | largest m | time at m={common} | speed-up vs printed sum |")
        lines.append("|---|---|---|---|")
        for name, t in methods.items():
            at = t.get(common)
            ratio = f"{base / at:.3g}x" if base and at else "-"
            lines.append(f"| {name} | {max(t)} | {at * 1e3:.2f} ms | {ratio} |" if at else f"| {name} | {max(t)} | - | - |")
    return "\n".join(lines)


def main(budget: float = 1.0, out: str | None = None) -> int:
    res = run(budget)
    print(summarise(res))
    if out:
        with open(out, "w") as fh:
            json.dump(res, fh, indent=1)
    return 0
