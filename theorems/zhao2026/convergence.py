"""Zhao (2026), Chapter 2 Section 2.7: conserved quantity and convergence rate.

Ellipse example (Eqs. 2.18–2.24) and radial activations under spectral initialisation
(Propositions 2.7.1–2.7.3).  Printed formulas live in ``cases/zhao2026/convergence.toml``;
the truth comes from sympy derivations and from accurate gradient flows of the real
(full-matrix) objectives.
"""

from __future__ import annotations

import numpy as np
import sympy as sp
import torch

from verify import claim, failed, not_checkable, passed
from verify.conservation import DRIFT_COLUMNS, Shapes, flow_drift, printed_expr, sym_orthogonality
from verify.numeric import flat_grad, gradient_flow

from . import DOC

# ---------------------------------------------------------------------------------------
# Ellipse L = w1² + a w2²

W1, W2, A, T = sp.symbols("w1 w2 a t", positive=True)
W10, W20, L0 = sp.symbols("w10 w20 L0", positive=True)
NAMES = {"w1": W1, "w2": W2, "a": A, "t": T, "w10": W10, "w20": W20, "L0": L0}


def _ellipse_loss(a):
    return lambda th: th[0] ** 2 + a * th[1] ** 2


ELLIPSE_Q = claim(
    id="zhao2026.ellipse-Q",
    title="Ellipse L = w1² + a w2²: Q = w1^{2a}/w2² is conserved; w1 = w10 e^{−2t}, w2 = w20 e^{−2at}",
    sources=[(DOC, "Section 2.7.1"), (DOC, "Eq. (2.19)"), (DOC, "Eq. (2.20)"), (DOC, "Eq. (2.21)")],
    statement=(
        "Under gradient flow of L = w1² + a w2², w1(t) = w10 e^{−2t}, w2(t) = w20 e^{−2at}; the ansatz Q = f(w1^i w2^k) "
        "with ∇Q·∇L = 0 gives the conserved quantity Q = w1^{2a}/w2² = w10^{2a}/w20²."
    ),
    latex=r"Q=\frac{w_1^{2a}}{w_2^2}=\frac{w_{10}^{2a}}{w_{20}^2}",
    hypotheses=("w1, w2 > 0 (so that w1^{2a} is real for non-integer a)",),
    kind="identity",
    printed=("Q", "Q0", "w1_t", "w2_t"),
)


@ELLIPSE_Q.check("symbolic")
def ellipse_symbolic(ctx):
    """sympy: printed w(t) solves (2.19); Q(w(t)) equals the printed Q0; ∇Q·∇L ≡ 0; ansatz exponents satisfy i = −a k."""
    w1t = printed_expr(ctx.printed["w1_t"], **NAMES)
    w2t = printed_expr(ctx.printed["w2_t"], **NAMES)
    for wt, rhs, w0 in ((w1t, -2 * w1t, W10), (w2t, -2 * A * w2t, W20)):
        if sp.simplify(sp.diff(wt, T) - rhs) != 0 or sp.simplify(wt.subs(T, 0) - w0) != 0:
            return failed(f"printed solution {wt} does not solve the flow", counterexample={"solution": str(wt)})
    Q = printed_expr(ctx.printed["Q"], **NAMES)
    Q0 = printed_expr(ctx.printed["Q0"], **NAMES)
    along = sp.simplify(sp.powsimp(sp.expand_power_base(Q.subs({W1: w1t, W2: w2t}), force=True), force=True) - Q0)
    if along != 0:
        return failed(f"Q(w(t)) − Q0 = {along}", counterexample={"difference": str(along)})
    L = W1**2 + A * W2**2
    r = sym_orthogonality(Q, L, [W1, W2])
    if r != 0:
        return failed(f"∇Q·∇L = {r}", counterexample={"residual": str(r)})
    i, k = sp.symbols("i k")
    cond = sp.simplify(sym_orthogonality(W1**i * W2**k, L, [W1, W2]) / (W1**i * W2**k))
    if sp.simplify(cond.subs(i, -A * k)) != 0:
        return failed("ansatz condition", counterexample={"condition": str(cond)})
    return passed(f"w(t) solves (2.19); Q(w(t)) ≡ Q0; ∇Q·∇L ≡ 0; ansatz condition {cond} = 0 ⇔ i = −a·k (k = −2 gives i = 2a)")


