"""Where the data lives: the repository root, ``cases/`` and the source documents."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(os.environ.get("VERIFY_ROOT", Path(__file__).resolve().parent.parent))
CASES_DIR = REPO_ROOT / "cases"
LEDGER_DIR = CASES_DIR / "ledger"


def seeds_dir() -> Path | None:
    """The folder of source documents (``../shared/seeds`` beside the checkout), if present."""
    for cand in (REPO_ROOT / "shared" / "seeds", REPO_ROOT.parent / "shared" / "seeds"):
        if cand.is_dir():
            return cand
    return None
