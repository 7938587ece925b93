"""Unit tests of the engine: verdict rules, outcomes, mutation, validation, CLI."""

from __future__ import annotations

import json

import pytest

from verify.cases import mutate
from verify.model import Check, CheckResult, Claim, ClaimDefinitionError, Outcome, decide_verdict, failed, passed
from verify.validate import InvalidArgument, as_int, width_pair

DOC = "002_c75ddeebc7acd716.txt"


def _claim():
    return Claim(id="t.x", title="t", sources=((DOC, "Lemma 0"),), statement="s", kind="identity")


def _res(role, outcome=None, error=None):
    return CheckResult(Check(f"{role}-{id(outcome)}", "exact", role, lambda c: None), outcome, error, 0.0)


CEX = {"x": 1}


@pytest.mark.parametrize(
    "results,verdict",
    [
        ([("statement", passed("ok"))], "verified"),
        ([("statement", passed("ok")), ("proof-step", failed("gap", CEX))], "proof-gap"),
        ([("statement", failed("no", CEX))], "refuted"),
        ([("statement", failed("no", CEX)), ("correction", passed("ok"))], "corrected"),
        ([("statement", failed("no", CEX)), ("scope", passed("ok"))], "scoped"),
        ([("statement", failed("no", CEX)), ("scope", passed("ok")), ("correction", passed("ok"))], "corrected"),
        ([("statement", failed("no", CEX)), ("correction", failed("no", CEX))], "refuted"),
        ([("statement", Outcome("not-checkable", "why"))], "not-checkable"),
        ([("statement", passed("ok")), ("statement", None, "Traceback\nBoom")], "error"),
    ],
)
def test_verdict_rules(results, verdict):
    rs = [_res(*r) if len(r) == 3 else _res(r[0], r[1]) for r in results]
    assert decide_verdict(_claim(), rs)[0] == verdict


def test_failing_outcome_requires_counterexample():
    with pytest.raises(ValueError, match="counterexample"):
        Outcome("fail", "no cex")


def test_unknown_document_and_kind_are_rejected():
    with pytest.raises(ClaimDefinitionError, match="unknown document"):
        Claim(id="a", title="t", sources=(("nope.txt", "L"),), statement="s", kind="count")
    with pytest.raises(ClaimDefinitionError, match="kind"):
        Claim(id="a", title="t", sources=((DOC, "L"),), statement="s", kind="vibes")


@pytest.mark.parametrize("value,expected", [(3, 4), (True, False), (1.0, 1.02), ("=r", "=(r) + 1"), ([1, 2], [2, 2]), ({"a": 1}, {"a": 2})])
def test_mutate(value, expected):
    assert mutate(value) == expected


def test_mutate_refuses_plain_text():
    with pytest.raises(TypeError, match="leading '='"):
        mutate("some words")


@pytest.mark.parametrize("r,m,match", [(3, 2, "r must be <= m"), (0, 2, "r must be >= 1"), (1.5, 2, "r must be an integer"),
                                       (2.0, 3, "float"), ("2", 3, "integer"), (True, 3, "integer"), (1, -1, "m must be >= 1")])
def test_width_pair_errors_name_the_argument(r, m, match):
    with pytest.raises(InvalidArgument, match=match):
        width_pair(r, m)


def test_as_int_accepts_numpy_ints():
    import numpy as np

    assert as_int("n", np.int64(5)) == 5


def test_cli_list_and_show(capsys):
    from verify.cli import main

    assert main(["list", "--only", "simsek2021"]) == 0
    assert "simsek2021.T-count" in capsys.readouterr().out
    assert main(["show", "simsek2021.T-rr"]) == 0
    assert "Theorem 3.1" in capsys.readouterr().out
    assert main(["show", "no-such-claim"]) == 2


def test_report_is_schema_valid_and_offline(tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    from importlib.resources import files

    from verify.cli import main

    rc = main(["report", "--only", "simsek2021.T-rr,simsek2021.G-count", "--out", str(tmp_path), "--quiet"])
    assert rc == 0
    report = json.loads((tmp_path / "report.json").read_text())
    schema = json.loads(files("verify.report").joinpath("schema.json").read_text())
    jsonschema.validate(report, schema)
    html = (tmp_path / "report.html").read_text()
    assert "simsek2021.T-rr" in html
    assert "http://" not in html.replace("http://www.w3.org", "") and "https://" not in html.replace("https://json-schema", "")


def test_theorem_modules_load_cleanly():
    from verify.registry import LOAD_ERRORS, all_claims

    all_claims()
    assert not LOAD_ERRORS, "\n".join(LOAD_ERRORS)


def test_claim_ids_are_unique_and_sources_known():
    from verify import all_claims

    ids = [c.id for c in all_claims()]
    assert len(ids) == len(set(ids))
