"""Running claims: every check of a claim, timing, errors captured, verdict decided."""

from __future__ import annotations

import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from . import ledger
from .context import Context
from .model import Claim, CheckResult, decide_verdict


@dataclass
class ClaimResult:
    claim: Claim
    verdict: str
    reason: str
    checks: list[CheckResult]
    seconds: float
    profile: str
    expected: str | None = None
    figures: list = field(default_factory=list)

    @property
    def matches_ledger(self) -> bool:
        return self.expected == self.verdict


def run_claim(
    claim: Claim,
    profile: str = "quick",
    seed: int = 20211,
    out_dir: Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    roles: Iterable[str] | None = None,
    verbose: bool = False,
) -> ClaimResult:
    """Run the checks of ``claim`` (optionally only those with the given roles)."""
    _quiet_numeric_libraries()
    t0 = time.perf_counter()
    results: list[CheckResult] = []
    figures = []
    role_set = set(roles) if roles is not None else None
    for check in claim.checks:
        if role_set is not None and check.role not in role_set:
            continue
        if profile not in check.profiles:
            continue
        ctx = Context(claim, profile=profile, seed=seed, out_dir=out_dir, overrides=overrides, verbose=verbose)
        t = time.perf_counter()
        try:
            outcome = check.func(ctx)
            if outcome is None or not hasattr(outcome, "status"):
                raise TypeError(f"check {check.name} returned {outcome!r}, expected an Outcome")
            outcome.figures = list(outcome.figures) + ctx.figures
            figures += outcome.figures
            results.append(CheckResult(check, outcome, None, time.perf_counter() - t))
        except Exception:  # a crashing check is an error verdict, never a pass
            results.append(CheckResult(check, None, traceback.format_exc(), time.perf_counter() - t))
    verdict, reason = decide_verdict(claim, results)
    return ClaimResult(
        claim=claim,
        verdict=verdict,
        reason=reason,
        checks=results,
        seconds=time.perf_counter() - t0,
        profile=profile,
        expected=ledger.expected(claim.id),
        figures=figures,
    )


def run_many(
    claims: list[Claim],
    profile: str = "quick",
    seed: int = 20211,
    out_dir: Path | None = None,
    progress: bool = True,
    verbose: bool = False,
) -> list[ClaimResult]:
    out = []
    n = len(claims)
    t0 = time.perf_counter()
    for i, c in enumerate(claims, 1):
        if progress:
            print(f"[{i:>3}/{n}] {c.id} ...", end="", file=sys.stderr, flush=True)
        r = run_claim(c, profile=profile, seed=seed, out_dir=out_dir, verbose=verbose)
        if progress:
            flag = "" if r.matches_ledger else f"   <-- ledger expects {r.expected}"
            print(f" {r.verdict} ({r.seconds:.1f}s, total {time.perf_counter() - t0:.0f}s){flag}", file=sys.stderr, flush=True)
        out.append(r)
    return out


_QUIETED = False


def _quiet_numeric_libraries() -> None:
    """Deterministic, single-threaded numerics (2-core CI; reproducible float sums)."""
    global _QUIETED
    if _QUIETED:
        return
    import matplotlib

    matplotlib.use("Agg")
    try:
        import torch

        torch.set_num_threads(1)
        torch.set_default_dtype(torch.float64)
    except Exception:  # torch missing is reported by the checks that need it
        pass
    _QUIETED = True
