"""Infinitesimal symmetries and the nonlinear, data-dependent action (Sections 2.3.2–2.4; Appendix A.3).

* Equation 2.5 (infinitesimal action), Proposition 2.3.9 (∇L ⊥ M·θ), Proposition 2.3.3 / A.2.8
  (gradients at θ and g·θ; critical points map to critical points) — torch autograd, float64.
* The matrices R_z: Definition A.3.1, Lemma A.3.2, Proposition A.3.3 (exactly, on rational points of the
  circle), and the main-text formula of Section 2.4 / Example 1.3.5 (first column, inverse).
* Theorem 2.4.1 = Example 1.3.5 = Theorem A.3.4: the data-dependent GL_h action and its invariance; the
  multi-layer version (Proposition A.3.5); general equivariance (Equation 2.9); Lipschitz bounds
  (Proposition 2.4.2); full-rank preservation examples (Example A.3.7).
* The equivariance groups of ReLU and sigmoid (opening of Section 2.4), as Lie algebras of solutions
  of the infinitesimal equivariance equation (A.11).
"""

from __future__ import annotations

import math

import numpy as np
import sympy as sp
import torch
import torch.nn.functional as F
from torch import nn

from verify import claim, failed, passed
from verify.group_actions import (
    DT,
    GroupAction,
    R_appendix,
    R_beta,
    R_main_text,
    numeric_rank,
    rand_gl,
    rand_orthogonal,
    rand_perm,
    rand_positive_diag,
    randn,
)
from verify.numeric import EPS, rounding_tolerance
from verify.symbolic import parse_printed

from . import DOC
from .catalogue import _run_audits

# =============================================================================================
# Equation 2.5 — infinitesimal action
INF = claim(
    id="zhao2026.eq-2.5-infinitesimal-action",
    title="Infinitesimal action of the Lie algebra: M·U = −U dπ(M), M·V = MV",
    sources=[(DOC, "Equation 2.5"), (DOC, "Section 2.3.4"), (DOC, "Example A.2.2"), (DOC, "Equation A.10"),
             (DOC, "Example A.2.5 (dπ(M) = αM)")],
    statement=(
        "For g·(U,V) = (Uπ(g⁻¹), gV), d/dt|₀ exp(tM)·(U,V) = (−U dπ(M), MV); for π(g) = g^α on positive diagonals "
        "dπ(M) = αM; in the multi-layer case M·W_i = M_iW_i − W_i dπ_{i−1}(M_{i−1}), M·b_i = M_i b_i."
    ),
    kind="identity",
    printed=("U_sign", "dpi_homogeneous"),
)


@INF.check("numeric")
def infinitesimal_vs_autograd(ctx):
    """Forward-mode derivative (torch.func.jvp) of t ↦ exp(tM)·θ at 0 against the printed formula."""
    from torch.func import jvp

    sign = ctx.printed["U_sign"]
    dpi = sp.lambdify(sp.Symbol("alpha"), parse_printed(ctx.printed["dpi_homogeneous"]))
    gen = ctx.torch_generator("inf")
    worst, n = 0.0, 0
    for (m, h, n_in) in [(2, 3, 4), (4, 2, 1), (1, 5, 2)]:
        for group in ("GL", "T+", "O"):
            for _ in range(ctx.size(5, 30)):
                U, V = randn(gen, m, h), randn(gen, h, n_in)
                A = randn(gen, h, h)
                M = {"GL": A, "T+": torch.diag(torch.diagonal(A)), "O": A - A.T}[group]
                alpha = 1.7 if group == "T+" else 1.0

                def path(t):
                    g = torch.linalg.matrix_exp(t * M)
                    pig_inv = torch.linalg.matrix_exp(-alpha * t * M) if group == "T+" else torch.linalg.inv(g)
                    return U @ pig_inv, g @ V

                _, (dU, dV) = jvp(path, (torch.zeros((), dtype=DT),), (torch.ones((), dtype=DT),))
                dpiM = float(dpi(alpha)) * M if group == "T+" else M
                err = max(float((dU - sign * U @ dpiM).abs().max()), float((dV - M @ V).abs().max()))
                scale = float(M.abs().max()) * max(float(U.abs().max()), float(V.abs().max()))
                worst = max(worst, err / rounding_tolerance(scale, 4 * h, cond=10.0).value)
                n += 1
                if err > rounding_tolerance(scale, 4 * h, cond=10.0).value:
                    return failed(f"{group} (m,h,n)={(m, h, n_in)}: derivative differs from the printed formula by {err:.2e}",
                                  counterexample={"group": group, "m": m, "h": h, "n": n_in, "err": err})
    # multi-layer (A.10), three hidden layers with biases, GL at each
    widths = [3, 4, 2, 3, 2]
    W = [randn(gen, widths[i + 1], widths[i]) for i in range(4)]
    b = [randn(gen, widths[i + 1]) for i in range(4)]
    Ms = [None] + [randn(gen, w, w) for w in widths[1:-1]] + [None]

    def ml(t):
        gs = [torch.eye(widths[0], dtype=DT)] + [torch.linalg.matrix_exp(t * M) for M in Ms[1:-1]] + [torch.eye(widths[-1], dtype=DT)]
        return tuple(gs[i + 1] @ W[i] @ torch.linalg.inv(gs[i]) for i in range(4)) + tuple(gs[i + 1] @ b[i] for i in range(4))

    _, d = jvp(ml, (torch.zeros((), dtype=DT),), (torch.ones((), dtype=DT),))
    Z = lambda M, k: torch.zeros(k, k, dtype=DT) if M is None else M  # noqa: E731
    for i in range(4):
        exp_W = Z(Ms[i + 1], widths[i + 1]) @ W[i] + sign * W[i] @ Z(Ms[i], widths[i])
        exp_b = Z(Ms[i + 1], widths[i + 1]) @ b[i]
        err = max(float((d[i] - exp_W).abs().max()), float((d[4 + i] - exp_b).abs().max()))
        if err > 1e-10:
            return failed(f"multi-layer layer {i + 1}: derivative differs from (A.10) by {err:.2e}", counterexample={"layer": i + 1, "err": err})
    return passed(f"jvp of the group action = printed infinitesimal action on {n} draws (GL, T₊ with α = 1.7, O) "
                  f"and a 4-layer net with biases (A.10); worst error/tolerance {worst:.2f}", cases=n + 1,
                  tolerance="64·eps·4h·10·|M|·|θ|")


@INF.check("symbolic")
def infinitesimal_symbolic(ctx):
    """sympy: d/dt U·diag(e^{−α t m_i}) at 0 = −α U diag(m) for symbolic entries."""
    t, a = sp.symbols("t alpha")
    ms = sp.symbols("m0:2")
    U = sp.Matrix(2, 2, sp.symbols("u0:4"))
    path = U * sp.diag(*[sp.exp(-a * t * mi) for mi in ms])
    d = sp.diff(path, t).subs(t, 0)
    dpi = parse_printed(ctx.printed["dpi_homogeneous"]).subs("alpha", a)
    ok = all(sp.simplify(x) == 0 for x in (d - ctx.printed["U_sign"] * U * (dpi * sp.diag(*ms))))
    return passed("sympy: derivative of U·π(exp(tM))⁻¹ = −U·αM (diagonal M)") if ok else failed(
        "sympy derivative differs", counterexample={"d": str(d)})


# =============================================================================================
# Proposition 2.3.9 — orthogonality
ORTH = claim(
    id="zhao2026.prop-2.3.9-orthogonality",
    title="⟨∇L, M·θ⟩ = 0 for every M in the Lie algebra of a symmetry group",
    sources=[(DOC, "Proposition 2.3.9"), (DOC, "Equation 2.6"), (DOC, "Proposition A.2.3 (part 2)")],
    statement="If a matrix Lie group G is a symmetry of L, the gradient is pointwise orthogonal to the infinitesimal action: ⟨∇_θL, M·θ⟩ = 0.",
    kind="identity",
    notes="Proposition A.2.3 part 2 omits the '= 0'. Controls: M outside the Lie algebra (non-diagonal for LeakyReLU, "
    "symmetric for radial, any M for sigmoid) give inner products far above tolerance.",
)


def _mse_loss(sigma, X, Y):
    return lambda U, V: 0.5 * ((U @ sigma(V @ X) - Y) ** 2).sum() / X.shape[1]


