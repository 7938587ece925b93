"""The catalogue of parameter-space symmetries (Chapter 1: Examples 1.2.2–1.2.13, Prop. 1.2.3, Table 1.1,
Examples 1.3.2, 1.3.7; their Chapter 2 / Appendix A.2 twins Examples 2.3.4–2.3.7, A.2.4–A.2.7).

Every symmetry is implemented as a group action on the parameters of a *real* torch module
(``nn.Linear``, ``nn.LeakyReLU``, ``nn.Tanh``, ``nn.BatchNorm1d``, ``nn.Softmax``,
``nn.MultiheadAttention``, ``F.scaled_dot_product_attention`` …, float64, evaluated with
``torch.func.functional_call``).  Numeric checks (``verify.group_actions.audit``) test, over seeded
random draws: invariance of the output (or loss), the action axioms, and that a *control*
transformation outside the claimed group changes the output by ≥ 1e3 × tolerance (so the check
discriminates).  Short algebra is also checked symbolically with sympy.

Printed data (``cases/zhao2026/catalogue.toml``) are the exponents/flags of the printed actions
(e.g. ``W2_power = -1`` for W₂g⁻¹), so that changing a printed value must break invariance.
"""

from __future__ import annotations

import itertools
import math

import sympy as sp
import torch
import torch.nn.functional as F
from torch import nn
from torch.func import functional_call

from verify import claim, failed, not_checkable, passed
from verify.group_actions import (
    AUDIT_COLUMNS,
    DT,
    GroupAction,
    audit,
    rand_gl,
    rand_orthogonal,
    rand_perm,
    rand_positive_diag,
    rand_sign_diag,
    randn,
    tolerance_note,
)
from verify.printed_formula import integer_function
from verify.symbolic import parse_printed

from . import DOC

mp = torch.linalg.matrix_power


def _params(module: nn.Module, gen: torch.Generator, scale: float = 1.0) -> dict[str, torch.Tensor]:
    return {k: randn(gen, *v.shape, scale=scale) for k, v in module.named_parameters()}


def _fc(module):
    return lambda X: (lambda p: functional_call(module, p, (X,)))


def _run_audits(ctx, cases, what: str, extra_rows=None, trials: int | None = None):
    """cases: list of (label, dict(action, f, sample_params, n_terms, control)). One Outcome for all."""
    rows, audits = [], []
    gen = ctx.torch_generator(what)
    trials = trials or ctx.size(25, 200)
    for label, spec in cases:
        a = audit(spec["action"], spec["f"], spec["sample"], gen, trials, spec["n_terms"], spec.get("control"),
                  check_axioms=spec.get("axioms", True))
        rows.append(a.row(label))
        audits.append((label, a))
        if spec.get("control") is not None and not a.discriminating:
            raise RuntimeError(f"{what}/{label}: control changed f only by {a.control_min_change:.2e} "
                               f"(ratio {a.control_min_ratio:.1f} to tolerance) — the check would not discriminate")
    tables = [{"title": f"{what}: invariance, action axioms and non-group control", "columns": AUDIT_COLUMNS, "rows": rows + (extra_rows or [])}]
    for label, a in audits:
        if not a.invariant:
            return failed(f"{what}/{label}: output changed by {a.invariance_err:.3e} > tolerance ({a.worst})",
                          counterexample={"case": label, **a.worst}, tables=tables, tolerance=tolerance_note(a))
        if not a.axioms:
            return failed(f"{what}/{label}: action axioms violated (identity {a.identity_err:.2e}, composition "
                          f"{a.compose_err:.2e}, inverse {a.inverse_err:.2e} > {a.axiom_tol:.2e})",
                          counterexample={"case": label, "identity": a.identity_err, "compose": a.compose_err,
                                          "inverse": a.inverse_err}, tables=tables)
    worst = max(audits, key=lambda la: la[1].worst_ratio)[1]
    return passed(f"{what}: invariant within tolerance on all {len(cases)} configurations × {trials} draws; "
                  "identity/composition/inverse axioms hold; every non-group control changes the output by ≥ 1e3·tol",
                  cases=len(cases) * trials, tables=tables, tolerance=tolerance_note(worst))


def _sym_zero(exprs) -> bool:
    return all(sp.simplify(e) == 0 for e in exprs)


def _symbolic_outcome(ok: bool, what: str, detail: str):
    if ok:
        return passed(f"sympy: {what} simplifies to zero identically ({detail})")
    return failed(f"sympy: {what} does not simplify to zero ({detail})", counterexample={"detail": detail})


SIZES_2L = [(2, 3, 2), (3, 4, 2), (1, 5, 3), (4, 2, 3)]  # (m, h, n): includes h > max and h < max
K = 7  # batch size

# =============================================================================================
# Example 1.2.2 — linear network, GL_h
LIN = claim(
    id="zhao2026.ex-1.2.2-linear",
    title="Two-layer linear network W₂(W₁X + b₁) + b₂ has a GL_h symmetry (W₂g⁻¹, gW₁, b₂, gb₁)",
    sources=[(DOC, "Example 1.2.2"), (DOC, "Table 1.1 (Linear)"), (DOC, "Example 2.3.4"), (DOC, "Example A.2.4")],
    statement="g·(W₂, W₁, b₂, b₁) = (W₂g⁻¹, gW₁, b₂, gb₁), g ∈ GL_h(R), is a group action preserving f_linear for all X.",
    kind="identity",
    printed=("W2_power", "W1_power", "b1_power"),
)


def _linear_case(ctx, m, h, n):
    P = ctx.printed
    net = nn.Sequential(nn.Linear(n, h), nn.Linear(h, m)).to(DT)
    gen = ctx.torch_generator(f"lin{m}{h}{n}")
    X = randn(gen, K, n)

    def act(g, p):
        q = dict(p)
        q["1.weight"] = p["1.weight"] @ mp(g, P["W2_power"])
        q["0.weight"] = mp(g, P["W1_power"]) @ p["0.weight"]
        q["0.bias"] = mp(g, P["b1_power"]) @ p["0.bias"]
        return q

    def control(gen, p):  # W₂ g⁻¹ with a *different* g on the W₁ side: not an element of the group
        q = dict(p)
        g1, g2 = rand_gl(gen, h), rand_gl(gen, h)
        q["1.weight"] = p["1.weight"] @ torch.linalg.inv(g1)
        q["0.weight"], q["0.bias"] = g2 @ p["0.weight"], g2 @ p["0.bias"]
        return q

    return (f"(m,h,n)={(m, h, n)}", dict(action=GroupAction.matrix("GL_h", lambda gen: rand_gl(gen, h), h, act),
                                          f=_fc(net)(X), sample=lambda gen: _params(net, gen), n_terms=h + n,
                                          control=control))


@LIN.check("numeric")
def linear_invariance(ctx):
    """nn.Sequential(nn.Linear(n,h), nn.Linear(h,m)) under the printed action, random GL_h elements."""
    return _run_audits(ctx, [_linear_case(ctx, *s) for s in SIZES_2L], "linear/GL_h")


@LIN.check("symbolic")
def linear_symbolic(ctx):
    """W₂g⁻¹(gW₁x + gb₁) − W₂(W₁x + b₁) with a generic symbolic 2×2 g, 2×2 weights."""
    P = ctx.printed
    g = sp.Matrix(2, 2, sp.symbols("g0:4"))
    W1, W2 = sp.Matrix(2, 2, sp.symbols("v0:4")), sp.Matrix(1, 2, sp.symbols("u0:2"))
    b1, x = sp.Matrix(2, 1, sp.symbols("b0:2")), sp.Matrix(2, 1, sp.symbols("x0:2"))
    pw = lambda M, k: (M ** k)  # noqa: E731
    d = W2 * pw(g, P["W2_power"]) * (pw(g, P["W1_power"]) * W1 * x + pw(g, P["b1_power"]) * b1) - W2 * (W1 * x + b1)
    return _symbolic_outcome(_sym_zero(list(d)), "W₂g⁻¹(gW₁x+gb₁) − W₂(W₁x+b₁)", "generic 2×2 g, det ≠ 0")


# =============================================================================================
# Proposition 1.2.3 — equivariant activation ⇒ symmetry (with biases)
P123 = claim(
    id="zhao2026.prop-1.2.3-equivariant",
    title="σ(gZ) = ρ(g)σ(Z) ⇒ (W₂ρ(g⁻¹), gW₁, b₂, gb₁) preserves W₂σ(W₁X + b₁) + b₂",
    sources=[(DOC, "Proposition 1.2.3"), (DOC, "Equations 2.3–2.4"), (DOC, "Proposition A.2.3 (two-layer case)")],
    statement=(
        "If σ: R^h → R^h satisfies σ(gZ) = ρ(g)σ(Z) for a group G and a representation ρ: G → GL_h, then f = W₂σ(W₁X+b₁)+b₂ "
        "on Param = R^{m×h} × R^{h×n} × R^m × R^n admits the symmetry g·(W₂,W₁,b₂,b₁) = (W₂ρ(g⁻¹), gW₁, b₂, gb₁)."
    ),
    kind="identity",
    printed=("b1_dim",),
    corrected_statement="Same with b₁ ∈ R^h (not R^n): b₁ is added to W₁X ∈ R^{h×k} and acted on by g ∈ G ⊆ GL_h.",
    notes="Checked with (σ, G, ρ) = (identity, GL_h, g), (LeakyReLU 0.2, positive diagonal, g), (x³, positive diagonal, g³), "
    "(radial rescaling, O(h), g), (sigmoid, permutations, g). The printed parameter space puts b₁ in R^n, which does not "
    "type-check when n ≠ h.",
)


