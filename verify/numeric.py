"""float64 numerics: tolerances derived from scale, autograd helpers, accurate gradient flows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
import torch

EPS = float(np.finfo(np.float64).eps)


@dataclass(frozen=True)
class Tolerance:
    """An absolute tolerance with the reasoning that produced it (shown in the evidence)."""

    value: float
    why: str

    def __str__(self) -> str:
        return f"{self.value:.3g} ({self.why})"


def rounding_tolerance(scale: float, n_terms: int, cond: float = 1.0, safety: float = 64.0) -> Tolerance:
    """Tolerance for comparing two float64 evaluations of the same quantity.

    Forward error of a sum/product chain of ``n_terms`` operations on values of
    magnitude ``scale`` is <= n_terms * eps * scale (times the condition number);
    ``safety`` absorbs transcendental-function ulps.
    """
    v = safety * EPS * max(n_terms, 1) * max(cond, 1.0) * max(scale, 1e-300)
    return Tolerance(v, f"{safety:g}·eps·n={n_terms}·cond={cond:.3g}·scale={scale:.3g}")


def max_abs_diff(a, b) -> float:
    a = a.detach().cpu().numpy() if isinstance(a, torch.Tensor) else np.asarray(a, float)
    b = b.detach().cpu().numpy() if isinstance(b, torch.Tensor) else np.asarray(b, float)
    return float(np.max(np.abs(a - b))) if a.size else 0.0


def flat_grad(loss_fn: Callable[[torch.Tensor], torch.Tensor], theta: torch.Tensor) -> torch.Tensor:
    """Gradient of a scalar loss at a flat float64 parameter vector."""
    th = theta.detach().clone().requires_grad_(True)
    (g,) = torch.autograd.grad(loss_fn(th), th)
    return g.detach()


def hessian(loss_fn: Callable[[torch.Tensor], torch.Tensor], theta: torch.Tensor) -> torch.Tensor:
    """Dense Hessian (float64) of a scalar loss at a flat parameter vector."""
    return torch.autograd.functional.hessian(loss_fn, theta.detach().clone()).detach()


def gradient_flow(
    loss_fn: Callable[[torch.Tensor], torch.Tensor],
    theta0: np.ndarray,
    t_end: float,
    t_eval: np.ndarray | None = None,
    rtol: float = 1e-11,
    atol: float = 1e-13,
    method: str = "DOP853",
):
    """Integrate dθ/dt = -∇L(θ) with an adaptive high-order solver (scipy ``solve_ivp``).

    Returns the scipy solution object (``.t``, ``.y`` with shape (dim, len(t))).
    """
    from scipy.integrate import solve_ivp

    def rhs(_t, y):
        return -flat_grad(loss_fn, torch.as_tensor(y, dtype=torch.float64)).numpy()

    sol = solve_ivp(rhs, (0.0, t_end), np.asarray(theta0, float), method=method, t_eval=t_eval, rtol=rtol, atol=atol)
    if not sol.success:
        raise RuntimeError(f"gradient-flow integration failed: {sol.message}")
    return sol


def newton_refine(
    loss_fn: Callable[[torch.Tensor], torch.Tensor], theta: torch.Tensor, steps: int = 50, gtol: float = 1e-13
) -> tuple[torch.Tensor, float]:
    """Refine a critical point with (pseudo-inverse) Newton steps; returns (θ, final |∇L|)."""
    th = theta.detach().clone()
    gnorm = float("inf")
    for _ in range(steps):
        g = flat_grad(loss_fn, th)
        gnorm = float(g.norm())
        if gnorm < gtol:
            break
        H = hessian(loss_fn, th)
        th = th - torch.linalg.pinv(H, rtol=1e-12) @ g
    return th, gnorm
