"""Typeset the briefing's HTML into a PDF with WeasyPrint.

``str (HTML) -> bytes (PDF)``. WeasyPrint is imported here only, so commands
that build no PDF never pay for it. Its URL fetcher refuses every URL but a
regular file inside the allowed folders (the templates, the bundled fonts):
content can make it read nothing else and reach no network.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Sequence
from pathlib import Path

from briefing.epoch import pinned_build_clock
from briefing.errors import BriefingError, Problem
from briefing.fetch import confined_fetcher
from briefing.fonts import document_font_faces
from briefing.model import Briefing


def write_pdf(html: str, *, briefing: Briefing, allowed: Sequence[Path]) -> bytes:
    """Typeset ``html`` into PDF bytes; identical bytes for identical input."""
    import weasyprint

    fetcher = confined_fetcher(allowed)
    fonts = weasyprint.text.fonts.FontConfiguration()
    faces = weasyprint.CSS(string=document_font_faces(), font_config=fonts, url_fetcher=fetcher)
    document = weasyprint.HTML(string=html, base_url=str(allowed[0]) + os.sep, url_fetcher=fetcher)
    day = briefing.date.isoformat()
    # -- a PDF identifier from the input, not from the clock, so builds repeat byte for byte --
    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    with _quiet_weasyprint(), pinned_build_clock(briefing.date):
        rendered = document.render(stylesheets=[faces], font_config=fonts)
        rendered.metadata.created = day
        rendered.metadata.modified = day
        rendered.metadata.authors = [briefing.author]
        rendered.metadata.title = briefing.title
        rendered.metadata.description = briefing.subtitle or briefing.title
        rendered.metadata.keywords = [s.title for s in briefing.sections]
        rendered.metadata.lang = briefing.language
        rendered.metadata.generator = "briefing"
        data = rendered.write_pdf(
            pdf_identifier=identifier, pdf_variant="pdf/ua-1", uncompressed_pdf=False
        )
    assert isinstance(data, bytes)
    return data


class _quiet_weasyprint:  # -- lower-case: used as a context manager --
    """Collect WeasyPrint's warnings (refused fetches, CSS it ignores) instead of printing."""

    def __enter__(self) -> None:
        self.logger = logging.getLogger("weasyprint")
        self.previous = self.logger.level
        self.logger.setLevel(logging.ERROR)

    def __exit__(self, *exc: object) -> None:
        self.logger.setLevel(self.previous)


def check_fonts() -> None:
    """Fail with a clear message when the document fonts are not installed."""
    try:
        document_font_faces()
    except FileNotFoundError as err:
        raise BriefingError(
            Problem("fonts", 0, 0, "", str(err), "run `make setup` to install the font packages")
        ) from None