@ELLIPSE_Q.check("numeric")
def ellipse_flows(ctx):
    """DOP853 flows for a ∈ {0.5, 2, 3}: printed Q drifts at solver level only; printed w(t) matches the flow."""
    Qf = sp.lambdify((W1, W2, A), printed_expr(ctx.printed["Q"], **NAMES))
    w1f = sp.lambdify((W10, T), printed_expr(ctx.printed["w1_t"], **NAMES))
    w2f = sp.lambdify((W20, A, T), printed_expr(ctx.printed["w2_t"], **NAMES))
    rows = []
    for a in (0.5, 2.0, 3.0):
        th0 = np.array([1.3, 0.7])
        ts = np.linspace(0, 1.5, 40)
        sol = gradient_flow(_ellipse_loss(a), th0, 1.5, t_eval=ts, rtol=1e-12, atol=1e-14)
        q = Qf(sol.y[0], sol.y[1], a)
        rel = float(np.max(np.abs(q / q[0] - 1)))
        err_w = float(np.max(np.abs(sol.y[0] - w1f(1.3, ts)) + np.abs(sol.y[1] - w2f(0.7, a, ts))))
        ctrl = float(np.max(np.abs((sol.y[0] ** 2 + sol.y[1] ** 2) / (th0 @ th0) - 1)))
        rows.append([a, f"{rel:.2e}", f"{err_w:.2e}", f"{ctrl:.2e}"])
        if rel > 1e-8 or err_w > 1e-9:
            return failed(f"a={a}: relative drift of Q {rel:.3g}, |w − printed w(t)| {err_w:.3g}",
                          counterexample={"a": a, "Q_drift": rel, "w_error": err_w})
    return passed("Q constant to 1e-8 relative (solver rtol 1e-12 over Q's dynamic range) and w(t) as printed",
                  cases=3, tables=[{"title": "ellipse flows, w0 = (1.3, 0.7)",
                                    "columns": ["a", "max |Q/Q0 − 1|", "max |w − w_printed|", "control |w|² relative change"], "rows": rows}])


ELLIPSE_DLDQ = claim(
    id="zhao2026.ellipse-dLdQ",
    title="Ellipse: loss at time t as a function of Q at fixed L(0) (Eqs. 2.22–2.24)",
    sources=[(DOC, "Eq. (2.22)"), (DOC, "Eq. (2.23)"), (DOC, "Eq. (2.24)"), (DOC, "Section 2.7.1")],
    statement=(
        "With L(0) = L0 fixed and w20 free: L(t) = (L0 − a w20²)e^{−4t} + a w20² e^{−4at}, Q = (L0 − a w20²)^a / w20², and "
        "∂_Q L(t) = 2a w20⁵(e^{−4at} − e^{−4t}) / (2 w20 (L0 − a w20²)^{a−1}(−a² w20² − (L0 − a w20²))), which is non-zero "
        "in general: the loss at time t (hence the convergence) depends on Q."
    ),
    latex=r"\partial_Q L(t)=\frac{2aw_{20}^5(e^{-4at}-e^{-4t})}{2w_{20}(L_0-aw_{20}^2)^{a-1}(-a^2w_{20}^2-(L_0-aw_{20}^2))}",
    hypotheses=("0 < a w20² < L0",),
    kind="closed-form",
    depends=("zhao2026.ellipse-Q",),
    printed=("L_t", "Q_w20", "dLdQ"),
)


def _ellipse_truth():
    w10sq = L0 - A * W20**2
    Lt = w10sq * sp.exp(-4 * T) + A * W20**2 * sp.exp(-4 * A * T)  # (w10 e^{-2t})² + a (w20 e^{-2at})²
    Qw = w10sq**A / W20**2
    return Lt, Qw, sp.diff(Lt, W20) / sp.diff(Qw, W20)


def _rand_points(rng, n):
    out = []
    while len(out) < n:
        a = sp.Rational(str(rng.choice([0.5, 1.5, 2.0, 3.0, 0.25])))
        L0v = sp.Rational(int(rng.integers(50, 300)), 100)
        w20 = sp.Rational(int(rng.integers(5, 95)), 100) * sp.sqrt(L0v / a)
        out.append({A: a, L0: L0v, W20: w20, T: sp.Rational(int(rng.integers(5, 200)), 100)})
    return out


@ELLIPSE_DLDQ.check("symbolic")
def printed_formulas_vs_derivation(ctx):
    """Printed (2.22), (2.23), (2.24) against the sympy derivation from w(t) of (2.20) (exact simplification for (2.22),
    (2.23); (2.24) compared at 40 random points to 30 digits)."""
    Lt, Qw, dLdQ = _ellipse_truth()
    rows = []
    for key, truth in (("L_t", Lt), ("Q_w20", Qw)):
        pr = printed_expr(ctx.printed[key], **NAMES)
        if sp.simplify(pr - truth) != 0:
            return failed(f"printed {key} = {pr} differs from the derivation {truth}", counterexample={"key": key, "printed": str(pr)})
        rows.append([key, "identical"])
    pr = printed_expr(ctx.printed["dLdQ"], **NAMES)
    worst = 0.0
    for p in _rand_points(ctx.rng("dldq"), 40):
        tv, pv = sp.N(dLdQ.subs(p), 30), sp.N(pr.subs(p), 30)
        rel = float(abs(tv - pv) / max(abs(tv), sp.Float(1e-30)))
        worst = max(worst, rel)
        if rel > 1e-20:
            return failed(f"printed ∂_Q L differs from dL/dw20 / dQ/dw20 at {p}",
                          counterexample={"point": {str(k): str(v) for k, v in p.items()}, "printed": str(pv), "derived": str(tv)})
    rows.append(["dLdQ", f"max relative difference {worst:.1e} at 40 points"])
    return passed("(2.22), (2.23) exact; (2.24) equals the chain-rule derivative", cases=42,
                  tables=[{"title": "Eqs. 2.22–2.24", "columns": ["formula", "result"], "rows": rows}])


