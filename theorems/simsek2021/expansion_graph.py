"""Geometry of the expansion manifold Θ_{r→m} (Theorem 3.1, Figure 4, Definitions 3.2–3.3, Prop. 4.3).

The subspaces are built as concrete affine subspaces {E x = f} of parameter space from a
seeded random irreducible point with rational entries (``verify.subspaces``), so that
intersection, containment and dimension are decided exactly; the connectivity graph joins
subspaces that intersect (a move of the paper's proof passes through a common point).
Torch checks evaluate real two-layer networks at points of every subspace.
"""

from __future__ import annotations

from fractions import Fraction

import networkx as nx
import numpy as np
import sympy as sp
import torch

from verify import claim, failed, passed
from verify.nets import activation, two_layer
from verify.numeric import max_abs_diff, rounding_tolerance
from verify.subspaces import (
    contains,
    expansion_graph,
    expansion_subspaces,
    intersects,
    point_in,
    random_rational_point,
    segment_path,
)

from . import DOC

#: (r, m, d_in, d_out) instances per profile
QUICK = [(1, 1, 1, 1), (1, 2, 1, 1), (2, 2, 1, 1), (1, 3, 2, 1), (2, 3, 1, 1), (2, 3, 1, 2), (3, 3, 1, 1),
         (3, 4, 1, 1), (2, 4, 1, 1), (1, 4, 1, 1), (3, 4, 2, 1), (2, 4, 1, 2)]
FULL = QUICK + [(3, 4, 2, 2), (2, 5, 1, 1), (3, 5, 1, 1), (4, 5, 1, 1), (1, 5, 1, 1)]


def _instances(ctx):
    return ctx.size(QUICK, FULL)


def _build(ctx, r, m, d_in, d_out):
    theta = random_rational_point(r, d_in, d_out, ctx.rng(f"theta-{r}-{m}-{d_in}-{d_out}"))
    S = expansion_subspaces(theta, m)
    return theta, S


# ---------------------------------------------------------------------------------------
DISTINCT = claim(
    id="simsek2021.expansion-subspaces-distinct",
    title="The subspaces of Θ_{r→m} are distinct and none includes another",
    sources=[(DOC, "Theorem 3.1"), (DOC, "Definition 3.3")],
    statement="For m ≥ r, the expansion manifold Θ_{r→m}(θ^r) of an irreducible point θ^r consists of exactly "
    "T(r,m) distinct affine subspaces (none is including another one).",
    kind="topology",
    depends=("simsek2021.T-count",),
    hypotheses=("θ^r irreducible",),
)


@DISTINCT.check("exact")
def no_subspace_contains_another(ctx):
    """For every pair of enumerated subspaces: exact rank test that neither contains the other."""
    rows, pairs = [], 0
    for r, m, di, do in _instances(ctx):
        _, S = _build(ctx, r, m, di, do)
        for i in range(len(S)):
            for j in range(i + 1, len(S)):
                pairs += 1
                if not intersects(S[i], S[j]):
                    continue  # disjoint non-empty sets: neither contains the other
                if contains(S[i], S[j]) or contains(S[j], S[i]):
                    return failed(f"subspace {S[i].key} and {S[j].key} are nested at (r,m)=({r},{m})",
                                  counterexample={"r": r, "m": m, "d_in": di, "d_out": do,
                                                  "A": repr(S[i].key), "B": repr(S[j].key)})
        rows.append([f"({r},{m}) d_in={di} d_out={do}", len(S)])
    return passed(f"no nesting among {pairs} pairs of subspaces over {len(rows)} instances (exact rational ranks)",
                  cases=pairs, tables=[{"title": "instances", "columns": ["(r,m), dims", "subspaces"], "rows": rows}])


