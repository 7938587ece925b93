"""Unit tests of verify.group_actions (audits, random group elements, R_z) used by the Zhao 2026 catalogue."""

from __future__ import annotations

import math

import pytest
import torch

from verify.group_actions import (
    DT,
    GroupAction,
    R_appendix,
    R_beta,
    R_main_text,
    audit,
    rand_gl,
    rand_orthogonal,
    rand_perm,
    rand_positive_diag,
    randn,
    spherical_angles,
)

pytestmark = pytest.mark.zhao2026


def _gen(seed=0):
    g = torch.Generator()
    g.manual_seed(seed)
    return g


def _linear_setup(bad_power=-1):
    gen = _gen()
    X = randn(gen, 5, 3)
    f = lambda p: (X @ p["W1"].T) @ p["W2"].T  # noqa: E731
    act = lambda g, p: {"W2": p["W2"] @ torch.linalg.matrix_power(g, bad_power), "W1": g @ p["W1"]}  # noqa: E731
    action = GroupAction.matrix("GL", lambda gen: rand_gl(gen, 4), 4, act)
    sample = lambda gen: {"W2": randn(gen, 2, 4), "W1": randn(gen, 4, 3)}  # noqa: E731
    return action, f, sample


def test_audit_passes_a_true_symmetry_and_its_control_discriminates():
    action, f, sample = _linear_setup()
    ctl = lambda gen, p: {"W2": p["W2"], "W1": rand_gl(gen, 4) @ p["W1"]}  # noqa: E731
    a = audit(action, f, sample, _gen(1), 10, n_terms=7, control=ctl)
    assert a.invariant and a.axioms and a.discriminating


def test_audit_catches_a_broken_action():
    action, f, sample = _linear_setup(bad_power=1)
    a = audit(action, f, sample, _gen(2), 5, n_terms=7)
    assert not a.invariant


def test_audit_catches_a_map_that_is_not_an_action():
    gen = _gen(3)
    X = randn(gen, 4, 2)
    f = lambda p: p["w"].sum() * 0 + X.sum()  # noqa: E731  (invariant function)
    act = lambda g, p: {"w": g @ g @ p["w"] + 1.0}  # noqa: E731  (violates e·θ = θ)
    action = GroupAction.matrix("bad", lambda gen: rand_gl(gen, 2), 2, act)
    a = audit(action, f, lambda gen: {"w": randn(gen, 2)}, gen, 3, n_terms=2)
    assert a.invariant and not a.axioms


def test_random_group_elements():
    gen = _gen(4)
    Q = rand_orthogonal(gen, 5)
    assert torch.allclose(Q.T @ Q, torch.eye(5, dtype=DT), atol=1e-13)
    g = rand_gl(gen, 5, log_spread=1.0)
    assert float(torch.linalg.cond(g)) <= math.exp(2.0) * (1 + 1e-9)
    assert float(torch.linalg.det(rand_gl(gen, 3, det_sign=1))) > 0
    D = rand_positive_diag(gen, 4)
    assert bool((torch.diagonal(D) > 0).all())
    P = rand_perm(gen, 4)
    assert torch.equal(P.sum(0), torch.ones(4, dtype=DT)) and torch.equal(P.sum(1), torch.ones(4, dtype=DT))


def test_R_beta_matches_printed_small_cases():
    b1, b2 = 0.3, -1.1
    c, s = math.cos, math.sin
    R1 = torch.tensor([[c(b1), -s(b1)], [s(b1), c(b1)]], dtype=DT)
    R2 = torch.tensor([[c(b1), -s(b1), 0], [s(b1) * c(b2), c(b1) * c(b2), -s(b2)], [s(b1) * s(b2), c(b1) * s(b2), c(b2)]], dtype=DT)
    assert torch.allclose(R_beta(torch.tensor([b1], dtype=DT)), R1)
    assert torch.allclose(R_beta(torch.tensor([b1, b2], dtype=DT)), R2)


@pytest.mark.parametrize("h", [2, 3, 5])
def test_R_z_properties_and_spherical_coordinates(h):
    gen = _gen(h)
    z = randn(gen, h)
    a = spherical_angles(z)
    r = float(z.norm())
    rebuilt = [r * math.prod(math.sin(float(x)) for x in a[:i]) * (math.cos(float(a[i])) if i < h - 1 else 1.0) for i in range(h)]
    assert torch.allclose(torch.tensor(rebuilt, dtype=DT), z, atol=1e-12)
    R = R_appendix(z)
    assert torch.allclose(R[:, 0], z, atol=1e-12)
    assert torch.allclose(R.T @ R, z.dot(z) * torch.eye(h, dtype=DT), atol=1e-12)
    assert torch.allclose(R_main_text(z), R, atol=1e-12)


def test_main_text_R_z_is_singular_when_last_coordinate_vanishes():
    z = torch.tensor([1.0, 2.0, 0.0], dtype=DT)
    assert float(torch.linalg.det(R_main_text(z))) == 0.0
    assert abs(float(torch.linalg.det(R_appendix(z))) - float(z.norm()) ** 3) < 1e-12


def test_appendix_R_z_fails_for_a_negative_scalar():
    z = torch.tensor([-2.0], dtype=DT)
    assert float(R_appendix(z)[0, 0]) == 2.0  # |z|, not z: the h = 1 gap of Proposition A.3.3
    assert float(R_main_text(z)[0, 0]) == -2.0
