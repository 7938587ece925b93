"""Small real networks in torch (float64) and the activations the documents use."""

from __future__ import annotations

from typing import Callable

import sympy as sp
import torch

Activation = Callable[[torch.Tensor], torch.Tensor]


def sigma_alpha_gamma(alpha: float = 1.0, gamma: float = 1.0) -> Activation:
    """Şimşek et al. Remark 4.1: softplus(x) + α·sigmoid(γx)."""
    return lambda x: torch.nn.functional.softplus(x) + alpha * torch.sigmoid(gamma * x)


ACTIVATIONS: dict[str, Activation] = {
    "tanh": torch.tanh,
    "sigmoid": torch.sigmoid,
    "softplus": torch.nn.functional.softplus,
    "sigma_alpha_gamma": sigma_alpha_gamma(1.0, 2.0),
    "gelu": torch.nn.functional.gelu,
    "swish": torch.nn.functional.silu,
    "erf": torch.erf,
    "relu": torch.relu,
    "leaky_relu": lambda x: torch.nn.functional.leaky_relu(x, 0.1),
    "linear": lambda x: x,
    "cos": torch.cos,
}


def sympy_activation(name: str, x: sp.Symbol) -> sp.Expr:
    """The same activations as sympy expressions (for series / derivative analysis)."""
    table = {
        "tanh": sp.tanh(x),
        "sigmoid": 1 / (1 + sp.exp(-x)),
        "softplus": sp.log(1 + sp.exp(x)),
        "sigma_alpha_gamma": sp.log(1 + sp.exp(x)) + 1 / (1 + sp.exp(-2 * x)),
        "erf": sp.erf(x),
        "swish": x / (1 + sp.exp(-x)),
        "linear": x,
        "cos": sp.cos(x),
    }
    if name not in table:
        raise KeyError(f"no sympy form for activation {name!r}; known: {sorted(table)}")
    return table[name]


def activation(name: str) -> Activation:
    try:
        return ACTIVATIONS[name]
    except KeyError:
        raise KeyError(f"unknown activation {name!r}; known: {sorted(ACTIVATIONS)}") from None


def two_layer(x: torch.Tensor, W: torch.Tensor, A: torch.Tensor, act: Activation) -> torch.Tensor:
    """f(x|θ) = Σ_i a_i σ(w_i·x).  x: (n, d_in), W: (m, d_in), A: (m, d_out) -> (n, d_out)."""
    return act(x @ W.T) @ A


def mlp(x: torch.Tensor, weights: list[torch.Tensor], act: Activation) -> torch.Tensor:
    """f(x) = W_L σ(W_{L-1} ... σ(W_1 x)), weights[l] of shape (r_{l+1}, r_l); x: (n, d_in)."""
    h = x
    for i, W in enumerate(weights):
        h = h @ W.T
        if i < len(weights) - 1:
            h = act(h)
    return h


def random_irreducible_two_layer(
    r: int, d_in: int, d_out: int, gen: torch.Generator, min_sep: float = 0.3, scale: float = 1.0
) -> tuple[torch.Tensor, torch.Tensor]:
    """A random irreducible point: r distinct incoming vectors (pairwise distance >= min_sep)
    and nonzero outgoing vectors (norm >= min_sep)."""
    for _ in range(1000):
        W = scale * torch.randn(r, d_in, generator=gen, dtype=torch.float64)
        A = scale * torch.randn(r, d_out, generator=gen, dtype=torch.float64)
        dist = torch.cdist(W, W) + torch.eye(r, dtype=torch.float64) * 1e9
        if float(dist.min()) >= min_sep and float(A.norm(dim=1).min()) >= min_sep:
            return W, A
    raise RuntimeError("could not draw a well-separated irreducible point; lower min_sep")


def mse(pred: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    return 0.5 * ((pred - target) ** 2).sum(dim=-1).mean()
