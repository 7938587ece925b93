"""pytest configuration: hypothesis profiles, markers per document and per kind, live results."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

from verify.model import DOCUMENTS, KINDS

# Derandomised CI profile (default) and a deeper local one: HYPOTHESIS_PROFILE=deep pytest
settings.register_profile("ci", max_examples=60, derandomize=True, deadline=None, database=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("deep", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

PROFILE = os.environ.get("VERIFY_PROFILE", "quick")


def kind_marker(kind: str) -> str:
    return "kind_" + kind.replace("-", "_")


def pytest_configure(config):
    for doc, (marker, title) in DOCUMENTS.items():
        config.addinivalue_line("markers", f"{marker}: claims sourced from {doc} ({title})")
    for k in KINDS:
        config.addinivalue_line("markers", f"{kind_marker(k)}: claims of kind {k}")


_RESULTS: dict[str, object] = {}


@pytest.fixture(scope="session")
def live_result():
    """Run a claim once per session (quick profile unless VERIFY_PROFILE=full) and cache it."""
    from verify.runner import run_claim

    def get(claim):
        if claim.id not in _RESULTS:
            _RESULTS[claim.id] = run_claim(claim, profile=PROFILE)
        return _RESULTS[claim.id]

    return get
