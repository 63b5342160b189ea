"""Corpora of any size: partitions processed locally or on Dask (engine, cluster) into a
partitioned Parquet store (store)."""

from analysis.scale.engine import annotate_corpus
from analysis.scale.store import read_table

__all__ = ["annotate_corpus", "read_table"]
