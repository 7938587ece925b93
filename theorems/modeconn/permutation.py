"""Mode connectivity up to permutation (Section 5.1): Lemma 5.1, its Example, Proposition 5.2.

The permutations and the connecting paths are constructed explicitly: membership in the
minimum and in a component is decided exactly (rational arithmetic, determinant signs,
certified paths), and the loss of real torch networks (bias-free ``nn.Linear`` layers,
float64) is evaluated along every constructed path.

Printed values live in ``cases/modeconn/permutation.toml``.
"""

from __future__ import annotations

import itertools
from typing import Sequence

import sympy as sp

from verify import claim, failed, passed
from verify.components import det_sign, perm_matrix, permutations
from verify.real_algebraic import qmatrix, random_invertible
from verify.validate import InvalidArgument

from . import DOC, THESIS
from .components import (
    M,
    act,
    certify_minimum_path,
    chain,
    linear_loss,
    minimum_point,
    path_in_minimum,
    random_data,
    sign_class,
    torch_loss_along,
)


def connected_in_minimum(Wa: Sequence[M], Wb: Sequence[M], X: M, Y: M) -> tuple[bool, dict]:
    """Exact decision for points of L^{-1}(0): same component ⇔ same det-sign class.  When they agree the
    certified path is built and the torch loss is evaluated along it (reported in the evidence)."""
    for name, W in (("Wa", Wa), ("Wb", Wb)):
        if linear_loss(W, X, Y) != 0:
            raise InvalidArgument(f"{name} is not a point of L^{{-1}}(0)")
    if sign_class(Wa) != sign_class(Wb):
        return False, {"classes": (sign_class(Wa), sign_class(Wb))}
    path = path_in_minimum(Wa, Wb)
    ok, k = certify_minimum_path(path)
    if not ok:
        raise AssertionError(f"path construction failed certification at segment {k}")
    worst, tol, n = torch_loss_along(path, X, Y)
    if worst > tol:
        raise AssertionError(f"torch loss {worst:.3g} exceeds rounding tolerance {tol:.3g} on a certified path")
    return True, {"waypoints": len(path), "torch_evals": n, "max_torch_loss": worst, "tolerance": tol}


# =====================================================================================================
LEMMA = claim(
    id="modeconn.lemma-odd-det-connects",
    title="l = 2: a g ∈ GL(h) with det g < 0 moves a point into the component of any point not connected to it",
    sources=[(DOC, "Lemma 5.1"), (DOC, "Appendix C, proof of Lemma 5.1"), (THESIS, "Lemma 3.3.1"),
             (THESIS, "Appendix B.2, proof of Lemma 3.3.1")],
    statement=(
        "For the two-layer linear network (1) with invertible weights: if (W_1, W_2), (W'_1, W'_2) ∈ L^{-1}(0) are not "
        "connected in L^{-1}(0), then for any g ∈ GL(h) with det(g) < 0, g·(W_1, W_2) = (gW_1, W_2g^{-1}) and (W'_1, W'_2) "
        "are connected in L^{-1}(0)."
    ),
    hypotheses=("l = 2", "X, Y ∈ R^{h×h} of rank h"),
    kind="topology",
    depends=("modeconn.linear-min-components", "modeconn.linear-GL-invariance"),
    printed=("det_g_negative",),
    notes=(
        "Both proofs write 'Consider a g_1 ∈ GL_h such that det(g) < 0' where det(g_1) < 0 is meant (g is already "
        "f^{-1}(W_1, W_2)); with that reading the proof's steps check out (proof-step check). The hypothesis 'not "
        "connected' is needed: if the two points are connected, g·(W_1, W_2) is in the other component (shown in the "
        "details)."
    ),
)


def _pairs_in_different_components(rng, h: int, X: M, Y: M):
    s = int(rng.choice([-1, 1]))
    return minimum_point(rng, h, 2, X, Y, signs=[s]), minimum_point(rng, h, 2, X, Y, signs=[-s])