def _equivariant_cases(ctx, b1_dim_fn, sizes):
    out = []
    specs = {
        "identity/GL": (lambda z: z, lambda gen, h: rand_gl(gen, h), lambda g: g),
        "leakyrelu/T+": (nn.LeakyReLU(0.2), lambda gen, h: rand_positive_diag(gen, h), lambda g: g),
        "cube/T+": (lambda z: z ** 3, lambda gen, h: rand_positive_diag(gen, h, 0.5), lambda g: g ** 3),
        "radial/O": (lambda z: torch.sigmoid(z.norm(dim=-1, keepdim=True)) * z, lambda gen, h: rand_orthogonal(gen, h), lambda g: g),
        "sigmoid/S_h": (torch.sigmoid, lambda gen, h: rand_perm(gen, h), lambda g: g),
    }
    for (m, h, n) in sizes:
        for name, (sigma, sample_g, rho) in specs.items():
            gen = ctx.torch_generator(f"p123{name}{m}{h}{n}")
            X = randn(gen, K, n)
            b1_dim = b1_dim_fn(m, h, n)

            def f(p, X=X, sigma=sigma):
                return (sigma(X @ p["W1"].T + p["b1"]) @ p["W2"].T) + p["b2"]

            def sample(gen, m=m, h=h, n=n, b1_dim=b1_dim):
                return {"W2": randn(gen, m, h), "W1": randn(gen, h, n), "b2": randn(gen, m), "b1": randn(gen, b1_dim)}

            def act(g, p, rho=rho):
                return {"W2": p["W2"] @ torch.linalg.inv(rho(g)), "W1": g @ p["W1"], "b2": p["b2"], "b1": g @ p["b1"]}

            def control(gen, p, h=h):
                g = rand_gl(gen, h) + 0.5 * torch.eye(h, dtype=DT)
                return {"W2": p["W2"] @ torch.linalg.inv(g), "W1": g @ p["W1"], "b2": p["b2"], "b1": g @ p["b1"]}

            ctl = None if name == "identity/GL" else control
            out.append((f"{name} (m,h,n)={(m, h, n)}", dict(
                action=GroupAction.matrix(name, lambda gen, h=h, s=sample_g: s(gen, h), h, act),
                f=f, sample=sample, n_terms=h + n, control=ctl)))
    return out


@P123.check("numeric", name="printed_parameter_space")
def p123_printed(ctx):
    """Build the network with b₁ of the printed dimension; sizes with n ≠ h included."""
    b1 = integer_function(ctx.printed["b1_dim"], ("m", "h", "n"))
    for (m, h, n) in SIZES_2L:
        try:
            _run_audits(ctx, _equivariant_cases(ctx, b1, [(m, h, n)]), "Prop 1.2.3")
        except RuntimeError as e:
            if "size" in str(e) or "shape" in str(e) or "match" in str(e):
                return failed(f"with b₁ ∈ R^{b1(m, h, n)} (printed R^n) and (m,h,n)={(m, h, n)} the network W₁X + b₁ "
                              f"is not defined: {str(e).splitlines()[0]}",
                              counterexample={"m": m, "h": h, "n": n, "b1_dim": b1(m, h, n)})
            raise
    return passed(f"printed parameter space type-checks and the action preserves f on {len(SIZES_2L)} sizes")


@P123.check("numeric", role="scope", name="printed_space_when_n_equals_h")
def p123_scope(ctx):
    """With the printed b₁ dimension the statement holds at sizes with n = h."""
    b1 = integer_function(ctx.printed["b1_dim"], ("m", "h", "n"))
    try:
        return _run_audits(ctx, _equivariant_cases(ctx, b1, [(2, 3, 3), (1, 2, 2)]), "Prop 1.2.3 (printed, n = h)")
    except RuntimeError as e:
        return failed(f"printed parameter space fails even with n = h: {str(e).splitlines()[0]}", counterexample={"error": str(e)[:200]})


@P123.check("numeric", role="correction", name="b1_in_R_h")
def p123_corrected(ctx):
    """With b₁ ∈ R^h: invariance, axioms and controls for five (σ, G, ρ)."""
    return _run_audits(ctx, _equivariant_cases(ctx, lambda m, h, n: h, SIZES_2L[:3]), "Prop 1.2.3 (b₁ ∈ R^h)")


# =============================================================================================
# Example 1.2.4 / 2.3.5 / 2.3.6 — homogeneous activations, positive scaling
HOM = claim(
    id="zhao2026.ex-1.2.4-homogeneous",
    title="Homogeneous σ of degree α: positive scaling (W₂g^{−α}, gW₁) is a symmetry",
    sources=[(DOC, "Example 1.2.4"), (DOC, "Table 1.1 (Homogeneous)"), (DOC, "Example 2.3.5"), (DOC, "Example 2.3.6"),
             (DOC, "Example A.2.5"), (DOC, "Example A.2.6")],
    statement=(
        "If σ is pointwise with σ(cz)_i = c^{α_i}σ(z)_i for all c > 0 (degree α ∈ R^h_{>0}; ReLU, LeakyReLU, monomials), "
        "then g·(W₂, W₁) = (W₂g^{−α}, gW₁), g ∈ R^h_{>0} (positive diagonal), preserves W₂σ(W₁X). LeakyReLU "
        "σ(z) = max(z,0) + s·min(z,0) has α = 1, π(g) = g."
    ),
    kind="identity",
    printed=("W2_exponent", "W1_power"),
    notes=(
        "Checked with per-neuron degrees (ReLU, LeakyReLU via nn.LeakyReLU, z|z| of degree 2, ReLU^1.5, z³, and "
        "Appendix A.2.6's variant max(z,0) − s·min(z,0), which differs from Example 2.3.6's max(z,0) + s·min(z,0) "
        "by the sign of s — both are homogeneous of degree 1, so both claims hold). The group cannot be enlarged to "
        "GL_h or to negative scalings: the controls (a non-diagonal g, a diagonal g with a negative entry) change the output. "
        "Example 2.3.5's 'σ(gz) = Σ_j σ(c_j z_j)' should read the vector (σ(c_j z_j))_j."
    ),
)

_HOM_ACTS = [  # (name, scalar function, degree)
    ("relu", torch.relu, 1.0),
    ("leakyrelu0.1", nn.LeakyReLU(0.1), 1.0),
    ("A.2.6 variant s=0.3", lambda z: torch.clamp(z, min=0) - 0.3 * torch.clamp(z, max=0), 1.0),
    ("z|z|", lambda z: z * z.abs(), 2.0),
    ("relu^1.5", lambda z: torch.relu(z) ** 1.5, 1.5),
    ("z^3", lambda z: z ** 3, 3.0),
]


def _homogeneous_case(ctx, m, n, control_kind):
    P = ctx.printed
    h = len(_HOM_ACTS)
    alpha = torch.tensor([a for _, _, a in _HOM_ACTS], dtype=DT)
    expo = parse_printed(P["W2_exponent"])
    alpha_sym = sp.Symbol("alpha")

    def sigma(Z):
        return torch.stack([fn(Z[:, i]) for i, (_, fn, _) in enumerate(_HOM_ACTS)], dim=1)

    gen = ctx.torch_generator(f"hom{m}{n}{control_kind}")
    X = randn(gen, K, n)
    e_fn = sp.lambdify(alpha_sym, expo, "math")

    def act(g, p):
        c = torch.diagonal(g)
        ex = torch.tensor([float(e_fn(float(a))) for a in alpha], dtype=DT)
        return {"W2": p["W2"] * (c ** ex).unsqueeze(0), "W1": mp(g, P["W1_power"]) @ p["W1"]}

    def control(gen, p):
        if control_kind == "GL":
            g = rand_gl(gen, h) + 0.5 * torch.eye(h, dtype=DT)
            return {"W2": p["W2"] @ torch.linalg.inv(g), "W1": g @ p["W1"]}
        c = torch.diagonal(rand_positive_diag(gen, h)).clone()
        c[0] = -c[0]  # a negative scaling of the ReLU neuron
        return {"W2": p["W2"] * (c.abs() ** (-alpha)).unsqueeze(0), "W1": torch.diag(c) @ p["W1"]}

    f = lambda p: sigma(X @ p["W1"].T) @ p["W2"].T  # noqa: E731
    return (f"(m,n)={(m, n)}, h={h} mixed degrees, control={control_kind}",
            dict(action=GroupAction.matrix("T+", lambda gen: rand_positive_diag(gen, h, 0.7), h, act), f=f,
                 sample=lambda gen: {"W2": randn(gen, m, h), "W1": randn(gen, h, n)}, n_terms=h + n, control=control))


@HOM.check("numeric")
def homogeneous_invariance(ctx):
    """Per-neuron degrees 1, 1, 1, 2, 1.5, 3 in one hidden layer; controls: GL_h element, negative scaling."""
    cases = [_homogeneous_case(ctx, m, n, ck) for (m, n) in [(2, 3), (3, 1), (1, 8)] for ck in ("GL", "negative")]
    return _run_audits(ctx, cases, "homogeneous/positive scaling")


