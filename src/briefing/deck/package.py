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

from lxml import etree

from briefing.content.model import Briefing
from briefing.epoch import zip_date_time

_EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"


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
    size = prs.part._element.find(f"{{{_P}}}sldSz")
    if size is not None:
        if wide:
            size.set("type", "screen16x9")
        elif "type" in size.attrib:
            del size.attrib["type"]
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
    root = etree.fromstring(app.blob)
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
    for name, value in values.items():
        element = root.find(f"{{{_EP}}}{name}")
        if element is None:
            element = etree.SubElement(root, f"{{{_EP}}}{name}")
        element.text = value
    _titles_of_parts(root, titles)
    app._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _titles_of_parts(root: Any, titles: list[str]) -> None:
    """The heading pairs and titles of parts: the themes the template names, then every
    slide's title, with their counts."""
    pairs = root.find(f"{{{_EP}}}HeadingPairs/{{{_VT}}}vector")
    parts = root.find(f"{{{_EP}}}TitlesOfParts/{{{_VT}}}vector")
    if pairs is None or parts is None:
        return
    names = [e.text or "" for e in parts.findall(f"{{{_VT}}}lpstr")]
    variants = pairs.findall(f"{{{_VT}}}variant")
    counts: list[tuple[str, int]] = []
    for label, count in zip(variants[::2], variants[1::2], strict=False):
        counts.append(
            (label.findtext(f"{{{_VT}}}lpstr") or "", int(count.findtext(f"{{{_VT}}}i4") or 0))
        )
    # -- keep what the template lists before the slide titles (themes, fonts) --
    kept: list[tuple[str, int]] = []
    keep_names: list[str] = []
    offset = 0
    for label, count in counts:
        if label != "Slide Titles":
            kept.append((label, count))
            keep_names += names[offset : offset + count]
        offset += count
    kept.append(("Slide Titles", len(titles)))
    for child in list(pairs):
        pairs.remove(child)
    for label, count in kept:
        pair = etree.SubElement(pairs, f"{{{_VT}}}variant")
        etree.SubElement(pair, f"{{{_VT}}}lpstr").text = label
        pair = etree.SubElement(pairs, f"{{{_VT}}}variant")
        etree.SubElement(pair, f"{{{_VT}}}i4").text = str(count)
    pairs.set("size", str(2 * len(kept)))
    for child in list(parts):
        parts.remove(child)
    for name in [*keep_names, *titles]:
        etree.SubElement(parts, f"{{{_VT}}}lpstr").text = name
    parts.set("size", str(len(keep_names) + len(titles)))


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
