"""Import WeasyPrint without its slow search for native libraries.

cffi finds each library WeasyPrint names with ``ctypes.util.find_library``.
WeasyPrint tries the Windows and macOS names before the Linux one, and on Linux
each name that is not found runs ldconfig, then gcc, then ld: about sixteen
misses, 0.2 s of a 0.6 s import, on the critical path of every cold PDF build
(Kozea/WeasyPrint#1125, #2073). While WeasyPrint is imported here, a name that
ldconfig's cache does not list is answered at once; any other name is searched
as before. Should a library be one only gcc or ld can find, the import is
simply done again the slow way.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import importlib
import io
import subprocess
import sys
from collections.abc import Iterator


def load() -> None:
    """Import WeasyPrint (once per process)."""
    if "weasyprint" in sys.modules:
        return
    listing = _ldconfig_listing()
    if listing:
        try:
            # -- WeasyPrint prints a banner before it fails; the retry below speaks for itself --
            with _misses_answered_from(listing), contextlib.redirect_stdout(io.StringIO()):
                importlib.import_module("weasyprint")
            return
        except OSError:
            _forget_weasyprint()
    importlib.import_module("weasyprint")


@contextlib.contextmanager
def _misses_answered_from(listing: bytes) -> Iterator[None]:
    """Answer ``find_library(name)`` with None at once when ``listing`` has no ``libNAME.``."""
    original = ctypes.util.find_library

    def find_library(name: str) -> str | None:
        return original(name) if b"lib" + name.encode() + b"." in listing else None

    ctypes.util.find_library = find_library
    try:
        yield
    finally:
        ctypes.util.find_library = original


def _ldconfig_listing() -> bytes:
    """``ldconfig -p``: the libraries the dynamic linker knows; empty where there is none."""
    try:
        done = subprocess.run(
            ["/sbin/ldconfig", "-p"],
            capture_output=True,
            env={"LC_ALL": "C", "LANG": "C"},
            check=False,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return b""
    return done.stdout if done.returncode == 0 else b""


def _forget_weasyprint() -> None:
    """Drop a half-done import, so the next one starts clean."""
    for name in [m for m in sys.modules if m == "weasyprint" or m.startswith("weasyprint.")]:
        del sys.modules[name]