@ORTH.check("numeric")
def orthogonality(ctx):
    """Autograd gradients of MSE losses with real data: identity/GL, LeakyReLU/T₊, radial/O, sigmoid/(none)."""
    gen = ctx.torch_generator("orth")
    radial = lambda Z: torch.sigmoid(Z.norm(dim=0, keepdim=True)) * Z  # noqa: E731  (columns are samples)
    specs = [("identity/GL", lambda Z: Z, lambda A: A, lambda A: None),
             ("leakyrelu/T+", nn.LeakyReLU(0.1), lambda A: torch.diag(torch.diagonal(A)), lambda A: A - torch.diag(torch.diagonal(A))),
             ("radial/O", radial, lambda A: A - A.T, lambda A: A + A.T),
             ("tanh/(trivial)", torch.tanh, lambda A: torch.zeros_like(A), lambda A: A)]
    rows, worst, n = [], 0.0, 0
    for name, sigma, in_alg, outside in specs:
        ctl_min = math.inf
        for (m, h, n_in, k) in [(2, 3, 4, 6), (3, 5, 2, 9)]:
            for _ in range(ctx.size(10, 60)):
                X, Y = randn(gen, n_in, k), randn(gen, m, k)
                U = randn(gen, m, h).requires_grad_(True)
                V = randn(gen, h, n_in).requires_grad_(True)
                L = _mse_loss(sigma, X, Y)(U, V)
                gU, gV = torch.autograd.grad(L, (U, V))
                A = randn(gen, h, h)
                M = in_alg(A)
                U, V = U.detach(), V.detach()
                ip = float((gU * (-U @ M)).sum() + (gV * (M @ V)).sum())
                scale = float(gU.abs().sum() * (U @ M).abs().max() + gV.abs().sum() * (M @ V).abs().max())
                tol = rounding_tolerance(scale, 4 * (h + k), cond=1.0).value
                worst = max(worst, abs(ip) / max(tol, 1e-300))
                n += 1
                if abs(ip) > tol:
                    return failed(f"{name}: ⟨∇L, M·θ⟩ = {ip:.3e} > tol {tol:.2e}", counterexample={"case": name, "ip": ip})
                Mo = outside(A)
                if Mo is not None:
                    ipo = abs(float((gU * (-U @ Mo)).sum() + (gV * (Mo @ V)).sum()))
                    ctl_min = min(ctl_min, ipo / max(tol, 1e-300))
        rows.append([name, f"{ctl_min:.1e}" if math.isfinite(ctl_min) else "-"])
        if math.isfinite(ctl_min) and ctl_min < 1e3:
            raise RuntimeError(f"{name}: control M outside the Lie algebra not discriminating ({ctl_min:.1f}×tol)")
    return passed(f"|⟨∇L, M·θ⟩| ≤ 64·eps·n·scale on {n} random (θ, data, M ∈ 𝔤); worst ratio {worst:.2f}; "
                  "controls with M ∉ 𝔤 exceed 1e3·tol (minimum ratio per case in the table)", cases=n,
                  tables=[{"title": "control: min |⟨∇L, M·θ⟩|/tol for M outside the Lie algebra", "columns": ["case", "ratio"], "rows": rows}])


# =============================================================================================
# Proposition 2.3.3 / A.2.8 — gradients and critical points
CRIT = claim(
    id="zhao2026.prop-2.3.3-critical-points",
    title="Symmetries map critical points (local minima) to critical points (local minima); T_gᵀ∇L(g·θ) = ∇L(θ)",
    sources=[(DOC, "Proposition 2.3.3"), (DOC, "Proposition A.2.8"), (DOC, "Equation A.12")],
    statement=(
        "If G acts as a symmetry of L and θ* is a critical point (resp. local minimum), so is g·θ*. For a linear action, "
        "gᵀ·∇_{g·θ}L = ∇_θL (Eq. A.12)."
    ),
    kind="identity",
    notes="In (A.12), gᵀ acts through the action; for the hidden-layer actions T_{gᵀ} equals the matrix transpose of the "
    "d×d matrix T_g (both readings checked). The local-minimum part is checked at exact global minima of an "
    "overparameterised linear network and at Newton-refined minima of a LeakyReLU network (Hessian spectrum).",
)


@CRIT.check("numeric")
def gradient_relation(ctx):
    """Eq. A.12 at random points (GL/linear, T₊/LeakyReLU, O/radial), T_g from the autograd Jacobian of the action."""
    gen = ctx.torch_generator("crit")
    radial = lambda Z: torch.sigmoid(Z.norm(dim=0, keepdim=True)) * Z  # noqa: E731
    specs = [("linear/GL", lambda Z: Z, lambda gen, h: rand_gl(gen, h, 0.5)),
             ("leakyrelu/T+", nn.LeakyReLU(0.2), lambda gen, h: rand_positive_diag(gen, h)),
             ("radial/O", radial, lambda gen, h: rand_orthogonal(gen, h))]
    n, worst = 0, 0.0
    for name, sigma, sample in specs:
        m, h, n_in, k = 2, 3, 2, 5
        for _ in range(ctx.size(8, 40)):
            X, Y = randn(gen, n_in, k), randn(gen, m, k)
            loss = lambda th: _mse_loss(sigma, X, Y)(th[: m * h].reshape(m, h), th[m * h:].reshape(h, n_in))  # noqa: E731
            g = sample(gen, h)
            Tg = lambda th, g=g: torch.cat([(th[: m * h].reshape(m, h) @ torch.linalg.inv(g)).reshape(-1),  # noqa: E731
                                            (g @ th[m * h:].reshape(h, n_in)).reshape(-1)])
            th = randn(gen, m * h + h * n_in)
            Tmat = torch.autograd.functional.jacobian(Tg, th)
            grad = lambda t: torch.autograd.grad(loss(t.requires_grad_(True)), t)[0]  # noqa: E731
            lhs = Tmat.T @ grad(Tg(th).detach().clone())
            lhs2 = Tg(torch.zeros_like(th), g=g.T) if False else None  # noqa: F841 (reading via T_{gᵀ} below)
            TgT = torch.autograd.functional.jacobian(lambda t: Tg(t, g=g.T), th)
            rhs = grad(th.clone())
            tol = rounding_tolerance(float(rhs.abs().max()) + float(lhs.abs().max()), 8 * (h + k), cond=float(torch.linalg.cond(g)) ** 2).value
            err = max(float((lhs - rhs).abs().max()), float((TgT - Tmat.T).abs().max()))
            worst = max(worst, err / tol)
            n += 1
            if err > tol:
                return failed(f"{name}: T_gᵀ∇L(g·θ) − ∇L(θ) = {err:.2e} > {tol:.2e}", counterexample={"case": name, "err": err})
    return passed(f"T_gᵀ∇L(g·θ) = ∇L(θ) and T_gᵀ = T_{{gᵀ}} on {n} random points; worst error/tol {worst:.2f}", cases=n)


@CRIT.check("numeric", name="minima_map_to_minima")
def minima(ctx):
    """LeakyReLU network: Newton-refined critical point θ*; g·θ* has |∇L| ≈ 0, same loss, Hessian ≥ −tol (same inertia)."""
    from verify.numeric import flat_grad, hessian, newton_refine

    gen = ctx.torch_generator("min")
    m, h, n_in, k = 1, 2, 2, 6
    X, Y = randn(gen, n_in, k), randn(gen, m, k)
    sigma = nn.LeakyReLU(0.3)
    loss = lambda th: _mse_loss(sigma, X, Y)(th[: m * h].reshape(m, h), th[m * h:].reshape(h, n_in))  # noqa: E731
    th = randn(gen, m * h + h * n_in)
    opt = torch.optim.LBFGS([th.requires_grad_(True)], max_iter=500, tolerance_grad=1e-14, tolerance_change=1e-16,
                            line_search_fn="strong_wolfe")

    def closure():
        opt.zero_grad()
        v = loss(th)
        v.backward()
        return v

    opt.step(closure)
    th_star, gnorm = newton_refine(loss, th.detach(), steps=30, gtol=1e-12)
    H0 = torch.linalg.eigvalsh(hessian(loss, th_star))
    rows = []
    for _ in range(ctx.size(5, 20)):
        g = rand_positive_diag(gen, h, 1.0)
        U, V = th_star[: m * h].reshape(m, h), th_star[m * h:].reshape(h, n_in)
        th_g = torch.cat([(U @ torch.linalg.inv(g)).reshape(-1), (g @ V).reshape(-1)])
        gg = float(flat_grad(loss, th_g).norm())
        Hg = torch.linalg.eigvalsh(hessian(loss, th_g))
        dl = abs(float(loss(th_g) - loss(th_star)))
        rows.append([f"{float(g[0, 0]):.2f},{float(g[1, 1]):.2f}", f"{gg:.1e}", f"{dl:.1e}", f"{float(Hg.min()):.1e}"])
        tol_h = 1e-8 * float(Hg.abs().max())
        if gg > 1e-9 or dl > 1e-12 or (float(H0.min()) > -1e-10 and float(Hg.min()) < -tol_h):
            return failed("g·θ* is not a critical point / minimum", counterexample={"grad_norm": gg, "loss_change": dl,
                                                                                  "min_hess_eig": float(Hg.min())})
    return passed(f"critical point θ* (|∇L| = {gnorm:.1e}, λ_min(H) = {float(H0.min()):.1e}); its T₊-images are critical with "
                  "the same loss and a PSD Hessian (up to 1e-8·λ_max)", cases=len(rows),
                  tables=[{"title": "images g·θ*", "columns": ["g", "|∇L(g·θ*)|", "|ΔL|", "λ_min(H)"], "rows": rows}])


# =============================================================================================
# R(β), R_z — Definition A.3.1, Lemma A.3.2, Proposition A.3.3
def _circle_point(t: sp.Rational):
    return (1 - t ** 2) / (1 + t ** 2), 2 * t / (1 + t ** 2)  # (cos, sin), exactly on the unit circle


def _R_sym(cs):
    """Definition A.3.1 with exact (cos β_k, sin β_k) pairs; β_0 = β_{n+1} = 0."""
    n = len(cs)
    c = [sp.Integer(1)] + [x for x, _ in cs] + [sp.Integer(1)]
    s = [sp.Integer(0)] + [y for _, y in cs] + [sp.Integer(0)]
    R = sp.zeros(n + 1, n + 1)
    for i in range(1, n + 2):
        for j in range(1, n + 2):
            if j <= i:
                R[i - 1, j - 1] = c[j - 1] * sp.prod(s[j:i]) * c[i]
            elif j == i + 1:
                R[i - 1, j - 1] = -s[i]
    return R