# ---------------------------------------------------------------------------------------
DIMENSION = claim(
    id="simsek2021.expansion-dimension",
    title="Each subspace of Θ_{r→m} has dimension ≥ min(d_in, d_out)(m − r)",
    sources=[(DOC, "Theorem 3.1"), (DOC, "Abstract"), (DOC, "Section 1.1 (contribution 2)")],
    statement="The affine subspaces of Θ_{r→m}(θ^r) have dimension at least min(d_in, d_out)(m − r).",
    latex=r"\dim \mathcal{P}_\pi\Gamma_s(\theta^r) \ge \min(d_{in}, d_{out})(m-r)",
    kind="dimension",
    printed=("bound",),
    notes="The actual dimension of Γ_s with j zero-type groups is d_out(m − r − j) + j·d_in, so the bound is attained "
    "(by j = m − r singleton zero-type neurons when d_in ≤ d_out, by j = 0 otherwise). The Abstract's 'dimension at "
    "least h' is the case min(d_in, d_out) ≥ 1.",
)


@DIMENSION.check("exact")
def dimensions_by_exact_rank(ctx):
    """Dimension = D·m − rank(E) for every enumerated subspace, compared with the printed bound."""
    bound_f = sp.sympify(ctx.printed["bound"][1:], locals={"Min": sp.Min})
    rows, n = [], 0
    for r, m, di, do in _instances(ctx):
        _, S = _build(ctx, r, m, di, do)
        bound = int(bound_f.subs({"d_in": di, "d_out": do, "m": m, "r": r}))
        dims = [s.dimension for s in S]
        n += len(dims)
        for s, d in zip(S, dims):
            if d < bound:
                return failed(f"subspace {s.key} has dimension {d} < printed bound {bound}",
                              counterexample={"r": r, "m": m, "d_in": di, "d_out": do, "subspace": repr(s.key),
                                              "dimension": d, "bound": bound})
        rows.append([f"({r},{m})", f"{di},{do}", bound, min(dims), max(dims)])
    return passed(f"all {n} subspaces meet the bound; the minimum dimension equals the bound in every instance"
                  if all(row[2] == row[3] for row in rows) else f"all {n} subspaces meet the bound",
                  cases=n, tables=[{"title": "dimensions", "columns": ["(r,m)", "d_in,d_out", "bound", "min dim", "max dim"],
                                    "rows": rows}])


# ---------------------------------------------------------------------------------------
CONNECTED = claim(
    id="simsek2021.expansion-connected",
    title="Θ_{r→m} is connected by unions of line segments for m > r",
    sources=[(DOC, "Theorem 3.1"), (DOC, "Corollary 4.1"), (DOC, "Abstract")],
    statement="For m > r, Θ_{r→m}(θ^r) is connected: any pair of distinct points θ, θ' ∈ Θ_{r→m}(θ^r) is connected "
    "via a union of line segments γ: [0,1] → Θ_{r→m}(θ^r) with γ(0) = θ and γ(1) = θ'.",
    kind="topology",
    depends=("simsek2021.expansion-subspaces-distinct",),
    notes="For m = r the manifold is r! isolated points (disconnected for r ≥ 2); this is reported as a control.",
)


@CONNECTED.check("graph")
def intersection_graph_is_connected(ctx):
    """networkx: the graph of subspaces joined when they intersect is connected for every m > r instance."""
    rows = []
    for r, m, di, do in _instances(ctx):
        _, S = _build(ctx, r, m, di, do)
        g = expansion_graph(S)
        comps = nx.number_connected_components(g)
        rows.append([f"({r},{m}) d=({di},{do})", len(S), g.number_of_edges(), comps, nx.diameter(g) if comps == 1 else "-"])
        if m > r and comps != 1:
            return failed(f"graph of Θ_{r}→{m} has {comps} components", counterexample={"r": r, "m": m, "d_in": di, "d_out": do})
        if m == r and r >= 2 and comps != len(S):
            return failed(f"control failed: m = r = {r} should give isolated points", counterexample={"r": r})
    return passed("connected for every m > r instance; m = r gives r! isolated subspaces (control)", cases=len(rows),
                  tables=[{"title": "connectivity graphs", "columns": ["instance", "subspaces", "edges", "components", "diameter"],
                           "rows": rows}])


