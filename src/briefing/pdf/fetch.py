"""Decide what typesetting may read: regular files inside the project's own folders, nothing else.

``str (URL) -> bytes``. WeasyPrint asks its URL fetcher for every stylesheet,
font, image and ``rel=attachment`` it meets. Content is untrusted, so the
fetcher given to it here refuses every scheme but ``file:`` (and ``data:image/``,
the pictures the page embeds, which read nothing), every host, every
path whose real location (symlinks resolved) is outside the allowed folders,
and anything that is not a regular file. It never opens a socket, so there is
no redirect to follow.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from briefing import inputs
from briefing.errors import InputError

MAX_READ = 50_000_000  # the largest bundled font is under 1 MB; anything this big is not ours


class Refused(ValueError):
    """A URL the fetcher will not read. WeasyPrint logs it and leaves the resource out."""


def allowed_path(url: str, roots: Sequence[Path]) -> Path:
    """The real path of the file ``url`` names inside ``roots``, or raise :class:`Refused`."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file":
        raise Refused(f"refused {url[:200]!r}: only the project's own files are read")
    if parts.netloc not in {"", "localhost"}:
        raise Refused(f"refused {url[:200]!r}: a file URL with a host")
    name = url2pathname(parts.path)
    if "\x00" in name or not os.path.isabs(name):
        raise Refused(f"refused {url[:200]!r}: not an absolute path")
    from briefing.project import Outside, confine

    try:
        # -- the one confinement rule: links resolved, then inside the roots --
        real = confine(name, roots=roots, what="file")
    except Outside as err:
        if "no such file" in err.reason:
            raise Refused(f"refused {url[:200]!r}: no such file") from None
        if "not a regular file" in err.reason:
            raise Refused(f"refused {url[:200]!r}: not a regular file") from None
        raise Refused(f"refused {url[:200]!r}: outside the templates and fonts") from None
    return real


class Unreadable(InputError):
    """A file the content names that may not or cannot be read: what, and how to mend it."""


@dataclass(frozen=True)
class Named:
    """A kind of file the content names, as a refusal words it: what it is (``picture``),
    the formats it may be, its largest size and how to make a file smaller."""

    noun: str
    kinds: str
    limit: int  # bytes
    shrink: str


def read_named(path: Path, *, root: Path, kind: Named) -> bytes:
    """The bytes of a file the content names (a picture, a data file), which must be a
    regular file inside ``root``, of at most ``kind.limit`` bytes: an input of the running
    build (:mod:`briefing.inputs`), even when missing or too large. Raise
    :class:`Unreadable` with the words a reader acts on."""
    inputs.note(path)  # -- before reading: a file that is missing is an input too --
    try:
        data = read_allowed(path.absolute().as_uri(), [root])
    except Refused as err:
        text = str(err)
        if "no such file" in text:
            raise Unreadable("no such file", f"put the {kind.noun} under {root}") from None
        if "outside" in text:
            raise Unreadable(
                "the file is outside the project's content folder",
                f"copy the {kind.noun} into {root} and name it relative to the source file",
            ) from None
        raise Unreadable(text, f"name a regular {kind.kinds} file") from None
    inputs.note(path, data)
    if len(data) > kind.limit:
        raise Unreadable(
            f"the file is too large ({len(data):,} bytes; at most {kind.limit:,})", kind.shrink
        )
    return data


def read_allowed(url: str, roots: Sequence[Path]) -> bytes:
    """The bytes of the file ``url`` names, if :func:`allowed_path` allows it."""
    real = allowed_path(url, roots)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(real, flags)
    except OSError as err:
        raise Refused(f"refused {real}: {err.strerror}") from None
    try:
        # -- checked on the open file: a FIFO or device swapped in after the check is refused --
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Refused(f"refused {real}: not a regular file")
        if info.st_size > MAX_READ:
            raise Refused(f"refused {real}: {info.st_size:,} bytes is too large")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read(MAX_READ + 1)
    finally:
        os.close(fd)


def _real_roots(roots: Sequence[Path]) -> list[Path]:
    return [Path(root).resolve() for root in roots]


def _data_url_bytes(url: str) -> bytes:
    import base64
    from urllib.parse import unquote_to_bytes

    header, _, payload = url.partition(",")
    if header.endswith(";base64"):
        return base64.b64decode(payload)
    return unquote_to_bytes(payload)


def confined_fetcher(roots: Sequence[Path]) -> Any:
    """A WeasyPrint URL fetcher that serves only regular files below ``roots``.

    Every refused URL is kept in its ``refused`` list, so a caller (or a test)
    can tell what the document asked for and did not get.
    """
    from briefing.pdf import engine

    engine.load()  # -- WeasyPrint imported the quick way (engine.py), then named here --
    import weasyprint

    real_roots = _real_roots(roots)

    class ConfinedFetcher(weasyprint.urls.URLFetcher):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__(allowed_protocols={"file"}, allow_redirects=False)
            self.refused: list[str] = []

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("data:image/"):
                # -- a picture the page embeds: its bytes are in the URL, nothing is read --
                return weasyprint.urls.URLFetcherResponse(url, _data_url_bytes(url), status=200)
            try:
                body = read_allowed(url, real_roots)
            except Refused:
                self.refused.append(url)
                raise
            return weasyprint.urls.URLFetcherResponse(url, body, status=200)

    return ConfinedFetcher()
