"""Loaded by every Python process of the no-network test (through PYTHONPATH): any attempt to reach
a host other than this machine raises, in the test process, in papermill's kernel, anywhere."""

import socket

_LOCAL = ("127.", "::1", "localhost", "0.0.0.0")
_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_getaddrinfo = socket.getaddrinfo


def _check(address):
    if isinstance(address, tuple) and address and isinstance(address[0], str):
        if not address[0].startswith(_LOCAL):
            raise OSError(f"network access blocked by the test: {address[0]}")


def _connect(self, address):
    _check(address)
    return _real_connect(self, address)


def _connect_ex(self, address):
    _check(address)
    return _real_connect_ex(self, address)


def _getaddrinfo(host, *args, **kwargs):
    if isinstance(host, str) and host and not host.startswith(_LOCAL) and not host[0].isdigit():
        raise OSError(f"network access blocked by the test: {host}")
    return _real_getaddrinfo(host, *args, **kwargs)


socket.socket.connect = _connect
socket.socket.connect_ex = _connect_ex
socket.getaddrinfo = _getaddrinfo
