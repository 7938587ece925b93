"""Conserved quantities of gradient flow: accurate flows, drift statistics, symbolic orthogonality.

Three kinds of evidence are produced here:

* :func:`flow_drift` integrates the *real* gradient flow dθ/dt = −∇L(θ) with DOP853 at
  tight tolerances and reports, for every quantity Q, the largest deviation
  ``max_t |Q(θ(t)) − Q(θ(0))|`` together with the deviation one expects from the
  integrator alone (``solver_scale``: rtol·|θ|·|∇Q| summed over the accepted steps),
  so a conserved quantity shows a drift *ratio* of order one and a non-conserved
  control quantity a ratio of 10^4 or more;
* :func:`sym_orthogonality` computes ⟨∇Q, ∇L⟩ with sympy and simplifies it to 0;
* :func:`gradient_rank` counts functionally independent quantities at random points.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

import numpy as np
import sympy as sp
import torch

from .numeric import flat_grad, gradient_flow

TensorFn = Callable[[torch.Tensor], torch.Tensor]


@dataclass
class Drift:
    """Drift of one quantity along one flow."""

    name: str
    drift: float  # max_t |Q(t) − Q(0)| (max over components)
    scale: float  # max |Q| over the trajectory (for a relative figure)
    solver_scale: float  # rtol·max|θ|·max|∇Q|·(1 + steps) — what integration error alone can explain
    steps: int

    @property
    def ratio(self) -> float:
        return self.drift / max(self.solver_scale, 1e-300)

    def row(self) -> list[str]:
        return [self.name, f"{self.drift:.2e}", f"{self.scale:.2e}", f"{self.solver_scale:.2e}", f"{self.ratio:.2e}"]


DRIFT_COLUMNS = ["quantity", "max |Q(t)−Q(0)|", "max |Q|", "solver error scale", "drift / solver scale"]


def flow_drift(
    loss_fn: TensorFn,
    theta0: np.ndarray,
    quantities: Mapping[str, TensorFn],
    t_end: float,
    n_eval: int = 60,
    rtol: float = 1e-11,
    atol: float = 1e-13,
) -> tuple[list[Drift], object]:
    """Integrate the gradient flow and measure each quantity's drift.

    ``quantities`` maps names to torch functions of the flat parameter vector (scalar or
    tensor valued).  Returns the drifts and the scipy solution.
    """
    t_eval = np.linspace(0.0, t_end, n_eval)
    sol = gradient_flow(loss_fn, theta0, t_end, t_eval=t_eval, rtol=rtol, atol=atol)
    steps = int(getattr(sol, "nfev", 0) // 12 + 1)  # DOP853 uses 12 evaluations per step
    thetas = [torch.as_tensor(sol.y[:, i], dtype=torch.float64) for i in range(sol.y.shape[1])]
    theta_max = max(float(th.abs().max()) for th in thetas)
    out = []
    for name, q in quantities.items():
        vals = np.stack([np.atleast_1d(q(th).detach().numpy()).ravel() for th in thetas])
        drift = float(np.max(np.abs(vals - vals[0])))
        gmax = 0.0
        for th in thetas[:: max(1, len(thetas) // 8)]:
            x = th.clone().requires_grad_(True)
            v = q(x).reshape(-1)
            for k in range(min(v.numel(), 16)):
                (g,) = torch.autograd.grad(v[k], x, retain_graph=True, allow_unused=True)
                if g is not None:
                    gmax = max(gmax, float(g.abs().sum()))
        solver = rtol * (theta_max + atol / rtol) * max(gmax, 1e-300) * (1 + steps) ** 0.5
        out.append(Drift(name, drift, float(np.max(np.abs(vals))), solver, steps))
    return out, sol


def orthogonality_residual(loss_fn: TensorFn, q: TensorFn, theta: torch.Tensor) -> tuple[float, float]:
    """(|⟨∇Q, ∇L⟩|, |∇Q|·|∇L|) at θ (float64 autograd); the ratio is a cosine."""
    gL = flat_grad(loss_fn, theta)
    gQ = flat_grad(lambda t: q(t).sum(), theta)
    return abs(float(gL @ gQ)), float(gL.norm() * gQ.norm())


def sym_orthogonality(Q: sp.Expr, L: sp.Expr, variables: Sequence[sp.Symbol]) -> sp.Expr:
    """⟨∇Q, ∇L⟩ simplified; 0 when Q is conserved by the gradient flow of L."""
    expr = sum(sp.diff(Q, v) * sp.diff(L, v) for v in variables)
    return sp.simplify(sp.expand(expr))


def gradient_rank(fns: Sequence[TensorFn], theta: torch.Tensor, rtol: float = 1e-9) -> tuple[int, np.ndarray]:
    """Numerical rank of the Jacobian (rows ∇Q_i) at θ, and its singular values."""
    rows = [flat_grad(f, theta).numpy() for f in fns]
    J = np.stack(rows)
    s = np.linalg.svd(J, compute_uv=False)
    rank = int(np.sum(s > rtol * max(s[0], 1e-300))) if s.size else 0
    return rank, s


def gd_run(loss_fn: TensorFn, theta0: torch.Tensor, lr: float, steps: int) -> list[torch.Tensor]:
    """Plain gradient descent θ ← θ − η∇L(θ); returns all iterates (float64)."""
    th = theta0.detach().clone()
    out = [th]
    for _ in range(steps):
        th = th - lr * flat_grad(loss_fn, th)
        out.append(th)
    return out


def fit_power(x: Sequence[float], y: Sequence[float]) -> tuple[float, float]:
    """Least-squares slope and intercept of log y against log x."""
    lx, ly = np.log(np.asarray(x, float)), np.log(np.asarray(y, float))
    A = np.stack([lx, np.ones_like(lx)], axis=1)
    (slope, icpt), *_ = np.linalg.lstsq(A, ly, rcond=None)
    return float(slope), float(icpt)


class Shapes:
    """Pack/unpack a tuple of weight matrices into one flat float64 parameter vector."""

    def __init__(self, *shapes: tuple[int, ...]):
        self.shapes = [tuple(s) for s in shapes]
        self.sizes = [int(np.prod(s)) for s in self.shapes]
        self.dim = int(sum(self.sizes))

    def unpack(self, theta: torch.Tensor) -> list[torch.Tensor]:
        out, i = [], 0
        for s, n in zip(self.shapes, self.sizes):
            out.append(theta[i:i + n].reshape(s))
            i += n
        return out

    def pack(self, *mats) -> torch.Tensor:
        return torch.cat([torch.as_tensor(m, dtype=torch.float64).reshape(-1) for m in mats])

    def random(self, rng: np.random.Generator, scales: Sequence[float] | float = 1.0) -> np.ndarray:
        if np.isscalar(scales):
            scales = [float(scales)] * len(self.shapes)
        return np.concatenate([s * rng.standard_normal(n) for s, n in zip(scales, self.sizes)])


def sym_matrix(name: str, rows: int, cols: int) -> sp.Matrix:
    """A matrix of real sympy symbols name_ij."""
    return sp.Matrix(rows, cols, lambda i, j: sp.Symbol(f"{name}{i}{j}", real=True))


def printed_expr(text: str, **names) -> sp.Expr:
    """Evaluate a printed formula (``=...``) with matrices/symbols bound by name (Trace, sqrt, exp, Abs known)."""
    from .symbolic import parse_printed

    local = {"Trace": sp.trace, "sqrt": sp.sqrt, "exp": sp.exp, "Abs": sp.Abs, "diag": lambda A: sp.Matrix([A[i, i] for i in range(A.rows)])}
    local.update(names)
    return parse_printed(text, local)


def torch_function(expr, symbols: Sequence[sp.Symbol]) -> Callable[[torch.Tensor], torch.Tensor]:
    """Compile a sympy scalar or matrix expression of ``symbols`` into a torch function of the flat vector.

    The vector's entries are bound to ``symbols`` in order; only field operations, powers,
    sqrt/exp/log/Abs are supported (enough for the printed polynomial / rational formulas).
    """
    entries = list(expr) if isinstance(expr, sp.MatrixBase) else [expr]
    mod = {"sqrt": torch.sqrt, "exp": torch.exp, "log": torch.log, "Abs": torch.abs, "tanh": torch.tanh,
           "sinh": torch.sinh, "cosh": torch.cosh}
    fn = sp.lambdify(list(symbols), entries, modules=[mod, "math"])

    def call(theta: torch.Tensor) -> torch.Tensor:
        vals = fn(*[theta[i] for i in range(len(symbols))])
        return torch.stack([v if isinstance(v, torch.Tensor) else torch.as_tensor(float(v), dtype=torch.float64) + 0 * theta[0]
                            for v in vals])

    return call
