"""The dependency graph of claims (a formalisation-blueprint style picture), as SVG."""

from __future__ import annotations

import io
from typing import Any

import networkx as nx

VERDICT_COLOURS = {
    "verified": "#2e7d32",
    "refuted": "#c62828",
    "corrected": "#ef6c00",
    "scoped": "#1565c0",
    "proof-gap": "#8e24aa",
    "not-checkable": "#757575",
    "error": "#000000",
}


def claim_graph(report: dict[str, Any]) -> nx.DiGraph:
    g = nx.DiGraph()
    for c in report["claims"]:
        g.add_node(c["id"], verdict=c["verdict"])
    for c in report["claims"]:
        for d in c["depends"]:
            if d in g:
                g.add_edge(d, c["id"])
    return g


def dependency_svg(report: dict[str, Any]) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    g = claim_graph(report)
    if g.number_of_nodes() == 0:
        return ""
    # only draw claims that take part in a dependency, plus a note of the isolated ones
    core = g.subgraph([n for n in g if g.degree(n) > 0]).copy()
    if core.number_of_nodes() == 0:
        return ""
    for layer, nodes in enumerate(nx.topological_generations(core)):
        for n in nodes:
            core.nodes[n]["layer"] = layer
    pos = nx.multipartite_layout(core, subset_key="layer", align="horizontal", scale=1.0)
    width = max(8.0, 1.6 * max(sum(1 for n in core if core.nodes[n]["layer"] == l) for l in {core.nodes[n]["layer"] for n in core}))
    height = max(3.0, 1.4 * (1 + max(core.nodes[n]["layer"] for n in core)))
    fig, ax = plt.subplots(figsize=(min(width, 40), min(height, 30)))
    colours = [VERDICT_COLOURS[core.nodes[n]["verdict"]] for n in core]
    nx.draw_networkx_edges(core, pos, ax=ax, arrows=True, arrowsize=10, edge_color="#999999", node_size=300)
    nx.draw_networkx_nodes(core, pos, ax=ax, node_color=colours, node_size=300)
    nx.draw_networkx_labels(core, {n: (x, y - 0.06) for n, (x, y) in pos.items()}, ax=ax, font_size=7,
                            labels={n: n.split(".", 1)[-1] for n in core})
    ax.set_axis_off()
    ax.set_title("Claim dependencies (arrow: used by); colour = verdict", fontsize=9)
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight")
    plt.close(fig)
    return buf.getvalue()
