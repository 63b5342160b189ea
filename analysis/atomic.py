"""Writing results: every file is written to a temporary name and moved into place (atomic)."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success it replaces ``path``, on error it is removed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.chmod(tmp_path, 0o644 & ~_umask())
        os.replace(tmp_path, path)
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def write_text(path: Path, text: str) -> Path:
    """Write text atomically (UTF-8)."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return path


def write_table(df: pd.DataFrame, path: Path, *, parquet: bool = False) -> Path:
    """Write a table as CSV (UTF-8, no index) atomically; also as Parquet beside it when asked."""
    with atomic_path(path) as tmp:
        df.to_csv(tmp, index=False, encoding="utf-8")
    if parquet:
        with atomic_path(path.with_suffix(".parquet")) as tmp:
            df.to_parquet(tmp, index=False)
    return path


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def recover_dir(target: Path) -> list[Path]:
    """Repair what a killed ``atomic_dir`` left beside ``target``: put back ``.<name>.old`` when the
    kill fell between the two moves of the final swap, and delete the temporary ``.<name>.<pid>.*``
    folders of runs that are no longer alive (and unnamed ones from older versions). Returns the
    folders removed."""
    target = Path(target)
    old = target.with_name(f".{target.name}.old")
    if old.is_dir() and not target.exists():
        os.replace(old, target)
    removed = []
    prefix = f".{target.name}."
    if not target.parent.is_dir():
        return removed
    for path in target.parent.glob(f"{glob_escape(prefix)}*"):
        rest = path.name[len(prefix):]
        if not path.is_dir() or path.is_symlink() or rest == "old":
            continue
        pid, _, suffix = rest.partition(".")
        if pid.isdigit() and suffix and _pid_alive(int(pid)):
            continue  # another run is building it now
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


def glob_escape(text: str) -> str:
    import glob

    return glob.escape(text)


@contextmanager
def atomic_dir(target: Path) -> Iterator[Path]:
    """Yield a fresh temporary folder; on success it replaces ``target`` whole, on error it is kept
    aside as ``<target>.failed`` for diagnosis and ``target`` is left as it was."""
    target.parent.mkdir(parents=True, exist_ok=True)
    recover_dir(target)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name}.{os.getpid()}.", dir=target.parent))
    os.chmod(work, 0o755 & ~_umask())
    try:
        yield work
    except BaseException:
        failed = target.with_name(target.name + ".failed")
        shutil.rmtree(failed, ignore_errors=True)
        os.replace(work, failed)
        raise
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    os.replace(work, target)
    shutil.rmtree(old, ignore_errors=True)
