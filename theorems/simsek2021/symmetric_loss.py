"""Symmetric losses and symmetry subspaces: Definitions 2.1–2.2, Lemma 2.1, Remark 2.1, Figure 2.

Gradient flows are integrated with an adaptive 8th-order solver (DOP853, rtol 1e-11) on two real
permutation-symmetric losses: the Figure 2 loss L(w1,w2) = log(½((w1+w2−3)² + (w1w2−2)²) + 1) (its
formula is read from ``cases/``) and the MSE loss of a two-layer network with units ϑ_i = [w_i, a_i].
The distance to the symmetry subspaces is measured along the flow and compared with the Grönwall
lower bound dist(ρ(t), H_ij) ≥ dist(ρ(0), H_ij)·exp(−∫K) (derivation in ``verify.gradient_flows``).
Lemma 2.1 assumes only C^1; explicit C^1 symmetric losses show that both of its conclusions can fail
then (non-unique flows, finite-time entry): the lemma needs a locally Lipschitz gradient.
"""

from __future__ import annotations

import itertools
from functools import lru_cache

import numpy as np
import sympy as sp
import torch

from verify import claim, failed, passed
from verify.critical_points import TeacherStudent
from verify.gradient_flows import flow, gronwall_bound, min_pair_distance, pair_distance
from verify.linalg_exact import rank
from verify.printed_formula import integer_function
from verify.symbolic import parse_printed

from . import DOC

w1, w2, t_sym, d0 = sp.symbols("w1 w2 t delta0", real=True)


@lru_cache(maxsize=None)
def _fig2(text: str):
    """(sympy L, numpy grad, numpy hess) for a loss of (w1, w2) given as a printed formula."""
    L = parse_printed(text, {"w1": w1, "w2": w2})
    g = [sp.diff(L, v) for v in (w1, w2)]
    H = [[sp.diff(gi, v) for v in (w1, w2)] for gi in g]
    gf = sp.lambdify((w1, w2), g, "numpy")
    hf = sp.lambdify((w1, w2), H, "numpy")
    return L, (lambda y: np.array(gf(*y), float)), (lambda y: np.array(hf(*y), float))


def _nn(seed: int, m: int):
    g = torch.Generator()
    g.manual_seed(seed)
    prob = TeacherStudent.random(g, 2, 2, 1, 20)
    return prob


def _nn_start(rng, m: int, tie: tuple[int, ...] = (), gap: float = 0.0, d_in: int = 2):
    U = rng.normal(size=(m, d_in + 1))
    for i in tie[1:]:
        U[i] = U[tie[0]]
    if gap:
        U[1] = U[0] + gap * rng.normal(size=d_in + 1) / np.sqrt(d_in + 1)
    return np.concatenate([U[:, :d_in].reshape(-1), U[:, d_in:].reshape(-1)])


# ---------------------------------------------------------------------------------------
DIM = claim(
    id="simsek2021.symmetry-subspace-dim",
    title="dim H_{i1..ik} = D(m−k+1); every symmetry subspace is an intersection of H_{ij}'s",
    sources=[(DOC, "Definition 2.2")],
    statement=(
        "As each constraint ϑ_i = ϑ_j suppresses D degrees of freedom, dim(H_{i1,...,ik}) = D(m−k+1). The largest symmetry "
        "subspaces are the H_{i,j}'s: any other symmetry subspace is the intersection of such subspaces."
    ),
    latex=r"\dim\mathcal H_{i_1,\dots,i_k}=D(m-k+1)",
    kind="dimension",
    printed=("dimension",),
)


def _constraints(m: int, D: int, idx: tuple[int, ...]):
    rows = []
    for a in idx[1:]:
        for p in range(D):
            row = [0] * (m * D)
            row[idx[0] * D + p], row[a * D + p] = 1, -1
            rows.append(row)
    return rows


