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
        ...
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator
from pathlib import Path


class Inputs:
    """The files one build read (absolute, resolved), in the order first read."""

    def __init__(self) -> None:
        self._paths: dict[Path, None] = {}

    def add(self, path: Path) -> None:
        """Record ``path`` as read by this build (a file that does not exist yet counts:
        creating it changes the build)."""
        self._paths.setdefault(Path(path).absolute().resolve(), None)

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


def note(path: Path) -> None:
    """Record that the running build reads ``path``; outside a build, nothing."""
    current = _CURRENT.get()
    if current is not None:
        current.add(path)


@contextlib.contextmanager
def recording(into: Inputs | None = None) -> Iterator[Inputs]:
    """Collect what is noted inside the ``with`` block into ``into`` (or a new set)."""
    found = into if into is not None else Inputs()
    token = _CURRENT.set(found)
    try:
        yield found
    finally:
        _CURRENT.reset(token)
