"""Assemble the report dictionary and write it as JSON / Markdown / HTML."""

from __future__ import annotations

import datetime as _dt
import json
import platform
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

from ..cases import load_cases
from ..model import DOCUMENTS, VERDICTS
from ..paths import REPO_ROOT
from ..runner import ClaimResult
from .jsonable import to_jsonable

SCHEMA_VERSION = "1.0"


def _versions() -> dict[str, str]:
    import importlib.metadata as md

    out = {"python": platform.python_version(), "platform": platform.platform()}
    for pkg in ("sympy", "numpy", "scipy", "networkx", "hypothesis", "torch", "matplotlib"):
        try:
            out[pkg] = md.version(pkg)
        except md.PackageNotFoundError:
            out[pkg] = "missing"
    return out


def _git_commit() -> str | None:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO_ROOT, capture_output=True, text=True, timeout=5
        ).stdout.strip() or None
    except Exception:
        return None


def _load_errors() -> list[str]:
    from ..registry import LOAD_ERRORS

    return [f"load: {e}" for e in LOAD_ERRORS]


def claim_record(r: ClaimResult) -> dict[str, Any]:
    rec = r.claim.to_dict()
    rec.pop("checks")
    rec.pop("printed_keys")
    rec["printed"] = to_jsonable(load_cases().get(r.claim.id, {}))
    rec.update(
        verdict=r.verdict,
        reason=r.reason,
        expected_verdict=r.expected,
        matches_ledger=r.matches_ledger,
        seconds=round(r.seconds, 4),
    )
    checks = []
    for cr in r.checks:
        o = cr.outcome
        checks.append(
            {
                "name": cr.check.name,
                "method": cr.check.method,
                "role": cr.check.role,
                "description": cr.check.description,
                "status": cr.status,
                "summary": o.summary if o else "check raised an exception",
                "details": to_jsonable(o.details) if o else {},
                "counterexample": to_jsonable(o.counterexample) if o else None,
                "tolerance": o.tolerance if o else None,
                "cases": o.cases if o else None,
                "tables": to_jsonable(o.tables) if o else [],
                "figures": [{"name": f.name, "caption": f.caption, "path": f.path} for f in (o.figures if o else [])],
                "seconds": round(cr.seconds, 4),
                "error": cr.error,
            }
        )
    rec["checks"] = checks
    return rec


def build_report(results: list[ClaimResult], profile: str, seed: int, duration: float, only: str | None = None) -> dict[str, Any]:
    counts = Counter(r.verdict for r in results)
    mismatches = [
        {"id": r.claim.id, "expected": r.expected, "live": r.verdict} for r in results if not r.matches_ledger
    ]
    return {
        "schema": "symmetry-verify/report",
        "schema_version": SCHEMA_VERSION,
        "run": {
            "started": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
            "duration_s": round(duration, 3),
            "profile": profile,
            "seed": seed,
            "only": only,
            "git_commit": _git_commit(),
            "versions": _versions(),
            "counts": {v: counts.get(v, 0) for v in VERDICTS},
            "ledger_mismatches": mismatches,
            "errors": [r.claim.id for r in results if r.verdict == "error"] + _load_errors(),
        },
        "documents": {doc: {"marker": m, "title": t} for doc, (m, t) in DOCUMENTS.items()},
        "claims": [claim_record(r) for r in results],
    }


def write_report(report: dict[str, Any], results: list[ClaimResult], out_dir: Path, formats: list[str]) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    if "json" in formats:
        p = out_dir / "report.json"
        p.write_text(json.dumps(report, indent=2, ensure_ascii=False))
        written.append(p)
    if "md" in formats:
        from .markdown import render_markdown

        p = out_dir / "report.md"
        p.write_text(render_markdown(report))
        written.append(p)
    if "html" in formats:
        from .html import render_html

        p = out_dir / "report.html"
        p.write_text(render_html(report, results))
        written.append(p)
    return written
