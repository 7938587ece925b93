"""verify — the engine of the parameter-space-symmetry theorem-check suite.

Public API for declaring claims (see README, "How to add a claim")::

    from verify import claim, passed, failed, not_checkable

    C = claim(id="simsek2021.T-rr", title=..., sources=[(doc, label)], statement=..., kind="count")

    @C.check("exact")
    def enumeration_matches(ctx):
        ...
        return passed("...", cases=n)
"""

from .model import (  # noqa: F401
    KINDS,
    METHODS,
    ROLES,
    VERDICTS,
    Claim,
    Outcome,
    Source,
    failed,
    not_checkable,
    passed,
)
from .registry import all_claims, claim, get_claim, select  # noqa: F401
from .runner import run_claim  # noqa: F401

__all__ = [
    "claim", "passed", "failed", "not_checkable", "Outcome", "Claim", "Source",
    "all_claims", "get_claim", "select", "run_claim", "VERDICTS", "KINDS", "METHODS", "ROLES",
]
