"""The preview server serves its own folder and nothing else, to this machine only.

A real uvicorn server on a free loopback port, asked with http.client so that every
path goes out exactly as written (``..``, encoded, absolute), and with foreign Host
headers a DNS-rebinding page would send.
"""

from __future__ import annotations

import http.client
import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from briefing.preview.rebuild import Status
from briefing.preview.server import Broadcast, make_app, served_file
from support import run_cli


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[int, Path, Broadcast]]:
    folder = tmp_path / "preview"
    (folder / "slides" / "abc").mkdir(parents=True)
    (folder / "brief.html").write_text("<p>the briefing</p>")
    (folder / "slides" / "abc" / "slide-1.png").write_bytes(b"\x89PNG picture")
    (folder / ".briefing-cache.json").write_text("{}")
    secret = tmp_path / "secret.txt"
    secret.write_text("outside the preview folder")
    (folder / "leak.txt").symlink_to(secret)
    (folder / "linked").symlink_to(tmp_path)
    broadcast = Broadcast(Status(name="brief", generation=3, html="brief.html?v=1"))
    app = make_app(broadcast=broadcast, folder=folder, host="127.0.0.1")
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="critical"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield port, folder, broadcast
    finally:
        broadcast.close()
        server.should_exit = True
        thread.join(timeout=5)


def get(port: int, path: str, *, host: str | None = None, method: str = "GET") -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
    connection.putheader("Host", f"127.0.0.1:{port}" if host is None else host)
    connection.endheaders()
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, body


def test_serves_the_outputs_and_the_page(served: tuple[int, Path, Broadcast]) -> None:
    port, _, _ = served
    assert get(port, "/out/brief.html") == (200, b"<p>the briefing</p>")
    assert get(port, "/out/slides/abc/slide-1.png")[0] == 200
    status, page = get(port, "/")
    assert status == 200 and b"EventSource" in page
    status, body = get(port, "/status")
    assert status == 200 and json.loads(body)["generation"] == 3
    # -- localhost names this machine too --
    assert get(port, "/out/brief.html", host=f"localhost:{port}")[0] == 200


@pytest.mark.parametrize(
    "path",
    [
        "/out/../secret.txt",
        "/out/%2e%2e/secret.txt",
        "/out/%2E%2E%2Fsecret.txt",
        "/out/slides/../../secret.txt",
        "/out//etc/hostname",
        "/out/%2Fetc%2Fhostname",
        "/out/..%5Csecret.txt",
        "/out/leak.txt",  # -- a symlink inside the folder, to a file outside it
        "/out/linked/secret.txt",  # -- through a symlinked folder
        "/out/.briefing-cache.json",  # -- the build record is not an output
        "/out/slides",  # -- a folder: no listing
        "/out/slides/abc/",
        "/out/",
        "/../secret.txt",
    ],
)
def test_refuses_every_path_outside_its_outputs(
    served: tuple[int, Path, Broadcast], path: str
) -> None:
    port, _, _ = served
    status, body = get(port, path)
    assert status == 404, (path, status)
    assert b"outside the preview folder" not in body


def test_served_file_checks_every_step(tmp_path: Path) -> None:
    (tmp_path / "ok.html").write_text("x")
    (tmp_path / "dir").mkdir()
    assert served_file(tmp_path, "ok.html") == (tmp_path / "ok.html").resolve()
    for wanted in ["", "/ok.html", "dir", "./ok.html", "dir/../ok.html", "a\\b", "ok.html\x00"]:
        assert served_file(tmp_path, wanted) is None, wanted


@pytest.mark.parametrize("host", ["evil.example", "evil.example:80", "127.0.0.1.evil.example", ""])
def test_refuses_a_foreign_host(served: tuple[int, Path, Broadcast], host: str) -> None:
    port, _, _ = served
    status, body = get(port, "/out/brief.html", host=host)
    assert status == 400
    assert b"the briefing" not in body


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_no_route_writes(served: tuple[int, Path, Broadcast], method: str) -> None:
    port, folder, _ = served
    before = sorted(p.name for p in folder.rglob("*"))
    for path in ["/", "/status", "/events", "/out/brief.html"]:
        assert get(port, path, method=method)[0] == 405, (method, path)
    assert sorted(p.name for p in folder.rglob("*")) == before


def test_events_stream_the_status_as_it_changes(served: tuple[int, Path, Broadcast]) -> None:
    port, _, broadcast = served
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.request("GET", "/events")
    response = connection.getresponse()
    assert response.getheader("Content-Type", "").startswith("text/event-stream")

    def next_status() -> dict[str, object]:
        lines = []
        while not lines or lines[-1] != b"\n":
            lines.append(response.readline())
        data = next(line for line in lines if line.startswith(b"data: "))
        return json.loads(data[len(b"data: ") :])  # type: ignore[no-any-return]

    assert next_status()["generation"] == 3
    broadcast.publish(Status(name="brief", generation=4, error="x.yaml:2:1: bad"))
    later = next_status()
    assert later["generation"] == 4 and later["error"] == "x.yaml:2:1: bad"
    connection.close()


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::"])
def test_another_address_needs_the_flag(capsys: pytest.CaptureFixture[str], host: str) -> None:
    from support import MINIMAL

    run = run_cli(["preview", str(MINIMAL), "--host", host], capsys)
    assert run.status == 2
    assert "--allow-remote" in run.err and host in run.err


def test_one_source_at_a_time(capsys: pytest.CaptureFixture[str]) -> None:
    from support import GERMAN, MINIMAL

    run = run_cli(["preview", str(MINIMAL), str(GERMAN)], capsys)
    assert run.status == 2 and "one source" in run.err
