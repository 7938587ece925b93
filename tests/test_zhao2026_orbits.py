"""Unit tests of verify.orbit_dimension and of the orbit-dimension findings (Zhao 2026, Thm 2.3.8 / Cor A.2.10)."""

from __future__ import annotations

from fractions import Fraction
from math import comb

import numpy as np
import pytest
import torch

from verify.group_actions import as_torch, numeric_rank, rational_matrix
from verify.orbit_dimension import (
    generic_truth,
    group_dim,
    lie_basis,
    minimum_on_full_rank_truth,
    orbit_dim_exact,
    orbit_dim_numeric,
    special_full_rank_point,
)

pytestmark = pytest.mark.zhao2026


def _fr(rows):
    return np.array([[Fraction(x) for x in r] for r in rows], dtype=object)


@pytest.mark.parametrize("group", ["GL", "T+", "O"])
def test_lie_basis_dimension(group):
    for h in range(1, 5):
        assert len(lie_basis(group, h)) == group_dim(group, h)


@pytest.mark.parametrize("m,h,n", [(1, 1, 1), (2, 3, 1), (1, 4, 2), (3, 2, 2), (2, 5, 2), (1, 6, 1)])
@pytest.mark.parametrize("group", ["GL", "T+", "O"])
def test_exact_and_autograd_ranks_agree_with_derived_generic_dimension(m, h, n, group):
    rng = np.random.default_rng([m, h, n])
    U, V = rational_matrix(rng, m, h), rational_matrix(rng, h, n)
    e = orbit_dim_exact(U, V, group)
    nr = orbit_dim_numeric(as_torch(U), as_torch(V), group)
    assert e == nr.rank == generic_truth(group, m, h, n)
    assert nr.gap > 1e6


def test_smallest_homogeneous_counterexample():
    """m = n = 1, h = 2: U = [1 1], V = [1; 1]: the T+(2)-orbit is 2-dimensional; Cor. A.2.10 prints min(h, max(n,m)) = 1."""
    U, V = _fr([[1, 1]]), _fr([[1], [1]])
    assert orbit_dim_exact(U, V, "T+") == 2
    assert orbit_dim_numeric(as_torch(U), as_torch(V), "T+").rank == 2
    assert min(2, max(1, 1)) == 1


def test_smallest_radial_counterexample():
    """m = n = 1, h = 3: two independent vectors in R^3 have a 3-dimensional O(3)-orbit; printed C(3,2) − C(2,2) = 2."""
    U, V = _fr([[1, 0, 0]]), _fr([[0], [1], [0]])
    assert orbit_dim_exact(U, V, "O") == 3
    assert comb(3, 2) - comb(3 - 1, 2) == 2


@pytest.mark.parametrize("m,h,n", [(1, 3, 1), (2, 4, 1), (1, 5, 2), (2, 6, 3)])
def test_printed_values_are_the_orbit_dimension_at_the_special_point(m, h, n):
    U0, V0 = special_full_rank_point(m, h, n)
    assert orbit_dim_exact(U0, V0, "T+") == min(h, max(n, m)) == minimum_on_full_rank_truth("T+", m, h, n)
    assert orbit_dim_exact(U0, V0, "O") == comb(h, 2) - comb(h - max(m, n), 2)
    assert orbit_dim_exact(U0, V0, "GL") == h * h - (h - m) * (h - n)


def test_numeric_rank_reports_gap():
    A = torch.tensor([[1.0, 0, 0], [0, 1e-3, 0], [0, 0, 0]], dtype=torch.float64)
    nr = numeric_rank(A)
    assert nr.rank == 2 and nr.gap == float("inf")
    B = torch.diag(torch.tensor([1.0, 1.0, 1e-20], dtype=torch.float64))
    assert numeric_rank(B).rank == 2


def test_unknown_group_is_rejected():
    with pytest.raises(ValueError, match="unknown group"):
        lie_basis("SL", 3)
