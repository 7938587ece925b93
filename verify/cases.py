"""Printed values as data.

Every ``cases/**/*.toml`` file (except ``cases/ledger/``) holds one table per claim
id with the values, formulas and instances *as printed* in the documents, e.g.::

    ["simsek2021.T-count"]
    values = { "3,4" = 60 }

Checks read them through ``ctx.printed[key]``; the claim's ``printed=(...)`` tuple
names the keys its statement checks compare against, which the sensitivity tests
perturb to prove that the verdict flips.
"""

from __future__ import annotations

import copy
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from .paths import CASES_DIR, LEDGER_DIR


class CaseDataError(KeyError):
    pass


@lru_cache(maxsize=1)
def load_cases() -> dict[str, dict[str, Any]]:
    tables: dict[str, dict[str, Any]] = {}
    origin: dict[str, Path] = {}
    for path in sorted(CASES_DIR.rglob("*.toml")):
        if LEDGER_DIR in path.parents:
            continue
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        for claim_id, table in data.items():
            if claim_id in tables:
                raise CaseDataError(
                    f"cases for {claim_id!r} defined twice: {origin[claim_id]} and {path}"
                )
            tables[claim_id] = table
            origin[claim_id] = path
    return tables


class Printed(Mapping[str, Any]):
    """Read-only view of one claim's printed data, optionally with one key mutated."""

    def __init__(self, claim_id: str, table: Mapping[str, Any], overrides: Mapping[str, Any] | None = None):
        self._id = claim_id
        self._table = dict(table)
        self._table.update(overrides or {})
        self.read: set[str] = set()  # keys a check actually looked at (sensitivity tests use it)

    def __getitem__(self, key: str) -> Any:
        self.read.add(key)
        try:
            return copy.deepcopy(self._table[key])
        except KeyError:
            raise CaseDataError(
                f"claim {self._id!r} has no printed value {key!r} in cases/; "
                f"available keys: {sorted(self._table)}"
            ) from None

    def __iter__(self):
        return iter(self._table)

    def __len__(self) -> int:
        return len(self._table)


def printed_for(claim_id: str, overrides: Mapping[str, Any] | None = None) -> Printed:
    return Printed(claim_id, load_cases().get(claim_id, {}), overrides)


def mutate(value: Any) -> Any:
    """A perturbation of a printed value that any honest check must notice.

    ints +1, floats scaled by 1.01 (+0.01), booleans flipped, formula strings
    (marked by a leading ``=``) get ``+ 1``, lists/dicts mutate their first
    mutable element.
    """
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, float):
        return value * 1.01 + 0.01
    if isinstance(value, str):
        if value.startswith("="):
            return f"=({value[1:]}) + 1"
        raise TypeError(f"cannot mutate text value {value!r}: mark formulas with a leading '='")
    if isinstance(value, list) and value:
        out = list(value)
        out[0] = mutate(out[0])
        return out
    if isinstance(value, dict) and value:
        out = dict(value)
        k = next(iter(out))
        out[k] = mutate(out[k])
        return out
    raise TypeError(f"cannot mutate printed value of type {type(value).__name__}")
