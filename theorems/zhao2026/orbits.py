"""Dimensions of generic orbits of the hidden symmetry groups (Theorem 2.3.8, Prop. A.2.9, Cor. A.2.10).

Two-layer network (U, V) ∈ R^{m×h} × R^{h×n}, g·(U, V) = (U π(g)⁻¹, gV).  The truth is the rank of
the infinitesimal action, computed at the *same* random rational point twice:

1. exactly — columns (−U·dπ(M), M·V) over a Lie-algebra basis, fraction-exact row reduction;
2. numerically — torch autograd Jacobian at a = 0 of a ↦ exp(Σ a_k M_k)·(U, V) (matrix
   exponential of the group element itself), singular-value rank with tolerance
   max(shape)·eps·s_max·1e3 and the singular-value gap reported.

The two must agree (otherwise the check errors out rather than guess).  A random rational point is
generic with probability one; the formulas are evaluated from ``cases/zhao2026/orbits.toml``.
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache

import numpy as np

from verify import claim, failed, passed
from verify.group_actions import as_torch, rational_matrix
from verify.orbit_dimension import (
    full_rank,
    generic_truth,
    orbit_dim_exact,
    orbit_dim_numeric,
    special_full_rank_point,
)
from verify.printed_formula import integer_function
from verify.sweep import compare_over

from . import DOC

ARGS = ("m", "h", "n")


def _grid(ctx):
    M = ctx.size(3, 5)
    H = ctx.size(6, 8)
    cases = [(m, h, n) for m in range(1, M + 1) for h in range(1, H + 1) for n in range(1, M + 1)]
    return sorted(cases, key=lambda c: (sum(c), c))


@lru_cache(maxsize=None)
def _rank_at_random_point(group: str, m: int, h: int, n: int, seed: int) -> tuple[int, float]:
    """(exact rank, numeric gap) at a random rational point; numeric rank must agree."""
    rng = np.random.default_rng([seed, m, h, n, len(group)])
    for _ in range(20):
        U, V = rational_matrix(rng, m, h), rational_matrix(rng, h, n)
        if full_rank(U) and full_rank(V):
            break
    e = orbit_dim_exact(U, V, group)
    nr = orbit_dim_numeric(as_torch(U), as_torch(V), group)
    if nr.rank != e:
        raise ArithmeticError(
            f"{group} at (m,h,n)={(m, h, n)}: numeric rank {nr.rank} ({nr.why}) != exact rank {e}")
    return e, nr.gap


def _truth(group: str, seed: int):
    return lambda m, h, n: _rank_at_random_point(group, m, h, n, seed)[0]


def _thm_table(ctx):
    """Theorem 2.3.8's two columns as one function: h < max → low, h > max → high, h = max → both (must agree)."""
    low = integer_function(ctx.printed["thm_low"], ARGS)
    high_f = integer_function(ctx.printed["thm_high"], ARGS)

    def f(m, h, n):
        k = max(m, n)
        if h < k:
            return low(m, h, n)
        if h > k:
            return high_f(m, h, n)
        a, b = low(m, h, n), high_f(m, h, n)
        return a if a == b else f"{a} (h ≤ max column) ≠ {b} (h ≥ max column)"

    return f


def _gap_note(group, ctx):
    gaps = [_rank_at_random_point(group, *c, ctx.seed)[1] for c in _grid(ctx)]
    finite = [g for g in gaps if g != float("inf")]
    return f"; numeric rank = exact rank everywhere, smallest singular-value gap {min(finite):.1e}" if finite else ""


HOW = "rank of the infinitesimal action at a random rational point (exact = autograd)"

