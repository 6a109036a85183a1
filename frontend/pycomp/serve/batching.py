"""Dynamic batching: requests for one model merged into one compiled call.

Requests for the same function (and the same extra arguments, such as
``dimensions``) that queue up while the model is busy, or arrive within
``window`` seconds of each other, are concatenated into one call of up to
``max_items`` inputs and ``max_tokens`` tokens (a request larger than the
budget runs alone), and the result's rows are split back per request.

Only requests whose longest input has the same number of tokens are merged.
A batch is padded to its longest input, so a request merged with longer ones
would be computed at another padded shape; with equal padded length each row
is computed at its request's own. Where the model's kernels give the same
bits at every batch size (the int8 MiniLM; the tiny test model at some
lengths), merged rows are bit for bit the unbatched ones (tests check it);
ONNX Runtime's float MatMul can round a row differently in a larger batch,
and no merging avoids that (docs/serve.md, "Dynamic batching").

When a merged call fails, each request of the batch is run alone, so an
error reaches only the request that caused it.

At most ``workers`` batches of one model function run at once (whatever
their padded length), each in a worker thread (compiled calls release the
GIL). The native server (templates/server/main.rs) batches the same way.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pycomp.client import _Core, _Request


@dataclass(frozen=True)
class BatchPolicy:
    window: float = 0.002
    """Seconds a batch waits, from its first request's arrival, for more requests."""
    max_items: int = 64
    """The most inputs one merged call holds."""
    max_tokens: int = 16384
    """The most tokens one merged call holds."""
    workers: int = 2
    """Batches of one model that run at once."""


@dataclass
class _Pending:
    req: _Request
    tokens: int
    future: asyncio.Future[Any]
    arrived: float = field(default_factory=time.monotonic)


@dataclass
class _Queue:
    items: deque[_Pending] = field(default_factory=deque)
    slots: asyncio.Semaphore | None = None
    draining: bool = False


class Batcher:
    """Batches the embedding and classification calls of one server.

    ``submit(req, tokens, length)`` returns the request's raw result: the rows of a
    float32 array (embeddings) or the (label, score) lists (classification),
    validated as ``_Core`` validates an unbatched call. ``on_batch(model,
    items)`` and ``on_depth(model, delta)`` feed the server's metrics.
    """

    def __init__(self, core: _Core, policy: BatchPolicy,
                 on_batch: Callable[[str, int], None] = lambda m, n: None,
                 on_depth: Callable[[str, int], None] = lambda m, n: None) -> None:
        self.core = core
        self.policy = policy
        self.on_batch = on_batch
        self.on_depth = on_depth
        self.queues: dict[Hashable, _Queue] = {}
        self.slots: dict[Hashable, asyncio.Semaphore] = {}
        """Per model function: the batches that may start."""

    async def submit(self, req: _Request, tokens: int, length: int) -> Any:
        """The request's result; ``tokens``: its token count, ``length``: the
        token count of its longest input (its padded length)."""
        assert req.bundle is not None and req.function is not None
        key = (req.bundle.name, req.function.name, req.dimensions, length)
        queue = self.queues.get(key)
        if queue is None:
            slots = self.slots.get(key[:2])
            if slots is None:
                slots = self.slots[key[:2]] = asyncio.Semaphore(self.policy.workers)
            queue = self.queues[key] = _Queue(slots=slots)
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        queue.items.append(_Pending(req, tokens, future))
        self.on_depth(req.bundle.name, len(req.texts))
        if not queue.draining:
            queue.draining = True
            asyncio.create_task(self._drain(key, queue))
        return await future

    async def _drain(self, key: Hashable, queue: _Queue) -> None:
        assert queue.slots is not None
        try:
            while queue.items:
                await queue.slots.acquire()
                wait = queue.items[0].arrived + self.policy.window - time.monotonic() \
                    if queue.items else 0.0
                if wait > 0 and not self._full(queue):
                    await asyncio.sleep(wait)
                batch = self._take(queue)
                if not batch:
                    queue.slots.release()
                    continue
                asyncio.create_task(self._run(queue, batch))
        finally:
            queue.draining = False
            if not queue.items and self.queues.get(key) is queue:
                del self.queues[key]  # lengths and dimensions come and go

    def _full(self, queue: _Queue) -> bool:
        items = sum(len(p.req.texts) for p in queue.items)
        tokens = sum(p.tokens for p in queue.items)
        return items >= self.policy.max_items or tokens >= self.policy.max_tokens

    def _take(self, queue: _Queue) -> list[_Pending]:
        batch: list[_Pending] = []
        items = tokens = 0
        while queue.items:
            p = queue.items[0]
            if p.future.done():  # its request was cancelled (a timeout, a disconnect)
                queue.items.popleft()
                self._left(p)
                continue
            n = len(p.req.texts)
            if batch and (items + n > self.policy.max_items
                          or tokens + p.tokens > self.policy.max_tokens):
                break
            batch.append(queue.items.popleft())
            self._left(p)
            items, tokens = items + n, tokens + p.tokens
        return batch

    def _left(self, p: _Pending) -> None:
        assert p.req.bundle is not None
        self.on_depth(p.req.bundle.name, -len(p.req.texts))

    async def _run(self, queue: _Queue, batch: list[_Pending]) -> None:
        assert queue.slots is not None
        first = batch[0].req
        assert first.bundle is not None
        self.on_batch(first.bundle.name, sum(len(p.req.texts) for p in batch))
        try:
            outcomes = await asyncio.to_thread(self._call, batch)
        except BaseException as e:  # noqa: BLE001 - every waiter must hear of it
            outcomes = [e] * len(batch)
        finally:
            queue.slots.release()
        for p, outcome in zip(batch, outcomes):
            if p.future.done():
                continue
            if isinstance(outcome, BaseException):
                p.future.set_exception(outcome)
            else:
                p.future.set_result(outcome)

    def _call(self, batch: list[_Pending]) -> list[Any]:
        """Each request's result (or exception): one merged call, or one call
        per request when the merged one fails."""
        from pycomp.client import APIError

        if len(batch) > 1:
            merged = replace(batch[0].req, texts=[t for p in batch for t in p.req.texts])
            try:
                rows = self._validated(merged, self.core.call(merged))
            except APIError:
                pass  # some request's input failed: find which, alone
            else:
                out, start = [], 0
                for p in batch:
                    out.append(rows[start:start + len(p.req.texts)])
                    start += len(p.req.texts)
                return out
        results: list[Any] = []
        for p in batch:
            try:
                results.append(self._validated(p.req, self.core.call(p.req)))
            except APIError as e:
                results.append(e)
        return results

    def _validated(self, req: _Request, result: Any) -> Any:
        assert req.function is not None
        if req.function.kind == "embedding":
            return self.core.embedding_rows(req, result)
        return self.core.label_scores(req, result)
