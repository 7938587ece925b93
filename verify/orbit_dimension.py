"""Orbit dimensions of the hidden-layer symmetry groups of a two-layer network.

Parameters (U, V) ∈ R^{m×h} × R^{h×n}; a group G ⊆ GL_h acts by g·(U, V) = (U π(g)⁻¹, gV).
The dimension of the orbit through θ is the rank of the infinitesimal action
a ↦ exp(Σ a_k M_k)·θ at a = 0 (a Lie-algebra basis M_k of G).  Two independent computations:

* :func:`orbit_dim_numeric` — torch autograd Jacobian of the *group action itself* (matrix
  exponential, float64) and a singular-value rank with a stated tolerance and gap;
* :func:`orbit_dim_exact` — the infinitesimal action (−U·dπ(M), M·V) written out with exact
  rationals at a rational point, rank by fraction-exact row reduction.

Groups: ``"GL"`` (all of GL_h, π(g)=g), ``"T+"`` (positive diagonal, π(g)=g^α, dπ = α·M),
``"O"`` (orthogonal group O(h), π(g) = g).
"""

from __future__ import annotations

from fractions import Fraction
from math import comb

import numpy as np
import torch

from .group_actions import DT, NumericRank, infinitesimal_matrix, numeric_rank
from .linalg_exact import rank as exact_rank

GROUPS = ("GL", "T+", "O")


def lie_basis(group: str, h: int) -> list[np.ndarray]:
    """A basis of the Lie algebra as integer h×h arrays."""
    E = lambda a, b: np.eye(h, dtype=int)[:, [a]] @ np.eye(h, dtype=int)[[b], :]  # noqa: E731
    if group == "GL":
        return [E(a, b) for a in range(h) for b in range(h)]
    if group == "T+":
        return [E(a, a) for a in range(h)]
    if group == "O":
        return [E(a, b) - E(b, a) for a in range(h) for b in range(a + 1, h)]
    raise ValueError(f"unknown group {group!r}; choose from {GROUPS}")


def group_dim(group: str, h: int) -> int:
    return {"GL": h * h, "T+": h, "O": comb(h, 2)}[group]


def orbit_dim_numeric(U: torch.Tensor, V: torch.Tensor, group: str, alpha: float = 1.0) -> NumericRank:
    """Rank of the Jacobian at the identity of a ↦ (U·π(exp(Σ a_k M_k))⁻¹, exp(Σ a_k M_k)·V)."""
    h = V.shape[0]
    basis = [torch.tensor(M, dtype=DT) for M in lie_basis(group, h)]
    if not basis:
        return numeric_rank(torch.zeros(U.numel() + V.numel(), 0, dtype=DT))
    B = torch.stack(basis)

    def act(a: torch.Tensor):
        X = torch.einsum("k,kij->ij", a, B)
        g = torch.linalg.matrix_exp(X)
        pig_inv = torch.linalg.matrix_exp(-alpha * X) if group == "T+" else torch.linalg.inv(g)
        return {"U": U @ pig_inv, "V": g @ V}

    J = infinitesimal_matrix(act, len(basis), ["U", "V"])
    return numeric_rank(J)


def infinitesimal_columns_exact(U: np.ndarray, V: np.ndarray, group: str, alpha: Fraction = Fraction(1)) -> list[list[Fraction]]:
    """Columns (−U·dπ(M), M·V) flattened, for each basis element M; exact Fractions."""
    h = V.shape[0]
    cols = []
    for M in lie_basis(group, h):
        Mf = np.array([[Fraction(int(x)) for x in row] for row in M], dtype=object)
        dpi = Mf * alpha if group == "T+" else Mf
        dU = -(U.dot(dpi))
        dV = Mf.dot(V)
        cols.append(list(dU.reshape(-1)) + list(dV.reshape(-1)))
    return cols


def orbit_dim_exact(U: np.ndarray, V: np.ndarray, group: str, alpha: Fraction = Fraction(1)) -> int:
    cols = infinitesimal_columns_exact(U, V, group, alpha)
    if not cols:
        return 0
    rows = [list(r) for r in zip(*cols)]
    return exact_rank([[Fraction(x) for x in r] for r in rows])


def special_full_rank_point(m: int, h: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    """(U₀, V₀) = ([id_m 0], [id_n; 0]) of the proof of Proposition A.2.9 (for h ≥ max(m, n));
    for smaller h the leading h×h identity block padded appropriately (still full rank)."""
    U0 = np.array([[Fraction(1 if i == j else 0) for j in range(h)] for i in range(m)], dtype=object)
    V0 = np.array([[Fraction(1 if i == j else 0) for j in range(n)] for i in range(h)], dtype=object)
    return U0, V0


def full_rank(A: np.ndarray) -> bool:
    return exact_rank([[Fraction(x) for x in r] for r in A]) == min(A.shape)


# -- the true generic dimensions (derived in the claims' notes; checked against the rank) ---------
def generic_truth(group: str, m: int, h: int, n: int) -> int:
    """Generic orbit dimension: stabiliser algebra {X ∈ g : UX = 0, XV = 0}.

    GL: X = A Bᵀ with A's columns in ker U, B's in ker Vᵀ → dim (h−m)⁺(h−n)⁺.
    T+: diagonal X killing a generic U and V is 0 → orbit dim h.
    O:  skew X vanishing on col(V) + row(U) (generic dim min(h, m+n)) → so(h − min(h, m+n)).
    """
    if group == "GL":
        return h * h - max(0, h - n) * max(0, h - m)
    if group == "T+":
        return h
    if group == "O":
        return comb(h, 2) - comb(max(0, h - n - m), 2)
    raise ValueError(group)


def minimum_on_full_rank_truth(group: str, m: int, h: int, n: int) -> int:
    """Orbit dimension at the special full-rank point (U₀, V₀): the minimum over Param°."""
    k = max(m, n)
    if group == "GL":
        return generic_truth("GL", m, h, n)
    if group == "T+":
        return min(h, k)
    if group == "O":
        return comb(h, 2) - comb(max(0, h - k), 2)
    raise ValueError(group)
