"""Turn printed formulas (sympy strings from cases/) into exact integer functions.

The result evaluates with Python ints and Fractions (no floats), so huge values are
compared exactly.  Functions the formula refers to (``G``, ``g``...) are supplied by the
caller — normally *printed* formulas themselves, so a check compares printed against truth.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Callable

import sympy as sp

from .symbolic import parse_printed


def _exact(v):
    if isinstance(v, Fraction):
        if v.denominator != 1:
            raise ArithmeticError(f"printed formula gave a non-integer {v}")
        return int(v)
    return v


def integer_function(text: str, args: tuple[str, ...], functions: dict[str, Callable] | None = None) -> Callable[..., int]:
    """Compile a printed formula of integer arguments into an exact Python function."""
    functions = dict(functions or {})
    undefined = {name: sp.Function(name) for name in functions}
    expr = parse_printed(text, undefined)
    syms = [sp.Symbol(a) for a in args]
    modules = [{
        "binomial": math.comb,
        "factorial": lambda n: Fraction(math.factorial(int(n))),
        **{name: (lambda f: (lambda *xs: f(*map(int, xs))))(f) for name, f in functions.items()},
    }, "math"]
    fn = sp.lambdify(syms, expr, modules=modules)

    def call(*xs: int) -> int:
        return _exact(fn(*xs))

    call.__doc__ = f"printed formula {text[1:]} of {args}"
    return call
