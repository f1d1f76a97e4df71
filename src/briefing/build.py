"""Build a briefing: the chain of stages, and nothing else.

``Path -> Source -> Briefing -> HTML -> PDF bytes / slides -> PPTX bytes -> files``.
Everything is rendered in memory first; files are written only when every
requested output is ready, each one atomically, so a failed build leaves the
previous outputs as they were.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from briefing import render, source, validate
from briefing.model import Briefing
from briefing.output import write_atomic
from briefing.project import Project
from briefing.theme import load_theme

FORMATS = ("html", "pdf", "pptx")


@dataclass(frozen=True)
class Built:
    name: str
    files: dict[str, Path]


def check(path: Path) -> Briefing:
    """Load and validate one source: no rendering."""
    return validate.validate(source.load(path))


def build(
    path: Path,
    *,
    project: Project,
    out_dir: Path,
    formats: Collection[str] = FORMATS,
    deck_template: Path | None = None,
) -> Built:
    """Build the requested outputs of one source into ``out_dir``."""
    briefing = check(path)
    theme = load_theme(project.theme_file)
    templates = render.Templates(project.template_dirs)
    name = path.stem
    outputs: dict[str, bytes] = {}
    if "html" in formats or "pdf" in formats:
        html = render.render_document(briefing, theme=theme, templates=templates, name=name)
        if "html" in formats:
            outputs["html"] = html.encode("utf-8")
        if "pdf" in formats:
            from briefing.pdf import check_fonts, write_pdf

            check_fonts()  # a missing font package is a clear error, not a traceback
            outputs["pdf"] = write_pdf(html, briefing=briefing, allowed=project.allowed_reads())
    if "pptx" in formats:
        from briefing.deck import write_deck
        from briefing.slides import parse_slides

        if deck_template is None and theme.deck.template:
            # -- a theme's template is named relative to the theme file's own folder --
            deck_template = project.theme_file.parent / theme.deck.template
        description = render.render_deck(briefing, theme=theme, templates=templates, name=name)
        slides = parse_slides(description, template=render.DECK_TEMPLATE)
        outputs["pptx"] = write_deck(
            slides,
            briefing=briefing,
            theme=theme,
            template=render.DECK_TEMPLATE,
            deck_template=deck_template,
            epoch=_source_date_epoch(),
        )
    files = {}
    for fmt, data in outputs.items():
        target = out_dir / f"{name}.{fmt}"
        write_atomic(target, data)
        files[fmt] = target
    return Built(name, files)


def _source_date_epoch() -> int | None:
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(value) if value.isdigit() else None