@DIM.check("exact")
def exact_rank(ctx):
    """Exact rank of the constraint matrix for every index set, m ≤ M, D ≤ 3; intersection of pair subspaces has the same kernel."""
    dim = integer_function(ctx.printed["dimension"], ("D", "m", "k"))
    n = 0
    for m in range(2, ctx.size(5, 7) + 1):
        for D in (1, 2, 3):
            for k in range(2, m + 1):
                for idx in itertools.combinations(range(m), k):
                    C = _constraints(m, D, idx)
                    true_dim = m * D - rank(C)
                    pairs = [row for a, b in itertools.combinations(idx, 2) for row in _constraints(m, D, (a, b))]
                    inter_dim = m * D - rank(pairs)
                    # same subspace: stacking both constraint sets does not raise the rank
                    same = rank(C + pairs) == rank(C) == rank(pairs)
                    n += 1
                    if true_dim != dim(D, m, k) or inter_dim != true_dim or not same:
                        return failed(f"m={m}, D={D}, indices {idx}: dim {true_dim}, printed {dim(D, m, k)}, "
                                      f"intersection of pair subspaces {inter_dim}",
                                      counterexample={"m": m, "D": D, "indices": idx, "dim": true_dim, "printed": dim(D, m, k)})
    return passed(f"dimension equals the printed formula and the ∩ of the H_ij for all {n} index sets", cases=n)


# ---------------------------------------------------------------------------------------
INV = claim(
    id="simsek2021.lemma2.1-invariance",
    title="A gradient flow started in a symmetry subspace stays in it",
    sources=[(DOC, "Lemma 2.1"), (DOC, "Figure 2"), (DOC, "Section 3")],
    statement=(
        "Let L^m be a symmetric loss on m units, thus a C^1 function, and ρ its gradient flow. If ρ(0) ∈ H_{i1..ik}, the "
        "gradient flow stays inside the symmetry subspace, i.e. ρ(t) ∈ H_{i1..ik} for all t > 0."
    ),
    hypotheses=("L^m C^1 and permutation-symmetric (Definition 2.1)",),
    kind="existence",
    depends=("simsek2021.symmetry-subspace-dim",),
    corrected_statement=(
        "True when ∇L^m is locally Lipschitz (e.g. L^m ∈ C^2, as for ANN losses with C^2 σ and c): the flow is then unique "
        "and, the gradient being tangent to H on H, it stays in H. With C^1 only, gradient flows need not be unique and "
        "some solution can leave H (explicit example)."
    ),
    notes="The Figure 2 loss (cases/) is an example input here, not a compared value (a constant shift of it changes no "
    "flow), so it is not a `printed` key. Counterexample: L(w1,w2) = −|w1−w2|^{3/2} (C^1, symmetric, D = 1, m = 2). From ρ(0) = (0,0) ∈ H_{12} both "
    "ρ ≡ 0 and ρ(t) = (9t²/8, −9t²/8) solve dρ/dt = −∇L(ρ). Multiplying L by a smooth symmetric cut-off makes it "
    "bounded without changing anything near H.",
)