RMAT = claim(
    id="zhao2026.R-matrix",
    title="R(β) is a rotation; R_z = |z|R(α(z)) has first column z, norm |z|, inverse R_zᵀ/|z|²",
    sources=[(DOC, "Definition A.3.1"), (DOC, "Lemma A.3.2"), (DOC, "Proposition A.3.3"),
             (DOC, "Section 2.4 ('R_z is the product of a rotation matrix and rescaling by |z|')")],
    statement=(
        "Lemma A.3.2: Σ_i cos²β_i Π_{k<i} sin²β_k + Π_k sin²β_k = 1 and R(β) is orthogonal. Prop. A.3.3: R_z = |z|R(α) "
        "(α the spherical angles of z) satisfies R_z e₁ = z, ‖R_z‖ = |z|, R_z orthogonal if |z| = 1; R_z⁻¹ = R_zᵀ/|z|². "
        "The n = 1, 2 examples are as printed. R(β) is a rotation (det +1)."
    ),
    kind="identity",
    printed=("example_n1", "example_n2"),
    scope=(
        "Everything holds for h ≥ 2. For h = 1 the construction R_z = |z|·R() = |z| gives R_z e₁ = |z| ≠ z for z < 0 "
        "(a negative number has no spherical coordinates with the convention α_h = 0); R_z := z would do."
    ),
)


@RMAT.check("exact", name="orthogonal_exactly")
def rmat_exact(ctx):
    """RᵀR = I and det R = 1 exactly, at rational points of the circle (cos, sin) = ((1−t²)/(1+t²), 2t/(1+t²)), n ≤ 5."""
    rng = ctx.rng("rmat")
    cnt = 0
    for n in range(1, ctx.size(5, 7) + 1):
        for _ in range(ctx.size(3, 10)):
            cs = [_circle_point(sp.Rational(int(a), int(b))) for a, b in zip(rng.integers(-9, 10, n), rng.integers(1, 8, n))]
            R = _R_sym(cs)
            if R.T * R != sp.eye(n + 1) or R.det() != 1:
                return failed(f"R(β) not a rotation for n = {n}", counterexample={"cs": str(cs), "RtR": str(R.T * R)})
            cnt += 1
    return passed(f"RᵀR = I and det R = +1 exactly on {cnt} rational angle tuples (n = 1..{ctx.size(5, 7)})", cases=cnt)


@RMAT.check("symbolic", name="lemma_identity_and_examples")
def rmat_symbolic(ctx):
    """Lemma A.3.2(1) as a polynomial identity in s_k = sin²β_k (cos² = 1 − s); printed n = 1, 2 matrices."""
    for n in range(1, 9):
        s = sp.symbols(f"s1:{n + 1}")
        expr = sum((1 - s[i]) * sp.prod(s[:i]) for i in range(n)) + sp.prod(s)
        if sp.expand(expr) != 1:
            return failed(f"identity fails for n = {n}", counterexample={"n": n, "expr": str(sp.expand(expr))})
    b1, b2 = sp.symbols("b1 b2")
    for key, betas in (("example_n1", [b1]), ("example_n2", [b1, b2])):
        printed = parse_printed(ctx.printed[key], {"Matrix": sp.Matrix})
        R = _R_sym([(sp.cos(b), sp.sin(b)) for b in betas])
        if sp.simplify(R - printed) != sp.zeros(*R.shape):
            return failed(f"Definition A.3.1 does not give the printed {key}", counterexample={"definition": str(R), "printed": str(printed)})
    return passed("Lemma A.3.2(1) holds identically for n ≤ 8; Definition A.3.1 reproduces the printed n = 1, 2 matrices")


def _rz_properties(ctx, hs):
    gen = ctx.torch_generator("rz")
    worst, n = 0.0, 0
    for h in hs:
        for t in range(ctx.size(10, 60)):
            z = randn(gen, h) * (10.0 ** float(torch.randint(-2, 3, (1,), generator=gen)))
            if t % 3 == 0 and h > 1:
                z[torch.randint(0, h, (1,), generator=gen)] = 0.0  # zero coordinates, including the last one
            if float(z.norm()) == 0:
                continue
            R = R_appendix(z)
            r = float(z.norm())
            errs = [float((R[:, 0] - z).abs().max()) / r, abs(float(torch.linalg.matrix_norm(R, 2)) - r) / r,
                    abs(float(torch.linalg.matrix_norm(torch.linalg.inv(R), 2)) * r - 1),
                    float((torch.linalg.inv(R) - R.T / r ** 2).abs().max()) * r]
            e = max(errs)
            worst = max(worst, e)
            n += 1
            if e > 1e3 * h * EPS:
                return failed(f"h = {h}: R_z property fails at z = {z.tolist()} (rel. errors [e₁-column, ‖R‖, ‖R⁻¹‖, inverse] = "
                              f"{[f'{x:.1e}' for x in errs]}); R_z = {R.tolist()}", counterexample={"h": h, "z": z.tolist(), "errs": errs})
    return passed(f"all four properties hold to relative error ≤ {worst:.1e} (tol 1e3·h·eps) on {n} vectors z, h = {hs[0]}..{hs[-1]}", cases=n)


@RMAT.check("numeric", name="R_z_properties")
def rmat_numeric(ctx):
    """R_z = |z|R(α(z)) for random z (incl. zero coordinates), h = 1..6: R_z e₁ = z, ‖R_z‖₂ = |z|, ‖R_z⁻¹‖₂ = 1/|z|, R_z⁻¹ = R_zᵀ/|z|²."""
    return _rz_properties(ctx, list(range(1, 7)))


@RMAT.check("numeric", role="scope", name="R_z_properties_h_ge_2")
def rmat_numeric_scope(ctx):
    """The same four properties for h = 2..7 (every sign and zero pattern of z)."""
    return _rz_properties(ctx, list(range(2, 8)))


# ---------------------------------------------------------------------------------------------
RZ1 = claim(
    id="zhao2026.sec-2.4-Rz-first-column",
    title="'Since z ≠ 0, the first column of R_z is the unit vector z/|z|'",
    sources=[(DOC, "Section 2.4 (paragraph after the definition of R_z)")],
    statement="For the matrix R_z defined in Section 2.4, the first column is the unit vector z/|z|.",
    kind="identity",
    printed=("first_column_normalised",),
    corrected_statement="The first column of R_z is z itself (R_z e₁ = z, as Proposition A.3.3(1) says and as the proof of "
    "Theorem 2.4.1 needs); it is the rotation R(α) = R_z/|z| whose first column is z/|z|.",
)


@RZ1.check("numeric", name="first_column")
def rz1(ctx):
    """First column of the main-text R_z against z/|z| (printed) — random z with |z| ≠ 1."""
    gen = ctx.torch_generator("rz1")
    for h in range(2, 6):
        z = randn(gen, h) * 3
        col = R_main_text(z)[:, 0]
        target = z / z.norm() if ctx.printed["first_column_normalised"] else z
        if float((col - target).abs().max()) > 1e-12 * float(z.norm()):
            return failed(f"h={h}: first column {col.tolist()} ≠ printed z/|z| = {target.tolist()} (|z| = {float(z.norm()):.3f})",
                          counterexample={"z": z.tolist(), "first_column": col.tolist()})
    return passed("first column matches")


@RZ1.check("numeric", role="correction", name="first_column_is_z")
def rz1_corrected(ctx):
    """The first column of the main-text R_z is z itself — unnormalised, contrary to the printed 'unit vector' (h = 2..6)."""
    gen = ctx.torch_generator("rz1c")
    for h in range(2, 7):
        for _ in range(20):
            z = randn(gen, h) * 3
            target = z if ctx.printed["first_column_normalised"] else z / z.norm()
            if float((R_main_text(z)[:, 0] - target).abs().max()) > 1e-12 * float(z.norm()):
                return failed("first column ≠ z", counterexample={"z": z.tolist()})
    return passed("R_z e₁ = z for 100 random z, h = 2..6")


RZI = claim(
    id="zhao2026.sec-2.4-Rz-inverse",
    title="The main-text R_z is invertible with R_z⁻¹ = R_zᵀ/|z|² for every nonzero z",
    sources=[(DOC, "Section 2.4 (definition of R_z)"), (DOC, "Example 1.3.5 (definition of R_z)")],
    statement="For any nonzero z ∈ R^h, the piecewise matrix R_z of Section 2.4 / Example 1.3.5 has inverse R_zᵀ/|z|².",
    kind="identity",
    scope=(
        "Exactly when z_h ≠ 0. If z_h = 0 then sin α_{h−1} = 0, the condition Π_{k<h} sin α_k ≠ 0 fails for row h, and "
        "row h of R_z is zero: R_z is singular. For z_h ≠ 0 the formula equals |z|R(α) of Proposition A.3.3. Theorem 2.4.1 "
        "(σ > 0, e.g. sigmoid) never meets z_h = 0, but its generalisation to tanh/leaky ReLU (Theorem A.3.4(1)) does "
        "(for every (V, x) some g ∈ GL_h makes (gVx)_h = 0), so it needs Appendix A.3's R_z = |z|R(α)."
    ),
)


