"""sympy helpers: parse printed formulas (data) and compare expressions exactly."""

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


def exactly_equal(a: Any, b: Any) -> bool:
    """Exact symbolic equality (simplify the difference to 0)."""
    d = sp.simplify(sp.expand(sp.sympify(a) - sp.sympify(b)))
    return d == 0


def eval_int(expr: sp.Expr, **subs: int) -> int:
    """Evaluate a sympy expression exactly at integer substitutions; must give an integer."""
    v = sp.sympify(expr).subs({sp.Symbol(k): sp.Integer(x) for k, x in subs.items()})
    v = v.doit() if hasattr(v, "doit") else v
    v = sp.nsimplify(v) if not v.is_Rational else v
    if not v.is_Integer:
        raise ValueError(f"expression did not evaluate to an integer at {subs}: {v}")
    return int(v)
