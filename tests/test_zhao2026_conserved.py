"""Unit tests of ``verify.conservation`` and of the conserved-quantity helpers of ``theorems.zhao2026.conserved``.

They pin down that the drift measurement separates conserved from non-conserved
quantities, that the symbolic orthogonality test is not vacuous, and that the
gradient-rank count reproduces the derived functional rank of the linear-net Q_M.
"""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from verify.conservation import (
    Shapes,
    fit_power,
    flow_drift,
    gd_run,
    gradient_rank,
    orthogonality_residual,
    printed_expr,
    sym_matrix,
    sym_orthogonality,
    torch_function,
)

pytestmark = pytest.mark.zhao2026
torch.set_default_dtype(torch.float64)


def _linear(seed=0, m=2, h=3, n=2, k=4):
    from theorems.zhao2026.conserved import two_layer_loss

    rng = np.random.default_rng(seed)
    sh = Shapes((m, h), (h, n))
    X, Y = rng.standard_normal((n, k)), rng.standard_normal((m, k))
    return sh, two_layer_loss(sh, X, Y, lambda z: z), rng


def test_shapes_round_trip():
    sh = Shapes((2, 3), (3,), (4, 1))
    th = torch.arange(sh.dim, dtype=torch.float64)
    assert torch.equal(sh.pack(*sh.unpack(th)), th)
    assert sh.dim == 6 + 3 + 4


def test_flow_drift_separates_conserved_from_control():
    sh, L, rng = _linear()

    def imbalance(th):
        U, V = sh.unpack(th)
        return V @ V.T - U.T @ U

    drifts, _ = flow_drift(L, sh.random(rng, 0.8), {"imb": imbalance, "norm": lambda t: (t**2).sum()}, t_end=2.0)
    d = {x.name: x for x in drifts}
    assert d["imb"].ratio < 1.0
    assert d["norm"].ratio > 1e6
    assert d["imb"].drift < 1e-9 < d["norm"].drift


def test_symbolic_orthogonality_detects_non_conserved():
    u, v, x, y = sp.symbols("u v x y", real=True)
    L = (y - u * v * x) ** 2
    assert sym_orthogonality(u**2 - v**2, L, [u, v]) == 0
    assert sym_orthogonality(u**2 + v**2, L, [u, v]) != 0


@settings(max_examples=25, deadline=None, derandomize=True)
@given(st.integers(0, 10_000), st.integers(1, 4))
def test_QM_orthogonal_to_gradient_at_random_points(seed, h):
    """Property: for random symmetric M, ⟨∇Q_M, ∇L⟩ vanishes to rounding at random points of a linear net."""
    sh, L, rng = _linear(seed, h=h)
    A = rng.standard_normal((h, h))
    M = torch.as_tensor(A + A.T)

    def Q(th):
        U, V = sh.unpack(th)
        return ((V @ V.T - U.T @ U) * M).sum()

    r, scale = orthogonality_residual(L, Q, torch.as_tensor(sh.random(rng)))
    assert r <= 1e-12 * max(scale, 1.0)


@pytest.mark.parametrize("m,h,n", [(2, 2, 2), (1, 3, 1), (2, 6, 1), (1, 7, 2), (3, 4, 3)])
def test_gradient_rank_matches_derived_formula(m, h, n):
    rng = np.random.default_rng(7)
    sh = Shapes((m, h), (h, n))
    fns = []
    for k in range(h):
        for l in range(k, h):
            E = torch.zeros(h, h)
            E[k, l] = E[l, k] = 1.0
            fns.append(lambda th, E=E: ((lambda U, V: ((V @ V.T - U.T @ U) * E).sum())(*sh.unpack(th))))
    rank, _ = gradient_rank(fns, torch.as_tensor(sh.random(rng)))
    s = max(0, h - m - n)
    assert rank == h * (h + 1) // 2 - s * (s + 1) // 2


def test_torch_function_matches_sympy_and_differentiates():
    U, V = sym_matrix("u", 1, 2), sym_matrix("v", 2, 1)
    expr = printed_expr("=Trace((V*V.T - U.T*U)*M)", U=U, V=V, M=sp.Matrix([[1, 2], [2, 3]]))
    f = torch_function(expr, list(U) + list(V))
    th = torch.tensor([0.5, -1.0, 2.0, 0.25], requires_grad=True)
    val = f(th).sum()
    ref = float(expr.subs(dict(zip(list(U) + list(V), [0.5, -1.0, 2.0, 0.25]))))
    assert abs(float(val.detach()) - ref) < 1e-12
    val.backward()
    assert th.grad is not None and torch.isfinite(th.grad).all()


def test_gd_drift_is_second_order():
    sh, L, rng = _linear(3)
    th0 = torch.as_tensor(sh.random(rng, 0.7))

    def Q(th):
        U, V = sh.unpack(th)
        return (U * U).sum() - (V * V).sum()

    etas = [1e-3, 1e-2, 1e-1]
    dq = [abs(float(Q(gd_run(L, th0, e, 1)[-1]) - Q(th0))) for e in etas]
    slope, _ = fit_power(etas, dq)
    assert abs(slope - 2.0) < 1e-6


def test_printed_expr_rejects_unmarked_text():
    with pytest.raises(ValueError):
        printed_expr("v1*v2 - u1*u2")