# ---------------------------------------------------------------------------------------------
LIN = claim(
    id="zhao2026.orbit-dim-linear",
    title="GL_h-orbits of two-layer parameters have dimension h² − (h−n)⁺(h−m)⁺",
    sources=[(DOC, "Theorem 2.3.8 (row Identity)"), (DOC, "Proposition A.2.9"), (DOC, "Corollary A.2.10 (row Linear)")],
    statement=(
        "For Param = R^{m×h} × R^{h×n} with g·(U,V) = (Ug⁻¹, gV), g ∈ GL_h: the generic orbit has dimension h² "
        "when h ≤ max(n,m) and h(n+m) − nm when h ≥ max(n,m) (Thm 2.3.8); every (U,V) with U and V of full rank "
        "has orbit dimension h² − max(0,h−n)·max(0,h−m) (Prop. A.2.9, Cor. A.2.10)."
    ),
    latex=r"\dim \mathrm{GL}_h\cdot(U,V) = h^2-\max(0,h-n)\max(0,h-m)",
    hypotheses=("U ∈ R^{m×h}, V ∈ R^{h×n} of full rank (Param°)",),
    kind="dimension",
    printed=("thm_low", "thm_high", "prop_A29"),
    notes=(
        "Independent derivation: the stabiliser algebra is {X : UX = 0, XV = 0} = ker U ⊗ ker Vᵀ, of dimension "
        "(h − rank U)(h − rank V). The proof's footnote-3 path argument (dimension of an intersection of conjugates "
        "is constant along a path) is not valid in general, but the conclusion holds here because the stabiliser "
        "dimension is the same at every full-rank point. Typo in the proof: the last h−n *rows* (not columns) of "
        "V₀ are zero."
    ),
)


@LIN.check("exact", name="theorem_2_3_8_table")
def lin_table(ctx):
    """Theorem 2.3.8's two regimes against the rank at random rational points over a grid of (m, h, n)."""
    out = compare_over(_grid(ctx), _thm_table(ctx), _truth("GL", ctx.seed), "GL_h orbit dimension (Thm 2.3.8)", HOW)
    if out.status == "pass":
        out.summary += _gap_note("GL", ctx)
    return out


@LIN.check("exact", name="prop_A_2_9_generic")
def lin_prop(ctx):
    """Prop. A.2.9's formula against the rank at random (full-rank) rational points."""
    return compare_over(_grid(ctx), integer_function(ctx.printed["prop_A29"], ARGS), _truth("GL", ctx.seed),
                        "GL_h orbit dimension (Prop. A.2.9)", HOW)


@LIN.check("exact", name="prop_A_2_9_every_full_rank_point")
def lin_every_point(ctx):
    """'Each element of Param°': also the special full-rank points (U₀, V₀) of the proof and full-rank points
    with zero columns/rows (non-generic but in Param°)."""
    f = integer_function(ctx.printed["prop_A29"], ARGS)
    rng = ctx.rng("special")
    n_cases = 0
    for (m, h, n) in _grid(ctx)[: ctx.size(30, 10 ** 6)]:
        pts = [special_full_rank_point(m, h, n)]
        U, V = rational_matrix(rng, m, h), rational_matrix(rng, h, n)
        if h > m:
            U[:, -1] = Fraction(0)  # a dead outgoing column, still rank m
        if h > n:
            V[0, :] = Fraction(0)
        pts.append((U, V))
        for U, V in pts:
            if not (full_rank(U) and full_rank(V)):
                continue
            n_cases += 1
            d = orbit_dim_exact(U, V, "GL")
            if d != f(m, h, n):
                return failed(f"at a full-rank point with (m,h,n)={(m, h, n)} the orbit has dimension {d}, printed {f(m, h, n)}",
                              counterexample={"m": m, "h": h, "n": n, "U": U.tolist(), "V": V.tolist(), "orbit_dim": d})
    return passed(f"printed formula = exact orbit dimension at {n_cases} non-generic full-rank points "
                  "((U₀,V₀) of the proof, and points with zero columns of U / zero rows of V)", cases=n_cases)


@LIN.check("exact", role="proof-step", name="stabiliser_of_U0_V0")
def lin_proof_stab(ctx):
    """Proof of A.2.9: dim Stab(U₀) ∩ Stab(V₀) = (h−n)(h−m) for h > max(n, m) (exact rank)."""
    f = integer_function(ctx.printed["stab_U0_V0"], ARGS)
    cases = [c for c in _grid(ctx) if c[1] > max(c[0], c[2])]
    return compare_over(cases, f, lambda m, h, n: h * h - orbit_dim_exact(*special_full_rank_point(m, h, n), "GL"),
                        "dim Stab(U₀) ∩ Stab(V₀)", "h² − rank of the infinitesimal action at (U₀, V₀)")


