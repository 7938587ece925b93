"""Reducible points (Definition 3.1): the two reduction rules keep the network function; repeated
reduction ends at an irreducible point; an expansion manifold is not invariant under the flow (Section 3).
Printed values live in ``cases/simsek2021/reductions.toml``."""

from __future__ import annotations

import numpy as np
import sympy as sp
import torch

from verify import claim, failed, passed
from verify.critical_points import TeacherStudent
from verify.gradient_flows import flow
from verify.nets import activation, two_layer
from verify.numeric import rounding_tolerance
from verify.symbolic import parse_printed

from . import DOC

ACTS = ("sigma_alpha_gamma", "tanh", "softplus", "sigmoid", "gelu")


def reduce_once(W: torch.Tensor, A: torch.Tensor, merge_rule=None):
    """One step of Definition 3.1 (up to permutation): merge two neurons with equal incoming vectors
    (outgoing vector given by ``merge_rule(a_i, a_j)``, default a_i + a_j), else drop a neuron with zero
    outgoing vector.  Returns None when the point is irreducible."""
    m = W.shape[0]
    for i in range(m):
        for j in range(i + 1, m):
            if torch.equal(W[i], W[j]):
                a = (merge_rule or (lambda x, y: x + y))(A[i], A[j])
                keep = [k for k in range(m) if k not in (i, j)]
                return torch.cat([W[i:i + 1], W[keep]]), torch.cat([a.unsqueeze(0), A[keep]])
    for i in range(m):
        if torch.count_nonzero(A[i]) == 0:
            keep = [k for k in range(m) if k != i]
            return W[keep], A[keep]
    return None


def reduce_fully(W, A, merge_rule=None):
    steps = 0
    while True:
        nxt = reduce_once(W, A, merge_rule)
        if nxt is None:
            return W, A, steps
        W, A = nxt
        steps += 1


def random_reducible(gen: torch.Generator, r: int, d_in: int, d_out: int, n_copies: int, n_zero: int):
    """An irreducible θ^r, then n_copies duplicated incoming vectors (outgoing split randomly) and n_zero neurons
    with zero outgoing vector (random incoming), shuffled."""
    W = torch.randn(r, d_in, generator=gen, dtype=torch.float64)
    A = torch.randn(r, d_out, generator=gen, dtype=torch.float64)
    Ws, As = [W], [A]
    for _ in range(n_copies):
        t = int(torch.randint(r, (1,), generator=gen))
        Ws.append(W[t:t + 1].clone())
        As.append(torch.randn(1, d_out, generator=gen, dtype=torch.float64))
    for _ in range(n_zero):
        Ws.append(torch.randn(1, d_in, generator=gen, dtype=torch.float64))
        As.append(torch.zeros(1, d_out, dtype=torch.float64))
    W2, A2 = torch.cat(Ws), torch.cat(As)
    perm = torch.randperm(W2.shape[0], generator=gen)
    return W2[perm], A2[perm], r


# ---------------------------------------------------------------------------------------
RED = claim(
    id="simsek2021.def3.1-reductions",
    title="Reducing a reducible point (merge equal incoming vectors, drop zero outgoing vectors) keeps the function",
    sources=[(DOC, "Definition 3.1")],
    statement=(
        "Any reducible point θ^m is equivalent to a point θ^{m−1} with (m−1) neurons that produces the same function: "
        "(w_2, ..., w_m, a_1 + a_2, a_3, ..., a_m) if w_1 = w_2, and (w_2, ..., w_m, a_2, ..., a_m) if a_1 = 0. Continuing, "
        "one reaches an irreducible point θ^r."
    ),
    kind="identity",
    printed=("merged_outgoing",),
)


