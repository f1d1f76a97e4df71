"""``briefing preview`` as an analyst uses it: a real process, Debian's Chromium, saves.

One session walks the whole loop: the page shows the web page, a save shows the new
words without losing the scroll position, a broken save shows the problem over the last
good outputs and a fix clears it, the slides arrive as pictures, and Ctrl-C leaves no
temporary folder behind.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from _support_a11y import CHROMIUM, CHROMIUM_ARGS
from support import INSTALL_SYSTEM, MINIMAL

pytestmark = pytest.mark.slow

IN_WEB_PAGE = (
    "(token) => { const f = document.querySelector('#web iframe.current');"
    " const body = f && f.contentDocument && f.contentDocument.body;"
    " return !!body && body.innerText.includes(token); }"
)


def test_a_save_refreshes_the_page_and_a_mistake_shows_over_it(tmp_path: Path) -> None:
    if not CHROMIUM.is_file():
        pytest.fail(f"Chromium is missing: {INSTALL_SYSTEM}")
    from playwright.sync_api import sync_playwright

    project = tmp_path / "project"
    (project / "content").mkdir(parents=True)
    source = project / "content" / "note.yaml"
    text = MINIMAL.read_text(encoding="utf-8")
    # -- a long body, so that the page has somewhere to scroll to --
    text = text.replace(
        "      Le corps du texte de la seule section.\n",
        "".join(f"      Paragraphe {n} du corps du texte.\n\n" for n in range(60)),
    )
    source.write_text(text, encoding="utf-8")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "briefing", "preview", "--port", "0"],
        cwd=project,
        env={**os.environ, "TMPDIR": str(temporary)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        started = process.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:\d+/", started)
        assert found, started
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.goto(found.group(0))
            page.wait_for_function(IN_WEB_PAGE, arg="Paragraphe 59", timeout=60_000, polling=100)
            web = "document.querySelector('#web iframe.current').contentWindow"
            page.evaluate(f"{web}.scrollTo(0, 900)")

            source.write_text(text.replace("Seule section", "Section remaniée"), encoding="utf-8")
            page.wait_for_function(IN_WEB_PAGE, arg="Section remaniée", timeout=60_000, polling=100)
            assert page.evaluate(f"{web}.scrollY") == 900

            source.write_text(text.replace("title: Minimal note", "title: [Minimal"), "utf-8")
            page.wait_for_selector("#overlay:not([hidden])", timeout=60_000)
            problem = page.inner_text("#overlay-text")
            assert re.search(r"note\.yaml:\d+:\d+: ", problem), problem
            # -- the last good page is still there, under the problem --
            assert page.evaluate(IN_WEB_PAGE, "Section remaniée")

            source.write_text(text, encoding="utf-8")
            page.wait_for_selector("#overlay", state="hidden", timeout=60_000)
            page.wait_for_function(IN_WEB_PAGE, arg="Seule section", timeout=60_000, polling=100)

            page.click("#tab-slides")
            page.wait_for_function("document.body.dataset.slides", timeout=180_000, polling=200)
            # -- the first slide's picture is drawn on screen: loaded, and a real picture
            #    (a missing one loads as a broken image, 0 wide, and this times out) --
            page.wait_for_function(
                "(() => { const i = document.querySelector('#slide-list img');"
                " return i !== null && i.complete && i.naturalWidth > 100; })()",
                timeout=30_000,
                polling=100,
            )
            browser.close()
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            raise
    assert process.returncode in (0, 130), process.returncode
    assert list(temporary.iterdir()) == []