@RZI.check("numeric", name="inverse_for_all_nonzero_z")
def rzi(ctx):
    """Random z and z with zero coordinates (the last one included)."""
    gen = ctx.torch_generator("rzi")
    for h in range(2, 6):
        for t in range(20):
            z = randn(gen, h)
            if t % 4 == 3:
                z[-1] = 0.0
            R = R_main_text(z)
            err = float((R @ (R.T / z.dot(z)) - torch.eye(h, dtype=DT)).abs().max())
            if err > 1e-10:
                return failed(f"h={h}, z={[round(v, 4) for v in z.tolist()]}: R_z R_zᵀ/|z|² ≠ I (error {err:.2f}); "
                              f"det R_z = {float(torch.linalg.det(R)):.2e}",
                              counterexample={"z": z.tolist(), "R_z": R.tolist()})
    return passed("inverse formula holds")


@RZI.check("exact", role="scope", name="holds_iff_last_coordinate_nonzero")
def rzi_scope(ctx):
    """R_z R_zᵀ = |z|²I ⟺ z_h ≠ 0, on random z with random zero patterns; and = |z|R(α) there. Exact minimal case z = (1, 0)."""
    gen = ctx.torch_generator("rzis")
    n = 0
    for h in range(2, 7):
        for _ in range(ctx.size(40, 200)):
            z = randn(gen, h)
            mask = torch.rand(h, generator=gen) < 0.3
            z[mask] = 0.0
            if float(z.norm()) == 0:
                continue
            R = R_main_text(z)
            ok = float((R @ R.T / z.dot(z) - torch.eye(h, dtype=DT)).abs().max()) < 1e-10
            if ok != (float(z[-1]) != 0.0):
                return failed("inverse formula validity not described by z_h ≠ 0", counterexample={"z": z.tolist()})
            if ok and float((R - R_appendix(z)).abs().max()) > 1e-10 * float(z.norm()):
                return failed("main-text R_z ≠ |z|R(α) although z_h ≠ 0", counterexample={"z": z.tolist()})
            n += 1
    # exact minimal counterexample: z = (1, 0): α₁ = 0, row 2 vanishes
    a1 = sp.atan2(0, 1)
    R = sp.Matrix([[1 * sp.cos(0), -1 * sp.sin(a1)], [0, 0]])  # row 2: condition sin α₁ ≠ 0 fails
    if R.det() != 0:
        return failed("exact check inconsistent", counterexample={"R": str(R)})
    return passed(f"R_zR_zᵀ = |z|²I exactly when z_h ≠ 0 ({n} vectors with random zero patterns), and then R_z = |z|R(α); "
                  "exact minimal counterexample z = (1, 0): R_z = [[1, 0], [0, 0]], det 0", cases=n)


# =============================================================================================
# Theorem 2.4.1 / Example 1.3.5 / Theorem A.3.4 — the nonlinear data-dependent action
def _nl_action(sigma, Rf):
    """g·(U, V, x) = (U R_{σ(Vx)} R_{σ(gVx)}⁻¹, gV, x) on parameter dicts {U, V, x}."""

    def act(g, p):
        a, b = sigma(p["V"] @ p["x"]), sigma(g @ p["V"] @ p["x"])
        Rb = Rf(b)
        return {"U": p["U"] @ Rf(a) @ (Rb.T / b.dot(b)), "V": g @ p["V"], "x": p["x"]}

    return act


def _nl_cases(ctx, acts, Rf, tag, sizes=((2, 3, 4), (3, 5, 2), (1, 2, 1), (2, 1, 2))):
    cases = []
    for name, sigma in acts:
        for (m, h, n) in sizes:
            gen = ctx.torch_generator(f"nl{tag}{name}{m}{h}{n}")
            act = _nl_action(sigma, Rf)
            f = lambda p, sigma=sigma: p["U"] @ sigma(p["V"] @ p["x"])  # noqa: E731

            def sample(gen, m=m, h=h, n=n):
                return {"U": randn(gen, m, h), "V": randn(gen, h, n), "x": randn(gen, n)}

            def control(gen, p, sigma=sigma, Rf=Rf, h=h):  # step 2 without the 1/|z|² factor: R_zᵀ is not R_z⁻¹
                g = rand_gl(gen, h, 0.8)
                a, b = sigma(p["V"] @ p["x"]), sigma(g @ p["V"] @ p["x"])
                return {"U": p["U"] @ Rf(a) @ Rf(b).T, "V": g @ p["V"], "x": p["x"]}

            def sample_g(gen, h=h):
                return rand_gl(gen, h, 0.8)

            cases.append((f"{name} (m,h,n)={(m, h, n)}", dict(
                action=GroupAction.matrix("GL_h (data-dependent)", sample_g, h, act), f=f, sample=sample,
                n_terms=4 * h * h + n, control=control)))
    return cases


NL = claim(
    id="zhao2026.thm-2.4.1-nonlinear-action",
    title="Data-dependent GL_h action (UR_{σ(Vx)}R_{σ(gVx)}⁻¹, gV, x) preserves U σ(Vx) when σ never vanishes",
    sources=[(DOC, "Theorem 2.4.1"), (DOC, "Example 1.3.5"), (DOC, "Theorem A.3.4 (part 2)"), (DOC, "Equation 2.7"),
             (DOC, "Equation A.17"), (DOC, "Section 2.4 (algorithm, steps 0–4)"), (DOC, "Definition 1.3.3")],
    statement=(
        "If σ(z) ≠ 0 for all z ∈ R^h, then g·(U,V,x) = (UR_{σ(Vx)}R_{σ(gVx)}⁻¹, gV, x) is an action of GL_h on "
        "Param × Rⁿ (unit and multiplication axioms) and F_{g·(U,V)}(x) = F_{(U,V)}(x). σ ≠ 0 everywhere is necessary "
        "and sufficient for this particular action to be well defined; sigmoid qualifies. The transformed function differs "
        "from the original at other inputs."
    ),
    kind="identity",
    notes="Checked with the main-text R_z (valid here: σ > 0 means no zero last coordinate) and with |z|R(α) of "
    "Proposition A.3.3, for sigmoid and softplus, h = 1..5; the control replaces R_z⁻¹ by R_zᵀ (step 2 without 1/|z|²). "
    "Necessity: for "
    "ReLU, any (V, x) with Vx ≠ 0 and g = −id give σ(gVx) = 0 where R is undefined.",
)


@NL.check("numeric", name="invariance_and_axioms_main_text_R")
def nl_main(ctx):
    """Sigmoid and softplus networks, R_z as printed in Section 2.4 (using the algorithm's inverse R_zᵀ/|z|²)."""
    return _run_audits(ctx, _nl_cases(ctx, [("sigmoid", torch.sigmoid), ("softplus", F.softplus)], R_main_text, "main"),
                       "Thm 2.4.1 (main-text R_z)", trials=ctx.size(10, 200))


@NL.check("numeric", name="invariance_and_axioms_appendix_R")
def nl_app(ctx):
    """Same with R_z = |z|R(α) (Proposition A.3.3) and the extended feedforward function; also data dependence at x̃ ≠ x."""
    out = _run_audits(ctx, _nl_cases(ctx, [("sigmoid", torch.sigmoid), ("softplus", F.softplus)], R_appendix, "app"),
                      "Thm A.3.4(2) (appendix R_z)", trials=ctx.size(10, 200))
    gen = ctx.torch_generator("nl-other")
    U, V, x = randn(gen, 2, 3), randn(gen, 3, 2), randn(gen, 2)
    q = _nl_action(torch.sigmoid, R_appendix)(rand_gl(gen, 3), {"U": U, "V": V, "x": x})
    xt = randn(gen, 2)
    d_other = float((q["U"] @ torch.sigmoid(q["V"] @ xt) - U @ torch.sigmoid(V @ xt)).abs().max())
    if d_other < 1e-6:
        return failed("transformed function equals the original at another input too", counterexample={"diff": d_other})
    out.summary += f"; at another input x̃ the outputs differ by {d_other:.2f} (data-dependent, as stated)"
    return out


@NL.check("numeric", name="sigma_nonvanishing_is_necessary")
def nl_necessary(ctx):
    """ReLU: for Vx ≠ 0 take g = −id: σ(gVx) = ReLU(−Vx) vanishes when Vx ≥ 0 entrywise, so R_{σ(gVx)} is undefined."""
    V = torch.tensor([[1.0, 0.0], [0.5, 0.5]], dtype=DT)
    x = torch.tensor([1.0, 2.0], dtype=DT)
    z = torch.relu(-torch.eye(2, dtype=DT) @ V @ x)
    if float(z.norm()) != 0.0:
        return failed("expected σ(gVx) = 0", counterexample={"z": z.tolist()})
    return passed("for ReLU, V = [[1,0],[.5,.5]], x = (1,2), g = −id: σ(gVx) = 0 and R_0 (spherical coordinates of 0, "
                  "inverse R_0ᵀ/|0|²) is undefined — the hypothesis σ ≠ 0 cannot be dropped for this construction")


