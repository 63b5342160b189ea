"""Where a notebook writes its tables and figures."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from analysis.atomic import atomic_path, write_table


class OutputFolder:
    """Where a notebook writes its tables (CSV + Parquet) and figures (PNG)."""

    def __init__(self, root: str | os.PathLike):
        from analysis.paths import resolve_output_dir

        self.root = resolve_output_dir(root)
        self.root.mkdir(parents=True, exist_ok=True)

    def table(self, df: pd.DataFrame, name: str) -> Path:
        """Write ``tables/<name>.csv`` and ``tables/<name>.parquet``."""
        return write_table(df, self.root / "tables" / f"{name}.csv", parquet=True)

    def figure(self, fig, name: str) -> Path:
        """Write ``figures/<name>.png``."""
        path = self.root / "figures" / f"{name}.png"
        with atomic_path(path) as tmp:
            fig.savefig(tmp, format="png", dpi=110)
        return path

    def __repr__(self) -> str:
        return f"OutputFolder({str(self.root)!r})"
