"""Unit and property tests of verify.interpolation (linear interpolation between rescaled minima)."""

from __future__ import annotations

import math

import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

from verify.interpolation import (
    barrier_closed,
    corrected_witness_m,
    homogeneous_activation,
    interp_loss_closed,
    interp_tolerance,
    interpolate,
    phi,
    random_minimum,
)

floats = dict(allow_nan=False, allow_infinity=False)


@given(st.floats(0, 1, **floats), st.floats(1e-3, 1e3, **floats), st.floats(0.1, 4, **floats))
def test_phi_at_least_one_on_segment(alpha, m, k):
    assert phi(alpha, m, k) >= 1 - 1e-12
    assert phi(0.0, m, k) == pytest.approx(1.0)
    assert phi(1.0, m, k) == pytest.approx(1.0)


@given(st.floats(1e-3, 1e3, **floats), st.floats(0.25, 3, **floats), st.floats(-1, 1, **floats))
def test_activation_positively_homogeneous(c, k, slope):
    act = homogeneous_activation(k, slope)
    z = torch.linspace(-3, 3, 13, dtype=torch.float64)
    assert torch.allclose(act(c * z), c ** k * act(z), rtol=1e-10, atol=1e-12)
    assert float(act(torch.zeros(1, dtype=torch.float64))) == 0.0


def test_leaky_violates_negative_scalars():
    act = homogeneous_activation(1.0, 0.1)
    z = torch.tensor([1.0], dtype=torch.float64)
    assert float(act(-2 * z)) != -2 * float(act(z))


@pytest.mark.parametrize("k", [0.5, 1.0, 2.0])
@pytest.mark.parametrize("widths,N", [([3, 4, 2], 3), ([4, 5, 6, 2], 5)])
def test_exact_minimum_and_segment_loss(k, widths, N):
    g = torch.Generator().manual_seed(7)
    net = random_minimum(widths, N, k, g)
    assert float(net.loss()) < 1e-20
    for m in (0.1, 7.0):
        W2 = net.rescaled(m)
        assert float(net.loss(W2)) < 1e-18 * max(1, m, m ** -k) ** 2
        for a in (0.2, 0.5, 0.9):
            val = float(net.loss(interpolate(net.weights, W2, a)))
            res = float((net.output() - net.Y).norm())
            tol = interp_tolerance(net, phi(a, m, k), res).value
            assert abs(val - interp_loss_closed(a, m, k, float(net.Y.norm() ** 2))) <= tol


def test_random_minimum_needs_wide_last_layer():
    with pytest.raises(ValueError):
        random_minimum([3, 2, 1], 5, 1.0, torch.Generator().manual_seed(0))


@given(st.floats(1e-3, 1e3, **floats))
def test_barrier_k1_closed_form(m):
    bar, arg = barrier_closed(m, 1.0, 1.0)
    assert bar == pytest.approx((m - 1) ** 4 / (16 * m ** 2), rel=1e-9, abs=1e-15)


@given(st.floats(1e-2, 1e8, **floats), st.floats(0.3, 3, **floats), st.floats(0.1, 10, **floats))
def test_corrected_witness_exceeds_b(b, k, y):
    m = corrected_witness_m(b, k, y)
    assert interp_loss_closed(0.5, m, k, y * y) > b * (1 - 1e-9)
    assert 2 ** (-(k + 1)) * (1 + m ** (-k)) == pytest.approx(math.sqrt(b) / y + 1, rel=1e-9)
