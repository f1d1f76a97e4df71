"""Fit a deck's slides to their boxes: ``list[Slide] -> list[Fitted]``.

Each slide goes to the fit of its kind: a cover's title and subtitle
(:meth:`briefing.deck.fit.Fitter.cover`), an executive archetype
(:mod:`briefing.deck.archetypes`), or bullets and a table (:mod:`briefing.deck.fit`).
The deck's lists are then fitted again at one body size, the deck's voice. What does
not fit is reported together, at the content field it shows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from briefing.deck import archetypes
from briefing.deck.fit import Fitted, Fitter, Sizes
from briefing.deck.geometry import Frames
from briefing.deck.measure import Measurer
from briefing.deck.slides import (
    ArgumentSlide,
    Cover,
    FigureSlide,
    FiguresSlide,
    Listed,
    ListSlide,
    QuoteSlide,
    Slide,
    body_of,
)
from briefing.errors import BriefingError


def fit_slides(
    slides: Sequence[Slide],
    *,
    frames: Frames,
    measurer: Measurer,
    sizes: Sizes,
    template: str,
    classification: str = "",
    continued: str,
    sections: Sequence[str] = (),
) -> list[Fitted]:
    """Sizes for every slide, and continuation slides where content overflows; a
    continuation's kicker ends with ``(continued)``, the word in the deck's language.
    ``sections`` are the content's section ids in order: what does not fit is reported
    at the content field it shows (``sections[2].headline``).

    One voice: every list of the deck is set at one body size, the largest at which
    each slide's list fits on its own, and never below the theme's ``min_body_pt``, the
    deck's floor; a slide whose list does not fit even there continues on the next
    slide rather than shrinking below the others."""
    order = {section: index for index, section in enumerate(sections)}

    def fitter(at: Sizes) -> Fitter:
        return Fitter(frames, measurer, at, template, order, theme=sizes)

    voice = deck_body_size(_fit_pass(slides, fitter(sizes), classification, continued))
    # -- then every list again at that one size (the preferred one, when there is no list) --
    body = sizes.body if voice is None else voice
    return _fit_pass(
        slides, fitter(replace(sizes, body=body, min_body=body)), classification, continued
    )


def deck_body_size(fitted: Sequence[Fitted]) -> float | None:
    """The one body size of a deck: the smallest its lists were fitted at, each at the
    largest size it fits (a list that continued is at the floor already)."""
    sizes = [
        part.body_pt
        for part in fitted
        if (body := body_of(part.slide)) is not None and body.items and part.body_pt
    ]
    return min(sizes, default=None)


def _fit_pass(
    slides: Sequence[Slide], fitter: Fitter, classification: str, continued: str
) -> list[Fitted]:
    """One fit of every slide at ``fitter``'s sizes."""
    frames, sizes = fitter.frames, fitter.sizes
    fitted: list[Fitted] = []
    if classification:
        fitter.one_line(
            classification.upper(),
            frames.footer,
            sizes.small,
            True,
            (("classification",), "classification"),
            "shorten the classification label",
        )
    for slide in slides:
        if isinstance(slide, Cover):
            fitted.append(fitter.cover(slide))
            continue
        title = fitter.title_size(slide, continued)
        fitter.one_line(
            slide.kicker.upper(),
            frames.kicker,
            sizes.small + 1,
            True,
            fitter.where(slide, "kicker"),
            "shorten the section title",
        )
        match slide:
            case FiguresSlide():
                parts = [archetypes.figures(fitter, slide, title)]
            case QuoteSlide():
                parts = [archetypes.quote(fitter, slide, title)]
            case ArgumentSlide() if archetypes.applies(slide):
                parts = archetypes.section(fitter, slide, title)
            case ListSlide() | ArgumentSlide():
                parts = _bullets_and_table(fitter, slide, title)
            case FigureSlide():
                parts = [archetypes.figure(fitter, slide, title)]
        fitted += [fitter.with_title_height(part, continued) for part in parts]
    if fitter.problems:
        raise BriefingError(fitter.problems)
    return fitted


def _bullets_and_table(fitter: Fitter, slide: Listed, title: float) -> list[Fitted]:
    """A slide's bullets, then its table on a slide of its own, each continued as needed."""
    source = fitter.source_height(slide)
    parts: list[Fitted] = []
    if slide.body is not None and slide.body.items:
        parts += fitter.bullets(replace(slide, table=None), fitter.place(title, source))
    if slide.table is not None:
        # -- bullets and a table on one described slide: the table follows on its own --
        rest = replace(slide, body=None, continued=slide.continued or bool(parts))
        parts += fitter.table(rest, fitter.place(title, source))
    if not parts:
        parts.append(Fitted(slide, title, fitter.sizes.body, source_pt=source))
    return parts