GEN = claim(
    id="zhao2026.thm-A.3.4-generalisation",
    title="On the locus Vx ≠ 0 the action exists for σ vanishing only at 0 (tanh, leaky ReLU, GELU)",
    sources=[(DOC, "Theorem A.3.4 (part 1)"), (DOC, "Section 2.4 (paragraph after Theorem 2.4.1)")],
    statement=(
        "If σ(z) ≠ 0 for z ≠ 0, then g·(U,V,x) = (UR_{σ(Vx)}R_{σ(gVx)}⁻¹, gV, x) is a GL_h action on the non-degenerate "
        "locus {Vx ≠ 0} (preserved by GL_h) and preserves the extended feedforward function."
    ),
    kind="identity",
    scope=(
        "Holds for h ≥ 2. For h = 1 the construction R_z = |z|R() = |z| of Proposition A.3.3 cannot represent z < 0 "
        "(the spherical coordinates of a negative real number do not exist with α_h = 0), and the map multiplies the "
        "output by sign(g): for tanh, U = V = x = 1, g = −1 it sends U·tanh(1) to −U·tanh(1). (With R_z := z for h = 1 — "
        "which is what the main-text formula gives — the action works.)"
    ),
    notes="Uses R_z = |z|R(α) of Proposition A.3.3 (the main-text formula is singular when the last coordinate of "
    "σ(gVx) vanishes, which happens for suitable g; see zhao2026.sec-2.4-Rz-inverse). Leaky ReLU needs slope s > 0 "
    "(Example 2.3.6 allows s = 0, i.e. ReLU, for which the hypothesis fails). Includes g chosen so that (gVx)_h = 0.",
)


@GEN.check("numeric", name="all_hidden_widths")
def gen_all_h(ctx):
    """tanh, LeakyReLU(0.1), GELU with appendix R_z at sizes including one hidden neuron (h = 1)."""
    acts = [("tanh", torch.tanh), ("leakyrelu0.1", nn.LeakyReLU(0.1)), ("gelu", F.gelu)]
    return _run_audits(ctx, _nl_cases(ctx, acts, R_appendix, "genall", sizes=((1, 1, 1), (2, 3, 2))), "Thm A.3.4(1), h ≥ 1", trials=ctx.size(10, 200))


@GEN.check("numeric", role="scope", name="hidden_width_at_least_2")
def gen_invariance(ctx):
    """h ≥ 2: tanh, LeakyReLU(0.1), GELU with appendix R_z; plus group elements that zero the last coordinate of gVx."""
    acts = [("tanh", torch.tanh), ("leakyrelu0.1", nn.LeakyReLU(0.1)), ("gelu", F.gelu)]
    out = _run_audits(ctx, _nl_cases(ctx, acts, R_appendix, "gen", sizes=((2, 3, 4), (3, 5, 2), (1, 2, 1))), "Thm A.3.4(1), h ≥ 2", trials=ctx.size(10, 200))
    gen = ctx.torch_generator("gen-deg")
    worst = 0.0
    for name, sigma in acts:
        for _ in range(ctx.size(10, 50)):
            U, V, x = randn(gen, 2, 3), randn(gen, 3, 2), randn(gen, 2)
            v = V @ x
            g = rand_gl(gen, 3)
            w = g @ v  # make the last coordinate of g·v zero: subtract a multiple of a row
            g[-1] = g[-1] - (w[-1] / w[0]) * g[0]
            q = _nl_action(sigma, R_appendix)(g, {"U": U, "V": V, "x": x})
            err = float((q["U"] @ sigma(q["V"] @ x) - U @ sigma(V @ x)).abs().max())
            worst = max(worst, err)
            if err > 1e-9 * (1 + float(torch.linalg.cond(g))):
                return failed(f"{name}: invariance fails when (gVx)_h = 0 (err {err:.2e})", counterexample={"err": err})
    out.summary += f"; also with (gVx)_h = 0 (where the main-text R_z is singular): max error {worst:.1e}"
    return out


# ---------------------------------------------------------------------------------------------
ML = claim(
    id="zhao2026.prop-A.3.5-multilayer",
    title="Multi-layer data-dependent action of the hidden symmetry group",
    sources=[(DOC, "Proposition A.3.5"), (DOC, "Section A.3.3")],
    statement=(
        "For σ_i⁻¹(0) ⊆ {0} (i < L), g·(θ, x) = ((g_i W_i R_{F̃_{i−1}(θ,x)} R⁻¹_{σ_i(g_{i−1}Z_{i−1}(θ,x))})_{i=1}^{L−1}, "
        "(g_i b_i)_{i=1}^{L−1}, x) is an action of GL_{n^hidden} on the non-degenerate locus preserving the extended "
        "feedforward function."
    ),
    kind="identity",
    printed=("rhs_activation_offset", "last_transformed_layer_offset"),
    corrected_statement=(
        "The action that works is W_1 ↦ g_1W_1, and W_i ↦ g_i W_i R_{σ_{i−1}(Z_{i−1})} R⁻¹_{σ_{i−1}(g_{i−1}Z_{i−1})} for "
        "i = 2..L (g_L = id), b_i ↦ g_i b_i: it satisfies the action axioms, Z_i(g·(θ,x)) = g_iZ_i(θ,x), and preserves "
        "the output. As printed, the second R uses σ_i instead of σ_{i−1} and the last layer W_L is not transformed "
        "(and at i = 1 the factor R_x R⁻¹_{σ_1(x)} ≠ id), so the printed map changes the output."
    ),
    notes="The printed formula is garbled by index slips; the proof's induction Z_i(g·θ) = g_iZ_i needs the corrected form.",
)


def _ml_setup(ctx, tag):
    widths = [3, 3, 3, 3]
    acts = [torch.tanh, torch.sigmoid, lambda z: z]  # σ_1, σ_2 hidden; σ_3 = identity output
    gen = ctx.torch_generator(f"mlA35{tag}")

    def Zs(p, x):
        Z = [x]
        for i in range(3):
            prev = x if i == 0 else acts[i - 1](Z[-1])
            Z.append(p[f"W{i + 1}"] @ prev + p[f"b{i + 1}"])
        return Z

    f = lambda p: acts[2](Zs(p, p["x"])[3])  # noqa: E731

    def sample(gen):
        p = {f"W{i + 1}": randn(gen, widths[i + 1], widths[i]) for i in range(3)}
        p.update({f"b{i + 1}": randn(gen, widths[i + 1]) for i in range(3)})
        p["x"] = randn(gen, widths[0])
        return p

    return widths, acts, Zs, f, sample, gen


def _ml_action(Zs, acts, rhs_offset, last_offset, L=3):
    """rhs_offset = 0: σ_i in the second R (printed); 1: σ_{i−1} (corrected). Layers 1..L−1+last_offset transformed."""

    def act(gs, p):
        x = p["x"]
        Z = Zs(p, x)
        full = [None] + list(gs) + [None]
        q = dict(p)
        for i in range(1, L - 1 + last_offset + 1):
            gi = full[i] if full[i] is not None else torch.eye(p[f"W{i}"].shape[0], dtype=DT)
            W = gi @ p[f"W{i}"]
            if i > 1 or rhs_offset == 0:
                prev_act = (lambda z: z) if i == 1 else acts[i - 2]
                sig = acts[i - 1 - rhs_offset] if (i - 1 - rhs_offset) >= 0 else (lambda z: z)
                gprev = full[i - 1] if full[i - 1] is not None else torch.eye(Z[i - 1].shape[0], dtype=DT)
                a = prev_act(Z[i - 1])
                b = sig(gprev @ Z[i - 1])
                W = W @ R_appendix(a) @ (R_appendix(b).T / b.dot(b))
            q[f"W{i}"] = W
            q[f"b{i}"] = gi @ p[f"b{i}"]
        return q

    return act


def _ml_cases(ctx, rhs_offset, last_offset, tag):
    widths, acts, Zs, f, sample, _ = _ml_setup(ctx, tag)
    act = _ml_action(Zs, acts, rhs_offset, last_offset)
    action = GroupAction("GL_3 × GL_3", lambda gen: (rand_gl(gen, 3, 0.7), rand_gl(gen, 3, 0.7)),
                         lambda: (torch.eye(3, dtype=DT), torch.eye(3, dtype=DT)),
                         lambda a, b: tuple(x @ y for x, y in zip(a, b)), lambda a: tuple(torch.linalg.inv(x) for x in a), act)
    return [("widths 3-3-3-3, tanh/sigmoid", dict(action=action, f=f, sample=sample, n_terms=60))]


@ML.check("numeric", name="printed_formula")
def ml_printed(ctx):
    """The printed map (second R with σ_i, layers 1..L−1 only), equal widths so that it type-checks."""
    return _run_audits(ctx, _ml_cases(ctx, ctx.printed["rhs_activation_offset"], ctx.printed["last_transformed_layer_offset"], "p"),
                       "Prop A.3.5 as printed")


@ML.check("numeric", role="correction", name="corrected_formula")
def ml_corrected(ctx):
    """Corrected indices (each printed index offset shifted by one: σ_{i−1}, layers up to L): invariance, action axioms;
    and Z_i(g·θ) = g_iZ_i(θ)."""
    ro, lo = ctx.printed["rhs_activation_offset"] + 1, ctx.printed["last_transformed_layer_offset"] + 1
    out = _run_audits(ctx, _ml_cases(ctx, ro, lo, "c"), "Prop A.3.5 corrected")
    if out.status != "pass":
        return out
    widths, acts, Zs, f, sample, gen = _ml_setup(ctx, "z")
    act = _ml_action(Zs, acts, ro, lo)
    for _ in range(10):
        p = sample(gen)
        gs = (rand_gl(gen, 3), rand_gl(gen, 3))
        Z0, Z1 = Zs(p, p["x"]), Zs(act(gs, p), p["x"])
        for i, g in zip((1, 2), gs):
            if float((Z1[i] - g @ Z0[i]).abs().max()) > 1e-9:
                return failed("Z_i(g·θ) ≠ g_iZ_i(θ)", counterexample={"layer": i})
    out.summary += "; Z_i(g·θ) = g_iZ_i(θ) at both hidden layers"
    return out


