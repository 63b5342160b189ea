"""The report's kernel manager: IPC sockets, and no interrupt sent to a kernel that is shutting down."""

import asyncio

import pytest

from analysis.report.kernel import IPCKernelManager


def test_kernel_talks_over_ipc_in_a_private_folder():
    manager = IPCKernelManager(kernel_name="python3")
    assert manager.transport == "ipc" and manager.ip.startswith(manager._ipc_dir)


def test_no_interrupt_while_shutting_down():
    manager = IPCKernelManager(kernel_name="python3")
    with pytest.raises(RuntimeError):  # no kernel: an ordinary interrupt is refused
        asyncio.run(manager._async_interrupt_kernel())
    manager.shutting_down = True
    asyncio.run(manager._async_interrupt_kernel())  # skipped, nothing to refuse
