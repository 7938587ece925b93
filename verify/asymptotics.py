"""Fast exact integer counts for large widths, and the polynomials behind their asymptotics.

``verify.combinatorics`` computes G and T three independent ways but with Fraction power
series (slow beyond m ≈ 60).  Here the same numbers come from integer recurrences:

* Stirling numbers of the second kind, ``S(n, k) = k·S(n−1, k) + S(n−1, k−1)``;
* ``G(r, m) = r!·S(m, r)``  (surjections [m] → [r]);
* ``T(r, m) = Σ_{j=0}^{m−r} S(m, r+j)·(r+j)!/j!``  (partition the m positions into r+j
  blocks, label r of them by the teacher neurons; the j zero-type blocks stay unlabelled);
* ``T_via_bell(r, m) = Σ_u C(m,u)·G(r, m−u)·B_u`` (the form of Proposition 4.5, with B_u the
  Bell numbers) as a second, structurally different route.

Also: ``stirling_diagonal_poly(d)`` — the polynomial P_d with S(n, n−d) = P_d(n), found by
exact interpolation and checked on further points — used to turn ratios of counts with a
fixed offset into exact rational functions of the width (so that sympy can take limits).
"""

from __future__ import annotations

import math
from fractions import Fraction
from functools import lru_cache

import sympy as sp

from .validate import as_int, width_pair


class _StirlingTable:
    """Rows S(n, 0..n) grown on demand (integer arithmetic only)."""

    def __init__(self) -> None:
        self.rows: list[list[int]] = [[1]]

    def row(self, n: int) -> list[int]:
        while len(self.rows) <= n:
            prev = self.rows[-1]
            k_max = len(prev)
            new = [0] * (k_max + 1)
            for k in range(1, k_max + 1):
                new[k] = k * (prev[k] if k < k_max else 0) + prev[k - 1]
            self.rows.append(new)
        return self.rows[n]


_TABLE = _StirlingTable()


def stirling2(n: int, k: int) -> int:
    """S(n, k), the number of partitions of an n-set into k non-empty blocks."""
    n = as_int("n", n, minimum=0)
    k = as_int("k", k, minimum=0)
    if k > n:
        return 0
    return _TABLE.row(n)[k]


@lru_cache(maxsize=None)
def bell_int(n: int) -> int:
    """Bell number B_n = Σ_k S(n, k)."""
    n = as_int("n", n, minimum=0)
    return sum(_TABLE.row(n))


def G_fast(r: int, m: int) -> int:
    """G(r, m) = r!·S(m, r)."""
    r, m = width_pair(r, m)
    return math.factorial(r) * stirling2(m, r)


def T_fast(r: int, m: int) -> int:
    """T(r, m) = Σ_{j=0}^{m−r} S(m, r+j)·(r+j)!/j!  (the number of affine subspaces of Θ_{r→m})."""
    r, m = width_pair(r, m)
    row = _TABLE.row(m)
    return sum(row[r + j] * (math.factorial(r + j) // math.factorial(j)) for j in range(0, m - r + 1))


def T_via_bell(r: int, m: int) -> int:
    """Σ_{u=0}^{m−r} C(m,u)·G(r, m−u)·B_u  (Proposition 4.5's structure with g(u) = B_u)."""
    r, m = width_pair(r, m)
    return sum(math.comb(m, u) * G_fast(r, m - u) * bell_int(u) for u in range(0, m - r + 1))


def ratio(a: int, b: int) -> Fraction:
    return Fraction(a, b)


# -- polynomials in the width ---------------------------------------------------------------

@lru_cache(maxsize=None)
def stirling_diagonal_poly(d: int, extra_checks: int = 6) -> sp.Expr:
    """The polynomial P_d(n) of degree 2d with S(n, n−d) = P_d(n) for all n ≥ d.

    Found by exact Lagrange interpolation through n = d..3d and *checked* on
    ``extra_checks`` further points (a polynomial of degree 2d is fixed by 2d+1 values;
    the extra points guard against a wrong degree).
    """
    d = as_int("d", d, minimum=0)
    n = sp.Symbol("n")
    pts = [(k, stirling2(k, k - d)) for k in range(d, 3 * d + 1)]
    poly = sp.expand(sp.interpolate(pts, n)) if len(pts) > 1 else sp.Integer(pts[0][1])
    for k in range(3 * d + 1, 3 * d + 1 + extra_checks):
        if poly.subs(n, k) != stirling2(k, k - d):
            raise ArithmeticError(f"S(n, n−{d}) is not interpolated by a degree-{2 * d} polynomial at n = {k}")
    return poly


def falling(x: sp.Expr, k: int) -> sp.Expr:
    """x (x−1) ··· (x−k+1) as a sympy product."""
    return sp.Mul(*[x - i for i in range(k)]) if k > 0 else sp.Integer(1)


def G_offset_over_factorial(k: int, m: sp.Symbol) -> sp.Expr:
    """G(m−k, m)/m! as an exact rational function of m (valid for m ≥ k+1)."""
    return stirling_diagonal_poly(k).subs(sp.Symbol("n"), m) / falling(m, k)


def T_offset_over_factorial(k: int, m: sp.Symbol) -> sp.Expr:
    """T(m−k, m)/m! = Σ_{j=0}^{k} S(m, m−k+j)·(m−k+j)!/(j!·m!) as an exact rational function of m."""
    n = sp.Symbol("n")
    out = sp.Integer(0)
    for j in range(0, k + 1):
        out += stirling_diagonal_poly(k - j).subs(n, m) / (sp.factorial(j) * falling(m, k - j))
    return out