# =============================================================================================
# Proposition 2.4.2 — Lipschitz bounds; general equivariance
def _lipschitz_estimate(fn, n: int, gen: torch.Generator, samples: int = 200, steps: int = 30) -> float:
    """Lower bound of the Lipschitz constant: max over sampled/ascended x̃ of ‖J(x̃)‖₂ (autograd Jacobian)."""
    best = 0.0
    for _ in range(samples):
        xt = randn(gen, n, scale=2.0)
        for _ in range(steps if _ < 5 else 1):
            J = torch.autograd.functional.jacobian(fn, xt)
            s = float(torch.linalg.matrix_norm(J, 2))
            best = max(best, s)
            xt = xt + 0.05 * randn(gen, n)
    return best


LIP = claim(
    id="zhao2026.prop-2.4.2-lipschitz",
    title="F^{(g,x)} is Lipschitz with constant η‖U‖‖V‖·|σ(Vx)|‖g‖/|σ(gVx)|",
    sources=[(DOC, "Proposition 2.4.2"), (DOC, "Equation 2.8"), (DOC, "Section A.3.5")],
    statement=(
        "If σ is η-Lipschitz, F^{(g,x)}(x̃) = UR_{σ(Vx)}R⁻¹_{σ(gVx)}σ(gVx̃) is Lipschitz with bound η‖U‖‖V‖|σ(Vx)|‖g‖/|σ(gVx)| "
        "(operator norms ‖·‖, Euclidean |·|); the original F has bound η‖U‖‖V‖; ‖R_z^{±1}‖ = |z|^{±1}."
    ),
    kind="inequality",
    notes="The Lipschitz constant is estimated from below by max ‖J(x̃)‖₂ over random and locally ascended inputs, so the "
    "check can only fail if the bound is violated (up to estimation); the ratio estimate/bound is reported.",
)


@LIP.check("numeric")
def lipschitz(ctx):
    """Sigmoid (η = 1/4) and tanh (η = 1), random (U, V, x, g); estimate/bound ≤ 1 + 1e-9."""
    gen = ctx.torch_generator("lip")
    rows, worst = [], 0.0
    for name, sigma, eta in [("sigmoid", torch.sigmoid, 0.25), ("tanh", torch.tanh, 1.0)]:
        for (m, h, n) in [(1, 1, 1), (2, 3, 2), (1, 4, 3)][: ctx.size(2, 3)]:
            for _ in range(ctx.size(3, 10)):
                U, V, x = randn(gen, m, h), randn(gen, h, n), randn(gen, n)
                g = rand_gl(gen, h, 1.2)
                a, b = sigma(V @ x), sigma(g @ V @ x)
                if float(b.norm()) < 1e-8:
                    continue
                A = U @ R_appendix(a) @ (R_appendix(b).T / b.dot(b))
                fn = lambda xt: A @ sigma(g @ V @ xt)  # noqa: E731
                est = _lipschitz_estimate(fn, n, gen, samples=ctx.size(40, 200), steps=ctx.size(10, 30))
                op = lambda M: float(torch.linalg.matrix_norm(M, 2))  # noqa: E731
                bound = eta * op(U) * op(V) * float(a.norm()) * op(g) / float(b.norm())
                ratio = est / bound
                worst = max(worst, ratio)
                rows.append([name, str((m, h, n)), f"{est:.3g}", f"{bound:.3g}", f"{ratio:.3f}"])
                if ratio > 1 + 1e-9:
                    return failed(f"{name}: estimated Lipschitz constant {est:.4g} exceeds the bound {bound:.4g}",
                                  counterexample={"U": U.tolist(), "V": V.tolist(), "x": x.tolist(), "g": g.tolist()})
    return passed(f"estimated Lipschitz constants never exceed the bound (max ratio {worst:.3f})", cases=len(rows),
                  tables=[{"title": "Lipschitz estimate vs bound", "columns": ["σ", "(m,h,n)", "estimate", "bound", "ratio"], "rows": rows[:14]}])


GEQ = claim(
    id="zhao2026.eq-2.9-general-equivariance",
    title="General equivariance c(g,z): cocycle conditions give a nonlinear action preserving the loss",
    sources=[(DOC, "Equation 2.9"), (DOC, "Section 2.4 ('General equivariance')"), (DOC, "Section A.3.2 (bundle remark)")],
    statement=(
        "If c(id,z) = id and c(g₁,g₂z)c(g₂,z) = c(g₁g₂,z), then g·(U,V,x) = (Uc(g,Vx)⁻¹, gV, x) is a GL_h action; it preserves "
        "the loss if σ(gz) = c(g,z)σ(z). c(g,z) = R_{σ(gz)}R⁻¹_{σ(z)} is an example (and gives the action of Eq. 2.7)."
    ),
    kind="identity",
)


@GEQ.check("numeric")
def general_equivariance(ctx):
    """Cocycle identities and Eq. 2.9 for c = R_{σ(gz)}R_{σ(z)}⁻¹ (sigmoid, tanh), plus the induced action's axioms/invariance."""
    gen = ctx.torch_generator("geq")
    worst, n = 0.0, 0
    for sigma in (torch.sigmoid, torch.tanh):
        c = lambda g, z, sigma=sigma: R_appendix(sigma(g @ z)) @ torch.linalg.inv(R_appendix(sigma(z)))  # noqa: E731
        for h in (2, 3, 5):
            for _ in range(ctx.size(10, 50)):
                z, g1, g2 = randn(gen, h), rand_gl(gen, h, 0.8), rand_gl(gen, h, 0.8)
                errs = [float((c(torch.eye(h, dtype=DT), z) - torch.eye(h, dtype=DT)).abs().max()),
                        float((c(g1, g2 @ z) @ c(g2, z) - c(g1 @ g2, z)).abs().max()),
                        float((sigma(g1 @ z) - c(g1, z) @ sigma(z)).abs().max())]
                worst = max(worst, max(errs))
                n += 1
    if worst > 1e-9:
        return failed(f"cocycle/equivariance error {worst:.2e}", counterexample={"err": worst})
    out = _run_audits(ctx, _nl_cases(ctx, [("sigmoid", torch.sigmoid)], R_appendix, "geq"), "action from c", trials=ctx.size(10, 200))
    out.summary = f"c(id,z) = id, c(g₁,g₂z)c(g₂,z) = c(g₁g₂,z), σ(gz) = c(g,z)σ(z) to {worst:.1e} on {n} draws; " + out.summary
    return out


GLIP = claim(
    id="zhao2026.sec-2.4-general-lipschitz",
    title="Prop. 2.4.2 generalises by replacing |σ(Vx)|‖g‖/|σ(gVx)| with ‖c(g,Vx)⁻¹‖",
    sources=[(DOC, "Section 2.4 (last sentence before Section 2.5)")],
    statement="For a general equivariance c, x̃ ↦ Uc(g,Vx)⁻¹σ(gVx̃) is Lipschitz with bound η‖U‖‖V‖‖c(g,Vx)⁻¹‖.",
    kind="inequality",
    corrected_statement="The bound is η‖U‖‖V‖‖g‖‖c(g,Vx)⁻¹‖: only the ratio |σ(Vx)|/|σ(gVx)| = ‖c(g,Vx)⁻¹‖ (for c = R_{σ(gz)}R_{σ(z)}⁻¹) "
    "is replaced; the factor ‖g‖ from the chain rule through gV stays.",
    notes="Smallest counterexample: σ = sigmoid (η = 1/4), h = m = n = 1, U = V = 1, x = 0, g = 10: then c(g,0) = 1 and the "
    "function is x̃ ↦ σ(10x̃), with Lipschitz constant 10/4 = 2.5, while the literal bound is 1/4 (the corrected bound, "
    "with ‖g‖ = 10, is 2.5 and tight).",
)


def _glip_rows(ctx, keep_g: bool):
    gen = ctx.torch_generator("glip")
    out = []
    for (m, h, n, scale) in [(1, 1, 1, 10.0), (2, 3, 2, 1.0), (1, 2, 2, 4.0)]:
        for _ in range(ctx.size(3, 8)):
            U, V, x = randn(gen, m, h), randn(gen, h, n), randn(gen, n) * (0 if h == 1 else 1)
            g = scale * rand_gl(gen, h, 0.5)
            c_inv = R_appendix(torch.sigmoid(V @ x)) @ torch.linalg.inv(R_appendix(torch.sigmoid(g @ V @ x)))
            A = U @ c_inv
            fn = lambda xt: A @ torch.sigmoid(g @ V @ xt)  # noqa: E731
            est = _lipschitz_estimate(fn, n, gen, samples=ctx.size(30, 100), steps=ctx.size(10, 20))
            op = lambda M: float(torch.linalg.matrix_norm(M, 2))  # noqa: E731
            bound = 0.25 * op(U) * op(V) * op(c_inv) * (op(g) if keep_g else 1.0)
            out.append(((m, h, n), est, bound, g))
    return out


