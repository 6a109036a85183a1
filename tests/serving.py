"""A server app run by uvicorn on a thread of the test process, on a free port of
127.0.0.1, with the HTTP protocol `pycomp serve` uses (its header timeout)."""

from __future__ import annotations

import socket
import threading
import time
from typing import Any

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
