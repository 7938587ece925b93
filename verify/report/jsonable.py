"""Convert evidence (Fractions, sympy objects, numpy arrays, big ints) into JSON values."""

from __future__ import annotations

import dataclasses
import math
from fractions import Fraction
from typing import Any

SAFE_INT = 2**53


def to_jsonable(x: Any, depth: int = 0) -> Any:
    if depth > 12:
        return repr(x)
    if x is None or isinstance(x, (bool, str)):
        return x
    if isinstance(x, int):
        return x if abs(x) < SAFE_INT else str(x)
    if isinstance(x, float):
        return x if math.isfinite(x) else str(x)
    if isinstance(x, Fraction):
        return str(x)
    if isinstance(x, dict):
        return {str(k): to_jsonable(v, depth + 1) for k, v in x.items()}
    if isinstance(x, (list, tuple, set, frozenset)):
        items = sorted(x, key=repr) if isinstance(x, (set, frozenset)) else x
        return [to_jsonable(v, depth + 1) for v in items]
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        return to_jsonable(dataclasses.asdict(x), depth + 1)
    try:
        import numpy as np

        if isinstance(x, np.generic):
            return to_jsonable(x.item(), depth + 1)
        if isinstance(x, np.ndarray):
            return to_jsonable(x.tolist(), depth + 1)
    except ImportError:  # pragma: no cover
        pass
    try:
        import torch

        if isinstance(x, torch.Tensor):
            return to_jsonable(x.detach().cpu().tolist(), depth + 1)
    except ImportError:  # pragma: no cover
        pass
    return str(x)