@GLIP.check("numeric", name="literal_bound")
def glip(ctx):
    """Estimated Lipschitz constant vs the literal generalised bound η‖U‖‖V‖‖c⁻¹‖ (sigmoid, c = R_{σ(gz)}R_{σ(z)}⁻¹)."""
    for (size, est, bound, g) in _glip_rows(ctx, keep_g=False):
        if est > bound * (1 + 1e-9):
            return failed(f"(m,h,n)={size}, ‖g‖ = {float(torch.linalg.matrix_norm(g, 2)):.2f}: Lipschitz constant ≥ {est:.4g} "
                          f"> literal bound {bound:.4g}", counterexample={"size": list(size), "estimate": est, "bound": bound,
                                                                           "g": g.tolist()})
    return passed("literal bound holds on all draws")


@GLIP.check("numeric", role="correction", name="bound_with_norm_g")
def glip_corrected(ctx):
    """With the factor ‖g‖ kept, the bound holds on the same draws."""
    rows = _glip_rows(ctx, keep_g=True)
    for (size, est, bound, g) in rows:
        if est > bound * (1 + 1e-9):
            return failed(f"{size}: {est:.4g} > {bound:.4g}", counterexample={"size": list(size)})
    return passed(f"η‖U‖‖V‖‖g‖‖c⁻¹‖ bounds the estimated Lipschitz constant on all {len(rows)} draws "
                  f"(max ratio {max(e / b for _, e, b, _ in rows):.3f})", cases=len(rows))


# =============================================================================================
# Example A.3.7 — column-wise activations need not preserve full rank
A37 = claim(
    id="zhao2026.ex-A.3.7-full-rank",
    title="Column-wise sigmoid, tanh and leaky ReLU do not preserve full-rank matrices (k = 2)",
    sources=[(DOC, "Example A.3.7"), (DOC, "Section A.3.4")],
    statement=(
        "Sigmoid: Z = [[σ⁻¹(1/5), σ⁻¹(2/5)], [σ⁻¹(2/5), σ⁻¹(4/5)]] ≈ [[−1.3863, −0.4055], [−0.4055, 1.3863]], det σ(Z) = 0, "
        "det Z = −2.0862. tanh: the same with tanh⁻¹, ≈ [[0.2027, 0.4236], [0.4236, 1.0986]], det tanh(Z) = 0, det Z = 0.0432. "
        "Leaky ReLU σ(z) = sz·min(0,z) + z·max(0,z), 0 < s < 1: Z = [[s, −1], [−1, s]], σ(Z) = [[s, −s], [−s, s]], det 0, "
        "det Z = s² − 1 ≠ 0."
    ),
    kind="identity",
    printed=("sigmoid_Z", "sigmoid_detZ", "tanh_Z", "tanh_detZ", "leaky_formula"),
    corrected_statement=(
        "The sigmoid and tanh examples are right (the tanh one says 'set k = 1' but is a k = 2 example). The leaky ReLU "
        "example works for the leaky ReLU σ(z) = max(z,0) + s·min(z,0) = z·𝟙[z>0] + sz·𝟙[z<0]; the printed formula "
        "sz·min(0,z) + z·max(0,z) is quadratic (it equals sz² for z < 0, z² for z > 0), and for it σ(Z) = [[s², s], [s, s²]] "
        "has det s²(s² − 1) ≠ 0."
    ),
)


@A37.check("exact", name="sigmoid_and_tanh_examples")
def a37_sig_tanh(ctx):
    """Exact: σ(σ⁻¹(a)) = a so det σ(Z) = 1/5·4/5 − (2/5)² = 0; printed 4-decimal values of Z and det Z."""
    P = ctx.printed
    out_rows = []
    for name, inv, key in (("sigmoid", lambda a: sp.log(a / (1 - a)), "sigmoid"), ("tanh", sp.atanh, "tanh")):
        A = sp.Matrix([[sp.Rational(1, 5), sp.Rational(2, 5)], [sp.Rational(2, 5), sp.Rational(4, 5)]])
        Z = A.applyfunc(inv)
        if A.det() != 0:
            return failed(f"{name}: det σ(Z) ≠ 0", counterexample={"det": str(A.det())})
        Zp = P[f"{key}_Z"]
        for i in range(2):
            for j in range(2):
                if abs(float(Z[i, j]) - Zp[i][j]) > 0.5e-4:
                    return failed(f"{name}: Z[{i},{j}] = {float(Z[i, j]):.5f}, printed {Zp[i][j]}",
                                  counterexample={"entry": [i, j], "value": float(Z[i, j]), "printed": Zp[i][j]})
        dz = float(Z.det())
        if abs(dz - P[f"{key}_detZ"]) > 0.5e-4:
            return failed(f"{name}: det Z = {dz:.5f}, printed {P[f'{key}_detZ']}", counterexample={"det": dz, "printed": P[f"{key}_detZ"]})
        out_rows.append([name, f"{dz:.6f}", str(P[f"{key}_detZ"]), "0 (exact)"])
    return passed("sigmoid and tanh examples reproduce exactly (det σ(Z) = 0) and to the printed 4 decimals", cases=2,
                  tables=[{"title": "Example A.3.7", "columns": ["σ", "det Z", "printed", "det σ(Z)"], "rows": out_rows}])


@A37.check("exact", name="leaky_relu_as_printed")
def a37_leaky(ctx):
    """det σ(Z) for Z = [[s, −1], [−1, s]] with the printed σ, exactly, for s ∈ {1/10, 1/2, 9/10}."""
    z = sp.Symbol("z")
    s = sp.Symbol("s")
    sig = parse_printed(ctx.printed["leaky_formula"], {"Min": sp.Min, "Max": sp.Max})
    for sv in (sp.Rational(1, 10), sp.Rational(1, 2), sp.Rational(9, 10)):
        f = lambda v: sig.subs({s: sv, z: v})  # noqa: E731
        Z = sp.Matrix([[sv, -1], [-1, sv]])
        d = sp.simplify(Z.applyfunc(f).det())
        if d != 0:
            return failed(f"s = {sv}: with the printed σ, σ(Z) = {Z.applyfunc(f).tolist()} has det {d} ≠ 0 "
                          f"(det Z = {Z.det()})", counterexample={"s": str(sv), "sigma_Z": str(Z.applyfunc(f).tolist()), "det": str(d)})
    return passed("printed leaky ReLU example gives det σ(Z) = 0")


@A37.check("exact", role="correction", name="printed_formula_is_quadratic")
def a37_quadratic(ctx):
    """The printed σ gives σ(Z) = [[s², s], [s, s²]] (det s²(s² − 1) ≠ 0): it is not the leaky ReLU."""
    z, s = sp.Symbol("z"), sp.Symbol("s")
    sig = parse_printed(ctx.printed["leaky_formula"], {"Min": sp.Min, "Max": sp.Max})
    for sv in (sp.Rational(1, 10), sp.Rational(1, 2), sp.Rational(9, 10)):
        Z = sp.Matrix([[sv, -1], [-1, sv]])
        got = Z.applyfunc(lambda v: sig.subs({s: sv, z: v}))
        if got != sp.Matrix([[sv ** 2, sv], [sv, sv ** 2]]):
            return failed(f"printed σ gives {got.tolist()}", counterexample={"s": str(sv), "sigma_Z": str(got.tolist())})
    return passed("printed σ(z) = sz·min(0,z) + z·max(0,z) maps Z to [[s², s], [s, s²]], det s²(s² − 1) ≠ 0")


@A37.check("exact", role="correction", name="leaky_relu_standard")
def a37_leaky_corrected(ctx):
    """With σ(z) = max(z,0) + s·min(z,0): σ(Z) = [[s, −s], [−s, s]], det 0, det Z = s² − 1 ≠ 0 (0 < s < 1)."""
    for sv in (sp.Rational(1, 10), sp.Rational(1, 2), sp.Rational(9, 10)):
        f = lambda v: sp.Max(v, 0) + sv * sp.Min(v, 0)  # noqa: E731
        Z = sp.Matrix([[sv, -1], [-1, sv]])
        if Z.applyfunc(f) != sp.Matrix([[sv, -sv], [-sv, sv]]) or Z.applyfunc(f).det() != 0 or Z.det() == 0:
            return failed("standard leaky ReLU example fails", counterexample={"s": str(sv)})
    return passed("standard leaky ReLU: σ(Z) = [[s,−s],[−s,s]] singular while det Z = s² − 1 ≠ 0, s ∈ {1/10, 1/2, 9/10}")


# =============================================================================================
# Opening of Section 2.4 — the equivariance groups of ReLU and sigmoid
def _equivariance_algebra_dim(sigma, h: int, gen: torch.Generator, pointwise: bool = True, samples: int = 60):
    """dim {(M, N) ∈ gl_h × gl_h : dσ_z(Mz) = Nσ(z) ∀z} from sampled z (SVD rank of the stacked linear system)."""
    rows = []
    for _ in range(samples):
        z = randn(gen, h, scale=1.5)
        J = torch.autograd.functional.jacobian(sigma, z)
        s = sigma(z)
        # unknown vector [vec(M), vec(N)]: (J (M z))_a − (N s)_a = Σ_bc J_ab z_c M_bc − Σ_c s_c N_ac
        A = torch.zeros(h, 2 * h * h, dtype=DT)
        for a in range(h):
            A[a, : h * h] = torch.outer(J[a], z).reshape(-1)
            A[a, h * h + a * h: h * h + (a + 1) * h] = -s
        rows.append(A)
    nr = numeric_rank(torch.cat(rows))
    return 2 * h * h - nr.rank, nr