@ELLIPSE_DLDQ.check("numeric")
def finite_difference_on_real_flows(ctx):
    """Two real flows with the same L0 and w20 ± δ: (L_T(+) − L_T(−)) / (Q(+) − Q(−)) against the printed ∂_Q L."""
    pr = sp.lambdify((A, L0, W20, T), printed_expr(ctx.printed["dLdQ"], **NAMES))
    Qf = sp.lambdify((A, L0, W20), printed_expr(ctx.printed["Q_w20"], **NAMES))
    rows = []
    for a, L0v, w20, t in [(2.0, 2.0, 0.6, 0.3), (0.5, 1.0, 0.8, 0.5), (3.0, 3.0, 0.4, 0.2)]:
        d = 1e-4
        LT = []
        for s in (+1, -1):
            w = w20 + s * d
            th0 = np.array([np.sqrt(L0v - a * w * w), w])
            sol = gradient_flow(_ellipse_loss(a), th0, t, rtol=1e-13, atol=1e-15)
            LT.append(sol.y[0, -1] ** 2 + a * sol.y[1, -1] ** 2)
        fd = (LT[0] - LT[1]) / (Qf(a, L0v, w20 + d) - Qf(a, L0v, w20 - d))
        p = pr(a, L0v, w20, t)
        rel = abs(fd - p) / abs(p)
        rows.append([a, L0v, w20, t, f"{fd:.8g}", f"{p:.8g}", f"{rel:.1e}"])
        if rel > 1e-5:
            return failed(f"a={a}: finite difference {fd:.6g} vs printed {p:.6g}",
                          counterexample={"a": a, "L0": L0v, "w20": w20, "t": t, "fd": fd, "printed": p},
                          tables=[{"title": "∂_Q L(t)", "columns": ["a", "L0", "w20", "t", "flows (FD)", "printed", "rel"], "rows": rows}])
    return passed("printed ∂_Q L(t) matches central differences of real flows (δ = 1e-4, rel ≤ 1e-5); it is non-zero",
                  cases=3, tables=[{"title": "∂_Q L(t)", "columns": ["a", "L0", "w20", "t", "flows (FD)", "printed", "rel"], "rows": rows}])


ELLIPSE_SPECIAL = claim(
    id="zhao2026.ellipse-special-cases",
    title="∂_Q L(t) = 0 for a = 1, a = 0 and w20 = 0, 'a local maximum of gradient magnitude'",
    sources=[(DOC, "Section 2.7.1 (after Eq. 2.24)")],
    statement=(
        "Special cases where ∂_Q L(t) = 0 include a = 1 (circle), a = 0 (collapsed dimension), and initialisations such "
        "as w20 = 0 (local maximum of gradient magnitude)."
    ),
    kind="identity",
    depends=("zhao2026.ellipse-dLdQ",),
    scope=("w20 = 0 is a local maximum of |∇L| on the initial level set {L = L0} exactly when 0 < a < 1; "
           "for a > 1 it is a local minimum (|∇L|² = 4L0 + 4a(a−1)w20² there)."),
    notes="∂_Q L → 0 as w20 → 0 (Q → ∞ there), so the limit statement holds for every a; only the parenthetical fails.",
)


@ELLIPSE_SPECIAL.check("symbolic")
def vanishing_cases(ctx):
    """sympy: ∂_Q L(t) = (dL(t)/dw20)/(dQ/dw20) vanishes for a = 1 and a = 0 (numerator ≡ 0) and tends to 0 like w20⁴ as
    w20 → 0 (evaluated at w20 = 10⁻², 10⁻⁴, 10⁻⁶ to 30 digits); non-zero at a generic point."""
    Lt, Qw, dLdQ = _ellipse_truth()
    num = sp.diff(Lt, W20)
    c1, c0 = sp.simplify(num.subs(A, 1)), sp.simplify(num.subs(A, 0))
    pt = {A: 2, L0: 3, T: 1}
    small = [abs(sp.N(dLdQ.subs(pt).subs(W20, sp.Rational(1, 10**k)), 30)) for k in (2, 4, 6)]
    order = [float(sp.log(small[i] / small[i + 1]) / sp.log(100)) for i in range(2)]
    gen = sp.N(dLdQ.subs(pt).subs(W20, sp.Rational(1, 2)))
    if c1 != 0 or c0 != 0 or not small[-1] < 1e-20 or gen == 0:
        return failed("a special case does not vanish", counterexample={"a=1": str(c1), "a=0": str(c0), "w20 small": [str(x) for x in small]})
    return passed(f"numerator ≡ 0 at a = 1 and a = 0; |∂_Q L| at w20 = 1e-2, 1e-4, 1e-6: "
                  f"{', '.join(f'{float(x):.2e}' for x in small)} (order w20^{order[-1]:.2f} → 0); generic point {float(gen):.4g} ≠ 0")


