"""Tests of the model-level constructions of theorems/modeconn/components.py and permutation.py:
the homeomorphism of Proposition 4.1, minimum points and certified paths, the 1-D ResNet lift,
the Proposition 5.2 counterexample and its correction, and argument validation."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from theorems.modeconn.components import (
    _check_data,
    act,
    certify_minimum_path,
    chain,
    linear_loss,
    minimum_point,
    minimum_point_other_chart,
    path_in_minimum,
    random_data,
    resnet_invariant,
    resnet_lift,
    resnet_residual,
    sign_class,
    torch_loss_along,
)
from theorems.modeconn.permutation import connected_in_minimum, corrected_perm_point, proof_rule_permutations
from verify.components import perm_matrix
from verify.validate import InvalidArgument

M = sp.ImmutableMatrix


@pytest.mark.parametrize("h,l", [(1, 2), (2, 2), (2, 3), (3, 2), (2, 4)])
def test_minimum_points_and_paths(h, l):
    rng = np.random.default_rng(10 * h + l)
    X, Y = random_data(rng, h)
    W = minimum_point(rng, h, l, X, Y, signs=[1] * (l - 1))
    W2 = minimum_point(rng, h, l, X, Y, signs=[1] * (l - 1))
    assert linear_loss(W, X, Y) == 0 and linear_loss(minimum_point_other_chart(rng, h, l, X, Y), X, Y) == 0
    path = path_in_minimum(W, W2)
    assert certify_minimum_path(path) == (True, -1)
    worst, tol, n = torch_loss_along(path, X, Y)
    assert worst <= tol and n > 0


def test_path_between_classes_is_refused():
    rng = np.random.default_rng(0)
    X, Y = random_data(rng, 2)
    W = minimum_point(rng, 2, 2, X, Y, signs=[1])
    Wm = minimum_point(rng, 2, 2, X, Y, signs=[-1])
    with pytest.raises(InvalidArgument, match="det signs differ"):
        path_in_minimum(W, Wm)
    assert connected_in_minimum(W, Wm, X, Y)[0] is False


def test_data_validation_names_the_argument():
    with pytest.raises(InvalidArgument, match="X must have full rank"):
        _check_data([[1, 2], [2, 4]], [[1, 0], [0, 1]])
    with pytest.raises(InvalidArgument, match="Y must be a square"):
        _check_data([[1, 0], [0, 1]], [[1, 0, 0], [0, 1, 0]])
    rng = np.random.default_rng(0)
    with pytest.raises(InvalidArgument, match="h must be >= 1"):
        random_data(rng, -1)
    with pytest.raises(InvalidArgument, match="l must be >= 1"):
        minimum_point(rng, 2, 0, M(sp.eye(2)), M(sp.eye(2)))
    with pytest.raises(InvalidArgument, match="l−1 = 1 group elements"):
        act([], [M(sp.eye(2)), M(sp.eye(2))])


def test_action_preserves_minimum_and_flips_sign_class():
    rng = np.random.default_rng(1)
    X, Y = random_data(rng, 3)
    W = minimum_point(rng, 3, 3, X, Y, signs=[1, 1])
    swap = perm_matrix([1, 0, 2])
    gW = act([swap, M(sp.eye(3))], W)
    assert linear_loss(gW, X, Y) == 0 and sign_class(gW) == (-1, -1)  # det g_2 W_2 g_1^{-1} flips too


def test_resnet_lift_and_invariant():
    for eps in (0, 1, -2):
        w3 = resnet_lift(sp.Rational(1, 2), sp.Integer(3), sp.Integer(2), sp.Integer(-1), eps)
        assert resnet_residual(sp.Rational(1, 2), 3, w3, 2, -1, eps) == 0
    with pytest.raises(InvalidArgument, match="w1\\*w2 \\+ eps must be nonzero"):
        resnet_lift(sp.Integer(1), sp.Integer(-1), 1, 1, 1)
    # eps = 1: the region w1 w2 < -1 splits by sign(w1); the region w1 w2 > -1 is one class
    assert resnet_invariant(2, -1, 1) != resnet_invariant(-2, 1, 1)
    assert resnet_invariant(2, 1, 1) == resnet_invariant(-2, -1, 1)


def test_printed_prop_5_2_tuple_leaves_the_minimum():
    X, Y = M(sp.eye(2)), M(sp.diag(1, 2))
    W = [M(sp.eye(2)), Y]
    S = perm_matrix([1, 0])
    printed = [M(W[0] * S), M(S * W[1])]  # (W_1 P_1, P_1 W_2) as printed for l = 2
    assert linear_loss(printed, X, Y) == 2
    corrected = corrected_perm_point(W, [S])
    assert linear_loss(corrected, X, Y) == 0 and chain(corrected) == chain(W)


def test_proof_rule_needs_h_at_least_2():
    rng = np.random.default_rng(2)
    X, Y = random_data(rng, 1)
    W = minimum_point(rng, 1, 2, X, Y)
    with pytest.raises(InvalidArgument, match="h must be >= 2"):
        proof_rule_permutations(W, W, X)
