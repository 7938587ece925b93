"""Counterexample search with hypothesis (shrinking gives the minimal counterexample)."""

from __future__ import annotations

from typing import Any, Callable

from hypothesis import find
from hypothesis.errors import NoSuchExample, Unsatisfiable


def minimal_counterexample(strategy: Any, holds: Callable[[Any], bool], settings: Any) -> Any | None:
    """Return the shrunk minimal input where ``holds`` is False, or None if none was found.

    ``settings`` should come from ``ctx.hypothesis_settings(...)`` (derandomised, so
    verdicts are reproducible).
    """
    try:
        return find(strategy, lambda x: not holds(x), settings=settings)
    except (NoSuchExample, Unsatisfiable):
        return None
