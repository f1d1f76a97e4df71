"""Complete the PDF's tags where WeasyPrint 70 leaves them short of PDF/UA-1.

``bytes (tagged PDF from WeasyPrint) -> bytes (PDF/UA-1 by veraPDF)``, with pikepdf.
WeasyPrint tags every box, but four things it writes break the standard, and no template
can avoid them:

- a link's inner boxes (spans, ``::after``) each get their own link annotation, tagged
  ``Span`` or a ``Link`` inside the ``Link``: each link becomes one ``Link`` element
  holding its text and one annotation (others only where they cover more ground);
- the running heads and feet are tagged, but hang from no element of the tree: they
  become artifacts (pagination), which is what a reader should skip;
- table header cells carry IDs, but there is no ``/IDTree``: one is added;
- a link annotation's ``/Contents`` is its anchor (``lab``): it becomes the link's words
  (``link_names``, read from the HTML), so a screen reader says where it leads;
- a leader (``leader(". ")``, the contents' dots) is tagged as the link's text: marked
  content that draws only dots and spaces becomes an artifact (layout).

Everything else (letter spacing, hyphenation, list labels) is done in the templates, so
the text a reader copies is the text WeasyPrint drew.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Mapping
from typing import Any

import pikepdf
from lxml import html as lxml_html
from pikepdf import Array, Dictionary, Name, NameTree, NumberTree

_Objgen = tuple[int, int]
# -- pikepdf objects: its stubs type them loosely, so they are Any here --
_Obj = Any


def link_names(html: str) -> dict[str, str]:
    """What each link target is called in ``html``: its first link's ``aria-label``, or
    its words. Keys are as WeasyPrint writes them: an anchor without ``#``, or a URL."""
    names: dict[str, str] = {}
    for link in lxml_html.fromstring(html.encode("utf-8")).iter("a"):
        href = link.get("href")
        if not href:
            continue
        key = href[1:] if href.startswith("#") else href
        words = link.get("aria-label") or " ".join(
            part.strip() for part in link.itertext() if part.strip()
        )
        if words and key not in names:
            names[key] = words
    return names


