"""Save a deck as the same bytes on every build: its document properties and its zip.

``presentation -> bytes (PPTX)``. The core properties (title, author, subject,
keywords, dates, language, category) come from the briefing, their dates from
its edition date; the zip is written again with fixed entry times
(:mod:`briefing.epoch`) and permissions, so the same source gives the same file.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import Any

from briefing.content.model import Briefing
from briefing.deck.oxml import app_properties, slide_size_type
from briefing.epoch import zip_date_time


def save_deck(prs: Any, briefing: Briefing, epoch: int | None) -> bytes:
    """The presentation as PPTX bytes, with the briefing's properties and pinned zip times."""
    _core_properties(prs, briefing)
    describe_presentation(prs)
    out = io.BytesIO()
    prs.save(out)
    return _pin_zip_times(out.getvalue(), briefing.date, epoch)


def _core_properties(prs: Any, briefing: Briefing) -> None:
    props = prs.core_properties
    moment = dt.datetime.combine(briefing.date, dt.time(0, 0))
    props.title = briefing.title
    props.author = briefing.author
    props.subject = briefing.subtitle or briefing.title
    # -- core properties hold at most 255 characters; keywords are the one that can grow --
    keywords = ", ".join(s.title for s in briefing.sections)
    props.keywords = keywords if len(keywords) <= 255 else keywords[:255].rsplit(",", 1)[0]
    props.created = moment
    props.modified = moment
    props.last_printed = moment
    props.last_modified_by = briefing.author
    props.revision = 1
    props.language = briefing.language
    props.category = briefing.classification or ""
    props.comments = ""


def describe_presentation(prs: Any) -> None:
    """Make the package tell the truth about the deck: the slide size's type (16:9 when it
    is), and the extended properties (docProps/app.xml) a file browser shows: the
    presentation format, the counts of slides, notes, words and paragraphs, and the slide
    titles. A template's leftovers ("On-screen Show (4:3)", "Slides 0") do not survive."""
    width, height = int(prs.slide_width), int(prs.slide_height)
    wide = height > 0 and abs(width / height - 16 / 9) < 0.001
    slide_size_type(prs, wide)
    app = next(
        (part for part in prs.part.package.iter_parts() if part.partname == "/docProps/app.xml"),
        None,
    )
    if app is None:
        return
    titles, words, paragraphs, notes = [], 0, 0, 0
    for slide in prs.slides:
        title = slide.shapes.title
        titles.append(title.text_frame.text if title is not None else "")
        for shape in slide.shapes:
            frames = [shape.text_frame] if shape.has_text_frame else []
            if getattr(shape, "has_table", False) and shape.has_table:
                frames += [cell.text_frame for row in shape.table.rows for cell in row.cells]
            for frame in frames:
                for p in frame.paragraphs:
                    if p.text.strip():
                        paragraphs += 1
                        words += len(p.text.split())
        if slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip():
            notes += 1
    fmt = "On-screen Show (16:9)" if wide else "Custom"
    values = {
        "Application": "briefing",
        "PresentationFormat": fmt,
        "Words": str(words),
        "Paragraphs": str(paragraphs),
        "Slides": str(len(titles)),
        "Notes": str(notes),
        "HiddenSlides": "0",
        "TotalTime": "0",
    }
    app_properties(app, values, titles)


def _pin_zip_times(data: bytes, day: dt.date, epoch: int | None) -> bytes:
    """Rewrite the zip with fixed entry times: the content's date, or SOURCE_DATE_EPOCH."""
    stamp = zip_date_time(day, epoch)
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
