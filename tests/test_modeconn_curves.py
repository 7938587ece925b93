"""Unit and property tests of verify.group_curves (group-generated curves, map (6), curvature)."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy as sp
import torch
from hypothesis import given
from hypothesis import strategies as st

from verify.group_curves import (
    curvature,
    curvatures,
    diag_act_homogeneous,
    eq6_map,
    gl_act_linear,
    has_real_log_diagonalizable,
    real_log,
    sagitta,
)
from verify.interpolation import random_minimum

DT = torch.float64
floats = dict(allow_nan=False, allow_infinity=False)


@given(st.floats(0.1, 10, **floats), st.floats(-3, 3, **floats))
def test_circle_curvature(R, t):
    def gam(s):
        return torch.stack([R * torch.cos(s), R * torch.sin(s), 0 * s])

    assert curvature(gam, t) == pytest.approx(1 / R, rel=1e-10)
    assert np.allclose(curvatures(gam, [t, t + 1]), 1 / R, rtol=1e-10)


def test_helix_curvature():
    c = 0.7
    gam = lambda s: torch.stack([torch.cos(s), torch.sin(s), c * s])  # noqa: E731
    assert np.allclose(curvatures(gam, np.linspace(0, 6, 7)), 1 / (1 + c * c), rtol=1e-12)


def test_real_logs():
    rng = np.random.default_rng(0)
    from scipy.linalg import expm

    for _ in range(20):
        g = rng.normal(size=(3, 3))
        L = real_log(g)
        if L is not None:
            assert np.allclose(expm(L), g, atol=1e-9)
        if np.linalg.det(g) < 0:
            assert L is None and not has_real_log_diagonalizable(g)
    assert has_real_log_diagonalizable(np.diag([-1.0, -1.0]))
    assert not has_real_log_diagonalizable(np.diag([-1.0, -2.0]))


def test_gl_action_keeps_product():
    g = torch.Generator().manual_seed(1)
    ws = [torch.randn(3, 2, generator=g, dtype=DT), torch.randn(3, 3, generator=g, dtype=DT),
          torch.randn(1, 3, generator=g, dtype=DT)]
    gs = [torch.linalg.matrix_exp(torch.randn(3, 3, generator=g, dtype=DT)) for _ in range(2)]
    out = gl_act_linear(ws, gs)
    assert torch.allclose(out[2] @ out[1] @ out[0], ws[2] @ ws[1] @ ws[0], atol=1e-10)


@pytest.mark.parametrize("k", [0.5, 1.0, 2.0])
def test_diag_action_keeps_homogeneous_net(k):
    g = torch.Generator().manual_seed(2)
    net = random_minimum([3, 4, 5, 2], 4, k, g, inner=lambda z: torch.nn.functional.leaky_relu(z, 0.2))
    ds = [torch.exp(torch.randn(r, generator=g, dtype=DT)) for r in (4, 5)]
    assert torch.allclose(net.output(diag_act_homogeneous(net.weights, ds, k)), net.output(), atol=1e-10)


def test_eq6_identity_activation_preserves_output():
    g = torch.Generator().manual_seed(3)
    U, V, X = (torch.randn(*s, generator=g, dtype=DT) for s in ((2, 3), (3, 4), (4, 6)))
    G = torch.linalg.matrix_exp(torch.randn(3, 3, generator=g, dtype=DT))
    U2, V2 = eq6_map(U, V, X, G, lambda z: z)
    assert torch.allclose(U2 @ V2 @ X, U @ V @ X, atol=1e-9)


def test_sagitta_matches_formula_and_domain():
    k, D = sp.symbols("k D", positive=True)
    expr = (1 - sp.sqrt(1 - (k * D / 2) ** 2)) / k
    for kv, dv in ((1.0, 1.0), (0.3, 5.0), (2.0, 0.999)):
        assert sagitta(kv, dv) == pytest.approx(float(expr.subs({k: kv, D: dv})), rel=1e-12)
    assert math.isnan(sagitta(1.0, 2.5))
