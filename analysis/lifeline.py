"""Worker processes die with the process that started them (Linux: ``PR_SET_PDEATHSIG``).

Loaded by every Dask worker this package starts (``distributed.worker.preload``), and set in every
process ``multiprocessing`` forks while ``workers_die_with_parent()`` is in force (spaCy's
``nlp.pipe(n_process=...)`` workers), so a killed ``annotate`` or export never leaves workers running.
"""

from __future__ import annotations

import os
import signal
import sys

PR_SET_PDEATHSIG = 1


def die_with_parent(sig: int = signal.SIGKILL) -> bool:
    """Ask the kernel to send ``sig`` to this process when its parent exits; True when set."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0) != 0:
            return False
    except (OSError, AttributeError):
        return False
    if os.getppid() == 1:  # the parent died before the call
        os.kill(os.getpid(), sig)
    return True


def dask_setup(worker=None) -> None:  # Dask preload hook
    die_with_parent()


class _AfterFork:
    """Registered with ``multiprocessing.util.register_after_fork``: runs in each forked child."""


_HOOK = _AfterFork()
_registered = False


def workers_die_with_parent() -> None:
    """From now on, every process ``multiprocessing`` starts by fork dies with its parent."""
    global _registered
    if not _registered:
        from multiprocessing import util

        util.register_after_fork(_HOOK, lambda _: die_with_parent())
        _registered = True
