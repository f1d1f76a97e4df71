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


# -- raw XML: python-pptx's lxml elements and the private attributes that hand them out --
OXML = DECK / "oxml.py"
RAW_XML = re.compile(
    r"\bqn\(|\blxml\b|\.xpath\(|SubElement|\betree\b|\bparse_xml\b|\bnsdecls\b|\b_element\b"
    r"|\._(spTree|sldIdLst|tbl|tc|p|r|rPr|txBody|chartSpace|blob|get_or_add_\w+)\b"
    r"|\.getparent\(|\.addprevious\(|\.addnext\("
)
# -- modules whose XML work is not an edit below the writer, and why --
NOT_THE_WRITERS = {
    "slides.py": "reads the rendered HTML (lxml.html), before there is a deck",
}


def raw_xml_lines(path: Path) -> list[str]:
    return [
        f"{path.name}:{n}: {line.strip()}"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if RAW_XML.search(line) and not line.lstrip().startswith("#")
    ]


def test_only_the_xml_layer_edits_raw_xml() -> None:
    """The writer and the layout modules call python-pptx's API and
    :mod:`briefing.deck.oxml`; nothing else in the deck touches an lxml element."""
    found = [
        line
        for path in deck_modules()
        if path != OXML and path.name not in NOT_THE_WRITERS
        for line in raw_xml_lines(path)
    ]
    assert found == [], "move the edit into briefing.deck.oxml as a named function"


def test_the_xml_layer_check_sees_an_edit() -> None:
    # -- the pattern catches each way the deck used to reach an element --
    for line in [
        'shape._element.find(qn("p:style"))',
        "from lxml import etree",
        'root.xpath("./c:tx")',
        "etree.SubElement(ppr, x)",
        'run.font._rPr.set("cap", "all")',
        "made._chartSpace.find(x)",
        "parse_xml(f'<c:lineChart {nsdecls(\"c\")}>')",
        'getattr(part, "_element", None)',
        "shape.line._get_or_add_ln()",
        "from xml.etree import ElementTree",
    ]:
        assert RAW_XML.search(line), line
    assert raw_xml_lines(OXML)  # -- and the layer itself is where they are --