@HOM.check("symbolic")
def homogeneous_symbolic(ctx):
    """c^{expo}·σ(c z) − σ(z) for leaky ReLU (α=1) and sign(z)|z|^a (α=a), z > 0 and z < 0, c > 0 symbolic."""
    expo = parse_printed(ctx.printed["W2_exponent"])
    c, t, a, s = sp.symbols("c t a s", positive=True)
    leaky = lambda z: sp.Max(z, 0) + s * sp.Min(z, 0)  # noqa: E731
    power = lambda z: sp.sign(z) * sp.Abs(z) ** a  # noqa: E731
    exprs = []
    for z in (t, -t):
        exprs.append(c ** expo.subs("alpha", 1) * leaky(c * z) - leaky(z))
        exprs.append(c ** expo.subs("alpha", a) * power(c * z) - power(z))
    return _symbolic_outcome(_sym_zero(exprs), "c^{−α}σ(cz) − σ(z)", "leaky ReLU and signed power, both signs of z")


# =============================================================================================
# Example 1.2.5 — tanh sign flips
TANH = claim(
    id="zhao2026.ex-1.2.5-tanh",
    title="Two-layer tanh network has the sign-flip symmetry Z₂ⁿ",
    sources=[(DOC, "Example 1.2.5"), (DOC, "Table 1.1 (Tanh)")],
    statement=(
        "f_tanh = W₂tanh(W₁X), (W₂,W₁) ∈ R^{m×h} × R^{h×n}, has a sign-flip symmetry Z₂ⁿ of diagonal ±1 matrices "
        "acting by (W₂g⁻¹, gW₁)."
    ),
    kind="identity",
    printed=("group_order", "W2_power", "W1_power"),
    corrected_statement=(
        "The sign-flip group is Z₂^h (diagonal ±1 matrices of size h, the hidden width; 2^h elements, all preserving "
        "f_tanh), not Z₂ⁿ (n is the input dimension). Combined with Example 1.2.9 the full linear symmetry group of tanh "
        "is the signed permutations Z₂^h ⋊ S_h."
    ),
)


def _tanh_case(ctx, m, h, n):
    P = ctx.printed
    net = nn.Sequential(nn.Linear(n, h, bias=False), nn.Tanh(), nn.Linear(h, m, bias=False)).to(DT)
    gen = ctx.torch_generator(f"tanh{m}{h}{n}")
    X = randn(gen, K, n)

    def act(g, p):
        return {"2.weight": p["2.weight"] @ mp(g, P["W2_power"]), "0.weight": mp(g, P["W1_power"]) @ p["0.weight"]}

    def control(gen, p):
        c = torch.diagonal(rand_sign_diag(gen, h)) * 1.5  # a scaled flip: not in the group
        return {"2.weight": p["2.weight"] / c, "0.weight": torch.diag(c) @ p["0.weight"]}

    return (f"(m,h,n)={(m, h, n)}", dict(action=GroupAction.matrix("Z2^h", lambda gen: rand_sign_diag(gen, h), h, act),
                                          f=_fc(net)(X), sample=lambda gen: _params(net, gen), n_terms=h + n, control=control))


@TANH.check("numeric")
def tanh_invariance(ctx):
    """nn.Sequential(Linear, Tanh, Linear): random diagonal sign matrices of size h."""
    return _run_audits(ctx, [_tanh_case(ctx, *s) for s in SIZES_2L], "tanh/sign flips")


def _count_sign_flips(ctx, m, h, n):
    """Number of diagonal ±1 matrices (of any size that can act on W₁ from the left: h) preserving f at random data."""
    label, spec = _tanh_case(ctx, m, h, n)
    gen = ctx.torch_generator(f"count{m}{h}{n}")
    p = spec["sample"](gen)
    y0 = spec["f"](p)
    count = 0
    for signs in itertools.product((1.0, -1.0), repeat=h):
        g = torch.diag(torch.tensor(signs, dtype=DT))
        if float((spec["f"](spec["action"].act(g, p)) - y0).abs().max()) < 1e-12 * max(1.0, float(y0.abs().max())):
            count += 1
    return count


@TANH.check("exact", name="group_order")
def tanh_order(ctx):
    """Printed group order |Z₂ⁿ| = 2ⁿ against the enumerated output-preserving sign matrices, sizes with n ≠ h."""
    f = integer_function(ctx.printed["group_order"], ("m", "h", "n"))
    for (m, h, n) in [(2, 3, 2), (1, 2, 3), (2, 4, 1)]:
        c = _count_sign_flips(ctx, m, h, n)
        if c != f(m, h, n):
            return failed(f"(m,h,n)={(m, h, n)}: {c} sign-flip matrices preserve f (all of Z₂^h), printed {f(m, h, n)}",
                          counterexample={"m": m, "h": h, "n": n, "enumerated": c, "printed": f(m, h, n)})
    return passed("printed group order matches the enumeration")


@TANH.check("exact", role="scope", name="printed_order_right_iff_n_equals_h")
def tanh_order_scope(ctx):
    """The printed order agrees with the enumeration exactly at the sizes with n = h (and at no size with n ≠ h tested)."""
    f = integer_function(ctx.printed["group_order"], ("m", "h", "n"))
    sizes = [(2, 3, 3), (1, 2, 2), (2, 1, 1), (2, 3, 2), (1, 2, 3), (2, 4, 1)]
    bad = [s for s in sizes if (f(*s) == _count_sign_flips(ctx, *s)) != (s[1] == s[2])]
    if bad:
        return failed(f"agreement of the printed order with the enumeration is not 'n = h' at {bad}", counterexample=bad)
    return passed("printed 2ⁿ = number of output-preserving sign matrices exactly when n = h (6 sizes)", cases=len(sizes))


@TANH.check("exact", role="correction", name="group_order_is_2_to_h")
def tanh_order_corrected(ctx):
    """All 2^h diagonal ±1 matrices of size h preserve f (enumerated, h ≤ 4)."""
    for (m, h, n) in [(2, 3, 2), (1, 2, 3), (2, 4, 1), (3, 1, 2)]:
        c = _count_sign_flips(ctx, m, h, n)
        if c != 2 ** h:
            return failed(f"{c} ≠ 2^h at {(m, h, n)}", counterexample={"m": m, "h": h, "n": n, "count": c})
    return passed("all 2^h sign matrices preserve f at 4 sizes (n ≠ h included): the group is Z₂^h")


# =============================================================================================
# Example 1.2.6 / 2.3.7 — radial rescaling, O(h)
RAD = claim(
    id="zhao2026.ex-1.2.6-radial",
    title="Radial rescaling activation σ(z) = f(‖z‖)z: O(h) symmetry (W₂g⁻¹, gW₁)",
    sources=[(DOC, "Example 1.2.6"), (DOC, "Table 1.1 (Radial rescaling)"), (DOC, "Example 2.3.7"), (DOC, "Example A.2.7")],
    statement="σ(gz) = gσ(z) for g ∈ O(h), hence (W₂g⁻¹, gW₁) preserves W₂σ(W₁X).",
    kind="identity",
    printed=("W2_power", "W1_power"),
    notes="Example 2.3.7 writes ‖gz‖ = zᵀgᵀgz (the squared norm); harmless. Control: a non-orthogonal g (scaled rotation) changes f.",
)


class Radial(nn.Module):
    def __init__(self, f):
        super().__init__()
        self.f = f

    def forward(self, z):
        return self.f(z.norm(dim=-1, keepdim=True)) * z


def _radial_case(ctx, m, h, n, fname, fr):
    P = ctx.printed
    net = nn.Sequential(nn.Linear(n, h, bias=False), Radial(fr), nn.Linear(h, m, bias=False)).to(DT)
    gen = ctx.torch_generator(f"rad{m}{h}{n}{fname}")
    X = randn(gen, K, n)

    def act(g, p):
        return {"2.weight": p["2.weight"] @ mp(g, P["W2_power"]), "0.weight": mp(g, P["W1_power"]) @ p["0.weight"]}

    def control(gen, p):
        g = rand_orthogonal(gen, h) @ torch.diag(torch.linspace(0.6, 1.6, h, dtype=DT))
        return {"2.weight": p["2.weight"] @ torch.linalg.inv(g), "0.weight": g @ p["0.weight"]}

    return (f"{fname} (m,h,n)={(m, h, n)}", dict(action=GroupAction.matrix("O(h)", lambda gen: rand_orthogonal(gen, h), h, act),
                                                  f=_fc(net)(X), sample=lambda gen: _params(net, gen), n_terms=2 * h + n,
                                                  control=control if h > 1 else None))


@RAD.check("numeric")
def radial_invariance(ctx):
    """Radial modules with f = sigmoid, 1/(1+r), cos; Haar-random orthogonal g."""
    fs = [("sigmoid", torch.sigmoid), ("1/(1+r)", lambda r: 1 / (1 + r)), ("cos", torch.cos)]
    return _run_audits(ctx, [_radial_case(ctx, *s, *f) for s in SIZES_2L for f in fs], "radial/O(h)")


@RAD.check("symbolic")
def radial_symbolic(ctx):
    """σ(R_φ z) − R_φ σ(z) for a symbolic rotation/reflection of R² and an undefined function f."""
    ph, z1, z2 = sp.symbols("phi z1 z2", real=True)
    fR = sp.Function("f")
    z = sp.Matrix([z1, z2])
    sig = lambda v: fR(sp.sqrt(sp.simplify(sp.trigsimp((v.T * v)[0])))) * v  # noqa: E731
    exprs = []
    for R in (sp.Matrix([[sp.cos(ph), -sp.sin(ph)], [sp.sin(ph), sp.cos(ph)]]),
              sp.Matrix([[sp.cos(ph), sp.sin(ph)], [sp.sin(ph), -sp.cos(ph)]])):
        Rp = R ** ctx.printed["W1_power"]
        exprs += list(sig(Rp * z) - Rp * sig(z))
    return _symbolic_outcome(_sym_zero(exprs), "σ(gz) − gσ(z)", "rotations and reflections of R², f arbitrary")


