"""Exact combinatorics of expansion manifolds (Şimşek et al. 2021), computed three ways.

* ``*_printed_sum``  – the sums exactly as printed in Theorem 3.1 / Proposition 4.3,
  enumerating the tuples s literally (the *definition* of T and G);
* ``*_objects``      – the affine subspaces themselves as combinatorial objects (who is
  a copy of which teacher neuron; zero-type groups as an unlabelled set partition);
* ``*_egf``          – exponential generating functions with exact Fraction power series
  (fast, independent of both of the above).

All functions validate their arguments (``r <= m``, positive integers).
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from fractions import Fraction
from functools import lru_cache
from typing import Iterator

from .validate import as_int, width_pair


def multinomial(parts: tuple[int, ...] | list[int]) -> int:
    out, total = 1, 0
    for p in parts:
        total += p
        out *= math.comb(total, p)
    return out


def compositions(total: int, n_parts: int, min_part: int = 1) -> Iterator[tuple[int, ...]]:
    """All ordered tuples of ``n_parts`` integers >= ``min_part`` summing to ``total``."""
    if n_parts == 0:
        if total == 0:
            yield ()
        return
    for first in range(min_part, total - min_part * (n_parts - 1) + 1):
        for rest in compositions(total - first, n_parts - 1, min_part):
            yield (first,) + rest


# -- the printed definitional sums ---------------------------------------------------------

def G_printed_sum(r: int, m: int) -> int:
    """Prop. 4.3: G(r,m) = Σ_{k_1+..+k_r=m, k_i>=1} multinomial(m; k_1..k_r)."""
    r, m = width_pair(r, m)
    return sum(multinomial(k) for k in compositions(m, r))


def T_printed_sum(r: int, m: int, b_min: int = 1) -> int:
    """Thm 3.1: T(r,m) = Σ_j Σ_{sum(s)=m, k_i>=1, b_i>=b_min} multinomial(m; s) / (c_1!..c_{m-r}!),
    c_i = number of occurrences of i among (b_1..b_j).  As printed, b_min = 1."""
    r, m = width_pair(r, m)
    total = Fraction(0)
    for j in range(0, m - r + 1):
        for s in compositions(m, r + j, min_part=1):
            ks, bs = s[:r], s[r:]
            if any(b < b_min for b in bs):
                continue
            c = Counter(bs)
            norm = math.prod(math.factorial(c.get(i, 0)) for i in range(1, m - r + 1))
            total += Fraction(multinomial(s), norm)
    if total.denominator != 1:
        raise ArithmeticError(f"T({r},{m}) printed sum is not an integer: {total}")
    return int(total)


# -- the subspaces as combinatorial objects ------------------------------------------------

def set_partitions(items: tuple[int, ...]) -> Iterator[tuple[tuple[int, ...], ...]]:
    """All set partitions of ``items`` (blocks sorted, in canonical order)."""
    if not items:
        yield ()
        return
    first, rest = items[0], items[1:]
    for part in set_partitions(rest):
        yield ((first,),) + part
        for i in range(len(part)):
            yield part[:i] + ((first,) + part[i],) + part[i + 1:]


def critical_subspace_objects(r: int, m: int) -> Iterator[tuple[int, ...]]:
    """Subspaces P_π Γ̄_s(θ*) of Θ̄_{r→m}: the label L(i) ∈ [r] of the teacher neuron whose
    incoming weight position i carries — every surjection [m] → [r]."""
    r, m = width_pair(r, m)
    for labels in itertools.product(range(1, r + 1), repeat=m):
        if len(set(labels)) == r:
            yield labels


def expansion_subspace_objects(r: int, m: int) -> Iterator[tuple[tuple[int, ...], tuple[tuple[int, ...], ...]]]:
    """Subspaces P_π Γ_s(θ^r) of Θ_{r→m}: (labels, zero_groups) where labels[i] ∈ {0..r}
    (0 = zero-type neuron), every teacher label used, and zero_groups an unlabelled set
    partition of the zero-type positions (neurons sharing a free incoming vector w')."""
    r, m = width_pair(r, m)
    for labels in itertools.product(range(0, r + 1), repeat=m):
        if len(set(labels) - {0}) != r:
            continue
        zeros = tuple(i for i, l in enumerate(labels) if l == 0)
        for part in set_partitions(zeros):
            yield labels, part


def count_objects(kind: str, r: int, m: int) -> int:
    gen = {"G": critical_subspace_objects, "T": expansion_subspace_objects}[kind]
    return sum(1 for _ in gen(r, m))


# -- exponential generating functions (exact) ----------------------------------------------

def _exp_minus_one(n: int) -> list[Fraction]:
    return [Fraction(0)] + [Fraction(1, math.factorial(k)) for k in range(1, n + 1)]


def _mul(a: list[Fraction], b: list[Fraction], n: int) -> list[Fraction]:
    out = [Fraction(0)] * (n + 1)
    for i, x in enumerate(a[: n + 1]):
        if x:
            for j, y in enumerate(b[: n + 1 - i]):
                if y:
                    out[i + j] += x * y
    return out


@lru_cache(maxsize=None)
def _power(r: int, n: int) -> tuple[Fraction, ...]:
    if r == 0:
        return tuple([Fraction(1)] + [Fraction(0)] * n)
    return tuple(_mul(list(_power(r - 1, n)), _exp_minus_one(n), n))


@lru_cache(maxsize=None)
def _bell_egf(n: int) -> tuple[Fraction, ...]:
    """exp(e^x − 1) = Σ_j (e^x − 1)^j / j!  truncated at degree n."""
    out = [Fraction(0)] * (n + 1)
    for j in range(0, n + 1):
        pj = _power(j, n)
        for k in range(n + 1):
            out[k] += pj[k] / math.factorial(j)
    return tuple(out)


def G_egf(r: int, m: int) -> int:
    """m! [x^m] (e^x − 1)^r  (each teacher neuron gets a non-empty block of positions)."""
    r, m = width_pair(r, m)
    return int(_power(r, m)[m] * math.factorial(m))


def T_egf(r: int, m: int) -> int:
    """m! [x^m] (e^x − 1)^r · exp(e^x − 1)  (plus any set partition of the zero-type positions)."""
    r, m = width_pair(r, m)
    return int(_mul(list(_power(r, m)), list(_bell_egf(m)), m)[m] * math.factorial(m))


def bell(n: int) -> int:
    n = as_int("n", n, minimum=0)
    return int(_bell_egf(n)[n] * math.factorial(n))


# -- combinatorial recurrences (fast, exact, independent of closed forms) -----------------

@lru_cache(maxsize=None)
def surjections(m: int, r: int) -> int:
    """Number of surjections [m] → [r] by the recurrence on where element m goes:
    onto a label also hit by [m−1] (r·Surj(m−1, r)) or onto a label hit by m alone (r·Surj(m−1, r−1))."""
    if m < 0 or r < 0:
        raise ValueError("m and r must be >= 0")
    if m == 0 or r == 0:
        return int(m == 0 and r == 0)
    # iterate over m to keep the recursion depth small
    row = [1] + [0] * r  # Surj(0, k)
    for mm in range(1, m + 1):
        row = [0] + [k * (row[k] + row[k - 1]) for k in range(1, r + 1)]
    return row[r]


def G_recurrence(r: int, m: int) -> int:
    r, m = width_pair(r, m)
    return surjections(m, r)
