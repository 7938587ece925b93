"""The committed ledger of expected verdicts (``cases/ledger/*.toml``).

One file per theorems module (``cases/ledger/<package>.<module>.toml``), each a flat table ``"claim.id" = "verdict"``.
``python -m verify report`` and pytest both compare live verdicts with it, so a
regression in either direction (a refuted claim turning verified, or the reverse)
fails.  ``python -m verify ledger --write`` regenerates it from a run — review the
diff before committing.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache

from .model import VERDICTS
from .paths import LEDGER_DIR


@lru_cache(maxsize=1)
def load_ledger() -> dict[str, str]:
    out: dict[str, str] = {}
    for path in sorted(LEDGER_DIR.glob("*.toml")):
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        for cid, verdict in data.items():
            if verdict not in VERDICTS:
                raise ValueError(f"{path}: {cid} has unknown verdict {verdict!r}")
            if cid in out:
                raise ValueError(f"{path}: {cid} already in the ledger")
            out[cid] = verdict
    return out


def expected(claim_id: str) -> str | None:
    return load_ledger().get(claim_id)


def write_ledger(verdicts: dict[str, str], module_of: dict[str, str]) -> list[str]:
    """Record verdicts: each claim goes to ``cases/ledger/<module>.toml`` (its theorems module);
    other entries of those files are kept, other files are untouched.  Returns the paths written."""
    LEDGER_DIR.mkdir(parents=True, exist_ok=True)
    by_file: dict[str, dict[str, str]] = {}
    for cid, v in verdicts.items():
        if cid not in module_of:
            raise KeyError(f"no theorems module known for claim {cid!r}")
        by_file.setdefault(module_of[cid], {})[cid] = v
    written = []
    for module, updates in sorted(by_file.items()):
        path = LEDGER_DIR / f"{module}.toml"
        table: dict[str, str] = {}
        if path.exists():
            with path.open("rb") as fh:
                table.update(tomllib.load(fh))
        table.update(updates)
        lines = [f"# Expected verdicts for theorems.{module}. Regenerate with `python -m verify ledger --write`.", ""]
        lines += [f'"{cid}" = "{v}"' for cid, v in sorted(table.items())]
        path.write_text("\n".join(lines) + "\n")
        written.append(str(path))
    load_ledger.cache_clear()
    return written