EQG = claim(
    id="zhao2026.sec-2.4-equivariance-groups",
    title="'For ReLU, g must be in the positive scaling group; for sigmoid only g = id satisfies σ(gz) = π(g)σ(z)'",
    sources=[(DOC, "Section 2.4 (opening paragraph)"), (DOC, "Equation A.11")],
    statement="σ(gz) = π(g)σ(z) holds for ReLU only for g in the positive scaling group, and for the sigmoid only for g = id.",
    kind="identity",
    printed=("relu_lie_dim", "sigmoid_lie_dim"),
    scope=(
        "True for the connected (continuous) part: the Lie algebra of infinitesimal equivariances (A.11) is the diagonal "
        "matrices (dimension h) for ReLU and 0 for the sigmoid. As a statement about group elements it is false: every "
        "permutation matrix P satisfies σ(Pz) = Pσ(z) for any pointwise σ (Example 1.2.9, Section 2.3.3 aside), so the "
        "ReLU group contains the positive monomial matrices (permutations × positive scalings) and the sigmoid group "
        "contains S_h."
    ),
    notes="The same computation gives, for comparison: identity h², LeakyReLU h, tanh 0, GELU 0, radial rescaling h(h−1)/2 "
    "(table in the scope check): the continuous groups of Table 1.1 are the full identity components.",
)


@EQG.check("numeric", name="elements_as_printed")
def eqg_elements(ctx):
    """Search: a non-diagonal / non-identity g with σ(gz) = gσ(z) for all sampled z (permutation matrices)."""
    gen = ctx.torch_generator("eqg")
    h = 3
    P = torch.eye(h, dtype=DT)[[1, 2, 0]]
    Z = randn(gen, h, 200)
    for name, sigma in (("relu", torch.relu), ("sigmoid", torch.sigmoid)):
        err = float((sigma(P @ Z) - P @ sigma(Z)).abs().max())
        if err == 0.0:
            return failed(f"{name}: the 3-cycle permutation P (not a positive scaling, not the identity) satisfies "
                          f"σ(Pz) = Pσ(z) exactly on 200 random z", counterexample={"activation": name, "g": P.tolist()})
    return passed("no non-trivial element found")


@EQG.check("numeric", role="scope", name="lie_algebra_of_equivariances")
def eqg_lie(ctx):
    """Nullspace dimension of the infinitesimal equivariance equation (A.11) from sampled z, h = 2..4."""
    gen = ctx.torch_generator("eqg-lie")
    relu_dim = sp.sympify(ctx.printed["relu_lie_dim"][1:])
    sig_dim = int(ctx.printed["sigmoid_lie_dim"])
    radial = lambda z: torch.sigmoid(z.norm()) * z  # noqa: E731
    table = [("identity", lambda z: z, lambda h: h * h), ("relu", torch.relu, lambda h: int(relu_dim.subs("h", h))),
             ("leakyrelu", nn.LeakyReLU(0.1), lambda h: h), ("sigmoid", torch.sigmoid, lambda h: sig_dim),
             ("tanh", torch.tanh, lambda h: 0), ("gelu", F.gelu, lambda h: 0), ("radial", radial, lambda h: h * (h - 1) // 2)]
    rows = []
    for name, sigma, expect in table:
        for h in (2, 3, 4):
            d, nr = _equivariance_algebra_dim(sigma, h, gen, samples=ctx.size(40, 120))
            rows.append([name, str(h), str(d), str(expect(h)), f"{nr.gap:.1e}"])
            if d != expect(h):
                return failed(f"{name}, h={h}: Lie algebra of equivariances has dimension {d}, expected {expect(h)}",
                              counterexample={"activation": name, "h": h, "dim": d},
                              tables=[{"title": "Lie algebra dimensions", "columns": ["σ", "h", "dim", "expected", "gap"], "rows": rows}])
    return passed("Lie algebra of (M, N) with dσ_z(Mz) = Nσ(z): ReLU → h (diagonal), sigmoid → 0; identity h², LeakyReLU h, "
                  "tanh 0, GELU 0, radial h(h−1)/2", cases=len(rows),
                  tables=[{"title": "dimension of the Lie algebra of infinitesimal equivariances (SVD rank, gap shown)",
                           "columns": ["σ", "h", "dim", "expected", "gap"], "rows": rows}])


# =============================================================================================
# Lemma A.3.6 — batches of k ≤ h samples
def _completion(A: torch.Tensor) -> torch.Tensor:
    """S(A) = [A | N] with N an orthonormal basis of col(A)^⊥ (complete QR): invertible, S(A)[I_k; 0] = A."""
    h, k = A.shape
    Q, _ = torch.linalg.qr(A, mode="complete")
    return torch.cat([A, Q[:, k:]], dim=1)


LA36 = claim(
    id="zhao2026.lemma-A.3.6",
    title="For k ≤ h and σ preserving full rank there is c(g, Z) with c(id,Z) = id, the cocycle identity and c(g,Z)σ(Z) = σ(gZ)",
    sources=[(DOC, "Lemma A.3.6"), (DOC, "Section A.3.4")],
    statement=(
        "If k ≤ h and σ (column-wise) preserves full-rank h×k matrices, a map c: GL_h × (R^{h×k} ∖ 0) → GL_h satisfies "
        "(A.18) c(id,Z) = id, (A.19) c(g₁,g₂Z)c(g₂,Z) = c(g₁g₂,Z), (A.20) c(g,Z)σ(Z) = σ(gZ). Key fact: for k ≤ h any two "
        "full-rank h×k matrices are related by GL_h; for k > h the action on full-rank matrices is not transitive."
    ),
    kind="existence",
    notes=(
        "The lemma's proof is omitted in the text; we check the construction c(g,Z) = S(σ(gZ))S(σ(Z))⁻¹ with "
        "S(A) = [A | basis of col(A)^⊥], on full-rank Z (tanh, sigmoid — full rank is generic, and the identities are "
        "pointwise). The printed domain 'nonzero Z' should be 'full-rank Z': for rank-deficient Z, (A.20) forces "
        "rank σ(gZ) = rank σ(Z) for every g, which the hypothesis (about full-rank matrices only) does not give."
    ),
)


@LA36.check("numeric", name="construction_satisfies_A18_A20")
def la36(ctx):
    """c(g,Z) = S(σ(gZ))S(σ(Z))⁻¹ for random full-rank Z, k ≤ h, tanh and sigmoid."""
    gen = ctx.torch_generator("la36")
    worst, n = 0.0, 0
    for sigma in (torch.tanh, torch.sigmoid):
        c = lambda g, Z, sigma=sigma: _completion(sigma(g @ Z)) @ torch.linalg.inv(_completion(sigma(Z)))  # noqa: E731
        for (h, k) in [(2, 1), (2, 2), (3, 2), (4, 3), (4, 4)]:
            for _ in range(ctx.size(10, 40)):
                Z, g1, g2 = randn(gen, h, k), rand_gl(gen, h, 0.6), rand_gl(gen, h, 0.6)
                I = torch.eye(h, dtype=DT)
                errs = [float((c(I, Z) - I).abs().max()), float((c(g1, g2 @ Z) @ c(g2, Z) - c(g1 @ g2, Z)).abs().max()),
                        float((c(g1, Z) @ sigma(Z) - sigma(g1 @ Z)).abs().max())]
                worst = max(worst, max(errs))
                n += 1
    if worst > 1e-8:
        return failed(f"identities (A.18)–(A.20) violated by {worst:.2e}", counterexample={"err": worst})
    return passed(f"(A.18)–(A.20) hold to {worst:.1e} for the completion construction on {n} random full-rank Z (k ≤ h)", cases=n)


@LA36.check("exact", name="transitivity_iff_k_le_h")
def la36_transitive(ctx):
    """Exact: for k ≤ h, g = S(B)S(A)⁻¹ maps A to B (random rational A, B); for k > h, A = [1 0], B = [0 1] (h = 1) or
    matrices with different row spaces are not related (rank [A; B] > h)."""
    rng = np.random.default_rng([ctx.seed, 36])
    for (h, k) in [(2, 1), (3, 2), (3, 3)]:
        A = sp.Matrix(h, k, [int(v) for v in rng.integers(-5, 6, h * k)])
        B = sp.Matrix(h, k, [int(v) for v in rng.integers(-5, 6, h * k)])
        if A.rank() < k or B.rank() < k:
            continue
        SA = A.row_join(sp.Matrix.hstack(*A.T.nullspace())) if k < h else A
        SB = B.row_join(sp.Matrix.hstack(*B.T.nullspace())) if k < h else B
        g = SB * SA.inv()
        if g * A != B or g.det() == 0:
            return failed("k ≤ h: construction does not relate A to B", counterexample={"A": str(A), "B": str(B)})
    A, B = sp.Matrix([[1, 0]]), sp.Matrix([[0, 1]])
    if sp.Matrix.vstack(A, B).rank() <= 1:
        return failed("example inconsistent", counterexample={})
    return passed("k ≤ h: g = S(B)S(A)⁻¹ ∈ GL_h maps A to B exactly; k > h: [1 0] and [0 1] (h = 1) have different row "
                  "spaces, so no g ∈ GL_1 relates them")
