"""One preview session: ``briefing preview SOURCE`` from start to Ctrl-C.

Builds into a private temporary folder, serves it with uvicorn on the loopback
address, rebuilds in a thread on every change, and on Ctrl-C stops the server, the
build thread, the PDF worker and LibreOffice, and removes the folder.
"""

from __future__ import annotations

import contextlib
import shutil
import signal
import socket
import sys
import tempfile
import threading
import webbrowser
from collections.abc import Callable
from pathlib import Path

import uvicorn

from briefing.preview.rebuild import Rebuilder, Status
from briefing.preview.server import Broadcast, is_loopback, make_app
from briefing.project import Project


def preview(
    source: Path,
    *,
    project: Project,
    host: str = "127.0.0.1",
    port: int = 8000,
    open_browser: bool = False,
    deck_template: Path | None = None,
) -> int:
    """Serve ``source``'s outputs until interrupted; the exit status."""
    if not is_loopback(host):
        print(
            f"warning: serving on {host}: anyone who can reach this machine can read the "
            "briefing; there is no password",
            file=sys.stderr,
        )
    folder = Path(tempfile.mkdtemp(prefix="briefing-preview-"))
    stop = threading.Event()
    builds: threading.Thread | None = None
    rebuilder: Rebuilder | None = None
    try:
        broadcast = Broadcast(Status(name=source.stem))
        rebuilder = Rebuilder(
            source,
            project=project,
            out_dir=folder,
            publish=broadcast.publish,
            deck_template=deck_template,
        )
        app = make_app(broadcast=broadcast, folder=folder, host=host)
        config = uvicorn.Config(
            app,
            host=host,
            port=port,
            log_level="critical",  # -- what goes wrong is said by us, once --
            access_log=False,
            lifespan="on",
            # -- open event streams would hold the shutdown: they are ended first --
            timeout_graceful_shutdown=1,
        )
        builds = threading.Thread(target=rebuilder.run, args=(stop,), daemon=True)

        def started(bound: int) -> None:
            url = f"http://{_url_host(host)}:{bound}/"
            print(f"  previewing {source} at {url} (Ctrl-C to stop)", flush=True)
            builds.start()
            if open_browser:
                webbrowser.open(url)

        server = _Server(config, on_start=started, on_stop=broadcast.close)
        # -- uvicorn stops on SIGINT and SIGTERM, then raises the signal again: SIGINT
        #    becomes KeyboardInterrupt (exit 130), SIGTERM ends here, so that the folder
        #    below is removed either way --
        previous = signal.signal(signal.SIGTERM, _terminated)
        try:
            with contextlib.suppress(SystemExit):  # -- uvicorn's way of saying it cannot bind --
                server.run()
        except _Terminated:
            return 128 + signal.SIGTERM
        finally:
            signal.signal(signal.SIGTERM, previous)
        if not server.started:
            print(
                f"briefing: cannot serve on {host}:{port} (in use?)\n"
                "    hint: give another port with --port N, or --port 0 for any free one",
                file=sys.stderr,
            )
            return 2
    finally:
        stop.set()
        if rebuilder is not None:
            rebuilder.abandon()  # -- a PDF being typeset is not waited for --
        if builds is not None and builds.is_alive():
            builds.join(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)
    return 0


class _Terminated(BaseException):
    """SIGTERM arrived: stop as on Ctrl-C."""


def _terminated(signum: int, frame: object) -> None:
    raise _Terminated


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


class _Server(uvicorn.Server):
    """uvicorn's server, saying which port it listens on, and ending the event streams
    before it waits for open connections to close."""

    def __init__(
        self,
        config: uvicorn.Config,
        *,
        on_start: Callable[[int], None],
        on_stop: Callable[[], None],
    ) -> None:
        super().__init__(config)
        self._on_start = on_start
        self._on_stop = on_stop

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started:
            self._on_start(self.servers[0].sockets[0].getsockname()[1])

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        self._on_stop()
        await super().shutdown(sockets)