# ---------------------------------------------------------------------------------------------
HOM = claim(
    id="zhao2026.orbit-dim-homogeneous",
    title="Generic orbits of the positive rescaling group T₊(h) have dimension min(h, max(n,m))",
    sources=[(DOC, "Theorem 2.3.8 (row Homogeneous)"), (DOC, "Corollary A.2.10 (row Homogeneous)")],
    statement=(
        "For a homogeneous activation and the positive rescaling group T₊(h) (diagonal, positive entries) acting by "
        "(Ug^{−α}, gV), the generic orbit in Param has dimension h if h ≤ max(n,m) and max(n,m) if h ≥ max(n,m), "
        "i.e. min(h, max(n,m)) (Cor. A.2.10: 'the orbit of a point in Param°', 'dimension of generic orbit')."
    ),
    latex=r"\dim T_+(h)\cdot(U,V) \overset{?}{=} \min(h,\max(n,m))",
    hypotheses=("U, V generic (in particular of full rank)",),
    kind="dimension",
    depends=("zhao2026.orbit-dim-linear",),
    printed=("thm_low", "thm_high", "cor_A210"),
    corrected_statement=(
        "The generic T₊(h)-orbit has dimension h for all (m, h, n): the stabiliser algebra consists of diagonal d with "
        "d_j·U[:,j] = 0 and d_j·V[j,:] = 0, which is 0 as soon as no hidden neuron has both a zero outgoing column and a "
        "zero incoming row. The printed max(n,m) (h ≥ max(n,m)) is the orbit dimension at the special point (U₀, V₀) "
        "= ([id 0], [id; 0]) of the proof — the *minimum* over Param°, not the generic value."
    ),
    notes=(
        "The proof computes the stabiliser of (U₀, V₀) and transports it by conjugation; this works for GL_h (whose "
        "stabiliser dimension is the same at every full-rank point) but T₊(h) is not closed under conjugation by the g₁, g₂ "
        "of the proof, and (U₀, V₀) has h − max(n,m) neurons with zero in- and out-weights. Smallest counterexample: "
        "m = n = 1, h = 2: U = [1 1], V = [1; 1] has the 2-dimensional orbit {([1/c₁ 1/c₂], [c₁; c₂])}, printed 1."
    ),
)


@HOM.check("exact", name="theorem_2_3_8_table")
def hom_table(ctx):
    """Theorem 2.3.8's homogeneous row against the rank at random rational points."""
    return compare_over(_grid(ctx), _thm_table(ctx), _truth("T+", ctx.seed), "T₊(h) orbit dimension (Thm 2.3.8)", HOW)


@HOM.check("exact", name="corollary_A_2_10")
def hom_cor(ctx):
    """Cor. A.2.10's min(h, max(n,m)) against the rank at random rational points."""
    return compare_over(_grid(ctx), integer_function(ctx.printed["cor_A210"], ARGS), _truth("T+", ctx.seed),
                        "T₊(h) orbit dimension (Cor. A.2.10)", HOW)


@HOM.check("exact", role="correction", name="generic_dimension_is_h")
def hom_corrected(ctx):
    """Corrected: the generic orbit dimension is h, at every grid size (and for α ≠ 1 too)."""
    out = compare_over(_grid(ctx), lambda m, h, n: h, _truth("T+", ctx.seed), "T₊(h) orbit dimension", HOW)
    if out.status != "pass":
        return out
    rng = ctx.rng("alpha")
    for (m, h, n) in _grid(ctx)[:20]:
        U, V = rational_matrix(rng, m, h), rational_matrix(rng, h, n)
        d = orbit_dim_exact(U, V, "T+", alpha=Fraction(3, 2))
        if d != h:
            return failed(f"α = 3/2: orbit dimension {d} ≠ h at {(m, h, n)}", counterexample={"m": m, "h": h, "n": n, "dim": d})
    out.summary += "; also for degree α = 3/2 (π(g) = g^α)"
    return out


@HOM.check("exact", role="correction", name="printed_value_is_minimum_at_U0_V0")
def hom_minimum(ctx):
    """The printed values (Thm 2.3.8 table and Cor. A.2.10's min(h, max(n,m))) are exactly the orbit dimension at (U₀, V₀),
    the proof's special point."""
    cases = [c for c in _grid(ctx) if c[1] >= max(c[0], c[2])]
    at_special = lambda m, h, n: orbit_dim_exact(*special_full_rank_point(m, h, n), "T+")  # noqa: E731
    out = compare_over(cases, integer_function(ctx.printed["cor_A210"], ARGS), at_special,
                       "T₊(h) orbit dimension at (U₀,V₀), Cor. A.2.10", "exact rank at (U₀, V₀)")
    if out.status != "pass":
        return out
    out2 = compare_over(cases, _thm_table(ctx), at_special, "T₊(h) orbit dimension at (U₀,V₀), Thm 2.3.8", "exact rank at (U₀, V₀)")
    out2.summary = out.summary + "; " + out2.summary
    return out2


