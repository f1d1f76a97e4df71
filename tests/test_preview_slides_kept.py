"""The preview's slide pictures: each new drawing is published, and the one before it is
kept until the next, so a browser still loading the last list never meets a missing
picture; older drawings are removed."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from briefing.preview import rebuild
from briefing.project import find_project
from support import VALID


def test_the_drawing_before_stays_until_the_next_and_older_ones_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def draw(deck: Path, *, work: Path, out: Path, stop: threading.Event) -> list[Path]:
        # -- LibreOffice's part, stood in for: one picture per deck, named as it names them --
        out.mkdir(parents=True)
        picture = out / "slide-1.png"
        picture.write_bytes(deck.read_bytes())
        return [picture]

    monkeypatch.setattr(rebuild.slides, "draw", draw)
    published: list[rebuild.Status] = []
    rebuilder = rebuild.Rebuilder(VALID, find_project(VALID.parent), tmp_path, published.append)
    stop = threading.Event()
    drawer = threading.Thread(target=rebuilder._draw_slides, args=(stop,), daemon=True)
    drawer.start()
    drawn = []
    try:
        for generation, content in enumerate([b"first deck", b"second deck", b"third deck"]):
            (tmp_path / f"{VALID.stem}.pptx").write_bytes(content)
            rebuilder.queue_slides(generation)
            deadline = time.monotonic() + 10
            while not (published and published[-1].slides) or (
                drawn and published[-1].slides[0] == drawn[-1]
            ):
                assert time.monotonic() < deadline, "no drawing was published"
                time.sleep(0.01)
            (picture,) = published[-1].slides
            assert (tmp_path / picture).read_bytes() == content
            drawn.append(picture)
    finally:
        stop.set()
        drawer.join(timeout=5)
    kept = {p.relative_to(tmp_path).as_posix() for p in (tmp_path / "slides").rglob("*.png")}
    assert kept == {drawn[1], drawn[2]}