@LEMMA.check("exact", name="odd_det_g_connects_with_torch_paths")
def lemma_exact(ctx):
    """Random disconnected pairs (h = 1..4) and random g with the printed det sign (and every permutation matrix of that
    sign): g·W ∈ L^{-1}(0) exactly, and g·W, W' are joined by a certified path along which the torch loss stays at
    rounding level."""
    negative = ctx.printed["det_g_negative"]
    want = -1 if negative else 1
    rng = ctx.rng("lemma")
    n = 0
    stats = []
    for h in (1, 2, 3, 4):
        X, Y = random_data(rng, h)
        for _ in range(ctx.size(2, 6)):
            W, Wp = _pairs_in_different_components(rng, h, X, Y)
            gs = [random_invertible(rng, h, sign=want)] + [P for P in permutations(h) if det_sign(P) == want][:3]
            for g in gs:
                gW = act([g], W)
                if linear_loss(gW, X, Y) != 0:
                    return failed("g·W left the minimum", counterexample={"h": h, "g": str(g.tolist())})
                ok, info = connected_in_minimum(gW, Wp, X, Y)
                if not ok:
                    return failed(f"h={h}: g with det sign {want} does not bring W to the component of W'",
                                  counterexample={"h": h, "g": str(g.tolist()), "W1": str(W[0].tolist()),
                                                  "W1'": str(Wp[0].tolist()), **{k: str(v) for k, v in info.items()}})
                stats.append(info["max_torch_loss"])
                n += 1
    # the hypothesis 'not connected' matters: for connected W, W' the image g·W is in the other component
    X, Y = random_data(rng, 2)
    W = minimum_point(rng, 2, 2, X, Y, signs=[1])
    Wp = minimum_point(rng, 2, 2, X, Y, signs=[1])
    same_after = connected_in_minimum(act([perm_matrix([1, 0])], W), Wp, X, Y)[0]
    return passed(f"{n} (W, W', g) cases, h = 1..4: g·W ∈ L^{{-1}}(0) and joined to W' by a certified path; torch loss along "
                  f"the paths ≤ {max(stats):.2e} (rounding level)", cases=n,
                  tolerance="torch loss ≤ 64·eps·h·(l+1)·∏cond(W_i)·cond(X)·||Y||²·max|Y| at every evaluated point (forward error of products and the solve for W_l)",
                  details={"connected_pair_after_odd_g_still_connected": same_after})


@LEMMA.check("exact", role="proof-step", name="proof_chain_via_f")
def lemma_proof(ctx):
    """The proof: with g = f^{-1}(W), g' = f^{-1}(W'), det(gg') < 0; for det g_1 < 0, det(g_1gg') > 0 and
    g_1·(W_1, W_2) = f(g_1g) (exact)."""
    rng = ctx.rng("lemma-proof")
    n = 0
    for h in (1, 2, 3):
        X, Y = random_data(rng, h)
        for _ in range(ctx.size(3, 8)):
            W, Wp = _pairs_in_different_components(rng, h, X, Y)
            g, gp = M(W[0] * X), M(Wp[0] * X)  # f^{-1}(W_1, W_2) = W_1X
            g1 = random_invertible(rng, h, sign=-1)
            f = lambda u: [M(u * X.inv()), M(Y * u.inv())]  # noqa: E731  (Eq. (10) with l = 2)
            if not ((g * gp).det() < 0 and (g1 * g * gp).det() > 0 and act([g1], W) == f(M(g1 * g))):
                return failed("a step of the proof fails", counterexample={"h": h, "g1": str(g1.tolist())})
            n += 1
    return passed(f"det(gg') < 0, det(g_1gg') > 0 and g_1·W = f(g_1g) on {n} exact cases", cases=n)


# =====================================================================================================
EXAMPLE = claim(
    id="modeconn.lemma-example-2x2",
    title="Example: W = (I, diag(−1, 1)), W' = (diag(−1, 1), I), g = the swap; g·W is in the component of W'",
    sources=[(DOC, "Appendix C, Example after Lemma 5.1"), (THESIS, "Appendix B.2, Example after Lemma 3.3.1")],
    statement=(
        "(W_1, W_2) = (I, diag(−1, 1)) and (W'_1, W'_2) = (diag(−1, 1), I) are in L^{-1}(0) (for data with YX^{-1} = "
        "diag(−1, 1)) but in different components (determinants of different signs); for g = [[0, 1], [1, 0]], "
        "g·(W_1, W_2) = ([[0, 1], [1, 0]], [[0, −1], [1, 0]]), which is in the same component as (W'_1, W'_2)."
    ),
    kind="identity",
    depends=("modeconn.lemma-odd-det-connects",),
    printed=("W1", "W2", "W1p", "W2p", "g", "gW1", "gW2"),
    notes="'For some loss function L' is read as: data X, Y with YX^{-1} = W_2W_1; we use X = I, Y = W_2W_1 and also "
    "X = random invertible, Y = W_2W_1X.",
)


