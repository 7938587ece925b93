"""Property tests of the engine's combinatorics, exact linear algebra and subspace builders."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from verify.combinatorics import (
    G_egf,
    G_printed_sum,
    T_egf,
    T_printed_sum,
    bell,
    compositions,
    count_objects,
    set_partitions,
)
from verify.linalg_exact import System, rank, rref_python, solve_affine
from verify.printed_formula import integer_function
from verify.strategies import expansion_tuples, width_pairs
from verify.subspaces import IrreduciblePoint, critical_subspaces, expansion_subspaces, random_rational_point
from verify.validate import InvalidArgument


@given(st.integers(0, 12), st.integers(0, 5))
def test_compositions_count_is_binomial(total, parts):
    got = sum(1 for _ in compositions(total, parts))
    want = math.comb(total - 1, parts - 1) if parts and total >= parts else int(total == 0 and parts == 0)
    assert got == want


@given(st.integers(0, 8))
def test_set_partitions_are_bell_and_partition_the_set(n):
    parts = list(set_partitions(tuple(range(n))))
    assert len(parts) == bell(n)
    for p in parts:
        assert sorted(x for block in p for x in block) == list(range(n))
    assert len(set(parts)) == len(parts)


@given(width_pairs(max_m=7))
def test_three_ways_to_count_G_agree(rm):
    r, m = rm
    assert G_printed_sum(r, m) == G_egf(r, m) == count_objects("G", r, m) == math.factorial(r) * _stirling2(m, r)


@given(width_pairs(max_m=6, min_gap=0))
def test_enumeration_and_egf_count_T_alike(rm):
    assert T_egf(*rm) == count_objects("T", *rm)


def test_printed_T_sum_overcounts_first_at_1_4():
    assert T_printed_sum(1, 4) == 49 and count_objects("T", 1, 4) == 37


def _stirling2(n, k):
    return sum((-1) ** (k - i) * math.comb(k, i) * i**n for i in range(k + 1)) // math.factorial(k)


@pytest.mark.parametrize("fn", [G_printed_sum, T_printed_sum, G_egf, T_egf, lambda r, m: count_objects("T", r, m)])
@pytest.mark.parametrize("r,m,match", [(3, 2, "r must be <= m"), (0, 3, "r must be >= 1"), (1.5, 3, "integer"), (2, -1, ">= 1")])
def test_bad_widths_raise_clear_errors(fn, r, m, match):
    with pytest.raises(InvalidArgument, match=match):
        fn(r, m)


@given(st.data(), width_pairs(max_m=9))
def test_expansion_tuples_strategy_respects_definition(data, rm):
    r, m = rm
    ks, bs = data.draw(expansion_tuples(r, m))
    assert len(ks) == r and min(ks) >= 1 and all(b >= 1 for b in bs) and sum(ks) + sum(bs) == m


rational = st.fractions(min_value=-3, max_value=3, max_denominator=4)


@given(st.integers(1, 6), st.integers(1, 6), st.data())
def test_flint_rank_matches_pure_python(n_rows, n_cols, data):
    M = data.draw(st.lists(st.lists(rational, min_size=n_cols, max_size=n_cols), min_size=n_rows, max_size=n_rows))
    assert rank(M) == len(rref_python(M)[1])


@given(st.integers(1, 5), st.integers(1, 5), st.data())
def test_solve_affine_solutions_solve(n_rows, n_cols, data):
    E = data.draw(st.lists(st.lists(rational, min_size=n_cols, max_size=n_cols), min_size=n_rows, max_size=n_rows))
    f = data.draw(st.lists(rational, min_size=n_rows, max_size=n_rows))
    sol = solve_affine(E, f)
    consistent = System(E, f).consistent()
    assert (sol is not None) == consistent
    if sol:
        x, basis = sol
        for v in [x] + [[a + b for a, b in zip(x, w)] for w in basis]:
            assert all(sum(e * xi for e, xi in zip(row, v)) == b for row, b in zip(E, f))


def test_irreducible_point_validation():
    with pytest.raises(InvalidArgument, match="distinct"):
        IrreduciblePoint.of([[1], [1]], [[1], [2]])
    with pytest.raises(InvalidArgument, match="nonzero"):
        IrreduciblePoint.of([[1], [2]], [[1], [0]])
    with pytest.raises(InvalidArgument, match="same positive number"):
        IrreduciblePoint.of([[1]], [[1], [2]])


def test_subspace_builders_reject_r_greater_than_m():
    theta = random_rational_point(3, 1, 1, np.random.default_rng(0))
    with pytest.raises(InvalidArgument, match="r must be <= m"):
        expansion_subspaces(theta, 2)
    with pytest.raises(InvalidArgument, match="r must be <= m"):
        critical_subspaces(theta, 2)


def test_teacher_point_lies_in_base_subspace():
    theta = IrreduciblePoint.of([[Fraction(1)], [Fraction(-2)]], [[Fraction(3)], [Fraction(1, 2)]])
    S = expansion_subspaces(theta, 3)
    base = next(s for s in S if s.key == ((1, 2, 0), ((2,),)))
    assert base.contains_point([Fraction(1), Fraction(-2), Fraction(7), Fraction(3), Fraction(1, 2), Fraction(0)])
    assert not base.contains_point([Fraction(1), Fraction(-2), Fraction(7), Fraction(3), Fraction(1, 2), Fraction(1)])


def test_printed_formula_compiler_is_exact_for_huge_values():
    G = integer_function("=Sum(binomial(r, i)*(-1)**(r - i)*i**m, (i, 1, r))", ("r", "m"))
    assert G(12, 40) == G_egf(12, 40)
    with pytest.raises(ValueError, match="leading|starting"):
        integer_function("r + m", ("r", "m"))


@given(st.data())
def test_irreducible_point_strategy_gives_irreducible_points(data):
    from verify.strategies import small_two_layer_networks

    d_in, d_out, r, W, A = data.draw(small_two_layer_networks())
    assert len(W) == len(A) == r and all(len(w) == d_in for w in W) and all(len(a) == d_out for a in A)
    assert len({tuple(w) for w in W}) == r and all(any(x != 0 for x in a) for a in A)


def test_random_irreducible_two_layer_and_sympy_activations():
    import sympy as sp
    import torch

    from verify.nets import ACTIVATIONS, random_irreducible_two_layer, sympy_activation

    g = torch.Generator().manual_seed(0)
    W, A = random_irreducible_two_layer(4, 2, 3, g, min_sep=0.3)
    assert float((torch.cdist(W, W) + 1e9 * torch.eye(4, dtype=W.dtype)).min()) >= 0.3
    x = sp.Symbol("x")
    for name in ("tanh", "sigmoid", "softplus", "erf", "swish"):
        f = sp.lambdify(x, sympy_activation(name, x), "math")
        assert abs(f(0.37) - float(ACTIVATIONS[name](torch.tensor(0.37, dtype=torch.float64)))) < 1e-12
    with pytest.raises(KeyError, match="no sympy form"):
        sympy_activation("relu", x)
