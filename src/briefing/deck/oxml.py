"""The deck's raw XML edits, below the writer: what python-pptx has no API for.

``python-pptx object -> same object, its XML edited``. As python-pptx keeps its ``oxml``
layer below its API, the deck stage keeps every direct edit of an lxml element here, as
small named functions: a decorative mark, the reading order, bullets, table rules,
slide-number fields, a run's capitals and superscript; and a new run's character
properties written at once (python-pptx has setters for them, at three times the cost).
The writer and the layout modules call only python-pptx's API and these;
``tests/test_deck_layers.py`` keeps it so.
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Sequence
from typing import Any
from xml.etree import ElementTree

from lxml import etree
from pptx.chart.axis import ValueAxis
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn

from briefing.deck.units import Length, Pt

DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
ADEC = "http://schemas.microsoft.com/office/drawing/2017/decorative"

# -- shapes: a decorative mark, the order they are read in, the theme's style --


def set_decorative(shape: Any) -> None:
    """Mark ``shape`` decorative with PowerPoint's own extension (``adec:decorative``)."""
    c_nv_pr = shape._element.find(".//" + qn("p:cNvPr"))
    ext_lst = c_nv_pr.find(qn("a:extLst"))
    if ext_lst is None:
        ext_lst = etree.SubElement(c_nv_pr, qn("a:extLst"))
    ext = etree.SubElement(ext_lst, qn("a:ext"))
    ext.set("uri", DECORATIVE_URI)
    mark = etree.SubElement(ext, f"{{{ADEC}}}decorative", nsmap={"adec": ADEC})
    mark.set("val", "1")


def is_decorative(shape: Any) -> bool:
    """Whether ``shape`` is marked decorative."""
    return shape._element.find(f".//{{{ADEC}}}decorative") is not None


def reorder_shapes(slide: Any, ordered: Sequence[Any]) -> None:
    """Put ``ordered`` (the slide's shapes) in the shape tree in that order: the tree order
    is the reading order. They go before the tree's own extension list, if it has one."""
    tree = slide.shapes._spTree
    for shape in ordered:
        tree.remove(shape._element)
    end = tree.find(qn("p:extLst"))
    for shape in ordered:
        if end is None:
            tree.append(shape._element)
        else:
            end.addprevious(shape._element)


def drop_theme_style(shape: Any) -> None:
    """Remove an autoshape's theme style: its effect reference draws a shadow in some
    viewers (LibreOffice)."""
    style = shape._element.find(qn("p:style"))
    if style is not None:
        shape._element.remove(style)


def to_back(shape: Any) -> None:
    """Move a shape behind every other shape on its slide."""
    tree = shape._element.getparent()
    tree.remove(shape._element)
    tree.insert(2, shape._element)  # after the group's own properties


def remove_shape(shape: Any) -> None:
    """Take ``shape`` (an unused placeholder) off its slide."""
    shape._element.getparent().remove(shape._element)


def copy_placeholder(slide: Any, placeholder: Any) -> Any:
    """A copy of a layout's ``placeholder`` on ``slide``, as a shape of the slide."""
    slide.shapes._spTree.append(copy.deepcopy(placeholder._element))
    return slide.shapes[-1]


# -- text: bullets, fields, capitals, superscript --


def bullet(p: Any, *, numbered: bool, number: int | None, indent: float, colour: str) -> None:
    """A paragraph's marker (square or number, or none) and hanging indent in points."""
    ppr = p._p.get_or_add_pPr()
    ppr.set("marL", str(int(Pt(indent))))
    ppr.set("indent", str(-int(Pt(indent))))
    for tag in ("a:buNone", "a:buChar", "a:buAutoNum", "a:buClr", "a:buFont", "a:buSzPct"):
        for old in ppr.findall(qn(tag)):
            ppr.remove(old)
    if number is None:  # -- the rest of a bullet begun on the slide before: no marker --
        etree.SubElement(ppr, qn("a:buNone"))
        return
    clr = etree.SubElement(ppr, qn("a:buClr"))
    etree.SubElement(clr, qn("a:srgbClr")).set("val", colour.lstrip("#"))
    if numbered:
        etree.SubElement(ppr, qn("a:buFont")).set("typeface", "+mj-lt")
        num = etree.SubElement(ppr, qn("a:buAutoNum"))
        num.set("type", "arabicPeriod")
        num.set("startAt", str(number))
    else:
        etree.SubElement(ppr, qn("a:buSzPct")).set("val", "70000")
        etree.SubElement(ppr, qn("a:buFont")).set("typeface", "Arial")
        etree.SubElement(ppr, qn("a:buChar")).set("char", "■")


