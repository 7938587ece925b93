"""Multi-layer expansion manifolds (Section 5, Abstract, Section 1.1 contribution 1), for L = 3 (two hidden layers).

The sequential expansion of Eq. (8) is built as concrete affine subspaces with exact rational coefficients:
expanding the LAST hidden layer first ("backward", the order of Eq. (8)) and, for comparison, the first layer
first ("forward").  For widths r = (r1, r2) → m = (m1, m2), a subspace is indexed by one expansion object per
layer (teacher labels + zero-type set partition, ``verify.combinatorics.expansion_subspace_objects``).
Parameters: θ = (W1 ∈ R^{m1×d_in}, W2 ∈ R^{m2×m1}, W3 ∈ R^{d_out×m2}), f(x) = W3 σ(W2 σ(W1 x)).
Printed values live in ``cases/simsek2021/multilayer.toml``.
"""

from __future__ import annotations

import itertools
import math
from functools import lru_cache
from fractions import Fraction

import networkx as nx
import numpy as np
import torch

from verify import claim, failed, passed
from verify.asymptotics import G_fast, T_fast
from verify.combinatorics import critical_subspace_objects, expansion_subspace_objects
from verify.linalg_exact import solve_affine
from verify.nets import activation, mlp
from verify.printed_formula import integer_function
from verify.subspaces import AffineSubspace, contains, expansion_graph, intersects

from . import DOC


class Layout:
    def __init__(self, d_in: int, m1: int, m2: int, d_out: int):
        self.d_in, self.m1, self.m2, self.d_out = d_in, m1, m2, d_out
        self.n = m1 * d_in + m2 * m1 + d_out * m2

    def w1(self, i, c):
        return i * self.d_in + c

    def w2(self, p, i):
        return self.m1 * self.d_in + p * self.m1 + i

    def w3(self, q, p):
        return self.m1 * self.d_in + self.m2 * self.m1 + q * self.m2 + p

    def unpack(self, x):
        x = np.asarray([float(v) for v in x])
        a = self.m1 * self.d_in
        b = a + self.m2 * self.m1
        return x[:a].reshape(self.m1, self.d_in), x[a:b].reshape(self.m2, self.m1), x[b:].reshape(self.d_out, self.m2)


def _groups(obj):
    labels, zero_groups = obj
    teach = {}
    for i, l in enumerate(labels):
        if l:
            teach.setdefault(l, []).append(i)
    return [("t", t, tuple(teach[t])) for t in sorted(teach)] + [("z", None, tuple(z)) for z in zero_groups]


def random_teacher(rng, d_in, r1, r2, d_out, den: int = 4, spread: int = 8):
    """Rational teacher (W1*, W2*, W3*) with distinct rows of W1*, distinct rows of W2*, nonzero columns (irreducible)."""
    while True:
        q = lambda *s: [[Fraction(int(rng.integers(-spread, spread + 1)), den) for _ in range(s[1])] for _ in range(s[0])]
        W1, W2, W3 = q(r1, d_in), q(r2, r1), q(d_out, r2)
        cols_nonzero = all(any(W2[s][t] for s in range(r2)) for t in range(r1)) and all(any(W3[o][s] for o in range(d_out)) for s in range(r2))
        distinct = len({tuple(r) for r in W1}) == r1 and len({tuple(r) for r in W2}) == r2
        if cols_nonzero and distinct and all(any(row) for row in W2):
            return W1, W2, W3


