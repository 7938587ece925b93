"""Accurate gradient flows of permutation-symmetric losses and their distance to symmetry subspaces.

* :func:`flow` — dθ/dt = −∇L(θ) with scipy's adaptive DOP853 (rtol 1e-11) on a numpy gradient
  (the torch-autograd version is ``verify.numeric.gradient_flow``);
* :func:`pair_distance` — dist(θ, H_{ij}) = ‖ϑ_i − ϑ_j‖/√2 (orthogonal projection onto H_{ij}
  replaces both units by their mean);
* :func:`gronwall_bound` — the lower bound dist(ρ(t), H_{ij}) ≥ dist(ρ(0), H_{ij})·exp(−∫_0^t K(s) ds),
  where K(s) bounds the Lipschitz constant of ∇L on the segment [ρ(s), P_{(ij)}ρ(s)].

Derivation (used by the checks): with δ = ϑ_i − ϑ_j and g = ∇L, δ' = −(g_i(ρ) − g_j(ρ)).  Permutation
symmetry gives ∇L(Pρ) = P∇L(ρ), so g_j(ρ) = g_i(Pρ) with P = P_{(ij)}, and
‖g_i(ρ) − g_i(Pρ)‖ ≤ ‖∇L(ρ) − ∇L(Pρ)‖/√2 ≤ K‖ρ − Pρ‖/√2 = K‖δ‖.  Hence d‖δ‖/dt ≥ −K‖δ‖.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from .validate import InvalidArgument


def flow(grad: Callable[[np.ndarray], np.ndarray], theta0, t_end: float, n_eval: int = 201,
         rtol: float = 1e-11, atol: float = 1e-14):
    """Integrate the gradient flow; returns (t, Y) with Y of shape (len(t), dim)."""
    from scipy.integrate import solve_ivp

    t_eval = np.linspace(0.0, t_end, n_eval)
    sol = solve_ivp(lambda _t, y: -grad(y), (0.0, t_end), np.asarray(theta0, float), method="DOP853",
                    t_eval=t_eval, rtol=rtol, atol=atol)
    if not sol.success:
        raise RuntimeError(f"gradient-flow integration failed: {sol.message}")
    return sol.t, sol.y.T


def units(theta: np.ndarray, m: int, layout: str = "blocks", d_in: int | None = None) -> np.ndarray:
    """The m units ϑ_i as rows.  layout 'interleaved': θ = (ϑ_1, ..., ϑ_m) directly;
    'blocks': θ = (w_1..w_m, a_1..a_m) as in verify.subspaces (needs d_in); ϑ_i = [w_i, a_i]."""
    theta = np.asarray(theta, float)
    if theta.size % m:
        raise InvalidArgument(f"θ of size {theta.size} does not split into m = {m} units")
    if layout == "interleaved":
        return theta.reshape(m, -1)
    if layout != "blocks" or d_in is None:
        raise InvalidArgument("layout must be 'interleaved' or 'blocks' (with d_in)")
    W = theta[: m * d_in].reshape(m, d_in)
    A = theta[m * d_in:].reshape(m, -1)
    return np.concatenate([W, A], axis=1)


def permute_pair(theta: np.ndarray, m: int, i: int, j: int, layout: str = "blocks", d_in: int | None = None) -> np.ndarray:
    """P_{(ij)}θ: swap units i and j."""
    U = units(theta, m, layout, d_in).copy()
    U[[i, j]] = U[[j, i]]
    if layout == "interleaved":
        return U.reshape(-1)
    return np.concatenate([U[:, :d_in].reshape(-1), U[:, d_in:].reshape(-1)])


def pair_distance(theta, m: int, i: int, j: int, layout: str = "blocks", d_in: int | None = None) -> float:
    U = units(theta, m, layout, d_in)
    return float(np.linalg.norm(U[i] - U[j]) / np.sqrt(2.0))


def min_pair_distance(theta, m: int, layout: str = "blocks", d_in: int | None = None) -> tuple[float, tuple[int, int]]:
    best = (np.inf, (-1, -1))
    for i in range(m):
        for j in range(i + 1, m):
            d = pair_distance(theta, m, i, j, layout, d_in)
            if d < best[0]:
                best = (d, (i, j))
    return best


def segment_lipschitz(hess: Callable[[np.ndarray], np.ndarray], a: np.ndarray, b: np.ndarray, samples: int = 7) -> float:
    """max ‖∇²L‖₂ over ``samples`` points of the segment [a, b] (an estimate of the Lipschitz constant of ∇L there)."""
    return max(float(np.linalg.norm(hess(a + s * (b - a)), 2)) for s in np.linspace(0.0, 1.0, samples))


def gronwall_bound(hess, t: np.ndarray, Y: np.ndarray, m: int, i: int, j: int, layout: str = "blocks",
                   d_in: int | None = None, samples: int = 7) -> tuple[np.ndarray, np.ndarray]:
    """(K at each time, lower bound on dist(ρ(t), H_ij)); ∫K uses the larger end value on each step."""
    K = np.array([segment_lipschitz(hess, y, permute_pair(y, m, i, j, layout, d_in), samples) for y in Y])
    steps = np.maximum(K[1:], K[:-1]) * np.diff(t)
    integral = np.concatenate([[0.0], np.cumsum(steps)])
    d0 = pair_distance(Y[0], m, i, j, layout, d_in)
    return K, d0 * np.exp(-integral)