@ELLIPSE_SPECIAL.check("symbolic", name="w20_zero_local_max_of_gradient_norm")
def local_max_claim(ctx):
    """Is w20 = 0 a local maximum of |∇L(0)| on {w1² + a w2² = L0}? (sympy, for a ∈ {1/2, 2, 3})."""
    w = sp.Symbol("w", real=True)
    rows = []
    for a in (sp.Rational(1, 2), 2, 3):
        g2 = 4 * (L0 - a * w**2) + 4 * a**2 * w**2  # |∇L|² = 4w1² + 4a²w2² with w1² = L0 − a w²
        second = sp.diff(g2, w, 2).subs(w, 0)
        rows.append([str(a), str(sp.expand(g2)), str(second), "max" if second < 0 else "min"])
        if second > 0:
            return failed(f"a = {a}: |∇L|² = {sp.expand(g2)} has a local minimum at w20 = 0",
                          counterexample={"a": str(a), "grad_norm_sq": str(sp.expand(g2)), "second_derivative": str(second)},
                          tables=[{"title": "|∇L|² on the level set", "columns": ["a", "|∇L|²", "d²/dw20² at 0", "type"], "rows": rows}])
    return passed("local maximum for all a tested")


@ELLIPSE_SPECIAL.check("symbolic", role="scope")
def local_max_iff_a_below_one(ctx):
    """d²|∇L|²/dw20² at 0 equals 8a(a−1): a local maximum iff 0 < a < 1 (sympy, symbolic a)."""
    w, a = sp.Symbol("w", real=True), sp.Symbol("a", positive=True)
    second = sp.factor(sp.diff(4 * (L0 - a * w**2) + 4 * a**2 * w**2, w, 2).subs(w, 0))
    if sp.simplify(second - 8 * a * (a - 1)) != 0:
        return failed("unexpected second derivative", counterexample={"second": str(second)})
    return passed(f"second derivative {second}: negative exactly for 0 < a < 1, zero for a = 1 (|∇L| constant on the circle)")


# ---------------------------------------------------------------------------------------
# Radial activations under spectral initialisation (Propositions 2.7.1 – 2.7.3)


def _orth(rng, n):
    q, r = np.linalg.qr(rng.standard_normal((n, n)))
    return q * np.sign(np.diag(r))


class Spectral:
    """Y = Φ Σ Ψᵀ (n×n), U = Φ Ū, V = Ψ V̄, L = ½‖Y − U g(Vᵀ)‖², g radial on the rows of Vᵀ: g(W)_i = h(|W_i|) W_i."""

    def __init__(self, rng, n=3, hfun=lambda r: r ** -2, sY=None):
        self.n = n
        self.Phi, self.Psi = _orth(rng, n), _orth(rng, n)
        self.sY = np.array(sY if sY is not None else np.sort(rng.uniform(0.5, 2.0, n))[::-1])
        self.Y = torch.as_tensor(self.Phi @ np.diag(self.sY) @ self.Psi.T)
        self.h = hfun
        self.sh = Shapes((n, n), (n, n))

    def g(self, Vt):
        r = torch.sqrt((Vt**2).sum(dim=1, keepdim=True))
        return self.h(r) * Vt

    def loss(self, th):
        U, V = self.sh.unpack(th)
        return 0.5 * ((self.Y - U @ self.g(V.T)) ** 2).sum()

    def init(self, ubar, vbar):
        return self.sh.pack(self.Phi @ np.diag(ubar), self.Psi @ np.diag(vbar)).numpy()

    def bars(self, th):
        U, V = self.sh.unpack(torch.as_tensor(th))
        Ub = torch.as_tensor(self.Phi.T) @ U
        Vb = torch.as_tensor(self.Psi.T) @ V
        return Ub, Vb

    def sigmaX(self, th):
        U, V = self.sh.unpack(torch.as_tensor(th))
        X = U @ self.g(V.T)
        return torch.diagonal(torch.as_tensor(self.Phi.T) @ X @ torch.as_tensor(self.Psi))


PROP_271 = claim(
    id="zhao2026.prop-2.7.1",
    title="Radial activation, spectral initialisation: Q = ½Tr[UᵀU] − Σ_i ∫^{V̄_ii} g/g' is invariant",
    sources=[(DOC, "Proposition 2.7.1"), (DOC, "Eq. (2.27)"), (DOC, "Eqs. (2.28)–(2.34)")],
    statement=(
        "For L(U,V) = ½‖Y − U g(Vᵀ)‖²_F with g radial on rows and spectral initialisation U0 = ΦŪ0, V0 = ΨV̄0 "
        "(Y = ΦΣ_YΨᵀ, Ū0, V̄0 diagonal), Q = ½Tr[UᵀU] − Σ_i ∫_{x0}^{V̄_ii} g(x)/g'(x) dx is invariant under gradient flow; "
        "Φ and Ψ are not changed by the flow."
    ),
    latex=r"Q=\tfrac12\mathrm{Tr}[U^\top U]-\sum_i\int_{x_0}^{\bar V_{ii}}\frac{g(x)}{g'(x)}dx",
    hypotheses=("spectral initialisation", "g(x) = x h(|x|) with g' ≠ 0 on the trajectory"),
    kind="identity",
    printed=("integrand",),
)


