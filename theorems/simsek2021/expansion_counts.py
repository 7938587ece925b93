"""Counts of affine subspaces in expansion manifolds: T(r,m), G(r,m) and their closed forms.

Printed values live in ``cases/simsek2021/expansion_counts.toml``.  The truth is computed
by enumerating the subspaces as combinatorial objects (``verify.combinatorics``), by exact
exponential generating functions, and by sympy series derivations.
"""

from __future__ import annotations

import math
from fractions import Fraction

import sympy as sp
from hypothesis import strategies as st

from verify import claim, failed, passed
from verify.combinatorics import (
    G_egf,
    G_printed_sum,
    G_recurrence,
    T_egf,
    T_printed_sum,
    bell,
    compositions,
    count_objects,
    multinomial,
)
from verify.fuzz import minimal_counterexample
from verify.printed_formula import integer_function
from verify.strategies import width_pairs
from verify.sweep import compare_over

from . import DOC


def _pairs(max_m: int, min_gap: int = 0):
    return [(r, m) for m in range(1, max_m + 1) for r in range(1, m + 1) if m - r >= min_gap]


# ---------------------------------------------------------------------------------------
G_COUNT = claim(
    id="simsek2021.G-count",
    title="Θ̄_{r→m} consists of G(r,m) distinct affine subspaces",
    sources=[(DOC, "Proposition 4.3"), (DOC, "Definition 4.1")],
    statement=(
        "For an irreducible critical point θ*_r of L^r, Θ̄_{r→m}(θ*_r) is a union of "
        "G(r,m) := Σ_{k_1+...+k_r=m, k_i≥1} (m choose k_1,...,k_r) distinct non-intersecting affine subspaces."
    ),
    latex=r"G(r,m) := \sum_{k_1+\dots+k_r=m,\ k_i\ge 1}\binom{m}{k_1,\dots,k_r}",
    hypotheses=("1 ≤ r ≤ m", "θ*_r irreducible (distinct incoming vectors, nonzero outgoing vectors)"),
    kind="count",
    printed=("k_min",),
    notes="The subspaces P_π Γ̄_s are identified by which teacher neuron each of the m positions copies: "
    "a surjection [m] → [r]. The printed sum is evaluated literally over the tuples (k_1..k_r).",
)


def _G_printed(ctx):
    k_min = ctx.printed["k_min"]
    return lambda r, m: sum(multinomial(k) for k in compositions(m, r, min_part=k_min))


@G_COUNT.check("graph")
def printed_sum_equals_enumerated_subspaces(ctx):
    """Enumerate the subspaces (surjections [m]→[r]) and compare with the printed sum."""
    M = ctx.size(7, 9)
    return compare_over(_pairs(M), _G_printed(ctx), lambda r, m: count_objects("G", r, m),
                        "G(r,m)", "number of enumerated subspaces")


@G_COUNT.check("exact")
def printed_sum_equals_egf(ctx):
    """Compare with m![x^m](e^x−1)^r (exact Fraction power series) on larger sizes."""
    M = ctx.size(14, 22)
    return compare_over(_pairs(M), _G_printed(ctx), G_egf, "G(r,m)", "EGF coefficient m![x^m](e^x-1)^r")