@CONNECTED.check("exact", name="explicit_segment_paths")
def explicit_segment_paths(ctx):
    """Build the union of segments between random points of random pairs of subspaces; every waypoint pair lies,
    exactly, in one common subspace (so the whole segment does)."""
    rng = ctx.rng("paths")
    n_paths, max_legs = 0, 0
    for r, m, di, do in _instances(ctx):
        if m == r:
            continue
        _, S = _build(ctx, r, m, di, do)
        g = expansion_graph(S)
        for _ in range(ctx.size(6, 20)):
            i, j = (int(v) for v in rng.integers(0, len(S), size=2))
            p = point_in(S[i], [Fraction(int(c), 3) for c in rng.integers(-6, 7, size=S[i].dimension)])
            q = point_in(S[j], [Fraction(int(c), 3) for c in rng.integers(-6, 7, size=S[j].dimension)])
            points, legs = segment_path(S, g, i, j, p, q)
            for (u, v), leg in zip(zip(points, points[1:]), legs):
                if not (S[leg].contains_point(u) and S[leg].contains_point(v)):
                    return failed("a segment leaves its subspace", counterexample={"r": r, "m": m, "leg": repr(S[leg].key)})
            n_paths += 1
            max_legs = max(max_legs, len(legs))
    return passed(f"{n_paths} explicit piecewise-linear paths built; each segment lies exactly in one subspace "
                  f"(at most {max_legs} segments per path)", cases=n_paths)


@CONNECTED.check("numeric", name="function_constant_along_paths")
def function_constant_along_paths(ctx):
    """torch: the network function along the built paths equals the narrow network's function."""
    act = activation("tanh")
    rng = ctx.rng("paths-numeric")
    worst, n_eval = 0.0, 0
    for r, m, di, do in _instances(ctx):
        if m == r:
            continue
        theta, S = _build(ctx, r, m, di, do)
        g = expansion_graph(S)
        x = torch.randn(64, di, generator=ctx.torch_generator(f"x-{r}-{m}"), dtype=torch.float64)
        f_r = two_layer(x, _t(theta.W), _t(theta.A), act)
        for _ in range(ctx.size(3, 10)):
            i, j = (int(v) for v in rng.integers(0, len(S), size=2))
            p = point_in(S[i], [Fraction(int(c), 3) for c in rng.integers(-6, 7, size=S[i].dimension)])
            q = point_in(S[j], [Fraction(int(c), 3) for c in rng.integers(-6, 7, size=S[j].dimension)])
            points, _ = segment_path(S, g, i, j, p, q)
            for u, v in zip(points, points[1:]):
                for t in np.linspace(0, 1, 9):
                    z = [float(a) * (1 - t) + float(b) * t for a, b in zip(u, v)]
                    W, A = _unflatten(z, m, di, do)
                    scale = float(torch.abs(torch.as_tensor(A)).sum()) + 1.0
                    worst = max(worst, max_abs_diff(two_layer(x, W, A, act), f_r) / scale)
                    n_eval += 1
    tol = rounding_tolerance(1.0, n_terms=4 * 5)
    if worst > tol.value:
        return failed(f"function deviates by {worst:.3g} (relative to Σ|a|) along a path", counterexample={"deviation": worst},
                      tolerance=str(tol))
    return passed(f"{n_eval} points on paths: max |f(x|θ) − f(x|θ^r)| / Σ|a| = {worst:.2e}", tolerance=str(tol), cases=n_eval)


def _t(rows):
    return torch.tensor([[float(v) for v in row] for row in rows], dtype=torch.float64)


def _unflatten(z, m, d_in, d_out):
    W = torch.tensor(z[: m * d_in], dtype=torch.float64).reshape(m, d_in)
    A = torch.tensor(z[m * d_in:], dtype=torch.float64).reshape(m, d_out)
    return W, A


# ---------------------------------------------------------------------------------------
FIG4 = claim(
    id="simsek2021.figure4-connectivity-graph",
    title="Figure 4: the connectivity graph of Θ_{3→4} (24 blue, 36 green; degrees 3 and 2) and three segments in (a)",
    sources=[(DOC, "Figure 4")],
    statement="(a) For m = 2, r = 1 the base subspace Γ_0 is connected to its neighbour P_(1,2)Γ_0 via three line "
    "segments. (b) For the expansion 3 → 4 there are T(3,4) = 60 subspaces (24 blue — one vanishing output weight — "
    "and 36 green — two identical incoming weight vectors), where each blue subspace is connected to three green "
    "subspaces and each green subspace is connected to two blue subspaces.",
    kind="count",
    depends=("simsek2021.T-count", "simsek2021.expansion-connected"),
    printed=("blue", "green", "blue_degree", "green_degree", "segments_a"),
    notes="'Connected' is read as: the two subspaces intersect (a segment in one meets a segment in the other). "
    "Blue–blue and green–green pairs never intersect here, which the check also confirms.",
)