@EXAMPLE.check("exact", name="example_matrices_and_connecting_path")
def example_check(ctx):
    """Exact matrices from the text: both points on the minimum, different det signs, g·W as printed, and a certified
    path from g·W to W' with the torch loss evaluated along it."""
    P = {k: qmatrix(ctx.printed[k]) for k in ("W1", "W2", "W1p", "W2p", "g", "gW1", "gW2")}
    rng = ctx.rng("example")
    for X in (M(sp.eye(2)), random_invertible(rng, 2)):
        Y = M(P["W2"] * P["W1"] * X)
        W, Wp = [P["W1"], P["W2"]], [P["W1p"], P["W2p"]]
        if linear_loss(Wp, X, Y) != 0:
            return failed("(W'_1, W'_2) is not in the same minimum as (W_1, W_2): W'_2W'_1 ≠ W_2W_1",
                          counterexample={"W2W1": str((P["W2"] * P["W1"]).tolist()), "W2'W1'": str((P["W2p"] * P["W1p"]).tolist())})
        if sign_class(W) == sign_class(Wp):
            return failed("the two points have the same det signs (same component)", counterexample={"W1": str(P["W1"].tolist())})
        gW = act([P["g"]], W)
        if gW != [P["gW1"], P["gW2"]]:
            return failed("g·(W_1, W_2) differs from the printed matrices",
                          counterexample={"computed": [str(m.tolist()) for m in gW], "printed": [str(P['gW1'].tolist()), str(P['gW2'].tolist())]})
        ok, info = connected_in_minimum(gW, Wp, X, Y)
        if not ok:
            return failed("g·W is not in the component of W'", counterexample={k: str(v) for k, v in info.items()})
    return passed("both points on the minimum, in different components; g·W equals the printed matrices and is joined to W' "
                  f"by a certified path ({info['waypoints']} waypoints, torch loss ≤ {info['max_torch_loss']:.1e})", cases=2,
                  tolerance="torch loss ≤ 64·eps·h·(l+1)·∏cond(W_i)·cond(X)·||Y||²·max|Y| at every evaluated point (forward error of products and the solve for W_l)")


# =====================================================================================================
PROP = claim(
    id="modeconn.perm-connectivity",
    title="h ≥ 2: any two minima of the linear network are connected up to hidden-neuron permutations",
    sources=[(DOC, "Proposition 5.2"), (DOC, "Appendix C, proof of Proposition 5.2"), (THESIS, "Proposition 3.3.2"),
             (THESIS, "Appendix B.2, proof of Proposition 3.3.2")],
    statement=(
        "Assume h ≥ 2. For all (W_1, …, W_l), (W'_1, …, W'_l) ∈ L^{-1}(0) there exist permutation matrices P_1, …, P_{l−1} "
        "such that (W_1P_1, P_1^{-1}W_2P_2, …, P_{l−2}W_{l−1}P_{l−1}, P_{l−1}W_l) and (W'_1, …, W'_l) are connected in L^{-1}(0)."
    ),
    latex=r"(W_1P_1,\,P_1^{-1}W_2P_2,\dots,P_{l-2}W_{l-1}P_{l-1},\,P_{l-1}W_l)\sim(W'_1,\dots,W'_l)",
    hypotheses=("h ≥ 2", "X, Y ∈ R^{h×h} of rank h", "all weights h×h"),
    kind="topology",
    depends=("modeconn.lemma-odd-det-connects", "modeconn.linear-min-components"),
    corrected_statement=(
        "Assume h ≥ 2. For all W, W' ∈ L^{-1}(0) there are permutation matrices P_1, …, P_{l−1} such that the permuted "
        "network (P_1W_1, P_2W_2P_1^{-1}, …, P_{l−1}W_{l−1}P_{l−2}^{-1}, W_lP_{l−1}^{-1}) — the GL_h^{l−1} action of "
        "Section 4.1 restricted to permutations, i.e. a relabelling of hidden neurons — is connected to W' in L^{-1}(0). "
        "Choosing P_i = I or an odd permutation so that sign det(P_iW_iP_{i−1}^{-1}) = sign det W'_i (the proof's rule) works."
    ),
    notes=(
        "As printed (identically in both documents), the permuted tuple multiplies W_1 by P_1 on the right and W_l by "
        "P_{l−1} on the left, and uses P_1^{-1} in the second layer but P_{l−2} (no inverse) in layer l−1: the product "
        "W_l⋯W_1 is not preserved, so the tuple is in general not a point of L^{-1}(0) and cannot be connected to W' "
        "inside it. Smallest counterexample: h = 2, l = 2, X = I, Y = diag(1, 2) (exact, below). The proof computes "
        "g''_i = P_{i−1}^{-1}g'_iP_i from the primed point, whereas the statement permutes the unprimed one. The "
        "selection rule of the proof does work for the corrected action. For h = 1 (no odd permutation) the corrected "
        "statement fails, so h ≥ 2 is necessary. The proof also writes (GL_h)^{n−1} for (GL_h)^{l−1}. The text before "
        "the proposition ('when h ≥ 2 there are permutations of both determinant signs') is right: transpositions are odd."
    ),
)


