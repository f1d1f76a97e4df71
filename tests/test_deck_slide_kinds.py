"""The slide description is read into one kind of slide per layout, each holding what its
layout shows; a part its layout would not show is refused naming the template and slide.
"""

from __future__ import annotations

import pytest

from briefing.deck.slides import (
    ArgumentSlide,
    Cover,
    FigureSlide,
    FiguresSlide,
    ListSlide,
    QuoteSlide,
    parse_slides,
    text_of,
)
from briefing.errors import BriefingError, Fault, TemplatePart


def read(*sections: str) -> list[object]:
    return list(
        parse_slides("<html><body>" + "".join(sections) + "</body></html>", template="d.j2")
    )


def test_each_layout_reads_into_its_kind_with_its_parts() -> None:
    cover, section, table, figures, quote, figure = read(
        '<section data-layout="title"><h1>T</h1><p class="subtitle">Sub</p></section>',
        '<section data-layout="section" data-section="a"><h2>H</h2><ul><li>one</li></ul>'
        '<div class="view"><p class="view-label">Our view</p><p>We think.</p></div></section>',
        '<section data-layout="table"><h2>Tab</h2><table><tr><th>A</th></tr>'
        "<tr><td>1</td></tr></table></section>",
        '<section data-layout="figures"><h2>F</h2><div class="figures"><div>'
        '<p class="value">5</p><p class="label">things</p></div></div></section>',
        '<section data-layout="quote"><h2>Q</h2><blockquote><p>Words.</p></blockquote>'
        '<p class="by">Someone</p></section>',
        '<section data-layout="figure" data-section="a"><h2>Chart</h2>'
        '<figure data-figure="0"></figure></section>',
    )
    assert isinstance(cover, Cover) and cover.layout == "title" and cover.subtitle == "Sub"
    assert isinstance(section, ArgumentSlide) and section.view is not None
    assert section.body is not None and text_of(section.body.items[0]) == "one"
    assert isinstance(table, ListSlide) and table.table is not None
    assert isinstance(figures, FiguresSlide) and figures.figures[0].value == "5"
    assert isinstance(quote, QuoteSlide) and text_of(quote.by) == "Someone"
    assert isinstance(figure, FigureSlide) and figure.figure.index == 0


@pytest.mark.parametrize(
    ("layout", "part", "element"),
    [
        ("figures", "<table><tr><td>1</td></tr></table>", "<table>"),
        ("title", '<p class="source">Source: x</p>', '<p class="source">'),
        ("quote", "<ul><li>a point</li></ul>", "<ul>"),
        ("agenda", '<p class="caption">A caption</p>', '<p class="caption">'),
    ],
)
def test_a_part_its_layout_does_not_show_is_refused_naming_template_and_slide(
    layout: str, part: str, element: str
) -> None:
    with pytest.raises(BriefingError) as err:
        read(f'<section data-layout="{layout}"><h2>T</h2>{part}</section>')
    (problem,) = err.value.problems
    assert str(problem).startswith(
        f"d.j2: slide 1: {element} has no place on a {layout!r} slide: it would not be shown"
    )
    assert problem.origin == TemplatePart("d.j2", "slide 1") and problem.fault == Fault.TEMPLATE
