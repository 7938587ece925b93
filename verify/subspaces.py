"""The affine subspaces of expansion manifolds as concrete objects in parameter space.

A point of the width-m network is θ = (w_1..w_m, a_1..a_m), w_i ∈ R^{d_in}, a_i ∈ R^{d_out},
flattened as [w_1, ..., w_m, a_1, ..., a_m].  Given an irreducible θ^r with *rational*
entries, every combinatorial object of ``verify.combinatorics`` becomes an affine subspace
{x : E x = f} with exact rational (E, f), so that intersection, containment and dimension
are decided exactly.  ``expansion_graph`` joins subspaces that intersect — the moves of
Şimşek et al.'s connectivity proof go from one subspace to a neighbour through a common
point, each leg a straight segment inside one subspace.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Iterable, Sequence

import networkx as nx

from .combinatorics import critical_subspace_objects, expansion_subspace_objects
from functools import cached_property

from .linalg_exact import Matrix, System, rank, solve_affine
from .validate import InvalidArgument, as_int, width_pair


@dataclass(frozen=True)
class IrreduciblePoint:
    """θ^r = (W, A) with rational entries; validated to be irreducible (Definition 3.1)."""

    W: tuple[tuple[Fraction, ...], ...]  # r × d_in
    A: tuple[tuple[Fraction, ...], ...]  # r × d_out

    @staticmethod
    def of(W: Sequence[Sequence], A: Sequence[Sequence]) -> "IrreduciblePoint":
        Wf = tuple(tuple(Fraction(x) for x in row) for row in W)
        Af = tuple(tuple(Fraction(x) for x in row) for row in A)
        if len(Wf) != len(Af) or not Wf:
            raise InvalidArgument(f"W and A must have the same positive number of rows (neurons), got {len(Wf)} and {len(Af)}")
        if len(set(Wf)) != len(Wf):
            raise InvalidArgument("W: incoming weight vectors must be distinct for an irreducible point")
        if any(all(x == 0 for x in a) for a in Af):
            raise InvalidArgument("A: outgoing weight vectors must be nonzero for an irreducible point")
        return IrreduciblePoint(Wf, Af)

    @property
    def r(self) -> int:
        return len(self.W)

    @property
    def d_in(self) -> int:
        return len(self.W[0])

    @property
    def d_out(self) -> int:
        return len(self.A[0])


def random_rational_point(r: int, d_in: int, d_out: int, rng, denominator: int = 4, spread: int = 8) -> IrreduciblePoint:
    """A seeded random irreducible point with entries k/denominator, |k| ≤ spread."""
    r = as_int("r", r, 1)
    d_in, d_out = as_int("d_in", d_in, 1), as_int("d_out", d_out, 1)
    for _ in range(1000):
        W = [[Fraction(int(rng.integers(-spread, spread + 1)), denominator) for _ in range(d_in)] for _ in range(r)]
        A = [[Fraction(int(rng.integers(-spread, spread + 1)), denominator) for _ in range(d_out)] for _ in range(r)]
        try:
            return IrreduciblePoint.of(W, A)
        except InvalidArgument:
            continue
    raise RuntimeError("could not draw an irreducible point")


@dataclass(frozen=True, eq=False)
class AffineSubspace:
    """{x ∈ Q^{Dm} : E x = f} together with the combinatorial object it came from."""

    key: tuple
    kind: str  # "expansion" (Γ_s, Def. 3.2) or "critical" (Γ̄_s, Eq. 4)
    E: tuple[tuple[Fraction, ...], ...]
    f: tuple[Fraction, ...]
    n: int  # ambient dimension D·m

    @cached_property
    def system(self) -> System:
        return System([list(r) for r in self.E], self.f)

    @property
    def dimension(self) -> int:
        return self.n - self.system.rank()

    def solution(self):
        return solve_affine([list(r) for r in self.E], self.f)

    def contains_point(self, x: Sequence[Fraction]) -> bool:
        return all(sum(e * xi for e, xi in zip(row, x)) == b for row, b in zip(self.E, self.f))


def _layout(m: int, d_in: int, d_out: int):
    def w(i, c):
        return i * d_in + c

    def a(i, c):
        return m * d_in + i * d_out + c

    return w, a, m * (d_in + d_out)


def _row_builder(n: int):
    """A function turning sparse (index, value) entries into a dense Fraction row of length n."""

    def row(entries):
        v = [Fraction(0)] * n
        for idx, val in entries:
            v[idx] += val
        return v

    return row


def expansion_subspace(theta: IrreduciblePoint, m: int, obj) -> AffineSubspace:
    """Γ_s (Definition 3.2) permuted: obj = (labels, zero_groups) from expansion_subspace_objects."""
    labels, groups = obj
    w, a, n = _layout(m, theta.d_in, theta.d_out)
    E: list[list[Fraction]] = []
    f: list[Fraction] = []
    row = _row_builder(n)

    for i, t in enumerate(labels):
        if t:
            for c in range(theta.d_in):
                E.append(row([(w(i, c), 1)]))
                f.append(theta.W[t - 1][c])
    for t in range(1, theta.r + 1):
        members = [i for i, l in enumerate(labels) if l == t]
        for c in range(theta.d_out):
            E.append(row([(a(i, c), 1) for i in members]))
            f.append(theta.A[t - 1][c])
    for group in groups:
        for j in group[1:]:
            for c in range(theta.d_in):
                E.append(row([(w(group[0], c), 1), (w(j, c), -1)]))
                f.append(Fraction(0))
        for c in range(theta.d_out):
            E.append(row([(a(i, c), 1) for i in group]))
            f.append(Fraction(0))
    return AffineSubspace((labels, groups), "expansion", tuple(map(tuple, E)), tuple(f), n)


def critical_subspace(theta: IrreduciblePoint, m: int, labels) -> AffineSubspace:
    """Γ̄_s (Equation 4) permuted: position i copies w_{L(i)} and carries β_i a_{L(i)}, Σ β = 1."""
    w, a, n = _layout(m, theta.d_in, theta.d_out)
    E: list[list[Fraction]] = []
    f: list[Fraction] = []
    row = _row_builder(n)

    for i, t in enumerate(labels):
        at = theta.A[t - 1]
        for c in range(theta.d_in):
            E.append(row([(w(i, c), 1)]))
            f.append(theta.W[t - 1][c])
        p = next(c for c, x in enumerate(at) if x != 0)  # a_i ∥ a_t: a_i[q]·a_t[p] − a_i[p]·a_t[q] = 0
        for q in range(theta.d_out):
            if q != p:
                E.append(row([(a(i, q), at[p]), (a(i, p), -at[q])]))
                f.append(Fraction(0))
    for t in range(1, theta.r + 1):
        members = [i for i, l in enumerate(labels) if l == t]
        for c in range(theta.d_out):
            E.append(row([(a(i, c), 1) for i in members]))
            f.append(theta.A[t - 1][c])
    return AffineSubspace(tuple(labels), "critical", tuple(map(tuple, E)), tuple(f), n)


def expansion_subspaces(theta: IrreduciblePoint, m: int) -> list[AffineSubspace]:
    width_pair(theta.r, m)
    return [expansion_subspace(theta, m, o) for o in expansion_subspace_objects(theta.r, m)]


def critical_subspaces(theta: IrreduciblePoint, m: int) -> list[AffineSubspace]:
    width_pair(theta.r, m)
    return [critical_subspace(theta, m, o) for o in critical_subspace_objects(theta.r, m)]


def _stack(A: AffineSubspace, B: AffineSubspace) -> tuple[Matrix, list[Fraction]]:
    return [list(r) for r in A.E] + [list(r) for r in B.E], list(A.f) + list(B.f)


def intersects(A: AffineSubspace, B: AffineSubspace) -> bool:
    return A.system.consistent(B.system)


def intersection(A: AffineSubspace, B: AffineSubspace):
    """(point, null-space basis) of A ∩ B, or None when empty."""
    E, f = _stack(A, B)
    return solve_affine(E, f)


def contains(A: AffineSubspace, B: AffineSubspace) -> bool:
    """A ⊇ B (B non-empty and every equation of A follows from B's)."""
    if not B.system.consistent():
        return False
    return B.system.implies(A.system)


def expansion_graph(subspaces: Sequence[AffineSubspace]) -> nx.Graph:
    """Nodes: subspaces (index); edge when two subspaces intersect (a move between them exists)."""
    g = nx.Graph()
    for i, s in enumerate(subspaces):
        g.add_node(i, key=s.key)
    for i in range(len(subspaces)):
        for j in range(i + 1, len(subspaces)):
            if intersects(subspaces[i], subspaces[j]):
                g.add_edge(i, j)
    return g


def point_in(S: AffineSubspace, coeffs: Iterable[Fraction]) -> list[Fraction]:
    """The point x0 + Σ c_k v_k of S for given coefficients (exact)."""
    sol = S.solution()
    if sol is None:
        raise InvalidArgument("S: empty subspace")
    x0, basis = sol
    x = list(x0)
    for c, v in zip(coeffs, basis):
        x = [xi + c * vi for xi, vi in zip(x, v)]
    return x


def segment_path(subspaces: Sequence[AffineSubspace], graph: nx.Graph, i: int, j: int, p: list[Fraction], q: list[Fraction]):
    """Waypoints p = z_0, z_1, ..., z_k = q such that each segment [z_{l}, z_{l+1}] lies in one
    subspace (returned with it): p ∈ S_i, q ∈ S_j; intermediate points are exact points of
    consecutive intersections along a shortest path of the graph."""
    route = nx.shortest_path(graph, i, j)
    points = [p]
    legs = []
    for u, v in zip(route, route[1:]):
        z, _ = intersection(subspaces[u], subspaces[v])
        legs.append(u)
        points.append(z)
    legs.append(route[-1])
    points.append(q)
    return points, legs
