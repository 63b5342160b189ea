"""Dask set-up: a local cluster started with the project's worker settings, and partitions
submitted to any cluster with bounded work in flight."""

from __future__ import annotations

from analysis.resources import RESOURCES_DIR

# Dask settings for the workers this module starts (and for cluster workers, see the file's note).
DASK_CONFIG_FILE = RESOURCES_DIR / "dask" / "news-workbook.yaml"


def run_on_dask(task, pending, study_dir: str, store: str, workers: int, scheduler: str | None, args: dict, echo) -> list[dict]:
    """Submit ``task(study_dir, store, partition, items, problems, **args)`` for each partition to Dask with at most two per worker in flight (bounded memory on the client)."""
    from distributed import Client, as_completed

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = local_cluster(workers)
        client = Client(cluster)
    results: list[dict] = []
    try:
        limit = 2 * max(len(client.scheduler_info().get("workers", {})), 1)
        running = as_completed()
        in_flight = 0

        def collect(future) -> None:
            result = future.result()
            results.append(result)
            echo(f"partition {result['partition']}: {result['articles']} articles in {result['seconds']:.1f} s "
                 f"(worker pid {result['pid']})")

        for partition, items, problems in pending:
            running.add(client.submit(task, study_dir, store, partition, items, problems,
                                      pure=False, **args))
            in_flight += 1
            if in_flight >= limit:
                collect(next(running))
                in_flight -= 1
        for future in running:
            collect(future)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return results


def local_cluster(workers: int):
    """A Dask cluster on this machine: ``workers`` single-threaded worker processes set up by
    ``resources/dask/news-workbook.yaml``."""
    import dask
    from distributed import LocalCluster

    config = worker_config()
    preload = list(dask.config.get("distributed.worker.preload", []) or [])
    config["distributed.worker.preload"] = [*preload, "analysis.lifeline"]  # workers die with us
    with dask.config.set(config):
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)


def worker_config() -> dict:
    """The Dask settings of ``resources/dask/news-workbook.yaml`` merged over Dask's current ones,
    by top-level key (for ``dask.config.set``)."""
    import dask
    import distributed  # noqa: F401 - loads the distributed defaults the file is merged over
    import yaml

    ours = yaml.safe_load(DASK_CONFIG_FILE.read_text(encoding="utf-8"))
    merged = dask.config.merge(dask.config.config, ours)
    return {key: merged[key] for key in ours}