def slide_number(p: Any, number: int, size: float, colour: str, font: str) -> None:
    """Append the slide's number to a paragraph, as a field."""
    # -- a real slide-number field, so the number stays right when slides move --
    fld = etree.SubElement(p._p, qn("a:fld"))
    fld.set("id", "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"slide/{number}")).upper() + "}")
    fld.set("type", "slidenum")
    rpr = etree.SubElement(fld, qn("a:rPr"))
    rpr.set("lang", "en-US")
    rpr.set("sz", str(int(size * 100)))
    fill = etree.SubElement(rpr, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr")).set("val", colour.lstrip("#"))
    etree.SubElement(rpr, qn("a:latin")).set("typeface", font)
    etree.SubElement(fld, qn("a:t")).text = str(number)


def restyle_slide_number_field(shape: Any, text: str, size: float, font: str) -> bool:
    """Set the first slide-number field of ``shape`` (a copied layout placeholder) to
    ``text`` at ``size`` points in ``font``, dropping any other field; False when it
    has none."""
    fields = shape._element.findall(".//" + qn("a:fld"))
    if not fields:
        return False
    fields[0].find(qn("a:t")).text = text
    for extra in fields[1:]:
        extra.getparent().remove(extra)
    rpr = fields[0].find(qn("a:rPr"))
    if rpr is None:
        rpr = etree.SubElement(fields[0], qn("a:rPr"))
        fields[0].insert(0, rpr)
    rpr.set("sz", str(int(size * 100)))
    for old in rpr.findall(qn("a:latin")):
        rpr.remove(old)
    etree.SubElement(rpr, qn("a:latin")).set("typeface", font)
    return True


def all_caps(run: Any) -> None:
    """Set ``run`` in capitals by its font (``cap="all"``), its text as written."""
    run.font._rPr.set("cap", "all")


def character_style(
    run: Any, *, typeface: str, size: Length, bold: bool, italic: bool, colour: str
) -> None:
    """Give a new ``run`` its character properties at once: the ``a:rPr`` that python-pptx's
    ``font.name``, ``size``, ``bold``, ``italic`` and ``color.rgb`` setters write, attribute
    for attribute, in a third of their time (each setter looks its elements up again, and a
    deck sets them on every run). ``colour`` is ``#rrggbb``; ``size`` a python-pptx length."""
    properties = etree.Element(qn("a:rPr"), sz=str(size.centipoints), b="1" if bold else "0")
    if italic:
        properties.set("i", "1")
    fill = etree.SubElement(properties, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr"), val=colour.lstrip("#").upper())
    etree.SubElement(properties, qn("a:latin"), typeface=typeface)
    r = run._r
    assert r.rPr is None, "character_style is for a run just added"
    r.insert(0, properties)


def superscript(run: Any) -> None:
    """Raise ``run`` as a superscript."""
    run.font._element.set("baseline", "30000")


# -- tables --


def table_header_only(table: Any) -> None:
    """A table styled with a header row and no banded rows."""
    tbl_pr = table._tbl.tblPr
    tbl_pr.set("bandRow", "0")
    tbl_pr.set("firstRow", "1")


def cell_rule(cell: Any, colour: str) -> None:
    """A hairline under each row, no vertical rules: the consulting-table look."""
    tc_pr = cell._tc.get_or_add_tcPr()
    for child in list(tc_pr):
        if child.tag in {qn("a:lnL"), qn("a:lnR"), qn("a:lnT"), qn("a:lnB")}:
            tc_pr.remove(child)
    for index, tag in enumerate(("a:lnL", "a:lnR", "a:lnT", "a:lnB")):  # schema order, first
        line = etree.Element(qn(tag), w="9525" if tag == "a:lnB" else "0")
        if tag == "a:lnB":
            fill = etree.SubElement(line, qn("a:solidFill"))
            etree.SubElement(fill, qn("a:srgbClr")).set("val", colour.lstrip("#"))
        else:
            etree.SubElement(line, qn("a:noFill"))
        tc_pr.insert(index, line)


# -- pictures and charts: alt text, axes, combo lines, layout, legend, doughnut --


def set_alt_text(shape: Any, text: str) -> None:
    """The alt text (``descr``) of a picture or a graphic frame (a chart)."""
    element = shape._element
    properties = element.nvPicPr if hasattr(element, "nvPicPr") else element.nvGraphicFramePr
    properties.cNvPr.set("descr", text)


def value_axis_crosses_at_maximum(value_axis: Any) -> None:
    """Make the other axis cross ``value_axis``'s categories at their maximum (python-pptx's
    setter writes the other axis's element)."""
    value_axis._element.find(qn("c:crosses")).set("val", "max")


def _plot_area(made: Any) -> Any:
    return made._chartSpace.find(f".//{qn('c:plotArea')}")


def lines_over_columns(made: Any, lines: dict[int, bool], secondary_ids: Sequence[str]) -> None:
    """Move the series ``lines`` names (index -> on the secondary axis) out of the column
    chart into line charts beside it: those on the left share the columns' axes, those on
    the right name ``secondary_ids`` (category, value), as PowerPoint writes a combo."""
    area = _plot_area(made)
    bars = area.find(qn("c:barChart"))
    primary = [el.get("val") for el in bars.findall(qn("c:axId"))]
    groups: dict[bool, list[Any]] = {False: [], True: []}
    for ser in bars.findall(qn("c:ser")):
        index = int(ser.find(qn("c:idx")).get("val"))
        if index in lines:
            bars.remove(ser)
            invert = ser.find(qn("c:invertIfNegative"))
            if invert is not None:
                ser.remove(invert)
            groups[lines[index]].append(ser)
    after = bars
    for secondary in (False, True):
        if not groups[secondary]:
            continue
        ids = secondary_ids if secondary else primary
        line = parse_xml(
            f'<c:lineChart {nsdecls("c")}><c:grouping val="standard"/>'
            '<c:varyColors val="0"/><c:marker val="1"/>'
            + "".join(f'<c:axId val="{i}"/>' for i in ids)
            + "</c:lineChart>"
        )
        marker = line.find(qn("c:marker"))
        for ser in groups[secondary]:
            marker.addprevious(ser)
        after.addnext(line)
        after = line


def add_secondary_axes(made: Any, category_id: str, value_id: str) -> ValueAxis:
    """A right-hand value axis and the hidden category axis it crosses at its maximum,
    after the plot area's other axes (before its own spPr and extLst); the value axis,
    for python-pptx's API to style."""
    area = _plot_area(made)
    value_el = parse_xml(
        f'<c:valAx {nsdecls("c")}><c:axId val="{value_id}"/><c:scaling>'
        '<c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="r"/>'
        '<c:majorTickMark val="out"/><c:minorTickMark val="none"/>'
        f'<c:tickLblPos val="nextTo"/><c:crossAx val="{category_id}"/>'
        '<c:crosses val="max"/><c:crossBetween val="between"/></c:valAx>'
    )
    category_el = parse_xml(
        f'<c:catAx {nsdecls("c")}><c:axId val="{category_id}"/><c:scaling>'
        '<c:orientation val="minMax"/></c:scaling><c:delete val="1"/><c:axPos val="b"/>'
        '<c:majorTickMark val="out"/><c:minorTickMark val="none"/>'
        f'<c:tickLblPos val="nextTo"/><c:crossAx val="{value_id}"/>'
        '<c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/>'
        '<c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
    )
    last = [el for el in area if _local_name(el) in {"valAx", "catAx", "dateAx", "serAx"}][-1]
    last.addnext(category_el)
    category_el.addnext(value_el)
    return ValueAxis(value_el)


def _local_name(element: Any) -> str:
    """An XML element's local name (a comment's is empty)."""
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def manual_plot_layout(made: Any, x: float, y: float, w: float, h: float) -> None:
    """Pin the plot's inner box at these fractions of the chart (a manual layout), and
    put categories between the ticks in every kind, lines too."""
    area = _plot_area(made)
    old = area.find(qn("c:layout"))
    if old is not None:
        area.remove(old)
    layout = etree.Element(qn("c:layout"))
    manual = etree.SubElement(layout, qn("c:manualLayout"))
    for tag, value in (
        ("layoutTarget", "inner"),
        ("xMode", "edge"),
        ("yMode", "edge"),
        ("x", f"{x:.6f}"),
        ("y", f"{y:.6f}"),
        ("w", f"{w:.6f}"),
        ("h", f"{h:.6f}"),
    ):
        etree.SubElement(manual, qn(f"c:{tag}")).set("val", value)
    area.insert(0, layout)
    value_axis = made.value_axis._element
    if value_axis.find(qn("c:crossBetween")) is None:
        between = etree.Element(qn("c:crossBetween"))
        between.set("val", "between")
        unit = value_axis.find(qn("c:majorUnit"))
        if unit is not None:
            unit.addprevious(between)
        else:
            value_axis.append(between)


def arrow_head(connector: Any) -> None:
    """A triangle at the end of ``connector``'s line."""
    ln = connector.line._get_or_add_ln()
    etree.SubElement(ln, qn("a:tailEnd")).set("type", "triangle")


def hole_size(plot: Any, percent: int) -> None:
    """A doughnut plot's hole, in per cent of its diameter."""
    hole = plot._element.find(qn("c:holeSize"))
    if hole is None:
        hole = etree.SubElement(plot._element, qn("c:holeSize"))
    hole.set("val", str(percent))


def hide_legend_entry(made: Any, index: int) -> None:
    """Leave series ``index`` out of the chart's legend."""
    legend = made.legend._element
    entry = etree.SubElement(legend, qn("c:legendEntry"))
    etree.SubElement(entry, qn("c:idx")).set("val", str(index))
    etree.SubElement(entry, qn("c:delete")).set("val", "1")
    # -- the schema's order: legendPos, legendEntry, layout, overlay, spPr, txPr --
    position = legend.find(qn("c:legendPos"))
    legend.remove(entry)
    (position.addnext if position is not None else legend.insert)(entry)


# -- a template's theme part (ppt/theme/themeN.xml): its colour and font schemes --

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def theme_body_font(xml: bytes) -> str:
    """The body (minor) typeface a theme part names; empty when it names none or is not
    XML. An untrusted file: no entity is resolved."""
    try:
        root = etree.fromstring(xml, etree.XMLParser(resolve_entities=False))
    except etree.XMLSyntaxError:
        return ""
    return _theme_font(root, "minorFont")


def theme_schemes(xml: bytes) -> tuple[dict[str, str], str, str]:
    """A theme part's colours (``#RRGGBB`` by scheme slot: ``dk1``, ``accent1``...; a
    system colour by its last value) and its heading and body typefaces."""
    root = etree.fromstring(xml)
    colours: dict[str, str] = {}
    scheme = root.find(f".//{{{_A}}}clrScheme")
    for slot in scheme if scheme is not None else []:
        name = etree.QName(slot).localname
        rgb = slot.find(f"{{{_A}}}srgbClr")
        system = slot.find(f"{{{_A}}}sysClr")
        value = rgb.get("val") if rgb is not None else None
        if value is None and system is not None:
            value = system.get("lastClr")
        if value:
            colours[name] = "#" + value.upper()
    return colours, _theme_font(root, "majorFont"), _theme_font(root, "minorFont")


def _theme_font(root: Any, kind: str) -> str:
    latin = root.find(f".//{{{_A}}}fontScheme/{{{_A}}}{kind}/{{{_A}}}latin")
    return latin.get("typeface", "") if latin is not None else ""


# -- the package: the slide size's type, the extended properties (docProps/app.xml) --

_EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"


def slide_size_type(prs: Any, wide: bool) -> None:
    """Name the slide size 16:9 (``screen16x9``) when it is ``wide``, else no named type."""
    size = prs.part._element.find(f"{{{_P}}}sldSz")
    if size is not None:
        if wide:
            size.set("type", "screen16x9")
        elif "type" in size.attrib:
            del size.attrib["type"]


def app_properties(app: Any, values: dict[str, str], titles: list[str]) -> None:
    """Rewrite the extended-properties part ``app``: each of ``values`` (by element name),
    and the slide ``titles`` in its titles of parts."""
    root = etree.fromstring(app.blob)
    for name, value in values.items():
        element = root.find(f"{{{_EP}}}{name}")
        if element is None:
            element = etree.SubElement(root, f"{{{_EP}}}{name}")
        element.text = value
    _titles_of_parts(root, titles)
    app._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _titles_of_parts(root: Any, titles: list[str]) -> None:
    """The heading pairs and titles of parts: the themes the template names, then every
    slide's title, with their counts."""
    pairs = root.find(f"{{{_EP}}}HeadingPairs/{{{_VT}}}vector")
    parts = root.find(f"{{{_EP}}}TitlesOfParts/{{{_VT}}}vector")
    if pairs is None or parts is None:
        return
    names = [e.text or "" for e in parts.findall(f"{{{_VT}}}lpstr")]
    variants = pairs.findall(f"{{{_VT}}}variant")
    counts: list[tuple[str, int]] = []
    for label, count in zip(variants[::2], variants[1::2], strict=False):
        counts.append(
            (label.findtext(f"{{{_VT}}}lpstr") or "", int(count.findtext(f"{{{_VT}}}i4") or 0))
        )
    # -- keep what the template lists before the slide titles (themes, fonts) --
    kept: list[tuple[str, int]] = []
    keep_names: list[str] = []
    offset = 0
    for label, count in counts:
        if label != "Slide Titles":
            kept.append((label, count))
            keep_names += names[offset : offset + count]
        offset += count
    kept.append(("Slide Titles", len(titles)))
    for child in list(pairs):
        pairs.remove(child)
    for label, count in kept:
        pair = etree.SubElement(pairs, f"{{{_VT}}}variant")
        etree.SubElement(pair, f"{{{_VT}}}lpstr").text = label
        pair = etree.SubElement(pairs, f"{{{_VT}}}variant")
        etree.SubElement(pair, f"{{{_VT}}}i4").text = str(count)
    pairs.set("size", str(2 * len(kept)))
    for child in list(parts):
        parts.remove(child)
    for name in [*keep_names, *titles]:
        etree.SubElement(parts, f"{{{_VT}}}lpstr").text = name
    parts.set("size", str(len(keep_names) + len(titles)))


# -- an untrusted template's package: its relationships, and what uses a dropped one --

_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NotXml = ElementTree.ParseError  # -- a part that is not well-formed XML --


def relationships(xml: bytes) -> list[dict[str, str]]:
    """The attributes of each relationship a ``.rels`` part lists, read before python-pptx
    opens the file (:class:`NotXml` when it is not well-formed)."""
    root = ElementTree.fromstring(xml)
    return [dict(rel.attrib) for rel in root.iter(f"{{{_RELS_NS}}}Relationship")]


def unreference(part: Any, rId: str) -> None:
    """Remove what in ``part``'s XML (if it has any) uses the relationship ``rId``: a link
    attribute, or the element that cannot be without it (a hyperlink, a linked object)."""
    element = getattr(part, "_element", None)
    if element is None:
        return
    link = f"{{{_R_NS}}}link"
    for node in list(element.iter()):
        for name, value in list(node.attrib.items()):
            if value != rId or not name.startswith(f"{{{_R_NS}}}"):
                continue
            if name == link:
                del node.attrib[name]
            elif node.getparent() is not None:
                node.getparent().remove(node)
            break


# -- a template's sample slides --


def drop_sample_slides(prs: Any) -> None:
    """Remove every slide from ``prs`` (a template's samples): the deck starts empty."""
    slide_ids = prs.slides._sldIdLst
    for sld in list(slide_ids):
        prs.part.drop_rel(sld.rId)
        slide_ids.remove(sld)
