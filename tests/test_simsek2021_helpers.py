"""Unit and property tests of the helpers behind the Şimşek et al. claims (asymptotics, critical points,
gradient flows, reductions, multi-layer subspaces, neuron classification)."""

from __future__ import annotations

import math

import numpy as np
import pytest
import sympy as sp
import torch
from hypothesis import given
from hypothesis import strategies as st

from verify.asymptotics import G_fast, T_fast, T_via_bell, bell_int, stirling2, stirling_diagonal_poly
from verify.combinatorics import G_egf, T_egf, count_objects
from verify.critical_points import (
    TeacherStudent,
    embedding_matrix,
    expand,
    random_betas,
    tangent_basis,
    zero_eigen_count,
)
from verify.gradient_flows import flow, gronwall_bound, pair_distance, permute_pair
from verify.strategies import width_pairs
from verify.validate import InvalidArgument

torch.set_default_dtype(torch.float64)


# -- asymptotics: fast exact counts -------------------------------------------------------
@given(width_pairs(max_m=9))
def test_fast_counts_match_enumeration_and_egf(rm):
    r, m = rm
    assert G_fast(r, m) == G_egf(r, m)
    if m <= 7:
        assert G_fast(r, m) == count_objects("G", r, m)
    assert T_fast(r, m) == T_egf(r, m) == T_via_bell(r, m)


def test_stirling_and_bell_known_values():
    assert [stirling2(5, k) for k in range(6)] == [0, 1, 15, 25, 10, 1]
    assert [bell_int(n) for n in range(8)] == [1, 1, 2, 5, 15, 52, 203, 877]
    assert stirling2(3, 5) == 0
    n = sp.Symbol("n")
    assert sp.expand(stirling_diagonal_poly(1) - sp.binomial(n, 2).expand(func=True)) == 0
    assert sp.expand(stirling_diagonal_poly(2) - (sp.binomial(n, 3) + 3 * sp.binomial(n, 4)).expand(func=True)) == 0


def test_T_rr_is_factorial_and_large_sizes_are_fast():
    assert all(T_fast(r, r) == math.factorial(r) for r in range(1, 40))
    assert T_fast(30, 300) > 0  # runs in well under a second (integer recurrences)


@pytest.mark.parametrize("r,m,match", [(3, 2, "r must be <= m"), (0, 2, "r must be >= 1"), (1.0, 2, "float")])
def test_fast_counts_validate(r, m, match):
    with pytest.raises(InvalidArgument, match=match):
        T_fast(r, m)


# -- critical points: analytic derivatives and expansions ----------------------------------
@pytest.mark.parametrize("act", ["sigma_alpha_gamma", "tanh", "softplus", "sigmoid"])
@pytest.mark.parametrize("d_in,d_out", [(1, 1), (2, 3)])
def test_analytic_gradient_and_hessian_match_autograd(act, d_in, d_out):
    g = torch.Generator().manual_seed(1)
    prob = TeacherStudent.random(g, 3, d_in, d_out, 17, act)
    th = torch.randn(4 * (d_in + d_out), generator=g)
    assert np.allclose(prob.grad_np(th.numpy()), prob.grad(th).numpy(), atol=1e-13)
    assert np.allclose(prob.hess_np(th.numpy()), prob.hess(th).numpy(), atol=1e-12)
    assert abs(prob.loss_np(th.numpy()) - float(prob.loss(th))) < 1e-14


