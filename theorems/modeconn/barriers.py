"""Failure of linear mode connectivity and linear connectivity of orbits (000 Section 5.2–5.3,
Appendix C; 003 Sections 3.3.2–3.3.3, Appendix B.2).

Printed values live in ``cases/modeconn/barriers.toml``.  The truth is computed on real
float64 torch networks W_l σ(W_{l−1} f(...)) with exact minima (the last layer solves
W_l H = Y), with positively k-homogeneous σ (leaky ReLU times |z|^{k−1}, several slopes,
negative ones included) and tanh/leaky features f, and independently in closed form / sympy.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import sympy as sp
import torch
from mpmath import mp, mpf

from verify import claim, failed, not_checkable, passed  # noqa: F401
from verify.interpolation import (
    barrier_closed,
    corrected_witness_m,
    homogeneity_defect,
    interp_loss_closed,
    interp_tolerance,
    interpolate,
    phi,
    random_minimum,
)
from verify.numeric import EPS
from verify.symbolic import parse_printed

from . import DOC, THESIS

# Network zoo: (widths [d, r_1, ..., r_{l−1}, d_out], samples N, feature activation)
_ZOO_QUICK = [([3, 4, 2], 3), ([4, 6, 8, 3], 5), ([8, 16, 32, 16, 8, 4], 4)]
_ZOO_FULL = _ZOO_QUICK + [([2, 2, 1], 2), ([5, 7, 9, 11, 12, 2], 10), ([6, 30, 30, 25, 3], 20)]
_KS = [0.5, 1.0, 2.0, 3.0]
_SLOPES = [0.1, -0.5, 1.0]


def _nets(ctx, stream: str, ks=_KS, slopes=_SLOPES):
    gen = ctx.torch_generator(stream)
    zoo = ctx.size(_ZOO_QUICK, _ZOO_FULL)
    inner = [torch.tanh, lambda z: torch.nn.functional.leaky_relu(z, 0.2)]
    out = []
    for i, (widths, N) in enumerate(zoo):
        for k in ks:
            for s in slopes:
                net = random_minimum(widths, N, k, gen, slope=s, inner=inner[i % 2])
                out.append((widths, N, k, s, net))
    return out


def _residual(net) -> float:
    return float((net.output() - net.Y).norm())


def _loss_tol(net) -> float:
    """Tolerance for 'L(W) = 0' at a computed exact minimum (rounding of the solve and forward pass)."""
    r = _residual(net)
    scale = float(net.weights[-1].norm() * net.hidden().norm()) + float(net.Y.norm())
    width = max(W.shape[1] for W in net.weights)
    return (r + 64 * EPS * net.depth * width * scale) ** 2 * 4


# =======================================================================================
LMC_FAIL = claim(
    id="modeconn.lmc-failure",
    title="Linear mode connectivity fails: the loss barrier between two connected minima is unbounded",
    sources=[(DOC, "Proposition 5.3"), (DOC, "Appendix C, Proposition 5.3 (proof, Eqs. 13–17)"),
             (DOC, "Appendix C, Figure 4"), (DOC, "Figure 2"), (THESIS, "Proposition 3.3.3"), (THESIS, "Figure 3.2"),
             (THESIS, "Appendix B.2, Proposition 3.3.3 (proof, Eqs. B.4–B.8)")],
    statement=(
        "For L(W) = ||Y − W_l σ(W_{l−1} f(W_{l−2},...,W_1,X))||_2² with σ(cz) = c^k σ(z) (k > 0), ||Y|| ≠ 0, "
        "L^{-1}(0) ≠ ∅ and l ≥ 2: for every b > 0 there are W, W' in the same connected component of L^{-1}(0) "
        "and 0 < α < 1 with L((1 − α)W + αW') > b."
    ),
    latex=r"\forall b>0\ \exists W,W'\in L^{-1}(0)\ \text{(same component)},\ \alpha\in(0,1):\ L((1-\alpha)W+\alpha W')>b",
    hypotheses=("σ(cz) = c^k σ(z), k > 0 (only c > 0 is used)", "||Y||_2 ≠ 0", "L^{-1}(0) ≠ ∅", "l ≥ 2"),
    kind="existence",
    notes=(
        "Both versions print the hypothesis σ(cz) = c^k σ(z) 'for all c ∈ R'; taken literally this forces σ(z) = σ(1)z^k "
        "(put z = 1) and excludes the leaky ReLU the text names. The proof only uses c = 1 − α + αm > 0, so positive "
        "homogeneity suffices; the checks use leaky-ReLU·|z|^{k−1} activations (slopes 0.1, −0.5, 1) that violate the "
        "c < 0 case. The statement holds. Proof defects: (i) the explicit witness m = (2^{k+1}(√b/||Y||² + 1) − 1)^k "
        "(000, Eq. 16) has the wrong exponent (it must be −1/k for the equality in Eq. 16) and ||Y||² where ||Y||_2 is "
        "needed for Eq. 17's '= b'; with it the midpoint loss is below b e.g. for k = 1, ||Y|| = 10, b = 100. "
        "The thesis (B.6–B.7) replaces ||Y||² by ||Y||_2 in m but keeps the exponent k (and ||Y||_2² in B.8); its "
        "witness still fails for k < 1 (k = 1/2, ||Y|| = 1, b = 1: loss 0.0031). (ii) The proof says W, W' are connected "
        "by γ(t) = ((1 − t)W_l + tW_l m^{−k}, (1 − t)W_{l−1} + tmW_{l−1}, ...), which is the linear interpolation itself "
        "and leaves L^{-1}(0); the orbit curve (m^{−tk}W_l, m^t W_{l−1}, ...) is the connecting curve. "
        "The proof in 000 also lists W as (W_1, ..., W_2, W_1) (extraction/typo for (W_l, ..., W_1)). Printed data: "
        "Eq. 14's segment loss (checked against torch, proof-step) and both witnesses (cases/modeconn/barriers.toml)."
    ),
    printed=("interp_loss",),
)


@LMC_FAIL.check("numeric", name="torch_barrier_exceeds_any_b")
def lmc_fail_numeric(ctx):
    """Torch nets (depth 2–5, k ∈ {½,1,2,3}, slopes incl. negative): for b up to 1e9 find α, m with loss > b at two
    minima joined inside L^{-1}(0) by the orbit curve (loss checked ≈ 0 along it)."""
    bs = ctx.size([1.0, 1e3, 1e6, 1e9], [1e-2, 1.0, 1e2, 1e4, 1e6, 1e9, 1e12])
    rows, n, worst_curve = [], 0, 0.0
    hom_violation = 0.0
    z = torch.linspace(-2, 2, 41, dtype=torch.float64)
    for widths, N, k, s, net in _nets(ctx, "lmc"):
        y = float(net.Y.norm())
        tol0 = _loss_tol(net)
        hom_violation = max(hom_violation, homogeneity_defect(net.sigma, round(k) if k >= 1 else 1, -1.5, z)
                            if k == round(k) and s != 1.0 else 0.0)
        for b in bs:
            # search m on both sides of 1 for a midpoint loss above b (no closed form used)
            found = None
            for m in [10.0 ** e for e in range(1, 40)] + [10.0 ** -e for e in range(1, 40)]:
                W2 = net.rescaled(m)
                if not all(torch.isfinite(W).all() for W in W2):
                    continue
                val = float(net.loss(interpolate(net.weights, W2, 0.5)))
                if math.isfinite(val) and val > b:
                    found = (m, val, W2)
                    break
            if found is None:
                return failed(f"no m in 10^±1..39 gives a midpoint loss above b = {b:g}",
                              counterexample={"widths": widths, "k": k, "slope": s, "b": b})
            m, val, W2 = found
            # both endpoints are minima and the orbit curve t -> (m^t W_{l-1}, m^{-tk} W_l) stays in L^{-1}(0)
            for t in np.linspace(0, 1, 11):
                ws = net.rescaled(m ** float(t))
                lt = float(net.loss(ws))
                scale_t = 1.0  # the rescaling is an exact symmetry: rounding in the output does not grow with m
                worst_curve = max(worst_curve, lt / (tol0 * scale_t))
                if lt > tol0 * scale_t:
                    return failed(f"orbit curve leaves the minimum: L = {lt:.3g} at t = {t:.2f}",
                                  counterexample={"widths": widths, "k": k, "m": m, "t": float(t), "loss": lt})
            n += 1
            if len(rows) < 14 and b in (bs[0], bs[-1]):
                rows.append([str(widths), f"{k:g}", f"{s:g}", f"{b:g}", f"{m:.0e}", f"{val:.3e}", f"{y:.2f}"])
    return passed(
        f"{n} (net, k, slope, b) cases: two minima on one orbit curve (loss ≤ tol along it, worst ratio {worst_curve:.2g}) "
        f"with midpoint loss > b for every b up to {bs[-1]:g}; the leaky activations used violate σ(cz)=c^kσ(z) "
        f"for c < 0 (max defect {hom_violation:.2g}), so only positive homogeneity is needed",
        cases=n, tables=[{"title": "witnesses found by search (α = ½)",
                          "columns": ["widths", "k", "slope", "b", "m", "midpoint loss", "||Y||"], "rows": rows}])


@LMC_FAIL.check("symbolic", name="sympy_barrier_unbounded")
def lmc_fail_symbolic(ctx):
    """sympy: on the segment the loss is (1 − φ)²||Y||² with φ = (1−α+αm^{−k})(1−α+αm)^k (derived for a chain of
    scalar weights); φ ≥ 1 (weighted AM–GM) and φ(½, m) → ∞ as m → 0⁺ and m → ∞ for every k > 0; for k = 1 the
    barrier is exactly (m − 1)⁴/(16m²)·||Y||²."""
    a, m, k, u, z = sp.symbols("alpha m k u z", positive=True)
    # scalar chain: W_l = u, W_{l-1}·f = z > 0 (any depth: f is a positive scalar feature), σ(t) = t^k on t > 0;
    # then Y = u z^k and the segment point has weights ((1-a)u + a u m^{-k}, (1-a+am) z)
    Y = u * z ** k
    out = ((1 - a) * u + a * u * m ** (-k)) * sp.expand_power_base(((1 - a + a * m) * z) ** k, force=True)
    loss = (Y - out) ** 2
    ph = (1 - a + a * m ** (-k)) * (1 - a + a * m) ** k
    diff = sp.simplify(sp.expand(loss - (1 - ph) ** 2 * Y ** 2))
    if diff != 0:
        return failed("sympy derivation of the segment loss disagrees with (1−φ)²||Y||²",
                      counterexample={"residual": str(diff)[:300]})
    # phi >= 1: log phi >= (1-a)log1 + a log m^{-k} + k((1-a) log 1 + a log m) = 0 (concavity of log)
    lower = sp.simplify((a * sp.log(m ** (-k)) + k * a * sp.log(m)).rewrite(sp.log))
    lower = sp.expand_log(lower, force=True)
    if sp.simplify(lower) != 0:
        return failed("Jensen lower bound for log φ is not identically 0", counterexample={"bound": str(lower)})
    half = ph.subs(a, sp.Rational(1, 2))
    lims = []
    for kv in (sp.Rational(1, 3), sp.Rational(1, 2), 1, 2, 3, sp.Rational(7, 2)):
        l_inf = sp.limit(half.subs(k, kv), m, sp.oo)
        l_0 = sp.limit(half.subs(k, kv), m, 0, "+")
        lims.append((kv, l_inf, l_0))
        if l_inf != sp.oo or l_0 != sp.oo:
            return failed(f"φ(½, m) stays bounded for k = {kv}", counterexample={"k": str(kv)})
    # k = 1: exact barrier
    ph1 = ph.subs(k, 1)
    crit = sp.solve(sp.diff(ph1, a), a)
    bar = sp.factor(sp.simplify((ph1.subs(a, crit[0]) - 1) ** 2))
    if sp.simplify(bar - (m - 1) ** 4 / (16 * m ** 2)) != 0:
        return failed(f"k = 1 barrier is {bar}, not (m−1)⁴/(16m²)", counterexample={"barrier": str(bar)})
    return passed("segment loss = (1−φ)²||Y||² symbolically; φ ≥ 1 on [0,1] (log-concavity); φ(½,m) → ∞ as m→0⁺ and "
                  f"m→∞ for k ∈ {{1/3, ½, 1, 2, 3, 7/2}}; k = 1: α* = {crit[0]}, barrier = (m−1)⁴/(16m²)·||Y||²",
                  cases=len(lims) + 2)


@LMC_FAIL.check("numeric", role="proof-step", name="eq14_segment_loss_formula")
def eq14_formula(ctx):
    """Eq. (14)/(B.5) as printed (data) against torch losses on the whole segment, for all nets, k, m, α."""
    f = sp.lambdify(sp.symbols("alpha m k Ynorm"), parse_printed(ctx.printed["interp_loss"]))
    worst, n = 0.0, 0
    for widths, N, k, s, net in _nets(ctx, "eq14", ks=_KS, slopes=[0.1, -0.5]):
        res = _residual(net)
        y = float(net.Y.norm())
        for m in [1e-3, 0.2, 3.0, 50.0, 1e3]:
            W2 = net.rescaled(m)
            for al in np.linspace(0.05, 0.95, 7):
                val = float(net.loss(interpolate(net.weights, W2, float(al))))
                pr = float(f(float(al), m, k, y))
                tol = interp_tolerance(net, phi(float(al), m, k), res)
                n += 1
                worst = max(worst, abs(val - pr) / tol.value)
                if abs(val - pr) > tol.value:
                    return failed(f"Eq. 14 gives {pr:.6g}, torch {val:.6g} (tol {tol})",
                                  counterexample={"widths": widths, "k": k, "slope": s, "m": m, "alpha": float(al)},
                                  tolerance=str(tol))
    return passed(f"{n} segment points: printed (1 − (1−α+αm^{{−k}})(1−α+αm)^k)²||Y||² = torch loss, "
                  f"worst |diff|/tol = {worst:.2g}", cases=n,
                  tolerance="2|1−φ|φ||Y||·||E|| + φ²||E||² + 64·eps·l·w·scale² (E = solve residual)")


def _witness_fails(ctx, key: str):
    mp.dps = 60
    wit = parse_printed(ctx.printed[key])
    fm = sp.lambdify(sp.symbols("k b Ynorm"), wit, modules="mpmath")
    bad = []
    grid = [(kv, yv, bv) for kv in ("1", "2", "3", "0.5") for yv in ("0.1", "1", "10") for bv in ("0.01", "1", "100", "1e6")]
    for kv, yv, bv in grid:
        k, y, b = mpf(kv), mpf(yv), mpf(bv)
        m = fm(k, b, y)
        loss = (1 - (mpf(1) / 2 + m ** (-k) / 2) * (mpf(1) / 2 + m / 2) ** k) ** 2 * y ** 2
        if not loss > b:
            bad.append({"k": kv, "||Y||": yv, "b": bv, "m": mp.nstr(m, 8), "midpoint loss": mp.nstr(loss, 8)})
    return bad, len(grid)


@LMC_FAIL.check("exact", role="proof-step", name="printed_witness_000_eq16")
def witness_000(ctx):
    """The proof's explicit choice α = ½, m = (2^{k+1}(√b/||Y||² + 1) − 1)^k (000, Eqs. 16–17), evaluated in 60-digit
    arithmetic: is the midpoint loss > b?"""
    bad, n = _witness_fails(ctx, "witness_m_000")
    if bad:
        return failed(f"printed witness gives midpoint loss ≤ b in {len(bad)}/{n} cases, e.g. {bad[0]}",
                      counterexample=bad[0], cases=n,
                      tables=[{"title": "failing (k, ||Y||, b)", "columns": list(bad[0]),
                               "rows": [list(map(str, r.values())) for r in bad[:12]]}])
    return passed(f"printed witness gives loss > b on all {n} cases", cases=n)


@LMC_FAIL.check("exact", role="proof-step", name="printed_witness_thesis_eqB6")
def witness_thesis(ctx):
    """The thesis' witness m = (2^{k+1}(√b/||Y||_2 + 1) − 1)^k (003, Eqs. B.6–B.7) at α = ½."""
    bad, n = _witness_fails(ctx, "witness_m_thesis")
    if bad:
        return failed(f"thesis witness gives midpoint loss ≤ b in {len(bad)}/{n} cases (all k < 1), e.g. {bad[0]}",
                      counterexample=bad[0], cases=n)
    return passed(f"thesis witness gives loss > b on all {n} cases", cases=n)


