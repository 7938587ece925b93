"""Independent evidence: changing a printed value must flip a check.

For every claim, each printed key it declares (``printed=(...)``) is perturbed
(``verify.cases.mutate``: ints +1, floats ×1.01+0.01, booleans flipped, '=' formulas +1, ...)
and the claim's checks are re-run.  Some check that passed with the printed value must
now fail (or raise).  A check that compared a formula with itself, or ignored the printed
value, would survive the mutation and fail this test.  For a verified claim this means
the verdict flips; for a corrected/scoped claim the statement or correction check flips.
"""

from __future__ import annotations

import pytest

from verify import all_claims
from verify.cases import load_cases, mutate
from verify.runner import run_claim

from .conftest import PROFILE

CASES = [
    pytest.param(c, key, id=f"{c.id}[{key}]", marks=[getattr(pytest.mark, m) for m in c.markers])
    for c in all_claims()
    for key in c.printed
]


@pytest.mark.sensitivity
@pytest.mark.parametrize("claim,key", CASES)
def test_mutated_printed_value_flips_a_check(claim, key, live_result):
    baseline = live_result(claim)
    passing = {cr.check.name for cr in baseline.checks if cr.status == "pass"}
    assert passing, f"{claim.id}: no check passes even with the printed values"
    original = load_cases()[claim.id][key]
    mutated = run_claim(claim, profile=PROFILE, overrides={key: mutate(original)})
    flipped = [cr.check.name for cr in mutated.checks if cr.check.name in passing and cr.status in ("fail", "error")]
    assert flipped, (
        f"{claim.id}: printed {key}={original!r} changed to {mutate(original)!r} but every check that passed "
        "still passes: no check depends on this printed value"
    )