def complete(data: bytes, *, names: Mapping[str, str]) -> bytes:
    """``data`` with the structure tree completed; identical bytes for identical input."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        tree = pdf.Root.get("/StructTreeRoot")
        if tree is None:
            return data
        parents = NumberTree(tree.ParentTree)
        reachable = {e.objgen for e in _elements(tree.K)}
        # -- page index -> {mcid: the kind of artifact it becomes} --
        artifacts: dict[int, dict[int, Name]] = {}
        _orphans(pdf, parents, reachable, artifacts)
        _links(pdf, tree, parents, names, _leaders(pdf), artifacts)
        _rewrite(pdf, artifacts)
        _id_tree(pdf, tree)
        out = io.BytesIO()
        pdf.save(
            out,
            deterministic_id=True,
            compress_streams=True,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
        )
        return out.getvalue()


def _kids(element: _Obj) -> list[object]:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, Array) else [kids]


def _is_element(obj: object) -> bool:
    return isinstance(obj, Dictionary) and obj.get("/Type", Name.StructElem) == Name.StructElem


def _elements(kids: _Obj) -> Iterator[_Obj]:
    """Every structure element under ``kids``, in reading order."""
    for kid in list(kids) if isinstance(kids, Array) else [kids]:
        if _is_element(kid) and "/S" in kid:
            yield kid
            yield from _elements(kid.get("/K", Array()))


def _orphans(
    pdf: pikepdf.Pdf,
    parents: NumberTree,
    reachable: set[_Objgen],
    artifacts: dict[int, dict[int, Name]],
) -> None:
    """Content whose element hangs from nothing (the margin boxes): pagination artifacts."""
    for index in range(len(pdf.pages)):
        mcids = parents.get(index)
        if not isinstance(mcids, Array):
            continue
        for mcid, element in enumerate(mcids):
            if isinstance(element, Dictionary) and element.objgen not in reachable:
                artifacts.setdefault(index, {})[mcid] = Name.Pagination
                mcids[mcid] = None


def _leaders(pdf: pikepdf.Pdf) -> set[tuple[int, int]]:
    """``(page index, mcid)`` of the marked content that draws nothing but dots and spaces."""
    found = set()
    for index, page in enumerate(pdf.pages):
        fonts = page.obj.get("/Resources", Dictionary()).get("/Font", Dictionary())
        maps: dict[str, dict[bytes, str]] = {}
        font: dict[bytes, str] | None = None
        mcid = -1
        text: list[str] = []
        # -- only the operators read below: a chart's thousands of path operators are skipped
        #    while parsing, not one by one in Python --
        for instruction in pikepdf.parse_content_stream(page, "BDC EMC Tf Tj TJ"):
            operands, operator = list(instruction.operands), str(instruction.operator)
            if operator == "BDC" and len(operands) == 2 and isinstance(operands[1], Dictionary):
                mcid, text = int(operands[1].get("/MCID", -1)), []
            elif operator == "EMC":
                if mcid >= 0 and text and set("".join(text)) <= {".", " "}:
                    found.add((index, mcid))
                mcid = -1
            elif operator == "Tf":
                key = str(operands[0])
                if key not in maps:
                    maps[key] = _to_unicode(fonts.get(key))
                font = maps[key]
            elif operator in ("Tj", "TJ") and mcid >= 0 and font is not None:
                strings = operands[0] if operator == "TJ" else [operands[0]]
                for item in strings:
                    if isinstance(item, pikepdf.String):
                        raw = bytes(item)
                        text += [font.get(raw[i : i + 2], "?") for i in range(0, len(raw), 2)]
    return found


def _to_unicode(font: _Obj) -> dict[bytes, str]:
    """A two-byte font's codes and the characters they stand for (its ToUnicode map)."""
    if not isinstance(font, Dictionary) or "/ToUnicode" not in font:
        return {}
    cmap = font.ToUnicode.read_bytes().decode("latin-1")
    pairs = re.findall(r"<([0-9a-fA-F]{4})>\s*<([0-9a-fA-F]+)>", cmap)
    return {bytes.fromhex(code): bytes.fromhex(text).decode("utf-16-be") for code, text in pairs}


def _rewrite(pdf: pikepdf.Pdf, artifacts: dict[int, dict[int, Name]]) -> None:
    """Turn the marked content listed in ``artifacts`` into artifacts of their kind."""
    begin = pikepdf.Operator("BDC")
    for index, kinds in artifacts.items():
        page = pdf.pages[index]
        # -- the page's instructions kept as parsed, but for the few marked content begins
        #    replaced: a page holds thousands, each copied into Python objects was a third
        #    of the PDF's completion --
        commands = pikepdf.parse_content_stream(page)
        for i, instruction in enumerate(commands):
            if instruction.operator != begin:
                continue
            operands = instruction.operands
            if (
                len(operands) == 2
                and isinstance(operands[1], Dictionary)
                and int(operands[1].get("/MCID", -1)) in kinds
            ):
                kind = kinds[int(operands[1].MCID)]
                commands[i] = pikepdf.ContentStreamInstruction(
                    [Name.Artifact, Dictionary(Type=kind)], begin
                )
        page.Contents = pdf.make_stream(pikepdf.unparse_content_stream(commands))