@INV.check("numeric")
def flows_started_in_subspaces_stay(ctx):
    """Figure 2 loss (4 starts on the diagonal) and a two-layer MSE loss (ϑ1 = ϑ2, and ϑ1 = ϑ2 = ϑ3): distance stays at rounding level."""
    _, grad, _ = _fig2(ctx.printed["figure2_loss"])
    rows, worst = [], 0.0
    T = ctx.size(20.0, 60.0)
    for w in (-1.0, 0.0, 1.2, 3.0):
        t, Y = flow(grad, [w, w], T)
        d = max(abs(y[0] - y[1]) / np.sqrt(2) for y in Y)
        tol = 64 * np.finfo(float).eps * max(1.0, float(np.abs(Y).max()))
        worst = max(worst, d / tol)
        rows.append(["Figure 2", f"({w}, {w})", f"{d:.1e}", f"{tol:.1e}"])
        if d > tol:
            return failed(f"Figure 2 flow from ({w},{w}) leaves the diagonal: distance {d:.2e}", counterexample={"start": [w, w], "distance": d})
    rng = ctx.rng("nn-in")
    for m, tie in ((3, (0, 1)), (4, (0, 1, 2))):
        prob = _nn(ctx.seed, m)
        th0 = _nn_start(rng, m, tie)
        t, Y = flow(prob.grad_np, th0, ctx.size(10.0, 40.0), n_eval=101)
        d = max(max(pair_distance(y, m, tie[0], b, d_in=2) for b in tie[1:]) for y in Y)
        tol = 64 * np.finfo(float).eps * max(1.0, float(np.abs(Y).max()))
        worst = max(worst, d / tol)
        rows.append([f"2-layer MSE, m={m}", f"tie {tie}", f"{d:.1e}", f"{tol:.1e}"])
        if d > tol:
            return failed(f"NN flow leaves H_{tie}: distance {d:.2e}", counterexample={"m": m, "tie": tie, "distance": d})
    return passed(f"all flows stay in their subspace (max distance/tol = {worst:.2e})", cases=len(rows),
                  tolerance="64·eps·max|θ|", tables=[{"title": "max distance to the subspace along the flow",
                                                     "columns": ["loss", "start", "max dist", "tol"], "rows": rows}])


@INV.check("symbolic", name="c1_loss_flow_leaves_subspace")
def c1_counterexample(ctx):
    """sympy: L = −|w1−w2|^{3/2} is C^1 and symmetric, and ρ(t) = (9t²/8, −9t²/8) is a gradient flow from (0,0) ∈ H_12 that leaves H_12."""
    L = -sp.Abs(w1 - w2) ** sp.Rational(3, 2)
    sym = sp.simplify(L - L.subs({w1: w2, w2: w1}, simultaneous=True)) == 0
    # C^1: the gradient −(3/2)|δ|^{1/2} sign(δ) is continuous (δ = w1 − w2), also at δ = 0
    dL = sp.diff(L, w1)
    c1 = sp.limit(dL.subs({w1: t_sym, w2: 0}), t_sym, 0, "+") == 0 and sp.limit(dL.subs({w1: -t_sym, w2: 0}), t_sym, 0, "+") == 0
    r1, r2 = sp.Rational(9, 8) * t_sym ** 2, -sp.Rational(9, 8) * t_sym ** 2
    tp = sp.Symbol("tp", positive=True)
    res = [sp.simplify((sp.diff(r, t_sym) + sp.diff(L, v).subs({w1: r1, w2: r2})).subs(t_sym, tp)) for r, v in ((r1, w1), (r2, w2))]
    if sym and c1 and res == [0, 0]:
        return failed("C^1 symmetric loss L = −|w1−w2|^{3/2}: ρ(t) = (9t²/8, −9t²/8) solves dρ/dt = −∇L(ρ) with ρ(0) = (0,0) ∈ H_12 "
                      "and ρ(t) ∉ H_12 for all t > 0 (ρ ≡ 0 is another solution: the flow is not unique)",
                      counterexample={"loss": "-|w1-w2|**(3/2)", "flow": "(9t^2/8, -9t^2/8)", "start": [0, 0],
                                      "distance_at_t=1": float(sp.Rational(9, 4) / sp.sqrt(2))})
    return passed(f"no counterexample (symmetric={sym}, C1={c1}, residuals={res})")


