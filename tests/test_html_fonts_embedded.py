"""The web page carries the PDF's fonts (subset WOFF2 in the page itself), and a second
build takes the subsets from the cache instead of cutting them again."""

from __future__ import annotations

import base64
import hashlib
import io
import re
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from lxml import html as lxml_html

from briefing.build import build
from briefing.document import webfonts
from briefing.project import find_project
from conftest import ROOT, Built

FACE = re.compile(
    r'@font-face \{ font-family: "([^"]+)"; src: url\("data:font/woff2;base64,([^"]+)"\) '
    r'format\("woff2"\); font-weight: (\d+); font-style: (\w+);'
)


def _faces(page: str) -> list[tuple[str, bytes, int, str]]:
    return [(f, base64.b64decode(d), int(w), s) for f, d, w, s in FACE.findall(page)]


def test_the_page_embeds_the_pdfs_faces_as_woff2(muse: Built) -> None:
    page = muse.html.read_text(encoding="utf-8")
    faces = _faces(page)
    families = {f for f, *_ in faces}
    assert families == {"Source Serif Pro", "Source Sans Pro"}
    assert {(w, s) for _, _, w, s in faces} >= {(400, "normal"), (700, "normal"), (400, "italic")}
    text = lxml_html.fromstring(page.encode("utf-8")).text_content()
    for _, data, _, _ in faces:
        assert data[:4] == b"wOF2"
        font = TTFont(io.BytesIO(data))
        cmap = font.getBestCmap()
        # -- every character the reader sees is in every face: no fallback font anywhere --
        missing = {ch for ch in text if not ch.isspace() and ord(ch) not in cmap}
        assert not missing
        # -- a subset, not the whole face (the TTFs have well over 1,000 glyphs) --
        assert len(font.getGlyphOrder()) < 600


def test_a_second_build_takes_the_subsets_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    # -- the cutting itself is the test above's; here a stand-in, a second per face saved --
    cut: list[str] = []

    def subsetting(path: Path, chars: frozenset[int]) -> bytes:
        cut.append(path.name)
        return b"wOF2" + hashlib.sha256(f"{path.name}{sorted(chars)}".encode()).digest()

    webfonts.subset.cache_clear()
    monkeypatch.setattr(webfonts, "_subset", subsetting)
    source = ROOT / "tests" / "fixtures" / "briefing_minimal.yaml"
    project = find_project(ROOT)
    first = build(source, project=project, out_dir=tmp_path / "a", formats=("html",))
    cached = sorted((tmp_path / "cache" / "webfonts").glob("*.woff2"))
    assert len(cached) == len(cut) == len(webfonts.FACES)

    def no_subsetting(*args: object) -> bytes:
        raise AssertionError("subset again instead of taking it from the cache")

    webfonts.subset.cache_clear()  # -- a new process: only the disk remembers --
    monkeypatch.setattr(webfonts, "_subset", no_subsetting)
    second = build(source, project=project, out_dir=tmp_path / "b", formats=("html",))
    assert second.files["html"].read_bytes() == first.files["html"].read_bytes()
