"""Old names of support.py's PDF helpers, kept for tests that import them from here; new
tests take the session's `builds` fixture (conftest.py) and import from support."""

from __future__ import annotations

from pathlib import Path

from support import FIXTURES, LONG_TABLE, MUSE_SPARK, ROOT, Built, one_line, straight

__all__ = ["FIXTURES", "LONG_TABLE", "MUSE_SPARK", "ROOT", "Built", "one_line", "straight"]


def build_briefing(source: Path, out_dir: Path) -> Built:
    """``source`` built into ``out_dir`` (each output on first use)."""
    return Built(source, out_dir)