@RED.check("symbolic")
def sympy_identity(ctx):
    """sympy, generic σ (undefined function), symbolic weights: f(θ^m) − f(θ^{m−1}) simplifies to 0 under each rule (m = 2..4, d_in = 2, d_out = 2)."""
    sigma = sp.Function("sigma")
    merged = parse_printed(ctx.printed["merged_outgoing"], {"a1": sp.Symbol("a1"), "a2": sp.Symbol("a2")})
    x = sp.symbols("x1 x2")
    n = 0
    for m in range(2, 5):
        W = [sp.symbols(f"w{i}_1 w{i}_2") for i in range(1, m + 1)]
        A = [sp.symbols(f"a{i}_1 a{i}_2") for i in range(1, m + 1)]

        def f(Ws, As):
            return [sum(a[q] * sigma(sum(wi * xi for wi, xi in zip(w, x))) for w, a in zip(Ws, As)) for q in range(2)]

        # rule 1: w_1 = w_2 -> (w_2..w_m, merged(a_1, a_2), a_3..a_m)
        sub = {W[0][p]: W[1][p] for p in range(2)}
        full = [e.subs(sub) for e in f(W, A)]
        a_merged = [merged.subs({sp.Symbol("a1"): A[0][q], sp.Symbol("a2"): A[1][q]}) for q in range(2)]
        red = f(W[1:], [a_merged] + A[2:])
        d1 = [sp.simplify(u - v) for u, v in zip(full, red)]
        # rule 2: a_1 = 0 -> drop neuron 1
        full2 = [e.subs({A[0][q]: 0 for q in range(2)}) for e in f(W, A)]
        d2 = [sp.simplify(u - v) for u, v in zip(full2, f(W[1:], A[1:]))]
        n += 1
        if any(d != 0 for d in d1 + d2):
            return failed(f"m = {m}: f(θ^m) − f(θ^(m−1)) = {d1} (merge), {d2} (drop)",
                          counterexample={"m": m, "merge_difference": [str(d) for d in d1], "drop_difference": [str(d) for d in d2]})
    return passed("both reduction rules give identically the same function for m = 2, 3, 4 (generic σ, symbolic weights)", cases=n)


@RED.check("numeric")
def torch_full_reduction(ctx):
    """torch float64: random reducible points (copies + zero outgoing vectors), reduced until irreducible with the printed
    merge rule; same outputs on 200 random inputs, and the result has the original width r."""
    g = ctx.torch_generator("reduce")
    merged = parse_printed(ctx.printed["merged_outgoing"], {"a1": sp.Symbol("a1"), "a2": sp.Symbol("a2")})
    rule_fn = sp.lambdify((sp.Symbol("a1"), sp.Symbol("a2")), merged)
    rule = lambda a, b: rule_fn(a, b) * torch.ones_like(a)
    n, worst = 0, 0.0
    for act_name in ACTS:
        act = activation(act_name)
        for _ in range(ctx.size(10, 40)):
            d_in, d_out = int(torch.randint(1, 4, (1,), generator=g)), int(torch.randint(1, 4, (1,), generator=g))
            W, A, r = random_reducible(g, int(torch.randint(1, 4, (1,), generator=g)), d_in, d_out,
                                       int(torch.randint(0, 4, (1,), generator=g)), int(torch.randint(0, 3, (1,), generator=g)))
            X = torch.randn(200, d_in, generator=g, dtype=torch.float64)
            Wr, Ar, steps = reduce_fully(W, A, rule)
            y, yr = two_layer(X, W, A, act), two_layer(X, Wr, Ar, act)
            err = float((y - yr).abs().max())
            tol = rounding_tolerance(float(y.abs().max()) + 1.0, W.shape[0]).value
            worst, n = max(worst, err / tol), n + 1
            if err > tol or Wr.shape[0] != r:
                return failed(f"{act_name}: reduction changed the function by {err:.2e} (tol {tol:.1e}) or width {Wr.shape[0]} ≠ {r}",
                              counterexample={"activation": act_name, "W": W.tolist(), "A": A.tolist(), "err": err})
    return passed(f"{n} reducible points over {len(ACTS)} activations reduced to width r with the same outputs (worst err/tol {worst:.2e})",
                  cases=n, tolerance="rounding_tolerance(scale, m)")


