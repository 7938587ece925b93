"""Argument validation with errors that name the argument and say what to do."""

from __future__ import annotations

import numbers
from typing import Any


class InvalidArgument(ValueError):
    """Raised for arguments outside a theorem's domain (never a silent wrong number)."""


def as_int(name: str, value: Any, minimum: int | None = None) -> int:
    """``value`` as a Python int; rejects bools, floats with fractional part, strings."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        if isinstance(value, numbers.Real) and float(value).is_integer() and not isinstance(value, bool):
            raise InvalidArgument(f"{name} must be an int, got the float {value!r}; pass int({value!r}) if you mean it")
        raise InvalidArgument(f"{name} must be an integer, got {value!r} of type {type(value).__name__}")
    v = int(value)
    if minimum is not None and v < minimum:
        raise InvalidArgument(f"{name} must be >= {minimum}, got {v}")
    return v


def width_pair(r: Any, m: Any, r_min: int = 1) -> tuple[int, int]:
    """Validate a (narrow width r, wide width m) pair: integers with r_min <= r <= m."""
    r = as_int("r", r, minimum=r_min)
    m = as_int("m", m, minimum=r_min)
    if r > m:
        raise InvalidArgument(f"r must be <= m (an expansion goes from width r to a width m >= r), got r={r} > m={m}")
    return r, m


def invertible(name: str, matrix: Any, cond_max: float = 1e12) -> None:
    """Reject singular / numerically singular square matrices (numpy or torch)."""
    import numpy as np

    a = np.asarray(matrix.detach().cpu() if hasattr(matrix, "detach") else matrix, dtype=float)
    if a.ndim != 2 or a.shape[0] != a.shape[1]:
        raise InvalidArgument(f"{name} must be a square matrix, got shape {a.shape}")
    cond = np.linalg.cond(a)
    if not np.isfinite(cond) or cond > cond_max:
        raise InvalidArgument(f"{name} must be invertible; its condition number is {cond:.3g} (> {cond_max:.0e})")