def multilayer_subspace(teacher, d_in, m1, m2, d_out, obj1, obj2, order: str = "backward") -> AffineSubspace:
    """The affine subspace of the sequential expansion for the pair of per-layer objects (obj1, obj2)."""
    W1s, W2s, W3s = teacher
    L = Layout(d_in, m1, m2, d_out)
    E, f = [], []

    def eq(coeffs: dict, rhs):
        row = [Fraction(0)] * L.n
        for k, v in coeffs.items():
            row[k] += Fraction(v)
        E.append(row)
        f.append(Fraction(rhs))

    g1, g2 = _groups(obj1), _groups(obj2)
    # W1: teacher rows or equal rows within a zero group
    for kind, t, pos in g1:
        for c in range(d_in):
            if kind == "t":
                for i in pos:
                    eq({L.w1(i, c): 1}, W1s[t - 1][c])
            else:
                for i, j in zip(pos, pos[1:]):
                    eq({L.w1(i, c): 1, L.w1(j, c): -1}, 0)
    # W3: output sums per layer-2 group
    for kind, s, pos in g2:
        for q in range(d_out):
            eq({L.w3(q, p): 1 for p in pos}, W3s[q][s - 1] if kind == "t" else 0)
    # W2
    if order == "backward":
        for kind2, s, pos2 in g2:
            for kind1, t, pos1 in g1:
                for p in pos2:
                    row = {L.w2(p, i): 1 for i in pos1}
                    if kind1 == "z":
                        eq(row, 0)
                    elif kind2 == "t":
                        eq(row, W2s[s - 1][t - 1])
                if kind1 == "t" and kind2 == "z":
                    for p, p2 in zip(pos2, pos2[1:]):
                        row = {L.w2(p, i): 1 for i in pos1}
                        for i in pos1:
                            row[L.w2(p2, i)] = row.get(L.w2(p2, i), 0) - 1
                        eq(row, 0)
    elif order == "forward":
        for kind2, s, pos2 in g2:
            # all rows of a group equal
            for p, p2 in zip(pos2, pos2[1:]):
                for i in range(m1):
                    eq({L.w2(p, i): 1, L.w2(p2, i): -1}, 0)
            if kind2 == "t":
                p = pos2[0]
                for kind1, t, pos1 in g1:
                    eq({L.w2(p, i): 1 for i in pos1}, W2s[s - 1][t - 1] if kind1 == "t" else 0)
    else:
        raise ValueError(f"order must be 'backward' or 'forward', got {order!r}")
    return AffineSubspace(key=(order, obj1, obj2), kind=f"multilayer-{order}", E=tuple(map(tuple, E)), f=tuple(f), n=L.n)


def all_subspaces(teacher, d_in, r, m, d_out, order="backward"):
    objs1 = list(expansion_subspace_objects(r[0], m[0]))
    objs2 = list(expansion_subspace_objects(r[1], m[1]))
    return [multilayer_subspace(teacher, d_in, m[0], m[1], d_out, o1, o2, order) for o1 in objs1 for o2 in objs2]


def distinct_classes(subs):
    """Group subspaces that are equal as sets (mutual containment)."""
    reps = []
    for S in subs:
        if not any(contains(R, S) and contains(S, R) for R in reps):
            reps.append(S)
    return reps


def random_point(S: AffineSubspace, rng) -> list[Fraction]:
    x, basis = S.solution()
    coeffs = [Fraction(int(rng.integers(-6, 7)), 3) for _ in basis]
    return [xi + sum(c * b[k] for c, b in zip(coeffs, basis)) for k, xi in enumerate(x)]


WIDTHS_QUICK = (((1, 1), (2, 2)), ((2, 1), (3, 2)), ((1, 2), (2, 3)))
WIDTHS_FULL = WIDTHS_QUICK + (((2, 2), (3, 3)),)


# ---------------------------------------------------------------------------------------
COUNT = claim(
    id="simsek2021.sec5-multilayer-count",
    title="The multi-layer expansion manifold consists of Π_ℓ T(r*_ℓ, m_ℓ) distinct affine subspaces",
    sources=[(DOC, "Section 5"), (DOC, "Equation 8")],
    statement=(
        "The zero-loss expansion manifold Θ_{r*→m}(θ*) (sequential expansions of all pairs (W^(ℓ), W^(ℓ+1)), Eq. 8) "
        "consists of Π_{ℓ=1}^{L−1} T(r*_ℓ, m_ℓ) distinct affine subspaces."
    ),
    kind="count",
    depends=("simsek2021.T-closed-form",),
    printed=("count",),
    notes="L = 3, d_in = 1, d_out = 1, rational teacher; T is the number of subspaces of a two-layer expansion (the "
    "corrected count of simsek2021.T-count, = Prop. 4.5). Subspaces are compared exactly (mutual containment by ranks).",
)


