"""A briefing with only the required fields still makes a complete, well-formed PDF and page."""

from __future__ import annotations

import pytest

from support import Built


@pytest.fixture
def built(minimal: Built) -> Built:
    return minimal


def test_without_sources_there_is_no_sources_part(built: Built) -> None:
    # -- the briefing is in French: so are the words the templates add --
    assert [title for title, _ in built.outline()] == ["Synthèse", "Seule section"]
    assert "sources" not in built.links(2)
    assert 'id="sources"' not in built.html_text


def test_without_classification_the_footer_still_numbers_pages(built: Built) -> None:
    count = len(built.pages)
    for number, text in enumerate(built.pages[1:], start=2):
        assert f"Page {number} sur {count}" in text
        assert "MINIMAL NOTE" in text
    assert "Classification" not in built.pages[0]


def test_language_reaches_the_pdf_and_the_page(built: Built) -> None:
    assert built.reader.trailer["/Root"]["/Lang"] == "fr"
    assert '<html lang="fr">' in built.html_text
