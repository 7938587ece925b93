"""A single self-contained HTML page (inline CSS and SVG; opens offline, no CDN)."""

from __future__ import annotations

import html as _html
import json
from collections import defaultdict
from typing import Any

import jinja2

from ..model import VERDICTS
from .depgraph import VERDICT_COLOURS, dependency_svg

TEMPLATE = r"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Theorem-check report</title>
<style>
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:1150px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
h1{margin-bottom:.2em} h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;margin:.8em 0;font-size:.92em} th,td{border:1px solid #ddd;padding:.3em .55em;vertical-align:top} th{background:#f5f5f5}
.badge{display:inline-block;padding:.08em .55em;border-radius:.8em;color:#fff;font-size:.85em;font-weight:600;white-space:nowrap}
{% for v, col in colours.items() %}.v-{{v}}{background:{{col}}}
{% endfor %}
.claim{border:1px solid #ddd;border-radius:6px;padding:.6em 1em;margin:1.2em 0}
.statement{background:#fafafa;border-left:4px solid #bbb;padding:.4em .8em;white-space:pre-wrap}
pre{background:#f6f8fa;padding:.5em;overflow-x:auto;font-size:.85em;max-height:22em}
code{background:#f6f8fa;padding:0 .2em}
.mismatch{color:#c62828;font-weight:700}
figure{margin:.6em 0} figure svg{max-width:100%;height:auto} figcaption{font-size:.85em;color:#555}
details summary{cursor:pointer;color:#1565c0}
.small{font-size:.85em;color:#555}
</style></head><body>
<h1>Theorem-check report</h1>
<p class="small">Profile <b>{{run.profile}}</b> · seed {{run.seed}} · {{claims|length}} claims · {{'%.1f'|format(run.duration_s)}} s · commit <code>{{run.git_commit}}</code> · {{run.started}}<br>
{% for k, v in run.versions.items() %}{{k}} {{v}}{% if not loop.last %} · {% endif %}{% endfor %}</p>
<p>{% for v, n in run.counts.items() %}{% if n %}<span class="badge v-{{v}}">{{v}} {{n}}</span> {% endif %}{% endfor %}</p>
{% if run.errors %}<p class="mismatch">Errors: {{run.errors|join('; ')}}</p>{% endif %}
{% if run.ledger_mismatches %}<p class="mismatch">Ledger mismatches: {% for m in run.ledger_mismatches %}{{m.id}} (expected {{m.expected or 'nothing: not in the ledger'}}, live {{m.live}}){% if not loop.last %}, {% endif %}{% endfor %}</p>{% endif %}

<p class="small">Verdicts: <b>verified</b> every statement check passed · <b>refuted</b> explicit counterexample · <b>corrected</b> false as printed, corrected statement verified · <b>scoped</b> holds exactly on a stated domain · <b>proof-gap</b> statement holds, a proof step fails · <b>not-checkable</b> reason given · <b>error</b> a check crashed. Printed values are data (shown per claim); every check computes the truth independently.</p>
<h2>Summary per document</h2>
<table><tr><th>document</th>{% for v in verdicts %}<th>{{v}}</th>{% endfor %}</tr>
{% for doc, row in per_doc %}<tr><td><code>{{doc}}</code><br><span class="small">{{documents.get(doc, {}).get('title','')}}</span></td>{% for v in verdicts %}<td>{{row.get(v, 0) or ''}}</td>{% endfor %}</tr>{% endfor %}
</table>

{% if findings %}<h2>Findings: claims that do not hold as printed, or whose proof has a gap</h2>
<table><tr><th>claim</th><th>verdict</th><th>what is wrong, and what holds</th></tr>
{% for c in findings %}<tr><td><a href="#{{c.id}}">{{c.id}}</a><br><span class="small">{% for s in c.sources %}{{s.document[:3]}} {{s.label}}{% if not loop.last %}; {% endif %}{% endfor %}</span></td>
<td><span class="badge v-{{c.verdict}}">{{c.verdict}}</span></td>
<td>{% for ch in c.checks if ch.status == 'fail' %}{{ch.summary}}{% if ch.counterexample is not none %}<br><span class="small">counterexample: <code>{{ch.counterexample|tojson_short}}</code></span>{% endif %}<br>{% endfor %}
{% if c.corrected_statement %}<b>Corrected:</b> {{c.corrected_statement}}<br>{% endif %}{% if c.scope %}<b>Scope:</b> {{c.scope}}{% endif %}</td></tr>{% endfor %}
</table>{% endif %}

<h2>All claims</h2>
<table><tr><th>claim</th><th>sources</th><th>kind</th><th>verdict</th></tr>
{% for c in claims %}<tr><td><a href="#{{c.id}}">{{c.id}}</a><br><span class="small">{{c.title}}</span></td>
<td class="small">{% for s in c.sources %}{{s.document[:3]}} {{s.label}}{% if not loop.last %}<br>{% endif %}{% endfor %}</td>
<td>{{c.kind}}</td><td><span class="badge v-{{c.verdict}}">{{c.verdict}}</span>{% if not c.matches_ledger %} <span class="mismatch">ledger: {{c.expected_verdict or 'missing'}}</span>{% endif %}</td></tr>{% endfor %}
</table>

{% if depgraph %}<h2>Dependency graph</h2><figure>{{depgraph|safe}}</figure>{% endif %}

<h2>Claims in detail</h2>
{% for c in claims %}
<div class="claim" id="{{c.id}}">
<h3>{{c.title}} <span class="badge v-{{c.verdict}}">{{c.verdict}}</span></h3>
<p class="small"><code>{{c.id}}</code> · kind {{c.kind}} · {{'%.2f'|format(c.seconds)}} s ·
sources: {% for s in c.sources %}<code>{{s.document}}</code> {{s.label}}{% if not loop.last %}; {% endif %}{% endfor %}
{% if c.depends %} · depends on {% for d in c.depends %}<a href="#{{d}}">{{d}}</a>{% if not loop.last %}, {% endif %}{% endfor %}{% endif %}</p>
<div class="statement">{{c.statement}}</div>
{% if c.latex %}<p class="small">LaTeX: <code>{{c.latex}}</code></p>{% endif %}
{% if c.hypotheses %}<p class="small">Hypotheses: {{c.hypotheses|join('; ')}}</p>{% endif %}
<p><b>Verdict:</b> {{c.verdict}} — {{c.reason}}</p>
{% if c.corrected_statement %}<p><b>Corrected statement:</b> {{c.corrected_statement}}</p>{% endif %}
{% if c.scope %}<p><b>Scope:</b> {{c.scope}}</p>{% endif %}
{% if c.notes %}<p class="small"><b>Notes:</b> {{c.notes}}</p>{% endif %}
<table><tr><th>check</th><th>method</th><th>role</th><th>status</th><th>evidence</th></tr>
{% for ch in c.checks %}<tr><td><code>{{ch.name}}</code>{% if ch.description %}<br><span class="small">{{ch.description}}</span>{% endif %}</td><td>{{ch.method}}</td><td>{{ch.role}}</td>
<td>{{ch.status}}<br><span class="small">{{'%.2f'|format(ch.seconds)}} s{% if ch.cases %} · {{ch.cases}} cases{% endif %}</span></td>
<td>{{ch.summary}}
{% if ch.tolerance %}<br><span class="small">tolerance: {{ch.tolerance}}</span>{% endif %}
{% if ch.counterexample is not none %}<br><b>Counterexample:</b><pre>{{ch.counterexample|tojson_pretty}}</pre>{% endif %}
{% for t in ch.tables %}<details{% if t.rows|length <= 6 %} open{% endif %}><summary>{{t.get('title') or 'table'}} ({{t.rows|length}} rows)</summary><table><tr>{% for h in t.columns %}<th>{{h}}</th>{% endfor %}</tr>{% for row in t.rows %}<tr>{% for x in row %}<td>{{x}}</td>{% endfor %}</tr>{% endfor %}</table></details>{% endfor %}
{% if ch.details %}<details><summary>details</summary><pre>{{ch.details|tojson_pretty}}</pre></details>{% endif %}
{% if ch.error %}<pre>{{ch.error}}</pre>{% endif %}
</td></tr>{% endfor %}
</table>
{% for f in figs.get(c.id, []) %}<figure>{{f.svg|safe}}<figcaption>{{f.caption}}</figcaption></figure>{% endfor %}
{% if c.printed %}<details><summary>printed values (data from cases/)</summary><pre>{{c.printed|tojson_pretty}}</pre></details>{% endif %}
</div>
{% endfor %}
</body></html>
"""


def render_html(report: dict[str, Any], results: list) -> str:
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    env.filters["tojson_pretty"] = lambda x: json.dumps(x, indent=1, ensure_ascii=False)[:6000]
    env.filters["tojson_short"] = lambda x: json.dumps(x, ensure_ascii=False)[:300]
    per_doc: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for c in report["claims"]:
        for doc in {s["document"] for s in c["sources"]}:
            per_doc[doc][c["verdict"]] += 1
    figs = {r.claim.id: [f for f in r.figures if f.svg] for r in results}
    try:
        dep = dependency_svg(report)
    except Exception as exc:  # a drawing failure must not hide the verdicts
        dep = f"<p>dependency graph could not be drawn: {_html.escape(str(exc))}</p>"
    return env.from_string(TEMPLATE).render(
        run=report["run"],
        claims=report["claims"],
        documents=report.get("documents", {}),
        verdicts=VERDICTS,
        colours=VERDICT_COLOURS,
        per_doc=sorted((d, dict(r)) for d, r in per_doc.items()),
        depgraph=dep,
        figs=figs,
        findings=[c for c in report["claims"] if c["verdict"] in ("refuted", "corrected", "scoped", "proof-gap", "error")],
    )