@FIG4.check("graph")
def figure4_graph(ctx):
    """Classify the enumerated subspaces of Θ_{3→4} and read degrees off the intersection graph (networkx)."""
    _, S = _build(ctx, 3, 4, 1, 1)
    g = expansion_graph(S)
    colour = {i: ("blue" if 0 in s.key[0] else "green") for i, s in enumerate(S)}
    counts = {c: sum(1 for v in colour.values() if v == c) for c in ("blue", "green")}
    cross = {c: {len([n for n in g[i] if colour[n] != c]) for i in g if colour[i] == c} for c in ("blue", "green")}
    same = sum(1 for u, v in g.edges() if colour[u] == colour[v])
    truth = {"blue": counts["blue"], "green": counts["green"],
             "blue_degree": cross["blue"], "green_degree": cross["green"]}
    printed = {k: ctx.printed[k] for k in ("blue", "green", "blue_degree", "green_degree")}
    bad = {k: (printed[k], truth[k]) for k in printed
           if (truth[k] != printed[k] if isinstance(truth[k], int) else truth[k] != {printed[k]})}
    if bad or same:
        return failed(f"Figure 4 numbers disagree with the graph: {bad}; same-colour edges {same}",
                      counterexample={"disagreements (printed, graph)": {k: [v[0], sorted(v[1]) if isinstance(v[1], set) else v[1]]
                                                                          for k, v in bad.items()}, "same_colour_edges": same})
    _draw_figure4(ctx, g, colour)
    return passed(f"{counts['blue']} blue and {counts['green']} green subspaces; every blue meets exactly "
                  f"{printed['blue_degree']} green, every green exactly {printed['green_degree']} blue; no same-colour edges",
                  cases=len(S))


def _draw_figure4(ctx, g, colour):
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6.5, 6.5))
    pos = nx.kamada_kawai_layout(g)
    nx.draw_networkx_edges(g, pos, ax=ax, edge_color="#bbbbbb", width=0.8)
    nx.draw_networkx_nodes(g, pos, ax=ax, node_size=60,
                           node_color=["#1e88e5" if colour[n] == "blue" else "#43a047" for n in g])
    ax.set_axis_off()
    ax.set_title("Θ_{3→4}: 60 subspaces joined when they intersect\n(blue: one vanishing output weight; green: a replicated neuron)",
                 fontsize=9)
    ctx.figure("theta-3-4-graph", fig, "Reconstruction of Figure 4(b)'s connectivity graph from the enumerated subspaces "
               "(exact intersection tests, θ^3 random rational, d_in = d_out = 1).")


@FIG4.check("exact", name="figure4a_three_segments")
def figure4a_three_segments(ctx):
    """Fig. 4(a): between points of Γ_0 = (w1, w', a1, 0) and P_(1,2)Γ_0 the shortest union of segments has 3 pieces."""
    _, S = _build(ctx, 1, 2, 1, 1)
    g = expansion_graph(S)
    base = next(i for i, s in enumerate(S) if s.key[0] == (1, 0))
    swapped = next(i for i, s in enumerate(S) if s.key[0] == (0, 1))
    segments = nx.shortest_path_length(g, base, swapped) + 1  # k edges: k + 1 straight pieces point-to-point
    if segments != ctx.printed["segments_a"]:
        return failed(f"shortest path needs {segments} segments, printed {ctx.printed['segments_a']}",
                      counterexample={"segments": segments})
    return passed(f"Γ_0 and P_(1,2)Γ_0 do not intersect; the path through the green subspace uses {segments} segments",
                  cases=1)


# ---------------------------------------------------------------------------------------
SAME_FUNCTION = claim(
    id="simsek2021.expansion-same-function",
    title="Every point of every subspace of Θ_{r→m} implements the same function as θ^r",
    sources=[(DOC, "Definition 3.2"), (DOC, "Definition 3.3")],
    statement="All θ^m ∈ Γ_s(θ^r) implement the same function: f(x|θ^m) = Σ_t Σ_i a_t^i σ(w_t·x) + Σ_t Σ_i α_t^i σ(w'_t·x) "
    "= f(x|θ^r); the network function is invariant under any permutation of neurons, so the same holds on every "
    "P_π Γ_s(θ^r).",
    kind="identity",
)


