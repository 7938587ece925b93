"""Unit tests of the exact topology tools behind theorems/modeconn/topology.py and components.py:
root counting, certified GL_n paths, interval unions, cylindrical decomposition, input validation."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

from verify.components import (
    base_point,
    certified_graph,
    certify_gl_path,
    count_components,
    det_sign,
    gl_path_to_base,
    merge_intervals,
    perm_matrix,
    permutations,
    polynomial_image,
)
from verify.real_algebraic import (
    count_roots_fraction,
    det_fraction,
    det_on_segment,
    det_poly_on_segment,
    plane_complement_components,
    random_invertible,
    roots_in_unit_interval,
    segment_invertible,
    segment_invertible_fast,
)
from verify.validate import InvalidArgument

t = sp.Symbol("t", real=True)


@given(st.lists(st.integers(-9, 9), min_size=1, max_size=7), st.integers(1, 6))
def test_fraction_sturm_matches_sympy(coeffs, denom):
    cs = [Fraction(c, denom) for c in coeffs]
    expr = sum(sp.Rational(c.numerator, c.denominator) * sp.Symbol("t", real=True) ** i for i, c in enumerate(cs))
    assert count_roots_fraction(cs) == roots_in_unit_interval(expr)


@pytest.mark.parametrize("coeffs,expected", [([0, 1], 1), ([-1, 1], 1), ([1, -2, 1], 1), ([Fraction(1, 4), -1, 1], 1),
                                             ([1, 0, 1], 0), ([2, -3, 1], 1), ([0], float("inf")), ([5], 0)])
def test_fraction_sturm_endpoints_and_double_roots(coeffs, expected):
    assert count_roots_fraction(coeffs) == expected


def test_det_polynomial_fast_equals_sympy():
    rng = np.random.default_rng(3)
    for n in (1, 2, 3, 4):
        for _ in range(5):
            A, B = random_invertible(rng, n), random_invertible(rng, n)
            fast = det_poly_on_segment(A, B)
            slow = sp.Poly(det_on_segment(A, B), t).all_coeffs()[::-1]
            assert [sp.Rational(c.numerator, c.denominator) for c in fast] == [sp.Rational(c) for c in slow][: len(fast)]
            assert segment_invertible_fast(A, B) == segment_invertible(A, B)


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5])
def test_gl_paths_are_certified_and_end_at_the_sign_base(n):
    rng = np.random.default_rng(n)
    mats = [random_invertible(rng, n, sign=s) for s in (1, -1) for _ in range(4)]
    mats += [sp.ImmutableMatrix(P) for P in permutations(n)[:4]] + [sp.ImmutableMatrix(-sp.eye(n))]
    for A in mats:
        path = gl_path_to_base(A)
        assert certify_gl_path(path) == (True, -1)
        assert path[-1] == base_point(n, det_sign(A))
        assert all(det_fraction(P) != 0 for P in path)


def test_gl_path_rejects_singular_and_nonsquare():
    with pytest.raises(InvalidArgument, match="A must be invertible"):
        gl_path_to_base([[1, 2], [2, 4]])
    with pytest.raises(InvalidArgument, match="A must be a non-empty square"):
        gl_path_to_base([[1, 2, 3], [2, 4, 5]])


def test_segment_through_singular_matrix_is_not_certified():
    A = sp.ImmutableMatrix([[1, 0], [0, 1]])
    B = sp.ImmutableMatrix([[-1, 0], [0, 1]])  # det changes sign: the segment meets a singular matrix
    assert not segment_invertible_fast(A, B)
    C = sp.ImmutableMatrix([[-1, 0], [0, -1]])  # det(I(1-2t)) = (1-2t)^2 vanishes at t = 1/2 (double root)
    assert not segment_invertible_fast(A, C)


@pytest.mark.parametrize("F,expected", [("x*y", 4), ("x*y + 1", 3), ("x*y - 1", 3), ("y", 2), ("x*y + x", 4),
                                        ("x**2*y + 1", 3), ("y - x**3", 2)])
def test_plane_complement_components(F, expected):
    x, y = sp.symbols("x y", real=True)
    n, _, _ = plane_complement_components(sp.sympify(F, locals={"x": x, "y": y}), x, y)
    assert n == expected


def test_plane_complement_rejects_nonlinear_in_y():
    x, y = sp.symbols("x y", real=True)
    with pytest.raises(InvalidArgument, match="linear in y"):
        plane_complement_components(x * y**2 + 1, x, y)


def test_merge_and_image_of_intervals():
    assert len(merge_intervals([(0, 1), (1, 2), (3, 4)])) == 2
    x = sp.Symbol("x", real=True)
    assert polynomial_image(x**2, x, -2, 1) == (0, 4)
    with pytest.raises(InvalidArgument, match="a <= b"):
        merge_intervals([(2, 1)])


def test_perm_matrix_and_permutations_validate():
    P = perm_matrix([1, 0, 2])
    assert P * sp.Matrix([1, 2, 3]) == sp.Matrix([2, 1, 3]) and P.det() == -1
    with pytest.raises(InvalidArgument, match="perm must be a permutation"):
        perm_matrix([0, 0])
    with pytest.raises(InvalidArgument, match="h must be >= 1"):
        permutations(-1)
    assert len(permutations(3)) == 6


def test_random_invertible_validates():
    rng = np.random.default_rng(0)
    with pytest.raises(InvalidArgument, match="n must be >= 1"):
        random_invertible(rng, -2)
    with pytest.raises(InvalidArgument, match="sign"):
        random_invertible(rng, 2, sign=0)


def test_count_components_reports_inconsistency():
    G = certified_graph(3, [(0, 1), (1, 2)], lambda i, j: True)
    cc = count_components(G, [0, 0, 1])
    assert cc.graph_components == 1 and cc.invariant_classes == 2 and not cc.consistent and not cc.exact