def _printed_perm_point(ctx, Ws: Sequence[M], Ps: Sequence[M]) -> list[M]:
    """The printed tuple (W_1P_1, P_1^{-1}W_2P_2, …, P_{l−2}W_{l−1}P_{l−1}, P_{l−1}W_l) from the printed templates."""
    l = len(Ws)
    out = []
    for i, W in enumerate(Ws):
        if i == 0:
            key = "layer_first"
        elif i == l - 1:
            key = "layer_last"
        elif i == 1:
            key = "layer_middle_first"
        else:
            key = "layer_middle_last"
        ns = {"W": W, "P": Ps[i] if i < l - 1 else None, "Pprev": Ps[i - 1] if i > 0 else None}
        out.append(M(eval(ctx.printed[key][1:], {"__builtins__": {}}, ns)))  # noqa: S307 - printed data
    return out


def corrected_perm_point(Ws: Sequence[M], Ps: Sequence[M]) -> list[M]:
    return act(list(Ps), list(Ws))


def proof_rule_permutations(Ws: Sequence[M], Wps: Sequence[M], X: M) -> list[M]:
    """The proof's rule: P_0 = I; P_i = I if det(g_i g'_i P_{i−1}^{-1}) > 0 else an odd permutation (a transposition)."""
    h = X.rows
    l = len(Ws)
    if h < 2:
        raise InvalidArgument("h must be >= 2: S_h has no odd permutation for h = 1")
    odd = perm_matrix([1, 0] + list(range(2, h)))
    g = [M(Ws[0] * X)] + list(Ws[1:-1])
    gp = [M(Wps[0] * X)] + list(Wps[1:-1])
    Ps = []
    prev = M(sp.eye(h))
    for i in range(l - 1):
        P = M(sp.eye(h)) if (g[i] * gp[i] * prev.inv()).det() > 0 else odd
        Ps.append(P)
        prev = P
    return Ps


