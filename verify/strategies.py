"""Hypothesis strategies for the domain objects, composed from small parts.

Sizes → width pairs → tuples s → irreducible points → small networks.
"""

from __future__ import annotations

from hypothesis import strategies as st


def widths(min_value: int = 1, max_value: int = 8) -> st.SearchStrategy[int]:
    return st.integers(min_value=min_value, max_value=max_value)


@st.composite
def width_pairs(draw, max_m: int = 10, min_r: int = 1, min_gap: int = 0) -> tuple[int, int]:
    """(r, m) with min_r ≤ r ≤ m − min_gap ≤ max_m; shrinks towards small r, m."""
    m = draw(st.integers(min_value=min_r + min_gap, max_value=max_m))
    r = draw(st.integers(min_value=min_r, max_value=m - min_gap))
    return r, m


@st.composite
def expansion_tuples(draw, r: int, m: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """A tuple s = (k_1..k_r, b_1..b_j) with k_i ≥ 1, b_i ≥ 1, sum(s) = m (Definition 3.2)."""
    extra = m - r
    # split `extra` between replications of the r teacher neurons and zero-type groups
    zero_total = draw(st.integers(min_value=0, max_value=extra))
    ks = [1] * r
    for _ in range(extra - zero_total):
        ks[draw(st.integers(0, r - 1))] += 1
    bs: list[int] = []
    left = zero_total
    while left:
        b = draw(st.integers(1, left))
        bs.append(b)
        left -= b
    return tuple(ks), tuple(bs)


@st.composite
def irreducible_points(draw, r: int, d_in: int = 2, d_out: int = 1, min_sep: float = 0.25, bound: float = 2.0):
    """Irreducible θ^r = (W, A) as nested lists: distinct rows of W (pairwise ∞-distance ≥ min_sep), nonzero A rows."""
    coord = st.floats(min_value=-bound, max_value=bound, allow_nan=False, allow_infinity=False, width=64)
    W = draw(st.lists(st.lists(coord, min_size=d_in, max_size=d_in), min_size=r, max_size=r).filter(
        lambda rows: all(max(abs(a - b) for a, b in zip(u, v)) >= min_sep for i, u in enumerate(rows) for v in rows[i + 1:])
    ))
    A = draw(st.lists(st.lists(coord, min_size=d_out, max_size=d_out).filter(lambda a: max(map(abs, a)) >= min_sep),
                      min_size=r, max_size=r))
    return W, A


@st.composite
def small_two_layer_networks(draw, max_width: int = 4, max_dim: int = 3):
    """(d_in, d_out, r, W, A): a small irreducible two-layer network."""
    d_in = draw(st.integers(1, max_dim))
    d_out = draw(st.integers(1, max_dim))
    r = draw(st.integers(1, max_width))
    W, A = draw(irreducible_points(r, d_in, d_out))
    return d_in, d_out, r, W, A