@INV.check("symbolic", role="correction", name="gradient_tangent_and_lipschitz_flow_unique")
def tangency(ctx):
    """For the (C^∞) Figure 2 loss, ∂L/∂w1 − ∂L/∂w2 = −(w1w2−2)(w1−w2)/Q vanishes on H_12 identically, so with a
    Lipschitz gradient the unique flow is the flow of the restriction to H_12 (numeric: two-layer MSE with m = 4, H_12 ∩ H_34)."""
    L, _, _ = _fig2(ctx.printed["figure2_loss"])
    diff = sp.simplify(sp.diff(L, w1) - sp.diff(L, w2))
    on_H = sp.simplify(diff.subs(w2, w1))
    if on_H != 0:
        return failed(f"∂1L − ∂2L on the diagonal is {on_H}", counterexample=str(on_H))
    rng = ctx.rng("nn-two-ties")
    prob = _nn(ctx.seed, 4)
    U = rng.normal(size=(4, 3))
    U[1], U[3] = U[0], U[2]
    th0 = np.concatenate([U[:, :2].reshape(-1), U[:, 2:].reshape(-1)])
    _, Y = flow(prob.grad_np, th0, ctx.size(10.0, 40.0), n_eval=101)
    d = max(max(pair_distance(y, 4, 0, 1, d_in=2), pair_distance(y, 4, 2, 3, d_in=2)) for y in Y)
    if d > 64 * np.finfo(float).eps * max(1.0, float(np.abs(Y).max())):
        return failed(f"flow leaves H_12 ∩ H_34: {d:.2e}", counterexample={"distance": d})
    return passed(f"∂1L − ∂2L = {sp.factor(diff)} vanishes on w1 = w2; NN flow stays in H_12 ∩ H_34 (max distance {d:.1e})")


# ---------------------------------------------------------------------------------------
ENTRY = claim(
    id="simsek2021.lemma2.1-no-finite-time-entry",
    title="A gradient flow started outside all symmetry subspaces does not reach one in finite time",
    sources=[(DOC, "Lemma 2.1"), (DOC, "Figure 2")],
    statement=(
        "If ρ(0) ∉ H_{i,j} for all i ≠ j ∈ [m], that is outside of all symmetry subspaces, the gradient flow does not "
        "visit any symmetry subspace in finite time (L^m symmetric, C^1)."
    ),
    hypotheses=("L^m C^1 and permutation-symmetric",),
    kind="existence",
    depends=("simsek2021.lemma2.1-invariance",),
    corrected_statement=(
        "If ∇L^m is Lipschitz with constant K(t) on the segments [ρ(t), P_(ij)ρ(t)], then dist(ρ(t), H_ij) ≥ "
        "dist(ρ(0), H_ij)·exp(−∫_0^t K): the distance decays at most exponentially, so it never reaches 0 in finite time. "
        "With C^1 only the conclusion fails (explicit example)."
    ),
    notes=(
        "Counterexample: L(w1,w2) = |w1−w2|^{3/2} (C^1, symmetric). Its flow is unique forward (δ' = −3·sign(δ)|δ|^{1/2} is "
        "monotone decreasing in δ) and equals δ(t) = (√δ0 − 3t/2)², reaching H_12 at t* = 2√δ0/3. For the Figure 2 loss "
        "the bound is exact and explicit: d log|w1−w2|/dt = B/Q with B = w1w2−2, Q = ½(A²+B²)+1, and |B|/Q ≤ 1/√2."
    ),
)