@HOM.check("exact", role="scope", name="printed_exact_iff_h_le_max")
def hom_scope(ctx):
    """Theorem 2.3.8's homogeneous row equals the generic orbit dimension exactly when h ≤ max(n, m)."""
    f = _thm_table(ctx)
    bad = [c for c in _grid(ctx) if (f(*c) == _rank_at_random_point("T+", *c, ctx.seed)[0]) != (c[1] <= max(c[0], c[2]))]
    if bad:
        return failed(f"agreement is not described by h ≤ max(n,m) at {bad[:4]}", counterexample=bad[:4])
    return passed(f"printed = generic orbit dimension iff h ≤ max(n,m), on all {len(_grid(ctx))} sizes", cases=len(_grid(ctx)))


@HOM.check("exact", role="proof-step", name="reduction_to_U0_V0")
def hom_reduction(ctx):
    """Proof step: 'the orbit dimension at any (U,V) ∈ Param° equals that at (U₀,V₀)' — false for T₊(h)."""
    for (m, h, n) in _grid(ctx):
        if h <= max(m, n):
            continue
        a = _rank_at_random_point("T+", m, h, n, ctx.seed)[0]
        b = orbit_dim_exact(*special_full_rank_point(m, h, n), "T+")
        if a != b:
            return failed(f"(m,h,n)={(m, h, n)}: orbit dimension {a} at a random full-rank point but {b} at (U₀,V₀)",
                          counterexample={"m": m, "h": h, "n": n, "random_point": a, "U0_V0": b})
    return passed("reduction holds on the grid")


# ---------------------------------------------------------------------------------------------
RAD = claim(
    id="zhao2026.orbit-dim-radial",
    title="Generic O(h)-orbits have dimension C(h,2) − C(h − max(n,m), 2) when h ≥ max(n,m)",
    sources=[(DOC, "Theorem 2.3.8 (row Radial rescaling)"), (DOC, "Corollary A.2.10 (row Radial rescaling)")],
    statement=(
        "For a radial rescaling activation and O(h) acting by (Ug⁻¹, gV), the generic orbit has dimension C(h,2) if "
        "h ≤ max(n,m) and C(h,2) − C(h − max(n,m), 2) otherwise."
    ),
    latex=r"\dim O(h)\cdot(U,V) \overset{?}{=} \binom{h}{2}-\binom{h-\max(n,m)}{2}",
    hypotheses=("U, V generic",),
    kind="dimension",
    depends=("zhao2026.orbit-dim-linear",),
    printed=("thm_low", "thm_high", "cor_low", "cor_high"),
    corrected_statement=(
        "The generic O(h)-orbit has dimension C(h,2) − C(max(0, h − n − m), 2): the stabiliser algebra is the skew "
        "matrices vanishing on col(V) + row(U), a subspace of generic dimension min(h, n+m) (not max(n,m)). The printed "
        "formula is right when h ≤ max(n,m) + 1 and wrong from h ≥ max(n,m) + 2 on (first at m = n = 1, h = 3: printed 2, "
        "true 3 — two generic vectors in R³ have a finite stabiliser in O(3)). The printed value is the orbit dimension at "
        "the proof's special point (U₀, V₀), where row(U₀) ⊆ col(V₀) or vice versa: the minimum over Param°."
    ),
    notes="Same gap as the homogeneous row: the proof's reduction to (U₀, V₀) is invalid for a subgroup not closed under the conjugations used.",
)


def _radial_printed(ctx, low_key, high_key):
    low = integer_function(ctx.printed[low_key], ARGS)
    high_f = integer_function(ctx.printed[high_key], ARGS)
    return lambda m, h, n: low(m, h, n) if h <= max(m, n) else high_f(m, h, n)


@RAD.check("exact", name="theorem_2_3_8_table")
def rad_table(ctx):
    """Theorem 2.3.8's radial row against the rank at random rational points."""
    return compare_over(_grid(ctx), _thm_table(ctx), _truth("O", ctx.seed), "O(h) orbit dimension (Thm 2.3.8)", HOW)