def _radial_Q(ctx, sp_model, gsym):
    """Torch function for the printed Q: ½|U|² − Σ_i F(V̄_ii), F' = printed integrand (sympy antiderivative)."""
    x = sp.Symbol("x", real=True)
    integrand = sp.simplify(printed_expr(ctx.printed["integrand"], g=gsym(x), dg=sp.diff(gsym(x), x)))
    F = sp.integrate(integrand, x)
    Ft = sp.lambdify(x, F, modules=[{"log": torch.log, "atan": torch.atan, "sqrt": torch.sqrt}, "math"])

    def Q(th):
        U, V = sp_model.sh.unpack(th)
        Vb = torch.as_tensor(sp_model.Psi.T) @ V
        return 0.5 * (U**2).sum() - sum(Ft(Vb[i, i]) for i in range(sp_model.n))

    return Q, F


@PROP_271.check("symbolic")
def decoupled_orthogonality(ctx):
    """sympy on the decoupled loss ½(σ − u g(v))² with g an undefined function: ⟨∇Q, ∇L⟩ ≡ 0 with ∂Q/∂v = −printed integrand."""
    u, v, s, x = sp.symbols("u v sigma x", real=True)
    g = sp.Function("g")
    integrand = printed_expr(ctx.printed["integrand"], g=g(x), dg=sp.diff(g(x), x)).subs(x, v)
    L = (s - u * g(v)) ** 2 / 2
    res = sp.simplify(sp.diff(L, u) * u + sp.diff(L, v) * (-integrand))
    if res != 0:
        return failed(f"⟨∇Q, ∇L⟩ = {res}", counterexample={"residual": str(res)})
    return passed("⟨∇Q, ∇L⟩ ≡ 0 for every differentiable g (per spectral component)")


@PROP_271.check("numeric")
def conserved_on_full_matrix_flows(ctx):
    """Full-matrix flows (U, V ∈ R^{3×3}, random Φ, Ψ) for h(r) = r⁻² and h(r) = 1 + r²; control ½|U|² − ½|V|²."""
    rng = ctx.rng("p271")
    tables, worst, weakest = [], 0.0, np.inf
    for name, hfun, gsym in [("h(r)=r⁻² (g=1/x)", lambda r: r ** -2, lambda z: 1 / z),
                             ("h(r)=1+r² (g=x+x³)", lambda r: 1 + r**2, lambda z: z + z**3)]:
        model = Spectral(rng, hfun=hfun)
        Q, F = _radial_Q(ctx, model, gsym)
        th0 = model.init(rng.uniform(0.4, 1.2, 3), rng.uniform(0.5, 1.2, 3))
        ctrl = lambda th, model=model: 0.5 * (model.sh.unpack(th)[0] ** 2).sum() - 0.5 * (model.sh.unpack(th)[1] ** 2).sum()
        drifts, _ = flow_drift(model.loss, th0, {"printed Q": Q, "½|U|²−½|V|² (control)": ctrl}, t_end=ctx.size(2.0, 5.0))
        tables.append({"title": f"{name}; ∫ g/g' = {F}", "columns": DRIFT_COLUMNS, "rows": [d.row() for d in drifts]})
        worst = max(worst, drifts[0].ratio)
        weakest = min(weakest, drifts[1].ratio)
        if drifts[0].ratio > 100:
            return failed(f"{name}: printed Q drifts {drifts[0].drift:.3g}", counterexample={"h": name, "drift": drifts[0].drift}, tables=tables)
    if weakest < 1e4:
        return not_checkable("control did not drift", tables=tables)
    return passed(f"printed Q conserved (≤ {worst:.2g} solver scales), control drifts ≥ {weakest:.2g}", tables=tables, cases=2)


@PROP_271.check("numeric", role="proof-step", name="spectral_structure_preserved")
def spectral_structure_preserved(ctx):
    """Proof step 'Φ and Ψ are not changed in gradient flow': ΦᵀU(t) and ΨᵀV(t) stay diagonal along the real flow."""
    rng = ctx.rng("p271-struct")
    model = Spectral(rng)
    th0 = model.init(rng.uniform(0.4, 1.2, 3), rng.uniform(0.5, 1.2, 3))
    sol = gradient_flow(model.loss, th0, 3.0, t_eval=np.linspace(0, 3, 30))
    worst = 0.0
    for i in range(sol.y.shape[1]):
        Ub, Vb = model.bars(sol.y[:, i])
        off = float((Ub - torch.diag(torch.diagonal(Ub))).abs().max() + (Vb - torch.diag(torch.diagonal(Vb))).abs().max())
        worst = max(worst, off)
    if worst > 1e-8:
        return failed(f"off-diagonal part reaches {worst:.3g}", counterexample={"offdiag": worst})
    return passed(f"off-diagonal parts of ΦᵀU, ΨᵀV stay ≤ {worst:.2g} along the flow", cases=30)