@given(st.integers(1, 3), st.integers(0, 3), st.integers(0, 10_000))
def test_expansion_is_linear_and_keeps_function(r, extra, seed):
    rng = np.random.default_rng(seed)
    labels = list(range(1, r + 1)) + [int(rng.integers(1, r + 1)) for _ in range(extra)]
    beta = random_betas(labels, r, rng)
    for t in range(1, r + 1):
        assert abs(sum(b for b, l in zip(beta, labels) if l == t) - 1) < 1e-12
    g = torch.Generator().manual_seed(seed)
    prob = TeacherStudent.random(g, 2, 2, 2, 11)
    th = torch.randn(r * 4, generator=g)
    E = embedding_matrix(labels, beta, r, 2, 2)
    assert torch.allclose(E @ th, expand(th, labels, beta, 2, 2))
    assert torch.allclose(prob.f(th), prob.f(E @ th), atol=1e-10)
    B = tangent_basis(labels, th, 2, 2)
    assert B.shape[1] == len(labels) - r
    # moving inside Γ̄_s keeps the function
    if B.shape[1]:
        assert torch.allclose(prob.f(E @ th), prob.f(E @ th + B @ torch.ones(B.shape[1])), atol=1e-10)


def test_random_betas_rejects_non_surjection():
    with pytest.raises(InvalidArgument, match="surjection"):
        random_betas([1, 1], 2, np.random.default_rng(0))


def test_zero_eigen_count_gap():
    n0, gap = zero_eigen_count(np.array([1e-17, -2e-16, 0.5, 3.0]), 1e-8)
    assert n0 == 2 and gap > 1e14


# -- gradient flows --------------------------------------------------------------------------
def test_pair_distance_and_permutation():
    th = np.arange(9.0)  # m = 3, d_in = 2 blocks layout: W rows (0,1),(2,3),(4,5); a = 6,7,8
    assert np.allclose(permute_pair(permute_pair(th, 3, 0, 2, d_in=2), 3, 0, 2, d_in=2), th)
    assert math.isclose(pair_distance(th, 3, 0, 1, d_in=2), np.linalg.norm([2, 2, 1]) / math.sqrt(2))


def test_gronwall_bound_is_tight_for_a_quadratic():
    """L = k(w1 − w2)²: δ' = −4kδ and ∇L has Lipschitz constant 4k, so the bound is an equality."""
    k = 0.7
    grad = lambda y: np.array([2 * k * (y[0] - y[1]), -2 * k * (y[0] - y[1])])
    hess = lambda y: np.array([[2 * k, -2 * k], [-2 * k, 2 * k]])
    t, Y = flow(grad, [1.0, 0.0], 3.0, n_eval=31)
    dist = np.array([pair_distance(y, 2, 0, 1, layout="interleaved") for y in Y])
    K, bound = gronwall_bound(hess, t, Y, 2, 0, 1, layout="interleaved")
    assert np.allclose(K, 4 * k)
    assert np.allclose(dist, bound, rtol=1e-8)


# -- reductions, classification, multi-layer ---------------------------------------------------
def test_reduce_fully_reaches_width_r():
    from theorems.simsek2021.reductions import random_reducible, reduce_fully

    g = torch.Generator().manual_seed(3)
    W, A, r = random_reducible(g, 3, 2, 1, n_copies=3, n_zero=2)
    Wr, Ar, steps = reduce_fully(W, A)
    assert Wr.shape[0] == r and steps == 5


def test_classifier_on_constructed_points():
    from theorems.simsek2021.global_minima import in_expansion_manifold

    Wt, At = np.array([[1.0, 0.0], [0.0, 1.0]]), np.array([[2.0], [3.0]])
    W = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0], [5.0, 5.0], [5.0, 5.0]])
    A = np.array([[0.5], [1.5], [3.0], [1.0], [-1.0]])
    ok, groups = in_expansion_manifold(W, A, Wt, At, 1e-9, 1e-9)
    assert ok and sorted(s for _, s in groups) == [1, 2, 2]
    A_bad = A.copy()
    A_bad[3] = 2.0
    assert not in_expansion_manifold(W, A_bad, Wt, At, 1e-9, 1e-9)[0]


def test_multilayer_subspace_counts_small():
    from theorems.simsek2021.multilayer import all_subspaces, distinct_classes, random_teacher

    rng = np.random.default_rng(0)
    teacher = random_teacher(rng, 1, 1, 1, 1)
    subs = all_subspaces(teacher, 1, (1, 1), (2, 2), 1)
    assert len(distinct_classes(subs)) == T_fast(1, 2) ** 2 == 9
