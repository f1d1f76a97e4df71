"""Draw a deck's slides as pictures, as a reader's client draws them: ``PPTX -> [PNG]``.

LibreOffice Impress (headless) turns the deck into a PDF, poppler's ``pdftoppm`` turns
its pages into PNG pictures. One LibreOffice profile is kept for the whole preview, so
only the first conversion pays for creating it. Where either program is missing, the
preview says which package installs it and shows the other outputs.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path

# -- a hung conversion must not hold the preview for ever --
TIMEOUT_SECONDS = 120
RESOLUTION_DPI = 60


class SlidesUnavailable(Exception):
    """The slides cannot be drawn here; the message says why and what installs the tool."""


def missing_tools() -> str:
    """Why slides cannot be drawn on this machine, or '' when they can."""
    wanted = {"soffice": "libreoffice-impress", "pdftoppm": "poppler-utils"}
    missing = [package for tool, package in wanted.items() if shutil.which(tool) is None]
    if not missing:
        return ""
    return f"slides need {', '.join(missing)}: sudo apt-get install {' '.join(missing)}"


def draw(deck: Path, *, work: Path, out: Path, stop: threading.Event | None = None) -> list[Path]:
    """Draw every slide of ``deck`` into ``out`` (``slide-1.png`` ...), working in ``work``.

    ``work`` holds LibreOffice's profile between calls; ``out`` is created here, and
    filled only when every slide is drawn. Setting ``stop`` ends a conversion under way.
    """
    stop = stop or threading.Event()
    why = missing_tools()
    if why:
        raise SlidesUnavailable(why)
    work.mkdir(parents=True, exist_ok=True)
    # -- a copy: the deck may be replaced by the next build while LibreOffice reads it --
    copy = work / "deck.pptx"
    shutil.copyfile(deck, copy)
    profile = (work / "profile").resolve().as_uri()
    _run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(copy),
        ],
        stop,
        work,
    )
    pdf = work / "deck.pdf"
    if not pdf.is_file():
        raise SlidesUnavailable("LibreOffice did not convert the deck")
    staging = work / "pages"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    _run(
        ["pdftoppm", "-png", "-r", str(RESOLUTION_DPI), str(pdf), str(staging / "slide")],
        stop,
        work,
    )
    pdf.unlink()
    # -- pdftoppm pads the page number to the page count's width: order by number --
    pages = sorted(staging.glob("slide-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    out.mkdir(parents=True)
    drawn = []
    for number, page in enumerate(pages, start=1):
        target = out / f"slide-{number}.png"
        page.replace(target)
        drawn.append(target)
    return drawn


def _run(command: list[str], stop: threading.Event, scratch: Path) -> None:
    # -- what it says goes to a file: a pipe nobody reads while waiting could fill and stall --
    with (
        tempfile.TemporaryFile() as said_file,
        subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=said_file,
            # -- its own group, so that stopping it stops what it started; its temporary
            #    files in the preview's folder, which is removed at the end --
            start_new_session=True,
            env={**os.environ, "TMPDIR": str(scratch)},
        ) as process,
    ):
        waited = 0.0
        while process.poll() is None:
            if stop.is_set() or waited > TIMEOUT_SECONDS:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                why = "the preview stopped" if stop.is_set() else f"over {TIMEOUT_SECONDS} s"
                raise SlidesUnavailable(f"{command[0]} was stopped: {why}")
            time.sleep(0.05)
            waited += 0.05
        said_file.seek(0)
        said = said_file.read().decode("utf-8", "replace")
    if process.returncode != 0:
        last = said.strip().splitlines()[-1:] or ["no message"]
        raise SlidesUnavailable(f"{command[0]} failed: {last[0]}")
