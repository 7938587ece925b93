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
    checks: Iterable[str] | None = None,
) -> ClaimResult:
    """Run the checks of ``claim`` (optionally only those with the given roles / names)."""
    _quiet_numeric_libraries()
    t0 = time.perf_counter()
    results: list[CheckResult] = []
    figures = []
    role_set = set(roles) if roles is not None else None
    name_set = set(checks) if checks is not None else None
    for check in claim.checks:
        if role_set is not None and check.role not in role_set:
            continue
        if name_set is not None and check.name not in name_set:
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
            results.append(CheckResult(check, outcome, None, time.perf_counter() - t, frozenset(ctx.printed.read)))
        except Exception:  # a crashing check is an error verdict, never a pass
            results.append(CheckResult(check, None, traceback.format_exc(), time.perf_counter() - t,
                                       frozenset(ctx.printed.read)))
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


def _run_by_id(args):
    """Worker entry point: run one claim in a child process, return a picklable summary."""
    from .registry import get_claim

    claim_id, profile, seed, out_dir, verbose = args
    r = run_claim(get_claim(claim_id), profile=profile, seed=seed, out_dir=out_dir, verbose=verbose)
    checks = [(cr.check.name, cr.outcome, cr.error, cr.seconds, cr.printed_read) for cr in r.checks]
    return claim_id, r.verdict, r.reason, checks, r.seconds, r.figures


def run_many(
    claims: list[Claim],
    profile: str = "quick",
    seed: int = 20211,
    out_dir: Path | None = None,
    progress: bool = True,
    verbose: bool = False,
    jobs: int = 1,
) -> list[ClaimResult]:
    """Run claims (in ``jobs`` worker processes when > 1), printing one progress line per claim."""
    n = len(claims)
    t0 = time.perf_counter()
    results: dict[str, ClaimResult] = {}

    def report(i: int, r: ClaimResult) -> None:
        if progress:
            flag = "" if r.matches_ledger else f"   <-- ledger expects {r.expected}"
            print(f"[{i:>3}/{n}] {r.claim.id} ... {r.verdict} ({r.seconds:.1f}s, elapsed {time.perf_counter() - t0:.0f}s){flag}",
                  file=sys.stderr, flush=True)

    if jobs <= 1 or n <= 1:
        for i, c in enumerate(claims, 1):
            r = run_claim(c, profile=profile, seed=seed, out_dir=out_dir, verbose=verbose)
            results[c.id] = r
            report(i, r)
    else:
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor, as_completed

        by_id = {c.id: c for c in claims}
        # longest first (by a previous run's order is unknown): keep registry order, it is stable
        with ProcessPoolExecutor(max_workers=jobs, mp_context=mp.get_context("fork")) as pool:
            futs = [pool.submit(_run_by_id, (c.id, profile, seed, out_dir, verbose)) for c in claims]
            for i, fut in enumerate(as_completed(futs), 1):
                cid, verdict, reason, checks, seconds, figures = fut.result()
                c = by_id[cid]
                named = {ch.name: ch for ch in c.checks}
                r = ClaimResult(
                    claim=c, verdict=verdict, reason=reason,
                    checks=[CheckResult(named[name], o, e, s, k) for name, o, e, s, k in checks],
                    seconds=seconds, profile=profile, expected=ledger.expected(cid), figures=figures,
                )
                results[cid] = r
                report(i, r)
    return [results[c.id] for c in claims]


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
