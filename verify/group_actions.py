"""Group actions on parameters of real torch models, and the checks every symmetry claim needs.

A parameter point is a ``dict[str, Tensor]`` (float64) — exactly what
``torch.func.functional_call`` takes for an ``nn.Module`` — so an action on the weights
of a real module is a function ``act(g, params) -> params``.  :class:`GroupAction`
bundles that function with the group structure (random element, identity, product,
inverse); :func:`audit` then checks, over seeded random draws,

* invariance: ``f(g·θ, X) == f(θ, X)`` (or of the loss),
* the axioms of an action: ``e·θ = θ``, ``g₁·(g₂·θ) = (g₁g₂)·θ``, ``g⁻¹·(g·θ) = θ``,
* discrimination: a *control* transformation that is not in the group must change the
  output by far more than the tolerance (otherwise the invariance check proves nothing).

Tolerances are derived, not guessed: the forward error of a float64 evaluation with ``n``
accumulated operations on values of size ``scale`` is bounded by ``n·eps·scale`` times the
condition number of the group elements used (they are applied and inverted), times a safety
factor for the transcendental functions (``verify.numeric.rounding_tolerance``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

import numpy as np
import torch

from .numeric import EPS, Tolerance, rounding_tolerance

Params = dict[str, torch.Tensor]
DT = torch.float64


# -- random group elements ------------------------------------------------------------------
def randn(gen: torch.Generator, *shape: int, scale: float = 1.0) -> torch.Tensor:
    return scale * torch.randn(*shape, generator=gen, dtype=DT)


def rand_orthogonal(gen: torch.Generator, h: int) -> torch.Tensor:
    """A Haar-random element of O(h) (QR of a Gaussian matrix with the sign fix)."""
    A = randn(gen, h, h)
    Q, R = torch.linalg.qr(A)
    return Q * torch.sign(torch.diagonal(R)).unsqueeze(0)


def rand_gl(gen: torch.Generator, h: int, log_spread: float = 1.0, det_sign: int | None = None) -> torch.Tensor:
    """A random invertible h×h matrix with condition number ≤ exp(2·log_spread):
    O₁·diag(exp(u))·O₂ with u uniform in [−log_spread, log_spread].  ``det_sign`` forces
    the sign of the determinant (GL⁺ when +1)."""
    u = (torch.rand(h, generator=gen, dtype=DT) * 2 - 1) * log_spread
    g = rand_orthogonal(gen, h) @ torch.diag(torch.exp(u)) @ rand_orthogonal(gen, h)
    if det_sign is not None and float(torch.linalg.det(g)) * det_sign < 0:
        g = g.clone()
        g[0] = -g[0]
    return g


def rand_positive_diag(gen: torch.Generator, h: int, log_spread: float = 1.0) -> torch.Tensor:
    return torch.diag(torch.exp((torch.rand(h, generator=gen, dtype=DT) * 2 - 1) * log_spread))


def rand_sign_diag(gen: torch.Generator, h: int) -> torch.Tensor:
    return torch.diag(torch.where(torch.rand(h, generator=gen, dtype=DT) < 0.5, -1.0, 1.0).to(DT))


def rand_perm(gen: torch.Generator, h: int) -> torch.Tensor:
    """A random h×h permutation matrix."""
    p = torch.randperm(h, generator=gen)
    return torch.eye(h, dtype=DT)[p]


def cond(g: Any) -> float:
    """Condition number of a matrix group element (1 for non-matrix elements)."""
    if isinstance(g, torch.Tensor) and g.ndim == 2 and g.shape[0] == g.shape[1]:
        return float(torch.linalg.cond(g))
    if isinstance(g, (tuple, list)):
        return max([cond(x) for x in g] + [1.0])
    return 1.0


# -- the group-action record ----------------------------------------------------------------
@dataclass
class GroupAction:
    """A group G acting on parameter dicts.  Elements are whatever ``sample`` returns."""

    name: str
    sample: Callable[[torch.Generator], Any]
    identity: Callable[[], Any]
    mul: Callable[[Any, Any], Any]
    inv: Callable[[Any], Any]
    act: Callable[[Any, Params], Params]

    @staticmethod
    def matrix(name: str, sample: Callable[[torch.Generator], torch.Tensor], n: int,
               act: Callable[[torch.Tensor, Params], Params]) -> "GroupAction":
        """A matrix group (elements n×n tensors; product = matrix product)."""
        return GroupAction(name, sample, lambda: torch.eye(n, dtype=DT), lambda a, b: a @ b,
                           torch.linalg.inv, act)


def max_param_diff(p: Mapping[str, torch.Tensor], q: Mapping[str, torch.Tensor]) -> float:
    if set(p) != set(q):
        raise KeyError(f"parameter names differ: {sorted(p)} vs {sorted(q)}")
    return max(float((p[k] - q[k]).abs().max()) if p[k].numel() else 0.0 for k in p)


def param_scale(p: Mapping[str, torch.Tensor]) -> float:
    return max([float(v.abs().max()) for v in p.values() if v.numel()] + [1e-300])


def _out_diff(a, b) -> float:
    if isinstance(a, (tuple, list)):
        return max(_out_diff(x, y) for x, y in zip(a, b))
    return float((a - b).abs().max())


def _out_scale(a) -> float:
    if isinstance(a, (tuple, list)):
        return max(_out_scale(x) for x in a)
    return float(a.abs().max())


@dataclass
class Audit:
    """What :func:`audit` found (all maxima over the random draws)."""

    trials: int
    invariance_err: float = 0.0
    invariance_tol: float = 0.0
    identity_err: float = 0.0
    compose_err: float = 0.0
    inverse_err: float = 0.0
    axiom_tol: float = 0.0
    axiom_ratio: float = 0.0
    control_min_change: float = math.inf
    control_tol: float = 0.0
    control_min_ratio: float = math.inf
    worst: dict[str, Any] = field(default_factory=dict)
    worst_ratio: float = 0.0
    tol_why: str = ""

    @property
    def invariant(self) -> bool:
        return self.worst_ratio <= 1.0

    @property
    def axioms(self) -> bool:
        return self.axiom_ratio <= 1.0

    @property
    def discriminating(self) -> bool:
        return self.control_min_ratio > 1e3

    def row(self, label: str) -> list[str]:
        return [label, str(self.trials), f"{self.invariance_err:.2e}", f"{self.invariance_tol:.2e}",
                f"{max(self.identity_err, self.compose_err, self.inverse_err):.2e}",
                f"{self.control_min_change:.2e}" if math.isfinite(self.control_min_change) else "-"]

    def summary(self, label: str) -> str:
        s = (f"{label}: max |f(g·θ)−f(θ)| = {self.invariance_err:.2e} ≤ tol {self.invariance_tol:.2e} "
             f"over {self.trials} draws; axioms err {max(self.identity_err, self.compose_err, self.inverse_err):.2e}")
        if math.isfinite(self.control_min_change):
            s += f"; non-group control changes f by ≥ {self.control_min_change:.2e}"
        return s


AUDIT_COLUMNS = ["case", "draws", "max invariance err", "tolerance", "max axiom err", "min control change"]


def audit(
    action: GroupAction,
    f: Callable[[Params], Any],
    sample_params: Callable[[torch.Generator], Params],
    gen: torch.Generator,
    trials: int,
    n_terms: int,
    control: Callable[[torch.Generator, Params], Params] | None = None,
    check_axioms: bool = True,
    safety: float = 64.0,
) -> Audit:
    """Check invariance of ``f`` (output or loss as a function of the parameters), the action
    axioms and (optionally) that ``control`` — a transformation outside the group — changes f.

    ``n_terms`` is the length of the longest accumulation in one evaluation of f (used in the
    tolerance); the condition numbers of the sampled elements enter the tolerance too.
    """
    out = Audit(trials=trials)
    for t in range(trials):
        theta = sample_params(gen)
        g1, g2 = action.sample(gen), action.sample(gen)
        k = max(cond(g1), cond(g2))
        y0 = f(theta)
        y1 = f(action.act(g1, theta))
        scale = max(_out_scale(y0), param_scale(theta))
        tol = rounding_tolerance(scale, n_terms, cond=k * k, safety=safety)
        err = _out_diff(y0, y1)
        ratio = err / tol.value
        if ratio >= out.worst_ratio:
            out.worst_ratio = ratio
            out.worst = {"trial": t, "err": err, "tol": tol.value}
        out.invariance_err = max(out.invariance_err, err)
        out.invariance_tol = max(out.invariance_tol, tol.value)
        out.tol_why = tol.why
        if check_axioms:
            lhs = action.act(g1, action.act(g2, theta))
            rhs = action.act(action.mul(g1, g2), theta)
            # scale: the largest parameter seen along the way (data-dependent actions can rescale U a lot)
            ps = max(param_scale(theta), param_scale(lhs), param_scale(rhs), param_scale(action.act(g2, theta)))
            atol = rounding_tolerance(ps, 4 * max(p.shape[-1] if p.ndim else 1 for p in theta.values()), cond=k ** 3, safety=safety).value
            out.axiom_tol = max(out.axiom_tol, atol)
            back = action.act(action.inv(g1), action.act(g1, theta))
            e_id = max_param_diff(action.act(action.identity(), theta), theta)
            e_comp, e_inv = max_param_diff(lhs, rhs), max_param_diff(back, theta)
            out.identity_err = max(out.identity_err, e_id)
            out.compose_err = max(out.compose_err, e_comp)
            out.inverse_err = max(out.inverse_err, e_inv)
            out.axiom_ratio = max(out.axiom_ratio, max(e_id, e_comp, e_inv) / atol)
        if control is not None:
            yc = f(control(gen, theta))
            out.control_min_change = min(out.control_min_change, _out_diff(y0, yc))
            out.control_tol = max(out.control_tol, tol.value)
            out.control_min_ratio = min(out.control_min_ratio, _out_diff(y0, yc) / tol.value)
    return out


# -- infinitesimal actions and ranks ----------------------------------------------------------
def flatten(p: Mapping[str, torch.Tensor], order: list[str] | None = None) -> torch.Tensor:
    return torch.cat([p[k].reshape(-1) for k in (order or sorted(p))])


def infinitesimal_matrix(act_exp: Callable[[torch.Tensor], Params], dim_g: int, order: list[str]) -> torch.Tensor:
    """Jacobian at a = 0 of a ↦ flatten(act_exp(a)) where ``act_exp(a) = exp(Σ a_k M_k)·θ``.

    Its columns are the infinitesimal action M_k·θ of a basis of the Lie algebra; its rank is
    the dimension of the orbit through θ (torch autograd, float64).
    """
    a0 = torch.zeros(dim_g, dtype=DT)
    J = torch.autograd.functional.jacobian(lambda a: flatten(act_exp(a), order), a0)
    return J.detach()


@dataclass(frozen=True)
class NumericRank:
    rank: int
    tol: float
    gap: float  # ratio s_rank / s_{rank+1} (inf when the small ones are exactly 0)
    singular_values: tuple[float, ...]

    @property
    def why(self) -> str:
        return (f"rank = #{{s > {self.tol:.2e}}} (tol = max(rows, cols)·eps·s_max·1e3); "
                f"gap s_r/s_(r+1) = {self.gap:.2e}")


def numeric_rank(J: torch.Tensor, safety: float = 1e3) -> NumericRank:
    """Rank by singular values with tolerance max(shape)·eps·s_max·safety; reports the gap."""
    if J.numel() == 0:
        return NumericRank(0, 0.0, math.inf, ())
    s = torch.linalg.svdvals(J).tolist()
    smax = s[0] if s else 0.0
    tol = max(J.shape) * EPS * max(smax, 1e-300) * safety
    r = sum(1 for x in s if x > tol)
    above = s[r - 1] if r >= 1 else smax
    below = s[r] if r < len(s) else 0.0
    gap = math.inf if below == 0 else above / below
    return NumericRank(r, tol, gap, tuple(s))


def to_fraction_matrix(rows) -> list[list]:
    from fractions import Fraction

    return [[Fraction(x) for x in r] for r in rows]


def rational_matrix(gen: np.random.Generator, rows: int, cols: int, den: int = 7, lo: int = -9, hi: int = 9):
    """A random matrix of small rationals p/q (numpy object array of Fractions)."""
    from fractions import Fraction

    num = gen.integers(lo, hi + 1, size=(rows, cols))
    dd = gen.integers(1, den + 1, size=(rows, cols))
    return np.array([[Fraction(int(a), int(b)) for a, b in zip(r1, r2)] for r1, r2 in zip(num, dd)], dtype=object)


def as_torch(a: np.ndarray) -> torch.Tensor:
    return torch.tensor([[float(x) for x in row] for row in a], dtype=DT).reshape(a.shape)


# -- misc -------------------------------------------------------------------------------------
def tolerance_note(a: Audit) -> str:
    return (f"invariance tol = 64·eps·n·cond(g)²·scale (worst used {a.invariance_tol:.2e}); "
            f"axiom tol {a.axiom_tol:.2e}; control must exceed 1e3·tol")


__all__ = [
    "GroupAction", "Audit", "AUDIT_COLUMNS", "audit", "rand_gl", "rand_orthogonal", "rand_positive_diag",
    "rand_sign_diag", "rand_perm", "randn", "cond", "max_param_diff", "infinitesimal_matrix", "numeric_rank",
    "NumericRank", "flatten", "rational_matrix", "as_torch", "Tolerance", "tolerance_note", "DT",
    "spherical_angles", "R_beta", "R_appendix", "R_main_text",
]


# -- the rotation-and-scale matrices R_z of the nonlinear, data-dependent action --------------------
def spherical_angles(z: torch.Tensor) -> torch.Tensor:
    """(reverse) spherical angles α_1..α_{h−1} of z: z_i = r·Π_{k<i} sin α_k · cos α_i, α_h = 0.

    α_i = atan2(|z_{i+1:}|, z_i) for i ≤ h−2 and α_{h−1} = atan2(z_h, z_{h−1}) (the last angle carries the sign).
    """
    h = z.shape[0]
    a = []
    for i in range(h - 1):
        if i < h - 2:
            a.append(torch.atan2(z[i + 1:].norm(), z[i]))
        else:
            a.append(torch.atan2(z[h - 1], z[h - 2]))
    return torch.stack(a) if a else torch.zeros(0, dtype=z.dtype)


def R_beta(beta: torch.Tensor) -> torch.Tensor:
    """Definition A.3.1: the (n+1)×(n+1) matrix R(β), β = (β_1..β_n), β_0 = β_{n+1} = 0 (1-based formula)."""
    n = beta.shape[0]
    b = torch.cat([torch.zeros(1, dtype=DT), beta, torch.zeros(1, dtype=DT)])  # b[k] = β_k, k = 0..n+1
    R = torch.zeros(n + 1, n + 1, dtype=DT)
    for i in range(1, n + 2):
        for j in range(1, n + 2):
            if j <= i:
                R[i - 1, j - 1] = torch.cos(b[j - 1]) * torch.prod(torch.sin(b[j:i])) * torch.cos(b[i])
            elif j == i + 1:
                R[i - 1, j - 1] = -torch.sin(b[i])
    return R


def R_appendix(z: torch.Tensor) -> torch.Tensor:
    """Proposition A.3.3: R_z = |z|·R(α_1..α_{h−1})."""
    return z.norm() * R_beta(spherical_angles(z))


def R_main_text(z: torch.Tensor) -> torch.Tensor:
    """Section 2.4 / Example 1.3.5, literally: (R_z)_ij = z_i cos(α_{j−1})/Π_{k<j} sin α_k if j ≤ i and
    Π_{k<i} sin α_k ≠ 0;  −r sin α_i if j = i+1;  0 otherwise (α_0 = 0)."""
    h = z.shape[0]
    r = z.norm()
    al = torch.cat([torch.zeros(1, dtype=DT), spherical_angles(z)])  # al[k] = α_k, k = 0..h−1
    R = torch.zeros(h, h, dtype=DT)
    for i in range(1, h + 1):
        for j in range(1, h + 1):
            if j <= i and float(torch.prod(torch.sin(al[1:i]))) != 0.0:
                R[i - 1, j - 1] = z[i - 1] * torch.cos(al[j - 1]) / torch.prod(torch.sin(al[1:j]))
            elif j == i + 1:
                R[i - 1, j - 1] = -r * torch.sin(al[i])
    return R
