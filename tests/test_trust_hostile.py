"""Hostile content builds cleanly and leaks nothing: no file read, no connection opened,
no markup or template syntax executed; unusual characters are treated alike in every output."""

from __future__ import annotations

import re
import socket
import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest
from pptx import Presentation
from pypdf import PdfReader

from support import FIXTURES, ROOT, run_cli

HOSTILE = FIXTURES / "hostile"
PASSWD_MARK = "root:"  # the first line of /etc/passwd on every Linux system


class Listener:
    """A local TCP listener that counts the connections it is offered."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            self.connections += 1
            with conn:
                conn.sendall(b"HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n")

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = Listener()
    yield server
    server.close()


@pytest.fixture(autouse=True)
def _in_project(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def _build(path: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Path]:
    run = run_cli(["build", str(path), "-o", str(out), "-q"], capsys)
    assert run.status == 0, run.err
    return {fmt: out / f"{path.stem}.{fmt}" for fmt in ("html", "pdf", "pptx")}


def _deck_text(path: Path) -> str:
    deck = Presentation(str(path))
    parts = []
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if shape.has_table:
                parts += [cell.text for row in shape.table.rows for cell in row.cells]
        if slide.has_notes_slide:
            parts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(parts)


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_hostile_markup_reads_no_file_and_opens_no_connection(
    listener: Listener, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (HOSTILE / "raw_html_and_urls.yaml").read_text()
    source = tmp_path / "hostile.yaml"
    source.write_text(text.replace("LISTENER", f"127.0.0.1:{listener.port}"))
    files = _build(source, tmp_path / "out", capsys)

    assert listener.connections == 0
    html = files["html"].read_text()
    # -- raw HTML in content is text, shown as typed (escaped): no element, attribute or
    #    address of it is live (docs/content-format.md, "Angle brackets are text") --
    root = lxml.html.fromstring(html)
    body = root.find("body")
    for tag in ("script", "iframe", "object", "svg", "img", "link", "embed", "style", "meta"):
        assert body.find(f".//{tag}") is None, tag
    assert "&lt;script&gt;document.write(" in html  # -- the author's characters, inert --
    for element in root.iter():
        for name, value in element.attrib.items():
            assert not name.startswith("on"), (element.tag, name)
            assert not value.startswith(("javascript:", "file:")), (element.tag, name)
            assert not re.match(r"(https?|file):", value) or name == "href", (element.tag, name)
        assert element.get("rel") != "attachment"
    assert not re.search(r"url\(\s*['\"]?(https?|file):", "".join(root.head.itertext()))
    assert "http-equiv" not in "".join(root.head.itertext())

    reader = PdfReader(files["pdf"])
    assert reader.attachments == {}
    assert PASSWD_MARK not in _pdf_text(files["pdf"])
    assert PASSWD_MARK not in _deck_text(files["pptx"])
    # -- (the listener's port changes how the typed addresses wrap: words, not lines) --
    assert "Styled paragraph." in " ".join(_pdf_text(files["pdf"]).split())
    # -- a link to a local file is its text, not a link --
    assert "Plain summary with an image passwd and a tracker" in html
    assert "Body text with x and" in html
    assert not any(a.get("href", "").startswith("file:") for a in root.iter("a"))

    # -- and the listener does count: a real request is seen --
    urllib.request.urlopen(f"http://127.0.0.1:{listener.port}/", timeout=5).close()
    assert listener.connections == 1


def test_template_syntax_in_content_is_shown_as_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = _build(HOSTILE / "template_syntax.yaml", tmp_path, capsys)
    html = files["html"].read_text()
    deck = _deck_text(files["pptx"])
    pdf = " ".join(_pdf_text(files["pdf"]).split())  # the cover title may wrap anywhere
    for text in (html, deck, pdf):
        assert "Sums {{ 7*7 }} and loops" in text and "Lab {{ 6*7 }}" in text
        assert "Sums 49" not in text and "Lab 42" not in text
    assert "{% for x in range(3) %}LOOP{% endfor %}" in html
    assert html.count("LOOP") == 1
    assert "{{ config }}" in deck


def test_unicode_is_normalised_alike_in_pdf_and_deck(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = _build(HOSTILE / "unicode_text.yaml", tmp_path, capsys)
    deck = _deck_text(files["pptx"])
    pdf = _pdf_text(files["pdf"])
    html = files["html"].read_text()
    for text in (deck, pdf, html):
        assert "Zerowidth briefing" in text  # U+200B removed
        assert "Hiddenmark" in text  # U+FEFF removed
        assert "\u200b" not in text and "\ufeff" not in text and "\u2060" not in text
    for text in (deck, html):
        assert "שלום עולם" in text
        assert "\u00e9 composed" in text  # e + combining acute, composed (NFC)
        assert "👩\u200d💻" in text  # the zero-width joiner stays
    assert "_x00" not in deck


def test_escaped_control_character_never_reaches_a_slide(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "vt.yaml"
    base = (FIXTURES / "valid_minimal.yaml").read_text()
    source.write_text(base.replace("  - A point.", '  - "A\\x0bpoint."'))
    run = run_cli(["build", str(source), "-o", str(tmp_path / "out")], capsys)
    assert run.status == 1
    assert f"{source}:" in run.err and "sections[0].points[0]: contains U+000B" in run.err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_character_references_never_put_a_control_character_in_the_output() -> None:
    from briefing.document.markup import Renderer

    # -- validation refuses these with a position; rendering drops them as a last guard --
    html = str(Renderer({}).inline("a&#11;b&#x202E;c&#xFFFE;d&#x200B;e &amp;#11;"))
    assert html == "abcde &amp;#11;"


def test_the_pdf_fetcher_holds_even_when_html_gets_past_the_sanitiser(
    listener: Listener, tmp_path: Path
) -> None:
    from briefing.content import source as source_module
    from briefing.content import validate
    from briefing.pdf.typeset import typeset
    from briefing.project import find_project

    # -- the second line of defence: raw HTML straight to WeasyPrint, as a bad template might --
    outside = tmp_path / "outside.txt"
    outside.write_text("OUTSIDE-SECRET")
    link = tmp_path / "templates-link.css"
    project = find_project(ROOT)
    url = f"http://127.0.0.1:{listener.port}"
    link.symlink_to(outside)
    html = f"""<!DOCTYPE html><html><head>
      <link rel="attachment" href="file:///etc/passwd">
      <link rel="attachment" href="{outside.as_uri()}">
      <link rel="stylesheet" href="{url}/sheet.css">
      <link rel="stylesheet" href="{link.as_uri()}">
      <style>@import url("{url}/import.css"); body {{ background: url({url}/bg.png) }}</style>
      </head><body><p>Visible text.</p>
      <img src="{url}/pixel.png"><img src="file:///etc/passwd"><img src="{outside.as_uri()}">
      <a rel="attachment" href="{url}/attach.bin">a</a>
      <a rel="attachment" href="file:///etc/passwd">b</a>
      <iframe src="{url}/frame"></iframe><object data="{url}/object"></object>
      </body></html>"""
    briefing = validate.validate(
        source_module.load(ROOT / "tests" / "fixtures" / "valid_minimal.yaml")
    )
    pdf = tmp_path / "raw.pdf"
    pdf.write_bytes(typeset(html, briefing=briefing, allowed=project.allowed_reads()).data)

    assert listener.connections == 0
    reader = PdfReader(pdf)
    assert reader.attachments == {}
    text = _pdf_text(pdf)
    assert "Visible text." in text
    assert PASSWD_MARK not in text and "OUTSIDE-SECRET" not in text
    assert b"OUTSIDE-SECRET" not in pdf.read_bytes()
