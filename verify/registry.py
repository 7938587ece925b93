"""The claim registry: every claim is declared once, in a module under ``theorems/``.

``claim(...)`` creates and registers a :class:`~verify.model.Claim`;
``all_claims()`` imports every module of the ``theorems`` package (so declaring a
claim is all it takes to have it collected by the CLI, the report and pytest).
"""

from __future__ import annotations

import fnmatch
import importlib
import inspect
import pkgutil
from typing import Any

from .model import Claim, ClaimDefinitionError

_REGISTRY: dict[str, Claim] = {}
_LOADED = False
#: Problems found while loading ``theorems`` (a module that fails to import, a dependency on an
#: unknown claim).  They do not stop the other claims from running; the CLI exits non-zero and
#: ``tests/test_engine.py::test_theorem_modules_load_cleanly`` fails while any is present.
LOAD_ERRORS: list[str] = []


def claim(**fields: Any) -> Claim:
    """Declare and register a claim.  Returns it so checks can be attached with ``@C.check``."""
    frame = inspect.stack()[1]
    module = frame.frame.f_globals.get("__name__", "")
    c = Claim(module=module, **fields)
    if c.id in _REGISTRY and _REGISTRY[c.id].module != module:
        raise ClaimDefinitionError(
            f"claim id {c.id!r} declared twice ({_REGISTRY[c.id].module} and {module}); "
            "a result that appears in several documents is ONE claim with several sources"
        )
    _REGISTRY[c.id] = c
    return c


def load_all() -> None:
    """Import every module below the ``theorems`` package (idempotent)."""
    global _LOADED
    if _LOADED:
        return
    import theorems

    for info in pkgutil.walk_packages(theorems.__path__, prefix="theorems.", onerror=lambda name: LOAD_ERRORS.append(f"cannot walk {name}")):
        try:
            importlib.import_module(info.name)
        except Exception as exc:  # keep the other claims usable; report loudly
            LOAD_ERRORS.append(f"{info.name}: {type(exc).__name__}: {exc}")
    _LOADED = True
    for c in _REGISTRY.values():
        for dep in c.depends:
            if dep not in _REGISTRY:
                LOAD_ERRORS.append(f"{c.id}: depends on unknown claim {dep!r}")


def all_claims() -> list[Claim]:
    load_all()
    return sorted(_REGISTRY.values(), key=lambda c: c.id)


def get_claim(claim_id: str) -> Claim:
    load_all()
    try:
        return _REGISTRY[claim_id]
    except KeyError:
        close = [i for i in _REGISTRY if claim_id.lower() in i.lower()]
        hint = f" Did you mean one of {close[:8]}?" if close else " Run `python -m verify list`."
        raise KeyError(f"no claim with id {claim_id!r}.{hint}") from None


def select(pattern: str | None) -> list[Claim]:
    """Claims whose id matches a glob ``pattern`` (or contains it as a substring)."""
    claims = all_claims()
    if not pattern:
        return claims
    pats = [p.strip() for p in pattern.split(",") if p.strip()]
    out = []
    for c in claims:
        for p in pats:
            if fnmatch.fnmatch(c.id, p) or p in c.id or p in c.markers:
                out.append(c)
                break
    return out
