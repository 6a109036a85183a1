"""A server app run by uvicorn on a thread of the test process, on a free port of
127.0.0.1, with the HTTP protocol `pycomp serve` uses (its header timeout); and a
bundle's native server (`pycomp build --server`) started as a subprocess."""

from __future__ import annotations

import os
import socket
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from pycomp.serve.http import protocol_class


class InThread:
    """``with InThread(app) as s:`` serves ``app`` at ``s.url`` until the block ends."""

    def __init__(self, app: Any, header_timeout: float = 5.0) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off",
                                                    http=protocol_class(header_timeout),
                                                    timeout_graceful_shutdown=30))
        self.thread = threading.Thread(target=self.server.run,
                                       kwargs={"sockets": [self.sock]}, daemon=True)

    def __enter__(self) -> InThread:  # noqa: PYI034 - a test helper, never subclassed
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            assert self.thread.is_alive() and time.monotonic() < deadline, \
                "the server did not start"
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(30)
        self.sock.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_native(exe: Path, *options: str, env: dict[str, str] | None = None
                 ) -> tuple[subprocess.Popen[bytes], str]:
    """The native server `exe` on a free port with `options` (and `env`),
    once it answers /health; ONNX Runtime from its own bundle only."""
    port = free_port()
    proc = subprocess.Popen([str(exe), "--port", str(port), *options],
                            env=dict(os.environ, PYCOMP_ORT_LIBRARY="", ORT_DYLIB_PATH="",
                                     **(env or {})),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                return proc, url
        except httpx.HTTPError:
            pass
        assert time.monotonic() < deadline
        time.sleep(0.05)
