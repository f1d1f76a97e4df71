"""WeasyPrint is imported without the slow search for libraries it cannot find, and
still imported when the quick way fails."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from briefing.pdf import engine


def _fresh(code: str) -> str:
    """Run ``code`` in a new interpreter (WeasyPrint not yet imported); its stdout."""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return done.stdout


@pytest.mark.skipif(not engine._ldconfig_listing(), reason="no ldconfig cache on this system")
def test_only_names_the_linker_knows_are_searched() -> None:
    # -- every name that reaches find_library is one it finds: no miss runs gcc and ld --
    out = _fresh(
        "import ctypes.util, json\n"
        "original, asked = ctypes.util.find_library, []\n"
        "def counting(name):\n"
        "    found = original(name)\n"
        "    asked.append([name, found])\n"
        "    return found\n"
        "ctypes.util.find_library = counting\n"
        "from briefing.pdf import engine\n"
        "engine.load()\n"
        "print(json.dumps(asked))\n"
    )
    asked = json.loads(out)
    assert asked, "WeasyPrint searched for no library at all"
    assert [name for name, found in asked if found is None] == []


@pytest.mark.skipif(not engine._ldconfig_listing(), reason="no ldconfig cache on this system")
def test_when_the_quick_import_fails_the_plain_one_still_typesets() -> None:
    # -- simulate a library only gcc or ld could find: under the quick lookup every
    #    dlopen fails; the import is forgotten, done again plainly, and works --
    out = _fresh(
        "import contextlib, cffi\n"
        "from briefing.pdf import engine\n"
        "real = cffi.FFI.dlopen\n"
        "@contextlib.contextmanager\n"
        "def nothing_found(listing):\n"
        "    def refuse(self, *args, **kwargs):\n"
        "        raise OSError('not found without gcc')\n"
        "    cffi.FFI.dlopen = refuse\n"
        "    try:\n"
        "        yield\n"
        "    finally:\n"
        "        cffi.FFI.dlopen = real\n"
        "engine._misses_answered_from = nothing_found\n"
        "forgotten = []\n"
        "forget = engine._forget_weasyprint\n"
        "engine._forget_weasyprint = lambda: (forgotten.append(1), forget())\n"
        "engine.load()\n"
        "import weasyprint\n"
        "print(len(forgotten), weasyprint.HTML(string='<p>x</p>').write_pdf()[:5].decode())\n"
    )
    assert out == "1 %PDF-\n"  # -- one failed quick import, no banner, then a PDF --


def test_misses_are_answered_at_once_and_the_search_is_restored() -> None:
    import ctypes.util

    before = ctypes.util.find_library
    listing = b"\tlibpango-1.0.so.0 (libc6,x86-64) => /lib/libpango-1.0.so.0\n"
    with engine._misses_answered_from(listing):
        assert ctypes.util.find_library("libpango-1.0-0") is None
        assert ctypes.util.find_library("gobject-2.0") is None
    assert ctypes.util.find_library is before
