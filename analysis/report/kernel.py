"""The kernel manager the report runs notebooks with: local IPC sockets instead of TCP.

A kernel on TCP warns that all communication is sent "without encryption"; on one machine the
runner has no reason to open TCP ports. The sockets live in a private temporary folder.

jupyter_client interrupts a kernel before asking it to shut down; a notebook that has finished is
idle, and the interrupt only makes ipykernel log "ERROR | KeyboardInterrupt caught in kernel" on the
report's console. This manager skips that interrupt while shutting down (an interrupt asked for at
any other time, e.g. on a cell timeout, is sent as usual).
"""

from __future__ import annotations

import os
import shutil
import tempfile

from jupyter_client.manager import AsyncKernelManager


class IPCKernelManager(AsyncKernelManager):
    """An ``AsyncKernelManager`` whose kernel talks over IPC sockets in a private temporary folder."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._ipc_dir = tempfile.mkdtemp(prefix="news-workbook-kernel-")
        os.chmod(self._ipc_dir, 0o700)
        self.transport = "ipc"
        self.ip = os.path.join(self._ipc_dir, "kernel")

    async def _async_interrupt_kernel(self) -> None:
        if self.shutting_down:
            return
        await super()._async_interrupt_kernel()

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart=restart)
        if not restart:
            shutil.rmtree(self._ipc_dir, ignore_errors=True)
