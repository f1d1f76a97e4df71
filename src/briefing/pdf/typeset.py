"""Typeset the briefing's HTML into a PDF with WeasyPrint.

``str (HTML) -> bytes (PDF)``. WeasyPrint is imported here only, so commands
that build no PDF never pay for it. Its URL fetcher refuses every URL but a
regular file inside the allowed folders (the templates, the bundled fonts):
content can make it read nothing else and reach no network.
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import logging
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.content.model import Briefing
from briefing.epoch import pinned_build_clock
from briefing.look.fonts import document_font_faces
from briefing.pdf import engine
from briefing.pdf.fetch import confined_fetcher


@dataclass(frozen=True)
class Typeset:
    data: bytes
    pages: int


def typeset(html: str, *, briefing: Briefing, allowed: Sequence[Path]) -> Typeset:
    """Typeset ``html``: the PDF's bytes and its number of pages."""
    engine.load()  # -- WeasyPrint imported the quick way (engine.py), then named here --
    import weasyprint

    fetcher = confined_fetcher(allowed)
    fonts, faces = _font_setup(tuple(allowed))
    base_url = str(allowed[0]) + os.sep
    document = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    sheets, counters = _parsed_once(document, base_url, tuple(allowed))
    day = briefing.date.isoformat()
    # -- a PDF identifier from the input, not from the clock, so builds repeat byte for byte --
    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    with _quiet_weasyprint(), pinned_build_clock(briefing.date):
        rendered = document.render(
            stylesheets=[*sheets, faces], font_config=fonts, counter_style=counters
        )
        rendered.metadata.created = day
        rendered.metadata.modified = day
        rendered.metadata.authors = [briefing.author]
        rendered.metadata.title = briefing.title
        rendered.metadata.description = briefing.subtitle or briefing.title
        rendered.metadata.keywords = [s.title for s in briefing.sections]
        rendered.metadata.lang = briefing.language
        rendered.metadata.generator = "briefing"
        # -- the edition's version in the document information, beside title and author --
        rendered.metadata.custom = {"Version": briefing.version} if briefing.version else {}
        data = rendered.write_pdf(
            pdf_identifier=identifier,
            pdf_variant="pdf/ua-1",
            uncompressed_pdf=False,
            custom_metadata=bool(briefing.version),
        )
    assert isinstance(data, bytes)
    from briefing.pdf import tagging

    data = tagging.complete(data, names=tagging.link_names(html))
    _warmed.set()
    return Typeset(data, len(rendered.pages))


@functools.cache
def _font_setup(allowed: tuple[Path, ...]) -> tuple[Any, Any]:
    """The font configuration and @font-face rules, loaded once per process: a warm
    process (watch mode, the build worker) then pays for them only once."""
    engine.load()  # -- WeasyPrint imported the quick way (engine.py), then named here --
    import weasyprint

    fonts = weasyprint.text.fonts.FontConfiguration()
    faces = weasyprint.CSS(
        string=document_font_faces(), font_config=fonts, url_fetcher=confined_fetcher(allowed)
    )
    return fonts, faces


def _parsed_once(document: Any, base_url: str, allowed: tuple[Path, ...]) -> tuple[list[Any], Any]:
    """The document's stylesheets, taken out of it and parsed once per process for the
    same text. WeasyPrint parses a <style> again for every document (about a third of
    the work of a short one), and watch, preview and the tests typeset the same styles
    over and over. The parsed sheets are given to WeasyPrint as the user's, in their
    order; with no author sheet left, the cascade is the same. They are taken only when
    that holds and nothing in them reads a file: every stylesheet a plain <style> (no
    ``media``, no <link>, no ``@import`` or ``@font-face``), no ``style`` attribute that
    says ``!important``. The web page keeps its <style> as written."""
    found: list[tuple[Any, Any]] = []  # -- (parent, element) --
    for parent in document.etree_element.iter():
        for element in parent:
            if element.tag in ("style", "link"):
                found.append((parent, element))
            elif "important" in (element.get("style") or ""):
                return [], None
    plain = all(
        e.tag == "style" and not e.get("media") and e.get("type", "text/css") == "text/css"
        for _, e in found
    )
    if not found or not plain:
        return [], None
    texts = tuple(_child_text(e) for _, e in found)
    if any(at in t.lower() for t in texts for at in ("@import", "@font-face")):
        return [], None  # -- they read files as they are parsed, which may change meanwhile --
    parsed = _stylesheets(texts, base_url, allowed)
    if parsed is None:
        return [], None
    for parent, element in found:
        parent.remove(element)
    return parsed


@functools.lru_cache(maxsize=4)
def _stylesheets(
    texts: tuple[str, ...], base_url: str, allowed: tuple[Path, ...]
) -> tuple[list[Any], Any] | None:
    """``texts`` parsed as WeasyPrint parses a document's <style>, with the counter
    styles they define (which the document must be given with them); None when they
    define one of WeasyPrint's own counter styles, which it would set over theirs."""
    import weasyprint
    from weasyprint.css.counters import CounterStyle
    from weasyprint.html import UA_COUNTER_STYLE

    fonts, _faces = _font_setup(allowed)
    counters = CounterStyle()
    fetcher = confined_fetcher(allowed)
    sheets = [
        weasyprint.CSS(
            string=text,
            base_url=base_url,
            url_fetcher=fetcher,
            font_config=fonts,
            counter_style=counters,
        )
        for text in texts
    ]
    if set(counters) & set(UA_COUNTER_STYLE):
        return None
    return sheets, counters


def _child_text(element: Any) -> str:
    """The text right inside ``element``, as WeasyPrint reads a <style>."""
    return "".join([element.text or ""] + [child.tail or "" for child in element])


# -- let the cached fonts go while the interpreter is whole: WeasyPrint's finaliser needs it --
atexit.register(_font_setup.cache_clear)
atexit.register(_stylesheets.cache_clear)


# -- set once this process has typeset or warmed up: a fork inherits it --
_warmed = threading.Event()


def warm_up(allowed: Sequence[Path]) -> None:
    """Import WeasyPrint and load the fonts ahead of the first document, then typeset a
    line and tag it: the first document's layout, drawing and tagging then start warm
    (cffi's C types parsed, pikepdf imported), while the build still reads the source.
    Nothing of it is kept but the caches; the PDF made here is thrown away. A process that
    has typeset already (a worker forked from one) has nothing cold: only its fonts load."""
    fonts, faces = _font_setup(tuple(allowed))
    if _warmed.is_set():
        return
    import weasyprint

    from briefing.pdf import tagging

    line = '<html lang="en"><body><p>Warm <a href="#x">up</a></p><p id="x">.</p></body></html>'
    with _quiet_weasyprint():
        page = weasyprint.HTML(string=line, url_fetcher=confined_fetcher(allowed))
        data = page.render(stylesheets=[faces], font_config=fonts).write_pdf(pdf_variant="pdf/ua-1")
    assert isinstance(data, bytes)
    tagging.complete(data, names=tagging.link_names(line))
    _warmed.set()


class _quiet_weasyprint:  # -- lower-case: used as a context manager --
    """Raise WeasyPrint's log level to errors while typesetting: its warnings (a refused
    fetch, CSS it ignores) would print over the command's own report."""

    def __enter__(self) -> None:
        self.logger = logging.getLogger("weasyprint")
        self.previous = self.logger.level
        self.logger.setLevel(logging.ERROR)

    def __exit__(self, *exc: object) -> None:
        self.logger.setLevel(self.previous)
