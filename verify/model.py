"""The claim model: what a claim is, what a check returns, and how verdicts are decided.

A :class:`Claim` is one mathematical statement, declared once, with every place it
appears in the source documents.  It owns one or more *checks*.  Each check has a
``method`` (how the truth is computed: ``symbolic``, ``numeric``, ``graph``,
``exact``) and a ``role``:

``statement``   tests the statement *as printed* (its printed values are data read
                from ``cases/``; the check computes the truth another way);
``proof-step``  tests a named step or explicit construction of the proof;
``scope``       tests the exact domain on which a false-as-printed statement holds;
``correction``  tests a precise corrected statement.

The verdict is a pure function of the check outcomes (:func:`decide_verdict`), so
nobody can "set" a verdict by hand: a claim is ``refuted`` only when a statement
check failed with a reproducible counterexample.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

VERDICTS = (
    "verified",
    "refuted",
    "corrected",
    "scoped",
    "proof-gap",
    "not-checkable",
    "error",
)

KINDS = (
    "count",
    "closed-form",
    "identity",
    "inequality",
    "asymptotic",
    "dimension",
    "topology",
    "existence",
    "algorithm",
    "empirical",
)

METHODS = ("symbolic", "numeric", "graph", "exact")
ROLES = ("statement", "proof-step", "scope", "correction")
STATUSES = ("pass", "fail", "not-checkable")

#: Known source documents: file name -> (pytest marker, short title).
DOCUMENTS = {
    "002_c75ddeebc7acd716.txt": ("simsek2021", "Şimşek et al. 2021, Geometry of the loss landscape in overparameterized NNs"),
    "000_b6b6e3d1af5c8c28.txt": ("modeconn", "Understanding Mode Connectivity via Parameter Space Symmetry (review version)"),
    "003_52466d7bbd5de37c.txt": ("zhao2026", "Bo Zhao, Symmetry in Neural Networks (PhD dissertation, 2026)"),
    "004_8bb945ad6157bfb3.txt": ("nguyen2021", "Nguyen, Bréchet, Mondelli 2021, When are solutions connected in deep networks?"),
}


class ClaimDefinitionError(ValueError):
    """A claim was declared inconsistently (unknown kind, source, duplicate id...)."""


@dataclass(frozen=True)
class Source:
    """One place a claim appears: a document file name and the label as printed there."""

    document: str
    label: str

    def __post_init__(self) -> None:
        if self.document not in DOCUMENTS:
            raise ClaimDefinitionError(
                f"unknown document {self.document!r}; known documents: {sorted(DOCUMENTS)}"
            )
        if not self.label.strip():
            raise ClaimDefinitionError("a source needs a non-empty label as printed")

    @property
    def marker(self) -> str:
        return DOCUMENTS[self.document][0]


@dataclass
class Figure:
    """A plot attached to a check outcome: an SVG file name inside the report folder."""

    name: str
    caption: str
    path: str | None = None  # relative to the report directory; None when not saved
    svg: str | None = None  # inline SVG text (kept for the HTML page)


@dataclass
class Outcome:
    """What one check found.

    ``status`` is ``pass`` when the tested statement holds on every case examined,
    ``fail`` when a counterexample was found (it must then be given), and
    ``not-checkable`` (with ``summary`` giving the reason) when no evidence either way
    can be produced.
    """

    status: str
    summary: str
    details: dict[str, Any] = field(default_factory=dict)
    counterexample: Any = None
    tolerance: str | None = None
    cases: int | None = None
    figures: list[Figure] = field(default_factory=list)
    tables: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES}, got {self.status!r}")
        if self.status == "fail" and self.counterexample is None:
            raise ValueError(
                "a failing check must record its counterexample (Outcome.counterexample)"
            )


def passed(summary: str, **kw: Any) -> Outcome:
    """Shorthand for a passing :class:`Outcome`."""
    return Outcome("pass", summary, **kw)


def failed(summary: str, counterexample: Any, **kw: Any) -> Outcome:
    """Shorthand for a failing :class:`Outcome`; the counterexample is mandatory."""
    return Outcome("fail", summary, counterexample=counterexample, **kw)


def not_checkable(reason: str, **kw: Any) -> Outcome:
    """Shorthand for a check that cannot produce evidence; ``reason`` says why."""
    return Outcome("not-checkable", reason, **kw)


@dataclass
class Check:
    """A check function attached to a claim."""

    name: str
    method: str
    role: str
    func: Callable[..., Outcome]
    description: str = ""
    profiles: tuple[str, ...] = ("quick", "full")


@dataclass
class Claim:
    """One mathematical claim with its sources and checks.  Declare with :func:`verify.claim`."""

    id: str
    title: str
    sources: tuple[Source, ...]
    statement: str
    kind: str
    latex: str = ""
    hypotheses: tuple[str, ...] = ()
    depends: tuple[str, ...] = ()
    notes: str = ""
    printed: tuple[str, ...] = ()  # keys of the cases table that the statement checks compare against
    corrected_statement: str = ""
    scope: str = ""
    not_checkable_reason: str = ""
    module: str = ""
    checks: list[Check] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ClaimDefinitionError(f"{self.id}: kind must be one of {KINDS}, got {self.kind!r}")
        if not self.sources:
            raise ClaimDefinitionError(f"{self.id}: a claim needs at least one source")
        self.sources = tuple(s if isinstance(s, Source) else Source(*s) for s in self.sources)
        self.hypotheses = tuple(self.hypotheses)
        self.depends = tuple(self.depends)
        self.printed = tuple(self.printed)

    @property
    def markers(self) -> tuple[str, ...]:
        seen: list[str] = []
        for s in self.sources:
            if s.marker not in seen:
                seen.append(s.marker)
        return tuple(seen)

    def check(
        self,
        method: str,
        role: str = "statement",
        name: str | None = None,
        profiles: Iterable[str] = ("quick", "full"),
    ) -> Callable[[Callable[..., Outcome]], Callable[..., Outcome]]:
        """Decorator attaching a check function ``f(ctx) -> Outcome`` to this claim."""
        if method not in METHODS:
            raise ClaimDefinitionError(f"{self.id}: method must be one of {METHODS}, got {method!r}")
        if role not in ROLES:
            raise ClaimDefinitionError(f"{self.id}: role must be one of {ROLES}, got {role!r}")

        def deco(func: Callable[..., Outcome]) -> Callable[..., Outcome]:
            check_name = name or func.__name__
            if any(c.name == check_name for c in self.checks):
                raise ClaimDefinitionError(f"{self.id}: duplicate check name {check_name!r}")
            doc = (func.__doc__ or "").strip()
            self.checks.append(Check(check_name, method, role, func, doc, tuple(profiles)))
            return func

        return deco

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "sources": [dataclasses.asdict(s) for s in self.sources],
            "statement": self.statement,
            "latex": self.latex,
            "hypotheses": list(self.hypotheses),
            "kind": self.kind,
            "depends": list(self.depends),
            "notes": self.notes,
            "printed_keys": list(self.printed),
            "corrected_statement": self.corrected_statement,
            "scope": self.scope,
            "checks": [
                {"name": c.name, "method": c.method, "role": c.role, "description": c.description}
                for c in self.checks
            ],
        }


@dataclass
class CheckResult:
    """A check that was run: its outcome (or the error it raised) and its timing."""

    check: Check
    outcome: Outcome | None
    error: str | None
    seconds: float
    printed_read: frozenset[str] = frozenset()  # printed keys this check read

    @property
    def status(self) -> str:
        return "error" if self.error is not None else self.outcome.status  # type: ignore[union-attr]


def decide_verdict(claim: Claim, results: list[CheckResult]) -> tuple[str, str]:
    """Return ``(verdict, reason)`` from the check results, by fixed rules.

    1. any check raised                              -> ``error``
    2. no statement check gave evidence              -> ``not-checkable``
    3. every statement check passed:
         some proof-step check failed                -> ``proof-gap``
         otherwise                                   -> ``verified``
    4. some statement check failed (counterexample):
         a correction check passed                   -> ``corrected``
         else a scope check passed                   -> ``scoped``
         else                                        -> ``refuted``
    """
    errors = [r for r in results if r.error is not None]
    if errors:
        return "error", "; ".join(f"{r.check.name}: {r.error.splitlines()[-1] if r.error else ''}" for r in errors)
    stmt = [r for r in results if r.check.role == "statement" and r.status != "not-checkable"]
    if not stmt:
        reasons = [r.outcome.summary for r in results if r.outcome is not None and r.status == "not-checkable"]
        return "not-checkable", claim.not_checkable_reason or "; ".join(reasons) or "no statement check"
    failing = [r for r in stmt if r.status == "fail"]
    if not failing:
        gaps = [r for r in results if r.check.role == "proof-step" and r.status == "fail"]
        if gaps:
            return "proof-gap", "statement holds; proof step fails: " + ", ".join(r.check.name for r in gaps)
        return "verified", f"{len(stmt)} statement check(s) passed"
    names = ", ".join(r.check.name for r in failing)
    corrections = [r for r in results if r.check.role == "correction" and r.status == "pass"]
    if corrections:
        return "corrected", f"false as printed ({names}); corrected statement verified"
    scopes = [r for r in results if r.check.role == "scope" and r.status == "pass"]
    if scopes:
        return "scoped", f"false as printed ({names}); holds exactly on the stated scope"
    return "refuted", f"counterexample found by {names}"
