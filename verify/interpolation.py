"""Linear interpolation between minima of networks with a positively homogeneous layer pair.

The networks are those of Proposition 5.3 of the mode-connectivity paper (000):

    L(W_1, ..., W_l) = ||Y − W_l σ(W_{l−1} f(W_{l−2}, ..., W_1, X))||_F²,

with σ positively k-homogeneous (σ(cz) = c^k σ(z) for c > 0) and f an arbitrary
feature map (here: a tanh / leaky-ReLU MLP, or the identity when l = 2).  Matrices act
on columns (X ∈ R^{d×N}, as printed).  Exact minima are built by drawing W_1..W_{l−1}
at random and solving W_l H = Y with H = σ(W_{l−1} f) of full column rank N (h ≥ N).

Everything is float64 torch; closed forms (φ, the barrier, witnesses) are plain
Python / sympy so that checks compare two independent computations.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import numpy as np
import sympy as sp
import torch

from .numeric import EPS, Tolerance

Act = Callable[[torch.Tensor], torch.Tensor]


# ---------------------------------------------------------------------------------------
# activations
def homogeneous_activation(k: float, slope: float = 0.1) -> Act:
    """σ_k(z) = leaky_relu(z; slope)·|z|^{k−1}: positively k-homogeneous, not a monomial.

    k = 1 is the leaky ReLU itself.  For c < 0, σ_k(cz) ≠ c^k σ_k(z) unless slope = 1
    (which is why the printed hypothesis "for all c ∈ R" is stronger than needed).
    """
    if k <= 0:
        raise ValueError("homogeneity degree k must be positive")

    def act(z: torch.Tensor) -> torch.Tensor:
        lr = torch.where(z >= 0, z, slope * z)
        if k == 1:
            return lr
        # σ(0) = 0 (avoid 0·∞ when k < 1)
        return torch.where(z == 0, torch.zeros_like(z), lr * z.abs().clamp_min(1e-300) ** (k - 1))

    act.__name__ = f"leaky{slope:g}^k={k:g}"
    return act


def homogeneity_defect(act: Act, k: float, c: float, z: torch.Tensor) -> float:
    """max |σ(cz) − c^k σ(z)| (c > 0), or with |c|^k·sign for c<0 only when k is an integer."""
    ck = c ** k if c > 0 else (float(np.sign(c)) ** int(k)) * abs(c) ** k
    return float((act(c * z) - ck * act(z)).abs().max())


# ---------------------------------------------------------------------------------------
# networks
@dataclass
class HomNet:
    """A network W_l σ(W_{l−1} f(W_{l−2..1}, X)) with its data and an exact minimum."""

    weights: list[torch.Tensor]  # W_1..W_l, W_i of shape (r_i, r_{i−1})
    X: torch.Tensor  # (d, N)
    Y: torch.Tensor  # (d_out, N)
    sigma: Act
    k: float
    inner: Act = torch.tanh  # activation inside f

    @property
    def depth(self) -> int:
        return len(self.weights)

    def features(self, weights: list[torch.Tensor] | None = None) -> torch.Tensor:
        """f(W_{l−2}, ..., W_1, X) (the identity feature map X when l = 2)."""
        ws = self.weights if weights is None else weights
        h = self.X
        for W in ws[: len(ws) - 2]:
            h = self.inner(W @ h)
        return h

    def hidden(self, weights: list[torch.Tensor] | None = None) -> torch.Tensor:
        ws = self.weights if weights is None else weights
        return self.sigma(ws[-2] @ self.features(ws))

    def output(self, weights: list[torch.Tensor] | None = None) -> torch.Tensor:
        ws = self.weights if weights is None else weights
        return ws[-1] @ self.hidden(ws)

    def loss(self, weights: list[torch.Tensor] | None = None) -> torch.Tensor:
        return ((self.Y - self.output(weights)) ** 2).sum()

    def rescaled(self, m: float) -> list[torch.Tensor]:
        """The proof's second minimum W' = (W_1, ..., W_{l−2}, m W_{l−1}, m^{−k} W_l)."""
        ws = [W.clone() for W in self.weights]
        ws[-2] = m * ws[-2]
        ws[-1] = m ** (-self.k) * ws[-1]
        return ws

    def flat(self, weights: list[torch.Tensor] | None = None) -> torch.Tensor:
        ws = self.weights if weights is None else weights
        return torch.cat([W.reshape(-1) for W in ws])

    def unflat(self, v: torch.Tensor) -> list[torch.Tensor]:
        out, i = [], 0
        for W in self.weights:
            n = W.numel()
            out.append(v[i: i + n].reshape(W.shape))
            i += n
        return out


def random_minimum(
    widths: list[int],
    n_samples: int,
    k: float,
    gen: torch.Generator,
    slope: float = 0.1,
    inner: Act = torch.tanh,
    y_scale: float = 1.0,
) -> HomNet:
    """An exact zero-loss point of a depth-l network with widths [d, r_1, ..., r_{l−1}, d_out].

    The last hidden width r_{l−1} must be ≥ n_samples so that W_l H = Y is solvable.
    """
    if len(widths) < 3:
        raise ValueError("need at least input, one hidden and output width (l ≥ 2)")
    if widths[-2] < n_samples:
        raise ValueError("last hidden width must be ≥ number of samples for an exact minimum")
    dt = torch.float64
    X = torch.randn(widths[0], n_samples, generator=gen, dtype=dt)
    Y = y_scale * torch.randn(widths[-1], n_samples, generator=gen, dtype=dt)
    ws = [torch.randn(widths[i + 1], widths[i], generator=gen, dtype=dt) / math.sqrt(widths[i])
          for i in range(len(widths) - 2)]
    net = HomNet(ws + [torch.zeros(widths[-1], widths[-2], dtype=dt)], X, Y, homogeneous_activation(k, slope), k, inner)
    H = net.hidden()
    # minimum-norm exact solution W_l = Y H^+ (H has full column rank N generically)
    Wl = torch.linalg.lstsq(H.T, Y.T, rcond=None).solution.T
    net.weights[-1] = Wl
    return net


# ---------------------------------------------------------------------------------------
# closed forms (Proposition 5.3 proof, Eq. 14)
def phi(alpha: float, m: float, k: float) -> float:
    """φ(α, m) = (1 − α + α m^{−k})(1 − α + α m)^k: the factor multiplying Y on the segment."""
    return (1 - alpha + alpha * m ** (-k)) * (1 - alpha + alpha * m) ** k


def interp_loss_closed(alpha: float, m: float, k: float, y_norm_sq: float) -> float:
    return (1.0 - phi(alpha, m, k)) ** 2 * y_norm_sq


def barrier_closed(m: float, k: float, y_norm_sq: float, grid: int = 2001) -> tuple[float, float]:
    """max_{α∈[0,1]} (1 − φ)² ||Y||² and the maximiser (grid + bounded refinement)."""
    from scipy.optimize import minimize_scalar

    a = np.linspace(0.0, 1.0, grid)
    vals = (1 - (1 - a + a * m ** (-k)) * (1 - a + a * m) ** k) ** 2
    i = int(np.argmax(vals))
    lo, hi = a[max(i - 1, 0)], a[min(i + 1, grid - 1)]
    res = minimize_scalar(lambda x: -interp_loss_closed(x, m, k, 1.0), bounds=(lo, hi), method="bounded",
                          options={"xatol": 1e-12})
    best = max(float(vals[i]), -float(res.fun))
    arg = float(res.x) if -float(res.fun) >= vals[i] else float(a[i])
    return best * y_norm_sq, arg


def sympy_phi(alpha: sp.Expr, m: sp.Expr, k: sp.Expr) -> sp.Expr:
    return (1 - alpha + alpha * m ** (-k)) * (1 - alpha + alpha * m) ** k


def corrected_witness_m(b: float, k: float, y_norm: float) -> float:
    """m with 2^{−(k+1)}(1 + m^{−k}) = √b/||Y||₂ + 1, i.e. m = (2^{k+1}(√b/||Y|| + 1) − 1)^{−1/k}."""
    return (2 ** (k + 1) * (math.sqrt(b) / y_norm + 1) - 1) ** (-1.0 / k)


def interpolate(w0: list[torch.Tensor], w1: list[torch.Tensor], alpha: float) -> list[torch.Tensor]:
    return [(1 - alpha) * a + alpha * b for a, b in zip(w0, w1)]


def interp_tolerance(net: HomNet, ph: float, residual: float) -> Tolerance:
    """Absolute tolerance for |L_torch((1−α)W + αW') − (1 − φ)²||Y||²|.

    With W_l H = Y + E (E the rounding residual of the exact solve, ||E|| = residual),
    L = ||(1 − φ)Y − φE||², so the model error is ≤ 2|1 − φ|φ||Y||·||E|| + φ²||E||²; the
    float64 evaluation of a product chain of depth l and width w adds ≈ l·w·eps·(φ||W_l||·||H||)².
    """
    y = float(net.Y.norm())
    scale = (abs(ph) * float(net.weights[-1].norm()) * float(net.hidden().norm()) + y) ** 2
    width = max(W.shape[1] for W in net.weights)
    v = 2 * abs(1 - ph) * ph * y * residual + ph ** 2 * residual ** 2 + 64 * EPS * net.depth * width * scale
    return Tolerance(v, f"2|1−φ|φ||Y||·||E|| + φ²||E||² + 64·eps·l·w·(φ||W_l||·||H||+||Y||)², ||E||={residual:.2g}")
