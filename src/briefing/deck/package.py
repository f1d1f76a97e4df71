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
from briefing.epoch import zip_date_time


def save_deck(prs: Any, briefing: Briefing, epoch: int | None) -> bytes:
    """The presentation as PPTX bytes, with the briefing's properties and pinned zip times."""
    _core_properties(prs, briefing)
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