@RED.check("numeric", name="control_dropping_live_neuron_changes_function")
def control(ctx):
    """Control: dropping a neuron whose outgoing vector is NOT zero, or merging with a_1 only, changes the outputs far beyond rounding."""
    g = ctx.torch_generator("control")
    act = activation("sigma_alpha_gamma")
    W, A = torch.randn(3, 2, generator=g, dtype=torch.float64), torch.randn(3, 1, generator=g, dtype=torch.float64)
    X = torch.randn(100, 2, generator=g, dtype=torch.float64)
    full = two_layer(X, W, A, act)
    e1 = float((full - two_layer(X, W[1:], A[1:], act)).abs().max())
    W2 = W.clone()
    W2[1] = W2[0]
    e2 = float((two_layer(X, W2, A, act) - two_layer(X, W2[1:], torch.cat([A[:1], A[2:]]), act)).abs().max())
    if min(e1, e2) < 1e-3:
        return failed("wrong reductions were not detected", counterexample={"drop_err": e1, "bad_merge_err": e2})
    return passed(f"wrong reductions change the outputs by {e1:.2f} and {e2:.2f}")


# ---------------------------------------------------------------------------------------
NOTINV = claim(
    id="simsek2021.expansion-manifold-not-invariant",
    title="The expansion manifold is an equal-loss set that a gradient flow crosses at most once",
    sources=[(DOC, "Section 3 (after Definition 3.3)")],
    statement=(
        "Since Θ_{r→m}(θ^r) is an equal-loss manifold, the gradient flow can cross it at most once. Therefore Θ_{r→m}(θ^r) "
        "is not an invariant manifold like the symmetry subspaces."
    ),
    kind="existence",
    notes="Tested for non-critical θ^r (random student of an MSE teacher–student problem): from a point of Θ_{r→m}(θ^r) the loss "
    "drops strictly below L^r(θ^r), so the flow never returns to Θ. At a critical θ^r the points of Θ̄ ⊂ Θ are fixed points, "
    "so 'at most once' needs θ^r non-critical (or counts staying as one crossing).",
)


@NOTINV.check("numeric")
def loss_strictly_decreases(ctx):
    """Flows from random points of Γ_s(θ^r) (copies and a zero-type pair) for non-critical θ^r: L(ρ(t)) < L(ρ(0)) for all t > 0."""
    g = ctx.torch_generator("notinv")
    prob = TeacherStudent.random(g, 3, 2, 1, 30)
    rng = ctx.rng("notinv")
    rows = []
    for trial in range(ctx.size(3, 8)):
        r = 2
        th_r = rng.normal(size=r * 3)
        W, A = th_r[:4].reshape(2, 2), th_r[4:].reshape(2, 1)
        b = rng.normal()
        wz = rng.normal(size=2)
        alpha = rng.normal()
        Wm = np.vstack([W[0], W[0], W[1], wz, wz])
        Am = np.vstack([[A[0, 0] * b], [A[0, 0] * (1 - b)], A[1], [alpha], [-alpha]])
        th_m = np.concatenate([Wm.reshape(-1), Am.reshape(-1)])
        L0 = prob.loss_np(th_m)
        if abs(L0 - prob.loss_np(th_r)) > 1e-12 * max(1, L0):
            return failed("point of Γ_s has a different loss", counterexample={"trial": trial})
        t, Y = flow(prob.grad_np, th_m, 2.0, n_eval=21)
        Ls = np.array([prob.loss_np(y) for y in Y])
        rows.append([trial, f"{L0:.4f}", f"{Ls[1]:.4f}", f"{Ls[-1]:.4f}"])
        if not np.all(np.diff(Ls) < 0):
            return failed(f"loss not strictly decreasing along the flow from Θ (trial {trial})", counterexample={"losses": Ls.tolist()})
    return passed("loss strictly decreases from the level of Θ at every sampled time: the flow leaves Θ and cannot come back",
                  cases=len(rows), tables=[{"title": "loss along flows started on Θ_{2→5}", "columns": ["trial", "L(Θ)", "L(t=0.1)", "L(t=2)"],
                                            "rows": rows}])
