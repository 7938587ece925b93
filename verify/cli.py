"""Command line: ``python -m verify {report,list,show,ledger,bench}``."""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
import time
from pathlib import Path

from . import ledger as _ledger
from .registry import all_claims, get_claim, select
from .runner import run_claim, run_many

FORMATS = ("json", "md", "html")


def _formats(s: str) -> list[str]:
    fs = [f.strip() for f in s.split(",") if f.strip()]
    bad = [f for f in fs if f not in FORMATS]
    if bad:
        raise argparse.ArgumentTypeError(f"unknown format(s) {bad}; choose from {','.join(FORMATS)}")
    return fs


def cmd_report(a: argparse.Namespace) -> int:
    from .report import build_report, write_report

    claims = select(a.only)
    if not claims:
        print(f"no claim matches --only {a.only!r}; see `python -m verify list`", file=sys.stderr)
        return 2
    out = Path(a.out)
    print(f"running {len(claims)} claim(s), profile {a.profile}, seed {a.seed} -> {out}/", file=sys.stderr)
    t0 = time.perf_counter()
    results = run_many(claims, profile=a.profile, seed=a.seed, out_dir=out, progress=not a.quiet, verbose=a.verbose,
                       jobs=a.jobs)
    report = build_report(results, a.profile, a.seed, time.perf_counter() - t0, a.only)
    for p in write_report(report, results, out, a.format):
        print(f"wrote {p}", file=sys.stderr)
    counts = ", ".join(f"{v} {n}" for v, n in report["run"]["counts"].items() if n)
    print(f"verdicts: {counts}", file=sys.stderr)
    from .registry import LOAD_ERRORS

    for e in LOAD_ERRORS:
        print(f"LOAD ERROR {e}", file=sys.stderr)
    bad = report["run"]["ledger_mismatches"]
    if LOAD_ERRORS:
        return 1
    if bad:
        for m in bad:
            print(f"LEDGER MISMATCH {m['id']}: expected {m['expected']}, live {m['live']}", file=sys.stderr)
        return 1
    return 0


def cmd_list(a: argparse.Namespace) -> int:
    for c in select(a.only):
        srcs = "; ".join(f"{s.document[:3]} {s.label}" for s in c.sources)
        print(f"{c.id:<48} {c.kind:<12} {(_ledger.expected(c.id) or '-'):<14} {srcs}")
    return 0


def cmd_show(a: argparse.Namespace) -> int:
    c = get_claim(a.id)
    print(f"{c.id}: {c.title}\nkind: {c.kind}")
    for s in c.sources:
        print(f"source: {s.document}  {s.label}")
    print("statement:\n" + textwrap.indent(textwrap.fill(c.statement, 96), "  "))
    if c.hypotheses:
        print("hypotheses: " + "; ".join(c.hypotheses))
    if c.depends:
        print("depends on: " + ", ".join(c.depends))
    for ch in c.checks:
        print(f"check {ch.name} [{ch.method}, {ch.role}]: {ch.description.splitlines()[0] if ch.description else ''}")
    print(f"ledger: {_ledger.expected(c.id)}")
    if a.run:
        r = run_claim(c, profile=a.profile, verbose=True)
        print(f"\nlive verdict: {r.verdict} — {r.reason} ({r.seconds:.2f}s)")
        for cr in r.checks:
            print(f"  {cr.check.name}: {cr.status} — {cr.outcome.summary if cr.outcome else cr.error}")
            if cr.outcome and cr.outcome.counterexample is not None:
                print(f"    counterexample: {cr.outcome.counterexample}")
    return 0


def cmd_ledger(a: argparse.Namespace) -> int:
    claims = select(a.only)
    results = run_many(claims, profile=a.profile, jobs=a.jobs)
    verdicts = {r.claim.id: r.verdict for r in results}
    errors = [cid for cid, v in verdicts.items() if v == "error"]
    if errors:
        print(f"refusing to record 'error' verdicts: {errors}", file=sys.stderr)
        return 1
    changed = {cid: v for cid, v in verdicts.items() if _ledger.expected(cid) != v}
    for cid, v in changed.items():
        print(f"{cid}: {_ledger.expected(cid)} -> {v}")
    if a.write:
        pkg = {c.id: c.module.removeprefix("theorems.") for c in claims}
        for p in _ledger.write_ledger(verdicts, pkg):
            print(f"wrote {p}", file=sys.stderr)
    elif changed:
        print("(dry run; pass --write to record)", file=sys.stderr)
    return 0


def cmd_bench(a: argparse.Namespace) -> int:
    from .bench import main as bench_main

    return bench_main(budget=a.budget)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m verify", description="Theorem-check suite for parameter-space symmetry claims.")
    sub = p.add_subparsers(dest="cmd", required=True)

    r = sub.add_parser("report", help="run the checks and write the report")
    r.add_argument("--only", help="comma-separated glob(s), substrings or document markers (e.g. simsek2021)")
    r.add_argument("--profile", choices=("quick", "full"), default="quick")
    r.add_argument("--out", default="report", help="output folder (default: ./report)")
    r.add_argument("--format", type=_formats, default=list(FORMATS), help="comma list of json,md,html")
    r.add_argument("--seed", type=int, default=20211)
    r.add_argument("--quiet", action="store_true", help="no per-claim progress lines")
    r.add_argument("--verbose", action="store_true", help="progress inside checks too")
    r.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (default: all CPUs)")
    r.set_defaults(fn=cmd_report)

    l = sub.add_parser("list", help="list claims with kind, ledger verdict and sources")
    l.add_argument("--only")
    l.set_defaults(fn=cmd_list)

    s = sub.add_parser("show", help="show one claim (and run it with --run)")
    s.add_argument("id")
    s.add_argument("--run", action="store_true")
    s.add_argument("--profile", choices=("quick", "full"), default="quick")
    s.set_defaults(fn=cmd_show)

    g = sub.add_parser("ledger", help="compare live verdicts with the ledger; --write records them")
    g.add_argument("--only")
    g.add_argument("--profile", choices=("quick", "full"), default="quick")
    g.add_argument("--write", action="store_true")
    g.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    g.set_defaults(fn=cmd_ledger)

    b = sub.add_parser("bench", help="benchmark closed forms vs enumeration vs literal sums")
    b.add_argument("--budget", type=float, default=1.0, help="seconds per single evaluation before a method stops growing")
    b.set_defaults(fn=cmd_bench)

    a = p.parse_args(argv)
    try:
        return a.fn(a)
    except KeyError as exc:
        print(exc.args[0] if exc.args else exc, file=sys.stderr)
        return 2
