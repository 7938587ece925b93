"""Exact linear algebra over the rationals (Fractions): RREF, rank, solutions, null spaces.

Small dense systems (tens of rows/columns) — used to decide intersections, containment
and dimensions of affine subspaces without any rounding.  Uses FLINT's exact rational
matrices (python-flint) when installed, which is ~50x faster than the pure-Python
Fraction elimination kept here as the fallback and as a cross-check in the tests.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

Matrix = list[list[Fraction]]


def to_fractions(rows: Sequence[Sequence]) -> Matrix:
    return [[Fraction(x) for x in row] for row in rows]


try:  # pragma: no cover - exercised when python-flint is installed
    import flint as _flint
except ImportError:  # pragma: no cover
    _flint = None


def _to_flint(rows: Matrix):
    n_cols = len(rows[0])
    return _flint.fmpq_mat(len(rows), n_cols, [_flint.fmpq(x.numerator, x.denominator) for r in rows for x in r])


def rref(rows: Matrix, backend: str = "auto") -> tuple[Matrix, list[int]]:
    """Reduced row echelon form (nonzero rows) and pivot columns."""
    if backend == "flint" or (backend == "auto" and _flint is not None and rows and rows[0]):
        R, rk = _to_flint(rows).rref()
        n_cols = R.ncols()
        out: Matrix = []
        pivots: list[int] = []
        for i in range(rk):
            row = [Fraction(int(R[i, j].p), int(R[i, j].q)) for j in range(n_cols)]
            pivots.append(next(j for j, x in enumerate(row) if x != 0))
            out.append(row)
        return out, pivots
    return rref_python(rows)


def rref_python(rows: Matrix) -> tuple[Matrix, list[int]]:
    """Pure-Python Gauss–Jordan elimination over Fractions."""
    a = [list(r) for r in rows]
    if not a:
        return a, []
    n_rows, n_cols = len(a), len(a[0])
    pivots: list[int] = []
    row = 0
    for col in range(n_cols):
        piv = next((i for i in range(row, n_rows) if a[i][col] != 0), None)
        if piv is None:
            continue
        a[row], a[piv] = a[piv], a[row]
        inv = 1 / a[row][col]
        a[row] = [x * inv for x in a[row]]
        for i in range(n_rows):
            if i != row and a[i][col] != 0:
                f = a[i][col]
                a[i] = [x - f * y for x, y in zip(a[i], a[row])]
        pivots.append(col)
        row += 1
        if row == n_rows:
            break
    return a[:row], pivots


def rank(rows: Matrix) -> int:
    if not rows or not rows[0]:
        return 0
    if _flint is not None:
        return int(_to_flint(rows).rank())
    return len(rref_python(rows)[1])


def solve_affine(E: Matrix, f: Sequence[Fraction]) -> tuple[list[Fraction], list[list[Fraction]]] | None:
    """All solutions of E x = f as (particular solution, null-space basis), or None if inconsistent."""
    n = len(E[0]) if E else 0
    aug = [list(r) + [Fraction(b)] for r, b in zip(E, f)]
    R, piv = rref(aug)
    if n in piv:
        return None
    x = [Fraction(0)] * n
    for r, c in zip(R, piv):
        x[c] = r[n]
    free = [c for c in range(n) if c not in piv]
    basis = []
    for fc in free:
        v = [Fraction(0)] * n
        v[fc] = Fraction(1)
        for r, c in zip(R, piv):
            v[c] = -r[fc]
        basis.append(v)
    return x, basis


class System:
    """A linear system E x = f kept in the fastest exact representation available.

    ``consistent_with(other)`` and ``implies(other)`` decide intersection and containment
    of the solution sets by ranks, without converting entries again.
    """

    def __init__(self, E: Matrix, f: Sequence[Fraction]):
        self.n = len(E[0]) if E else 0
        self.E = [list(r) for r in E]
        self.f = [Fraction(b) for b in f]
        if _flint is not None:
            self._e = [_flint.fmpq(x.numerator, x.denominator) for r in self.E for x in r]
            self._aug = [
                _flint.fmpq(x.numerator, x.denominator) for r, b in zip(self.E, self.f) for x in list(r) + [b]
            ]
        self.rows = len(self.E)

    def _rank(self, flat_attr: str, others: "Sequence[System]", aug: bool) -> int:
        systems = [self, *others]
        rows = sum(s.rows for s in systems)
        cols = self.n + (1 if aug else 0)
        if rows == 0:
            return 0
        if _flint is not None:
            flat = [x for s in systems for x in getattr(s, flat_attr)]
            return int(_flint.fmpq_mat(rows, cols, flat).rank())
        mat = [list(r) + ([b] if aug else []) for s in systems for r, b in zip(s.E, s.f)]
        return len(rref_python(mat)[1])

    def rank(self, *others: "System") -> int:
        return self._rank("_e", others, aug=False)

    def aug_rank(self, *others: "System") -> int:
        return self._rank("_aug", others, aug=True)

    def consistent(self, *others: "System") -> bool:
        return self.rank(*others) == self.aug_rank(*others)

    def implies(self, other: "System") -> bool:
        """Every solution of self solves other (self assumed consistent)."""
        return self.aug_rank(other) == self.aug_rank()
