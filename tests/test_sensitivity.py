"""Independent evidence: changing a printed value must flip a check.

For every claim, each printed key it declares (``printed=(...)``) is perturbed
(``verify.cases.mutate``: ints +1, floats ×1.01+0.01, booleans flipped, '=' formulas +1, ...)
and the checks that read that key are re-run.  Some check that passed with the printed
value must now fail (or raise).  A check that compared a formula with itself, or ignored the
printed value, would survive the mutation and fail this test.  For a verified claim this
means the verdict flips; for a corrected/scoped claim a statement or correction check flips.
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
    readers = {cr.check.name for cr in baseline.checks if key in cr.printed_read}
    assert readers, f"{claim.id}: printed key {key!r} is declared but no check reads ctx.printed[{key!r}]"
    passing = {cr.check.name for cr in baseline.checks if cr.status == "pass"} & readers
    original = load_cases()[claim.id][key]
    if not passing:
        # every reader already fails (a wrong printed value): its evidence must still change with the value
        before = {cr.check.name: (cr.outcome.summary, repr(cr.outcome.counterexample)) for cr in baseline.checks
                  if cr.check.name in readers and cr.outcome is not None}
        mutated = run_claim(claim, profile=PROFILE, overrides={key: mutate(original)}, checks=readers)
        after = {cr.check.name: (cr.outcome.summary, repr(cr.outcome.counterexample)) for cr in mutated.checks
                 if cr.outcome is not None}
        assert before != after or any(cr.error for cr in mutated.checks), (
            f"{claim.id}: the failing checks reading {key!r} report the same evidence after mutating it"
        )
        return
    mutated = run_claim(claim, profile=PROFILE, overrides={key: mutate(original)}, checks=passing)
    flipped = [cr.check.name for cr in mutated.checks if cr.status in ("fail", "error")]
    assert flipped, (
        f"{claim.id}: printed {key}={original!r} changed to {mutate(original)!r} but the checks reading it "
        f"({sorted(passing)}) still pass: none depends on this printed value"
    )
