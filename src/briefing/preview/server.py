"""Serve a previewed briefing to the browser: ``Status updates -> HTTP`` (Starlette, uvicorn).

Routes: ``/`` the preview page (the web page, the PDF and the slides, in tabs),
``/events`` the build's status as server-sent events, ``/status`` the same as JSON,
and ``/out/...`` the built files. Safe by default: it binds 127.0.0.1; it answers
only requests whose ``Host`` names the bound address (a page on another site cannot
read it through DNS rebinding); it serves only the preview's own folder, never a
listing, a path outside it or through a symlink; and every route only reads.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import json
import os
import threading
from collections.abc import AsyncIterator
from importlib.resources import files
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    Response,
    StreamingResponse,
)
from starlette.routing import Route

from briefing.preview.rebuild import Status

# -- a comment line now and then: a browser that went away is noticed, proxies keep it open --
HEARTBEAT_SECONDS = 15.0


def is_loopback(host: str) -> bool:
    """Whether ``host`` (an address or ``localhost``) is this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class Broadcast:
    """The newest status, and every browser waiting for the next one (thread-safe publish)."""

    def __init__(self, first: Status) -> None:
        self.latest = first
        self._loop: asyncio.AbstractEventLoop | None = None
        self._queues: set[asyncio.Queue[Status | None]] = set()
        self._lock = threading.Lock()

    def bind(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop

    def publish(self, status: Status) -> None:
        """Called from the build thread: hand the status to the server's loop."""
        with self._lock:
            self.latest = status
            loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._deliver, status)

    def close(self) -> None:
        """End every open event stream (the server is stopping)."""
        if self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._deliver, None)

    def _deliver(self, status: Status | None) -> None:
        for queue in list(self._queues):
            queue.put_nowait(status)

    async def stream(self) -> AsyncIterator[str]:
        queue: asyncio.Queue[Status | None] = asyncio.Queue()
        self._queues.add(queue)
        try:
            yield _event(self.latest)
            while True:
                try:
                    status = await asyncio.wait_for(queue.get(), HEARTBEAT_SECONDS)
                except TimeoutError:
                    yield ": heartbeat\n\n"
                    continue
                if status is None:
                    return
                yield _event(status)
        finally:
            self._queues.discard(queue)


def _event(status: Status) -> str:
    return f"event: status\ndata: {json.dumps(status.as_json())}\n\n"


def served_file(folder: Path, wanted: str) -> Path | None:
    """The file ``wanted`` names inside ``folder``, or None: no absolute path, no ``..``, no
    hidden file, no symlink anywhere on the way, no folder (so no listing)."""
    if not wanted or wanted.startswith(("/", "\\")) or "\\" in wanted or "\x00" in wanted:
        return None
    parts = wanted.split("/")
    if any(part in ("", ".", "..") or part.startswith(".") for part in parts):
        return None
    path = folder
    for part in parts:
        path = path / part
        if path.is_symlink():
            return None
    real = Path(os.path.realpath(path))
    if not real.is_relative_to(folder.resolve()) or not real.is_file():
        return None
    return real


def make_app(*, broadcast: Broadcast, folder: Path, host: str) -> Starlette:
    """The preview's web application, serving ``folder`` to requests for ``host``."""
    page = files("briefing.preview").joinpath("page.html").read_text(encoding="utf-8")
    headers = {
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
    }

    async def index(request: Request) -> Response:
        return HTMLResponse(page, headers=headers)

    async def events(request: Request) -> Response:
        return StreamingResponse(
            broadcast.stream(),
            media_type="text/event-stream",
            headers={**headers, "X-Accel-Buffering": "no"},
        )

    async def status(request: Request) -> Response:
        return JSONResponse(broadcast.latest.as_json(), headers=headers)

    async def output(request: Request) -> Response:
        found = served_file(folder, request.path_params["path"])
        if found is None:
            return Response("not found", status_code=404, headers=headers)
        return FileResponse(found, headers=headers)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        broadcast.bind(asyncio.get_running_loop())
        yield

    # -- a wildcard bind was asked for with --allow-remote: any name may reach it then --
    hosts = ["*"] if host in ("0.0.0.0", "::") else [host]
    if is_loopback(host):
        hosts += ["localhost", "127.0.0.1", "::1"]
    return Starlette(
        routes=[
            Route("/", index, methods=["GET", "HEAD"]),
            Route("/events", events, methods=["GET"]),
            Route("/status", status, methods=["GET", "HEAD"]),
            Route("/out/{path:path}", output, methods=["GET", "HEAD"]),
        ],
        middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=hosts, www_redirect=False)],
        lifespan=lifespan,
    )
