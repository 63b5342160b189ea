"""The partitioned result store of ``python -m analysis annotate``: one Parquet file per partition
and table (``<store>/<table>/part-00000.parquet``), read back without loading everything at once."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from analysis.atomic import atomic_path, write_text

DONE = "_done"
RUN_FILE = "_run.json"


def part_name(partition: int) -> str:
    return f"part-{partition:05d}"


def write_partition(store: Path, table: str, partition: int, df: pd.DataFrame) -> Path:
    """Write one partition of a table atomically (a half-written file never has the final name)."""
    path = store / table / f"{part_name(partition)}.parquet"
    with atomic_path(path) as tmp:
        df.to_parquet(tmp, index=False)
    return path


def mark_done(store: Path, partition: int, stats: dict) -> None:
    """Record that a partition is complete (written last, after all its tables)."""
    write_text(store / DONE / f"{part_name(partition)}.json", json.dumps(stats, sort_keys=True))


def done_partitions(store: Path) -> dict[int, dict]:
    """Completed partitions and their stats."""
    folder = store / DONE
    if not folder.is_dir():
        return {}
    result = {}
    for path in sorted(folder.glob("part-*.json")):
        try:
            result[int(path.stem.split("-")[1])] = json.loads(path.read_text())
        except (ValueError, json.JSONDecodeError):
            continue  # a damaged marker: the partition is redone
    return result


def remove_leftovers(store: Path) -> list[Path]:
    """Delete the temporary files a killed writer left in the store (``atomic_path`` names them
    ``.<name>.<random>.tmp``); returns them. Call only when nothing is writing to the store."""
    leftovers = sorted(Path(store).rglob(".*.tmp"))
    for path in leftovers:
        path.unlink(missing_ok=True)
    return leftovers




def read_table(store: str | Path, table: str, *, columns: list[str] | None = None, filter=None) -> pd.DataFrame:
    """Read a table of the store (only completed partitions), optionally some columns or rows
    (a ``pyarrow.dataset`` filter expression), without loading the rest."""
    import pyarrow.dataset as ds

    store = Path(store)
    done = done_partitions(store)
    files = [str(store / table / f"{part_name(p)}.parquet") for p in sorted(done)
             if (store / table / f"{part_name(p)}.parquet").exists()]
    if not files:
        return pd.DataFrame(columns=columns or [])
    import pyarrow as pa
    import pyarrow.parquet as pq

    # A column that is empty in one partition is typed null there: unify to the wider type.
    schema = pa.unify_schemas([pq.read_schema(f) for f in files], promote_options="permissive")
    dataset = ds.dataset(files, format="parquet", schema=schema)
    return dataset.to_table(columns=columns, filter=filter).to_pandas()