# ---------------------------------------------------------------------------------------
T_COUNT = claim(
    id="simsek2021.T-count",
    title="Θ_{r→m} consists of exactly T(r,m) distinct affine subspaces",
    sources=[(DOC, "Theorem 3.1"), (DOC, "Figure 4"), (DOC, "Abstract"), (DOC, "Section 1.1 (contribution 2)")],
    statement=(
        "For m ≥ r, the expansion manifold Θ_{r→m}(θ^r) of an irreducible point consists of exactly "
        "T(r,m) := Σ_{j=0}^{m−r} Σ_{sum(s)=m, k_i≥1, b_i≥1} (m choose k_1..k_r,b_1..b_j) · 1/(c_1!···c_{m−r}!) "
        "distinct affine subspaces, where c_i is the number of occurrences of i among (b_1,...,b_j). "
        "Figure 4: for the expansion 3 → 4 there are T(3,4) = 60 subspaces."
    ),
    latex=r"T(r,m) := \sum_{j=0}^{m-r}\sum_{\mathrm{sum}(s)=m,\,k_i\ge1,\,b_i\ge1}\binom{m}{k_1,\dots,k_r,b_1,\dots,b_j}\frac{1}{c_1!\cdots c_{m-r}!}",
    hypotheses=("1 ≤ r ≤ m", "θ^r irreducible"),
    kind="count",
    depends=("simsek2021.G-count",),
    printed=("k_min", "b_min", "T_3_4"),
    corrected_statement=(
        "The number of distinct affine subspaces is T(r,m) = Σ_j Σ_{sum(s)=m, k_i≥1, b_i≥1} (m choose s) / j! "
        "(equivalently: keep 1/(c_1!···c_{m−r}!) but sum only over non-increasing b_1 ≥ ... ≥ b_j), "
        "= Σ_{u=0}^{m−r} C(m,u) G(r,m−u) B_u with B_u the Bell numbers. The printed sum agrees with it exactly "
        "when m − r ≤ 2 (so Figure 4's T(3,4) = 60 is right) and overcounts from m − r = 3 on."
    ),
    notes=(
        "The tuple s = (k_1..k_r, b_1..b_j) is ordered, so zero-type groups of different sizes are counted once "
        "per ordering, while 1/∏c_i! only removes orderings among groups of equal size. Smallest counterexample: "
        "T(1,4): printed sum 49, actual subspaces 37 (zero-type group sizes (1,2) and (2,1) counted twice). "
        "Definition 3.2 allows b_i ≥ 0 while Theorem 3.1's sum uses b_i ≥ 1; we read the sum with b_i ≥ 1 as printed. "
        "Proposition 4.5's closed form counts the subspaces correctly (see simsek2021.T-closed-form)."
    ),
)


def _T_printed(ctx):
    k_min, b_min = ctx.printed["k_min"], ctx.printed["b_min"]
    if k_min != 1:  # the enumeration helper hard-codes k_i >= 1; honour a changed printed bound
        def literal(r, m):
            total = Fraction(0)
            for j in range(0, m - r + 1):
                for s in compositions(m, r + j, min_part=1):
                    if min(s[:r]) < k_min or any(b < b_min for b in s[r:]):
                        continue
                    c = {i: s[r:].count(i) for i in set(s[r:])}
                    total += Fraction(multinomial(s), math.prod(math.factorial(v) for v in c.values()))
            return total
        return literal
    return lambda r, m: T_printed_sum(r, m, b_min=b_min)


@T_COUNT.check("graph")
def printed_sum_equals_enumerated_subspaces(ctx):
    """Enumerate the subspaces (teacher labels + set partition of zero-type positions) and compare."""
    M = ctx.size(6, 8)
    return compare_over(_pairs(M), _T_printed(ctx), lambda r, m: count_objects("T", r, m),
                        "T(r,m)", "number of enumerated subspaces")


@T_COUNT.check("graph", name="figure4_T_3_4")
def figure4_value(ctx):
    """Figure 4 caption: T(3,4) = 60, against the enumerated subspaces."""
    truth = count_objects("T", 3, 4)
    printed = ctx.printed["T_3_4"]
    if printed != truth:
        return failed(f"Figure 4 prints T(3,4) = {printed}; enumeration gives {truth}",
                      counterexample={"r": 3, "m": 4, "printed": printed, "truth": truth})
    return passed(f"T(3,4) = {truth} subspaces enumerated, as printed in Figure 4", cases=1)


