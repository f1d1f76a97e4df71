"""The deck stage keeps its layers: lengths are spelled one way, through
``briefing.deck.units`` (python-pptx's ``Emu``/``Pt``/``Inches`` and the few conversions
they lack), and no other deck module names the EMU-per-point ratio or imports
``pptx.util`` itself."""

from __future__ import annotations

import ast
import re
from pathlib import Path

DECK = Path(__file__).resolve().parent.parent / "src" / "briefing" / "deck"
UNITS = DECK / "units.py"
# -- EMU per point, per inch, and a point's share of an EMU, however they are written --
RATIO = re.compile(r"\b(12_?700|914_?400)\b|1\s*/\s*12_?700")


def deck_modules() -> list[Path]:
    found = sorted(DECK.rglob("*.py"))
    assert UNITS in found and len(found) > 10  # -- the check looks where the deck lives --
    return found


def imported(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_only_the_units_module_spells_the_emu_ratio() -> None:
    spelled = {
        f"{path.name}:{n}: {line.strip()}"
        for path in deck_modules()
        if path != UNITS
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if RATIO.search(line)
    }
    assert spelled == set(), "use briefing.deck.units (Pt, Emu, emu_cut...) instead"


def test_only_the_units_module_imports_pptx_lengths() -> None:
    direct = {
        path.name for path in deck_modules() if path != UNITS and "pptx.util" in imported(path)
    }
    assert direct == set(), "import Emu, Pt and Inches from briefing.deck.units"
