"""Every claim is collected: its live verdict must reproduce the committed ledger.

Select by document (``pytest -m simsek2021``) or kind (``pytest -m kind_count``).
A claim whose check crashes gets the verdict ``error`` and therefore fails here.
"""

from __future__ import annotations

import pytest

from verify import all_claims
from verify.ledger import expected

from .conftest import kind_marker

CLAIMS = all_claims()


def _param(c):
    marks = [getattr(pytest.mark, m) for m in c.markers] + [getattr(pytest.mark, kind_marker(c.kind))]
    return pytest.param(c, id=c.id, marks=marks)


@pytest.mark.parametrize("claim", [_param(c) for c in CLAIMS])
def test_live_verdict_matches_ledger(claim, live_result):
    r = live_result(claim)
    errors = [f"{cr.check.name}:\n{cr.error}" for cr in r.checks if cr.error]
    assert r.verdict != "error", "check crashed:\n" + "\n".join(errors)
    exp = expected(claim.id)
    assert exp is not None, f"{claim.id} is not in the ledger; run `python -m verify ledger --only {claim.id} --write`"
    assert r.verdict == exp, f"{claim.id}: live verdict {r.verdict} ({r.reason}) but ledger expects {exp}"


@pytest.mark.parametrize("claim", [_param(c) for c in CLAIMS])
def test_claim_is_well_formed(claim):
    assert claim.checks, f"{claim.id} has no checks"
    assert claim.statement.strip() and claim.title.strip()
    assert any(ch.role == "statement" for ch in claim.checks) or claim.not_checkable_reason
    from verify.cases import load_cases

    table = load_cases().get(claim.id, {})
    missing = [k for k in claim.printed if k not in table]
    assert not missing, f"{claim.id}: printed keys {missing} missing from cases/"
