"""On a phone (375 px wide) the web page's next steps fit the screen: a long owner or due
date wraps instead of pushing the Due column off the side. Laid out by Chromium, the
browser a reader would use, and read back as the page's scroll width."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from _support_a11y import CHROMIUM_ARGS
from briefing.build import build
from briefing.project import find_project
from conftest import FIXTURES, ROOT

BOARD = FIXTURES / "briefing_board_ready.yaml"
PHONE_PX = 375
# -- the page in a frame a phone's width; the host records how wide the page scrolls --
HOST = """<!DOCTYPE html><html><body>
<iframe id="f" src="page.html" style="width:{w}px;height:800px;border:0"></iframe>
<script>document.getElementById("f").onload = function () {{
  var d = this.contentDocument.documentElement;
  document.body.setAttribute("data-widths", d.scrollWidth + " " + d.clientWidth);
}};</script></body></html>"""


def _chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    assert found, "Chromium is missing: sudo apt-get install chromium (scripts/system-deps.sh)"
    return found


def test_next_steps_with_long_owners_fit_a_phone_screen(tmp_path: Path) -> None:
    text = BOARD.read_text(encoding="utf-8")
    for old, new in {
        "owner: Port Planning Office": "owner: Chief Technology Officer",
        "due: April 2025": "due: Before any purchase decision",
    }.items():
        assert old in text
        text = text.replace(old, new)
    source = tmp_path / "steps.yaml"
    source.write_text(text, encoding="utf-8")
    html = build(source, project=find_project(ROOT), out_dir=tmp_path / "out", formats=("html",))
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(html.files["html"], site / "page.html")
    (site / "host.html").write_text(HOST.format(w=PHONE_PX), encoding="utf-8")
    dom = subprocess.run(
        [
            _chromium(),
            "--headless",
            *CHROMIUM_ARGS,
            "--disable-gpu",
            "--allow-file-access-from-files",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--virtual-time-budget=5000",
            "--dump-dom",
            (site / "host.html").as_uri(),
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    ).stdout
    found = re.search(r'data-widths="(\d+) (\d+)"', dom)
    assert found, "the page did not load in its frame"
    scroll, visible = int(found.group(1)), int(found.group(2))
    assert scroll <= visible, f"the page scrolls sideways: {scroll} px on a {visible} px screen"
