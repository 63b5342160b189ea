"""Row iteration over DataFrames for the per-article loops.

pandas' string columns are Arrow-backed: iterating one converts every value on its own (about 1 µs
each), while ``tolist`` converts the column in one call. ``iter_rows`` zips the columns' lists, so it
yields the same values as ``itertuples(index=False, name=None)``, about ten times faster.
"""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd


def iter_rows(frame: pd.DataFrame, columns: list[str]) -> Iterator[tuple]:
    """Tuples of ``columns``' values, row by row."""
    return zip(*(frame[column].tolist() for column in columns), strict=True)