@RAD.check("exact", name="corollary_A_2_10")
def rad_cor(ctx):
    """Cor. A.2.10's radial row (same cases) against the rank at random rational points."""
    return compare_over(_grid(ctx), _radial_printed(ctx, "cor_low", "cor_high"), _truth("O", ctx.seed),
                        "O(h) orbit dimension (Cor. A.2.10)", HOW)


@RAD.check("exact", role="correction", name="generic_dimension_uses_n_plus_m")
def rad_corrected(ctx):
    """Corrected formula C(h,2) − C((h−n−m)⁺, 2) against the rank at random rational points."""
    return compare_over(_grid(ctx), lambda m, h, n: generic_truth("O", m, h, n), _truth("O", ctx.seed),
                        "O(h) orbit dimension, corrected", HOW)


@RAD.check("exact", role="correction", name="printed_value_is_minimum_at_U0_V0")
def rad_minimum(ctx):
    """The printed high-regime value equals the orbit dimension at (U₀, V₀)."""
    f = _radial_printed(ctx, "cor_low", "cor_high")
    cases = [c for c in _grid(ctx) if c[1] >= max(c[0], c[2])]
    return compare_over(cases, f, lambda m, h, n: orbit_dim_exact(*special_full_rank_point(m, h, n), "O"),
                        "O(h) orbit dimension at (U₀,V₀)", "exact rank at (U₀, V₀)")


@RAD.check("exact", role="scope", name="printed_exact_iff_h_le_max_plus_1")
def rad_scope(ctx):
    """Printed = generic value exactly when h ≤ max(n,m) + 1 (on the whole grid)."""
    f = _radial_printed(ctx, "thm_low", "thm_high")
    bad = [c for c in _grid(ctx) if (f(*c) == _rank_at_random_point("O", *c, ctx.seed)[0]) != (c[1] <= max(c[0], c[2]) + 1)]
    if bad:
        return failed(f"agreement is not described by h ≤ max(n,m)+1 at {bad[:4]}", counterexample=bad[:4])
    return passed(f"printed = generic orbit dimension iff h ≤ max(n,m) + 1, on all {len(_grid(ctx))} sizes", cases=len(_grid(ctx)))


# ---------------------------------------------------------------------------------------------
DIMP = claim(
    id="zhao2026.param-space-dimension",
    title="dim Param = Σ n_i n_{i−1} (no biases), Σ n_i(1 + n_{i−1}) (with biases)",
    sources=[(DOC, "Section 2.3.4 (footnote 3)"), (DOC, "Section A.2.3")],
    statement="For widths n = (n_0, …, n_L), d = Σ_{i=1}^L n_i n_{i−1} without biases and d = Σ_{i=1}^L n_i(1 + n_{i−1}) with biases.",
    kind="count",
    printed=("d_no_bias", "d_bias"),
    notes="Compared with the parameter count of real torch MLPs (nn.Sequential of nn.Linear) over all width tuples with "
    "L ≤ 4 and widths ≤ 4. The printed summands are functions of (a, b) = (n_i, n_{i−1}).",
)


@DIMP.check("exact")
def param_dims(ctx):
    """Σ over layers of the printed summand vs sum(p.numel()) of nn.Sequential(nn.Linear(...)) with/without bias."""
    import itertools

    import torch
    from torch import nn

    per_layer_nb = integer_function(ctx.printed["d_no_bias"], ("a", "b"))
    per_layer_b = integer_function(ctx.printed["d_bias"], ("a", "b"))
    n = 0
    for L in range(1, ctx.size(3, 4) + 1):
        for widths in itertools.product(range(1, 5), repeat=L + 1):
            for bias, f in ((False, per_layer_nb), (True, per_layer_b)):
                net = nn.Sequential(*[nn.Linear(widths[i], widths[i + 1], bias=bias) for i in range(L)])
                truth = sum(p.numel() for p in net.parameters())
                printed = sum(f(widths[i + 1], widths[i]) for i in range(L))
                n += 1
                if truth != printed:
                    return failed(f"widths {widths}, bias={bias}: torch has {truth} parameters, printed formula {printed}",
                                  counterexample={"widths": list(widths), "bias": bias, "torch": truth, "printed": printed})
    del torch
    return passed(f"printed dimension = torch parameter count on {n} (widths, bias) configurations", cases=n)
