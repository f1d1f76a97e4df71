"""The moments written into outputs: taken from the content, never from the clock.

Choice: the dates a reader sees (PDF and PPTX metadata) are the edition date
of the content. ``SOURCE_DATE_EPOCH`` (https://reproducible-builds.org), when
set to a whole number of seconds, is the time of the build stamps a reader
does not see: the deck's zip entry times (no earlier than 1980, where zip
time starts) and the timestamp fontTools writes into a subset font. When it is
not set those stamps are the edition date too, so the same source gives the
same bytes whenever and wherever it is built.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from contextlib import contextmanager

ZIP_EPOCH = 315532800  # 1980-01-01T00:00:00Z, the earliest time a zip entry can carry
LAST_EPOCH = 253402300799  # 9999-12-31T23:59:59Z


def source_date_epoch() -> int | None:
    """``SOURCE_DATE_EPOCH`` as seconds, or None when it is unset or not a whole number."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(value) if value.isascii() and value.isdigit() else None


def build_epoch(day: dt.date) -> int:
    """The build time to stamp: ``SOURCE_DATE_EPOCH`` if set, else midnight UTC of ``day``."""
    epoch = source_date_epoch()
    if epoch is not None:
        return min(epoch, LAST_EPOCH)  # beyond year 9999 no library can store it
    return int(dt.datetime.combine(day, dt.time(0, 0), tzinfo=dt.UTC).timestamp())


@contextmanager
def pinned_build_clock(day: dt.date) -> Iterator[None]:
    """Make libraries that honour ``SOURCE_DATE_EPOCH`` (fontTools) stamp :func:`build_epoch`.

    WeasyPrint subsets fonts with fontTools when HarfBuzz's subsetter is missing,
    and fontTools stamps the subset's ``head.modified`` with the current time.
    """
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(build_epoch(day))
    try:
        yield
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


_ZIP_FIRST = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
_ZIP_LAST = dt.datetime(2107, 12, 31, 23, 59, 58, tzinfo=dt.UTC)


def zip_date_time(day: dt.date, epoch: int | None) -> tuple[int, int, int, int, int, int]:
    """The time for zip entries: ``epoch`` if given, else ``day``, within what zip can hold.

    Zip stores local date and time from 1980 to 2107; a time outside is clamped
    to the nearest end, never an error.
    """
    if epoch is None:
        moment = dt.datetime.combine(day, dt.time(0, 0), tzinfo=dt.UTC)
    elif epoch <= ZIP_EPOCH:
        moment = _ZIP_FIRST
    else:
        try:
            moment = dt.datetime.fromtimestamp(epoch, tz=dt.UTC)
        except (OverflowError, OSError, ValueError):
            moment = _ZIP_LAST
    moment = min(max(moment, _ZIP_FIRST), _ZIP_LAST)
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