@T_COUNT.check("graph", role="scope", name="printed_sum_exact_iff_m_minus_r_le_2")
def printed_sum_scope(ctx):
    """The printed sum equals the enumerated count exactly when m − r ≤ 2 (and differs for all m − r ≥ 3 tested)."""
    M = ctx.size(6, 8)
    printed_sum = _T_printed(ctx)
    bad = []
    for r, m in _pairs(M):
        agree = printed_sum(r, m) == count_objects("T", r, m)
        if agree != (m - r <= 2):
            bad.append((r, m))
    if bad:
        return failed(f"scope m − r ≤ 2 does not describe agreement at {bad[:5]}", counterexample=bad[:5])
    return passed(f"printed sum = enumeration exactly iff m − r ≤ 2, on all {len(_pairs(M))} pairs with m ≤ {M}",
                  cases=len(_pairs(M)))


@T_COUNT.check("graph", role="correction", name="corrected_sum_equals_enumeration")
def corrected_sum(ctx):
    """Corrected normalisation 1/j! over ordered tuples equals the enumerated count."""
    def corrected(r, m):
        total = Fraction(0)
        for j in range(0, m - r + 1):
            for s in compositions(m, r + j, min_part=1):
                total += Fraction(multinomial(s), math.factorial(j))
        return int(total)

    M = ctx.size(6, 8)
    out = compare_over(_pairs(M), corrected, lambda r, m: count_objects("T", r, m),
                       "corrected T(r,m)", "number of enumerated subspaces")
    if out.status == "pass":
        out2 = compare_over(_pairs(ctx.size(14, 20)), corrected, T_egf, "corrected T(r,m)", "EGF m![x^m](e^x-1)^r e^{e^x-1}")
        out.summary += "; " + out2.summary
        if out2.status != "pass":
            return out2
    return out


# ---------------------------------------------------------------------------------------
T_RR = claim(
    id="simsek2021.T-rr",
    title="T(r,r) = r!: without extra neurons the expansion manifold is r! isolated points",
    sources=[(DOC, "Theorem 3.1 (proof sketch)"), (DOC, "Section 1.1 (contribution 1)")],
    statement="For the standard case m = r there is no room for zero-type neurons and T(r,r) = r! distinct subspaces of dimension 0.",
    latex=r"T(r,r)=\binom{r}{1,\dots,1}=r!",
    kind="count",
    depends=("simsek2021.T-count",),
    printed=("T_rr",),
)


@T_RR.check("graph")
def enumeration_matches_factorial(ctx):
    """Enumerated subspaces at m = r versus the printed r!."""
    f = integer_function(ctx.printed["T_rr"], ("r",))
    return compare_over([(r,) for r in range(1, ctx.size(6, 8) + 1)], f,
                        lambda r: count_objects("T", r, r), "T(r,r)", "number of enumerated subspaces")


@T_RR.check("exact")
def egf_matches_factorial(ctx):
    """m![x^m](e^x−1)^m·e^{e^x−1} at m = r versus the printed r!, up to r = 30 (quick) / 60 (full)."""
    f = integer_function(ctx.printed["T_rr"], ("r",))
    return compare_over([(r,) for r in range(1, ctx.size(30, 60) + 1)], f, lambda r: T_egf(r, r), "T(r,r)", "EGF")


# ---------------------------------------------------------------------------------------
G_CLOSED = claim(
    id="simsek2021.G-closed-form",
    title="Closed form G(r,m) = Σ_i C(r,i)(−1)^{r−i} i^m",
    sources=[(DOC, "Proposition 4.5")],
    statement="For r ≤ m, G(r,m) = Σ_{i=1}^{r} (r choose i)(−1)^{r−i} i^m.",
    latex=r"G(r,m)=\sum_{i=1}^{r}\binom{r}{i}(-1)^{r-i}i^m",
    hypotheses=("1 ≤ r ≤ m",),
    kind="closed-form",
    depends=("simsek2021.G-count",),
    printed=("G",),
)


def _G_closed(ctx):
    return integer_function(ctx.printed["G"], ("r", "m"))


