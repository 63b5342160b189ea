"""Worker processes die with the process that started them (Linux: ``PR_SET_PDEATHSIG``).

Loaded by every Dask worker this package starts (``distributed.worker.preload``), so a killed
``annotate`` never leaves workers running.
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