@ENTRY.check("numeric")
def flows_outside_stay_outside(ctx):
    """Figure 2 loss and two-layer MSE (m = 3, 4) from starts near H_12: min distance to every H_ij stays > 0 and above the Grönwall bound."""
    _, grad, hess = _fig2(ctx.printed["figure2_loss"])
    rows, worst_margin, n = [], np.inf, 0
    T = ctx.size(15.0, 40.0)
    for start in ((0.5, 0.5001), (2.0, 2.0 + 1e-5), (-1.0, -0.999), (4.0, 3.9)):
        t, Y = flow(grad, start, T)
        dist = np.array([abs(y[0] - y[1]) / np.sqrt(2) for y in Y])
        _, bound = gronwall_bound(hess, t, Y, 2, 0, 1, layout="interleaved")
        margin = float(np.min(np.log(dist[1:]) - np.log(bound[1:])))
        worst_margin, n = min(worst_margin, margin), n + 1
        rows.append(["Figure 2", str(start), f"{dist.min():.3e}", f"{bound[-1]:.3e}", f"{margin:.3f}"])
        if dist.min() <= 0 or margin < -1e-6:
            return failed(f"Figure 2 flow from {start}: min distance {dist.min():.3e}, Grönwall margin {margin:.3e}",
                          counterexample={"start": start, "min_distance": float(dist.min()), "log_margin": margin})
    rng = ctx.rng("nn-out")
    for m in (3, 4):
        prob = _nn(ctx.seed, m)
        for gap in (1e-2, 1e-4):
            th0 = _nn_start(rng, m, gap=gap)
            t, Y = flow(prob.grad_np, th0, ctx.size(8.0, 30.0), n_eval=ctx.size(61, 201))
            mins = [min_pair_distance(y, m, d_in=2) for y in Y]
            dist = np.array([pair_distance(y, m, 0, 1, d_in=2) for y in Y])
            _, bound = gronwall_bound(prob.hess_np, t, Y, m, 0, 1, d_in=2, samples=5)
            margin = float(np.min(np.log(dist[1:]) - np.log(bound[1:])))
            worst_margin, n = min(worst_margin, margin), n + 1
            rows.append([f"2-layer MSE m={m}", f"gap {gap:g}", f"{min(d for d, _ in mins):.3e}", f"{bound[-1]:.3e}", f"{margin:.3f}"])
            if min(d for d, _ in mins) <= 0 or margin < -1e-6:
                return failed(f"NN m={m}: distance {min(d for d, _ in mins):.3e}, margin {margin:.3e}",
                              counterexample={"m": m, "gap": gap, "log_margin": margin})
    return passed(f"every flow stays at positive distance from all H_ij, above the Grönwall bound (min log-margin {worst_margin:.3f})",
                  cases=n, tables=[{"title": "distance to the nearest symmetry subspace along the flow",
                                    "columns": ["loss", "start", "min_t dist", "Grönwall bound at T", "min log(dist/bound)"],
                                    "rows": rows}])


@ENTRY.check("symbolic", name="c1_loss_reaches_subspace_in_finite_time")
def c1_finite_time(ctx):
    """sympy: for L = |w1−w2|^{3/2}, δ(t) = (√δ0 − 3t/2)² solves δ' = −3√δ and vanishes at t* = 2√δ0/3; w1 + w2 is conserved."""
    L = sp.Abs(w1 - w2) ** sp.Rational(3, 2)
    dpos = sp.Symbol("dpos", positive=True)
    # δ' = −(∂1L − ∂2L) evaluated at δ > 0
    rate = sp.simplify(-(sp.diff(L, w1) - sp.diff(L, w2)).subs({w1: dpos, w2: 0}))
    D0 = sp.Symbol("D0", positive=True)
    tt = sp.Symbol("tt", positive=True)
    delta = (sp.sqrt(D0) - sp.Rational(3, 2) * tt) ** 2
    ode_res = sp.simplify(sp.diff(delta, tt) - rate.subs(dpos, delta).subs(sp.sqrt(delta), sp.sqrt(D0) - sp.Rational(3, 2) * tt))
    tstar = sp.solve(sp.Eq(sp.sqrt(D0) - sp.Rational(3, 2) * tt, 0), tt)
    sum_rate = sp.simplify(sp.diff(L, w1) + sp.diff(L, w2))
    if ode_res == 0 and tstar == [2 * sp.sqrt(D0) / 3] and sum_rate == 0:
        return failed("C^1 symmetric loss |w1−w2|^{3/2}: from δ0 = w1−w2 > 0 the (unique) flow reaches H_12 at t* = 2√δ0/3",
                      counterexample={"loss": "|w1-w2|**(3/2)", "delta(t)": "(sqrt(delta0) - 3t/2)^2",
                                      "hitting_time": "2*sqrt(delta0)/3", "example": {"start": [1, 0], "t_star": 2 / 3}})
    return passed(f"no finite-time entry found (residual {ode_res}, t* {tstar})")


