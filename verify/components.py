"""Counting connected components from certified paths.

Two kinds of evidence meet here:

* *upper bounds* — a graph (networkx) whose nodes are sample points of a space and whose
  edges are *certified* paths inside the space (straight segments along which an exact
  polynomial condition provably never fails, or exact parametrised curves).  Every graph
  component lies inside one component of the space, so the number of components of the
  space met by the samples is at most the number of graph components;
* *lower bounds* — continuous functions that are locally constant on the space (e.g. the
  sign of a determinant that never vanishes there): points with different values lie in
  different components.

When both bounds agree the count is exact.  ``gl_path_to_base`` is the constructive half of
"GL_n(R) has two components": it joins any rational invertible matrix to diag(1, …, 1, ±1)
by straight segments, each certified invertible in exact arithmetic.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable, Hashable, Iterable, Sequence

import networkx as nx
import sympy as sp

from .real_algebraic import det_fraction, fmat, segment_invertible_fast
from .validate import InvalidArgument, as_int

FMatrix = list[list[Fraction]]


# -- graphs of certified paths -------------------------------------------------------------------
@dataclass
class ComponentCount:
    """Result of counting components of sampled points: graph (upper) vs invariants (lower)."""

    graph_components: int  # components of the certified-path graph (upper bound on what is met)
    invariant_classes: int  # distinct values of the separating invariant (lower bound)
    nodes: int
    edges: int
    consistent: bool  # every graph component carries a single invariant value
    component_of: dict[int, int] = field(default_factory=dict)

    @property
    def exact(self) -> bool:
        return self.consistent and self.graph_components == self.invariant_classes

    def summary(self) -> str:
        return (f"{self.nodes} samples, {self.edges} certified paths: {self.graph_components} graph components; "
                f"{self.invariant_classes} distinct invariant values")


def certified_graph(n: int, pairs: Iterable[tuple[int, int]], certify: Callable[[int, int], bool]) -> nx.Graph:
    """Graph on nodes 0..n−1 with an edge (i, j) for each candidate pair whose path is certified."""
    G = nx.Graph()
    G.add_nodes_from(range(n))
    for i, j in pairs:
        if not nx.has_path(G, i, j) and certify(i, j):  # skip pairs already joined (saves work)
            G.add_edge(i, j)
    return G


def count_components(G: nx.Graph, invariant: Sequence[Hashable] | dict | None = None) -> ComponentCount:
    """Components of G against a separating invariant (indexed by node; ``None``: one class)."""
    if invariant is None:
        invariant = {v: 0 for v in G.nodes}
    elif not isinstance(invariant, dict):
        invariant = dict(enumerate(invariant))
    comps = list(nx.connected_components(G))
    comp_of = {v: k for k, c in enumerate(comps) for v in c}
    consistent = all(len({invariant[v] for v in c}) == 1 for c in comps)
    classes = {invariant[v] for v in G.nodes}
    return ComponentCount(len(comps), len(classes), G.number_of_nodes(), G.number_of_edges(), consistent, comp_of)


def all_pairs(n: int) -> list[tuple[int, int]]:
    return list(itertools.combinations(range(n), 2))


# -- GL_n(R): exact constructive paths ----------------------------------------------------------------
def _as_fmat(A: Any, name: str = "A") -> FMatrix:
    M = fmat(A)
    if not M or any(len(r) != len(M) for r in M):
        raise InvalidArgument(f"{name} must be a non-empty square matrix")
    return M


def _shear(M: FMatrix, i: int, j: int, c: Fraction) -> FMatrix:
    """Row_i += c·Row_j (left multiplication by the transvection E_ij(c), determinant 1)."""
    out = [list(r) for r in M]
    out[i] = [a + c * b for a, b in zip(M[i], M[j])]
    return out


def _rotate_pair(M: FMatrix, i: int, j: int, path: list[FMatrix]) -> FMatrix:
    """Left-multiply by the quarter turn J_ij = E_ij(−1)E_ji(1)E_ij(−1) as three shears (recorded)."""
    for a, b, c in ((i, j, Fraction(-1)), (j, i, Fraction(1)), (i, j, Fraction(-1))):
        M = _shear(M, a, b, c)
        path.append(M)
    return M


def gl_path_to_base(A: Any) -> list[FMatrix]:
    """Waypoints A = M_0, M_1, …, M_k = diag(1, …, 1, sign det A) joined by straight segments.

    Steps: (1) Gauss–Jordan elimination with shears only (each segment M → E_ij(c)M is the curve
    E_ij(tc)M, of constant determinant); (2) the straight segment from the diagonal D to
    diag(sign d_i) (entries never cross 0); (3) pairs of −1's removed by two quarter turns
    (six shears).  Raises InvalidArgument for a singular A.  The segments are *certified*
    separately by :func:`certify_gl_path` (exact determinant root counting), not assumed.
    """
    M = _as_fmat(A)
    n = len(M)
    if det_fraction(M) == 0:
        raise InvalidArgument("A must be invertible (its determinant is 0)")
    path = [M]
    for k in range(n):
        if M[k][k] == 0:
            r = next(r for r in range(k + 1, n) if M[r][k] != 0)
            M = _shear(M, k, r, Fraction(1))
            path.append(M)
        for r in range(n):
            if r != k and M[r][k] != 0:
                M = _shear(M, r, k, -M[r][k] / M[k][k])
                path.append(M)
    signs = [1 if M[i][i] > 0 else -1 for i in range(n)]
    D = [[Fraction(signs[i]) if i == j else Fraction(0) for j in range(n)] for i in range(n)]
    if D != M:
        M = D
        path.append(M)
    neg = [i for i in range(n) if signs[i] < 0]
    while len(neg) >= 2 or (len(neg) == 1 and neg[0] != n - 1):
        i, j = (neg[0], neg[1]) if len(neg) >= 2 else (neg[0], n - 1)
        M = _rotate_pair(M, i, j, path)
        M = _rotate_pair(M, i, j, path)
        neg = [k for k in range(n) if M[k][k] < 0]
    return path


def certify_gl_path(path: Sequence[Any]) -> tuple[bool, int]:
    """True iff every straight segment between consecutive waypoints stays invertible (exact).

    Returns (ok, index of the first failing segment or −1)."""
    for k, (P, Q) in enumerate(zip(path, path[1:])):
        if not segment_invertible_fast(P, Q):
            return False, k
    return True, -1


def base_point(n: int, sign: int) -> FMatrix:
    return [[Fraction(sign if (i == j == n - 1) else (1 if i == j else 0)) for j in range(n)] for i in range(n)]


def det_sign(A: Any) -> int:
    d = det_fraction(_as_fmat(A))
    return (d > 0) - (d < 0)


# -- permutations ------------------------------------------------------------------------------------
def perm_matrix(perm: Sequence[int]) -> sp.ImmutableMatrix:
    """P with P e_j = e_{perm[j]} (so (P A) moves row j of A to row perm[j])."""
    n = len(perm)
    if sorted(perm) != list(range(n)):
        raise InvalidArgument(f"perm must be a permutation of 0..{n - 1}, got {list(perm)}")
    return sp.ImmutableMatrix(n, n, lambda i, j: 1 if perm[j] == i else 0)


def permutations(h: int) -> list[sp.ImmutableMatrix]:
    h = as_int("h", h, minimum=1)
    return [perm_matrix(p) for p in itertools.permutations(range(h))]


# -- finite unions of closed intervals of R (exact) -----------------------------------------------------
def merge_intervals(intervals: Iterable[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """Connected components of a finite union of closed intervals [a, b] (a ≤ b): overlapping or touching
    intervals merge (they share a point)."""
    iv = sorted((sp.nsimplify(a), sp.nsimplify(b)) for a, b in intervals)
    out: list[tuple[Any, Any]] = []
    for a, b in iv:
        if a > b:
            raise InvalidArgument(f"interval endpoints must satisfy a <= b, got [{a}, {b}]")
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def polynomial_image(f: sp.Expr, x: sp.Symbol, a: Any, b: Any) -> tuple[Any, Any]:
    """f([a, b]) = [min, max] exactly: f at the endpoints and at the real roots of f' inside (a, b)."""
    a, b = sp.nsimplify(a), sp.nsimplify(b)
    cands = [f.subs(x, a), f.subs(x, b)]
    d = sp.Poly(sp.diff(f, x), x)
    if d.degree() > 0:
        for r in d.real_roots():
            if a < r < b:
                cands.append(sp.nsimplify(f.subs(x, r)) if r.is_Rational else f.subs(x, r))
    lo = min(cands, key=lambda v: sp.N(v, 50))
    hi = max(cands, key=lambda v: sp.N(v, 50))
    return lo, hi