@COUNT.check("graph")
def enumerate_multilayer_subspaces(ctx):
    """Build the backward (Eq. 8) subspaces for small widths, count distinct ones, and compare with the printed product."""
    count = integer_function(ctx.printed["count"], ("r1", "m1", "r2", "m2"), {"T": T_fast})
    rng = ctx.rng("count")
    rows, n_cont = [], 0
    for r, m in ctx.size(WIDTHS_QUICK, WIDTHS_FULL):
        teacher = random_teacher(rng, 1, r[0], r[1], 1)
        subs = all_subspaces(teacher, 1, r, m, 1)
        distinct = distinct_classes(subs)
        nested = sum(1 for A, B in itertools.permutations(distinct, 2) if contains(A, B)) if len(distinct) <= 40 else None
        n_cont += nested or 0
        printed = count(r[0], m[0], r[1], m[1])
        rows.append([str(r), str(m), len(subs), len(distinct), printed, "—" if nested is None else nested])
        if len(distinct) != printed:
            return failed(f"widths {r} → {m}: {len(distinct)} distinct subspaces, printed {printed}",
                          counterexample={"r": r, "m": m, "distinct": len(distinct), "printed": printed},
                          tables=[{"title": "multi-layer subspaces", "columns": ["r", "m", "objects", "distinct", "printed", "nested pairs"], "rows": rows}])
    return passed("number of distinct subspaces = printed product on every width pair", cases=len(rows),
                  tables=[{"title": "multi-layer subspaces (backward order, Eq. 8)",
                           "columns": ["r", "m", "objects", "distinct", "printed", "pairs A ⊋ B"], "rows": rows}])


# ---------------------------------------------------------------------------------------
FUNC = claim(
    id="simsek2021.sec5-multilayer-same-function",
    title="Each sequential expansion leaves the output of the network unchanged",
    sources=[(DOC, "Section 5")],
    statement="Since each expansion leaves the output of the network unchanged, all points in this expansion have the same loss.",
    kind="identity",
    notes="Random rational points of random subspaces (both orders), evaluated in torch float64 against the teacher.",
)


