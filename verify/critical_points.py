"""Genuine critical points of small two-layer networks, and their symmetry-induced expansions.

Layout (same as ``verify.subspaces``): θ = (w_1..w_m, a_1..a_m), flattened as
[w_1, ..., w_m, a_1, ..., a_m] with w_i ∈ R^{d_in}, a_i ∈ R^{d_out}; float64 throughout.

* :class:`TeacherStudent` — a finite data set from a teacher network, and the MSE loss
  L^m(θ) = (1/2N) Σ ‖f(x|θ) − y‖² of a student of any width m;
* :func:`find_critical_points` — Newton (pseudo-inverse) from many seeded starts, which
  converges to critical points of every index (minima *and* saddles), polished to
  ‖∇L‖ ≈ 1e-13, deduplicated up to permutation, irreducible ones kept;
* :func:`expand` / :func:`embedding_matrix` — the point of Γ̄_s (Eq. 4) given a surjection
  ``labels: [m] → [r]`` and the β's, and the linear map θ^r ↦ θ^m at fixed β.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np
import torch

from .nets import Activation, activation
from .numeric import flat_grad, hessian
from .validate import InvalidArgument, as_int


def split(theta: torch.Tensor, m: int, d_in: int, d_out: int) -> tuple[torch.Tensor, torch.Tensor]:
    W = theta[: m * d_in].reshape(m, d_in)
    A = theta[m * d_in: m * (d_in + d_out)].reshape(m, d_out)
    return W, A


def join(W: torch.Tensor, A: torch.Tensor) -> torch.Tensor:
    return torch.cat([W.reshape(-1), A.reshape(-1)])


def _sig(x):
    return 0.5 * (1.0 + np.tanh(0.5 * x))


def _sag(x, alpha=1.0, gamma=2.0):
    s, sg = _sig(x), _sig(gamma * x)
    f = np.logaddexp(0.0, x) + alpha * sg
    d1 = s + alpha * gamma * sg * (1 - sg)
    d2 = s * (1 - s) + alpha * gamma ** 2 * sg * (1 - sg) * (1 - 2 * sg)
    return f, d1, d2


def _tanh(x):
    t = np.tanh(x)
    return t, 1 - t ** 2, -2 * t * (1 - t ** 2)


def _softplus(x):
    s = _sig(x)
    return np.logaddexp(0.0, x), s, s * (1 - s)


def _sigmoid(x):
    s = _sig(x)
    return s, s * (1 - s), s * (1 - s) * (1 - 2 * s)


#: (σ, σ', σ'') in numpy for the activations whose analytic Hessian we use (must match verify.nets).
ACT_DERIVATIVES: dict[str, Callable[[np.ndarray], tuple[np.ndarray, np.ndarray, np.ndarray]]] = {
    "sigma_alpha_gamma": _sag,
    "tanh": _tanh,
    "softplus": _softplus,
    "sigmoid": _sigmoid,
}


@dataclass
class TeacherStudent:
    """Inputs X (N × d_in), teacher (W*, A*) and targets Y = f(X | teacher)."""

    X: torch.Tensor
    W_teacher: torch.Tensor
    A_teacher: torch.Tensor
    act_name: str = "sigma_alpha_gamma"
    act: Activation = field(init=False)
    Y: torch.Tensor = field(init=False)

    def __post_init__(self) -> None:
        self.act = activation(self.act_name)
        self.Y = self.act(self.X @ self.W_teacher.T) @ self.A_teacher

    @property
    def d_in(self) -> int:
        return self.X.shape[1]

    @property
    def d_out(self) -> int:
        return self.A_teacher.shape[1]

    @property
    def r_teacher(self) -> int:
        return self.W_teacher.shape[0]

    def width(self, theta: torch.Tensor) -> int:
        D = self.d_in + self.d_out
        if theta.numel() % D:
            raise InvalidArgument(f"parameter vector of length {theta.numel()} is not a multiple of D = {D}")
        return theta.numel() // D

    def f(self, theta: torch.Tensor, X: torch.Tensor | None = None) -> torch.Tensor:
        W, A = split(theta, self.width(theta), self.d_in, self.d_out)
        return self.act((self.X if X is None else X) @ W.T) @ A

    def loss(self, theta: torch.Tensor) -> torch.Tensor:
        return 0.5 * ((self.f(theta) - self.Y) ** 2).sum(dim=1).mean()

    def grad(self, theta: torch.Tensor) -> torch.Tensor:
        return flat_grad(self.loss, theta)

    def hess(self, theta: torch.Tensor) -> torch.Tensor:
        return hessian(self.loss, theta)

    # -- analytic float64 loss / gradient / Hessian (numpy; fast, cross-checked against autograd) --
    def _parts(self, th: np.ndarray):
        m = th.size // (self.d_in + self.d_out)
        W = th[: m * self.d_in].reshape(m, self.d_in)
        A = th[m * self.d_in:].reshape(m, self.d_out)
        X = self.X.numpy()
        Z = X @ W.T
        s0, s1, s2 = ACT_DERIVATIVES[self.act_name](Z)
        R = s0 @ A - self.Y.numpy()
        return m, W, A, X, s0, s1, s2, R

    def loss_np(self, th: np.ndarray) -> float:
        *_, R = self._parts(th)
        return 0.5 * float((R ** 2).sum()) / R.shape[0]

    def grad_np(self, th: np.ndarray) -> np.ndarray:
        m, W, A, X, s0, s1, s2, R = self._parts(th)
        N = X.shape[0]
        RA = R @ A.T  # (N, m): residual·a_i
        gW = ((RA * s1).T @ X) / N
        gA = (s0.T @ R) / N
        return np.concatenate([gW.reshape(-1), gA.reshape(-1)])

    def hess_np(self, th: np.ndarray) -> np.ndarray:
        m, W, A, X, s0, s1, s2, R = self._parts(th)
        N, d, o = X.shape[0], self.d_in, self.d_out
        P = m * (d + o)
        # Jacobian of f (N, o, P)
        J = np.zeros((N, o, P))
        for i in range(m):
            J[:, :, i * d:(i + 1) * d] = (s1[:, i][:, None, None] * A[i][None, :, None]) * X[:, None, :]
            for q in range(o):
                J[:, q, m * d + i * o + q] = s0[:, i]
        Jf = J.reshape(N * o, P)
        H = Jf.T @ Jf / N
        RA = R @ A.T
        for i in range(m):
            wi = slice(i * d, (i + 1) * d)
            H[wi, wi] += (X.T * (RA[:, i] * s2[:, i])) @ X / N
            C = (X.T * s1[:, i]) @ R / N  # (d, o): ∂²L/∂w_i∂a_i residual part
            ai = slice(m * d + i * o, m * d + (i + 1) * o)
            H[wi, ai] += C
            H[ai, wi] += C.T
        return H

    @staticmethod
    def random(gen: torch.Generator, r_teacher: int, d_in: int, d_out: int, N: int, act_name: str = "sigma_alpha_gamma",
               scale: float = 1.0) -> "TeacherStudent":
        X = torch.randn(N, d_in, generator=gen, dtype=torch.float64)
        W = scale * torch.randn(r_teacher, d_in, generator=gen, dtype=torch.float64)
        A = scale * torch.randn(r_teacher, d_out, generator=gen, dtype=torch.float64)
        return TeacherStudent(X, W, A, act_name)


@dataclass
class CriticalPoint:
    theta: torch.Tensor
    r: int
    grad_norm: float
    loss: float
    eigenvalues: np.ndarray  # Hessian spectrum of L^r at θ (ascending)
    min_w_separation: float  # min_{i≠j} ‖w_i − w_j‖  (irreducibility margin)
    min_a_norm: float  # min_i ‖a_i‖

    @property
    def index(self) -> int:
        scale = max(1.0, float(np.max(np.abs(self.eigenvalues))))
        return int(np.sum(self.eigenvalues < -1e-8 * scale))

    @property
    def is_strict_saddle(self) -> bool:
        return self.index > 0


def irreducibility_margins(theta: torch.Tensor, m: int, d_in: int, d_out: int) -> tuple[float, float]:
    W, A = split(theta, m, d_in, d_out)
    sep = float("inf") if m < 2 else float((torch.cdist(W, W) + torch.eye(m) * 1e300).min())
    return sep, float(A.norm(dim=1).min())


def newton_polish(prob: TeacherStudent, theta, steps: int = 80, gtol: float = 1e-13,
                  give_up: tuple[int, float] = (25, 1e-3)) -> tuple[torch.Tensor, float]:
    """Newton steps with a pseudo-inverse Hessian on the analytic float64 gradient (targets any
    critical point, saddles included), backtracking on ‖∇L‖.  Abandons a start whose gradient norm
    is still above ``give_up[1]`` after ``give_up[0]`` steps."""
    th = np.array(theta.detach().numpy() if isinstance(theta, torch.Tensor) else theta, dtype=float)
    g = prob.grad_np(th)
    for it in range(steps):
        gn = float(np.linalg.norm(g))
        if not np.isfinite(gn) or gn < gtol or (it >= give_up[0] and gn > give_up[1]):
            break
        step = np.linalg.lstsq(prob.hess_np(th), g, rcond=1e-13)[0]
        t = 1.0
        for _ in range(10):
            cand = th - t * step
            gc = prob.grad_np(cand)
            if float(np.linalg.norm(gc)) < gn:
                break
            t *= 0.5
        th, g = cand, gc
    return torch.from_numpy(th), float(np.linalg.norm(g))


def bfgs_minimise(prob: TeacherStudent, theta, iters: int = 400) -> torch.Tensor:
    """scipy BFGS on the analytic float64 loss and gradient (finds local minima; tiny dimensions)."""
    from scipy.optimize import minimize

    x0 = np.array(theta.detach().numpy() if isinstance(theta, torch.Tensor) else theta, dtype=float)
    res = minimize(lambda th: (prob.loss_np(th), prob.grad_np(th)), x0, jac=True, method="BFGS",
                   options={"maxiter": iters, "gtol": 1e-10})
    return torch.from_numpy(res.x)


def canonical(theta: torch.Tensor, m: int, d_in: int, d_out: int) -> np.ndarray:
    """Permutation-invariant representative: neurons sorted lexicographically by (w, a)."""
    W, A = split(theta, m, d_in, d_out)
    units = torch.cat([W, A], dim=1).numpy()
    order = np.lexsort(units.T[::-1])
    return units[order].reshape(-1)


def find_critical_points(prob: TeacherStudent, r: int, gen: torch.Generator, n_starts: int,
                         mode: str = "newton", gtol: float = 1e-12, min_margin: float = 1e-3,
                         init_scale: float = 1.0) -> list[CriticalPoint]:
    """Distinct (up to permutation) irreducible critical points of L^r with ‖∇L‖ ≤ gtol.

    ``mode='newton'`` runs pseudo-inverse Newton from random starts (any index);
    ``mode="minimise"`` runs BFGS first (local minima), then Newton polishing.
    """
    r = as_int("r", r, 1)
    if mode not in ("newton", "minimise"):
        raise InvalidArgument(f"mode must be 'newton' or 'minimise', got {mode!r}")
    D = prob.d_in + prob.d_out
    found: list[CriticalPoint] = []
    reps: list[np.ndarray] = []
    for _ in range(n_starts):
        th0 = init_scale * torch.randn(r * D, generator=gen, dtype=torch.float64)
        if mode == "minimise":
            th0 = bfgs_minimise(prob, th0)
        th, gn = newton_polish(prob, th0)
        if not np.isfinite(gn) or gn > gtol or float(th.abs().max()) > 50:
            continue
        sep, amin = irreducibility_margins(th, r, prob.d_in, prob.d_out)
        if sep < min_margin or amin < min_margin:
            continue
        rep = canonical(th, r, prob.d_in, prob.d_out)
        if any(np.max(np.abs(rep - q)) < 1e-6 for q in reps):
            continue
        reps.append(rep)
        ev = np.linalg.eigvalsh(prob.hess_np(th.numpy()))
        found.append(CriticalPoint(th, r, gn, prob.loss_np(th.numpy()), ev, sep, amin))
    return found


# -- expansions (Eq. 4) ---------------------------------------------------------------------

def random_betas(labels: Sequence[int], r: int, rng: np.random.Generator, spread: float = 1.0) -> np.ndarray:
    """β_i for each position, with Σ_{i: labels[i]=t} β_i = 1 for each teacher neuron t (labels are 1-based)."""
    labels = np.asarray(labels)
    beta = np.empty(len(labels))
    for t in range(1, r + 1):
        idx = np.flatnonzero(labels == t)
        if len(idx) == 0:
            raise InvalidArgument(f"labels must be a surjection onto 1..{r}; neuron {t} is never copied")
        b = rng.normal(0.0, spread, size=len(idx))
        b += (1.0 - b.sum()) / len(idx)
        beta[idx] = b
    return beta


def embedding_matrix(labels: Sequence[int], beta: Sequence[float], r: int, d_in: int, d_out: int) -> torch.Tensor:
    """The linear map E with θ^m = E θ^r for the point of Γ̄_s given by (labels, β)."""
    m = len(labels)
    E = torch.zeros(m * (d_in + d_out), r * (d_in + d_out), dtype=torch.float64)
    for i, t in enumerate(labels):
        t0 = t - 1
        for p in range(d_in):
            E[i * d_in + p, t0 * d_in + p] = 1.0
        for q in range(d_out):
            E[m * d_in + i * d_out + q, r * d_in + t0 * d_out + q] = float(beta[i])
    return E


def expand(theta_r: torch.Tensor, labels: Sequence[int], beta: Sequence[float], d_in: int, d_out: int) -> torch.Tensor:
    r = theta_r.numel() // (d_in + d_out)
    return embedding_matrix(labels, beta, r, d_in, d_out) @ theta_r


def tangent_basis(labels: Sequence[int], theta_r: torch.Tensor, d_in: int, d_out: int) -> torch.Tensor:
    """Columns spanning the direction space of Γ̄_s: move β within a group keeping Σβ = 1."""
    r = theta_r.numel() // (d_in + d_out)
    m = len(labels)
    _, A = split(theta_r, r, d_in, d_out)
    cols = []
    labels = list(labels)
    for t in range(1, r + 1):
        idx = [i for i, l in enumerate(labels) if l == t]
        for i in idx[1:]:
            v = torch.zeros(m * (d_in + d_out), dtype=torch.float64)
            v[m * d_in + i * d_out: m * d_in + (i + 1) * d_out] = A[t - 1]
            v[m * d_in + idx[0] * d_out: m * d_in + (idx[0] + 1) * d_out] = -A[t - 1]
            cols.append(v)
    if not cols:
        return torch.zeros(m * (d_in + d_out), 0, dtype=torch.float64)
    return torch.stack(cols, dim=1)


def zero_eigen_count(eigs: np.ndarray, rel_tol: float) -> tuple[int, float]:
    """Eigenvalues with |λ| ≤ rel_tol·max|λ|, and the gap ratio (smallest |λ| kept out / largest |λ| counted)."""
    a = np.sort(np.abs(eigs))
    scale = max(float(a[-1]), 1e-300)
    n0 = int(np.sum(a <= rel_tol * scale))
    inside = a[n0 - 1] if n0 else 0.0
    outside = a[n0] if n0 < len(a) else np.inf
    return n0, float(outside / max(inside, 1e-300)) if n0 else float("inf")


def symmetric_saddle_problem(gen: torch.Generator, n_half: int = 20, d_in: int = 2, mean_target: float = 0.2,
                             act_name: str = "sigma_alpha_gamma") -> tuple[TeacherStudent, torch.Tensor]:
    """A data set with an *exactly known* irreducible strict saddle of the width-1 network.

    Inputs come in pairs ±x and the teacher (u,1), (−u,1), (0,c) has an even target with mean
    ``mean_target``.  At θ¹ = (w = 0, a = ȳ/σ(0)) the a-derivative vanishes (a is the least-squares
    fit of a constant) and the w-derivative a·σ'(0)·mean(res·x) vanishes because res is even and the
    inputs are symmetric; the target is convex in x (|u·x|-like) with a small mean, so the
    w-curvature a·σ''(0)·mean(res·xxᵀ) + a²σ'(0)²·mean(xxᵀ) is negative: a strict saddle.
    Returns the problem and θ¹ (to be polished and checked by the caller); see
    :func:`find_symmetric_saddle` for a search over seeded draws."""
    X = torch.randn(n_half, d_in, generator=gen, dtype=torch.float64)
    X = torch.cat([X, -X])
    u = 2.0 * torch.randn(d_in, generator=gen, dtype=torch.float64)
    W = torch.stack([u, -u, torch.zeros(d_in, dtype=torch.float64)])
    s0 = float(ACT_DERIVATIVES[act_name](np.zeros(1))[0][0])
    base = TeacherStudent(X, W, torch.tensor([[1.0], [1.0], [0.0]]), act_name)
    c = (mean_target - float(base.Y.mean())) / s0
    prob = TeacherStudent(X, W, torch.tensor([[1.0], [1.0], [c]]), act_name)
    theta = torch.tensor([0.0] * d_in + [float(prob.Y.mean()) / s0], dtype=torch.float64)
    return prob, theta


def find_symmetric_saddle(gen: torch.Generator, tries: int = 30, **kw) -> tuple[TeacherStudent, torch.Tensor, float, np.ndarray]:
    """First seeded draw of :func:`symmetric_saddle_problem` whose width-1 critical point has a clearly
    negative Hessian eigenvalue (λ_min < −1e-3·max|λ|); returns (problem, θ¹, ‖∇L¹‖, spectrum)."""
    for _ in range(tries):
        prob, th = symmetric_saddle_problem(gen, **kw)
        th, gn = newton_polish(prob, th)
        ev = np.linalg.eigvalsh(prob.hess_np(th.numpy()))
        if ev[0] < -1e-3 * np.max(np.abs(ev)):
            return prob, th, gn, ev
    raise RuntimeError(f"no strict saddle in {tries} draws")