@LMC_FAIL.check("numeric", role="proof-step", name="printed_connecting_curve_stays_in_minimum")
def printed_curve(ctx):
    """The proof's curve γ(t) = ((1−t)W_l + tW_l m^{−k}, (1−t)W_{l−1} + tmW_{l−1}, W_{l−2}, ...) should lie in L^{-1}(0)."""
    for widths, N, k, s, net in _nets(ctx, "curve", ks=[1.0, 2.0], slopes=[0.1]):
        m = 10.0
        gam = interpolate(net.weights, net.rescaled(m), 0.5)  # γ(½) as printed
        val = float(net.loss(gam))
        tol = _loss_tol(net) * m ** 2
        if val > tol:
            return failed(f"γ(½) as printed has loss {val:.4g} > 0 (it is the linear interpolation); the orbit curve "
                          f"(m^t W_{{l−1}}, m^{{−kt}} W_l) has loss ≤ {tol:.2g} at every t",
                          counterexample={"widths": widths, "k": k, "m": m, "t": 0.5, "loss": val})
    return passed("printed connecting curve stays in the minimum")


@LMC_FAIL.check("symbolic", role="correction", name="corrected_witness_exceeds_b")
def corrected_witness(ctx):
    """Corrected witness m = (2^{k+1}(√b/||Y||_2 + 1) − 1)^{−1/k}: sympy shows 2^{−(k+1)}(1+m^{−k}) = √b/||Y||_2 + 1
    identically; torch nets confirm midpoint loss > b (b up to 1e9)."""
    k, b, y = sp.symbols("k b Y", positive=True)
    m = (2 ** (k + 1) * (sp.sqrt(b) / y + 1) - 1) ** (-1 / k)
    lhs = sp.simplify(sp.powdenest(2 ** (-(k + 1)) * (1 + m ** (-k)), force=True))
    if sp.simplify(lhs - (sp.sqrt(b) / y + 1)) != 0:
        return failed("corrected witness identity fails", counterexample={"lhs": str(lhs)})
    n = 0
    for widths, N, kk, s, net in _nets(ctx, "corr", slopes=[0.1, -0.5]):
        yn = float(net.Y.norm())
        for bb in [1e-2, 1.0, 1e3, 1e6, 1e9]:
            mm = corrected_witness_m(bb, kk, yn)
            val = float(net.loss(interpolate(net.weights, net.rescaled(mm), 0.5)))
            n += 1
            if not val > bb:
                return failed(f"corrected witness gives {val:.6g} ≤ b = {bb:g}",
                              counterexample={"widths": widths, "k": kk, "b": bb, "m": mm, "loss": val})
    return passed(f"identity 2^(−(k+1))(1+m^(−k)) = √b/||Y||+1 holds symbolically; torch midpoint loss > b in all {n} "
                  "cases", cases=n)


