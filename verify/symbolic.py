"""sympy helpers: parse printed formulas (data stored in cases/)."""

from __future__ import annotations

from typing import Any, Mapping

import sympy as sp


def parse_printed(text: str, symbols: Mapping[str, Any] | None = None) -> sp.Expr:
    """Parse a printed formula stored in ``cases/`` (a string starting with ``=``).

    ``symbols`` maps names to sympy symbols/functions (e.g. ``{"G": G_function}``).
    """
    if not isinstance(text, str) or not text.startswith("="):
        raise ValueError(f"printed formulas are stored as strings starting with '=', got {text!r}")
    local = {"binomial": sp.binomial, "factorial": sp.factorial, "Sum": sp.Sum, "exp": sp.exp,
             "log": sp.log, "sqrt": sp.sqrt, "Rational": sp.Rational}
    local.update(symbols or {})
    return sp.sympify(text[1:], locals=local)