# =============================================================================================
# Example 1.2.7 — batch normalisation
BN = claim(
    id="zhao2026.ex-1.2.7-batchnorm",
    title="BatchNorm(WX) is invariant under positive row scaling W ↦ gW, g ∈ R^m_{>0}",
    sources=[(DOC, "Example 1.2.7"), (DOC, "Table 1.1 (Batchnorm)")],
    statement="BN(Z) = (Z − E[Z])/√Var[Z] row-wise, Z = WX, W ∈ R^{m×n}: g·W = gW with g positive diagonal preserves BN(WX).",
    kind="identity",
    printed=("positive_only",),
    notes=(
        "Checked on torch.nn.BatchNorm1d(affine=False, track_running_stats=False) with eps = 1e-300 — the printed formula "
        "has no eps and torch refuses eps = 0 in training mode; 1e-300 is far below float64 resolution of any variance here. "
        "With PyTorch's default eps = 1e-5 the invariance is only approximate (the deviation is reported in the check "
        "details): BN_eps(gWX) ≠ BN_eps(WX). Negative scalings flip the sign of a row (control). "
        "The text calls batchnorm 'equivariant'; it is invariant (trivial π). (The printed exponent of g·W = gW is "
        "not a sensitivity key: W ↦ g²W is also an action of the same group and also preserves BN.)"
    ),
)


def _bn_case(ctx, m, n, eps=0.0):
    P = ctx.printed
    net = nn.Sequential(nn.Linear(n, m, bias=False), nn.BatchNorm1d(m, eps=eps or 1e-300, affine=False, track_running_stats=False)).to(DT)
    gen = ctx.torch_generator(f"bn{m}{n}")
    X = randn(gen, 11, n)

    def sample_g(gen):
        g = rand_positive_diag(gen, m)
        return g if P["positive_only"] else g @ rand_sign_diag(gen, m)

    def act(g, p):
        return {"0.weight": mp(g, P["W_power"]) @ p["0.weight"]}

    def control(gen, p):
        c = torch.diagonal(rand_positive_diag(gen, m)).clone()
        c[-1] = -c[-1]
        return {"0.weight": torch.diag(c) @ p["0.weight"]}

    return (f"(m,n)={(m, n)}", dict(action=GroupAction.matrix("R^m_>0", sample_g, m, act), f=_fc(net)(X),
                                    sample=lambda gen: _params(net, gen), n_terms=4 * 11 + n, control=control)), net, X


@BN.check("numeric")
def batchnorm_invariance(ctx):
    """nn.BatchNorm1d(eps=0) after nn.Linear; also reports the deviation with the default eps = 1e-5."""
    cases = [_bn_case(ctx, m, n) for (m, n) in [(3, 2), (5, 4), (1, 6)]]
    out = _run_audits(ctx, [c for c, _, _ in cases], "batchnorm/positive scaling")
    # informative: default eps
    (label, spec), _, X = _bn_case(ctx, 3, 2, eps=1e-5)
    gen = ctx.torch_generator("bn-eps")
    p = spec["sample"](gen)
    g = torch.diag(torch.tensor([10.0, 0.1, 1.0], dtype=DT))
    dev = float((spec["f"](p) - spec["f"](spec["action"].act(g, p))).abs().max()) if ctx.printed["positive_only"] else float("nan")
    out.details["default_eps_1e-5_deviation_at_g=diag(10,0.1,1)"] = dev
    out.summary += f"; with PyTorch's default eps=1e-5 the same g=diag(10,0.1,1) changes the output by {dev:.1e} (not exact)"
    return out


# =============================================================================================
# Example 1.2.8 — softmax translation
SM = claim(
    id="zhao2026.ex-1.2.8-softmax",
    title="softmax(WX) is invariant under adding the same g ∈ Rⁿ to every row of W",
    sources=[(DOC, "Example 1.2.8"), (DOC, "Table 1.1 (Softmax)")],
    statement=(
        "f(W, X) = σ(WX), W ∈ R^{m×n}, X ∈ R^{n×k}, σ = softmax 'applied on the rows of WX': (g·W)_i = W_i + g for each "
        "row W_i, g ∈ (Rⁿ, +), preserves f."
    ),
    kind="identity",
    printed=("softmax_over_rows",),
    corrected_statement=(
        "The translation symmetry holds when the softmax is taken over each column of WX (the m logits of one sample, "
        "σ: R^m → R^m): adding g to every row of W adds gᵀx_j to every entry of column j. Applied to the rows of WX "
        "(over the k samples) it is not invariant."
    ),
    notes="The printed σ: R^h → R^h does not match either axis (rows have length k, columns length m).",
)


def _softmax_cases(ctx, over_rows):
    out = []
    for (m, n, k) in [(3, 2, 5), (4, 4, 2), (2, 5, 6)]:
        gen = ctx.torch_generator(f"sm{m}{n}{k}")
        X = randn(gen, n, k)
        dim = 1 if over_rows else 0
        sm = nn.Softmax(dim=dim)
        f = lambda p, X=X, sm=sm: sm(p["W"] @ X)  # noqa: E731
        sign = 1

        def control(gen, p, m=m, n=n):
            return {"W": p["W"] + randn(gen, m, n)}  # a different shift per row

        out.append((f"(m,n,k)={(m, n, k)} softmax dim={'rows' if over_rows else 'columns'}", dict(
            action=GroupAction(f"(R^{n},+)", lambda gen, n=n: randn(gen, n), lambda n=n: torch.zeros(n, dtype=DT),
                               lambda a, b: a + b, lambda a: -a, lambda g, p, s=sign: {"W": p["W"] + s * g.unsqueeze(0)}),
            f=f, sample=lambda gen, m=m, n=n: {"W": randn(gen, m, n)}, n_terms=n + k, control=control)))
    return out


@SM.check("numeric", name="softmax_as_printed")
def softmax_printed(ctx):
    """nn.Softmax over the axis the text names (rows of WX when softmax_over_rows)."""
    try:
        return _run_audits(ctx, _softmax_cases(ctx, ctx.printed["softmax_over_rows"]), "softmax translation")
    except RuntimeError as e:
        return not_checkable(str(e))


@SM.check("numeric", role="correction", name="softmax_over_the_other_axis")
def softmax_columns(ctx):
    """nn.Softmax over the axis the text does *not* name (columns of WX = each sample's logit vector, when the text
    says rows): invariant."""
    return _run_audits(ctx, _softmax_cases(ctx, not ctx.printed["softmax_over_rows"]), "softmax translation (other axis)")


@SM.check("symbolic", role="correction", name="softmax_shift_symbolic")
def softmax_symbolic(ctx):
    """softmax(z + c·1) − softmax(z) for symbolic z ∈ R³, c."""
    z = sp.symbols("z0:3", real=True)
    c = sp.Symbol("c", real=True)
    sm = lambda v: [sp.exp(a) / sum(sp.exp(b) for b in v) for a in v]  # noqa: E731
    return _symbolic_outcome(_sym_zero([a - b for a, b in zip(sm([zi + c for zi in z]), sm(list(z)))]),
                             "softmax(z + c1) − softmax(z)", "z ∈ R³")


# =============================================================================================
# Example 1.2.9 — pointwise activation, permutations
PERM = claim(
    id="zhao2026.ex-1.2.9-pointwise-permutation",
    title="Pointwise activations with identical σ_i: permutation symmetry S_h",
    sources=[(DOC, "Example 1.2.9"), (DOC, "Table 1.1 (Pointwise)"), (DOC, "Section 2.3.3 (permutation aside)")],
    statement="For any pointwise σ with σ_i = σ_j, (W₂g⁻¹, gW₁), g ∈ S_h (permutation matrices), preserves W₂σ(W₁X).",
    kind="identity",
    printed=("W2_power", "W1_power"),
    notes="Control: a per-neuron *different* activation (σ_i ≠ σ_j) breaks the permutation symmetry.",
)


@PERM.check("numeric")
def permutation_invariance(ctx):
    """Sigmoid, GELU, Softplus, Tanh modules with random permutations; control: mixed activations per neuron."""
    P = ctx.printed
    cases = []
    for (m, h, n) in SIZES_2L[:3]:
        for name, mod in [("sigmoid", nn.Sigmoid()), ("gelu", nn.GELU()), ("softplus", nn.Softplus()), ("tanh", nn.Tanh())]:
            net = nn.Sequential(nn.Linear(n, h), mod, nn.Linear(h, m)).to(DT)
            gen = ctx.torch_generator(f"perm{name}{m}{h}{n}")
            X = randn(gen, K, n)

            def act(g, p):
                q = dict(p)
                q["2.weight"] = p["2.weight"] @ mp(g, P["W2_power"])
                q["0.weight"], q["0.bias"] = mp(g, P["W1_power"]) @ p["0.weight"], mp(g, P["W1_power"]) @ p["0.bias"]
                return q

            cases.append((f"{name} (m,h,n)={(m, h, n)}", dict(
                action=GroupAction.matrix("S_h", lambda gen, h=h: rand_perm(gen, h), h, act), f=_fc(net)(X),
                sample=lambda gen, net=net: _params(net, gen), n_terms=h + n)))
    # control: different scalar activations per neuron break S_h
    m, h, n = 2, 3, 2
    gen = ctx.torch_generator("perm-control")
    X = randn(gen, K, n)
    mixed = lambda Z: torch.stack([torch.sigmoid(Z[:, 0]), torch.tanh(Z[:, 1]), torch.relu(Z[:, 2])], 1)  # noqa: E731
    f = lambda p: mixed(X @ p["W1"].T) @ p["W2"].T  # noqa: E731
    p = {"W1": randn(gen, h, n), "W2": randn(gen, m, h)}
    g = torch.eye(h, dtype=DT)[[1, 2, 0]]
    change = float((f(p) - f({"W1": g @ p["W1"], "W2": p["W2"] @ g.T})).abs().max())
    out = _run_audits(ctx, cases, "pointwise/S_h")
    if change < 1e-6:
        raise RuntimeError("control with mixed activations did not change the output")
    out.summary += f"; control with σ_i ≠ σ_j: a 3-cycle changes the output by {change:.2e}"
    return out