@ENTRY.check("symbolic", role="correction", name="gronwall_rate_figure2_exact")
def figure2_exact_rate(ctx):
    """sympy: for the Figure 2 loss, (w1−w2)' = (w1w2−2)(w1−w2)/Q exactly, and |w1w2−2|/Q ≤ 1/√2, so |w1−w2| ≥ |δ0|e^{−t/√2}."""
    L, _, _ = _fig2(ctx.printed["figure2_loss"])
    A, B = w1 + w2 - 3, w1 * w2 - 2
    Q = (A ** 2 + B ** 2) / 2 + 1
    ddelta = -(sp.diff(L, w1) - sp.diff(L, w2))
    if sp.simplify(ddelta - B * (w1 - w2) / Q) != 0:
        return failed("δ' is not B·δ/Q for the printed loss", counterexample=str(sp.simplify(ddelta)))
    b = sp.Symbol("b", real=True)
    f = b / (1 + b ** 2 / 2)
    crit = sp.solve(sp.diff(f, b), b)
    mx = max(abs(f.subs(b, c)) for c in crit)
    if sp.simplify(mx - 1 / sp.sqrt(2)) != 0:
        return failed(f"max |B|/(1+B²/2) = {mx}", counterexample=str(mx))
    return passed("δ' = (w1w2−2)δ/Q with |w1w2−2|/Q ≤ max_b |b|/(1+b²/2) = 1/√2: dist(t) ≥ dist(0)·e^{−t/√2} for all t")


@ENTRY.check("numeric", role="correction", name="gronwall_bound_nn")
def gronwall_nn(ctx):
    """The derived bound dist(t) ≥ dist(0)·exp(−∫K) along flows whose units ATTRACT each other (so the bound is tested
    where it matters): two-layer MSE with a width-1 teacher (two student units converge towards the teacher unit) and the
    Remark 2.1 loss (exponential approach to the diagonal); K = max Hessian norm on the segment [ρ, P_(12)ρ]."""
    rows, n = [], 0
    g = ctx.torch_generator("gronwall")
    prob = TeacherStudent.random(g, 1, 2, 1, 20)
    rng = ctx.rng("gronwall")
    w_t, a_t = prob.W_teacher.numpy()[0], prob.A_teacher.numpy()[0]
    cases = []
    for gap in (0.3, 1e-3):
        U = np.stack([np.r_[w_t, a_t / 2], np.r_[w_t, a_t / 2]]) + gap * rng.normal(size=(2, 3))
        cases.append(("2-layer MSE, teacher width 1, m = 2", prob.grad_np, prob.hess_np,
                      np.concatenate([U[:, :2].reshape(-1), U[:, 2:].reshape(-1)]), 2, "blocks", 2))
    _, g2, h2 = _fig2("=log(((w1 + w2 - 3)**2 + (w1*w2 - 3)**2)/2 + 1)")
    cases.append(("Remark 2.1 loss", g2, h2, np.array([1.0, 0.2]), 2, "interleaved", None))
    for name, grad, hess, th0, m, layout, d_in in cases:
        t, Y = flow(grad, th0, ctx.size(10.0, 30.0), n_eval=ctx.size(101, 301))
        dist = np.array([pair_distance(y, m, 0, 1, layout, d_in) for y in Y])
        K, bound = gronwall_bound(hess, t, Y, m, 0, 1, layout, d_in)
        margin = np.log(dist[1:]) - np.log(bound[1:])
        decay = float(np.log(dist[-1] / dist[0]))
        n += len(t)
        rows.append([name, f"{dist[0]:.2e}", f"{dist[-1]:.2e}", f"{decay:.2f}", f"{-np.sum(np.maximum(K[1:], K[:-1]) * np.diff(t)):.2f}",
                     f"{margin.min():.3f}"])
        if margin.min() < -1e-6:
            i = int(np.argmin(margin)) + 1
            return failed(f"{name}: bound violated at t = {t[i]:.2f}", counterexample={"t": float(t[i]), "dist": float(dist[i]), "bound": float(bound[i])})
    if not any(float(r[3]) < -1.0 for r in rows):
        return failed("no test flow approached a symmetry subspace; the bound was not exercised", counterexample=rows)
    return passed("dist(t) ≥ dist(0)·exp(−∫K) on every flow, including flows that approach H_12 exponentially", cases=n,
                  tables=[{"title": "Grönwall bound along flows", "columns": ["flow", "dist(0)", "dist(T)", "log dist(T)/dist(0)",
                                                                             "−∫K (log of bound factor)", "min log(dist/bound), t>0"],
                           "rows": rows}])


