"""The fitter on its own, with a measurer of fixed-width characters: sizes shrink to the
theme's minimum, then bullets and tables continue, a bullet taller than a slide is cut
between words, and what cannot fit is an error naming the content field.

Every character is half an em wide and a line 1.2 em tall, so each expectation below is
arithmetic a reader can redo; the real fonts are tested in test_deck_fit.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import pytest

from briefing.deck.fit import Fitted, Sizes, paginate_bullets, paginate_rows
from briefing.deck.fitting import fit_slides
from briefing.deck.geometry import Box, Frames
from briefing.deck.measure import Measurer, Word
from briefing.deck.slides import ArgumentSlide, Bullets, Rich, Run, Table, text_of
from briefing.errors import BriefingError, Fault, SourceField, TemplatePart

EM = 0.5  # -- every character's width, in em --
LINE = 1.2  # -- a line's height, in em --


class FixedWidth(Measurer):
    """A measurer whose characters are all ``EM`` wide: no font file is read."""

    def __init__(self) -> None:  # -- no fonts: the parent's widths are all overridden
        self.line_factor = LINE

    def covers(self, text: str) -> bool:
        return True

    def width(self, text: str, bold: bool = False) -> float:
        return EM * len(text)

    def lines(self, words: Sequence[Word], width_pt: float, size_pt: float) -> int:
        limit, count, used = width_pt / size_pt, 1, 0.0
        for word in words:
            for piece in self.break_word(word.text, word.bold, limit):
                w = self.width(piece)
                if used and used + EM + w > limit:
                    count, used = count + 1, w
                else:
                    used += (EM if used else 0.0) + w
        return count

    def line_height(self, size_pt: float, text: str = "") -> float:
        return LINE * size_pt


# -- a body box 400 pt wide and 130 pt tall: at 10 pt a line holds 76 characters
#    ((400 - 14.4) / 10 / 0.5 = 77.1, less the bullet's indent) and 9 lines fit
#    ((130 - 7.2) * 0.95 / 12 = 9.7) --
FRAMES = Frames(
    title=Box(400, 60),
    body=Box(400, 130),
    kicker=Box(400, 20),
    cover_title=Box(400, 100),
    cover_subtitle=Box(400, 60),
    footer=Box(200, 20),
)
SIZES = Sizes(
    title=20,
    min_title=16,
    cover_title=30,
    subtitle=14,
    body=12,
    min_body=10,
    table=10,
    min_table=8,
    small=8,
)


def rich(text: str) -> Rich:
    return (Run(text),)


def section(
    points: Sequence[str] = (), *, table: Table | None = None, title: str = "T"
) -> ArgumentSlide:
    body = Bullets(tuple(rich(p) for p in points), numbered=False) if points else None
    return ArgumentSlide(
        layout="section",
        number=1,
        title=rich(title),
        kicker="K",
        body=body,
        table=table,
        section="s",
    )


def fit(slide: ArgumentSlide, frames: Frames = FRAMES) -> list[Fitted]:
    return fit_slides(
        [slide],
        frames=frames,
        measurer=FixedWidth(),
        sizes=SIZES,
        template="deck.html.j2",
        continued="continued",
        sections=["other", "s"],
    )


def test_bullets_that_fit_keep_the_preferred_size() -> None:
    [only] = fit(section(["short point", "another point"]))
    assert only.body_pt == SIZES.body
    assert only.title_pt == SIZES.title
    assert not only.slide.continued


def test_bullets_shrink_before_they_continue() -> None:
    # -- seven one-line bullets: 7 lines with gaps do not fit at 12 pt, do at 11 pt --
    [only] = fit(section(["x" * 60] * 7))
    assert SIZES.min_body <= only.body_pt < SIZES.body


def test_past_the_smallest_size_bullets_continue_whole_on_the_next_slide() -> None:
    points = [f"point {i} " + "w" * 60 for i in range(12)]
    parts = fit(section(points))
    assert len(parts) >= 2
    assert all(p.body_pt == SIZES.min_body for p in parts)
    assert [p.slide.continued for p in parts] == [False] + [True] * (len(parts) - 1)
    shown = [text_of(item) for p in parts for item in p.slide.body.items]  # type: ignore[union-attr]
    assert shown == points  # -- each bullet whole, in order --
    firsts = [p.slide.body.start for p in parts]  # type: ignore[union-attr]
    assert firsts[0] == 1 and firsts == sorted(firsts)


def test_a_bullet_taller_than_a_slide_is_cut_between_words_and_carried_over() -> None:
    words = [f"w{i:03d}" for i in range(400)]  # -- 400 words: far more than 9 lines
    parts = fit(section([" ".join(words)]))
    assert len(parts) >= 2
    bodies = [p.slide.body for p in parts]
    assert [b.continued_first for b in bodies] == [False] + [True] * (len(parts) - 1)  # type: ignore[union-attr]
    pieces = [text_of(b.items[0]).split() for b in bodies]  # type: ignore[union-attr]
    assert [w for piece in pieces for w in piece] == words  # -- no word cut, none lost --


def test_a_title_that_fits_no_allowed_size_is_an_error_naming_the_field() -> None:
    with pytest.raises(BriefingError) as err:
        fit(section(["p"], title="word " * 200))
    (problem,) = err.value.problems
    # -- the section's headline, by its index in the content: the author's to shorten --
    assert problem.origin == SourceField(("sections", 1, "headline"))
    assert problem.fault == Fault.AUTHOR and problem.path == "sections[1].headline"
    assert f"{SIZES.min_title:g} pt" in str(err.value)


def test_a_body_box_too_small_for_one_line_is_the_template_s_to_mend() -> None:
    shallow = replace(FRAMES, body=Box(400, 8))
    with pytest.raises(BriefingError) as err:
        fit(section(["a point"]), shallow)
    (problem,) = err.value.problems
    assert problem.origin == TemplatePart("deck.html.j2", "sections[id=s].points")
    assert problem.fault == Fault.TEMPLATE and "placeholder" in problem.hint


def test_a_table_too_tall_continues_with_its_rows_in_order() -> None:
    rows = tuple((rich(f"r{i}"), rich("cell")) for i in range(30))
    parts = fit(section(table=Table((rich("A"), rich("B")), rows)))
    assert len(parts) >= 2
    assert all(p.table_pt == SIZES.min_table for p in parts)
    shown = [r for p in parts for r in p.slide.table.rows]  # type: ignore[union-attr]
    assert tuple(shown) == rows
    assert all(p.slide.table.header == (rich("A"), rich("B")) for p in parts)  # type: ignore[union-attr]


# -- pagination alone: heights in, page records out --


def test_rows_fill_each_page_under_a_repeated_header() -> None:
    assert paginate_rows([10, 10, 10, 10], header=5, room=26) == [[0, 1], [2, 3]]
    assert paginate_rows([30], header=5, room=26) == [[0]]  # -- never an empty page
    assert paginate_rows([], header=5, room=26) == [[]]


def test_bullet_pages_number_whole_bullets_and_mark_carried_tails() -> None:
    def height(item: Rich) -> float:
        return float(len(text_of(item)))

    def cut(item: Rich, free: float) -> tuple[Rich, Rich]:
        text = text_of(item)
        head, rest = text[: max(0, int(free))], text[max(0, int(free)) :]
        return (rich(head) if head else ()), rich(rest)

    items = [rich("a" * 4), rich("b" * 4), rich("c" * 25), rich("d" * 3)]
    pages = paginate_bullets(
        items, start=1, continued_first=False, room=10, gap=1, height=height, cut=cut
    )
    texts = [[text_of(i) for i in p.items] for p in pages]
    # -- a and b fit (4 + 1 + 4); c, taller than a page, is cut into what is left of
    #    each page and carried over; d follows on the last page --
    assert texts == [["aaaa", "bbbb"], ["c" * 10], ["c" * 10], ["ccccc", "ddd"]]
    assert [p.carried for p in pages] == [False, False, True, True]
    assert [p.first for p in pages] == [1, 3, 4, 4]