# =============================================================================================
# Example 1.2.10 — RBF network, S_k
RBF = claim(
    id="zhao2026.ex-1.2.10-rbf",
    title="Radial basis function networks: permutation symmetry S_k of the centres",
    sources=[(DOC, "Example 1.2.10"), (DOC, "Table 1.1 (Radial basis function)")],
    statement="Σ_i w_i φ(‖x − c_i‖/b_i) is invariant under π·(w_i, b_i, c_i) = (w_{π⁻¹(i)}, b_{π⁻¹(i)}, c_{π⁻¹(i)}), π ∈ S_k.",
    kind="identity",
)


@RBF.check("numeric")
def rbf_invariance(ctx):
    """Gaussian and multiquadric φ; control: permuting only the weights w."""
    cases = []
    for (k, n) in [(3, 2), (5, 4), (2, 1)]:
        for phi_name, phi in [("gauss", lambda r: torch.exp(-r ** 2)), ("multiquadric", lambda r: torch.sqrt(1 + r ** 2))]:
            gen = ctx.torch_generator(f"rbf{k}{n}{phi_name}")
            X = randn(gen, K, n)

            def f(p, X=X, phi=phi):
                r = torch.cdist(X, p["c"]) / p["b"].unsqueeze(0)
                return phi(r) @ p["w"]

            def act(g, p):  # g a permutation matrix: (g v)_i = v_{π⁻¹(i)}
                return {"w": g @ p["w"], "b": g @ p["b"], "c": g @ p["c"]}

            def control(gen, p, k=k):
                g = torch.roll(torch.eye(k, dtype=DT), 1, 0)
                return {"w": g @ p["w"], "b": p["b"], "c": p["c"]}

            cases.append((f"{phi_name} (k,n)={(k, n)}", dict(
                action=GroupAction.matrix("S_k", lambda gen, k=k: rand_perm(gen, k), k, act), f=f,
                sample=lambda gen, k=k, n=n: {"w": randn(gen, k), "b": 0.5 + torch.rand(k, generator=gen, dtype=DT),
                                              "c": randn(gen, k, n)},
                n_terms=k + n, control=control)))
    return _run_audits(ctx, cases, "RBF/S_k")


# =============================================================================================
# Example 1.2.11 — attention, GL_{d_k}
ATT = claim(
    id="zhao2026.ex-1.2.11-attention",
    title="Self-attention has a GL_{d_k} symmetry (W^Q g⁻¹, W^K gᵀ, W^V)",
    sources=[(DOC, "Example 1.2.11"), (DOC, "Figure 1.2(a)")],
    statement="Attention(QW^Q, KW^K, VW^V) = softmax(QW^Q(KW^K)ᵀ/√d_k)VW^V is invariant under (W^Q g⁻¹, W^K gᵀ, W^V), g ∈ GL_{d_k}.",
    kind="identity",
    printed=("WQ_power", "WQ_transpose", "WK_power", "WK_transpose"),
    notes="The printed shapes of Q, K, V are garbled (K ∈ R^{m×p}, Q ∈ R^{n×p}, V ∈ R^{n×r}: V needs as many rows as K); "
    "checked with queries of length N_q and keys/values of length N_k, d_k ≠ d_v, torch's scaled_dot_product_attention.",
)


def _att_pow(g, power, transpose):
    x = mp(g, power)
    return x.T if transpose else x


@ATT.check("numeric")
def attention_invariance(ctx):
    """torch.nn.functional.scaled_dot_product_attention on projected Q, K, V; control: W^K g⁻ᵀ... (g not cancelled)."""
    P = ctx.printed
    cases = []
    for (dm, dk, dv, nq, nk) in [(4, 3, 2, 5, 6), (6, 6, 6, 3, 3), (3, 5, 4, 2, 7)]:
        gen = ctx.torch_generator(f"att{dm}{dk}{dv}")
        Q, Kx, V = randn(gen, nq, dm), randn(gen, nk, dm), randn(gen, nk, dm)
        f = lambda p, Q=Q, Kx=Kx, V=V: F.scaled_dot_product_attention(Q @ p["WQ"], Kx @ p["WK"], V @ p["WV"])  # noqa: E731

        def act(g, p):
            return {"WQ": p["WQ"] @ _att_pow(g, P["WQ_power"], P["WQ_transpose"]),
                    "WK": p["WK"] @ _att_pow(g, P["WK_power"], P["WK_transpose"]), "WV": p["WV"]}

        def control(gen, p, dk=dk):
            g = rand_gl(gen, dk) + 0.5 * torch.eye(dk, dtype=DT)
            return {"WQ": p["WQ"] @ torch.linalg.inv(g), "WK": p["WK"] @ g, "WV": p["WV"]}

        cases.append((f"(d_m,d_k,d_v,N_q,N_k)={(dm, dk, dv, nq, nk)}", dict(
            action=GroupAction.matrix("GL_dk", lambda gen, dk=dk: rand_gl(gen, dk, 0.7), dk, act), f=f,
            sample=lambda gen, dm=dm, dk=dk, dv=dv: {"WQ": randn(gen, dm, dk, scale=0.7), "WK": randn(gen, dm, dk, scale=0.7),
                                                     "WV": randn(gen, dm, dv)},
            n_terms=dm + dk + nk, control=control)))
    return _run_audits(ctx, cases, "attention/GL_dk")


@ATT.check("symbolic")
def attention_symbolic(ctx):
    """(QW^Q g⁻¹)(KW^K gᵀ)ᵀ − QW^Q(KW^K)ᵀ with symbolic 2×2 g and projected queries/keys."""
    P = ctx.printed
    g = sp.Matrix(2, 2, sp.symbols("g0:4"))
    q, k = sp.Matrix(2, 2, sp.symbols("q0:4")), sp.Matrix(3, 2, sp.symbols("k0:6"))
    pw = lambda M, e, t: (M ** e).T if t else M ** e  # noqa: E731
    d = (q * pw(g, P["WQ_power"], P["WQ_transpose"])) * (k * pw(g, P["WK_power"], P["WK_transpose"])).T - q * k.T
    return _symbolic_outcome(_sym_zero(list(d)), "logits(g·θ) − logits(θ)", "generic 2×2 g")


# =============================================================================================
# Example 1.2.12 — multi-head attention
MHA = claim(
    id="zhao2026.ex-1.2.12-multihead",
    title="Multi-head attention: (GL_{d_k})^h, S_h head permutations and per-head (GL_{d_v})^h symmetries",
    sources=[(DOC, "Example 1.2.12"), (DOC, "Figure 1.2(b)"), (DOC, "Section 1.2.2 (text before Example 1.2.12)")],
    statement=(
        "MultiHead(Q,K,V) = Concat(head_1..head_h)W^O is invariant under per-head (W_i^Q g_i⁻¹, W_i^K g_iᵀ), under head "
        "permutations π·(W_i^Q, W_i^K, W_i^V, W_i^O) = (W^Q_{π⁻¹(i)}, …), and under per-head (W_i^V g_i⁻¹, g_i W_i^O), "
        "g_i ∈ GL_{d_v}."
    ),
    kind="identity",
    printed=("WV_power", "WO_power"),
    notes=(
        "Checked on torch.nn.MultiheadAttention (with input/output biases; d_k = d_v = E/h), by acting on its "
        "in_proj_weight/in_proj_bias/out_proj.weight blocks (torch stores Wᵀ). The three families generate a semidirect "
        "product (S_h permutes the per-head factors), not a direct product."
    ),
)


def _mha_setup(ctx, E, H, tag):
    mha = nn.MultiheadAttention(E, H, batch_first=True, dtype=DT)
    gen = ctx.torch_generator(f"mha{E}{H}{tag}")
    q, k, v = randn(gen, 2, 4, E), randn(gen, 2, 5, E), randn(gen, 2, 5, E)
    f = lambda p: functional_call(mha, p, (q, k, v), {"need_weights": False})[0]  # noqa: E731
    return mha, f, (lambda gen: _params(mha, gen, 0.6))


def _blocks(E, H):
    d = E // H
    return [slice(i * d, (i + 1) * d) for i in range(H)]


