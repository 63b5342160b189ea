"""Where a notebook writes its tables and figures."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from analysis.atomic import atomic_path, write_table


FIGURE_DPI = 110  # the PNG files
SHOWN_DPI = 100  # on the page: the size the inline backend would give the figure


def _in_notebook() -> bool:
    """True inside a Jupyter kernel (IPython with a kernel), where figures are shown as output."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


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
        """Write ``figures/<name>.png``; in a notebook, show that file and close the figure, so each
        figure is drawn once (the inline backend would draw it a second time at the cell's end)."""
        path = self.root / "figures" / f"{name}.png"
        with atomic_path(path) as tmp:
            fig.savefig(tmp, format="png", dpi=FIGURE_DPI)
        if _in_notebook():
            import matplotlib.pyplot as plt
            from IPython.display import Image, display

            plt.close(fig)
            display(Image(filename=str(path), width=round(fig.get_figwidth() * SHOWN_DPI)))
        return path

    def __repr__(self) -> str:
        return f"OutputFolder({str(self.root)!r})"