PROP_272 = claim(
    id="zhao2026.prop-2.7.2",
    title="Radial h = |W_i|⁻²: σ̇_i^X = (σ_i^Y − σ_i^X)(σ_i^{X²} + 1)² / λ_i with λ_i = ū_i² + v̄_i² conserved",
    sources=[(DOC, "Proposition 2.7.2"), (DOC, "Eq. (2.35)"), (DOC, "Eqs. (2.36)–(2.44)")],
    statement=(
        "With h(|W_i|) = |W_i|⁻² and spectral initialisation, X = U g(Vᵀ) = ΦΣ_XΨᵀ and each singular value approaches "
        "that of Y at the rate σ̇_i^X = (1/λ_i)(σ_i^Y − σ_i^X)(σ_i^{X²} + 1)², where λ_i = Ū_ii² + V̄_ii² are conserved."
    ),
    latex=r"\dot\sigma_i^X=\frac{1}{\lambda_i}(\sigma_i^Y-\sigma_i^X)(\sigma_i^{X\,2}+1)^2,\quad\lambda_i=\bar U_{ii}^2+\bar V_{ii}^2",
    kind="identity",
    depends=("zhao2026.prop-2.7.1",),
    printed=("rate", "lam"),
)


@PROP_272.check("symbolic")
def rate_from_decoupled_dynamics(ctx):
    """sympy: d/dt(u/v) under (2.36) with g = 1/v equals the printed rate with the printed λ(u, v)."""
    u, v, sY = sp.symbols("u v sY", positive=True)
    g = 1 / v
    r = sY - u * g
    udot, vdot = r * g, r * u * sp.diff(g, v)
    sdot = sp.diff(u / v, u) * udot + sp.diff(u / v, v) * vdot
    lam = printed_expr(ctx.printed["lam"], u=u, v=v)
    rate = printed_expr(ctx.printed["rate"], sY=sY, sX=u / v, lam=lam)
    diff = sp.simplify(sdot - rate)
    if diff != 0:
        return failed(f"σ̇ − printed rate = {diff}", counterexample={"difference": str(diff)})
    if sp.simplify(sp.diff(lam, u) * udot + sp.diff(lam, v) * vdot) != 0:
        return failed("printed λ not conserved", counterexample={"lam": str(lam)})
    return passed("σ̇ = printed rate identically; printed λ is conserved by (2.36)")


@PROP_272.check("numeric")
def rate_on_full_matrix_flows(ctx):
    """Full-matrix flow: d/dt diag(ΦᵀXΨ) (autograd JVP of θ̇ = −∇L) against the printed rate with the printed λ_i
    computed from (ΦᵀU)_ii, (ΨᵀV)_ii; λ_i constant along the flow."""
    rng = ctx.rng("p272")
    model = Spectral(rng)
    th0 = model.init(rng.uniform(0.4, 1.5, 3), rng.uniform(0.5, 1.5, 3))
    sol = gradient_flow(model.loss, th0, 2.0, t_eval=np.linspace(0, 2, 25))
    u, v, sY, sX, lam_s = sp.symbols("u v sY sX lam")
    lam_f = sp.lambdify((u, v), printed_expr(ctx.printed["lam"], u=u, v=v))
    rate_f = sp.lambdify((sY, sX, lam_s), printed_expr(ctx.printed["rate"], sY=sY, sX=sX, lam=lam_s))
    worst, lam_drift, lam0 = 0.0, 0.0, None
    for i in range(sol.y.shape[1]):
        th = torch.as_tensor(sol.y[:, i])
        thd = -flat_grad(model.loss, th)
        _, sdot = torch.autograd.functional.jvp(model.sigmaX, (th,), (thd,))
        Ub, Vb = model.bars(th)
        lam = np.array([lam_f(float(Ub[j, j]), float(Vb[j, j])) for j in range(3)])
        lam0 = lam if lam0 is None else lam0
        lam_drift = max(lam_drift, float(np.max(np.abs(lam - lam0))))
        sx = model.sigmaX(th).numpy()
        pred = np.array([rate_f(model.sY[j], sx[j], lam[j]) for j in range(3)])
        worst = max(worst, float(np.max(np.abs(sdot.numpy() - pred) / (np.abs(pred) + 1e-300 + np.abs(sdot.numpy())))))
    if worst > 1e-9 or lam_drift > 1e-8:
        return failed(f"relative rate error {worst:.3g}, λ drift {lam_drift:.3g}",
                      counterexample={"rate_rel_error": worst, "lambda_drift": lam_drift, "theta0": th0.tolist()})
    return passed(f"printed rate matches σ̇ to {worst:.2g} (relative) at 25 flow points; λ_i drift {lam_drift:.2g}", cases=75)


@PROP_272.check("numeric", name="lambda_conserved_without_spectral_init")
def lambda_general_init(ctx):
    """(Supports Figure 2.5) For h = r⁻² the column norms λ_i = |U_:i|² + |V_:i|² are conserved for ANY initialisation
    (g(cz) = g(z)/c is a rescaling symmetry), so Q = Tr[UᵀU + VᵀV] of Figure 2.5 is conserved; general U ∈ R^{5×5}, V ∈ R^{10×5}."""
    rng = ctx.rng("p272-general")
    sh = Shapes((5, 5), (10, 5))
    Y = torch.as_tensor(rng.standard_normal((5, 10)))

    def g(Vt):
        return Vt / (Vt**2).sum(dim=1, keepdim=True)

    def L(th):
        U, V = sh.unpack(th)
        return 0.5 * ((Y - U @ g(V.T)) ** 2).sum()

    def lam(th):
        U, V = sh.unpack(th)
        return (U**2).sum(dim=0) + (V**2).sum(dim=0)

    drifts, _ = flow_drift(L, sh.random(rng, [0.5, 1.0]), {"λ_i = |U_:i|²+|V_:i|²": lam,
                                                            "|U|² (control)": lambda th: (sh.unpack(th)[0] ** 2).sum()},
                           t_end=ctx.size(1.0, 3.0))
    tbl = {"title": "general initialisation, h = r⁻²", "columns": DRIFT_COLUMNS, "rows": [d.row() for d in drifts]}
    if drifts[0].ratio > 100:
        return failed("λ_i not conserved for general initialisation", counterexample={"drift": drifts[0].drift}, tables=[tbl])
    return passed("λ_i conserved for general initialisation (so Figure 2.5's Q is a genuine conserved quantity)", tables=[tbl])