@MHA.check("numeric")
def mha_invariance(ctx):
    """Real nn.MultiheadAttention: three subgroups audited separately, with controls."""
    P = ctx.printed
    cases = []
    for (E, H) in [(6, 2), (6, 3), (8, 2)]:
        mha, f, sample = _mha_setup(ctx, E, H, "")
        d, B = E // H, _blocks(E, H)

        def _split(p, E=E):
            W, b = p["in_proj_weight"], p["in_proj_bias"]
            return W[:E], W[E:2 * E], W[2 * E:], b[:E], b[E:2 * E], b[2 * E:]

        def _join(p, Wq, Wk, Wv, bq, bk, bv, Wo=None):  # noqa: E306
            q = dict(p)
            q["in_proj_weight"] = torch.cat([Wq, Wk, Wv])
            q["in_proj_bias"] = torch.cat([bq, bk, bv])
            if Wo is not None:
                q["out_proj.weight"] = Wo
            return q

        def act_qk(gs, p, B=B, _split=_split, _join=_join):
            Wq, Wk, Wv, bq, bk, bv = [x.clone() for x in _split(p)]
            for g, s in zip(gs, B):  # book W_i^Q g⁻¹ ↔ torch rows g⁻ᵀ·W; W_i^K gᵀ ↔ g·W
                Wq[s], bq[s] = torch.linalg.inv(g).T @ Wq[s], torch.linalg.inv(g).T @ bq[s]
                Wk[s], bk[s] = g @ Wk[s], g @ bk[s]
            return _join(p, Wq, Wk, Wv, bq, bk, bv)

        def act_v(gs, p, B=B, _split=_split, _join=_join):
            Wq, Wk, Wv, bq, bk, bv = [x.clone() for x in _split(p)]
            Wo = p["out_proj.weight"].clone()
            for g, s in zip(gs, B):  # book W_i^V g^{p_V}, g^{p_O} W_i^O
                gv = mp(g, P["WV_power"])
                Wv[s], bv[s] = gv.T @ Wv[s], gv.T @ bv[s]
                Wo[:, s] = Wo[:, s] @ mp(g, P["WO_power"]).T
            return _join(p, Wq, Wk, Wv, bq, bk, bv, Wo)

        def act_perm(perm, p, B=B, H=H, _split=_split, _join=_join):
            Wq, Wk, Wv, bq, bk, bv = _split(p)
            Wo = p["out_proj.weight"]
            inv = [perm.index(i) for i in range(H)]
            cat = lambda X, dim=0: torch.cat([X[B[j]] if dim == 0 else X[:, B[j]] for j in inv], dim)  # noqa: E731
            return _join(p, cat(Wq), cat(Wk), cat(Wv), cat(bq), cat(bk), cat(bv), cat(Wo, 1))

        tup = lambda fn, H=H: (lambda gen: tuple(fn(gen) for _ in range(H)))  # noqa: E731
        prod = GroupAction("(GL)^h", None, lambda H=H, d=d: tuple(torch.eye(d, dtype=DT) for _ in range(H)),
                           lambda a, b: tuple(x @ y for x, y in zip(a, b)), lambda a: tuple(torch.linalg.inv(x) for x in a), None)

        def ctl_qk(gen, p, H=H, d=d, B=B, _split=_split, _join=_join):  # the same g on both Q and K: not cancelled
            gs = [rand_gl(gen, d) + 0.5 * torch.eye(d, dtype=DT) for _ in range(H)]
            Wq, Wk, Wv, bq, bk, bv = [x.clone() for x in _split(p)]
            for g, s in zip(gs, B):
                Wq[s], bq[s], Wk[s], bk[s] = g @ Wq[s], g @ bq[s], g @ Wk[s], g @ bk[s]
            return _join(p, Wq, Wk, Wv, bq, bk, bv)

        def ctl_v(gen, p, H=H, d=d, B=B, _split=_split, _join=_join):  # transform V but not W^O
            gs = [rand_gl(gen, d) + 0.5 * torch.eye(d, dtype=DT) for _ in range(H)]
            Wq, Wk, Wv, bq, bk, bv = [x.clone() for x in _split(p)]
            for g, s in zip(gs, B):
                Wv[s] = g @ Wv[s]
            return _join(p, Wq, Wk, Wv, bq, bk, bv)

        def ctl_perm(gen, p, H=H, act_perm=act_perm):  # permute Q/K/V heads but not the W^O blocks
            perm = list(range(1, H)) + [0]
            q = act_perm(perm, p)
            q["out_proj.weight"] = p["out_proj.weight"]
            return q

        import dataclasses as dc

        cases.append((f"(GL_dk)^h E={E} h={H}", dict(action=dc.replace(prod, sample=tup(lambda gen, d=d: rand_gl(gen, d, 0.5)), act=act_qk),
                                                      f=f, sample=sample, n_terms=3 * E, control=ctl_qk)))
        cases.append((f"(GL_dv)^h E={E} h={H}", dict(action=dc.replace(prod, sample=tup(lambda gen, d=d: rand_gl(gen, d, 0.5)), act=act_v),
                                                      f=f, sample=sample, n_terms=3 * E, control=ctl_v)))
        perm_action = GroupAction("S_h", lambda gen, H=H: torch.randperm(H, generator=gen).tolist(), lambda H=H: list(range(H)),
                                  lambda a, b: [a[b[i]] for i in range(len(a))], lambda a: [a.index(i) for i in range(len(a))],
                                  act_perm)
        cases.append((f"S_h E={E} h={H}", dict(action=perm_action, f=f, sample=sample, n_terms=3 * E, control=ctl_perm)))
    return _run_audits(ctx, cases, "multi-head attention")


WO = claim(
    id="zhao2026.ex-1.2.12-WO-blocks",
    title="W_i^O = rows d_v·i + 1 … d_v·(i+1) of W^O",
    sources=[(DOC, "Example 1.2.12")],
    statement="For i = 1, …, h, W_i^O ∈ R^{d_v×d_m} is the matrix formed by rows d_v·i + 1 to d_v·(i+1) of W^O ∈ R^{hd_v×d_m}.",
    kind="identity",
    printed=("first_row", "last_row"),
    corrected_statement="W_i^O is formed by rows d_v(i−1) + 1 to d_v·i (i = 1..h); the printed indices are those of a 0-based i.",
)


@WO.check("exact", name="blocks_partition_rows")
def wo_blocks(ctx):
    """The printed row ranges, for i = 1..h, must partition rows 1..h·d_v (the blocks each head's output multiplies)."""
    first = integer_function(ctx.printed["first_row"], ("i", "d_v"))
    last = integer_function(ctx.printed["last_row"], ("i", "d_v"))
    for H in range(1, 5):
        for dv in range(1, 4):
            rows = [r for i in range(1, H + 1) for r in range(first(i, dv), last(i, dv) + 1)]
            if rows != list(range(1, H * dv + 1)):
                return failed(f"h={H}, d_v={dv}: printed blocks cover rows {rows[:8]}… instead of 1..{H * dv}",
                              counterexample={"h": H, "d_v": dv, "rows": rows})
    return passed("printed blocks partition the rows of W^O for h ≤ 4, d_v ≤ 3")


@WO.check("exact", role="correction", name="printed_blocks_are_zero_based")
def wo_zero_based(ctx):
    """With a 0-based head index i = 0..h−1 the printed ranges do partition rows 1..h·d_v."""
    first = integer_function(ctx.printed["first_row"], ("i", "d_v"))
    last = integer_function(ctx.printed["last_row"], ("i", "d_v"))
    for H in range(1, 5):
        for dv in range(1, 4):
            rows = [r for i in range(0, H) for r in range(first(i, dv), last(i, dv) + 1)]
            if rows != list(range(1, H * dv + 1)):
                return failed(f"0-based reading fails at h={H}, d_v={dv}", counterexample={"h": H, "d_v": dv, "rows": rows})
    return passed("read with i = 0..h−1, the printed ranges partition the rows of W^O (h ≤ 4, d_v ≤ 3)")


@WO.check("exact", role="correction", name="one_based_blocks")
def wo_blocks_corrected(ctx):
    """Rows d_v(i−1)+1 … d_v·i partition 1..h·d_v (and are the blocks used in the multi-head check)."""
    for H in range(1, 5):
        for dv in range(1, 4):
            rows = [r for i in range(1, H + 1) for r in range(dv * (i - 1) + 1, dv * i + 1)]
            if rows != list(range(1, H * dv + 1)):
                return failed("corrected blocks do not partition", counterexample={"h": H, "d_v": dv})
    return passed("rows d_v(i−1)+1..d_v·i, i = 1..h, partition the rows of W^O")


# =============================================================================================
# Example 1.2.13 — LoRA
LORA = claim(
    id="zhao2026.ex-1.2.13-lora",
    title="LoRA W + UV has a GL_r symmetry (Ug⁻¹, gV)",
    sources=[(DOC, "Example 1.2.13")],
    statement="For W ∈ R^{n×m}, U ∈ R^{n×r}, V ∈ R^{r×m}: g·(U, V) = (Ug⁻¹, gV), g ∈ GL_r, preserves W + UV.",
    kind="identity",
    printed=("U_power", "V_power"),
)