@PROP.check("exact", name="printed_permuted_tuple_connects")
def prop_printed(ctx):
    """Exact search over all permutation lists (h = 2, 3; l = 2, 3) for random W, W' in different components: does some
    printed tuple (W_1P_1, P_1^{-1}W_2P_2, …, P_{l−1}W_l) lie in L^{-1}(0) and in the component of W'?"""
    rng = ctx.rng("printed")
    cases = [(2, 2, M(sp.eye(2)), M(sp.diag(1, 2)))]
    for h, l in ((2, 3), (3, 2)):
        X, Y = random_data(rng, h)
        cases.append((h, l, X, Y))
    n = 0
    for h, l, X, Y in cases:
        for rep in range(ctx.size(2, 4)):
            if (h, l, rep) == (2, 2, 0):  # the smallest hand-made case: W = (I, Y), W' = (D, YD), D = diag(−1, 1)
                D = M(sp.diag(-1, 1))
                W, Wp = [M(sp.eye(2)), Y], [D, M(Y * D)]
            else:
                W = minimum_point(rng, h, l, X, Y, signs=[1] * (l - 1))
                Wp = minimum_point(rng, h, l, X, Y, signs=[-1] * (l - 1))
            found = None
            off_minimum = 0
            for Ps in itertools.product(permutations(h), repeat=l - 1):
                try:
                    T = _printed_perm_point(ctx, W, Ps)
                except Exception as exc:
                    return failed(f"printed tuple cannot be evaluated: {exc}", counterexample={"error": str(exc)})
                if linear_loss(T, X, Y) != 0:
                    off_minimum += 1
                    continue
                if connected_in_minimum(T, Wp, X, Y)[0]:
                    found = Ps
                    break
            n += 1
            if found is None:
                return failed(
                    f"h={h}, l={l}: no permutation list makes the printed tuple connected to W' "
                    f"({off_minimum} of {len(permutations(h)) ** (l - 1)} tuples are not even in L^{{-1}}(0))",
                    counterexample={"h": h, "l": l, "X": str(X.tolist()), "Y": str(Y.tolist()),
                                    "W": [str(w.tolist()) for w in W], "W'": [str(w.tolist()) for w in Wp],
                                    "loss_of_printed_tuple_with_swap": str(linear_loss(
                                        _printed_perm_point(ctx, W, [perm_matrix([1, 0] + list(range(2, h)))] * (l - 1)), X, Y))},
                )
    return passed(f"for {n} random pairs some permutation list makes the printed tuple connected to W'", cases=n)


@PROP.check("exact", role="correction", name="corrected_action_with_proof_rule_and_torch_paths")
def prop_corrected(ctx):
    """The corrected statement with the proof's selection rule, h = 2..4, l = 2..4, random W, W' in random classes:
    the permuted network computes the same product W_l⋯W_1 (exact), and a certified path joins it to W'
    with the torch loss at rounding level along it. For h = 1 the statement fails (h ≥ 2 is needed)."""
    rng = ctx.rng("corrected")
    n = 0
    worst = 0.0
    for h in (2, 3, 4):
        for l in (2, 3, 4):
            if h * l > ctx.size(9, 16):
                continue
            X, Y = random_data(rng, h)
            for _ in range(ctx.size(2, 4)):
                W = minimum_point(rng, h, l, X, Y, signs=[int(rng.choice([-1, 1])) for _ in range(l - 1)])
                Wp = minimum_point(rng, h, l, X, Y, signs=[int(rng.choice([-1, 1])) for _ in range(l - 1)])
                Ps = proof_rule_permutations(W, Wp, X)
                T = corrected_perm_point(W, Ps)
                if chain(T) != chain(W):
                    return failed("the permuted network computes a different function", counterexample={"h": h, "l": l})
                ok, info = connected_in_minimum(T, Wp, X, Y)
                if not ok:
                    return failed(f"h={h}, l={l}: corrected permuted point not connected to W'",
                                  counterexample={"h": h, "l": l, "classes": str(info)})
                worst = max(worst, info["max_torch_loss"])
                n += 1
    # h = 1: only the trivial permutation; points in different classes stay disconnected
    X, Y = random_data(rng, 1)
    W = minimum_point(rng, 1, 2, X, Y, signs=[1])
    Wp = minimum_point(rng, 1, 2, X, Y, signs=[-1])
    h1_fails = not connected_in_minimum(corrected_perm_point(W, [M(sp.eye(1))]), Wp, X, Y)[0]
    if not h1_fails:
        raise AssertionError("h = 1 unexpectedly connected")
    return passed(f"{n} random (W, W') pairs, h = 2..4, l = 2..4: the proof's rule gives permutations with the permuted "
                  f"network on the minimum and joined to W' by a certified path (torch loss ≤ {worst:.1e}); for h = 1 the "
                  "statement fails, so h ≥ 2 is necessary", cases=n, tolerance="torch loss ≤ 64·eps·h·(l+1)·∏cond(W_i)·cond(X)·||Y||²·max|Y| at every evaluated point (forward error of products and the solve for W_l)")