# ---------------------------------------------------------------------------------------
REM = claim(
    id="simsek2021.remark2.1-infinite-time",
    title="A flow can converge to a critical point on a symmetry subspace, reaching it only in infinite time",
    sources=[(DOC, "Remark 2.1")],
    statement=(
        "Lemma 2.1 does not exclude: if there is a critical point on the symmetry subspace that is attractive in some "
        "directions orthogonal to it, the gradient flow can reach it in infinite time (at convergence)."
    ),
    kind="existence",
    depends=("simsek2021.lemma2.1-no-finite-time-entry",),
    notes=(
        "Example: the Figure 2 loss with target product 3 instead of 2, L = log(½((w1+w2−3)² + (w1w2−3)²)+1). Since "
        "w1w2 ≤ ((w1+w2)/2)², its minimiser lies on the diagonal and attracts orthogonally. The δ-equation "
        "d log δ/dt = (w1w2−3)/Q is integrated directly (no cancellation), so δ is resolved down to 1e-100."
    ),
)


@REM.check("numeric")
def converges_to_diagonal_minimum_asymptotically(ctx):
    """Flow from off the diagonal: δ = w1−w2 stays > 0 at every finite t but decays like e^{−λt} with λ the orthogonal rate at the minimum."""
    from scipy.integrate import solve_ivp
    from scipy.optimize import minimize_scalar

    L = sp.log(((w1 + w2 - 3) ** 2 + (w1 * w2 - 3) ** 2) / 2 + 1)
    s, ld = sp.symbols("s ld", real=True)
    g1, g2 = sp.diff(L, w1), sp.diff(L, w2)
    B, Q = w1 * w2 - 3, ((w1 + w2 - 3) ** 2 + (w1 * w2 - 3) ** 2) / 2 + 1
    if sp.simplify(-(g1 - g2) - B * (w1 - w2) / Q) != 0:
        return failed("δ-equation derivation failed", counterexample="identity")
    sub = {w1: (s + sp.exp(ld)) / 2, w2: (s - sp.exp(ld)) / 2}
    ds = sp.lambdify((s, ld), (-(g1 + g2)).subs(sub), "numpy")
    dld = sp.lambdify((s, ld), (B / Q).subs(sub), "numpy")
    T = ctx.size(60.0, 200.0)
    sol = solve_ivp(lambda _t, y: [ds(*y), dld(*y)], (0, T), [1.0, np.log(1.0)], method="DOP853", rtol=1e-11, atol=1e-12,
                    t_eval=np.linspace(0, T, 61))
    w_diag = minimize_scalar(lambda w: float(L.subs({w1: w, w2: w})), bounds=(0, 3), method="bounded", options={"xatol": 1e-12}).x
    lam = -float((B / Q).subs({w1: w_diag, w2: w_diag}))
    log_delta = sol.y[1]
    late_slope = float((log_delta[-1] - log_delta[-11]) / (sol.t[-1] - sol.t[-11]))
    s_end = sol.y[0][-1]
    ok = np.all(np.isfinite(log_delta)) and lam > 0 and abs(late_slope + lam) < 1e-3 * lam and abs(s_end - 2 * w_diag) < 1e-6
    rows = [[f"{sol.t[i]:.0f}", f"{log_delta[i] / np.log(10):.2f}"] for i in range(0, 61, 10)]
    if not ok:
        return failed(f"no asymptotic convergence: slope {late_slope:.4f}, λ {lam:.4f}, s_end {s_end:.6f} vs {2 * w_diag:.6f}",
                      counterexample={"slope": late_slope, "lambda": lam})
    return passed(f"(w1+w2)/2 → w* = {w_diag:.6f} (diagonal minimum); log10 δ(T={T:g}) = {log_delta[-1] / np.log(10):.1f} > −∞; "
                  f"decay rate {-late_slope:.5f} = orthogonal rate λ = {lam:.5f}", cases=61,
                  tables=[{"title": "δ(t) = w1 − w2 along the flow", "columns": ["t", "log10 δ"], "rows": rows}])