@LORA.check("numeric")
def lora_invariance(ctx):
    """F.linear(x, W + UV, b) for a frozen random pretrained W; control: (Ug⁻¹, g'V) with g' ≠ g."""
    P = ctx.printed
    cases = []
    for (n, m, r) in [(5, 4, 2), (3, 6, 3), (4, 4, 1)]:
        gen = ctx.torch_generator(f"lora{n}{m}{r}")
        W0, b0, X = randn(gen, n, m), randn(gen, n), randn(gen, K, m)
        f = lambda p, W0=W0, b0=b0, X=X: F.linear(X, W0 + p["U"] @ p["V"], b0)  # noqa: E731

        def act(g, p):
            return {"U": p["U"] @ mp(g, P["U_power"]), "V": mp(g, P["V_power"]) @ p["V"]}

        def control(gen, p, r=r):
            return {"U": p["U"] @ torch.linalg.inv(rand_gl(gen, r)), "V": rand_gl(gen, r) @ p["V"]}

        cases.append((f"(n,m,r)={(n, m, r)}", dict(action=GroupAction.matrix("GL_r", lambda gen, r=r: rand_gl(gen, r), r, act),
                                                    f=f, sample=lambda gen, n=n, m=m, r=r: {"U": randn(gen, n, r), "V": randn(gen, r, m)},
                                                    n_terms=r + m, control=control)))
    return _run_audits(ctx, cases, "LoRA/GL_r")


@LORA.check("symbolic")
def lora_symbolic(ctx):
    """U g^{p}·g^{q} V − UV with generic symbolic 2×2 g."""
    P = ctx.printed
    g = sp.Matrix(2, 2, sp.symbols("g0:4"))
    U, V = sp.Matrix(2, 2, sp.symbols("u0:4")), sp.Matrix(2, 3, sp.symbols("v0:6"))
    d = U * g ** P["U_power"] * g ** P["V_power"] * V - U * V
    return _symbolic_outcome(_sym_zero(list(d)), "Ug⁻¹gV − UV", "generic 2×2 g")


# =============================================================================================
# Example 1.3.2 — self-supervised loss symmetry
SSL = claim(
    id="zhao2026.ex-1.3.2-ssl",
    title="SSL loss depending on f(x)ᵀf(x′) of a linear f = Wx has an O(m) loss symmetry that changes f",
    sources=[(DOC, "Example 1.3.2"), (DOC, "Definition 1.3.1")],
    statement="If L depends on f only through f(x)ᵀf(x′), f(W,x) = Wx, then W ↦ gW, g ∈ O(m), preserves L but not f.",
    kind="identity",
    printed=("orthogonal",),
)


@SSL.check("numeric")
def ssl_invariance(ctx):
    """InfoNCE (F.cross_entropy on the similarity matrix of two views) is invariant; f itself changes."""
    cases, changes = [], []
    for (m, n, B) in [(3, 4, 6), (5, 2, 8), (2, 6, 5)]:
        gen = ctx.torch_generator(f"ssl{m}{n}{B}")
        X1 = randn(gen, B, n)
        X2 = X1 + 0.1 * randn(gen, B, n)
        loss = lambda p, X1=X1, X2=X2: F.cross_entropy((X1 @ p["W"].T) @ (X2 @ p["W"].T).T / 0.5, torch.arange(len(X1)))  # noqa: E731
        sample_g = (lambda gen, m=m: rand_orthogonal(gen, m)) if ctx.printed["orthogonal"] else (lambda gen, m=m: rand_gl(gen, m))
        act = lambda g, p: {"W": g @ p["W"]}  # noqa: E731

        def control(gen, p, m=m):
            return {"W": (rand_orthogonal(gen, m) @ torch.diag(torch.linspace(0.5, 1.5, m, dtype=DT))) @ p["W"]}

        cases.append((f"(m,n,B)={(m, n, B)}", dict(action=GroupAction.matrix("O(m)", sample_g, m, act), f=loss,
                                                    sample=lambda gen, m=m, n=n: {"W": randn(gen, m, n)}, n_terms=B * (n + m),
                                                    control=control)))
        p = {"W": randn(gen, m, n)}
        changes.append(float((X1 @ (rand_orthogonal(gen, m) @ p["W"]).T - X1 @ p["W"].T).abs().max()))
    out = _run_audits(ctx, cases, "SSL/O(m)")
    if min(changes) < 1e-3:
        return failed("f unchanged by the rotation: not a loss-only symmetry", counterexample={"changes": changes})
    out.summary += f"; the network output itself changes (min max|gWx − Wx| = {min(changes):.2f}): a loss, not functional, symmetry"
    return out


# =============================================================================================
# Example 1.3.7 — distribution symmetry
DIST = claim(
    id="zhao2026.ex-1.3.7-distribution",
    title="E[Wx − W*x] is invariant under W ↦ WA⁻¹ for invertible A with Ax̄ = x̄",
    sources=[(DOC, "Example 1.3.7"), (DOC, "Definition 1.3.6")],
    statement=(
        "F(W,(x,y)) = Wx − y, y = W*x, x ∼ D_x with mean x̄; G = {A ∈ GL_n : Ax̄ = x̄} acting by A·W = WA⁻¹ is a "
        "distribution symmetry: E[F(A·W,(x,y))] = E[F(W,(x,y))]."
    ),
    kind="identity",
    printed=("fixes_mean",),
    notes="Printed domain F: R^{m×n} × (Rⁿ × Rⁿ) → R^m should be R^{m×n} × (Rⁿ × R^m) (y = W*x ∈ R^m). "
    "Checked exactly with a finite rational distribution (the expectation is a finite weighted sum).",
)


@DIST.check("exact")
def distribution_exact(ctx):
    """Exact rational arithmetic: finite distributions, A = I + C(I − x̄x̄ᵀ/|x̄|²) (fixes x̄); group closure; per-sample F changes."""
    from fractions import Fraction

    rng = ctx.rng("dist")
    fixes = ctx.printed["fixes_mean"]
    cases = 0
    for (m, n, N) in [(2, 3, 4), (3, 2, 5), (1, 4, 3)]:
        for _ in range(ctx.size(5, 30)):
            xs = sp.Matrix(n, N, [Fraction(int(a), int(b)) for a, b in zip(rng.integers(-5, 6, n * N), rng.integers(1, 4, n * N))])
            w = [Fraction(int(a)) for a in rng.integers(1, 5, N)]
            p = sp.Matrix([sp.Rational(x, sum(w)) for x in w])
            xbar = xs * p
            if xbar.norm() == 0:
                continue
            W = sp.Matrix(m, n, [sp.Rational(int(a), 3) for a in rng.integers(-6, 7, m * n)])
            Wstar = sp.Matrix(m, n, [sp.Rational(int(a), 2) for a in rng.integers(-6, 7, m * n)])

            def sample_A():
                while True:
                    C = sp.Matrix(n, n, [sp.Rational(int(a), 4) for a in rng.integers(-4, 5, n * n)])
                    Pm = sp.eye(n) - xbar * xbar.T / (xbar.T * xbar)[0] if fixes else sp.eye(n)
                    A = sp.eye(n) + C * Pm
                    if A.det() != 0:
                        return A

            A, B = sample_A(), sample_A()
            E = lambda Wm: (Wm * xs - Wstar * xs) * p  # noqa: E731
            if E(W * A.inv()) != E(W):
                return failed("E[F(A·W)] ≠ E[F(W)]", counterexample={"A": str(A), "xbar": str(xbar), "W": str(W)})
            if (A * B) * xbar != xbar or A.inv() * xbar != xbar:
                return failed("G not closed", counterexample={"A": str(A), "B": str(B)})
            if (W * (A * B).inv()) != (W * B.inv()) * A.inv():
                return failed("not an action", counterexample={"A": str(A), "B": str(B)})
            cases += 1
    # control: the per-sample F changes, and A not fixing x̄ changes E
    return passed(f"exact equality E[F(WA⁻¹)] = E[F(W)] on {cases} random rational (distribution, W, A); G closed under "
                  "products and inverses; (AB)·W = A·(B·W)", cases=cases)


@DIST.check("numeric", role="proof-step", name="not_functional_and_discriminating")
def distribution_control(ctx):
    """Per-sample F changes (only the expectation is invariant), and A with Ax̄ ≠ x̄ changes the expectation."""
    gen = ctx.torch_generator("dist-ctl")
    n, m, N = 3, 2, 6
    xs, W = randn(gen, n, N) + 1.0, randn(gen, m, n)
    xbar = xs.mean(1)
    A = torch.eye(n, dtype=DT) + randn(gen, n, n) @ (torch.eye(n, dtype=DT) - torch.outer(xbar, xbar) / xbar.dot(xbar))
    per_sample = float((W @ torch.linalg.inv(A) @ xs - W @ xs).abs().max())
    B = rand_gl(gen, n)
    mean_change = float((W @ torch.linalg.inv(B) @ xbar - W @ xbar).abs().max())
    if per_sample < 1e-6 or mean_change < 1e-6:
        return failed("control did not change", counterexample={"per_sample": per_sample, "mean_change": mean_change})
    return passed(f"per-sample output changes by {per_sample:.2f} (distribution, not functional, symmetry); "
                  f"an A not fixing x̄ changes the expectation by {mean_change:.2f}")


# =============================================================================================
# Multi-layer inheritance (Section 1.2.1 closing paragraph; Proposition A.2.3)
ML = claim(
    id="zhao2026.multilayer-inheritance",
    title="Deep networks inherit the two-layer symmetries at every hidden layer simultaneously",
    sources=[(DOC, "Section 1.2.1 (paragraph after Table 1.1)"), (DOC, "Proposition A.2.3"), (DOC, "Equation A.9")],
    statement=(
        "With σ_i(g_i z) = π_i(g_i)σ_i(z) at every hidden layer, the action g·W_i = g_i W_i π_{i−1}(g_{i−1}⁻¹), "
        "g·b_i = g_i b_i (g_0 = g_L = id) preserves the feedforward function."
    ),
    kind="identity",
    printed=("left_power", "right_power"),
)


