"""Exact real-algebraic tools: rational points, root counting on intervals, certified segments,
and connected components of plane-curve complements by a small cylindrical decomposition.

Everything here is exact (sympy rationals and Sturm root counting); nothing is rounded.
A *certified segment* is a straight segment along which a polynomial condition (a
determinant, a defining polynomial) provably has no zero: the restriction to the segment is
a univariate polynomial in t whose real roots in [0, 1] are counted exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

import networkx as nx
import sympy as sp

from .validate import InvalidArgument, as_int

T = sp.Symbol("t", real=True)


# -- rationals ---------------------------------------------------------------------------------
def q(x: Any) -> sp.Rational:
    """An exact sympy Rational from an int, Fraction, sympy number or a float (its exact binary value)."""
    if isinstance(x, sp.Basic):
        if not x.is_Rational:
            raise InvalidArgument(f"expected a rational number, got {x!r}")
        return sp.Rational(x)
    if isinstance(x, bool):
        raise InvalidArgument(f"expected a number, got the bool {x!r}")
    return sp.Rational(Fraction(x))


def qmatrix(a: Any) -> sp.ImmutableMatrix:
    """An exact rational sympy matrix from nested sequences / numpy arrays of numbers."""
    if isinstance(a, sp.MatrixBase):
        return sp.ImmutableMatrix(a.applyfunc(q))
    rows = [[q(x) for x in row] for row in (a.tolist() if hasattr(a, "tolist") else a)]
    return sp.ImmutableMatrix(rows)


def random_rational_matrix(rng, n: int, m: int | None = None, denom: int = 8, scale: int = 3) -> sp.ImmutableMatrix:
    """Entries k/denom with k uniform in [-scale·denom, scale·denom] (exact, reproducible from ``rng``)."""
    n = as_int("n", n, minimum=1)
    m = n if m is None else as_int("m", m, minimum=1)
    ks = rng.integers(-scale * denom, scale * denom + 1, size=(n, m))
    return sp.ImmutableMatrix(n, m, [sp.Rational(int(k), denom) for k in ks.flat])


def random_invertible(rng, n: int, sign: int | None = None, denom: int = 8, scale: int = 3) -> sp.ImmutableMatrix:
    """A random rational invertible matrix, optionally with a prescribed sign of the determinant
    (obtained by negating the first row when needed)."""
    n = as_int("n", n, minimum=1)
    if sign not in (None, 1, -1):
        raise InvalidArgument(f"sign must be 1, -1 or None, got {sign!r}")
    for _ in range(1000):
        A = random_rational_matrix(rng, n, n, denom, scale)
        d = A.det()
        if d == 0:
            continue
        if sign is not None and sp.sign(d) != sign:
            B = A.as_mutable()
            B[0, :] = -B[0, :]
            A = sp.ImmutableMatrix(B)
        return A
    raise RuntimeError("could not draw an invertible rational matrix")


# -- univariate root counting ----------------------------------------------------------------------
def roots_in_unit_interval(expr: sp.Expr, t: sp.Symbol = T) -> int | float:
    """Number of distinct real roots of the polynomial ``expr`` in t on the closed interval [0, 1].

    Returns ``float('inf')`` for the zero polynomial (it vanishes on the whole segment).
    Exact: Sturm sequences over the rationals (sympy ``Poly.count_roots``).
    """
    p = sp.Poly(sp.expand(expr), t)
    if p.is_zero:
        return float("inf")
    if p.degree() == 0:
        return 0
    return int(p.sqf_part().count_roots(0, 1))


def segment(A: sp.MatrixBase, B: sp.MatrixBase, t: sp.Symbol = T) -> sp.ImmutableMatrix:
    """The straight segment (1 − t)A + tB as a matrix of polynomials in t."""
    return sp.ImmutableMatrix((1 - t) * sp.Matrix(A) + t * sp.Matrix(B))


def det_on_segment(A: sp.MatrixBase, B: sp.MatrixBase, t: sp.Symbol = T) -> sp.Expr:
    return sp.expand(segment(A, B, t).det(method="berkowitz"))


def segment_invertible(A: sp.MatrixBase, B: sp.MatrixBase) -> bool:
    """True iff every matrix on the closed segment [A, B] is invertible (exact)."""
    return roots_in_unit_interval(det_on_segment(A, B)) == 0


def polynomial_nonzero_on_segment(F: sp.Expr, variables: Sequence[sp.Symbol], p: Sequence, p2: Sequence) -> bool:
    """True iff the polynomial F has no zero on the closed segment from point p to point p2 (exact)."""
    sub = {v: (1 - T) * q(a) + T * q(b) for v, a, b in zip(variables, p, p2)}
    return roots_in_unit_interval(F.subs(sub)) == 0


# -- components of {F ≠ 0} in the plane for F linear in y --------------------------------------------
@dataclass
class PlaneCell:
    """A cell of the cylindrical decomposition of {(x, y): F(x, y) ≠ 0}."""

    kind: str  # "sector" (over an open x-interval) or "line" (over a point x0)
    x_interval: tuple[Any, Any]  # (lo, hi); lo == hi for a line
    side: str  # "below" / "above" the section for sectors, "all" for a line
    sample: tuple[sp.Rational, sp.Rational]
    sign: int  # sign of F on the cell


def plane_complement_components(F: sp.Expr, x: sp.Symbol, y: sp.Symbol) -> tuple[int, list[PlaneCell], nx.Graph]:
    """Connected components of {F ≠ 0} ⊂ R² for F = a(x)·y + b(x) with a ≢ 0 (exact, sympy).

    Cylindrical decomposition over the x-axis: the critical x-values are the real roots of a(x).
    Over an open interval where a ≠ 0 the zero set is the graph of the continuous function
    s(x) = −b(x)/a(x), which cuts the strip into two connected sectors (below / above).
    Over a root x0 of a, F(x0, ·) ≡ b(x0): if b(x0) ≠ 0 the whole vertical line is one cell, else
    the line is removed.  Adjacency: sectors over the same interval are never adjacent; a sector is
    adjacent to the line over an endpoint x0 iff F has the sign of b(x0) on it and s(x) → ∓∞ as
    x → x0 (for 'above': s → −∞; 'below': s → +∞), computed with sympy ``limit``.  Two sectors over
    different intervals are adjacent only through such lines.  Returns (count, cells, graph).
    """
    P = sp.Poly(sp.expand(F), y)
    if P.degree() != 1:
        raise InvalidArgument(f"F must be linear in {y} (degree 1), got degree {P.degree()}")
    a, b = [sp.expand(c) for c in P.all_coeffs()]
    if sp.simplify(a) == 0:
        raise InvalidArgument("the coefficient of y must not vanish identically")
    crit = sorted(set(sp.Poly(a, x).real_roots()), key=lambda r: float(r)) if sp.Poly(a, x).degree() > 0 else []
    s = -b / a
    cells: list[PlaneCell] = []
    edges = []
    # open intervals between consecutive critical values
    bounds = [-sp.oo] + crit + [sp.oo]

    def sample_in(lo, hi):
        if lo == -sp.oo and hi == sp.oo:
            return sp.Integer(0)
        if lo == -sp.oo:
            return sp.floor(hi) - 1
        if hi == sp.oo:
            return sp.ceiling(lo) + 1
        mid = (lo + hi) / 2
        return mid if mid.is_Rational else sp.Rational(int(sp.floor(mid * 10**9)), 10**9)

    sector_idx: dict[tuple[int, str], int] = {}
    for i in range(len(bounds) - 1):
        lo, hi = bounds[i], bounds[i + 1]
        xs = sample_in(lo, hi)
        sx = s.subs(x, xs)
        for side, dy in (("below", -1), ("above", 1)):
            ys = sx + dy
            sign = int(sp.sign(F.subs({x: xs, y: ys})))
            sector_idx[(i, side)] = len(cells)
            cells.append(PlaneCell("sector", (lo, hi), side, (xs, ys), sign))
    for j, x0 in enumerate(crit):
        b0 = sp.simplify(b.subs(x, x0))
        if b0 == 0:
            continue  # the whole line lies in {F = 0}
        line = len(cells)
        cells.append(PlaneCell("line", (x0, x0), "all", (x0, sp.Integer(0)), int(sp.sign(b0))))
        for i, direction in ((j, "-"), (j + 1, "+")):  # interval left of x0 is i=j, right is j+1
            lim = sp.limit(s, x, x0, dir=direction)
            for side in ("below", "above"):
                adjacent = (side == "above" and lim == -sp.oo) or (side == "below" and lim == sp.oo)
                if lim.is_finite:
                    raise InvalidArgument(f"section s(x) has a finite limit {lim} at the critical value {x0}; not handled")
                if adjacent:
                    edges.append((sector_idx[(i, side)], line))
    G = nx.Graph()
    G.add_nodes_from(range(len(cells)))
    G.add_edges_from(edges)
    return nx.number_connected_components(G), cells, G


# -- fast exact univariate arithmetic over Fractions (coefficient lists, lowest degree first) ---------
def _trim(p: list[Fraction]) -> list[Fraction]:
    while p and p[-1] == 0:
        p = p[:-1]
    return p


def _polydivmod(a: list[Fraction], b: list[Fraction]) -> tuple[list[Fraction], list[Fraction]]:
    a, b = _trim(list(a)), _trim(list(b))
    if not b:
        raise ZeroDivisionError("polynomial division by zero")
    quo = [Fraction(0)] * max(len(a) - len(b) + 1, 1)
    while len(a) >= len(b) and a:
        c = a[-1] / b[-1]
        k = len(a) - len(b)
        quo[k] = c
        for i, bi in enumerate(b):
            a[i + k] -= c * bi
        a = _trim(a)
    return quo, a


def _polyeval(p: list[Fraction], x: Fraction) -> Fraction:
    v = Fraction(0)
    for c in reversed(p):
        v = v * x + c
    return v


def _derivative(p: list[Fraction]) -> list[Fraction]:
    return [i * c for i, c in enumerate(p)][1:]


def _gcd(a: list[Fraction], b: list[Fraction]) -> list[Fraction]:
    a, b = _trim(list(a)), _trim(list(b))
    while b:
        a, b = b, _polydivmod(a, b)[1]
    return a


def count_roots_fraction(p: Sequence, lo: Fraction = Fraction(0), hi: Fraction = Fraction(1)) -> int | float:
    """Distinct real roots of the rational polynomial p (coefficients, lowest degree first) in [lo, hi].

    Exact Sturm sequence over Fractions; ``inf`` for the zero polynomial.  Cross-checked against
    sympy's ``Poly.count_roots`` in the tests.
    """
    p = _trim([Fraction(c) for c in p])
    if not p:
        return float("inf")
    if len(p) == 1:
        return 0
    g = _gcd(p, _derivative(p))
    if len(g) > 1:  # square-free part
        p = _polydivmod(p, g)[0]
    seq = [p, _derivative(p)]
    while True:
        r = _polydivmod(seq[-2], seq[-1])[1]
        if not r:
            break
        seq.append([-c for c in r])

    def changes(x: Fraction) -> int:
        vals = [v for v in (_polyeval(s, x) for s in seq) if v != 0]
        return sum(1 for u, v in zip(vals, vals[1:]) if (u > 0) != (v > 0))

    n = changes(lo) - changes(hi)  # roots in (lo, hi]
    if _polyeval(p, lo) == 0:
        n += 1
    return n


def det_fraction(M: Sequence[Sequence[Fraction]]) -> Fraction:
    """Exact determinant by Gaussian elimination over Fractions."""
    a = [[Fraction(x) for x in row] for row in M]
    n = len(a)
    det = Fraction(1)
    for c in range(n):
        piv = next((r for r in range(c, n) if a[r][c] != 0), None)
        if piv is None:
            return Fraction(0)
        if piv != c:
            a[c], a[piv] = a[piv], a[c]
            det = -det
        det *= a[c][c]
        for r in range(c + 1, n):
            if a[r][c] != 0:
                f = a[r][c] / a[c][c]
                a[r] = [x - f * y for x, y in zip(a[r], a[c])]
    return det


def _interpolate(xs: list[Fraction], ys: list[Fraction]) -> list[Fraction]:
    """Coefficients (lowest first) of the interpolating polynomial through (xs, ys) (Newton form)."""
    n = len(xs)
    coef = list(ys)
    for j in range(1, n):
        for i in range(n - 1, j - 1, -1):
            coef[i] = (coef[i] - coef[i - 1]) / (xs[i] - xs[i - j])
    poly = [Fraction(0)] * n
    for i in range(n - 1, -1, -1):  # Horner on Newton basis
        new = [Fraction(0)] * n
        for k in range(n - 1):
            new[k + 1] += poly[k]
            new[k] -= xs[i] * poly[k]
        new[0] += coef[i]
        poly = new
    return poly


def fmat(A: Any) -> list[list[Fraction]]:
    """Nested Fraction lists from a sympy matrix / nested sequence of rationals."""
    rows = A.tolist() if hasattr(A, "tolist") else A
    return [[Fraction(int(sp.Rational(x).p), int(sp.Rational(x).q)) if isinstance(x, sp.Basic) else Fraction(x) for x in row] for row in rows]


def det_poly_on_segment(A: Any, B: Any) -> list[Fraction]:
    """Coefficients of det((1−t)A + tB) (exact; interpolation at t = 0..n)."""
    Af, Bf = fmat(A), fmat(B)
    n = len(Af)
    xs = [Fraction(k) for k in range(n + 1)]
    ys = [det_fraction([[(1 - x) * a + x * b for a, b in zip(ra, rb)] for ra, rb in zip(Af, Bf)]) for x in xs]
    return _trim(_interpolate(xs, ys))


def segment_invertible_fast(A: Any, B: Any) -> bool:
    """Same as :func:`segment_invertible` with Fraction arithmetic (≈50× faster)."""
    return count_roots_fraction(det_poly_on_segment(A, B)) == 0