@G_CLOSED.check("symbolic")
def egf_derivation(ctx):
    """sympy: for each r, m![x^m](e^x−1)^r as a closed expression in symbolic m equals the printed formula."""
    x, m = sp.symbols("x m", integer=True, nonnegative=True)
    printed = sp.sympify(ctx.printed["G"][1:], locals={"binomial": sp.binomial})
    R = ctx.size(6, 14)
    for r in range(1, R + 1):
        # (e^x - 1)^r = Σ_i C(r,i)(-1)^{r-i} e^{ix} (sympy expands the power), and
        # m![x^m] e^{ix} = i^m; so collect the exponentials of the expansion.
        expanded = sp.expand((sp.exp(x) - 1) ** r)
        derived = sp.Integer(0)
        for term in sp.Add.make_args(expanded):
            coeff, rest = term.as_independent(x)
            if rest == 1:
                i = 0
            else:
                i = sp.simplify(sp.log(rest) / x)
            derived += coeff * sp.Integer(i) ** m if i != 0 else coeff * sp.KroneckerDelta(m, 0)
        target = printed.subs(sp.Symbol("r"), r).doit()
        diff = sp.simplify((derived - target.subs(sp.Symbol("m"), m)).subs(sp.KroneckerDelta(m, 0), 0))
        if diff != 0:
            return failed(f"for r = {r} the EGF derivation gives {derived}, printed gives {target}",
                          counterexample={"r": r, "derived": str(derived), "printed": str(target)})
        # the derived expression must also reproduce the definition at a concrete m
        if int(derived.subs(m, r + 2).subs(sp.KroneckerDelta(r + 2, 0), 0)) != G_printed_sum(r, r + 2):
            return failed(f"derivation inconsistent with definition at r={r}", counterexample={"r": r})
    return passed(f"for r = 1..{R}: (e^x−1)^r expanded by sympy, m![x^m] taken termwise, equals the printed formula "
                  "identically in m (m ≥ 1)", cases=R)


@G_CLOSED.check("exact")
def equals_definition_on_grid(ctx):
    """Exact integer agreement with the literal printed sum of Proposition 4.3 (enumerating tuples)."""
    return compare_over(_pairs(ctx.size(12, 16)), _G_closed(ctx), G_printed_sum, "closed-form G", "printed definitional sum")


@G_CLOSED.check("exact", name="hypothesis_fuzz_vs_egf")
def fuzz_against_egf(ctx):
    """Hypothesis searches (r, m) with m ≤ 200 for a disagreement with the surjection recurrence."""
    f = _G_closed(ctx)
    cex = minimal_counterexample(width_pairs(max_m=200), lambda rm: f(*rm) == G_recurrence(*rm),
                                 ctx.hypothesis_settings(150, 1500))
    if cex is not None:
        return failed(f"closed form differs from the surjection count at (r,m) = {cex}", counterexample={"r": cex[0], "m": cex[1]})
    return passed("no disagreement with the surjection recurrence found by hypothesis over 1 ≤ r ≤ m ≤ 200 (derandomised)",
                  cases=ctx.size(150, 1500))


# ---------------------------------------------------------------------------------------
T_CLOSED = claim(
    id="simsek2021.T-closed-form",
    title="Closed form T(r,m) = G(r,m) + Σ_u C(m,u) G(r,m−u) g(u), g(u) = Σ_j G(j,u)/j!",
    sources=[(DOC, "Proposition 4.5")],
    statement="For r ≤ m, T(r,m) = G(r,m) + Σ_{u=1}^{m−r} (m choose u) G(r, m−u) g(u), where g(u) = Σ_{j=1}^{u} G(j,u)/j!.",
    latex=r"T(r,m)=G(r,m)+\sum_{u=1}^{m-r}\binom{m}{u}G(r,m-u)g(u),\quad g(u)=\sum_{j=1}^{u}\frac{1}{j!}G(j,u)",
    hypotheses=("1 ≤ r ≤ m",),
    kind="closed-form",
    depends=("simsek2021.T-count", "simsek2021.G-closed-form"),
    printed=("T", "g"),
    corrected_statement=(
        "The closed form equals the number of affine subspaces of Θ_{r→m} (the corrected T of simsek2021.T-count) "
        "for all r ≤ m; g(u) is the Bell number B_u. It equals Theorem 3.1's printed sum only for m − r ≤ 2."
    ),
    notes="Proposition 4.5 is right about what T is meant to count; the disagreement is with Theorem 3.1's printed "
    "definition of T (first at (r,m) = (1,4): closed form 37, printed sum 49).",
)