PROP_273 = claim(
    id="zhao2026.prop-2.7.3",
    title="|σ_i^X − σ_i^Y| ≤ |σ_i^X(0) − σ_i^Y| e^{−t/λ_i}",
    sources=[(DOC, "Proposition 2.7.3"), (DOC, "Eq. (2.45)"), (DOC, "Eqs. (2.46)–(2.49)")],
    statement=(
        "Under the setting of Proposition 2.7.2, |σ_i^X(t) − σ_i^Y| ≤ |σ_i^X(0) − σ_i^Y| e^{−t/λ_i}. Proof: "
        "σ̇_i^X = (1/λ)(σ^Y − σ^X)(σ^{X²}+1)² ≥ (1/λ)(σ^Y − σ^X) (2.46), and comparison with ḃ = (σ − b)/λ."
    ),
    latex=r"|\sigma_i^X-\sigma_i^Y|\le|\sigma_i^X(0)-\sigma_i^Y|e^{-t/\lambda_i}",
    kind="inequality",
    depends=("zhao2026.prop-2.7.2",),
    notes=("The bound is true: d|σ^X − σ^Y|/dt = −(σ^{X²}+1)²|σ^X − σ^Y|/λ ≤ −|σ^X − σ^Y|/λ. The proof's inequality (2.46) "
           "and 'ȧ ≥ ḃ' only hold when σ^X ≤ σ^Y; for σ^X(0) > σ^Y both are reversed (the conclusion survives because the "
           "argument should compare distances, not values)."),
)


def _sigma_path(rng, u0, v0, sY, T, n_eval=60):
    model = Spectral(rng, sY=sY)
    th0 = model.init(u0, v0)
    ts = np.linspace(0, T, n_eval)
    sol = gradient_flow(model.loss, th0, T, t_eval=ts)
    sx = np.stack([model.sigmaX(sol.y[:, i]).numpy() for i in range(len(ts))])
    lam = np.asarray(u0) ** 2 + np.asarray(v0) ** 2
    return ts, sx, lam, model


@PROP_273.check("numeric")
def bound_on_real_flows(ctx):
    """Full-matrix flows with σ^X(0) below and above σ^Y: |σ^X(t) − σ^Y| ≤ |σ^X(0) − σ^Y| e^{−t/λ} at all sampled t."""
    import matplotlib.pyplot as plt

    rng = ctx.rng("p273")
    printed = sp.lambdify((sp.Symbol("sX0"), sp.Symbol("sY"), sp.Symbol("t"), sp.Symbol("lam")),
                          printed_expr(ctx.printed["bound"], sX0=sp.Symbol("sX0"), sY=sp.Symbol("sY"), t=sp.Symbol("t"), lam=sp.Symbol("lam")))
    rows, worst = [], 0.0
    fig, ax = plt.subplots(figsize=(5, 3.5))
    for trial in range(ctx.size(4, 12)):
        sY = np.array([1.5, 1.0, 0.6])
        u0 = rng.uniform(0.3, 1.5, 3)
        v0 = rng.uniform(0.4, 1.5, 3)
        ts, sx, lam, _ = _sigma_path(rng, u0, v0, sY, 3.0)
        for j in range(3):
            gap = np.abs(sx[:, j] - sY[j])
            bnd = np.array([printed(sx[0, j], sY[j], t, lam[j]) for t in ts])
            ratio = float(np.max(gap[1:] / np.maximum(bnd[1:], 1e-300)))
            worst = max(worst, ratio)
            if trial == 0:
                ax.semilogy(ts, gap, label=f"|σX−σY|, λ={lam[j]:.2f}")
                ax.semilogy(ts, bnd, ":", color=ax.lines[-1].get_color())
            rows.append([trial, j, f"{sx[0, j]:.3f}", sY[j], f"{lam[j]:.3f}", "above" if sx[0, j] > sY[j] else "below", f"{ratio:.3g}"])
            if np.any(gap > bnd * (1 + 1e-8) + 1e-12):
                return failed(f"bound violated (trial {trial}, component {j})",
                              counterexample={"u0": u0.tolist(), "v0": v0.tolist(), "sY": sY.tolist(), "ratio": ratio})
    ax.set_xlabel("t")
    ax.legend(fontsize=6)
    ctx.figure("radial-bound", fig, "Distance |σ^X − σ^Y| on real flows (solid) and the bound of Eq. (2.45) (dotted).")
    n_above = sum(1 for r in rows if r[5] == "above")
    return passed(f"bound holds on {len(rows)} components ({n_above} starting above σ^Y); max gap/bound = {worst:.3g}",
                  cases=len(rows), tables=[{"title": "Eq. 2.45 on flows", "columns": ["trial", "i", "σX(0)", "σY", "λ", "start", "max gap/bound"], "rows": rows[:12]}])