@FUNC.check("numeric")
def torch_outputs_equal(ctx):
    """Random points of every subspace kind (backward and forward order), 3 activations: max |f − f*| at rounding level."""
    rng = ctx.rng("func")
    g = ctx.torch_generator("func")
    n, worst = 0, 0.0
    for r, m in WIDTHS_QUICK:
        teacher = random_teacher(rng, 2, r[0], r[1], 1)
        W1s, W2s, W3s = (torch.tensor([[float(v) for v in row] for row in M]) for M in teacher)
        X = torch.randn(200, 2, generator=g, dtype=torch.float64)
        for order in ("backward", "forward"):
            subs = all_subspaces(teacher, 2, r, m, 1, order)
            for S in subs[:: max(1, len(subs) // ctx.size(8, 40))]:
                W1, W2, W3 = Layout(2, m[0], m[1], 1).unpack(random_point(S, rng))
                for name in ("sigma_alpha_gamma", "tanh", "softplus"):
                    act = activation(name)
                    y = mlp(X, [torch.from_numpy(W1), torch.from_numpy(W2), torch.from_numpy(W3)], act)
                    ys = mlp(X, [W1s, W2s, W3s], act)
                    err = float((y - ys).abs().max())
                    scale = 1.0 + float(np.abs(W3).sum() * (np.abs(W2).sum() + 1))
                    tol = 256 * np.finfo(float).eps * scale
                    worst, n = max(worst, err / tol), n + 1
                    if err > tol:
                        return failed(f"{order} subspace {S.key}: output differs by {err:.2e}", counterexample={"key": str(S.key), "err": err})
    return passed(f"all {n} points reproduce the teacher's outputs (worst err/tol {worst:.2e})", cases=n, tolerance="256·eps·Σ|W3|(Σ|W2|+1)")


# ---------------------------------------------------------------------------------------
CONN = claim(
    id="simsek2021.sec5-one-extra-neuron-per-layer-connects",
    title="Adding one neuron to each hidden layer connects the r*_1!···r*_{L−1}! discrete global minima",
    sources=[(DOC, "Abstract"), (DOC, "Section 1.1 (contribution 1)"), (DOC, "Section 5")],
    statement=(
        "Assuming a network with widths r*_1..r*_{L−1} reaches a zero-loss minimum at r*_1!···r*_{L−1}! isolated points that "
        "are permutations of one another, adding one extra neuron to each layer is sufficient to connect all these "
        "minima into a single manifold (the multi-layer expansion manifold, m_ℓ > r*_ℓ for all ℓ)."
    ),
    kind="topology",
    depends=("simsek2021.sec5-multilayer-count",),
    printed=("extra_neurons",),
    notes="Connectivity of a finite union of affine subspaces = connectivity of the graph 'two subspaces intersect' (each "
    "subspace is connected); intersections decided exactly. Also reported: with an extra neuron in only one layer the "
    "manifold falls apart.",
)


def _components(teacher, r, m):
    subs = all_subspaces(teacher, 1, r, m, 1)
    return subs, nx.number_connected_components(expansion_graph(subs))


@CONN.check("graph")
def components_with_extra_neurons(ctx):
    """m_ℓ = r*_ℓ + (printed extra) in every layer: the intersection graph is connected and contains all r1!·r2! permuted minima."""
    extra = ctx.printed["extra_neurons"]
    rng = ctx.rng("conn")
    rows = []
    for r in ctx.size(((1, 1), (2, 1), (1, 2)), ((1, 1), (2, 1), (1, 2), (2, 2))):
        teacher = random_teacher(rng, 1, r[0], r[1], 1)
        m = (r[0] + extra, r[1] + extra)
        subs, ncomp = _components(teacher, r, m)
        # every permutation of the teacher (padded with one zero-type neuron per layer: free incoming vector, zero outgoing
    # vector; the layer-2 zero-type row vanishes on the layer-1 zero-type column, as Eq. 8 requires) lies in the manifold
        perms_found = 0
        for p1 in itertools.permutations(range(r[0])):
            for p2 in itertools.permutations(range(r[1])):
                W1 = [teacher[0][i] for i in p1] + [[Fraction(7, 3)]] * (m[0] - r[0])
                W2 = [[teacher[1][s][t] for t in p1] + [Fraction(0)] * (m[0] - r[0]) for s in p2] + \
                     [[Fraction(5, 7)] * r[0] + [Fraction(0)] * (m[0] - r[0])] * (m[1] - r[1])
                W3 = [[teacher[2][0][s] for s in p2] + [Fraction(0)] * (m[1] - r[1])]
                x = [v for row in W1 for v in row] + [v for row in W2 for v in row] + [v for row in W3 for v in row]
                if any(S.contains_point(x) for S in subs):
                    perms_found += 1
        rows.append([str(r), str(m), len(subs), ncomp, f"{perms_found}/{math.factorial(r[0]) * math.factorial(r[1])}"])
        if ncomp != 1 or perms_found != math.factorial(r[0]) * math.factorial(r[1]):
            return failed(f"r* = {r}, m = {m}: {ncomp} components, {perms_found} permuted minima found",
                          counterexample={"r": r, "m": m, "components": ncomp, "permutations_in_manifold": perms_found})
    return passed("one connected component containing all permuted minima, for every width tested",
                  cases=len(rows), tables=[{"title": "connectivity of Θ_{r*→r*+1}", "columns": ["r*", "m", "subspaces", "components", "permuted minima inside"], "rows": rows}])


@CONN.check("graph", name="fewer_extra_neurons_leave_minima_discrete")
def fewer_is_not_enough(ctx):
    """With one neuron fewer per layer than printed (m = r* + extra − 1), the permuted minima are NOT connected
    (for extra = 1: r1!·r2! isolated points, 'previously discrete minima')."""
    extra = ctx.printed["extra_neurons"] - 1
    rng = ctx.rng("fewer")
    rows = []
    for r in ((2, 1), (1, 2), (2, 2)):
        teacher = random_teacher(rng, 1, r[0], r[1], 1)
        m = (r[0] + extra, r[1] + extra)
        _, ncomp = _components(teacher, r, m)
        rows.append([str(r), str(m), ncomp])
        if ncomp == 1:
            return failed(f"r* = {r}: already connected with {extra} extra neuron(s) per layer", counterexample={"r": r, "m": m})
    return passed(f"with {extra} extra neuron(s) per layer the manifold has {[row[2] for row in rows]} components",
                  tables=[{"title": "fewer extra neurons", "columns": ["r*", "m", "components"], "rows": rows}])


@CONN.check("graph", name="one_layer_only_is_not_enough")
def one_layer_only(ctx):
    """Informative: an extra neuron in only one of the two layers leaves the manifold disconnected (when the other layer has r* ≥ 2)."""
    rng = ctx.rng("one-layer")
    rows, ok = [], True
    for r, m in (((2, 2), (3, 2)), ((2, 2), (2, 3))):
        teacher = random_teacher(rng, 1, r[0], r[1], 1)
        _, ncomp = _components(teacher, r, m)
        rows.append([str(r), str(m), ncomp])
        ok &= ncomp > 1
    if not ok:
        return failed("one extra neuron in a single layer already connects", counterexample=rows)
    return passed(f"components with one extra neuron in a single layer: {[row[2] for row in rows]}", cases=len(rows),
                  tables=[{"title": "extra neuron in one layer only", "columns": ["r*", "m", "components"], "rows": rows}])


# ---------------------------------------------------------------------------------------
ORDER = claim(
    id="simsek2021.sec5-expansion-order",
    title="Expanding from the last layer to the first gives the largest final manifold",
    sources=[(DOC, "Section 5")],
    statement=(
        "Note that the order in which we take these expansions affects the final manifold; expanding from the last layer to "
        "the first one gives the largest final manifold."
    ),
    kind="topology",
    depends=("simsek2021.sec5-multilayer-same-function",),
    corrected_statement=(
        "Neither order's manifold contains the other's in general. Backward (last layer first) lets the copies of a "
        "layer-2 neuron have different incoming rows (the layer-1 split acts on them); forward (first layer first) lets "
        "the incoming rows of layer-2 zero-type neurons be arbitrary, whereas backward forces their entries on every "
        "layer-1 zero-type group to sum to 0. The union of both (still function-preserving) strictly contains each."
    ),
    notes="A finite union of affine subspaces contains an affine subspace S only if one of them contains S (S is irreducible), "
    "so 'forward ⊆ backward' is decided subspace by subspace, exactly.",
)


def _uncovered(A_subs, B_subs):
    return [S for S in A_subs if not any(contains(B, S) for B in B_subs)]


@ORDER.check("graph")
def forward_contained_in_backward(ctx):
    """Every forward-order subspace should lie in some backward-order subspace (as printed: backward is the largest)."""
    rng = ctx.rng("order")
    rows = []
    for r, m in ctx.size(WIDTHS_QUICK, WIDTHS_FULL):
        teacher = random_teacher(rng, 1, r[0], r[1], 1)
        fwd, bwd = all_subspaces(teacher, 1, r, m, 1, "forward"), all_subspaces(teacher, 1, r, m, 1, "backward")
        unc = _uncovered(fwd, bwd)
        rows.append([str(r), str(m), len(fwd), len(unc)])
        if unc:
            S = unc[0]
            return failed(f"widths {r} → {m}: {len(unc)} of {len(fwd)} forward-order subspaces lie in no backward-order subspace, "
                          f"e.g. objects {S.key[1:]}", counterexample={"r": r, "m": m, "forward_objects": str(S.key[1:]),
                                                                       "uncovered": len(unc), "of": len(fwd)},
                          tables=[{"title": "forward ⊆ backward?", "columns": ["r", "m", "forward subspaces", "not covered"], "rows": rows}])
    return passed("every forward subspace lies in a backward one", tables=[{"title": "forward ⊆ backward", "columns": ["r", "m", "forward", "uncovered"], "rows": rows}])


@ORDER.check("graph", role="correction", name="orders_are_incomparable")
def incomparable(ctx):
    """Both directions fail: some backward subspaces lie in no forward one and vice versa; a point of the uncovered forward subspace keeps the function."""
    rng = ctx.rng("order2")
    r, m = (1, 1), (2, 2)
    teacher = random_teacher(rng, 1, *r, 1)
    fwd, bwd = all_subspaces(teacher, 1, r, m, 1, "forward"), all_subspaces(teacher, 1, r, m, 1, "backward")
    u_fb, u_bf = _uncovered(fwd, bwd), _uncovered(bwd, fwd)
    if not (u_fb and u_bf):
        return failed(f"orders comparable: {len(u_fb)} forward ⊄ backward, {len(u_bf)} backward ⊄ forward",
                      counterexample={"forward_not_in_backward": len(u_fb), "backward_not_in_forward": len(u_bf)})
    # the uncovered forward subspace still implements the teacher function
    x = random_point(u_fb[0], rng)
    W1, W2, W3 = Layout(1, 2, 2, 1).unpack(x)
    X = torch.linspace(-3, 3, 50, dtype=torch.float64).unsqueeze(1)
    act = activation("sigma_alpha_gamma")
    ts = [torch.tensor([[float(v) for v in row] for row in M]) for M in teacher]
    err = float((mlp(X, [torch.from_numpy(W1), torch.from_numpy(W2), torch.from_numpy(W3)], act) - mlp(X, ts, act)).abs().max())
    if err > 1e-12:
        return failed(f"uncovered forward point changes the function by {err:.2e}", counterexample={"err": err})
    return passed(f"r = (1,1) → m = (2,2): {len(u_fb)}/{len(fwd)} forward subspaces ⊄ any backward one and "
                  f"{len(u_bf)}/{len(bwd)} backward ⊄ any forward one; the uncovered forward points keep the function (err {err:.1e})")


# ---------------------------------------------------------------------------------------
CRIT = claim(
    id="simsek2021.sec5-multilayer-critical",
    title="Sequential Θ̄ expansions preserve criticality; Π_ℓ G(r_ℓ, m_ℓ) critical subspaces",
    sources=[(DOC, "Section 5")],
    statement=(
        "Applying the expansion Θ̄^(ℓ) to a pair (W*^(ℓ), W*^(ℓ+1)) of a critical point θ*_r generates a manifold of critical "
        "points as in the two-layer case, hence these expansions preserve criticality. The number of affine subspaces in "
        "the set of symmetry-induced critical points is Π_{ℓ=1}^{L−1} G(r_ℓ, m_ℓ)."
    ),
    kind="count",
    depends=("simsek2021.prop4.3-critical-subspaces", "simsek2021.G-count"),
    printed=("count",),
    notes="A genuine critical point of a narrow 3-layer network (local minimum of an MSE teacher–student loss, BFGS then "
    "Newton on the torch loss, ‖∇L‖ ≲ 1e-13) is expanded with Θ̄ in both layers (last layer first): layer-2 copies split "
    "W3's columns by β, layer-1 copies split W2's columns by β'. Distinct subspaces are the pairs of surjections.",
)


@lru_cache(maxsize=None)
def _mlp_problem(seed, starts: int = 4):
    from scipy.optimize import minimize

    g = torch.Generator()
    g.manual_seed(seed)
    X = torch.randn(40, 2, generator=g, dtype=torch.float64)
    act = activation("sigma_alpha_gamma")
    teach = [torch.randn(3, 2, generator=g, dtype=torch.float64), torch.randn(3, 3, generator=g, dtype=torch.float64),
             torch.randn(1, 3, generator=g, dtype=torch.float64)]
    Y = mlp(X, teach, act)

    def unpack(th, r1, r2):
        a, b = r1 * 2, r1 * 2 + r2 * r1
        return [th[:a].reshape(r1, 2), th[a:b].reshape(r2, r1), th[b:].reshape(1, r2)]

    def loss(th, r1, r2):
        return 0.5 * ((mlp(X, unpack(th, r1, r2), act) - Y) ** 2).mean()

    def grad(th, r1, r2):
        t = th.detach().clone().requires_grad_(True)
        (gr,) = torch.autograd.grad(loss(t, r1, r2), t)
        return gr

    r1, r2 = 2, 2
    best = None
    for _ in range(starts):
        th0 = torch.randn(r1 * 2 + r2 * r1 + r2, generator=g, dtype=torch.float64).numpy()
        res = minimize(lambda v: (float(loss(torch.from_numpy(v), r1, r2)), grad(torch.from_numpy(v), r1, r2).numpy()), th0,
                       jac=True, method="BFGS", options={"gtol": 1e-9, "maxiter": 800})
        th = torch.from_numpy(res.x)
        for _ in range(30):
            gr = grad(th, r1, r2)
            if float(gr.norm()) < 1e-14:
                break
            H = torch.autograd.functional.hessian(lambda v: loss(v, r1, r2), th)
            th = th - torch.linalg.lstsq(H, gr.unsqueeze(1), rcond=1e-13).solution.squeeze(1)
        gn = float(grad(th, r1, r2).norm())
        W1, W2, W3 = unpack(th, r1, r2)
        irreducible = float(torch.cdist(W1, W1)[0, 1]) > 1e-2 and float(torch.cdist(W2, W2)[0, 1]) > 1e-2 and \
            float(W2.abs().sum(0).min()) > 1e-2 and float(W3.abs().min()) > 1e-2
        if irreducible and (best is None or gn < best[1]):
            best = (th, gn)
    return (r1, r2), best, unpack, loss, grad


@CRIT.check("numeric")
def expansions_of_a_critical_point(ctx):
    """Gradient at random points of every Θ̄ subspace (r = (2,2) → m ≤ (3,4)) vs ‖∇L^r‖; distinct subspace count vs printed product."""
    count = integer_function(ctx.printed["count"], ("r1", "m1", "r2", "m2"), {"G": G_fast})
    (r1, r2), best, unpack, loss, grad = _mlp_problem(ctx.seed)
    if best is None or best[1] > 1e-11:
        return failed("no irreducible critical point of the narrow network found", counterexample={"best": None if best is None else best[1]})
    th, gn_r = best
    W1, W2, W3 = unpack(th, r1, r2)
    rng = ctx.rng("mlcrit")
    rows, n, worst = [], 0, 0.0
    for m1, m2 in ctx.size(((3, 2), (2, 3), (3, 3)), ((3, 2), (2, 3), (3, 3), (4, 3), (3, 4))):
        labs1 = list(critical_subspace_objects(r1, m1))
        labs2 = list(critical_subspace_objects(r2, m2))
        keys = set()
        for l1 in labs1:
            for l2 in labs2:
                b1 = np.empty(m1)
                b2 = np.empty(m2)
                for lab, b, r in ((l1, b1, r1), (l2, b2, r2)):
                    for t in range(1, r + 1):
                        idx = [i for i, v in enumerate(lab) if v == t]
                        z = rng.normal(size=len(idx))
                        b[idx] = z + (1 - z.sum()) / len(idx)
                V1 = W1[[t - 1 for t in l1]]
                V2 = W2[[s - 1 for s in l2]][:, [t - 1 for t in l1]] * torch.from_numpy(b1)[None, :]
                V3 = W3[:, [s - 1 for s in l2]] * torch.from_numpy(b2)[None, :]
                thm = torch.cat([V1.reshape(-1), V2.reshape(-1), V3.reshape(-1)])
                gm = float(grad(thm, m1, m2).norm())
                scale = max(1.0, float(np.abs(b1).max()), float(np.abs(b2).max())) ** 2
                tol = np.sqrt(m1 * m2) * scale * max(gn_r, 1e-15) * 10 + 1e-13 * scale
                worst, n = max(worst, gm / tol), n + 1
                keys.add((tuple(map(tuple, V1.numpy().round(12))), tuple(map(tuple, W2[[s - 1 for s in l2]].numpy().round(12)))))
                if gm > tol or abs(float(loss(thm, m1, m2)) - float(loss(th, r1, r2))) > 1e-12:
                    return failed(f"m = ({m1},{m2}), labels {l1}, {l2}: ‖∇L^m‖ = {gm:.2e} > {tol:.2e}",
                                  counterexample={"m": (m1, m2), "labels1": l1, "labels2": l2, "grad": gm})
        printed = count(r1, m1, r2, m2)
        rows.append([f"({m1},{m2})", len(labs1) * len(labs2), len(keys), printed])
        if len(keys) != printed:
            return failed(f"m = ({m1},{m2}): {len(keys)} distinct subspaces vs printed {printed}",
                          counterexample={"m": (m1, m2), "distinct": len(keys), "printed": printed})
    return passed(f"critical point of width (2,2) (‖∇L‖ = {gn_r:.1e}) stays critical at all {n} expanded points (worst ‖∇L‖/tol "
                  f"{worst:.2e}); distinct subspaces = printed product", cases=n,
                  tables=[{"title": "Θ̄ expansions of a 3-layer critical point", "columns": ["m", "label pairs", "distinct subspaces", "printed"], "rows": rows}])
