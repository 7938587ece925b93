"""The context handed to every check: profile, seeded randomness, printed data, figures."""

from __future__ import annotations

import hashlib
import io
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

import numpy as np

from .cases import Printed, printed_for
from .model import Claim, Figure

PROFILES = ("quick", "full")


def _stable_seed(*parts: Any) -> int:
    h = hashlib.sha256("/".join(map(str, parts)).encode()).digest()
    return int.from_bytes(h[:4], "little")


@dataclass
class Context:
    """Everything a check may use.  Checks must be deterministic given (seed, profile)."""

    claim: Claim
    profile: str = "quick"
    seed: int = 20211
    out_dir: Path | None = None  # report folder; figures are saved only when set
    overrides: Mapping[str, Any] | None = None  # printed values replaced (sensitivity tests)
    verbose: bool = False
    figures: list[Figure] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.profile not in PROFILES:
            raise ValueError(f"profile must be one of {PROFILES}, got {self.profile!r}")
        self.printed: Printed = printed_for(self.claim.id, self.overrides)

    # -- sizes -----------------------------------------------------------------------
    @property
    def full(self) -> bool:
        return self.profile == "full"

    def size(self, quick: Any, full: Any) -> Any:
        """Pick a problem size / example count by profile."""
        return full if self.full else quick

    # -- randomness -------------------------------------------------------------------
    def rng(self, stream: str = "") -> np.random.Generator:
        """A numpy Generator seeded by (seed, claim id, stream): reproducible and independent."""
        return np.random.default_rng(_stable_seed(self.seed, self.claim.id, stream))

    def torch_generator(self, stream: str = ""):
        import torch

        g = torch.Generator()
        g.manual_seed(_stable_seed(self.seed, self.claim.id, "torch", stream))
        return g

    def hypothesis_settings(self, quick: int = 200, full: int = 2000, **kw: Any):
        """Derandomised hypothesis settings (verdicts must be reproducible)."""
        from hypothesis import HealthCheck, settings

        return settings(
            max_examples=self.size(quick, full),
            derandomize=True,
            database=None,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            **kw,
        )

    # -- reporting ----------------------------------------------------------------------
    def progress(self, msg: str) -> None:
        if self.verbose:
            print(f"    · {self.claim.id}: {msg}", file=sys.stderr, flush=True)

    def figure(self, name: str, fig: Any, caption: str) -> Figure:
        """Attach a matplotlib figure; saved as SVG in the report folder when there is one."""
        import matplotlib.pyplot as plt

        f = Figure(name=name, caption=caption)
        if self.out_dir is not None:
            buf = io.StringIO()
            fig.savefig(buf, format="svg", bbox_inches="tight")
            f.svg = buf.getvalue()
            fig_dir = self.out_dir / "figures"
            fig_dir.mkdir(parents=True, exist_ok=True)
            fname = f"{self.claim.id}--{name}.svg".replace("/", "_")
            (fig_dir / fname).write_text(f.svg)
            f.path = f"figures/{fname}"
        plt.close(fig)
        self.figures.append(f)
        return f