@PROP_273.check("symbolic", role="proof-step", name="inequality_2_46")
def inequality_246(ctx):
    """Proof step (2.46): (σY − σX)(σX² + 1)²/λ ≥ (σY − σX)/λ for all σX (and hence 'ȧ ≥ ḃ')."""
    sY, sX, lam = sp.Rational(1), sp.Rational(3, 2), sp.Rational(1)
    lhs = (sY - sX) * (sX**2 + 1) ** 2 / lam
    rhs = (sY - sX) / lam
    if lhs < rhs:
        return failed("(2.46) fails when σX > σY", counterexample={"sigma_X": "3/2", "sigma_Y": "1", "lambda": "1",
                                                                  "lhs": str(lhs), "rhs": str(rhs)})
    return passed("(2.46) holds")


@PROP_273.check("symbolic", role="proof-step", name="distance_decay_argument")
def distance_decay(ctx):
    """The argument that does work: d/dt (σX − σY)² = −2(σX²+1)²(σX − σY)²/λ ≤ −2(σX − σY)²/λ (sympy)."""
    sY, sX, lam = sp.symbols("sY sX lam", positive=True)
    rate = (sY - sX) * (sX**2 + 1) ** 2 / lam
    d = sp.factor(sp.diff((sX - sY) ** 2, sX) * rate)
    slack = sp.factor(d + 2 * (sX - sY) ** 2 / lam)
    if sp.simplify(slack + 2 * (sX - sY) ** 2 * ((sX**2 + 1) ** 2 - 1) / lam) != 0:
        return failed("unexpected derivative", counterexample={"d": str(d)})
    return passed(f"d/dt (σX−σY)² = {d}; minus the comparison rate: {slack} ≤ 0 for every σX")


LAMBDA_SPEED = claim(
    id="zhao2026.radial-lambda-speed",
    title="Smaller λ_i (smaller Q = Tr[UᵀU + VᵀV]) gives faster convergence",
    sources=[(DOC, "Section 2.7.2 (after Proposition 2.7.3)"), (DOC, "Section 2.7.3 / Figure 2.5")],
    statement=(
        "Since λ_i is conserved, the convergence rate can be optimised by its value at initialisation: smaller λ_i lead to "
        "faster convergence (Figure 2.5: convergence is faster when Q = Tr[UᵀU + VᵀV] is small)."
    ),
    kind="inequality",
    depends=("zhao2026.prop-2.7.3",),
    hypotheses=("same initial σ^X (the rate depends on λ only through 1/λ)",),
    notes="Exactly: for fixed σ^X(0), σ^X(t; cλ) = σ^X(t/c; λ), so the time to reach any accuracy is proportional to λ.",
)


@LAMBDA_SPEED.check("numeric")
def time_scales_with_lambda(ctx):
    """Flows with the same σX(0) = u0/v0 and λ scaled by c ∈ {0.5, 1, 2, 4}: time to |σX − σY| ≤ 1e-3 is monotone in λ
    and proportional to it; trajectories coincide after rescaling time."""
    rng = ctx.rng("speed")
    sY = np.array([1.5, 1.0, 0.6])
    base_u, base_v = np.array([0.3, 0.4, 0.9]), np.array([1.0, 0.8, 0.6])
    rows, times = [], []
    ref = None
    for c in (0.5, 1.0, 2.0, 4.0):
        u0, v0 = base_u * np.sqrt(c), base_v * np.sqrt(c)  # same ratio σX(0) = u/v, λ scaled by c
        T = 6.0 * c
        ts, sx, lam, _ = _sigma_path(rng, u0, v0, sY, T, n_eval=600)
        gap = np.abs(sx - sY).max(axis=1)
        hit = ts[np.argmax(gap <= 1e-3)] if np.any(gap <= 1e-3) else np.inf
        times.append(hit)
        if ref is None:
            ref = (ts / c, sx)
        else:
            interp = np.stack([np.interp(ref[0], ts / c, sx[:, j]) for j in range(3)], axis=1)
            dev = float(np.max(np.abs(interp - ref[1])))
            rows.append([c, f"{lam.sum():.3f}", f"{hit:.4f}", f"{hit / c:.4f}", f"{dev:.1e}"])
            continue
        rows.append([c, f"{lam.sum():.3f}", f"{hit:.4f}", f"{hit / c:.4f}", "—"])
    tbl = {"title": "time to 1e-3 vs λ scale c", "columns": ["c", "Σλ_i", "time", "time / c", "max |σX(ct) − σX_ref(t)|"], "rows": rows}
    if not all(np.isfinite(times)) or any(t2 <= t1 for t1, t2 in zip(times, times[1:])):
        return failed("convergence time is not increasing in λ", counterexample={"times": times}, tables=[tbl])
    return passed("time to converge grows with λ, proportionally (time/c constant up to the sampling grid)", tables=[tbl], cases=4)