@LMC_FAIL.check("numeric", name="figure4_barrier_growth")
def figure4(ctx):
    """Appendix C Figure 4 setup (5-layer leaky-ReLU net, X ∈ R^{8×4}, Y ∈ R^{4×4}, widths 16-32-16-8): midpoint loss
    and barrier vs m (torch) against the closed form, also k = ½, 2, 3; growth ∝ m^{2k} (m → ∞)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    gen = ctx.torch_generator("fig4")
    ms = np.logspace(-3, 4, ctx.size(15, 36))
    ms = ms[np.abs(np.log10(ms)) > 0.1]  # m = 1 is W itself (loss 0): off the log scale
    fig, ax = plt.subplots(figsize=(6, 4))
    rows = []
    for k in _KS:
        net = random_minimum([8, 16, 32, 16, 8, 4], 4, k, gen, slope=0.01,
                             inner=lambda z: torch.nn.functional.leaky_relu(z, 0.01))
        y2 = float(net.Y.norm() ** 2)
        mids = [float(net.loss(interpolate(net.weights, net.rescaled(float(m)), 0.5))) for m in ms]
        bars = [barrier_closed(float(m), k, y2)[0] for m in ms]
        ax.loglog(ms, mids, "o", ms=3, label=f"torch midpoint, k={k:g}")
        ax.loglog(ms, bars, "-", lw=1, label=f"closed-form barrier, k={k:g}")
        closed = [interp_loss_closed(0.5, float(m), k, y2) for m in ms]
        rel = max(abs(a - b) / max(b, 1e-300) for a, b in zip(mids, closed) if b > 1e-6)
        if rel > 1e-7:
            return failed(f"torch midpoint loss deviates from (1−φ)²||Y||² by {rel:.2g} (relative)",
                          counterexample={"k": k})
        big = [1e10, 1e12]
        slope = math.log(interp_loss_closed(0.5, big[1], k, y2) / interp_loss_closed(0.5, big[0], k, y2)) / math.log(100)
        rows.append([f"{k:g}", f"{mids[-1]:.3e}", f"{rel:.1e}", f"{slope:.4f}", f"{2 * k:g}"])
        if abs(slope - 2 * k) > 0.01 or not mids[0] > mids[len(ms) // 3]:
            return failed(f"midpoint loss grows like m^{slope:.3f}, not m^{2 * k:g}", counterexample={"k": k})
    ax.set_ylim(bottom=1e-4)
    ax.set_xlabel("rescaling m of the last two layers")
    ax.set_ylabel("loss")
    ax.legend(fontsize=6)
    ctx.figure("barrier_vs_m", fig, "Loss at the midpoint of the segment between W and (…, mW_4, m^{−k}W_5) on the "
               "Figure-4 network (dots: torch), and the closed-form barrier max_α (1−φ)²||Y||² (lines)")
    return passed("Figure-4 network: torch midpoint loss = closed form (rel. dev. ≤ 1e-7), grows like m^{2k} as m → ∞ "
                  "and also blows up as m → 0",
                  tables=[{"title": "growth of the midpoint loss", "columns": ["k", "torch loss at m=1e4",
                                                                             "max rel. dev. from closed form",
                                                                             "log-log slope at m=1e11", "2k"],
                           "rows": rows}])


# =======================================================================================
LMC_PERM = claim(
    id="modeconn.lmc-failure-permutation",
    title="Unbounded barrier on the segment even after the best permutation of the last hidden layer",
    sources=[(DOC, "Proposition 5.4"), (DOC, "Appendix C, Proposition 5.4 (proof, Eqs. 18–21)"),
             (THESIS, "Proposition 3.3.4"), (THESIS, "Appendix B.2, Proposition 3.3.4 (proof, Eqs. B.9–B.12)")],
    statement=(
        "Under the assumptions of Proposition 5.3, and if no permutation P makes every column of "
        "Pσ(W_{l−1}f(W_{l−2},...,W_1,X)) lie in the null space of W_l: for every b > 0 there exist "
        "(W_1,...,W_l), (W'_1,...,W'_l) ∈ L^{-1}(0) and 0 < α < 1 with (W_1..W_{l−2}) = (W'_1..W'_{l−2}) and "
        "min_{P∈S_n} L((1 − α)(W_1,...,W_l) + α(W_1,...,W_{l−2}, P^{-1}W_{l−1}, W_l P)) > b."
    ),
    latex=r"\min_{P\in S_n} L\big((1-\alpha)(W_1,\dots,W_l)+\alpha(W_1,\dots,W_{l-2},P^{-1}W_{l-1},W_lP)\big)>b",
    hypotheses=("as Proposition 5.3", "∀P: W_l P σ(W_{l−1} f) ≠ 0"),
    kind="existence",
    depends=("modeconn.lmc-failure",),
    corrected_statement=(
        "The permuted second point must be W': min_{P∈S_n} L((1 − α)W + α(W'_1, ..., W'_{l−2}, P^{-1}W'_{l−1}, W'_l P)) > b. "
        "With W' = (W_1, ..., mW_{l−1}, m^{−k}W_l) and α = ½ the loss for each P equals "
        "||Y − 2^{−(k+1)} W_l(I + m^{−k}P) σ((I + mP^{-1}) W_{l−1} f)||² (not the printed factor ¼ unless k = 1) and grows "
        "like m^{2k}·||2^{−(k+1)} W_l P^{-1} σ(W_{l−1}f)||²."
    ),
    notes=(
        "As printed (both versions) the permuted point is (W_1, ..., W_{l−2}, P^{-1}W_{l−1}, W_l P) — built from W, "
        "not W' — so P = I gives L(W) = 0 and the min over P is 0 for every W: the inequality cannot hold. The proof "
        "(Eq. 18/B.9) uses W'_l P and P^{-1}W'_{l−1}, which is the intended statement (checked as the correction). "
        "Eq. 19/B.10's factor ¼ is right only for k = 1 (in general 2^{−(k+1)}); Eq. 20–21's limits are heuristic "
        "(σ((m^{−1}I + P^{−1})H) = P^{−1}σ(H) + O(1/m), so an O(m^{k−1}) term is dropped) but the m^{2k} growth is right. "
        "The extra assumption is needed for this construction: for linear σ and W_l P H = 0 the midpoint loss "
        "stays ||Y||²/4. The text after the proposition says the permutation is 'restricted to the first two layers'; "
        "it acts on the last two (W_{l−1}, W_l)."
    ),
)


def _perm_mats(n: int):
    for p in itertools.permutations(range(n)):
        P = torch.zeros(n, n, dtype=torch.float64)
        P[list(range(n)), list(p)] = 1.0
        yield p, P


def _perm_point(ws, P):
    out = [W.clone() for W in ws]
    out[-2] = P.T @ ws[-2]  # P^{-1} = P^T
    out[-1] = ws[-1] @ P
    return out



def _perm_nets(ctx, stream: str):
    """Small nets whose last hidden width n allows enumerating S_n (n ≤ 5)."""
    gen = ctx.torch_generator(stream)
    zoo = ctx.size([([3, 3, 2], 3), ([4, 5, 4, 2], 4)], [([3, 3, 2], 3), ([4, 5, 4, 2], 4), ([2, 6, 5, 3], 5),
                                                         ([5, 4, 4, 4, 1], 2)])
    out = []
    for widths, N in zoo:
        for k in (0.5, 1.0, 2.0):
            out.append((widths, N, k, random_minimum(widths, N, k, gen, slope=0.1)))
    return out


def _min_over_P(net, second, alpha):
    best, argP = float("inf"), None
    for p, P in _perm_mats(net.weights[-2].shape[0]):
        val = float(net.loss(interpolate(net.weights, _perm_point(second, P), alpha)))
        if val < best:
            best, argP = val, p
    return best, argP


@LMC_PERM.check("numeric", name="as_printed_min_over_P")
def perm_as_printed(ctx):
    """The printed inequality, with the permuted point (W_1..W_{l−2}, P^{-1}W_{l−1}, W_lP) built from W as printed:
    min over all n! permutations, α ∈ {¼, ½, ¾}, against b = 1."""
    b = 1.0
    for widths, N, k, net in _perm_nets(ctx, "perm-printed"):
        for al in (0.25, 0.5, 0.75):
            val, p = _min_over_P(net, net.weights, al)
            if not val > b:
                return failed(f"min_P L = {val:.3g} ≤ b = {b:g} (attained at P = {p}): the identity permutation returns W "
                              "itself, so the printed expression is L(W) = 0 for every choice of W, W', α",
                              counterexample={"widths": widths, "k": k, "alpha": al, "min_P_loss": val, "argmin": list(p)})
    return passed("printed min over P exceeds b")


@LMC_PERM.check("numeric", role="correction", name="with_W_prime_min_over_P_unbounded")
def perm_corrected(ctx):
    """Corrected (primed) statement: hypothesis W_l Pσ(H) ≠ 0 ∀P checked by enumeration; for b up to 1e8 an m with
    min_{P∈S_n} L(½W + ½P·W') > b is found, and min_P loss grows like m^{2k}."""
    bs = [1.0, 1e4, 1e8]
    rows, n = [], 0
    for widths, N, k, net in _perm_nets(ctx, "perm-corr"):
        H = net.hidden()
        hyp = min(float((net.weights[-1] @ P @ H).norm()) for _, P in _perm_mats(H.shape[0]))
        if hyp < 1e-8:
            return not_checkable("drawn network violates the extra hypothesis")
        growth = []
        for b in bs:
            hit = None
            for e in range(1, 30):
                m = 10.0 ** e
                val, p = _min_over_P(net, net.rescaled(m), 0.5)
                if val > b:
                    hit = (m, val, p)
                    break
            if hit is None:
                return failed(f"no m ≤ 1e29 makes min_P loss exceed {b:g}", counterexample={"widths": widths, "k": k})
            n += 1
            growth.append(hit)
        m1, m2 = 1e6, 1e8
        v1 = _min_over_P(net, net.rescaled(m1), 0.5)[0]
        v2 = _min_over_P(net, net.rescaled(m2), 0.5)[0]
        slope = math.log(v2 / v1) / math.log(m2 / m1)
        rows.append([str(widths), f"{k:g}", f"{hyp:.3g}", f"{growth[-1][0]:.0e}", f"{slope:.3f}"])
        if abs(slope - 2 * k) > 0.05:
            return failed(f"min_P loss grows like m^{slope:.3f}, expected m^{2 * k:g}", counterexample={"k": k})
    return passed(f"{n} (net, b) cases: min over all permutations exceeds b; growth exponent ≈ 2k",
                  cases=n, tables=[{"title": "corrected statement", "columns": ["widths", "k", "min_P ||W_l P σ(H)||",
                                                                             "m for b=1e8", "fitted exponent"],
                                    "rows": rows}])


@LMC_PERM.check("numeric", role="proof-step", name="eq19_prefactor")
def eq19(ctx):
    """Eq. (19)/(B.10) as printed: L(½W + ½P·W') = ||Y − c·W_l(I + m^{−k}P)σ((I + mP^{-1})W_{l−1}f)||² with the
    printed c = ¼, for k ∈ {½, 1, 2}."""
    c = float(sp.sympify(ctx.printed["eq19_factor"][1:]))
    for widths, N, k, net in _perm_nets(ctx, "eq19"):
        feats = net.features()
        n = net.weights[-2].shape[0]
        for m in (0.5, 3.0):
            for p, P in list(_perm_mats(n))[:3]:
                true = float(net.loss(interpolate(net.weights, _perm_point(net.rescaled(m), P), 0.5)))
                I = torch.eye(n, dtype=torch.float64)
                pred = c * net.weights[-1] @ (I + m ** (-k) * P) @ net.sigma((I + m * P.T) @ net.weights[-2] @ feats)
                pv = float(((net.Y - pred) ** 2).sum())
                if abs(pv - true) > 1e-8 * max(1.0, true):
                    return failed(f"Eq. 19 with factor {c:g} gives {pv:.6g}, the loss is {true:.6g} (k = {k:g}; the "
                                  f"factor is 2^−(k+1) = {2 ** -(k + 1):g})",
                                  counterexample={"k": k, "m": m, "P": list(p), "eq19": pv, "loss": true})
    return passed("Eq. 19 matches the loss")


@LMC_PERM.check("symbolic", role="scope", name="extra_hypothesis_needed")
def perm_hyp_needed(ctx):
    """Without the extra hypothesis the construction fails: linear σ, n = 2 hidden units, N = 1 sample, W_l with
    W_lH = Y and W_l P H = 0 for the swap P: sympy gives midpoint loss ||Y||²/4 for every m under P (torch agrees)."""
    m, h1, h2 = sp.symbols("m h1 h2", positive=True)
    y = sp.Symbol("y", nonzero=True)
    Pm = sp.Matrix([[0, 1], [1, 0]])
    Hs = sp.Matrix([h1, h2])
    w = sp.Matrix(sp.symbols("w1 w2")).T
    sol = sp.solve([(w * Hs)[0] - y, (w * Pm * Hs)[0]], list(w), dict=True)[0]
    wl = w.subs(sol)
    mid = sp.Rational(1, 4) * wl * (sp.eye(2) + Pm / m) * (sp.eye(2) + m * Pm) * Hs
    loss = sp.simplify((y - mid[0]) ** 2)
    if sp.simplify(loss - y ** 2 / 4) != 0:
        return failed(f"loss {loss}", counterexample={"loss": str(loss)})
    # torch confirmation with a genuine l = 3 linear network
    gen = ctx.torch_generator("hyp")
    X = torch.randn(3, 1, generator=gen, dtype=torch.float64)
    W1 = torch.randn(2, 3, generator=gen, dtype=torch.float64)
    Hn = (W1 @ X).reshape(-1)
    yv = 1.7
    A = torch.tensor([[Hn[0], Hn[1]], [Hn[1], Hn[0]]], dtype=torch.float64)
    wsol = torch.linalg.solve(A, torch.tensor([yv, 0.0], dtype=torch.float64)).reshape(1, 2)
    from verify.interpolation import HomNet

    net = HomNet([W1, wsol], X, torch.tensor([[yv]], dtype=torch.float64), lambda z: z, 1.0)
    vals = [_min_over_P(net, net.rescaled(mm), 0.5)[0] for mm in (10.0, 1e3, 1e6)]
    if max(abs(v - yv ** 2 / 4) for v in vals) > 1e-9 * 1e6:
        return failed(f"torch min_P midpoint losses {vals}", counterexample={"losses": vals})
    return passed(f"hypothesis violated ⇒ min_P midpoint loss = ||Y||²/4 for all m (sympy); torch {vals}")


# =======================================================================================
ORBIT_SEG = claim(
    id="modeconn.orbit-segment-far-from-orbit",
    title="The segment between two points of a GL_n orbit {W_1W_2 = A} can be arbitrarily far from it",
    sources=[(DOC, "Proposition 5.5"), (DOC, "Appendix C, Proposition 5.5 (proof, Eqs. 23–24)"),
             (THESIS, "Proposition 3.3.5"), (THESIS, "Appendix B.2, Proposition 3.3.5 (proof, Eqs. B.13–B.14)")],
    statement=(
        "Let A ∈ R^{n×n} be invertible and S = {(W_1, W_2) : W_1W_2 = A}. For every b > 0 there exist W', W'' ∈ S and "
        "0 < α < 1 with min_{Ŵ∈S} ||((1 − α)W' + αW'') − Ŵ||_2 > b."
    ),
    latex=r"\min_{\hat W\in S}\|(1-\alpha)W'+\alpha W''-\hat W\|_2>b",
    hypotheses=("A invertible",),
    kind="existence",
    notes=(
        "Verified with a rigorous lower bound: for Ŵ ∈ S, σ_min(Ŵ_1)σ_min(Ŵ_2) ≤ σ_min(A), and by Weyl "
        "||cW_1 − Ŵ_1|| ≥ cσ_min(W_1) − σ_min(Ŵ_1), so dist((cW_1, cW_2), S) ≥ c·min(σ_min W_1, σ_min W_2) − √σ_min(A); "
        "the proof's witness (g_1 = βI, g_2 = β^{−1}I, α = ½) gives the midpoint (cW_1, cW_2), c = (β + β^{−1})/2. "
        "The proof's last step ('g and g^{−1} cannot approach cI simultaneously') is only a sketch; this bound completes it. "
        "Eq. 23/B.13 writes the second term as ||W_2((1−α)g_1 + αg_2 − g)||², but with Ŵ_2 = gW_2 it is "
        "||((1−α)g_1 + αg_2 − g)W_2||² (the factors do not commute for non-scalar g). Eq. 24 writes "
        "'(1 − α)W + αW′' for (1 − α)W′ + αW″. ||·||_2 on pairs is read as the Frobenius norm of (W_1, W_2)."
    ),
)


def _orbit_instances(ctx):
    rng = ctx.rng("orbit")
    out = []
    for n in ctx.size([1, 2, 3], [1, 2, 3, 4, 6]):
        for _ in range(ctx.size(2, 4)):
            W1 = rng.normal(size=(n, n))
            A = rng.normal(size=(n, n))
            out.append((n, W1, np.linalg.solve(W1, A), A))
    return out


def _dist_upper(W1c, W2c, W1, W2, starts):
    """min over g ∈ GL(n) of ||W1c − W1 g^{-1}||² + ||W2c − g W2||² (S parametrised by g), by L-BFGS."""
    T = lambda a: torch.as_tensor(a, dtype=torch.float64)  # noqa: E731
    W1c, W2c, W1t, W2t = map(T, (W1c, W2c, W1, W2))
    best = float("inf")
    for g0 in starts:
        g = T(g0).clone().requires_grad_(True)
        opt = torch.optim.LBFGS([g], max_iter=150, tolerance_grad=1e-12, tolerance_change=1e-14,
                                line_search_fn="strong_wolfe")

        def closure():
            opt.zero_grad()
            val = ((W1c - W1t @ torch.linalg.inv(g)) ** 2).sum() + ((W2c - g @ W2t) ** 2).sum()
            val.backward()
            return val

        try:
            opt.step(closure)
            with torch.no_grad():
                v = float(((W1c - W1t @ torch.linalg.inv(g)) ** 2).sum() + ((W2c - g @ W2t) ** 2).sum())
            if math.isfinite(v):
                best = min(best, v)
        except RuntimeError:
            continue
    return math.sqrt(best)


@ORBIT_SEG.check("numeric", name="certified_distance_exceeds_b")
def orbit_seg_numeric(ctx):
    """Proof's witness β → midpoint (cW_1, cW_2); rigorous lower bound c·min σ_min − √σ_min(A) > b for b up to 1e6, and
    an optimised feasible Ŵ (upper bound) brackets the distance."""
    rows, n_cases = [], 0
    for n, W1, W2, A in _orbit_instances(ctx):
        smin = min(np.linalg.svd(W1, compute_uv=False)[-1], np.linalg.svd(W2, compute_uv=False)[-1])
        sA = np.linalg.svd(A, compute_uv=False)[-1]
        for b in [1.0, 1e2, 1e4, 1e6]:
            c_needed = (b + math.sqrt(sA)) / smin * 1.01 + 1
            beta = c_needed + math.sqrt(c_needed ** 2 - 1)  # (β + 1/β)/2 = c
            c = (beta + 1 / beta) / 2
            Wp = (W1 / beta, beta * W2)  # (W_1 g_1^{-1}, g_1 W_2), g_1 = βI
            Wpp = (W1 * beta, W2 / beta)  # g_2 = β^{-1} I
            for (U, V) in (Wp, Wpp):
                if np.abs(U @ V - A).max() > 1e-9 * max(1.0, beta ** 2) * np.abs(A).max():
                    return failed("witness not in S", counterexample={"n": n, "beta": beta})
            M1, M2 = (Wp[0] + Wpp[0]) / 2, (Wp[1] + Wpp[1]) / 2
            if np.abs(M1 - c * W1).max() > 1e-9 * c * np.abs(W1).max():
                return failed("midpoint is not (cW1, cW2)", counterexample={"n": n})
            lower = c * smin - math.sqrt(sA)
            n_cases += 1
            if not lower > b:
                return failed(f"certified lower bound {lower:.4g} ≤ b = {b:g}", counterexample={"n": n, "b": b})
            if b == 1.0:
                upper = _dist_upper(M1, M2, W1, W2, [c * np.eye(n), np.eye(n), np.eye(n) / c])
                if upper < lower * (1 - 1e-9):
                    return failed(f"feasible point closer ({upper:.6g}) than the certified lower bound {lower:.6g}",
                                  counterexample={"n": n, "b": b})
                if len(rows) < 12:
                    rows.append([str(n), f"{b:g}", f"{beta:.4g}", f"{lower:.4g}", f"{upper:.4g}"])
    return passed(f"{n_cases} cases (n ≤ {ctx.size(3, 6)}): certified dist > b at the proof's witness; optimised feasible "
                  "points stay above the bound", cases=n_cases,
                  tables=[{"title": "distance of the midpoint to S", "columns": ["n", "b", "β", "certified ≥",
                                                                                "optimised ≤"], "rows": rows}])


@ORBIT_SEG.check("symbolic", name="n1_exact_distance")
def orbit_seg_symbolic(ctx):
    """n = 1, A = 1, W = (1, 1): the midpoint is (c, c); sympy (critical points of the squared distance, a factored
    quartic): dist((c, c), {xy = 1}) = √(c² − 2) for c ≥ 2 (nearest point (c+√(c²−4))/2, not the vertex) → ∞."""
    x = sp.Symbol("x", real=True)
    c = sp.Symbol("c", positive=True)
    f = (x - c) ** 2 + (1 / x - c) ** 2
    quartic = sp.factor(sp.numer(sp.together(sp.diff(f, x) / 2)))  # (x^2 - 1)(x^2 - c x + 1)·...
    vals = []
    for cv in (sp.Integer(2), sp.Integer(5), sp.Rational(101, 2)):
        roots = [r for r in sp.solve(quartic.subs(c, cv), x) if r.is_real and r != 0]
        dists = sorted(((sp.sqrt(f.subs({c: cv, x: r}))), r) for r in roots) if False else \
            sorted(((sp.sqrt(f.subs({c: cv, x: r})).evalf(30), sp.sqrt(f.subs({c: cv, x: r}))) for r in roots),
                   key=lambda t: t[0])
        d = sp.nsimplify(sp.simplify(dists[0][1]))
        vals.append((cv, d))
        if sp.simplify(d - sp.sqrt(cv ** 2 - 2)) != 0 or not d > cv - 1:
            return failed(f"distance at c = {cv} is {d}, expected √(c²−2) ≥ c − 1",
                          counterexample={"c": str(cv), "dist": str(d)})
    # negative branch x < 0 is farther: (x-c)^2 + (1/x - c)^2 > 2c^2 there (both terms exceed c^2)
    return passed(f"exact distances {[(str(a), str(b)) for a, b in vals]} = √(c² − 2) ≥ c − 1 → ∞ "
                  "(negative branch ≥ √2·c)", cases=len(vals))


@ORBIT_SEG.check("numeric", role="proof-step", name="eq23_parametrisation")
def eq23(ctx):
    """Eq. (23)/(B.13): (i) every Ŵ ∈ S is (W_1g^{-1}, gW_2) (g = Ŵ_1^{-1}W_1); (ii) the printed objective
    ||W_1(x − g^{-1})||² + ||W_2(y − g)||² equals the true squared distance ||W_1 x − W_1 g^{-1}||² + ||y W_2 − gW_2||²."""
    rng = ctx.rng("eq23")
    for n, W1, W2, A in _orbit_instances(ctx):
        g = rng.normal(size=(n, n))
        Wh1 = W1 @ np.linalg.inv(g)
        Wh2 = g @ W2
        gg = np.linalg.solve(Wh1, W1)
        if np.abs(gg - g).max() > 1e-8 * np.abs(g).max() * np.linalg.cond(Wh1):
            return failed("parametrisation fails", counterexample={"n": n})
        g1, g2 = rng.normal(size=(n, n)), rng.normal(size=(n, n))
        X = 0.5 * np.linalg.inv(g1) + 0.5 * np.linalg.inv(g2)
        Yc = 0.5 * g1 + 0.5 * g2
        true = np.sum((W1 @ X - W1 @ np.linalg.inv(g)) ** 2) + np.sum((Yc @ W2 - g @ W2) ** 2)
        printed = np.sum((W1 @ (X - np.linalg.inv(g))) ** 2) + np.sum((W2 @ (Yc - g)) ** 2)
        if n > 1 and abs(true - printed) > 1e-9 * true:
            return failed(f"printed Eq. 23 objective {printed:.6g} ≠ squared distance {true:.6g} (n = {n}): the second "
                          "term must be ||((1−α)g_1 + αg_2 − g)W_2||²",
                          counterexample={"n": n, "printed": float(printed), "true": float(true)})
    return passed("Eq. 23 parametrisation and objective agree")


# =======================================================================================
BOUNDED = claim(
    id="modeconn.bounded-orbit-barrier",
    title="On a bounded part of a rescaling orbit the loss on linear interpolations is bounded",
    sources=[(DOC, "Proposition 5.6"), (DOC, "Appendix C, Proposition 5.6 (proof, Eq. 22)"),
             (THESIS, "Proposition 3.3.6"), (THESIS, "Appendix B.2, Proposition 3.3.6 (proof, Eq. B.15)")],
    statement=(
        "Under the assumptions of Proposition 5.3, let W ∈ L^{-1}(0) and let R^+ act by g·W = (W_1, ..., W_{l−2}, "
        "gW_{l−1}, W_l g^{−k}). For every c > 0 there is b > 0 such that L((1 − α)W + αW') < b for all 0 < α < 1 and "
        "all W' ∈ Orbit(W) with ||W'_i||_2 < c for all i."
    ),
    latex=r"\forall c>0\ \exists b:\ \forall\alpha\in(0,1),\ W'\in\mathrm{Orbit}(W),\ \max_i\|W'_i\|<c:\ L((1-\alpha)W+\alpha W')<b",
    hypotheses=("as Proposition 5.3",),
    kind="inequality",
    depends=("modeconn.lmc-failure",),
    printed=("action_exponent",),
    scope="b depends on c (and on W): sup_c b(c) = ∞ by Proposition 5.3.",
    notes=(
        "The printed quantifiers read 'there exists b > 0 such that for all α and W' ∈ Orbit(W) with ||W'_i|| < c for all i "
        "and some c > 0'; with c quantified inside this is false (every W' is bounded by some c, and Proposition 5.3 "
        "makes the barrier along the orbit unbounded), so the statement is read — as the proof does ('m and m^{−k} are "
        "bounded since W'_i is bounded') — with c fixed first and b = b(c). W_{l−1} ≠ 0 ≠ W_l (forced by Y ≠ 0 and "
        "σ(0) = 0) makes the admissible m an interval [m_lo, m_hi] and b(c) = (max(1, m_lo^{−k})·max(1, m_hi)^k − 1)²||Y||² "
        "+ tolerance works (φ ≥ 1). The thesis' proof writes W' = (W_1m^{−k}, mW_{l−1}, W_{l−2}, ..., W_l) (index typo)."
    ),
)


def _admissible_m(net, c: float, k: float) -> tuple[float, float] | None:
    """m with ||m W_{l−1}|| < c, ||m^{−k} W_l|| < c and the untouched layers < c; None if empty."""
    others = max([float(W.norm(p=2)) for W in net.weights[:-2]] + [0.0])
    if others >= c:
        return None
    a = float(torch.linalg.matrix_norm(net.weights[-2], ord=2))
    bb = float(torch.linalg.matrix_norm(net.weights[-1], ord=2))
    lo, hi = (bb / c) ** (1 / k), c / a
    return (lo, hi) if lo < hi else None


@BOUNDED.check("numeric", name="explicit_b_of_c_on_torch_nets")
def bounded_numeric(ctx):
    """For c ∈ {2,5,20,100}: W' = printed action of m on W for m across the admissible interval (endpoints included);
    W' ∈ L^{-1}(0) is checked, and every segment loss (α grid) is below the explicit b(c)."""
    e = parse_printed(ctx.printed["action_exponent"])
    n, rows = 0, []
    for widths, N, k, s, net in _nets(ctx, "bounded", ks=[0.5, 1.0, 2.0], slopes=[0.1, -0.5]):
        y2 = float(net.Y.norm() ** 2)
        tol0 = _loss_tol(net)
        expo = float(e.subs(sp.Symbol("k"), k))
        for c in (2.0, 5.0, 20.0, 100.0):
            iv = _admissible_m(net, c, k)
            if iv is None:
                continue
            lo, hi = iv
            Phi = max(1.0, lo ** (-k)) * max(1.0, hi) ** k
            b = (Phi - 1) ** 2 * y2 * (1 + 1e-9) + 1e-12
            for m in np.geomspace(lo * (1 + 1e-12), hi * (1 - 1e-12), 9):
                m = float(m)
                W2 = [W.clone() for W in net.weights]
                W2[-2] = m * W2[-2]
                W2[-1] = m ** expo * W2[-1]
                on_min = float(net.loss(W2))
                if on_min > tol0 * max(1.0, m, m ** expo) ** 2:
                    return failed(f"the printed action (exponent {ctx.printed['action_exponent']}) leaves the minimum: "
                                  f"L(g·W) = {on_min:.3g}", counterexample={"widths": widths, "k": k, "m": m})
                for al in np.linspace(0.0, 1.0, 11)[1:-1]:
                    val = float(net.loss(interpolate(net.weights, W2, float(al))))
                    tol = interp_tolerance(net, phi(float(al), m, k), _residual(net)).value
                    n += 1
                    if not val < b + tol:
                        return failed(f"segment loss {val:.4g} ≥ b(c) = {b:.4g}", counterexample={
                            "widths": widths, "k": k, "c": c, "m": m, "alpha": float(al)})
            if len(rows) < 10:
                rows.append([str(widths), f"{k:g}", f"{c:g}", f"[{lo:.3g}, {hi:.3g}]", f"{b:.4g}"])
    return passed(f"{n} segment points on bounded orbit pieces, all below the explicit b(c)", cases=n,
                  tables=[{"title": "explicit bounds", "columns": ["widths", "k", "c", "admissible m", "b(c)"],
                           "rows": rows}])


@BOUNDED.check("numeric", role="proof-step", name="eq22_and_bounded_m")
def bounded_proof(ctx):
    """Proof steps: Eq. (22) = (1 − φ)²||Y||² on the segment, and ||W'_i|| < c bounds m and m^{−k} (needs W_{l−1} ≠ 0,
    W_l ≠ 0, implied by Y ≠ 0 and σ(0) = 0)."""
    n = 0
    for widths, N, k, s, net in _nets(ctx, "b-proof", ks=[0.5, 2.0], slopes=[0.1]):
        if float(net.sigma(torch.zeros(1, dtype=torch.float64)).abs()) != 0.0:
            return failed("σ(0) ≠ 0", counterexample={"k": k})
        if float(net.weights[-2].norm()) == 0 or float(net.weights[-1].norm()) == 0:
            return failed("zero layer at a minimum with Y ≠ 0", counterexample={"widths": widths})
        for m in (0.3, 4.0):
            for al in (0.2, 0.7):
                val = float(net.loss(interpolate(net.weights, net.rescaled(m), al)))
                cl = interp_loss_closed(al, m, k, float(net.Y.norm() ** 2))
                tol = interp_tolerance(net, phi(al, m, k), _residual(net)).value
                n += 1
                if abs(val - cl) > tol:
                    return failed("Eq. 22 disagrees with torch", counterexample={"k": k, "m": m, "alpha": al})
    return passed(f"Eq. 22 reproduced at {n} points; σ(0) = 0 and nonzero last two layers at every drawn minimum", cases=n)


@BOUNDED.check("numeric", role="scope", name="b_must_depend_on_c")
def bounded_scope(ctx):
    """The literal reading '∃b ∀W' with some bound c' is false: over growing c the best b(c) (closed-form barrier at the
    admissible end points, confirmed by torch) is unbounded."""
    gen = ctx.torch_generator("scope")
    net = random_minimum([3, 4, 2], 3, 1.0, gen)
    y2 = float(net.Y.norm() ** 2)
    prev, rows = 0.0, []
    for c in (10.0, 100.0, 1e3, 1e4, 1e5):
        iv = _admissible_m(net, c, 1.0)
        if iv is None:
            continue
        lo, hi = iv
        m = hi * (1 - 1e-9)
        bar = float(net.loss(interpolate(net.weights, net.rescaled(m), barrier_closed(m, 1.0, y2)[1])))
        rows.append([f"{c:g}", f"{m:.4g}", f"{bar:.4g}"])
        if bar <= prev:
            return failed("barrier did not grow with c", counterexample={"c": c})
        prev = bar
    return passed(f"barrier over the admissible orbit piece grows without bound in c (last {prev:.3g})",
                  tables=[{"title": "sup of the barrier vs c", "columns": ["c", "m", "barrier (torch)"], "rows": rows}])
