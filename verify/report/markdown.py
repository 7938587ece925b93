"""Markdown summary of a report."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from ..model import VERDICTS


def _doc_table(report: dict[str, Any]) -> list[str]:
    per_doc: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for c in report["claims"]:
        for doc in {s["document"] for s in c["sources"]}:
            per_doc[doc][c["verdict"]] += 1
    lines = ["| document | " + " | ".join(VERDICTS) + " |", "|---|" + "---|" * len(VERDICTS)]
    for doc in sorted(per_doc):
        title = report.get("documents", {}).get(doc, {}).get("title", "")
        lines.append(f"| `{doc}` {title} | " + " | ".join(str(per_doc[doc].get(v, 0)) for v in VERDICTS) + " |")
    return lines


def render_markdown(report: dict[str, Any]) -> str:
    run = report["run"]
    out = [
        "# Theorem-check report",
        "",
        f"Profile `{run['profile']}`, seed {run['seed']}, {len(report['claims'])} claims, "
        f"{run['duration_s']:.1f} s, commit `{run.get('git_commit')}`.",
        "",
        "Verdicts: " + ", ".join(f"**{v}** {n}" for v, n in run["counts"].items() if n),
        "",
    ]
    if run["ledger_mismatches"]:
        out += ["**Ledger mismatches:** " + ", ".join(f"`{m['id']}` (expected {m['expected']}, live {m['live']})" for m in run["ledger_mismatches"]), ""]
    out += ["## Summary per document", ""] + _doc_table(report) + [""]
    findings = [c for c in report["claims"] if c["verdict"] in ("refuted", "corrected", "scoped", "proof-gap", "error")]
    if findings:
        out += ["## Findings: claims that do not hold as printed, or whose proof has a gap", ""]
        for c in findings:
            src = "; ".join(f"{s['document'][:3]} {s['label']}" for s in c["sources"])
            out.append(f"- **{c['verdict']}** `{c['id']}` ({src}): {c['reason']}")
            for ch in c["checks"]:
                if ch["status"] == "fail":
                    out.append(f"  - {ch['summary']}")
            if c.get("corrected_statement"):
                out.append(f"  - corrected: {c['corrected_statement']}")
            if c.get("scope"):
                out.append(f"  - scope: {c['scope']}")
        out.append("")
    out += ["## Claims", ""]
    out += ["| claim | sources | kind | verdict | why |", "|---|---|---|---|---|"]
    for c in report["claims"]:
        src = "; ".join(f"{s['document'][:3]} {s['label']}" for s in c["sources"])
        out.append(f"| `{c['id']}` {c['title']} | {src} | {c['kind']} | **{c['verdict']}** | {c['reason']} |")
    out.append("")
    for c in report["claims"]:
        out += [f"### {c['id']} — {c['title']}", "", f"**Verdict: {c['verdict']}** — {c['reason']}", ""]
        out += ["Sources: " + "; ".join(f"`{s['document']}` {s['label']}" for s in c["sources"]), ""]
        out += ["> " + c["statement"].replace("\n", "\n> "), ""]
        if c.get("corrected_statement"):
            out += [f"Corrected statement: {c['corrected_statement']}", ""]
        if c.get("scope"):
            out += [f"Scope: {c['scope']}", ""]
        for ch in c["checks"]:
            out.append(f"- `{ch['name']}` ({ch['method']}, {ch['role']}): **{ch['status']}** — {ch['summary']}")
            if ch.get("tolerance"):
                out.append(f"  - tolerance: {ch['tolerance']}")
            if ch.get("counterexample") is not None:
                out.append(f"  - counterexample: `{json.dumps(ch['counterexample'], ensure_ascii=False)[:500]}`")
            for f in ch.get("figures", []):
                if f.get("path"):
                    out.append(f"  - figure: ![{f['caption']}]({f['path']})")
        out.append("")
    return "\n".join(out)
