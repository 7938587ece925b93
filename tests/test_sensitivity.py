"""Independent evidence: changing a printed value must flip a verified verdict.

For every claim the ledger records as ``verified`` (or ``proof-gap``, whose statement
checks pass), each printed key the claim declares is perturbed (``verify.cases.mutate``)
and the statement checks are re-run: they must no longer all pass.  A check that
compares a formula with itself would survive the mutation and fail this test.
"""

from __future__ import annotations

import pytest

from verify import all_claims
from verify.cases import load_cases, mutate
from verify.ledger import expected
from verify.runner import run_claim

CASES = [
    pytest.param(c, key, id=f"{c.id}[{key}]", marks=[getattr(pytest.mark, m) for m in c.markers])
    for c in all_claims()
    if expected(c.id) in ("verified", "proof-gap")
    for key in c.printed
]


@pytest.mark.sensitivity
@pytest.mark.parametrize("claim,key", CASES)
def test_mutated_printed_value_flips_verdict(claim, key):
    original = load_cases()[claim.id][key]
    r = run_claim(claim, profile="quick", overrides={key: mutate(original)}, roles=("statement",))
    assert r.verdict != "verified", (
        f"{claim.id}: printed {key}={original!r} changed to {mutate(original)!r} but every statement check "
        "still passes — the check does not depend on the printed value"
    )
    assert r.verdict != "error" or True  # a crash on impossible data also counts as noticing