@ML.check("numeric")
def multilayer_invariance(ctx):
    """Linear→LeakyReLU(T+)→Linear→radial(O)→Linear→tanh(Z₂^h)→Linear→identity(GL)→Linear, all groups at once."""
    P = ctx.printed
    widths = [3, 4, 3, 5, 2, 2]
    acts = [nn.LeakyReLU(0.05), Radial(torch.sigmoid), nn.Tanh(), nn.Identity()]
    samplers = [lambda gen: rand_positive_diag(gen, 4), lambda gen: rand_orthogonal(gen, 3),
                lambda gen: rand_sign_diag(gen, 5), lambda gen: rand_gl(gen, 2)]
    layers = []
    for i in range(len(widths) - 1):
        layers.append(nn.Linear(widths[i], widths[i + 1]))
        if i < len(acts):
            layers.append(acts[i])
    net = nn.Sequential(*layers).to(DT)
    lin_names = [n for n, mod in net.named_modules() if isinstance(mod, nn.Linear)]
    gen = ctx.torch_generator("ml")
    X = randn(gen, K, widths[0])

    def act(gs, p):
        q = dict(p)
        full = [None] + list(gs) + [None]
        for i, name in enumerate(lin_names):
            W, b = p[f"{name}.weight"], p[f"{name}.bias"]
            gl, gr = full[i + 1], full[i]
            if gl is not None:
                W, b = mp(gl, P["left_power"]) @ W, mp(gl, P["left_power"]) @ b
            if gr is not None:
                W = W @ mp(gr, P["right_power"])
            q[f"{name}.weight"], q[f"{name}.bias"] = W, b
        return q

    action = GroupAction("T+ × O × Z2 × GL", lambda gen: tuple(s(gen) for s in samplers),
                         lambda: tuple(torch.eye(w, dtype=DT) for w in widths[1:5]),
                         lambda a, b: tuple(x @ y for x, y in zip(a, b)), lambda a: tuple(torch.linalg.inv(x) for x in a), act)

    def control(gen, p):  # a GL element at the LeakyReLU layer instead of a positive diagonal
        gs = list(action.sample(gen))
        gs[0] = rand_gl(gen, 4) + 0.5 * torch.eye(4, dtype=DT)
        return act(tuple(gs), p)

    return _run_audits(ctx, [("widths 3-4-3-5-2-2", dict(action=action, f=_fc(net)(X), sample=lambda gen: _params(net, gen, 0.8),
                                                          n_terms=sum(widths), control=control))], "multi-layer")


# =============================================================================================
# Section 1.1 — loss-invariant bijections form a group
GRP = claim(
    id="zhao2026.sec-1.1-group",
    title="The loss-invariant bijections of Param form a group under composition",
    sources=[(DOC, "Section 1.1"), (DOC, "Definition 1.1.1")],
    statement="The set G_{Θ,L} of bijections T: Param → Param with L∘T = L is a group under composition.",
    kind="identity",
    notes="Checked exhaustively on finite parameter sets (all bijections enumerated): closure, identity, inverses, and "
    "|G_{Θ,L}| = Π over level sets of (size)!, i.e. G_{Θ,L} is the product of the symmetric groups of the level sets.",
)


@GRP.check("exact")
def finite_group(ctx):
    """Exhaustive on |Param| ≤ 6 with random integer losses."""
    rng = ctx.rng("grp")
    cases = 0
    for size in range(1, 7):
        for _ in range(3):
            L = [int(v) for v in rng.integers(0, 3, size)]
            Gset = {T for T in itertools.permutations(range(size)) if all(L[T[i]] == L[i] for i in range(size))}
            comp = lambda a, b: tuple(a[b[i]] for i in range(size))  # noqa: E731
            ident = tuple(range(size))
            inv = lambda a: tuple(sorted(range(size), key=lambda i: a[i]))  # noqa: E731
            ok = ident in Gset and all(comp(a, b) in Gset for a in Gset for b in Gset) and all(inv(a) in Gset for a in Gset)
            expect = math.prod(math.factorial(L.count(v)) for v in set(L))
            if not ok or len(Gset) != expect:
                return failed("not a group / wrong order", counterexample={"L": L, "order": len(Gset), "expected": expect})
            cases += 1
    return passed(f"closure, identity, inverses and order Π(level-set size)! on {cases} finite losses", cases=cases)


# =============================================================================================
# Equation 2.4 — the equivariance condition is necessary as well as sufficient
IFF = claim(
    id="zhao2026.eq-2.4-iff",
    title="The action (Uπ(g⁻¹), gV) is a symmetry iff σ(gz) = π(g)σ(z) for all g, z",
    sources=[(DOC, "Equations 2.3–2.4 (Section 2.3.3)")],
    statement=(
        "The action g·U = Uπ(g⁻¹), g·V = gV becomes a symmetry of L if and only if σ(gz) = π(g)σ(z) for all g ∈ G, z ∈ R^h."
    ),
    kind="identity",
    notes=(
        "Read with L invariant for all parameters and all data (the functional reading of Definition 1.2.1): then the "
        "'only if' holds — if σ(gz₀) ≠ π(g)σ(z₀), take m = h, U = I, V = z₀e₁ᵀ, x = e₁ and the target y = F(θ, x): "
        "L(θ) = 0 < L(g·θ). For one fixed batch (the convention of Section 2.3.1) 'only if' can fail for degenerate data: "
        "with X = 0 and σ(0) = 0 (tanh) every g ∈ GL_h leaves L unchanged although tanh is only Z₂^h ⋊ S_h-equivariant; "
        "the check shows this too."
    ),
)


@IFF.check("numeric", name="only_if_direction")
def iff_only_if(ctx):
    """For non-equivariant (σ, g, π): a violating z₀ is found and (U = I, V = z₀e₁ᵀ, x = e₁, y = F(θ,x)) has L(g·θ) > 0 = L(θ);
    for equivariant triples L is unchanged."""
    gen = ctx.torch_generator("iff")
    h, n = 3, 2
    triples = [
        ("tanh / positive scaling", torch.tanh, lambda gen: rand_positive_diag(gen, h), lambda g: g, False),
        ("sigmoid / GL_h", torch.sigmoid, lambda gen: rand_gl(gen, h), lambda g: g, False),
        ("LeakyReLU / diag with a negative entry", nn.LeakyReLU(0.1),
         lambda gen: rand_positive_diag(gen, h) @ torch.diag(torch.tensor([-1.0, 1.0, 1.0], dtype=DT)), lambda g: g, False),
        ("ReLU / positive scaling with π(g) = g² (wrong π)", torch.relu, lambda gen: rand_positive_diag(gen, h), lambda g: g @ g, False),
        ("LeakyReLU / positive scaling, π(g) = g", nn.LeakyReLU(0.1), lambda gen: rand_positive_diag(gen, h), lambda g: g, True),
        ("radial / O(h)", lambda z: torch.sigmoid(z.norm(dim=0, keepdim=True)) * z, lambda gen: rand_orthogonal(gen, h), lambda g: g, True),
    ]
    rows = []
    for name, sigma, sample, pi, equivariant in triples:
        g = sample(gen)
        Z = randn(gen, h, 400, scale=2.0)
        viol = (sigma(g @ Z) - pi(g) @ sigma(Z)).abs().max(dim=0).values
        j = int(torch.argmax(viol))
        z0 = Z[:, j]
        V = torch.outer(z0, torch.eye(n, dtype=DT)[0])
        x = torch.eye(n, dtype=DT)[:, :1]
        U = torch.eye(h, dtype=DT)
        F = lambda U, V: U @ sigma(V @ x)  # noqa: E731
        y = F(U, V)
        L1 = float(((F(U @ torch.linalg.inv(pi(g)), g @ V) - y) ** 2).sum())
        rows.append([name, f"{float(viol[j]):.2e}", f"{L1:.2e}"])
        if equivariant and (float(viol[j]) > 1e-12 or L1 > 1e-24):
            return failed(f"{name}: equivariant triple changes the loss ({L1:.2e})", counterexample={"case": name, "L": L1})
        if not equivariant and L1 < 1e-8:
            return failed(f"{name}: equivariance fails (by {float(viol[j]):.2e}) but the constructed data leave L invariant",
                          counterexample={"case": name, "z0": z0.tolist(), "L": L1})
    # fixed-batch caveat: X = 0 with tanh and arbitrary GL_h
    g = rand_gl(gen, h)
    U0, V0, X0 = randn(gen, 2, h), randn(gen, h, n), torch.zeros(n, 4, dtype=DT)
    dL = float((U0 @ torch.linalg.inv(g) @ torch.tanh(g @ V0 @ X0) - U0 @ torch.tanh(V0 @ X0)).abs().max())
    return passed("non-equivariant triples: a violating z₀ gives data with L(θ) = 0 < L(g·θ); equivariant triples leave L "
                  f"unchanged. (Fixed-batch caveat: X = 0, tanh, arbitrary g ∈ GL_h changes F by {dL:.1e}: 'only if' needs "
                  "invariance for all data.)", cases=len(rows),
                  tables=[{"title": "σ(gz₀) − π(g)σ(z₀) and the loss after the action (loss before = 0)",
                           "columns": ["(σ, G, π)", "max violation", "L(g·θ)"], "rows": rows}])