def _links(
    pdf: pikepdf.Pdf,
    tree: _Obj,
    parents: NumberTree,
    names: Mapping[str, str],
    leaders: set[tuple[int, int]],
    artifacts: dict[int, dict[int, Name]],
) -> None:
    """Each link one ``Link`` element: its marked content (leaders left out, as layout
    artifacts), then its annotations."""
    # -- where each annotation is: WeasyPrint's link annotations name no page (/P) --
    home = {a.objgen: page.obj for page in pdf.pages for a in page.obj.get("/Annots", Array())}
    index = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
    for element in list(_elements(tree.K)):
        if str(element.S) != "/Link" or str(element.P.get("/S")) == "/Link":
            continue
        if any(str(a.S) == "/Link" for a in _ancestors(element)):
            continue
        content: list[object] = []
        annotations: list[_Obj] = []
        _gather(element, element.get("/Pg"), content, annotations)
        kept = _keep(annotations)
        for annotation in annotations:
            if annotation.objgen in {a.objgen for a in kept}:
                continue
            page = home.get(annotation.objgen)
            if page is not None:
                page.Annots = Array(a for a in page.Annots if a.objgen != annotation.objgen)
            if "/StructParent" in annotation:
                del parents[int(annotation.StructParent)]
        kids: list[object] = []
        for item in content:
            if isinstance(item, tuple):
                mcid, page_ref = item
                page_index = index.get(page_ref.objgen) if page_ref is not None else None
                mcids = parents.get(page_index) if page_index is not None else None
                if page_index is not None and (page_index, mcid) in leaders:
                    artifacts.setdefault(page_index, {})[mcid] = Name.Layout
                    if isinstance(mcids, Array) and mcid < len(mcids):
                        mcids[mcid] = None
                    continue
                same = page_ref is not None and page_ref.objgen == element.Pg.objgen
                kids.append(mcid if same else Dictionary(Type=Name.MCR, Pg=page_ref, MCID=mcid))
                if isinstance(mcids, Array) and mcid < len(mcids):
                    mcids[mcid] = element
        for annotation in kept:
            kids.append(_objr(pdf, annotation, home.get(annotation.objgen, element.Pg)))
            target = _target(annotation)
            annotation.Contents = pikepdf.String(names.get(target, target))
            if "/StructParent" in annotation:
                parents[int(annotation.StructParent)] = element
        element.K = Array(kids)


def _ancestors(element: _Obj) -> Iterator[_Obj]:
    parent = element.get("/P")
    while isinstance(parent, Dictionary) and "/S" in parent:
        yield parent
        parent = parent.get("/P")


def _gather(
    element: _Obj,
    page: _Obj,
    content: list[object],
    annotations: list[_Obj],
) -> None:
    """The marked content (as ``(mcid, page)``) and annotations under ``element``."""
    page = element.get("/Pg", page)
    for kid in _kids(element):
        if isinstance(kid, int):
            content.append((kid, page))
        elif isinstance(kid, Dictionary) and kid.get("/Type") == Name.OBJR:
            annotations.append(kid.Obj)
        elif isinstance(kid, Dictionary) and kid.get("/Type") == Name.MCR:
            content.append((int(kid.MCID), kid.get("/Pg", page)))
        elif _is_element(kid):
            _gather(kid, page, content, annotations)


def _keep(annotations: list[_Obj]) -> list[_Obj]:
    """The annotations that are not inside another of the same link (each box of a link
    gets one; the outermost covers the others)."""
    kept: list[_Obj] = []
    for annotation in annotations:
        if not any(_inside(annotation, other) for other in kept):
            kept.append(annotation)
    return kept


def _inside(inner: _Obj, outer: _Obj) -> bool:
    a = [float(v) for v in inner.Rect]
    b = [float(v) for v in outer.Rect]
    slack = 0.5
    return (
        min(a[0], a[2]) >= min(b[0], b[2]) - slack
        and max(a[0], a[2]) <= max(b[0], b[2]) + slack
        and min(a[1], a[3]) >= min(b[1], b[3]) - slack
        and max(a[1], a[3]) <= max(b[1], b[3]) + slack
    )


def _objr(pdf: pikepdf.Pdf, annotation: _Obj, page: _Obj) -> _Obj:
    return pdf.make_indirect(Dictionary(Type=Name.OBJR, Obj=annotation, Pg=page))


def _target(annotation: _Obj) -> str:
    action = annotation.get("/A")
    if isinstance(action, Dictionary) and "/URI" in action:
        return str(action.URI)
    dest = annotation.get("/Dest")
    return str(dest) if isinstance(dest, pikepdf.String) else str(annotation.get("/Contents", ""))


def _id_tree(pdf: pikepdf.Pdf, tree: _Obj) -> None:
    """An ``/IDTree`` naming every element that carries an ``/ID`` (table headers)."""
    named = [e for e in _elements(tree.K) if "/ID" in e]
    if not named:
        return
    ids = NameTree.new(pdf)
    for element in named:
        ids[bytes(element.ID).decode("latin-1")] = element
    tree.IDTree = ids.obj
