"""Tests of the derivations behind the Section 2.6–2.8 claims of Zhao (2026).

The printed values are checked by the claims themselves; here we pin the independent
truths the claims compare against (exact moments, ellipse derivative, Hessian spectrum,
radial spectral dynamics) so a regression in a helper cannot silently move a verdict.
"""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp
import torch

pytestmark = pytest.mark.zhao2026
torch.set_default_dtype(torch.float64)


def test_xavier_exact_moments():
    from theorems.zhao2026.xavier import _exact_moments

    (m, h, n), E, Var = _exact_moments("gaussian")
    assert sp.simplify(E - (m - h) / 2) == 0
    assert sp.simplify(Var - (m / (2 * h) + h / (2 * n))) == 0
    (_, _, _), Eu, Varu = _exact_moments("uniform")
    assert sp.simplify(Eu - E) == 0
    assert sp.simplify(Varu - (m / h + h / n) / 5) == 0


def test_xavier_sampler_moments():
    from theorems.zhao2026.xavier import _sample_Q

    rng = np.random.default_rng(0)
    q = _sample_Q(rng, 20, 10, 5, 40000)
    assert abs(q.mean() - 5.0) < 5 * np.sqrt(1.0 + 1.0) / np.sqrt(40000)
    qu = _sample_Q(rng, 20, 10, 5, 40000, "uniform")
    assert abs(qu.var() - (2 + 2) / 5) < 0.05


def test_ellipse_derivative_matches_finite_difference():
    from theorems.zhao2026.convergence import A, L0, T, W20, _ellipse_truth

    Lt, Qw, dLdQ = _ellipse_truth()
    p = {A: 2, L0: 3, T: sp.Rational(1, 3)}
    w, d = sp.Rational(1, 2), sp.Rational(1, 10**8)
    fd = (Lt.subs(p).subs(W20, w + d) - Lt.subs(p).subs(W20, w - d)) / (Qw.subs(p).subs(W20, w + d) - Qw.subs(p).subs(W20, w - d))
    assert abs(sp.N(fd - dLdQ.subs(p).subs(W20, w), 30)) < 1e-12


def test_hessian_printed_matrix_has_trace_sqrt():
    from theorems.zhao2026.generalization import Q, _eigs_sym

    H, tr, det = _eigs_sym()
    assert sp.simplify(tr - sp.sqrt(Q**2 + 4)) == 0
    assert sp.simplify(det) == 0


def test_flow_limit_is_a_minimum_with_conserved_Q():
    from theorems.zhao2026.generalization import _flow_to_min

    L, th = _flow_to_min(1.5, 0.2)
    assert abs(float(th[0] * th[1]) - 1.0) < 1e-9
    assert abs(float(th[0] ** 2 - th[1] ** 2) - (1.5**2 - 0.2**2)) < 1e-8


def test_spectral_model_decouples():
    """σ^X = ū g(v̄) with g(x) = 1/x for the radial inversion h(r) = r⁻² at a spectral point."""
    from theorems.zhao2026.convergence import Spectral

    rng = np.random.default_rng(1)
    model = Spectral(rng)
    u, v = np.array([0.5, 1.0, 1.5]), np.array([0.8, 1.2, 0.6])
    sx = model.sigmaX(model.init(u, v)).numpy()
    assert np.allclose(sx, u / v, atol=1e-12)


def test_radial_rate_sign_asymmetry():
    """The proof inequality (2.46) flips sign above σ^Y while the distance still contracts."""
    sY, lam = 1.0, 1.0
    for sX in (0.2, 1.7):
        rate = (sY - sX) * (sX**2 + 1) ** 2 / lam
        assert (rate >= (sY - sX) / lam) == (sX <= sY)
        assert np.sign(rate) == np.sign(sY - sX)