@SAME_FUNCTION.check("symbolic")
def symbolic_identity(ctx):
    """sympy: with an undefined σ and symbolic weights, f(x|θ^m) − f(x|θ^r) = 0 after imposing Eq. (3)."""
    sigma = sp.Function("sigma")
    x = sp.Symbol("x")
    n = 0
    for ks, bs in [((1,), (1,)), ((2,), ()), ((2, 1), (2,)), ((1, 3), (1, 2)), ((2, 2), (3,))]:
        r = len(ks)
        w = sp.symbols(f"w1:{r + 1}")
        a = sp.symbols(f"a1:{r + 1}")
        f_r = sum(a[t] * sigma(w[t] * x) for t in range(r))
        f_m = 0
        for t, k in enumerate(ks):
            parts = sp.symbols(f"a{t + 1}_1:{k}") if k > 1 else ()
            f_m += sum(p * sigma(w[t] * x) for p in parts) + (a[t] - sum(parts)) * sigma(w[t] * x)
        for j, b in enumerate(bs):
            wp = sp.Symbol(f"wp{j}")
            parts = sp.symbols(f"al{j}_1:{b}") if b > 1 else ()
            f_m += sum(p * sigma(wp * x) for p in parts) + (-sum(parts)) * sigma(wp * x)
        if sp.simplify(sp.expand(f_m - f_r)) != 0:
            return failed(f"symbolic difference nonzero for s = {ks + bs}", counterexample={"k": ks, "b": bs})
        n += 1
    return passed(f"f(x|θ^m) − f(x|θ^r) ≡ 0 symbolically for {n} tuples s (σ undefined function)", cases=n)


@SAME_FUNCTION.check("numeric")
def torch_points_of_every_subspace(ctx):
    """torch: random points of every enumerated subspace, three smooth activations; control: off-manifold perturbation."""
    rng = ctx.rng("points")
    worst, n_pts, control = 0.0, 0, float("inf")
    for name in ("tanh", "softplus", "sigma_alpha_gamma"):
        act = activation(name)
        for r, m, di, do in _instances(ctx):
            theta, S = _build(ctx, r, m, di, do)
            x = torch.randn(64, di, generator=ctx.torch_generator(f"x-{name}-{r}-{m}"), dtype=torch.float64)
            f_r = two_layer(x, _t(theta.W), _t(theta.A), act)
            for s in S:
                z = point_in(s, [Fraction(int(c), 4) for c in rng.integers(-8, 9, size=s.dimension)])
                W, A = _unflatten([float(v) for v in z], m, di, do)
                scale = float(A.abs().sum()) + 1.0
                worst = max(worst, max_abs_diff(two_layer(x, W, A, act), f_r) / scale)
                n_pts += 1
                # control: move the outgoing weight of a teacher copy off its constraint: f must change
                # (a zero-type neuron is no good here: with σ(0) = 0 and w' = 0 it contributes nothing)
                # (nor a copy of a teacher neuron with w_t = 0 under tanh)
                i = next((k for k, lab in enumerate(s.key[0]) if lab and any(theta.W[lab - 1])), None)
                if i is not None:
                    A2 = A.clone()
                    A2[i, 0] += 0.5
                    control = min(control, max_abs_diff(two_layer(x, W, A2, act), f_r) / scale)
    tol = rounding_tolerance(1.0, n_terms=4 * 5)
    if worst > tol.value:
        return failed(f"max relative deviation {worst:.3g} > {tol.value:.3g}", counterexample={"deviation": worst}, tolerance=str(tol))
    if control <= 100 * tol.value:  # the check itself would be blind: an error, never a verdict
        raise AssertionError(f"control perturbation not detected (Δf = {control:.3g}); the check is not discriminating")
    return passed(f"{n_pts} points (all subspaces, 3 activations): max |Δf|/Σ|a| = {worst:.2e}; "
                  f"off-manifold control changes f by ≥ {control:.2e}", tolerance=str(tol), cases=n_pts)