# ---------------------------------------------------------------------------------------
FIG2 = claim(
    id="simsek2021.figure2-critical-points",
    title="Figure 2: two permutation-symmetric global minima off the diagonal and a saddle on it",
    sources=[(DOC, "Figure 2")],
    statement=(
        "The gradient flow of the permutation-symmetric loss L(w1,w2) = log(½((w1+w2−3)² + (w1w2−2)²) + 1). Red: "
        "permutation-symmetric global minima, purple: saddle, dashed line: the symmetry subspace."
    ),
    kind="existence",
    notes="All real critical points are found exactly (sympy solve of ∇L = 0: the numerator system is polynomial).",
)


@FIG2.check("symbolic")
def critical_points_exact(ctx):
    """sympy: L is symmetric; ∇L = 0 has exactly the minima (1,2), (2,1) (L = 0 = min, swapped by the permutation) and one critical point on the diagonal, a saddle."""
    L, _, _ = _fig2(ctx.printed["figure2_loss"])
    if sp.simplify(L - L.subs({w1: w2, w2: w1}, simultaneous=True)) != 0:
        return failed("loss not symmetric", counterexample=str(L))
    A, B = w1 + w2 - 3, w1 * w2 - 2
    # ∇L = (A + B·w2, A + B·w1)/Q: numerators of the gradient
    num = [sp.numer(sp.together(sp.diff(L, v))) for v in (w1, w2)]
    # split by the factors of num1 − num2 (fast exact solving of small systems)
    sols = []
    for fac, _ in sp.factor_list(sp.expand(num[0] - num[1]))[1]:
        for s in sp.solve([fac, num[0]], [w1, w2], dict=True):
            if len(s) == 2 and all(v.is_real for v in s.values()) and s not in sols:
                sols.append(s)
    rows, minima, saddles, other = [], [], [], []
    for s in sols:
        H = sp.hessian(L, (w1, w2)).subs(s)
        ev = [sp.N(e) for e in H.eigenvals()]
        val = sp.simplify(L.subs(s))
        kind = "min" if all(e > 0 for e in ev) else ("saddle" if min(ev) < 0 < max(ev) else "other")
        rows.append([f"({sp.nsimplify(s[w1])}, {sp.nsimplify(s[w2])})", str(val), kind])
        (minima if kind == "min" else saddles if kind == "saddle" else other).append((s, val))
    ok_min = sorted((int(s[w1]), int(s[w2])) for s, v in minima if v == 0) == [(1, 2), (2, 1)] and len(minima) == 2
    ok_saddle = len(saddles) == 1 and sp.simplify(saddles[0][0][w1] - saddles[0][0][w2]) == 0 and not other
    table = [{"title": "real critical points of the Figure 2 loss", "columns": ["point", "L", "type"], "rows": rows}]
    if not (ok_min and ok_saddle):
        return failed(f"critical points {rows}", counterexample=rows, tables=table)
    return passed("minima (1,2), (2,1) with L = 0 = inf L (L ≥ 0), swapped by the permutation; one saddle, on the diagonal",
                  tables=table)