def _T_closed(ctx):
    G = G_egf  # the true G (independently computed); the checks below test T's own structure
    g = integer_function(ctx.printed["g"], ("u",), {"G": G})
    return integer_function(ctx.printed["T"], ("r", "m"), {"G": G, "g": g}), g


@T_CLOSED.check("exact", name="equals_printed_definition_of_T")
def equals_printed_definition(ctx):
    """Exact agreement with Theorem 3.1's printed definitional sum of T."""
    T, _ = _T_closed(ctx)
    return compare_over(_pairs(ctx.size(8, 10)), T, T_printed_sum, "closed-form T", "Theorem 3.1 printed sum")


@T_CLOSED.check("graph", role="correction", name="counts_enumerated_subspaces")
def counts_subspaces(ctx):
    """Closed form against the enumerated subspaces (small) and the exact EGF (large)."""
    T, _ = _T_closed(ctx)
    out = compare_over(_pairs(ctx.size(6, 8)), T, lambda r, m: count_objects("T", r, m), "closed-form T", "enumerated subspaces")
    if out.status != "pass":
        return out
    out2 = compare_over(_pairs(ctx.size(16, 24)), T, T_egf, "closed-form T", "EGF m![x^m](e^x−1)^r·exp(e^x−1)")
    out2.summary = out.summary + "; " + out2.summary
    return out2


@T_CLOSED.check("symbolic", role="correction", name="g_is_bell_by_series")
def g_is_bell(ctx):
    """sympy: the printed g(u) equals u![x^u] exp(e^x − 1), the number of set partitions of the zero-type neurons."""
    from sympy.polys.domains import QQ
    from sympy.polys.ring_series import rs_exp
    from sympy.polys.rings import ring

    _, g = _T_closed(ctx)
    U = ctx.size(14, 30)
    R, x = ring("x", QQ)
    ser = rs_exp(rs_exp(x, x, U + 1) - 1, x, U + 1)  # sympy ring series of exp(e^x − 1), exact over QQ
    for u in range(1, U + 1):
        b = int(ser.coeff(x**u) * sp.factorial(u))
        if b != g(u) or b != bell(u):
            return failed(f"g({u}) = {g(u)} but u![x^u]exp(e^x−1) = {b}", counterexample={"u": u, "g": g(u), "bell": b})
    return passed(f"g(u) = u![x^u] exp(e^x−1) (Bell numbers) for u = 1..{U} via sympy series", cases=U)


@T_CLOSED.check("symbolic", role="correction", name="sympy_egf_derivation")
def sympy_egf_derivation(ctx):
    """sympy ring series: m![x^m] (e^x − 1)^r · exp(e^x − 1) — teacher blocks times any set partition of the
    zero-type neurons — equals the printed closed form (the binomial convolution of the two EGFs)."""
    from sympy.polys.domains import QQ
    from sympy.polys.ring_series import rs_exp, rs_mul, rs_pow
    from sympy.polys.rings import ring

    T, _ = _T_closed(ctx)
    N = ctx.size(14, 24)
    R, x = ring("x", QQ)
    ex1 = rs_exp(x, x, N + 1) - 1
    zero_type = rs_exp(ex1, x, N + 1)
    n = 0
    for r in range(1, N + 1):
        series = rs_mul(rs_pow(ex1, r, x, N + 1), zero_type, x, N + 1)
        for m in range(r, N + 1):
            derived = int(series.coeff(x**m) * sp.factorial(m))
            n += 1
            if derived != T(r, m):
                return failed(f"EGF gives {derived}, closed form {T(r, m)} at (r,m)=({r},{m})",
                              counterexample={"r": r, "m": m, "egf": derived, "closed_form": T(r, m)})
    return passed(f"closed form = m![x^m](e^x−1)^r·exp(e^x−1) (sympy ring series over QQ) for all {n} pairs r ≤ m ≤ {N}",
                  cases=n)
