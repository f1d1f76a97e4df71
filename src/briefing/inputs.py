"""Record the files a build reads, as it reads them: ``reads -> Inputs``.

Every loader that opens a file the outputs are made from says so with one call,
:func:`note` (``inputs.note(path)``), the way Sphinx's ``env.note_dependency``
does. :func:`briefing.build.prepare` collects what was noted while it ran into
the :class:`Inputs` of the build; the cache keys on that set (with the engines'
versions) and ``briefing watch`` watches it. Nothing is guessed from the
source's text, so an input is never missed because of how it was written.

A loader that is not called during a build (a test, ``briefing fmt``) records
into nothing: :func:`note` outside :func:`recording` does nothing.

Adding an input kind (a data file, say) is one line in its loader::

    from briefing import inputs

    def load_table(path: Path) -> Table:
        inputs.note(path)  # -- before reading: a missing file is an input too --
        data = path.read_bytes()
        inputs.note(path, data)  # -- optional: the cache then hashes these bytes --
        ...
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
from collections.abc import Iterator
from pathlib import Path


class Inputs:
    """The files one build read (absolute, resolved), in the order first read."""

    def __init__(self) -> None:
        # -- each file, with the SHA-256 of the bytes the build used when its loader gave them --
        self._paths: dict[Path, bytes | None] = {}

    def add(self, path: Path, data: bytes | None = None) -> None:
        """Record ``path`` as read by this build (a file that does not exist yet counts:
        creating it changes the build). A loader that has the bytes gives them as
        ``data``: the cache then keys on exactly what was used, and reads nothing again."""
        key = Path(path).absolute().resolve()
        if data is not None and self._paths.get(key) is None:
            self._paths[key] = hashlib.sha256(data).digest()
        else:
            self._paths.setdefault(key, None)

    def digests(self) -> dict[Path, bytes]:
        """The SHA-256 of each file whose bytes its loader gave, by path."""
        return {path: digest for path, digest in self._paths.items() if digest is not None}

    @property
    def paths(self) -> tuple[Path, ...]:
        return tuple(self._paths)

    def __iter__(self) -> Iterator[Path]:
        return iter(tuple(self._paths))

    def __contains__(self, path: object) -> bool:
        return isinstance(path, Path) and path.absolute().resolve() in self._paths

    def __len__(self) -> int:
        return len(self._paths)


_CURRENT: contextvars.ContextVar[Inputs | None] = contextvars.ContextVar(
    "briefing_inputs", default=None
)


def note(path: Path, data: bytes | None = None) -> None:
    """Record that the running build reads ``path`` (whose bytes are ``data``, when the
    loader has them); outside a build, nothing."""
    current = _CURRENT.get()
    if current is not None:
        current.add(path, data)


@contextlib.contextmanager
def recording(into: Inputs | None = None) -> Iterator[Inputs]:
    """Collect what is noted inside the ``with`` block into ``into`` (or a new set)."""
    found = into if into is not None else Inputs()
    token = _CURRENT.set(found)
    try:
        yield found
    finally:
        _CURRENT.reset(token)
